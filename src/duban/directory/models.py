"""Governments, units, aliases, collectives and people (leaders).

A collective (各乡镇人民政府, 区直各单位) is a Unit of kind COLLECTIVE whose
`members` are the units it stands for: a task assigned to the collective is
visible to each member unit.
"""

from __future__ import annotations

from django.db import models

from duban.audit.mixins import Audited
from duban.directory.choices import UnitKind
from duban.directory.names import normalise


class Government(Audited):
    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "政府"

    def __str__(self) -> str:
        return self.name


class Unit(Audited):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("全称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类别", max_length=20, choices=UnitKind, default=UnitKind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self", verbose_name="包含单位", symmetrical=False, blank=True, related_name="collectives"
    )
    # Searchable forms: normalised name and pinyin initials of every name, kept
    # on the row so the unit picker and the resolver need one query.
    search_key = models.CharField(max_length=500, blank=True, editable=False)
    pinyin = models.CharField(max_length=500, blank=True, editable=False)

    audit_exclude = ("search_key", "pinyin")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "单位"
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="unit_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_collective(self) -> bool:
        return self.kind == UnitKind.COLLECTIVE

    def all_names(self) -> list[str]:
        names = [self.name, self.short_name, *(a.name for a in self.aliases.all())]
        return [n for n in dict.fromkeys(names) if n]

    def refresh_search(self, save: bool = True) -> None:
        from duban.directory.pinyin import initials

        names = self.all_names() if self.pk else [self.name, self.short_name]
        self.search_key = " ".join(dict.fromkeys(normalise(n) for n in names if n))
        self.pinyin = " ".join(dict.fromkeys(initials(n) for n in names if n))
        if save:
            type(self).objects.filter(pk=self.pk).update(
                search_key=self.search_key, pinyin=self.pinyin
            )

    def save(self, *args, **kwargs):
        self.refresh_search(save=False)
        super().save(*args, **kwargs)


class UnitAlias(Audited):
    """Another name a notice uses for a unit (区发改委 for 区发展和改革委员会).
    Unique per government, so one printed name always resolves to one unit."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "单位别名"
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="alias_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.unit.refresh_search()


class Person(Audited):
    """A leader (区长, 副区长 …) and the units the leader oversees (分管)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="people")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100, blank=True)
    oversees = models.ManyToManyField(Unit, verbose_name="分管单位", blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = "领导"
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="person_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
