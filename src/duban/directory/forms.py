"""Forms of the directory pages: searching units, editing a unit or a leader.

Aliases are typed as one 、-separated field because that is how notices print
lists of names; they are stored as UnitAlias rows, unique per government, so
the form refuses a name another unit already answers to.
"""

from __future__ import annotations

import re

from django import forms
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from duban.audit.models import AuditEntry, record
from duban.directory.choices import UnitKind
from duban.directory.models import Government, Person, Unit, UnitAlias
from duban.directory.names import normalise

ALIAS_SEPARATORS = re.compile(r"[、，,;；\s]+")
_LETTERS = re.compile(r"^[A-Za-z]+$")


def split_names(text: str) -> list[str]:
    """ "区发改局、发改局" → ["区发改局", "发改局"], without blanks or repeats."""
    return list(dict.fromkeys(n for n in ALIAS_SEPARATORS.split(text or "") if n))


def search_units(qs: QuerySet, q: str) -> QuerySet:
    """Units whose name, short name or alias contains `q`, or whose names'
    pinyin initials contain it ("fgw" finds 区发改委)."""
    q = (q or "").strip()[:50]
    if not q:
        return qs
    aliased = UnitAlias.objects.filter(unit=OuterRef("pk"), name__icontains=q)
    match = Q(name__icontains=q) | Q(short_name__icontains=q) | Exists(aliased)
    if key := normalise(q):
        match |= Q(search_key__icontains=key)
    if _LETTERS.match(q):
        match |= Q(pinyin__icontains=q.lower())
    return qs.filter(match)


class UnitSearchForm(forms.Form):
    q = forms.CharField(label="查找", required=False, max_length=50)
    kind = forms.ChoiceField(
        label="类别", required=False, choices=[("", "全部类别"), *UnitKind.choices]
    )

    def search(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs
        if kind := self.cleaned_data["kind"]:
            qs = qs.filter(kind=kind)
        return search_units(qs, self.cleaned_data["q"])


class _Styled:
    """Bootstrap classes on every widget, so templates can render fields plainly."""

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class UnitForm(_Styled, forms.ModelForm):
    aliases = forms.CharField(
        label="别名",
        required=False,
        max_length=1000,
        help_text="通知中可能出现的其他写法，多个用“、”分隔，如：区发改局、发改局",
    )

    class Meta:
        model = Unit
        fields = ["name", "short_name", "aliases", "kind", "parent", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        help_texts = {"members": "仅“统称”类单位需要：该统称代表哪些单位。"}

    def __init__(self, *args, government: Government, **kwargs):
        super().__init__(*args, **kwargs)
        self.government = government
        self.instance.government = government
        others = Unit.objects.filter(government=government)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial["aliases"] = "、".join(a.name for a in self.instance.aliases.all())
        self.fields["parent"].queryset = others.exclude(kind=UnitKind.COLLECTIVE)
        self.fields["parent"].empty_label = "（无）"
        self.fields["members"].queryset = others.exclude(kind=UnitKind.COLLECTIVE).order_by(
            "kind", "name"
        )
        self.style()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        same = Unit.objects.filter(government=self.government, name=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("本政府已有同名单位。")
        alias = UnitAlias.objects.filter(government=self.government, name=name)
        if owner := alias.exclude(unit_id=self.instance.pk).select_related("unit").first():
            raise forms.ValidationError(f"该名称已是“{owner.unit.name}”的别名。")
        return name

    def clean_aliases(self) -> list[str]:
        names = split_names(self.cleaned_data["aliases"])
        problems = []
        for name in names:
            if len(name) > 100:
                problems.append(f"别名“{name[:20]}…”过长（最多 100 字）。")
        taken = UnitAlias.objects.filter(government=self.government, name__in=names).exclude(
            unit_id=self.instance.pk
        )
        for alias in taken.select_related("unit"):
            problems.append(f"“{alias.name}”已是“{alias.unit.name}”的别名。")
        named = Unit.objects.filter(government=self.government, name__in=names).exclude(
            pk=self.instance.pk
        )
        problems += [f"“{u.name}”是另一个单位的全称。" for u in named]
        if problems:
            raise forms.ValidationError(problems)
        return names

    def clean(self):
        data = super().clean()
        if data.get("kind") != UnitKind.COLLECTIVE:
            data["members"] = Unit.objects.none()
        parent = data.get("parent")
        seen = {self.instance.pk}
        while parent is not None and self.instance.pk:
            if parent.pk in seen:
                self.add_error("parent", "上级单位不能是本单位或其下级单位。")
                break
            seen.add(parent.pk)
            parent = parent.parent
        return data

    @transaction.atomic
    def save(self, commit: bool = True) -> Unit:
        """Save the unit, its aliases and members. Alias rows audit themselves;
        the member list, a many-to-many, is audited here."""
        before = (
            sorted(self.instance.members.values_list("name", flat=True)) if self.instance.pk else []
        )
        unit = super().save(commit=True)
        after = sorted(unit.members.values_list("name", flat=True))
        if before != after:
            record(AuditEntry.Action.UPDATE, unit, {"members": before}, {"members": after})
        wanted = [n for n in self.cleaned_data["aliases"] if n not in (unit.name, unit.short_name)]
        for alias in unit.aliases.exclude(name__in=wanted):
            alias.delete()
        existing = set(unit.aliases.values_list("name", flat=True))
        for name in wanted:
            if name not in existing:
                UnitAlias.objects.create(government=self.government, unit=unit, name=name)
        unit.refresh_search()
        return unit


class PersonForm(_Styled, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "post", "oversees"]
        widgets = {"oversees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(government_id=self.instance.government_id)
        self.fields["oversees"].queryset = units.exclude(kind=UnitKind.COLLECTIVE).order_by(
            "kind", "name"
        )
        self.style()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        same = Person.objects.filter(government_id=self.instance.government_id, name=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("本政府已有同名领导。")
        return name

    @transaction.atomic
    def save(self, commit: bool = True) -> Person:
        """Save the leader; the 分管 list, a many-to-many, is audited here."""
        before = sorted(self.instance.oversees.values_list("name", flat=True))
        person = super().save(commit=True)
        after = sorted(person.oversees.values_list("name", flat=True))
        if before != after:
            record(AuditEntry.Action.UPDATE, person, {"oversees": before}, {"oversees": after})
        return person
