from django.urls import path

from duban.ledger.views import browse, drafts, importing, names, review

app_name = "ledger"
urlpatterns = [
    path("plans/", browse.plans, name="plans"),
    path("plans/import/", importing.import_notice, name="import"),
    path("plans/<int:pk>/", browse.plan, name="plan"),
    path("plans/<int:pk>/tasks/", browse.tasks, name="tasks"),
    path("plans/<int:pk>/review/", review.review, name="review"),
    path("plans/<int:pk>/review/names/<int:rid>/", names.decide_name, name="decide_name"),
    path("plans/<int:pk>/review/tasks/<int:tid>/", drafts.edit_task, name="edit_task"),
    path("plans/<int:pk>/confirm/", drafts.confirm, name="confirm"),
    path("plans/<int:pk>/discard/", drafts.discard, name="discard"),
    path("tasks/<int:pk>/", browse.task, name="task"),
    path("my/unit/", browse.my_unit, name="my_unit"),
    path("my/tasks/", browse.my_tasks, name="my_tasks"),
]
