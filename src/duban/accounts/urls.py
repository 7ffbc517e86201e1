from django.urls import path

from duban.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password, name="password"),
    path("logout-everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("users/", views.users, name="users"),
    path("users/new/", views.new_user, name="new_user"),
    path("users/<int:pk>/", views.edit_user, name="edit_user"),
]
