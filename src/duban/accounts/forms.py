"""Forms of the login, password and user administration pages.

Every label and message is written out in Chinese here rather than taken
from Django's translations, so a browser asking for another language still
shows the civil servant Chinese text.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from duban.accounts.choices import OFFICE_ROLES, UNIT_ROLES, Role
from duban.accounts.models import User
from duban.directory.models import Government, Person, Unit

PASSWORD_HELP = "12 至 128 个字符，任意文字均可，不能是常见密码，也不要与用户名相近。"
REQUIRED = {"required": "此项必填。"}


def style(form: forms.BaseForm) -> None:
    """Give each widget its Bootstrap class, so templates only lay fields out."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "用户名或密码不正确（区分大小写）。连续输错 "
            f"{settings.AXES_FAILURE_LIMIT} 次后账号将被暂时锁定。"
        ),
        "inactive": "该账号已停用，请联系政府办管理员。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].error_messages = {"required": "请输入用户名。"}
        self.fields["password"].label = "密码"
        self.fields["password"].error_messages = {"required": "请输入密码。"}
        style(self)


class ChinesePasswordChangeForm(PasswordChangeForm):
    error_messages = {
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        labels = {
            "old_password": "原密码",
            "new_password1": "新密码",
            "new_password2": "确认新密码",
        }
        for name, label in labels.items():
            self.fields[name].label = label
            self.fields[name].error_messages = REQUIRED
            self.fields[name].help_text = ""
        self.fields["new_password1"].help_text = PASSWORD_HELP
        style(self)


class LogoutEverywhereForm(forms.Form):
    """退出所有设备 asks for the password again (ASVS V3.3.4): a session left
    open on someone else's screen cannot be used to throw its owner out."""

    password = forms.CharField(
        label="当前密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "请输入当前密码。"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        style(self)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("当前密码不正确，请重新输入。")
        return password


class NewPasswordMixin:
    """Two password fields that must agree and pass the password validators."""

    def check_passwords(self, first: str, second: str, user=None):
        password, again = self.cleaned_data.get(first), self.cleaned_data.get(second)
        if not password and not again:
            # Optional and left empty, or required and already marked missing.
            return None
        if password != again:
            self.add_error(second, "两次输入的密码不一致。")
            return None
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            self.add_error(first, exc)
            return None
        return password


class UserFields(forms.Form):
    """The role and its links (government, unit, leader), limited to what the
    administrator may hand out: only their own government's units and leaders."""

    def limit_to(self, admin: User) -> None:
        units = Unit.objects.select_related("government").order_by("government__name", "name")
        people = Person.objects.select_related("government").order_by("government__name", "name")
        if admin.government_id:
            units = units.filter(government_id=admin.government_id)
            people = people.filter(government_id=admin.government_id)
            self.fields.pop("government", None)
        else:
            self.fields["unit"].label_from_instance = _with_government
            self.fields["person"].label_from_instance = _with_government
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people

    def check_role(self) -> None:
        role = self.cleaned_data.get("role")
        if role in UNIT_ROLES and not self.cleaned_data.get("unit"):
            self.add_error("unit", "单位经办人和单位负责人必须选择所属单位。")
        if role == Role.LEADER and not self.cleaned_data.get("person"):
            self.add_error("person", "领导账号必须选择对应的领导。")


def _with_government(obj) -> str:
    return f"{obj.government.name} · {obj.name}"


class NewUserForm(NewPasswordMixin, UserFields):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        validators=[
            UnicodeUsernameValidator(message="用户名只能包含汉字、字母、数字和 @ . + - _ 。")
        ],
        help_text="登录时使用，可以是汉字、字母或数字。",
        error_messages={**REQUIRED, "max_length": "用户名最多 150 个字符。"},
    )
    role = forms.ChoiceField(
        label="角色", choices=Role.choices, initial=Role.UNIT_USER, error_messages=REQUIRED
    )
    government = forms.ModelChoiceField(
        label="所属政府",
        queryset=Government.objects.all(),
        required=False,
        empty_label="（不限，可管理全部政府）",
        help_text="仅对政府办管理员、督查室账号有效。",
    )
    unit = forms.ModelChoiceField(
        label="所属单位",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="（请选择）",
        help_text="单位经办人、单位负责人必选。",
        error_messages={"invalid_choice": "请从列表中选择单位。"},
    )
    person = forms.ModelChoiceField(
        label="对应领导",
        queryset=Person.objects.none(),
        required=False,
        empty_label="（请选择）",
        help_text="领导账号必选，用于显示该领导牵头的任务。",
        error_messages={"invalid_choice": "请从列表中选择领导。"},
    )
    password1 = forms.CharField(
        label="密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
        error_messages=REQUIRED,
    )
    password2 = forms.CharField(
        label="确认密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, admin: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(admin)
        style(self)

    def clean(self):
        cleaned = super().clean()
        self.check_role()
        # An unsaved user, so the similarity rule compares the password with the new name.
        named = User(username=cleaned.get("username") or "")
        self.check_passwords("password1", "password2", named)
        return cleaned


class EditUserForm(NewPasswordMixin, UserFields, forms.ModelForm):
    new_password1 = forms.CharField(
        label="重置密码",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="留空则不修改密码。" + PASSWORD_HELP,
    )
    new_password2 = forms.CharField(
        label="确认新密码",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["role", "government", "unit", "person", "is_active"]
        labels = {
            "role": "角色",
            "government": "所属政府",
            "unit": "所属单位",
            "person": "对应领导",
            "is_active": "启用账号",
        }
        help_texts = {
            "government": "仅对政府办管理员、督查室账号有效；留空表示可管理全部政府。",
            "unit": "单位经办人、单位负责人必选。",
            "person": "领导账号必选。",
            "is_active": "停用后该账号不能再登录，已有记录保留。",
        }
        error_messages = {
            "role": REQUIRED,
            "unit": {"invalid_choice": "请从列表中选择单位。"},
            "person": {"invalid_choice": "请从列表中选择领导。"},
            "government": {"invalid_choice": "请从列表中选择政府。"},
        }

    def __init__(self, *args, admin: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.admin = admin
        self.limit_to(admin)
        self.fields["role"].choices = Role.choices
        self.fields["unit"].empty_label = "（无）"
        self.fields["person"].empty_label = "（无）"
        if "government" in self.fields:
            self.fields["government"].empty_label = "（不限）"
        style(self)

    def clean(self):
        cleaned = super().clean()
        self.check_role()
        if self.instance.pk == self.admin.pk:
            if cleaned.get("role") != Role.OFFICE_ADMIN:
                self.add_error("role", "不能修改自己的角色，以免失去管理权限。")
            if not cleaned.get("is_active"):
                self.add_error("is_active", "不能停用自己的账号。")
        self.new_password = self.check_passwords("new_password1", "new_password2", self.instance)
        return cleaned

    def _post_clean(self):
        # Links that do not belong to the role are dropped before the model's own
        # checks run, so a unit user turned leader does not keep a stale unit.
        role = self.cleaned_data.get("role")
        user = self.instance
        if role in OFFICE_ROLES:
            self.cleaned_data["unit"] = self.cleaned_data["person"] = None
            if self.admin.government_id:
                self.cleaned_data["government"] = self.admin.government
        elif role in UNIT_ROLES:
            self.cleaned_data["person"] = None
            unit = self.cleaned_data.get("unit")
            self.cleaned_data["government"] = unit.government if unit else None
        elif role == Role.LEADER:
            self.cleaned_data["unit"] = None
            person = self.cleaned_data.get("person")
            self.cleaned_data["government"] = person.government if person else None
        super()._post_clean()
        if "government" not in self.fields:
            user.government = self.cleaned_data.get("government", user.government)

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.new_password:
            user.set_password(self.new_password)
        if commit:
            user.save()
        return user
