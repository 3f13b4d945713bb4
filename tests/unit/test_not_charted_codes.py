"""A column of codes is no measure left out of a chart: the pay multiple's ``ModelCalculation``
(0, 1 and 4, one to each of the highest, median and lowest pay, every year) was named in "Not
charted (one measure per chart ...): ModelCalculation" as if it were figures the chart left out."""

from __future__ import annotations

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset

HEADER = "OrganisationLabel,EffectiveDate,PayMultipleFactor,RemunerationValue,Period,ModelCalculation,Headcount\n"


def _left_out(tmp_path, rows: list[str]) -> str:
    path = tmp_path / "pay.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    table, = read_file(path).tables
    ds = Dataset("Pay multiple", "pay.csv", "0" * 64, "pay", "A1", table.layout.kind, key="t")
    return " ".join(s.left_out for s in charts_for(ds, list(table.observations)))


def _rows(headcount) -> list[str]:
    return [f"Trafford Council,{year}-03-20,{band},{pay + 500 * n},{year}/{(year + 1) % 100},{code},{headcount(n, code)}\n"
            for n, year in enumerate(range(2019, 2024))
            for band, pay, code in (("Highest", 165000, 0), ("Median", 23111, 1), ("Lowest", 15016, 4))]


def test_a_code_of_each_row_is_not_named_as_a_measure_not_charted(tmp_path):
    left_out = _left_out(tmp_path, _rows(lambda n, code: 100 + 7 * n + code))
    assert "Headcount" in left_out and "ModelCalculation" not in left_out, left_out


def test_a_figure_that_moves_is_still_named(tmp_path):
    left_out = _left_out(tmp_path, _rows(lambda n, code: 3 + (n % 2) + code))
    assert "Headcount" in left_out, left_out
