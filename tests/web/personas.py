"""The people of the test world, built once through the real importer.

One government (海东市平安区) with one active plan read from a small notice:

  task 1  lead 区发改局 (alias of 区发展和改革委员会), support 各乡镇人民政府; leader 苏铨烨
  task 2  lead 区财政局, support 区发改局; leader 王强
  task 3  lead 区教育局; leader 王强

Personas and what each may do:
  admin        office administrator of the government: everything, drafts included
  inspector    督查室: reads everything, changes nothing
  fgw          unit user of 区发展和改革委员会: tasks 1 (leads) and 2 (supports)
  fgw_head     unit head of the same unit: same view as fgw
  czj          unit user of 区财政局: task 2 only
  town         unit user of 三合镇, a member of 各乡镇人民政府: task 1 only
  jyj          unit user of 区教育局: task 3 only ("the other unit" for fgw)
  leader       苏铨烨, leader: task 1 only
  other_admin  office administrator of another government: none of this
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.accounts.choices import Role
from duban.accounts.models import ApiToken, User
from duban.directory.models import Government, Person, Unit, UnitAlias
from duban.ledger.importing import import_notice
from duban.ledger.models import Plan, Task
from duban.ledger.review import confirm

PASSWORD = "Duban-test-2026"
GOVERNMENT = "海东市平安区"

NOTICE = """海东市平安区人民政府办公室关于印发2022年政府工作报告任务分工方案的通知
平政办〔2022〕1号

一、重点工作
1. 推动重大规划编制，完成“十四五”规划中期评估。
牵头领导：苏铨烨
牵头单位：区发改局
责任单位：各乡镇人民政府
2. 全年一般公共预算收入增长6%以上。
牵头领导：王强
牵头单位：区财政局
责任单位：区发改局
3. 新建幼儿园3所，办好人民满意的教育。
牵头领导：王强
牵头单位：区教育局

海东市平安区人民政府办公室
2022年2月28日
"""


@dataclass
class World:
    government: Government
    plan: Plan
    tasks: list[Task]
    units: dict[str, Unit]
    users: dict[str, User]

    def token(self, persona: str) -> str:
        return ApiToken.issue(self.users[persona])


def build_world() -> World:
    gov = Government.objects.create(name=GOVERNMENT)
    fgw = Unit.objects.create(government=gov, name="区发展和改革委员会", short_name="区发改委")
    UnitAlias.objects.create(government=gov, unit=fgw, name="区发改局")
    czj = Unit.objects.create(government=gov, name="区财政局")
    jyj = Unit.objects.create(government=gov, name="区教育局")
    town = Unit.objects.create(government=gov, name="三合镇", kind="township")
    Person.objects.create(government=gov, name="苏铨烨", post="副区长")
    Person.objects.create(government=gov, name="王强", post="副区长")
    plan = import_notice(NOTICE.encode(), "notice.txt", gov)
    plan = confirm(plan, create_missing=True)
    collective = Unit.objects.get(government=gov, name="各乡镇人民政府")
    units = {"fgw": fgw, "czj": czj, "jyj": jyj, "town": town, "collective": collective}
    users = {
        "admin": _user("admin", Role.OFFICE_ADMIN, government=gov),
        "inspector": _user("inspector", Role.INSPECTOR, government=gov),
        "fgw": _user("fgw", Role.UNIT_USER, unit=fgw),
        "fgw_head": _user("fgw_head", Role.UNIT_HEAD, unit=fgw),
        "czj": _user("czj", Role.UNIT_USER, unit=czj),
        "town": _user("town", Role.UNIT_USER, unit=town),
        "jyj": _user("jyj", Role.UNIT_USER, unit=jyj),
        "leader": _user("leader", Role.LEADER, person=Person.objects.get(name="苏铨烨")),
        "other_admin": _user(
            "other_admin", Role.OFFICE_ADMIN, government=Government.objects.create(name="某县")
        ),
    }
    return World(gov, plan, list(plan.tasks.order_by("position")), units, users)


def _user(name: str, role: str, **links) -> User:
    user = User(username=name, role=role, **links)
    if user.unit_id:
        user.government = user.unit.government
    if user.person_id:
        user.government = user.person.government
    user.set_password(PASSWORD)
    user.save()
    return user
