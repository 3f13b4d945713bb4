"""A money unit stated only in the notes under a table (``Notes:`` then ``Data are presented in £'000s``
under HSCIC's adult social care bridging data): the unit of the table's figures, where nothing above or
in the table states one. Only the notes that follow the table's last row are read, up to the next row
that is no note (another table's title or header): a note under a table below says nothing of this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from memberpack.importers.layout import blank_row
from memberpack.importers.table_ends import single_text
from memberpack.model.short_text import shortened
from memberpack.model.units import find_unit

# A note saying what the figures are in: "Data are presented in £'000s", "All figures in £ thousands",
# "Figures are shown in £m", "Amounts are expressed in £000"
_STATES_SCALE = re.compile(r"\b(?:data|figures|amounts|values|expenditure|costs)\b[^.;]{0,40}?\b(?:in|as)\s+"
                           r"(?:£|pounds|thousands|millions)", re.IGNORECASE)


def unit_under(rows: Sequence[tuple[int, list[Any]]], data_start: int) -> tuple[str, str] | None:
    """The money unit (its symbol) a note under the table states, and why; None when the notes state none.

    ``rows``: the rows from the table's first data row on (0-based index, cells), as far as they were
    looked ahead; the table ends at its first blank row after a row of figures."""
    figures = ended = False
    for r, row in rows:
        if r < data_start:
            continue
        if blank_row(row):
            ended = ended or figures
            continue
        if not ended:   # (once a row of figures is seen, only the blank row after it is looked for)
            figures = figures or single_text(row) is None
            continue
        text = single_text(row)
        if text is None:
            return None   # the next table's rows
        unit = find_unit(text) if _STATES_SCALE.search(text) else None
        if unit is not None and unit.base == "GBP":
            return unit.symbol, f"the note under the table in row {r + 1} ({shortened(text, 60)!r})"
    return None
