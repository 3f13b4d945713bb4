"""What a fifteenth batch of published files nobody here had seen taught (tests/corpus, the 5 council finance files
from mcc_spend_over_500_2014-04.csv on): a percentage whose header states its cap ("as a percentage of the Band D
council tax (maximum 2%)") and whose figures all lie between 0 and the cap as a fraction (0.0159, 0.0200) is written
as fractions."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _precept(tmp_path, figures):
    rows = [["Authority", "Band D council tax (£)", "ASC precept as a percentage of the Band D council tax (maximum 2%)"],
            ["England", 1817.62, figures[0]],
            ["Adur", 324.76, "-"],
            ["Barnet", 1528.43, figures[1]],
            ["Bury", 1962.08, figures[2]]]
    formats = {"Data": {f"C{r}": "0.00" for r in range(2, 6)}}
    table, = read_file(write_xlsx(tmp_path / "ctr.xlsx", {"Data": rows}, formats=formats)).tables
    return table, {o.cell: o for o in table.observations}


def test_a_percentage_capped_in_its_header_is_read_from_fractions(tmp_path):
    """The old reading took 0.0159 under '(maximum 2%)' for 0.0159%, a hundredth of a per cent, in a table
    it called confident; read as written, every figure would be a hundredth of the cap or less, so they
    are fractions: 1.59%, 2% and 1.83%, and the report says so."""
    table, cells = _precept(tmp_path, [0.015865, 0.020002, 0.018293])
    assert [(cells[c].value, cells[c].unit) for c in ("C2", "C4", "C5")] == [
        (1.5865, "percent"), (2.0002, "percent"), (1.8293, "percent")]
    assert cells["C3"].value is None and cells["C3"].status == "-"
    assert any("caps it at 2%" in a for a in table.report.assumptions)


def test_a_capped_percentage_written_as_percentages_stays_as_written(tmp_path):
    """Figures already in per cent under the same header (1.59, 2, 1.83) are above the cap as a fraction:
    they stay as written, and nothing is assumed."""
    table, cells = _precept(tmp_path, [1.59, 2, 1.83])
    assert [cells[c].value for c in ("C2", "C4", "C5")] == [1.59, 2, 1.83]
    assert not any("caps it" in a for a in table.report.assumptions)
