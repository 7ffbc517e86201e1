"""Forms of the reporting pages. Every label and message is written out in
Chinese here, as in the other apps, so no browser language turns them English.

The report form has one "实际完成值" field per numeric target of the task
(task.targets), in the targets' order, which is the order of Report.actuals.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from duban.accounts.forms import style
from duban.reporting.channels import recipients
from duban.reporting.choices import ProgressStatus
from duban.reporting.models import Channel, Holiday
from duban.reporting.obligations import PRESETS
from duban.reporting.reports import MAX_TEXT

REQUIRED = {"required": "此项必填。"}
TEXT_MAX = MAX_TEXT
MONTHS = [(m, f"{m}月") for m in range(1, 13)]


def _text(label: str, required: bool = False, rows: int = 4, max_length: int = TEXT_MAX):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            **REQUIRED,
            "max_length": f"{label}最多 {max_length} 个字。",
        },
    )


def _date(label: str, required: bool = True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": "请输入正确的日期，如 2022-06-30。"},
    )


class ReportForm(forms.Form):
    status = forms.ChoiceField(
        label="推进状态",
        choices=ProgressStatus.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": "请选择推进状态。"},
    )
    progress = _text("进展情况", rows=5)
    problems = _text("存在问题", rows=3)
    next_steps = _text("下一步措施", rows=3)
    percent = forms.IntegerField(
        label="完成进度（%）",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "完成进度请填写 0 到 100 之间的整数。",
            "min_value": "完成进度不能小于 0。",
            "max_value": "完成进度不能超过 100。",
        },
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for i, target in enumerate(self.targets):
            self.fields[f"actual_{i}"] = forms.FloatField(
                label=target_label(target),
                required=False,
                error_messages={"invalid": "实际完成值请填写数字。"},
            )
        style(self)
        self.fields["status"].widget.attrs["class"] = "form-check-input"
        self.fields["percent"].widget.attrs.update({"min": 0, "max": 100, "inputmode": "numeric"})

    @classmethod
    def initial_from(cls, report) -> dict:
        data = {f: getattr(report, f) for f in ("status", "progress", "problems", "next_steps")}
        data["percent"] = report.percent
        for i, value in enumerate(report.actuals or []):
            data[f"actual_{i}"] = value
        return data

    def actual_fields(self):
        return [self[f"actual_{i}"] for i in range(len(self.targets))]

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "progress": data["progress"],
            "problems": data["problems"],
            "next_steps": data["next_steps"],
            "percent": data["percent"],
            "actuals": [data.get(f"actual_{i}") for i in range(len(self.targets))],
        }


_KIND_WORDS = {"growth": "增长", "decline": "下降"}


def metric_label(target: dict) -> str:
    """What a target measures: 一般公共预算收入增长 (a growth rate says so)."""
    metric = target.get("metric") or target.get("text") or "目标"
    word = _KIND_WORDS.get(target.get("kind") or "", "")
    return metric if not word or metric.endswith(word) else metric + word


def target_label(target: dict) -> str:
    """一般公共预算收入增长 ≥ 6 % — what a target asks for, as the form and the ledger show it."""
    metric = metric_label(target)
    comparator = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}.get(
        target.get("comparator") or "", target.get("comparator") or ""
    )
    shown = number(target.get("value"))
    unit = target.get("unit") or ""
    return f"{metric} {comparator} {shown} {unit}".strip()


def number(value) -> str:
    """98000.0 → 98,000; 3.5 → 3.5; None → "" (how targets and actuals read)."""
    if value is None or isinstance(value, bool):
        return ""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


class ReturnForm(forms.Form):
    comment = _text("退回意见", required=True, rows=2, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].error_messages["required"] = "退回时须填写审核意见。"
        style(self)


class CommentForm(forms.Form):
    comment = _text("意见", rows=2, max_length=1000)


class ExtensionForm(forms.Form):
    reason = _text("延期理由", required=True, rows=3, max_length=2000)
    new_due = _date("申请延期至")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class ClosureForm(forms.Form):
    reason = _text("办结情况", required=True, rows=3, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class SubItemForm(forms.Form):
    title = forms.CharField(
        label="具体工作内容",
        max_length=300,
        error_messages={**REQUIRED, "max_length": "具体工作内容最多 300 个字。"},
    )
    owner = forms.ModelChoiceField(
        label="责任单位",
        queryset=None,
        required=False,
        empty_label="（本单位）",
        error_messages={"invalid_choice": "请选择本任务的责任单位。"},
    )
    due = _date("完成时限", required=False)
    milestones = forms.CharField(
        label="节点安排",
        required=False,
        max_length=1000,
        error_messages={"max_length": "节点安排最多 1000 个字。"},
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        style(self)


class InstructionForm(forms.Form):
    text = _text("批示内容", required=True, rows=3, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class AnswerForm(forms.Form):
    text = _text("落实情况", required=True, rows=3, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class PresetRuleForm(forms.Form):
    preset = forms.ChoiceField(
        label="报送机制",
        choices=[(key, title) for key, (title, _kind, _opts) in PRESETS.items()],
        error_messages={**REQUIRED, "invalid_choice": "请选择一种报送机制。"},
    )
    first_month = forms.TypedChoiceField(
        label="起始月份", choices=MONTHS, coerce=int, initial=1,
        error_messages={**REQUIRED, "invalid_choice": "请选择起始月份。"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class AdhocRuleForm(forms.Form):
    title = forms.CharField(
        label="报送事项",
        max_length=100,
        error_messages={**REQUIRED, "max_length": "报送事项最多 100 个字。"},
    )
    due_date = _date("截止日期")
    tasks = forms.ModelMultipleChoiceField(
        label="适用任务",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请至少选择一项任务。",
            "invalid_choice": "所选任务不在本方案中。",
            "invalid_pk_value": "所选任务不在本方案中。",
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["tasks"].queryset = plan.tasks.order_by("position")
        self.fields["tasks"].label_from_instance = str
        style(self)
        self.fields["tasks"].widget.attrs["class"] = "form-check-input"

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if self.plan.year and due.year != self.plan.year:
            raise forms.ValidationError(f"截止日期应在方案年度（{self.plan.year}年）内。")
        return due


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "is_workday", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "date": {
                **REQUIRED,
                "invalid": "请输入正确的日期，如 2027-10-01。",
                "unique": "该日期已在节假日表中，请直接修改那一行。",
            },
            "name": {"max_length": "名称最多 50 个字。"},
        }
        labels = {"is_workday": "调休上班（周末上班日）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


def year_choice(value: str | None, default: int) -> int:
    """The ?year= of the holiday table, within reason, else `default`."""
    try:
        year = int(value or default)
    except ValueError:
        return default
    return year if dt.MINYEAR + 1 < year < 3000 else default


MASKED_TARGET_HELP = "地址中的令牌只显示前 4 位；不修改则保持原地址，修改请填写完整的新地址。"


class ChannelForm(forms.ModelForm):
    """A reminder channel. The DingTalk secret is never sent back to the browser:
    left empty it stays as it was, `clear_secret` removes it. Nor is a robot
    address's access token: the form shows the address shortened as in the list,
    and that shortened address sent back unchanged keeps the stored one. A robot address is
    any http(s) URL (intranet gateways exist besides oapi.dingtalk.com and
    qyapi.weixin.qq.com); e-mail addresses are checked one by one and stored
    comma-separated."""

    secret = forms.CharField(
        label="加签密钥（钉钉）",
        required=False,
        max_length=200,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="钉钉机器人“安全设置”选择“加签”时填写（以 SEC 开头）；其他渠道不需要。",
        error_messages={"max_length": "加签密钥最多 200 个字符。"},
    )
    clear_secret = forms.BooleanField(label="清除已设置的加签密钥", required=False)

    class Meta:
        model = Channel
        fields = ["kind", "target", "secret", "active"]
        labels = {"kind": "渠道类型", "target": "地址", "active": "启用"}
        help_texts = {
            "target": "电子邮件填收件地址，多个用逗号分隔；群机器人填 Webhook 地址"
            "（以 http:// 或 https:// 开头）。",
        }
        error_messages = {
            "kind": {**REQUIRED, "invalid_choice": "请选择渠道类型。"},
            "target": {**REQUIRED, "max_length": "地址最多 500 个字符。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.had_secret = bool(self.instance.pk and self.instance.secret)
        if self.had_secret:
            self.fields["secret"].help_text = "已设置。留空则保持不变，填写则替换。"
        else:
            del self.fields["clear_secret"]
        if self._masked():
            self.initial["target"] = self.instance.shown_target
            self.fields["target"].help_text = MASKED_TARGET_HELP
        style(self)

    def _masked(self) -> bool:
        return bool(self.instance.pk) and self.instance.shown_target != self.instance.target

    def clean_target(self):
        target = self.cleaned_data["target"].strip()
        kind = self.cleaned_data.get("kind")
        robot = kind in (Channel.Kind.DINGTALK, Channel.Kind.WECOM)
        if robot and self._masked() and target == self.instance.shown_target:
            return self.instance.target
        if kind == Channel.Kind.EMAIL:
            addresses = recipients(target)
            if not addresses:
                raise forms.ValidationError("请至少填写一个邮箱地址。")
            for address in addresses:
                try:
                    validate_email(address)
                except ValidationError:
                    raise forms.ValidationError(f"“{address}”不是有效的邮箱地址。") from None
            target = ", ".join(dict.fromkeys(addresses))
            if len(target) > 500:
                raise forms.ValidationError("邮箱地址合计最多 500 个字符，请分成几个渠道。")
            return target
        if kind in (Channel.Kind.DINGTALK, Channel.Kind.WECOM) and not webhook_url(target):
            raise forms.ValidationError(
                "请填写完整的 Webhook 地址，以 http:// 或 https:// 开头，如 "
                "https://oapi.dingtalk.com/robot/send?access_token=…"
            )
        return target

    def clean(self):
        data = super().clean()
        secret = data.get("secret", "")
        if data.get("kind") != Channel.Kind.DINGTALK:
            # Only DingTalk signs its messages; a secret elsewhere would be dead weight.
            data["secret"] = ""
        elif data.get("clear_secret"):
            data["secret"] = ""
        elif not secret and self.had_secret:
            data["secret"] = self.instance.secret
        return data


def webhook_url(value: str) -> bool:
    """An absolute http(s) URL with a host and no spaces: what a robot needs."""
    if not value or any(c.isspace() for c in value):
        return False
    parts = urllib.parse.urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
