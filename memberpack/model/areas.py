"""Places a figure can be about (England, a region, a local authority) and how to name them.

An open-statistics figure keeps its area as a compact key (:meth:`Area.key`) so that comparisons
can find England, our region, our authority and its statistical neighbours by code, whatever
spelling of the name a publication used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NATIONAL, REGIONAL, LOCAL_AUTHORITY = "national", "regional", "la"
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")


def _region_words(name: str) -> str:
    """A region's name as words to look up: lower case, ``&`` and ``and``, ``the`` and ``of`` dropped."""
    words = re.sub(r"[^a-z]+", " ", name.lower().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in ("and", "the", "of", "region"))


# The standard nine as publications also write them: DfE's "Yorks & the Humber", the "Eastern" region,
# London's two halves (Inner and Outer London, E13 codes)
_REGION_NAMES = {**{_region_words(r): r for r in REGIONS}, "yorks humber": "Yorkshire and The Humber",
                 "eastern": "East of England", "inner london": "London", "outer london": "London"}


def standard_region(name: str) -> str | None:
    """The standard region (one of :data:`REGIONS`) a region's name stands for, however written
    (``Yorks & the Humber``, ``Eastern``, ``Inner London``); None for any other name."""
    return _REGION_NAMES.get(_region_words(name))


@dataclass(frozen=True, slots=True)
class Area:
    """``old_code`` is the three-digit DfE LA number (933), ``new_code`` the ONS code (E10000027)."""

    level: str
    name: str
    old_code: str = ""
    new_code: str = ""
    region: str = ""

    def key(self) -> str:
        """Level, codes and region as stored with each figure: ``la|933|E10000027|South West``."""
        return "|".join((self.level, self.old_code, self.new_code, self.region))

    @classmethod
    def from_key(cls, key: str, name: str) -> Area:
        level, old_code, new_code, region = (key.split("|") + ["", "", ""])[:4]
        return cls(level, name, old_code, new_code, region)

    def matches(self, code: str) -> bool:
        """Whether ``code`` (old or new, any case) or the name names this area."""
        code = code.strip().lower()
        return bool(code) and code in (self.old_code.lower(), self.new_code.lower(), self.name.lower())

    def describe(self) -> str:
        codes = ", ".join(c for c in (self.old_code, self.new_code) if c)
        return f"{self.name} ({codes})" if codes else self.name


def la_code(value: object) -> str:
    """An LA number as written in a workbook (933, 933.0, "933 ") as text: ``"933"``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def named_by(written: str) -> Area:
    """An authority known only by what was written for it: an LA number, an ONS code or a name."""
    written = written.strip()
    if written.isdigit():
        return Area(LOCAL_AUTHORITY, f"LA {written}", old_code=written)
    if re.fullmatch(r"E\d{8}", written, re.IGNORECASE):
        return Area(LOCAL_AUTHORITY, written.upper(), new_code=written.upper())
    return Area(LOCAL_AUTHORITY, written)


# A few authorities, so that `memberpack authority PACK --la 933` works before any statistics are
# imported; any other authority is found in imported open statistics.
KNOWN_AUTHORITIES: tuple[Area, ...] = (
    Area(LOCAL_AUTHORITY, "Somerset", "933", "E10000027", "South West"),
    Area(LOCAL_AUTHORITY, "North Somerset", "802", "E06000024", "South West"),
    Area(LOCAL_AUTHORITY, "Bath and North East Somerset", "800", "E06000022", "South West"),
    Area(LOCAL_AUTHORITY, "Bristol, City of", "801", "E06000023", "South West"),
    Area(LOCAL_AUTHORITY, "South Gloucestershire", "803", "E06000025", "South West"),
    Area(LOCAL_AUTHORITY, "Gloucestershire", "916", "E10000013", "South West"),
    Area(LOCAL_AUTHORITY, "Devon", "878", "E10000008", "South West"),
    Area(LOCAL_AUTHORITY, "Wiltshire", "865", "E06000054", "South West"),
    Area(LOCAL_AUTHORITY, "Worcestershire", "885", "E10000034", "West Midlands"),
    Area(LOCAL_AUTHORITY, "West Sussex", "938", "E10000032", "South East"),
    Area(LOCAL_AUTHORITY, "Hampshire", "850", "E10000014", "South East"),
    Area(LOCAL_AUTHORITY, "East Sussex", "845", "E10000011", "South East"),
)


def known_authority(code: str) -> Area | None:
    return next((a for a in KNOWN_AUTHORITIES if a.matches(code)), None)


def named_in(text: str) -> Area | None:
    """The known authority a title names (``North Somerset: children looked after…``), the longest
    name first so "North Somerset" is not read as "Somerset"; None when it names none."""
    lowered = f" {text.lower()} "
    for area in sorted(KNOWN_AUTHORITIES, key=lambda a: -len(a.name)):
        name = area.name.lower().split(",")[0]
        if f" {name} " in lowered or f" {name}:" in lowered or f" {name}'" in lowered:
            return area
    return None
