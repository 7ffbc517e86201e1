"""Creating users, shared by the command line and the administrators' pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from duban.accounts.choices import OFFICE_ROLES, Role
from duban.directory.models import Government, Person, Unit
from duban.errors import UserError


def create_user(
    username: str,
    role: str,
    password: str,
    *,
    unit: str | None = None,
    person: str | None = None,
    government: str | None = None,
):
    """Create a user; unit and person are looked up by name (or alias) in the directory."""
    User = get_user_model()
    if role not in Role.values:
        raise UserError(f"未知角色：{role}", f"unknown role {role}")
    if User.objects.filter(username=username).exists():
        raise UserError(f"用户名 {username} 已存在。", "username taken")
    try:
        # Checked against an unsaved user of that name: the password must not resemble it.
        validate_password(password, User(username=username))
    except ValidationError as exc:
        raise UserError("密码不符合要求：" + "；".join(exc.messages), "weak password") from exc
    gov = _government(government)
    user = User(username=username, role=role, government=gov)
    if role in (Role.UNIT_USER, Role.UNIT_HEAD):
        user.unit = find_unit(unit, gov)
        user.government = user.unit.government
    elif role == Role.LEADER:
        user.person = _person(person or username, gov)
        user.government = user.person.government
    elif role not in OFFICE_ROLES:
        raise UserError(f"未知角色：{role}", f"unknown role {role}")
    user.set_password(password)
    user.save()
    return user


def find_unit(name: str | None, government: Government | None = None) -> Unit:
    if not name:
        raise UserError("单位经办人和单位负责人必须用 --unit 指定所属单位。", "no unit given")
    units = Unit.objects.all()
    if government is not None:
        units = units.filter(government=government)
    found = list(units.filter(name=name)) or list(units.filter(aliases__name=name))
    found = found or list(units.filter(short_name=name))
    if not found:
        raise UserError(f"单位目录中没有“{name}”，请先导入方案或在单位目录中新建。", "no unit")
    if len(found) > 1:
        raise UserError(f"有多个政府都有“{name}”，请用 --government 指明。", "ambiguous unit")
    return found[0]


def _person(name: str, government: Government | None) -> Person:
    people = Person.objects.filter(name=name)
    if government is not None:
        people = people.filter(government=government)
    found = list(people)
    if len(found) != 1:
        raise UserError(
            f"领导名单中没有唯一的“{name}”，请先导入方案或用 --government 指明。", "no person"
        )
    return found[0]


def _government(name: str | None) -> Government | None:
    if not name:
        return None
    try:
        return Government.objects.get(name=name)
    except Government.DoesNotExist:
        raise UserError(f"没有名为“{name}”的政府。", "no government") from None
