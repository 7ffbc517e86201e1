"""Every URL of the system, by app. The API lives under /api/ (see duban.api)."""

from django.urls import include, path

from duban.api import api
from duban.ledger.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/", include("duban.accounts.urls")),
    path("directory/", include("duban.directory.urls")),
    path("audit/", include("duban.audit.urls")),
    path("reporting/", include("duban.reporting.urls")),
    path("dashboards/", include("duban.dashboards.urls")),
    path("inspection/", include("duban.inspection.urls")),
    path("bulletins/", include("duban.inspection.urls_bulletins")),
    path("api/", api.urls),
    path("", include("duban.ledger.urls")),
]
