"""Forms of the import and review pages.

Names are edited as the notice prints them, one line of text per role with
names separated by 、, because that is how the office reads and types them.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings

from duban.accounts.forms import style
from duban.ledger.choices import TaskState

# What the extraction core reads (see duban.extract.readers).
ACCEPTED = ".txt,.md,.docx,.doc,.wps,.pdf,.html,.htm,.xlsx,.xls,.et,.ofd,.csv"
_NAME_SEPARATORS = re.compile(r"[、，,；;\n\r\t]+")
NAME_MAX = 100


class ImportForm(forms.Form):
    file = forms.FileField(
        label="通知文件",
        help_text="任务分工方案通知原件，支持 Word（docx/doc）、PDF、OFD、Excel（xlsx/xls）、"
        "网页（html）和文本（txt/md）。",
        widget=forms.FileInput(attrs={"accept": ACCEPTED}),
        error_messages={
            "required": "请选择要导入的通知文件。",
            "empty": "选择的文件是空的，请检查后重新选择。",
            "invalid": "没有收到文件，请重新选择。",
            "missing": "没有收到文件，请重新选择。",
        },
    )
    government = forms.CharField(
        label="所属政府",
        required=False,
        max_length=100,
        help_text="留空则按通知的发文机关识别。",
        error_messages={"max_length": "政府名称最多 100 个字。"},
    )

    def __init__(self, *args, user, governments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["government"].widget.attrs["list"] = "government-names"
        self.governments = list(governments)
        if user.government_id:
            self.fields["government"].initial = user.government.name
            self.fields["government"].help_text = "只能导入本政府的方案。"
        style(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if upload.size > limit:
            raise forms.ValidationError(f"文件超过 {limit // (1024 * 1024)} MB，无法导入。")
        return upload

    def clean_government(self):
        """An administrator of one government imports only for that government."""
        name = self.cleaned_data["government"].strip()
        own = self.user.government
        if own is None:
            return name or None
        if name and name != own.name:
            raise forms.ValidationError(f"只能导入本政府（{own.name}）的方案。")
        return own


class NamesField(forms.CharField):
    """A 、-separated line of names as a list, in order, without repeats."""

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        names = [n.strip() for n in _NAME_SEPARATORS.split(text or "")]
        return list(dict.fromkeys(n for n in names if n))

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        too_long = [n for n in value if len(n) > NAME_MAX]
        if too_long:
            raise forms.ValidationError(f"名称“{too_long[0][:20]}…”超过 {NAME_MAX} 个字。")

    def run_validators(self, value) -> None:
        # The length limit of the whole line does not apply to the list.
        return None

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list | tuple) else value


class TaskForm(forms.Form):
    content = forms.CharField(
        label="工作任务",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "工作任务不能为空。"},
    )
    deadline = forms.CharField(
        label="完成时限",
        required=False,
        max_length=200,
        error_messages={"max_length": "完成时限最多 200 个字。"},
    )
    state = forms.ChoiceField(label="状态", choices=TaskState.choices)
    lead_leaders = NamesField(label="牵头领导", required=False, help_text="多个名称用“、”分隔。")
    lead_units = NamesField(label="牵头单位", required=False, help_text="多个名称用“、”分隔。")
    support_units = NamesField(
        label="责任（配合）单位", required=False, help_text="多个名称用“、”分隔。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
