"""Seed the holiday table with the official holidays and 调休 days of 2020–2026
(chinese-calendar's data); later years are entered by the office."""

from django.db import migrations


def seed(apps, schema_editor):
    from duban.reporting.workdays import seed_rows

    Holiday = apps.get_model("reporting", "Holiday")
    Holiday.objects.bulk_create(
        [Holiday(date=d, is_workday=w, name=n) for d, w, n in seed_rows()],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("reporting", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
