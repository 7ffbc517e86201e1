"""Every refusal of the API as {"detail": "<Chinese>"}, never a traceback.

Clients (and the people reading their logs) get one shape for every error,
in the language of the rest of the system; the English reason goes to the log.
Each endpoint declares the codes it can answer with (see `responses`), so the
OpenAPI document is a complete contract.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from duban.errors import UserError

log = logging.getLogger("duban.api")


class ErrorOut(Schema):
    detail: str


class ConflictOut(Schema):
    """409: the request clashes with the plan's state; `unresolved` lists the
    printed names still waiting for a directory entry, when that is the cause."""

    detail: str
    unresolved: list[str] = []


UNAUTHENTICATED = "未登录或接口令牌无效：请在请求头中提供 Authorization: Bearer <令牌>，或先登录。"
CSRF_FAILED = "CSRF 校验失败：请刷新页面后重试（使用登录会话调用接口时需附带 X-CSRFToken 请求头）。"
NOT_FOUND = "请求的资源不存在，或您无权查看。"
INTERNAL = "服务器内部错误，请稍后重试；如问题持续，请联系管理员。"

_STATUS_MESSAGES = {
    400: "请求体无法解析：应为 JSON 对象。",
    401: UNAUTHENTICATED,
    403: "您没有执行此操作的权限。",
    404: NOT_FOUND,
    405: "不支持该请求方法。",
    413: "请求内容过大。",
    429: "请求过于频繁，请稍后再试。",
}

# Codes every endpoint can answer with: a request Django cannot parse (400,
# e.g. a broken multipart body or too many fields), no or a bad token (401), a
# session without its CSRF token or a role that may not (403), a malformed
# parameter or body (422).
_ALWAYS = (400, 401, 403, 422)


def responses(ok: dict, *codes: int) -> dict:
    """The `response=` mapping of an endpoint: its success schemas, the codes
    every authenticated endpoint can return, and the extra `codes` it names."""
    mapping = dict(ok)
    for code in (*_ALWAYS, *codes):
        mapping.setdefault(code, ConflictOut if code == 409 else ErrorOut)
    return mapping


def refuse(status: int, message: str) -> HttpError:
    """An HttpError whose Chinese message is the response's detail: `raise refuse(403, "…")`."""
    return HttpError(status, message)


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every failure into {"detail": …}."""

    def reply(request, status: int, detail: str, **extra):
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(UserError)
    def user_error(request, exc: UserError):
        log.info("api refused %s: %s", request.path, exc.reason_en)
        return reply(request, 422, exc.message_zh)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return reply(request, 422, describe_validation(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        return reply(request, 401, UNAUTHENTICATED)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        message = exc.message if _has_chinese(exc.message) else None
        return reply(
            request, exc.status_code, message or _STATUS_MESSAGES.get(exc.status_code, INTERNAL)
        )

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return reply(request, 404, NOT_FOUND)

    @api.exception_handler(SuspiciousOperation)
    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(BadRequest)
    def unparsable(request, exc: Exception):
        log.info("api bad request on %s: %s", request.path, exc)
        return reply(request, 400, "请求格式有误，无法解析请求内容。")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return reply(request, 413, too_big_message())

    @api.exception_handler(Exception)
    def crashed(request, exc: Exception):
        log.exception("api error on %s %s", request.method, request.path)
        return reply(request, 500, INTERNAL)


def too_big_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} 字节"
    return f"上传内容过大：上限为 {size}。"


_PROBLEMS = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为字符串",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "json_invalid": "不是合法的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
    "extra_forbidden": "不允许此项",
    "string_pattern_mismatch": "含有不允许的字符（如 NUL）",
}


def describe_validation(errors: list[dict]) -> str:
    """pydantic's English errors, as one Chinese sentence naming each field."""
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or '请求'}：{_problem(error)}")
    more = f"等 {len(errors)} 处" if len(errors) > 5 else ""
    return "请求参数有误：" + "；".join(parts) + more + "。"


def _problem(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _PROBLEMS:
        return _PROBLEMS[kind]
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于{'等于' if kind == 'greater_than' else ''} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于{'等于' if kind == 'less_than' else ''} {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_long":
        return f"不能超过 {ctx.get('max_length')} 个字符"
    if kind == "string_too_short":
        return f"至少 {ctx.get('min_length')} 个字符"
    if kind == "literal_error":
        return f"应为以下之一：{str(ctx.get('expected', '')).replace(' or ', ', ')}"
    return "格式不正确"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text or "")
