"""Resolving names printed in a notice against a government's directory.

Each name resolves in the first way that works: exactly (a unit's full name),
by an alias or short name, by its normalised form (区发改局 = 平安区发改局), or
not at all, in which case the closest units are offered as suggestions
(edit distance, abbreviation, pinyin initials) for a person to decide.
The resolver loads the directory once, so resolving a whole plan costs a
fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from duban.directory.models import Government, Person, Unit
from duban.directory.names import normalise
from duban.directory.pinyin import initials
from duban.extract.chinese import fold, squeeze

EXACT, ALIAS, NORMALISED, UNRESOLVED = "exact", "alias", "normalised", "unresolved"
_SUGGEST_MIN = 60
_SUGGEST_MAX = 5
_INSTITUTION = "局委办厅处"


@dataclass
class Resolution:
    name: str
    method: str
    target: Unit | Person | None = None
    suggestions: list[tuple[int, str, int]] = field(default_factory=list)  # (id, name, score)

    @property
    def resolved(self) -> bool:
        return self.target is not None


class UnitResolver:
    def __init__(self, government: Government):
        self.government = government
        self.by_name: dict[str, Unit] = {}
        self.by_alias: dict[str, Unit] = {}
        self.by_normal: dict[str, Unit] = {}
        self.candidates: list[tuple[Unit, str, str]] = []
        for unit in Unit.objects.filter(government=government).prefetch_related("aliases"):
            self.add(unit)

    def add(self, unit: Unit) -> None:
        self.by_name[_key(unit.name)] = unit
        for name in unit.all_names():
            self.by_alias.setdefault(_key(name), unit)
            normal = normalise(name, self.government.name)
            self.by_normal.setdefault(normal, unit)
            self.candidates.append((unit, normal, initials(normal)))

    def resolve(self, name: str) -> Resolution:
        key = _key(name)
        if unit := self.by_name.get(key):
            return Resolution(name, EXACT, unit)
        if unit := self.by_alias.get(key):
            return Resolution(name, ALIAS, unit)
        normal = normalise(name, self.government.name)
        if unit := self.by_normal.get(normal):
            return Resolution(name, NORMALISED, unit)
        return Resolution(name, UNRESOLVED, None, self.suggest(normal))

    def suggest(self, normal: str) -> list[tuple[int, str, int]]:
        letters = initials(normal)
        best: dict[int, tuple[int, str, int]] = {}
        for unit, candidate, candidate_letters in self.candidates:
            score = int(fuzz.ratio(normal, candidate))
            if _is_abbreviation(normal, candidate) or _is_abbreviation(candidate, normal):
                score = max(score, 85)
            if letters and letters == candidate_letters:
                score = max(score, 80)
            if score >= _SUGGEST_MIN and score > best.get(unit.pk, (0, "", 0))[2]:
                best[unit.pk] = (unit.pk, unit.name, score)
        return sorted(best.values(), key=lambda s: (-s[2], s[1]))[:_SUGGEST_MAX]


class PersonResolver:
    def __init__(self, government: Government):
        self.people = {_key(p.name): p for p in Person.objects.filter(government=government)}

    def add(self, person: Person) -> None:
        self.people[_key(person.name)] = person

    def resolve(self, name: str) -> Resolution:
        key = _key(name)
        if person := self.people.get(key):
            return Resolution(name, EXACT, person)
        scored = [
            (p.pk, p.name, int(fuzz.ratio(key, k)))
            for k, p in self.people.items()
            if fuzz.ratio(key, k) >= _SUGGEST_MIN
        ]
        return Resolution(name, UNRESOLVED, None, sorted(scored, key=lambda s: -s[2])[:5])


def _key(name: str) -> str:
    return squeeze(fold(name))


def _is_abbreviation(short: str, full: str) -> bool:
    """发改委 abbreviates 发展和改革委员会: its characters appear in order, and
    it shares the full name's first character."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    if short[-1] in _INSTITUTION and short[-1] not in full:
        # 发改局 for 发展和改革委员会: the kind of office is often printed loosely.
        short = short[:-1]
    rest = iter(full)
    return len(short) >= 2 and all(ch in rest for ch in short)
