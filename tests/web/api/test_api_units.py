"""The unit directory through the API: search by any name or pinyin, and each unit's tasks."""

from __future__ import annotations


def _names(answer) -> list[str]:
    assert answer.status_code == 200, answer.json()
    return [u["name"] for u in answer.json()]


def test_units_are_found_by_name_alias_short_name_and_pinyin_initials(world, api):
    fgw = api("fgw")
    assert _names(fgw.get("/api/units", {"q": "fgw"})) == ["区发展和改革委员会"]
    assert _names(fgw.get("/api/units", {"q": "FGW"})) == ["区发展和改革委员会"]
    assert _names(fgw.get("/api/units", {"q": "区发改局"})) == ["区发展和改革委员会"]
    assert _names(fgw.get("/api/units", {"q": "平安区发改委"})) == ["区发展和改革委员会"]
    assert _names(fgw.get("/api/units", {"q": "财政"})) == ["区财政局"]
    assert _names(fgw.get("/api/units", {"q": "qczj"})) == ["区财政局"]
    assert _names(fgw.get("/api/units", {"q": "没有这个单位"})) == []


def test_the_directory_is_the_callers_government(world, api):
    everyone = set(_names(api("fgw").get("/api/units")))
    assert everyone == {"区发展和改革委员会", "区财政局", "区教育局", "三合镇", "各乡镇人民政府"}
    assert set(_names(api("leader").get("/api/units"))) == everyone
    assert _names(api("other_admin").get("/api/units")) == []
    assert _names(api("other_admin").get("/api/units", {"q": "fgw"})) == []


def test_a_unit_shows_its_aliases_and_collectives(world, api):
    fgw, town, collective = (world.units[k] for k in ("fgw", "town", "collective"))
    body = api("admin").get(f"/api/units/{fgw.pk}").json()
    assert body["short_name"] == "区发改委" and body["aliases"] == ["区发改局"]
    assert body["government"] == world.government.pk
    assert api("admin").get(f"/api/units/{town.pk}").json()["collectives"] == [collective.pk]
    assert api("admin").get(f"/api/units/{collective.pk}").json()["members"] == [town.pk]


def test_another_governments_unit_is_not_found(world, api):
    answer = api("other_admin").get(f"/api/units/{world.units['fgw'].pk}")
    assert answer.status_code == 404 and "找不到" in answer.json()["detail"]
    tasks = api("other_admin").get(f"/api/units/{world.units['fgw'].pk}/tasks")
    assert tasks.status_code == 404


def test_a_units_tasks_are_what_it_leads_or_supports_as_each_role_may_see_them(world, api):
    fgw = world.units["fgw"].pk
    url = f"/api/units/{fgw}/tasks"
    expected = {"admin": [1, 2], "inspector": [1, 2], "fgw": [1, 2], "fgw_head": [1, 2]}
    expected["leader"] = [1]  # 苏铨烨 leads task 1 only
    for persona, seqs in expected.items():
        answer = api(persona).get(url)
        assert answer.status_code == 200, persona
        assert [int(t["seq"]) for t in answer.json()["items"]] == seqs, persona
    lead = api("fgw").get(url, {"role": "lead"}).json()["items"]
    assert [t["seq"] for t in lead] == ["1"]


def test_a_township_sees_the_tasks_of_its_collective_as_its_own(world, api):
    answer = api("town").get(f"/api/units/{world.units['town'].pk}/tasks")
    assert [t["seq"] for t in answer.json()["items"]] == ["1"]
    assert answer.json()["count"] == 1


def test_a_unit_user_may_not_ask_for_another_units_tasks(world, api):
    answer = api("czj").get(f"/api/units/{world.units['fgw'].pk}/tasks")
    assert answer.status_code == 403 and "本单位" in answer.json()["detail"]
    collective = api("town").get(f"/api/units/{world.units['collective'].pk}/tasks")
    assert collective.status_code == 403


def test_a_search_with_a_nul_character_is_refused_not_sent_to_the_database(world, api):
    answer = api("fgw").get("/api/units", {"q": "发改\x00"})
    assert answer.status_code == 422 and "NUL" in answer.json()["detail"]
