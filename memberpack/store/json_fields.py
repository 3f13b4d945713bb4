"""A table's layout and import report as a pack stores them: JSON of at most :data:`MAX_JSON`
characters each.

An import writes both; a report lists what was assumed and skipped, which a sheet of a thousand
headings each thousands of characters long could make many megabytes. One longer than the limit
is stored shortened (its texts cut, then its lists), so every pack an import writes opens, and a
pack holding a longer one (edited by hand) is refused on opening without being read.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON = 1_000_000   # characters; json.dumps writes ASCII, so bytes too
# (characters a text keeps, items a list or mapping keeps) tried in turn until the JSON fits; the
# last leaves a few dozen short texts, whatever the report held.
_STEPS = ((1_000, 1_000), (200, 1_000), (200, 100), (100, 10), (100, 0))


def stored_json(data: dict) -> str:
    """``data`` as JSON of at most :data:`MAX_JSON` characters: as it is when it fits, else
    shortened and saying so (``"shortened"``)."""
    text = json.dumps(data)
    said = {"shortened": f"{len(text):,} characters of JSON were shortened to fit the pack"}
    for chars, items in _STEPS:
        if len(text) <= MAX_JSON:
            break
        text = json.dumps({key: _short(value, chars, items) for key, value in data.items()} | said)
    return text


def _short(value: Any, chars: int, items: int) -> Any:
    if isinstance(value, str):
        return value if len(value) <= chars else value[:chars - 1] + "…"
    if isinstance(value, dict):
        return {_short(str(k), chars, items): _short(v, chars, items) for k, v in list(value.items())[:items]}
    if isinstance(value, (list, tuple)):
        return [_short(v, chars, items) for v in value[:items]]
    return value
