"""Excel number formats, as far as memberpack shows figures through them: decimals, thousands,
brackets for negatives and percentages (``0.1706`` in a ``0.00%`` cell is shown ``17.06%``)."""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent(code: str | None) -> bool:
    return bool(code) and "%" in _QUOTED.sub("", code.split(";")[0])


def render(number: float, code: str | None) -> str:
    """``number`` as the format code shows it: decimals, thousands, brackets for negatives, ``%``."""
    if not code or code == "General" or "@" in code:
        return repr(number) if type(number) is float and not number.is_integer() else f"{number:.0f}"
    sections = _QUOTED.sub("", code).split(";")
    section = sections[1] if number < 0 and len(sections) > 1 else sections[0]
    decimals = len(m.group(1)) if (m := re.search(r"\.([0#?]+)", section)) else 0
    value = abs(number) * (100 if "%" in section else 1)
    text = f"{value:,.{decimals}f}" if "," in section else f"{value:.{decimals}f}"
    if "%" in section:
        text += "%"
    if number < 0 and float(text.rstrip("%").replace(",", "") or 0) != 0 or number < 0 and "(" in section:
        text = f"({text})" if "(" in section else f"-{text}"
    return text

