"""No inline script anywhere: the Content-Security-Policy allows scripts only
from this site's files, so an inline <script>, an on… handler attribute, a
javascript: URL or an htmx attribute that evaluates code would simply not run.
Checked twice: in every template file, and in every page the matrix of
tests/web/test_permissions.py opens, as an administrator and as a unit user
(which also covers HTML written by Python code rather than templates)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client

import duban
from web.test_permissions import HTML, draft  # noqa: F401 (draft is the matrix's fixture)

TEMPLATES = sorted(Path(duban.__file__).parent.glob("**/templates/**/*.html"))

# Each pattern names one way of running script that is not a file of this site.
FORBIDDEN = {
    "inline <script>": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/json)[^>]*>", re.IGNORECASE
    ),
    "on… handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx hx-on handler": re.compile(r"\bhx-on", re.IGNORECASE),
    "htmx evaluated values": re.compile(r"hx-vars|hx-vals=[\"']\s*js:", re.IGNORECASE),
    "htmx event filter": re.compile(r"hx-trigger=\"[^\"]*\[", re.IGNORECASE),
}


def offences(text: str) -> list[str]:
    return [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">x()</script>',
        '<button type="button" onclick="window.print()">打印</button>',
        "<form method=post\n      onsubmit=\"return confirm('?')\">",
        '<a href="javascript:void(0)">x</a>',
        '<div hx-on::after-request="x()">',
        "<input hx-vals='js:{a: 1}'>",
        '<input hx-trigger="keyup[ctrlKey]">',
    ],
)
def test_the_checker_catches_each_kind_of_inline_script(snippet):
    assert offences(snippet), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/duban/duban.js"></script>',
        '<script type="application/json" id="chart-trend">{"a": 1}</script>',
        '<button type="button" data-print>打印</button>',
        '<form action="/x/" data-confirm="确定删除？">',
        '<input hx-trigger="input changed delay:300ms, search">',
        "<p>各单位要按时报送（online 填报）。</p>",
    ],
)
def test_the_checker_lets_scripts_from_files_and_data_attributes_pass(snippet):
    assert offences(snippet) == [], snippet


def test_no_template_has_inline_script():
    assert len(TEMPLATES) > 50, "found the templates"
    found = {
        str(path.relative_to(Path(duban.__file__).parent)): offences(path.read_text())
        for path in TEMPLATES
    }
    assert {name: kinds for name, kinds in found.items() if kinds} == {}


def test_every_script_a_template_loads_is_a_static_file_of_this_site():
    sources = set()
    for path in TEMPLATES:
        sources |= set(re.findall(r"<script src=\"\{% static '([^']+)' %\}\"", path.read_text()))
    assert {"vendor/htmx.min.js", "duban/duban.js", "vendor/echarts.min.js"} <= sources
    assert [s for s in sources if not finders.find(s)] == []


@pytest.mark.parametrize("persona", ["admin", "fgw"])
def test_no_page_of_the_matrix_has_inline_script(persona, world, draft):  # noqa: F811
    client = Client()
    client.force_login(world.users[persona])
    checked = 0
    for row in (r for r in HTML if r.method == "get"):
        # Each row builds what its URL needs (a report, a bulletin…): rolled back
        # after, so rows do not collide the way they never do in the matrix.
        with transaction.atomic():
            response = client.get(row.url(world, draft))
            transaction.set_rollback(True)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        assert offences(response.content.decode()) == [], row.route
        checked += 1
    assert checked > 20, "opened the pages"
