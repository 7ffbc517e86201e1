"""Forms of the inspection pages, every label and message in Chinese."""

from __future__ import annotations

from django import forms

from duban.accounts.forms import style
from duban.inspection.models import Finding, SpotCheck

REQUIRED = {"required": "此项必填。"}
DATE = {**REQUIRED, "invalid": "请输入正确的日期，如 2022-03-31。"}


class SpotCheckForm(forms.Form):
    plan = forms.ModelChoiceField(
        label="分工方案",
        queryset=None,
        error_messages={**REQUIRED, "invalid_choice": "请选择分工方案。"},
    )
    title = forms.CharField(label="名称", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="督查方式",
        choices=SpotCheck.Kind.choices,
        error_messages={**REQUIRED, "invalid_choice": "请选择督查方式。"},
    )
    strata = forms.ChoiceField(
        label="分层",
        choices=SpotCheck.Strata.choices,
        error_messages={**REQUIRED, "invalid_choice": "请选择分层方式。"},
    )
    size = forms.IntegerField(
        label="抽取数量（每层）",
        min_value=1,
        max_value=1000,
        error_messages={
            **REQUIRED,
            "invalid": "请输入整数。",
            "min_value": "抽取数量至少为 1。",
            "max_value": "抽取数量最多为 1000。",
        },
    )
    seed = forms.CharField(
        label="随机种子（可选）",
        max_length=64,
        required=False,
        help_text="留空则由系统生成；填写后任何人可用同一种子复核抽取结果。",
    )
    planned_for = forms.DateField(
        label="计划日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE,
    )
    notes = forms.CharField(
        label="说明", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = str
        style(self)


class FindingForm(forms.Form):
    verdict = forms.ChoiceField(
        label="督查结论",
        choices=Finding.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": "请选择督查结论。"},
    )
    text = forms.CharField(
        label="督查情况",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={**REQUIRED, "max_length": "督查情况最多 5000 个字。"},
    )
    found_on = forms.DateField(
        label="督查日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE,
    )
    report = forms.ModelChoiceField(
        label="对照的报告",
        queryset=None,
        required=False,
        empty_label="（不对照报告）",
        error_messages={"invalid_choice": "请选择该任务已报送的报告。"},
    )

    def __init__(self, *args, reports=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = reports
        self.fields["report"].label_from_instance = report_label
        style(self)
        self.fields["verdict"].widget.attrs["class"] = "form-check-input"


def report_label(report) -> str:
    o = report.obligation
    return (
        f"{o.unit.name} · {o.period_label} · 第 {report.version} 版（{report.get_state_display()}）"
    )
