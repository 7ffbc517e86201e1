"""Sets the audit actor for the duration of each request, and logs downloads."""

from duban.audit.context import acting_as
from duban.audit.downloads import is_download, record_download


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        with acting_as(user, ip=request.META.get("REMOTE_ADDR"), via="web"):
            response = self.get_response(request)
        if is_download(response):
            record_download(request, response)
        return response
