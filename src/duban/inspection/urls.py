"""Inspection pages under /inspection/: spot checks, findings and their evidence."""

from django.urls import path

from duban.inspection.views import assign, spot_checks

app_name = "inspection"
urlpatterns = [
    path("spot-checks/", spot_checks.index, name="spot_checks"),
    path("spot-checks/new/", spot_checks.new, name="new_spot_check"),
    path("spot-checks/<int:pk>/", spot_checks.detail, name="spot_check"),
    path(
        "spot-checks/<int:pk>/tasks/<int:task_pk>/finding/",
        spot_checks.finding,
        name="record_finding",
    ),
    path("findings/", spot_checks.finding_list, name="findings"),
    path("evidence/<int:pk>/", spot_checks.evidence, name="evidence"),
    path("tasks/<int:pk>/inspectors/", assign.inspectors, name="inspectors"),
]
