"""The Plan / Task model and its JSON form (see shared/spec/plan-json.md)."""

from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """The notice's header: 文号, issuing office, title, 成文日期, work year."""

    doc_number: str | None = None
    issuer: str | None = None
    title: str | None = None
    issue_date: str | None = None
    year: int | None = None


@dataclass
class Diagnostic:
    """Something a reviewer should look at, naming the task or line it concerns."""

    code: str
    message: str
    line: int | None = None
    seq: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Task:
    """One numbered task (or an unnumbered target paragraph, seq "") of a plan."""

    content: str
    seq: str = ""
    section: list[str] = field(default_factory=list)
    list: str | None = None
    # Below the `list` field the name means that field's default (None), not
    # the builtin: the factories name the builtin explicitly.
    lead_leaders: list[str] = field(default_factory=builtins.list)
    lead_units: list[str] = field(default_factory=builtins.list)
    support_units: list[str] = field(default_factory=builtins.list)
    deadline: str | None = None
    status: str = "active"
    source: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "list": self.list,
            "section": list(self.section),
            "seq": self.seq,
            "content": self.content,
            "lead_leaders": list(self.lead_leaders),
            "lead_units": list(self.lead_units),
            "support_units": list(self.support_units),
            "deadline": self.deadline,
            "status": self.status,
            "source": dict(self.source),
        }


@dataclass
class Plan:
    """A whole notice read into data: header, tasks in document order, diagnostics."""

    document: Document = field(default_factory=Document)
    tasks: list[Task] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_name: str | None = None
    # The notice as (line, text) pairs, tables as one " | "-joined line per row:
    # what a reviewer reads beside each task (not part of the plan JSON).
    source_lines: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": asdict(self.document),
            "tasks": [task.to_json() for task in self.tasks],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }
