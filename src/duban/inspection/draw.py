"""The spot-check draw (随机抽查): fair, and verifiable by anyone.

The draw is a pure function of its recorded inputs: the population (task ids),
the stratum of each, the size per stratum and the seed. Ids are sorted and
strata taken in sorted order before sampling, so the database's row order never
matters. The generator is `random.Random(seed)` with a *string* seed: Python
hashes a str seed with SHA-512 (seeding version 2, the default since 3.2, and
documented as stable), so the same seed gives the same Mersenne Twister state —
and `sample` the same choices — on every run, machine and platform, unaffected
by PYTHONHASHSEED. `verify` re-runs the draw from what was stored.
"""

from __future__ import annotations

import random
import secrets

from django.db import transaction

from duban.audit.models import record
from duban.errors import Forbidden, UserError
from duban.inspection import access
from duban.inspection.models import SpotCheck
from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Task

NO_STRATUM = "（未分层）"


def draw(
    population_ids: list[int], strata: dict[int, str] | None, size: int, seed: str
) -> list[int]:
    """`size` ids from each stratum (all of a smaller stratum), reproducibly."""
    rng = random.Random(f"{seed}")
    ids = sorted(set(population_ids))
    groups: dict[str, list[int]] = {}
    for pk in ids:
        key = strata.get(pk, NO_STRATUM) if strata is not None else NO_STRATUM
        groups.setdefault(key, []).append(pk)
    drawn: list[int] = []
    for key in sorted(groups):
        members = groups[key]
        drawn.extend(sorted(rng.sample(members, min(size, len(members)))))
    return drawn


def stratum_of(task: Task, strata: str) -> str:
    """A task's stratum: its top-level section title, or its first lead unit's name."""
    if strata == SpotCheck.Strata.SECTION:
        return task.section_title or (task.section[0] if task.section else "") or NO_STRATUM
    if strata == SpotCheck.Strata.UNIT:
        leads = [a for a in task.assignments.all() if a.role == Role.LEAD]
        if leads:
            return leads[0].display_name
        return NO_STRATUM
    return NO_STRATUM


def population(plan, strata: str) -> tuple[list[int], dict[int, str] | None]:
    """The active tasks of the plan, and their strata (None when not stratified)."""
    tasks = (
        Task.objects.filter(plan=plan, state=TaskState.ACTIVE)
        .prefetch_related("assignments__unit", "assignments__person")
        .order_by("pk")
    )
    ids = [t.pk for t in tasks]
    if strata == SpotCheck.Strata.NONE:
        return ids, None
    return ids, {t.pk: stratum_of(t, strata) for t in tasks}


def create_spot_check(
    user,
    plan,
    title: str,
    kind: str,
    strata: str,
    size: int,
    seed: str | None = None,
    planned_for=None,
    notes: str = "",
) -> SpotCheck:
    """Draw and record a spot check; the seed is generated when none is given."""
    if not access.can_manage(user, plan.government_id):
        raise Forbidden("只有政府办（督查室）可以组织督查抽查。", "spot check by non-office")
    if size < 1:
        raise UserError("抽取数量至少为 1。", "size < 1")
    seed = (seed or "").strip() or secrets.token_hex(8)
    ids, groups = population(plan, strata)
    if not ids:
        raise UserError("该方案没有执行中的任务，无法抽取。", "empty population")
    drawn = draw(ids, groups, size, seed)
    with transaction.atomic():
        check = SpotCheck.objects.create(
            plan=plan,
            title=title.strip() or f"{plan} 随机抽查",
            kind=kind,
            strata=strata,
            size=size,
            seed=seed,
            population=[[pk, groups[pk]] for pk in ids] if groups is not None else ids,
            drawn=drawn,
            planned_for=planned_for,
            notes=notes,
            created_by=user,
        )
        record(
            "spot_check_drawn",
            check,
            after={"seed": seed, "size": size, "strata": strata, "population": len(ids)},
        )
    return check


def stored_population(check: SpotCheck) -> tuple[list[int], dict[int, str] | None]:
    """The population as recorded: plain ids, or [id, stratum] pairs when stratified."""
    rows = list(check.population or [])
    if rows and isinstance(rows[0], list | tuple):
        return [int(r[0]) for r in rows], {int(r[0]): str(r[1]) for r in rows}
    return [int(r) for r in rows], None


def verify(check: SpotCheck) -> bool:
    """Re-run the draw from the stored population and seed: same ids, same order."""
    ids, groups = stored_population(check)
    return draw(ids, groups, check.size, check.seed) == [int(x) for x in check.drawn or []]
