"""The import report and doubts in the import wizard's own words.

The importers advise the command line's options (``give it with --unit``), as the command line
and the saved report need; in the wizard each becomes the control that does the same. Layout kinds
are shown by name (``Budget monitor``), never by their ids.
"""

from __future__ import annotations

import re

KIND_TITLES = {"budget_monitor": "Budget monitor", "kpi_scorecard": "KPI scorecard", "time_series": "Time series",
               "breakdown": "Breakdown", "general": "General table", "open_statistics": "DfE open statistics"}
# Whole phrases first, where the wizard does it another way; then each option alone.
_PHRASES = {"name one with --sheet to import it": "show the sheet in Excel and save the file to import it",
            "name one with --sheet": "show one in Excel and save the file",
            "--again imports it again": "Import adds it again",
            "leave the column out in the import wizard": "leave the column out with the Ignore columns box",
            "set with --kind": "chosen in the Layout list",
            "no key columns": "no identifying columns", "; key columns ": "; identifying columns ",
            "import it with --fractions": "tick ‘These are fractions’ below",
            "with --fractions on": "at the command line on"}
_CONTROLS = {"--unit": "the Unit list", "--header-rows": "the Header rows box", "--label-column": "the Labels in column list",
             "--key-columns": "the Identifying columns box", "--kind": "the Layout list",
             "--accept-unsure": "the tick box under the preview", "--sheet": "a sheet shown in Excel", "--again": "Import",
             "--fractions": "the ‘These are fractions’ box"}
_OPTION = re.compile("|".join(sorted(map(re.escape, [*_PHRASES, *_CONTROLS]), key=len, reverse=True)))


def in_wizard_words(text: str) -> str:
    """``text`` with each command-line option it advises replaced by the wizard's control."""
    return _OPTION.sub(lambda m: _PHRASES.get(m.group()) or _CONTROLS[m.group()], text)


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind)
