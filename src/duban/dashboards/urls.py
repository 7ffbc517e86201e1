from django.urls import path

from duban.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("plan/<int:plan_id>/", views.plan, name="plan"),
    path("cockpit/", views.cockpit, name="cockpit"),
]
