"""Number formats that show a cell's figure otherwise than it holds it: divided by a power of 1,000
(``#,##0,"k"``: the cell holds pounds and shows thousands, so a unit stated over it may describe
either), positive figures in brackets, or figures as words or nothing. The table is unsure until the
officer has looked; nothing is read as a confident figure the workbook shows otherwise."""

import json

import pytest
from openpyxl import Workbook

from memberpack.cli import main
from memberpack.model.number_formats import divides_by, shown_otherwise


def _scaled(path, header, code):
    wb = Workbook()
    ws = wb.active
    ws.title = "M6"
    for row in (("Service", f"Budget {header}"), ("Fieldwork", 1_500_000), ("Placements", 2_250_000), ("Total", 3_750_000)):
        ws.append(list(row))
    for (cell,) in ws.iter_rows(min_row=2, min_col=2):
        cell.number_format = code
    wb.save(path)
    return path


@pytest.mark.parametrize("header, code, divisor", [("£m", '0.0,,"m"', "1,000,000"), ("£k", '#,##0,"k"', "1,000"),
                                                   ("£000", "#,##0,", "1,000")])
def test_a_number_format_dividing_the_figures_makes_the_table_unsure_not_a_thousand_times_too_large(
        tmp_path, capsys, header, code, divisor):
    """1,500,000 in a ``0.0,,"m"`` cell under "£m" (Excel shows 1.5) had been read as £1.5 trillion."""
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_scaled(tmp_path / "first.xlsx", "£", "#,##0"))]) == 0
    before = pack.read_bytes()
    capsys.readouterr()
    assert main(["import", str(pack), str(_scaled(tmp_path / "scaled.xlsx", header, code))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert (f"scaled.xlsx: table M6 (M6!A1:B4) is unsure: column B (Budget {header}): the number format ({code}) shows "
            f"the figures divided by {divisor}") in err
    assert pack.read_bytes() == before


def test_the_unit_of_the_figures_held_given_by_hand_reads_them_as_held(tmp_path):
    pack, out = tmp_path / "p.mpack", tmp_path / "p.json"
    assert main(["import", str(pack), str(_scaled(tmp_path / "scaled.xlsx", "£m", '0.0,,"m"')), "--unit", "£"]) == 0
    assert main(["export", str(pack), "-o", str(out)]) == 0
    figures = {o["cell"]: o["value"] for o in json.loads(out.read_text())["observations"]}
    assert figures == {"B2": 1_500_000, "B3": 2_250_000, "B4": 3_750_000}


@pytest.mark.parametrize("code, said", [
    ('[Red](#,##0);"text"', "positive figures in brackets, as negative ones are written"),
    ('"("0")"', "positive figures in brackets, as negative ones are written"),
    ('#,##0;"see note"', "negative figures as words or blank, not as figures"),
    (";;;", "positive figures as words or blank, not as figures"),
])
def test_a_format_showing_figures_as_they_are_not_makes_the_table_unsure(tmp_path, capsys, code, said):
    """1,500,000 in a ``[Red](#,##0)`` cell shows as (1,500,000), an overspend read as an underspend by
    anyone checking the briefing against the workbook; a ``;;;`` cell shows nothing at all."""
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_scaled(tmp_path / "first.xlsx", "£", "#,##0"))]) == 0
    before = pack.read_bytes()
    capsys.readouterr()
    assert main(["import", str(pack), str(_scaled(tmp_path / "shown.xlsx", "£", code))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"shown.xlsx: table M6 (M6!A1:B4) is unsure: column B (Budget £): the number format ({code}) shows {said}" in err
    assert pack.read_bytes() == before


@pytest.mark.parametrize("code", ["#,##0_);(#,##0)", "#,##0;[Red]\\(#,##0\\)", '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-',
                                  "£#,##0.00;[Red]-£#,##0.00", "#,##0;-#,##0;", "0.0%", "dd/mm/yyyy"])
def test_the_formats_returns_use_show_figures_as_they_are(code):
    assert shown_otherwise(code) == "" and divides_by(code) == 1
