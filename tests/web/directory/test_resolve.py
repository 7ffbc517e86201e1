"""Resolving printed names against the directory: exact, alias, normalised, suggested."""

from __future__ import annotations

import pytest

from duban.directory.models import Government, Person, Unit, UnitAlias
from duban.directory.names import normalise
from duban.directory.resolve import PersonResolver, UnitResolver


@pytest.fixture
def gov(db):
    gov = Government.objects.create(name="海东市平安区")
    fgw = Unit.objects.create(government=gov, name="区发展和改革委员会", short_name="区发改委")
    UnitAlias.objects.create(government=gov, unit=fgw, name="区发改局")
    Unit.objects.create(government=gov, name="区财政局")
    Unit.objects.create(government=gov, name="区自然资源局")
    Person.objects.create(government=gov, name="苏铨烨")
    return gov


@pytest.mark.parametrize(
    ("printed", "method", "unit"),
    [
        ("区发展和改革委员会", "exact", "区发展和改革委员会"),
        ("区发改委", "alias", "区发展和改革委员会"),
        ("区发改局", "alias", "区发展和改革委员会"),
        ("平安区发改局", "normalised", "区发展和改革委员会"),
        ("区 财政局", "exact", "区财政局"),
        ("财政局", "normalised", "区财政局"),
        ("海东市平安区财政局", "normalised", "区财政局"),
        ("區財政局", "exact", "区财政局"),
    ],
)
def test_a_printed_name_resolves_to_its_unit(gov, printed, method, unit):
    found = UnitResolver(gov).resolve(printed)
    assert (found.method, found.target.name) == (method, unit)


def test_an_unknown_name_is_unresolved_with_suggestions(gov):
    found = UnitResolver(gov).resolve("区自然资源和规划局")
    assert found.method == "unresolved" and found.target is None
    assert found.suggestions[0][1] == "区自然资源局"


def test_an_abbreviation_is_suggested_for_its_full_name(gov):
    Unit.objects.create(government=gov, name="区住房和城乡建设局")
    found = UnitResolver(gov).resolve("区住建局")
    assert [s[1] for s in found.suggestions][:1] == ["区住房和城乡建设局"]


def test_a_name_of_another_government_does_not_resolve(gov):
    other = Government.objects.create(name="某县")
    Unit.objects.create(government=other, name="县教育局")
    assert UnitResolver(gov).resolve("县教育局").method == "unresolved"


def test_resolving_a_whole_plan_costs_a_fixed_number_of_queries(gov, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        resolver = UnitResolver(gov)
        for name in ["区发改局", "区财政局", "未知单位", "区教育局"] * 20:
            resolver.resolve(name)


def test_leaders_resolve_by_name_and_suggest_near_misses(gov):
    people = PersonResolver(gov)
    assert people.resolve("苏 铨烨").target.name == "苏铨烨"
    miss = people.resolve("苏铨桦")
    assert miss.target is None and miss.suggestions[0][1] == "苏铨烨"


@pytest.mark.parametrize(
    ("name", "government", "expected"),
    [
        ("区发改局", None, "发改局"),
        ("平安区发改局", "海东市平安区", "发改局"),
        ("海东市平安区发改局", "海东市平安区", "发改局"),
        ("县人社局（县就业局）", None, "人社局"),
        ("三合镇", None, "三合镇"),
    ],
)
def test_normalise_drops_level_prefixes_and_bracketed_aliases(name, government, expected):
    assert normalise(name, government) == expected
