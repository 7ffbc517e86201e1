"""Sets the audit actor for the duration of each request."""

from duban.audit.context import acting_as


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        with acting_as(user, ip=request.META.get("REMOTE_ADDR"), via="web"):
            return self.get_response(request)
