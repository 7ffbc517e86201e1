from django.urls import path

from duban.directory import views

app_name = "directory"
urlpatterns = [
    path("units/", views.units, name="units"),
    path("units/new/", views.new_unit, name="new_unit"),
    path("units/import/", views.import_units, name="import_units"),
    path("units/pick/", views.pick_unit, name="pick_unit"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/edit/", views.edit_unit, name="edit_unit"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/edit/", views.edit_person, name="edit_person"),
]
