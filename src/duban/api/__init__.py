"""The REST API (django-ninja), documented at /api/openapi.json and /api/docs.

Authentication is a bearer token (POST /api/auth/token) or the browser's
login session with its CSRF token; every error is {"detail": "<中文>"}.
Module by module: auth (tokens, who is calling), plans, tasks, units,
reporting (obligations, reports, evidence), followup (receipt, sub-items,
requests, instructions, timeline, notifications), schemas and
reporting_schemas (the JSON shapes) and errors (the one error shape).
"""

from ninja import NinjaAPI

from duban.api import auth, errors, followup, inspection, plans, reporting, tasks, units

api = NinjaAPI(
    title="督办 API",
    version="1",
    urls_namespace="api",
    auth=auth.AUTH,
    description=(
        "任务分工方案的导入、确认与查询；进展报送（起草、提交、审签、采纳与退回）、"
        "延期与办结申请、签收、领导批示、任务动态与通知。"
        "调用方式：先以 POST /api/auth/token 换取令牌，"
        "之后在请求头中附带 Authorization: Bearer <令牌>；浏览器中也可直接使用登录会话"
        '（需附带 X-CSRFToken 请求头）。所有错误均返回 {"detail": "中文说明"}。'
    ),
)
errors.install(api)
reporting.install(api)
api.add_router("/auth", auth.router)
api.add_router("/plans", plans.router)
api.add_router("/tasks", tasks.router)
api.add_router("/units", units.router)
api.add_router("/obligations", reporting.obligations)
api.add_router("/reports", reporting.reports)
api.add_router("/attachments", reporting.attachments)
api.add_router("/tasks", followup.tasks)
api.add_router("/sub-items", followup.sub_items)
api.add_router("/requests", followup.requests)
api.add_router("/instructions", followup.instructions)
api.add_router("/notifications", followup.notifications)
api.add_router("", inspection.router)
