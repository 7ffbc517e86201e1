from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "duban.reporting"
    label = "reporting"
    verbose_name = "进展报送"

    def ready(self):
        from duban.ledger.signals import plan_confirmed
        from duban.reporting.schedule import on_plan_confirmed

        plan_confirmed.connect(on_plan_confirmed, dispatch_uid="reporting.set_up")
