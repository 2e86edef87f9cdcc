"""How a commune names its residential units, and so their leaders and their title: the one place.

A unit is a khối phố, a tổ dân phố, a thôn or a bản (Commune.unit_kind; a Block may say otherwise
where a merged commune mixes them). In law (Luật Thực hiện dân chủ ở cơ sở 2022; Thông tư
04/2012/TT-BNV) a khối phố is a tổ dân phố and a bản is a thôn, so Nghị định 86/2023 names only two
titles: "Thôn văn hóa" (thôn and bản) and "Tổ dân phố văn hóa" (tổ dân phố and khối phố); a commune
with both prints the decree's own "Thôn, tổ dân phố văn hóa".

Kept at the households floor so every app above (pages, papers, imports, exports) names a unit
the same way. Words are lazy gettext with the "unit" context: the Vietnamese source is the word.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    """What a commune calls its residential units, and so the unit's title (Nghị định 86/2023)."""

    BLOCK = "khoi_pho", _("Khối phố")
    STREET_GROUP = "to_dan_pho", _("Tổ dân phố")
    VILLAGE = "thon", _("Thôn")
    HAMLET = "ban", _("Bản")


# The order a mixed commune's words are listed in: rural units first, as the decree writes.
_ORDER = [UnitKind.VILLAGE, UnitKind.HAMLET, UnitKind.STREET_GROUP, UnitKind.BLOCK]
_VILLAGES = {UnitKind.VILLAGE, UnitKind.HAMLET}

# The unit as a common noun ("3/10 khối", "của khối"): what people say, short.
_COUNTER = {
    UnitKind.BLOCK: pgettext_lazy("unit", "khối"),
    UnitKind.STREET_GROUP: pgettext_lazy("unit", "tổ dân phố"),
    UnitKind.VILLAGE: pgettext_lazy("unit", "thôn"),
    UnitKind.HAMLET: pgettext_lazy("unit", "bản"),
}
# The unit's full name as a heading ("Khối phố"), lower case: capfirst where it opens a line.
_NAME = {
    UnitKind.BLOCK: pgettext_lazy("unit", "khối phố"),
    UnitKind.STREET_GROUP: pgettext_lazy("unit", "tổ dân phố"),
    UnitKind.VILLAGE: pgettext_lazy("unit", "thôn"),
    UnitKind.HAMLET: pgettext_lazy("unit", "bản"),
}
_LEADER = {
    UnitKind.BLOCK: pgettext_lazy("unit", "khối trưởng"),
    UnitKind.STREET_GROUP: pgettext_lazy("unit", "tổ trưởng tổ dân phố"),
    UnitKind.VILLAGE: pgettext_lazy("unit", "trưởng thôn"),
    UnitKind.HAMLET: pgettext_lazy("unit", "trưởng bản"),
}
# Its head as a paper names them, formally: "Trưởng khối Nguyễn Văn A", "Trưởng thôn …".
_HEAD = {
    UnitKind.BLOCK: pgettext_lazy("unit", "trưởng khối"),
    UnitKind.STREET_GROUP: pgettext_lazy("unit", "tổ trưởng tổ dân phố"),
    UnitKind.VILLAGE: pgettext_lazy("unit", "trưởng thôn"),
    UnitKind.HAMLET: pgettext_lazy("unit", "trưởng bản"),
}
# A decision's list names the unit as the law does, the local word after it where they differ.
_IN_LAW = {
    UnitKind.BLOCK: pgettext_lazy("unit", "tổ dân phố (khối phố)"),
    UnitKind.STREET_GROUP: pgettext_lazy("unit", "tổ dân phố"),
    UnitKind.VILLAGE: pgettext_lazy("unit", "thôn"),
    UnitKind.HAMLET: pgettext_lazy("unit", "thôn (bản)"),
}
_IN_LAW_BOTH = pgettext_lazy("unit", "thôn, tổ dân phố")
_TITLE_VILLAGE = pgettext_lazy("unit title", "Thôn văn hóa")
_TITLE_STREET = pgettext_lazy("unit title", "Tổ dân phố văn hóa")
_TITLE_BOTH = pgettext_lazy("unit title", "Thôn, tổ dân phố văn hóa")
_MIXED_COUNTER = pgettext_lazy("unit", "khu dân cư")


def _join(words: list[Promise]) -> Promise:
    return format_lazy(", ".join(["{}"] * len(words)), *words)


@dataclass(frozen=True)
class UnitWords:
    """The words for a set of unit kinds: one block's (one kind) or a commune's (its blocks' kinds).
    Lower case throughout; templates capfirst a word that opens a heading or a cell."""

    kinds: tuple[str, ...]

    @classmethod
    def of(cls, kinds: Iterable[str]) -> "UnitWords":
        present = {UnitKind(k) for k in kinds if k}
        return cls(tuple(k.value for k in _ORDER if k in present) or (UnitKind.BLOCK.value,))

    @classmethod
    def of_blocks(cls, blocks: Iterable[Any], default: str) -> "UnitWords":
        """The words for these blocks, those of no kind of their own taking `default` (their
        commune's unit_kind), without touching block.commune; no block: the default's."""
        return cls.of([b.kind or default for b in blocks] or [default])

    @property
    def mixed(self) -> bool:
        return len(self.kinds) > 1

    @property
    def name(self) -> Promise:
        """ "khối phố"; "thôn, bản"; "thôn, khối phố": the units as a heading names them."""
        return _join([_NAME[UnitKind(k)] for k in self.kinds])

    @property
    def label(self) -> Promise:
        """A field or column naming one unit: "khối phố", "thôn"; a commune mixing kinds,
        "khu dân cư"."""
        return _MIXED_COUNTER if self.mixed else _NAME[UnitKind(self.kinds[0])]

    @property
    def counter(self) -> Promise:
        """ "khối", "thôn": a number of them ("3/10 khối"), or one in a sentence ("cả khối");
        a commune mixing kinds counts "khu dân cư"."""
        return _MIXED_COUNTER if self.mixed else _COUNTER[UnitKind(self.kinds[0])]

    @property
    def leader(self) -> Promise:
        """ "khối trưởng", "trưởng thôn"; mixed: "trưởng thôn, khối trưởng"."""
        return _join([_LEADER[UnitKind(k)] for k in self.kinds])

    @property
    def head(self) -> Promise:
        """Its head on a paper: "trưởng khối", "trưởng thôn" (capfirst before a name)."""
        return _join([_HEAD[UnitKind(k)] for k in self.kinds])

    @property
    def in_law(self) -> Promise:
        """The unit as a decision's list names it: "tổ dân phố (khối phố)", "thôn"."""
        villages = any(k in _VILLAGES for k in self.kinds)
        streets = any(k not in _VILLAGES for k in self.kinds)
        return _IN_LAW_BOTH if villages and streets else _IN_LAW[UnitKind(self.kinds[0])]

    @property
    def title(self) -> Promise:
        """The unit's title under Nghị định 86/2023: "Tổ dân phố văn hóa", "Thôn văn hóa"."""
        villages = any(k in _VILLAGES for k in self.kinds)
        streets = any(k not in _VILLAGES for k in self.kinds)
        if villages and streets:
            return _TITLE_BOTH
        return _TITLE_VILLAGE if villages else _TITLE_STREET

    def __str__(self) -> str:
        return str(self.name)
