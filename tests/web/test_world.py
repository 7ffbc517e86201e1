"""The persona world itself: the importer, resolver and access rules agree on it."""

from duban.ledger.models import Task


def test_the_notice_resolves_aliases_and_creates_the_collective(world):
    first = world.tasks[0]
    lead = first.assignments.get(role="lead")
    assert lead.name == "区发改局" and lead.unit == world.units["fgw"]
    support = first.assignments.get(role="support")
    assert support.unit == world.units["collective"]
    assert list(world.units["collective"].members.all()) == [world.units["town"]]


def test_each_persona_sees_exactly_its_tasks(world):
    expected = {
        "admin": [1, 2, 3],
        "inspector": [1, 2, 3],
        "fgw": [1, 2],
        "fgw_head": [1, 2],
        "czj": [2],
        "town": [1],
        "jyj": [3],
        "leader": [1],
        "other_admin": [],
    }
    for persona, seqs in expected.items():
        visible = Task.objects.restrict(world.users[persona]).order_by("position")
        assert [int(t.seq) for t in visible] == seqs, persona
