"""Bulletin (通报) and assessment (年终考核) pages under /bulletins/."""

from django.urls import path

from duban.inspection.views import assessment, bulletins

app_name = "bulletins"
urlpatterns = [
    path("", bulletins.index, name="index"),
    path("new/", bulletins.new, name="new"),
    path("<int:pk>/", bulletins.detail, name="detail"),
    path("<int:pk>/save/", bulletins.save, name="save"),
    path("<int:pk>/issue/", bulletins.issue, name="issue"),
    path("<int:pk>/docx/", bulletins.docx, name="docx"),
    path("<int:pk>/pdf/", bulletins.pdf, name="pdf"),
    path("assessment/", assessment.index, name="assessment"),
    path("assessment/<int:plan_pk>/units/<int:unit_pk>/", assessment.unit, name="unit_score"),
    path("assessment/scheme/", assessment.scheme, name="scheme"),
]
