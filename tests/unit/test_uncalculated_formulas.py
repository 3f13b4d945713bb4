"""Formulas never calculated (a workbook written by a program, not saved in Excel): their cells
have no value to read. They are not stored as figures, the report lists them as ranges, and the
table is unsure, so nothing incomplete reaches a councillor without the officer knowing."""

import re

import pytest
from awkward_workbooks import write_xlsx

from memberpack.cli.main import main
from memberpack.errors import ImportFailed
from memberpack.importers import read_file
from memberpack.store.pack import Pack


def _monitor(tmp_path):
    rows = [["Service", "Budget £k", "Forecast £k", "Variance £k"]]
    for r in range(2, 1_002):   # a thousand rows: most are read column-wise, in blocks
        rows.append([f"Service {r}", r * 10, r * 11, f"=C{r}-B{r}" if r % 250 else r])
    return write_xlsx(tmp_path / "monitor.xlsx", {"M6": rows})


def test_formulas_with_no_value_are_not_figures_and_make_the_table_unsure(tmp_path):
    (table,) = read_file(_monitor(tmp_path)).tables
    obs = {o.cell: o for o in table.observations}
    assert "D2" not in obs and "D999" not in obs   # no value, no figure: never a 0
    assert (obs["D250"].value, obs["D1000"].value) == (250_000, 1_000_000)   # the typed-in figures are read
    assert (obs["B2"].value, obs["C1001"].value) == (20_000, 11_011_000)
    report = table.report
    assert report.verdict == "unsure"
    assert report.doubts == ["996 formula cells (D2:D249, D251:D499, D501:D749, D751:D999 and 1 more range) have no calculated "
                             "value and are not read: open and save the workbook in Excel, then import it again"]
    runs = [(run.range, run.count) for run in report.skipped]
    assert runs == [("D2:D249", 248), ("D251:D499", 249), ("D501:D749", 249), ("D751:D999", 249), ("D1001", 1)]
    assert report.cells_read == 1_000 * 2 + 4


def test_import_stops_on_uncalculated_formulas_unless_accepted(tmp_path, capsys):
    path, pack = _monitor(tmp_path), tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 1
    assert "996 formula cells (D2:D249" in capsys.readouterr().err and not pack.exists()
    assert main(["import", str(pack), str(path), "--accept-unsure"]) == 0
    with Pack.open(pack) as opened:
        (dataset,) = opened.datasets()
        stored = {o.cell: o.value for o in opened.iter_observations(dataset.id)}
    assert len(stored) == 2_004 and "D2" not in stored and stored["D250"] == 250_000


@pytest.mark.parametrize("rows, said", [
    ([["Service", "Budget £k", "Forecast £k"], *[[f"Service {r}", f"={r}*10", f"={r}*11"] for r in range(2, 8)]],
     "12 formula cells (B2:C7) have no calculated value and are"),
    ([["Service", "Budget £k"], ["Fieldwork", "=2*10"]], "1 formula cell (B2) has no calculated value and is"),
])
def test_a_workbook_whose_figures_are_all_uncalculated_formulas_says_so(tmp_path, capsys, rows, said):
    """openpyxl writes formulas with no value: a monitor of nothing but formulas had been 'no table found in
    the file (nothing that has a header row and figures)', as if it had no figures."""
    path = write_xlsx(tmp_path / "monitor.xlsx", {"M6": rows})
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 1
    assert capsys.readouterr().err == (f"memberpack: monitor.xlsx: no table found in the file: sheet 'M6': a table with "
                                       f"no figures read: {said} not read: open and save the workbook in Excel, then "
                                       "import it again\n")
    assert not pack.exists()
    with pytest.raises(ImportFailed, match=re.escape(f"sheet 'M6': a table with no figures read: {said} not read")):
        read_file(path)   # the wizard's preview alike


def test_a_sheet_of_uncalculated_formulas_beside_a_table_is_a_warning(tmp_path, capsys):
    """A summary sheet of nothing but formulas was left out of the pack without a word."""
    path = write_xlsx(tmp_path / "monitor.xlsx", {"Summary": [["Service", "Budget £k"], ["Fieldwork", "=Data!B2"]],
                                                  "Data": [["Service", "Budget £k"], ["Fieldwork", 9.1]]})
    assert main(["import", str(tmp_path / "p.mpack"), str(path)]) == 0
    out = capsys.readouterr().out
    assert ("warning: sheet 'Summary': a table with no figures read: 1 formula cell (B2) has no calculated value and is "
            "not read: open and save the workbook in Excel, then import it again") in out
    assert "1 row, 1 figure read" in out
