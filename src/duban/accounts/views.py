"""Login, logout, password change, and the office administrators' user pages.

Logins are throttled by django-axes (configured in settings): its backend
refuses a locked-out username and address, and its middleware answers with
accounts/locked_out.html. An administrator bound to a government sees and
creates only that government's users; one with no government manages all.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from duban.accounts import services, sessions
from duban.accounts.choices import UNIT_ROLES, Role
from duban.accounts.forms import (
    ChinesePasswordChangeForm,
    EditUserForm,
    LoginForm,
    LogoutEverywhereForm,
    NewUserForm,
)
from duban.errors import UserError
from duban.ledger.access import can_manage

login = auth.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)

# Django's LogoutView answers only POST: a link or an image cannot log anyone out.
logout = auth.LogoutView.as_view()


class PasswordChangeView(auth.PasswordChangeView):
    """The user's own account page: change the password, or log out everywhere.

    Django's view keeps this session (update_session_auth_hash) while the new
    password hash ends every other session of the user."""

    template_name = "accounts/password.html"
    form_class = ChinesePasswordChangeForm
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("everywhere_form", LogoutEverywhereForm(self.request.user))
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "密码已修改，您在其他设备上的登录已全部退出。")
        return response


password = PasswordChangeView.as_view()


@require_POST
@login_required
def logout_everywhere(request):
    form = LogoutEverywhereForm(request.user, request.POST)
    if not form.is_valid():
        context = {"form": ChinesePasswordChangeForm(request.user), "everywhere_form": form}
        return render(request, PasswordChangeView.template_name, context)
    tokens = sessions.logout_everywhere(request)
    note = f"，{tokens} 个接口令牌已作废" if tokens else ""
    messages.success(request, f"已退出所有设备上的登录{note}。请重新登录。")
    return redirect("accounts:login")


def admin_only(view):
    """Anonymous users go to the login page; anyone but an office administrator gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied("只有政府办管理员可以管理用户。")
        return view(request, *args, **kwargs)

    return wrapped


def _posted(request):
    """The submitted data, also when it is empty (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def manageable_users(admin):
    """The users an administrator may see and edit."""
    users = get_user_model().objects.select_related("government", "unit", "person")
    if admin.government_id is None:
        return users
    gov = admin.government_id
    return users.filter(
        Q(government_id=gov) | Q(unit__government_id=gov) | Q(person__government_id=gov)
    ).distinct()


@admin_only
def users(request):
    people = manageable_users(request.user).order_by("-is_active", "role", "username")
    role = request.GET.get("role", "")
    if role in Role.values:
        people = people.filter(role=role)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(
            Q(username__icontains=query)
            | Q(unit__name__icontains=query)
            | Q(person__name__icontains=query)
        )
    return render(
        request,
        "accounts/users.html",
        {"people": people, "roles": Role.choices, "role": role, "q": query},
    )


@admin_only
def new_user(request):
    admin = request.user
    form = NewUserForm(_posted(request), admin=admin)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        role = data["role"]
        unit = data["unit"] if role in UNIT_ROLES else None
        person = data["person"] if role == Role.LEADER else None
        if unit is not None:
            government = unit.government
        elif person is not None:
            government = person.government
        elif admin.government_id:
            government = admin.government
        else:
            government = data.get("government")
        try:
            user = services.create_user(
                data["username"],
                role,
                data["password1"],
                unit=unit.name if unit else None,
                person=person.name if person else None,
                government=government.name if government else None,
            )
        except UserError as exc:
            form.add_error(None, exc.message_zh)
        else:
            messages.success(request, f"已新建用户 {user.username}（{user.get_role_display()}）。")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@admin_only
def edit_user(request, pk):
    target = get_object_or_404(manageable_users(request.user), pk=pk)
    form = EditUserForm(_posted(request), instance=target, admin=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if user.pk == request.user.pk and form.new_password:
            update_session_auth_hash(request, user)
        note = "，密码已重置" if form.new_password else ""
        messages.success(request, f"已保存用户 {user.username}{note}。")
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "target": target})
