"""Every page and action of the reporting cycle, under /reporting/."""

from django.urls import path

from duban.reporting.views import (
    approvals,
    attachments,
    holidays,
    notifications,
    obligations,
    reports,
    review,
    rules,
    tasks,
)

app_name = "reporting"
urlpatterns = [
    path("", obligations.index, name="obligations"),
    path("obligations/<int:pk>/", reports.obligation, name="obligation"),
    path("obligations/<int:pk>/start/", reports.start, name="start"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path("reports/<int:pk>/save/", reports.save, name="save"),
    path("reports/<int:pk>/autosave/", reports.autosave, name="autosave"),
    path("reports/<int:pk>/revise/", reports.revise, name="revise"),
    path("reports/<int:pk>/attachments/", attachments.upload, name="upload"),
    path("reports/<int:pk>/approve/", approvals.approve, name="approve"),
    path("reports/<int:pk>/accept/", review.accept, name="accept"),
    path("reports/<int:pk>/return/", review.return_report, name="return"),
    path("attachments/<int:pk>/", attachments.download, name="attachment"),
    path("approvals/", approvals.index, name="approvals"),
    path("review/", review.index, name="review"),
    path("requests/<int:pk>/decide/", review.decide, name="decide"),
    path("tasks/<int:pk>/receipt/", tasks.receipt, name="receipt"),
    path("tasks/<int:pk>/sub-items/", tasks.add_sub_item, name="add_sub_item"),
    path("sub-items/<int:pk>/done/", tasks.sub_item_done, name="sub_item_done"),
    path("tasks/<int:pk>/extension/", tasks.extension, name="extension"),
    path("tasks/<int:pk>/closure/", tasks.closure, name="closure"),
    path("tasks/<int:pk>/instructions/", tasks.instruct, name="instruct"),
    path("instructions/<int:pk>/answer/", tasks.answer, name="answer"),
    path("notifications/", notifications.index, name="notifications"),
    path("notifications/read/", notifications.read_all, name="read_all"),
    path("notifications/<int:pk>/read/", notifications.read, name="read"),
    path("settings/", rules.settings_index, name="settings"),
    path("plans/<int:pk>/rules/", rules.rules, name="rules"),
    path("plans/<int:pk>/rules/add/", rules.add_rule, name="add_rule"),
    path("rules/<int:pk>/generate/", rules.generate_rule, name="generate_rule"),
    path("rules/<int:pk>/deactivate/", rules.deactivate_rule, name="deactivate_rule"),
    path("holidays/", holidays.index, name="holidays"),
    path("holidays/<int:pk>/", holidays.edit, name="edit_holiday"),
    path("holidays/<int:pk>/delete/", holidays.delete, name="delete_holiday"),
]
