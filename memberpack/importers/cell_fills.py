"""RAG ratings shown only by a cell's colour: a scorecard's ``RAG`` column left blank and filled red,
amber or green (.xlsx).

Each cell style's solid fill is named when its colour is plainly red, amber (orange or yellow) or
green (Excel's own Bad, Neutral and Good fills too); the sheet's first rows' styles then say which
cells have such a fill (:class:`~memberpack.importers.formats.SheetFormats` ``fills``), and a blank
cell so filled, under a header that names ratings, reads as the rating its colour shows
(:mod:`.rated_columns`). A colour given by conditional formatting is not in the cell's style, and is
not seen.
"""

from __future__ import annotations

import colorsys
import zipfile
from typing import Any

from defusedxml.ElementTree import fromstring

from memberpack.importers.xlsx_parts import read_part

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# Office's default theme, for a fill given as a theme colour when the workbook has no theme part
_OFFICE_THEME = ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]


def rating_of(rgb: str, tint: float = 0.0) -> str | None:
    """``red``, ``amber`` or ``green`` for a colour (``FF0000``, ``FFC7CE``; a theme colour lightened
    or darkened by ``tint``) that plainly is one, else None."""
    try:
        r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    if saturation < 0.4 or not 0.2 <= lightness <= 0.92:
        return None
    degrees = hue * 360
    if degrees < 14 or degrees >= 340:
        return "red"
    if 20 <= degrees <= 62:
        return "amber"
    if 75 <= degrees <= 165:
        return "green"
    return None


def ratings_by_style(archive: zipfile.ZipFile, root: Any) -> dict[int, str]:
    """The rating (``red``...) each cell style index's solid fill shows, for the styles that show one."""
    fills = root.find(f"{_NS}fills")
    xfs = root.find(f"{_NS}cellXfs")
    if fills is None or xfs is None:
        return {}
    palette: list[str] | None = None
    theme: list[str] | None = None
    by_fill: list[str | None] = []
    for fill in fills.findall(f"{_NS}fill"):
        pattern = fill.find(f"{_NS}patternFill")
        colour = pattern.find(f"{_NS}fgColor") if pattern is not None and pattern.get("patternType") == "solid" else None
        rgb, tint = None, 0.0
        if colour is not None and colour.get("rgb"):
            rgb = colour.get("rgb")[-6:]
        elif colour is not None and colour.get("indexed", "").isdigit():
            palette = palette if palette is not None else _palette(root)
            index = int(colour.get("indexed"))
            rgb = palette[index][-6:] if index < len(palette) else None
        elif colour is not None and colour.get("theme", "").isdigit():
            theme = theme if theme is not None else _theme(archive)
            index = int(colour.get("theme"))
            rgb, tint = (theme[index] if index < len(theme) else None), _tint(colour.get("tint"))
        by_fill.append(rating_of(rgb, tint) if rgb else None)
    found = {}
    for n, xf in enumerate(xfs.findall(f"{_NS}xf")):
        fill = xf.get("fillId", "0")
        if fill.isdigit() and int(fill) < len(by_fill) and by_fill[int(fill)]:
            found[n] = by_fill[int(fill)]
    return found


def _tint(text: str | None) -> float:
    try:
        return max(-1.0, min(1.0, float(text or 0)))
    except ValueError:
        return 0.0


def _palette(root: Any) -> list[str]:
    """The workbook's indexed colours: its own where it gives them, else Excel's."""
    own = root.find(f"{_NS}colors/{_NS}indexedColors")
    if own is not None:
        return [c.get("rgb", "000000") for c in own.findall(f"{_NS}rgbColor")]
    from openpyxl.styles.colors import COLOR_INDEX  # noqa: PLC0415 - only for a fill by index (openpyxl loads in 0.1 s)

    return list(COLOR_INDEX)


def _theme(archive: zipfile.ZipFile) -> list[str]:
    """The theme's colours in the order a style's ``theme`` index counts them (light 1, dark 1, light 2,
    dark 2, accents 1-6)."""
    try:
        scheme = fromstring(read_part(archive, "xl/theme/theme1.xml")).find(f"{_DRAWING}themeElements/{_DRAWING}clrScheme")
    except (KeyError, SyntaxError, ValueError):
        return _OFFICE_THEME
    if scheme is None:
        return _OFFICE_THEME
    colours = []
    for name in ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6"):
        slot = scheme.find(f"{_DRAWING}{name}")
        given = None if slot is None else next(iter(slot), None)
        colours.append((given.get("lastClr") or given.get("val") or "") if given is not None else "")
    return colours
