"""Plain inputs of the official outputs.

The writers take these small dataclasses (and the extract Plan) rather than
Django models, so the CLI, the web views and the tests can all feed them and
nothing in `duban.exports` depends on a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The ledger's status label for an abolished task; rows carrying it print grey.
ABOLISHED_LABEL = "已废止"


@dataclass
class LedgerRow:
    """One task row of the 台账 (the ledger sheet a 督查室 hands to its leaders).

    `section` is the heading path as in the plan; a change of path between two
    rows prints a merged section row. Unit and leader lists stay lists so the
    writer, not the caller, decides how they are joined.
    """

    section: list[str] = field(default_factory=list)
    seq: str = ""
    content: str = ""
    lead_leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    deadline: str | None = None
    progress: str = ""  # 进展情况, the latest accepted report's text
    status: str = ""  # 状态 as a Chinese label (正常推进, 已完成, 已废止 …)
    abolished: bool = False  # greys the row even when `status` says something else

    @property
    def is_abolished(self) -> bool:
        return self.abolished or self.status == ABOLISHED_LABEL


@dataclass
class SummaryCounts:
    """The overview figures of a quarterly summary, counted by the caller
    (who knows which reports were accepted and which are missing)."""

    total: int = 0  # 任务总数
    completed: int = 0  # 已完成
    on_track: int = 0  # 正常推进
    behind: int = 0  # 滞后
    not_reported: int = 0  # 未报送


@dataclass
class SummaryTask:
    """One task in the summary with what its lead unit reported this period."""

    seq: str = ""
    content: str = ""
    lead_units: list[str] = field(default_factory=list)
    progress: str = ""  # 进展情况
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下一步措施
    status: str = ""  # 已完成 / 正常推进 / 滞后 / 未报送, used when no counts are given


@dataclass
class SummarySection:
    """A heading of the summary (a section of the plan, usually its innermost
    heading or the whole path joined) with its tasks."""

    heading: str
    tasks: list[SummaryTask] = field(default_factory=list)
