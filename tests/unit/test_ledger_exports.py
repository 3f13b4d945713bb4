"""A finance system's ledger export as officers download it: ``Directorate | Cost Centre | Cost
Centre Name | Subjective | Subjective Name | Annual Budget | ... | Forecast Variance``, a line per
cost centre and subjective, no totals. The subjective's code (1100, 4000) had been read as a
figure column, its name as a text measure, and every line of a cost centre named alike
("Residential care" four times, "no column tells them apart")."""

import csv

from memberpack.importers import read_file
from memberpack.importers.table_layout import Corrections

_SUBJECTIVES = [(1100, "Salaries"), (4000, "Supplies & services"), (5200, "Third party payments"),
                (9100, "Fees & charges income")]
_CENTRES = [("Adults", "AD100", "Residential care"), ("Adults", "AD101", "Home care"),
            ("Children", "CH100", "Placements"), ("Place", "PL100", "Waste")]


def _ledger(path):
    rows = [["Directorate", "Cost Centre", "Cost Centre Name", "Subjective", "Subjective Name", "Annual Budget",
             "Forecast Outturn", "Forecast Variance"]]
    for n, (directorate, code, name) in enumerate(_CENTRES):
        for k, (subjective, what) in enumerate(_SUBJECTIVES):
            budget = (100 + 10 * n + k) * 1000 * (-1 if subjective == 9100 else 1)
            rows.append([directorate, code, name, subjective, what, budget, budget + 2000, 2000])
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_each_line_is_named_by_its_subjective_under_its_cost_centre(tmp_path):
    table, = read_file(_ledger(tmp_path / "ledger.csv"), corrections=Corrections(unit="£")).tables
    report = table.report
    assert report.label_column == "E"
    assert [(k["column"], k["role"]) for k in report.key_columns] == [
        ("A", "section"), ("B", "section"), ("C", "section"), ("D", "code of the name beside it")]
    assert not report.assumptions
    measures = {o.measure for o in table.observations}
    assert measures == {"Annual Budget", "Forecast Outturn", "Forecast Variance"}   # no 'Subjective' figures
    cells = {o.cell: o for o in table.observations}
    assert (cells["F2"].label, cells["F2"].section, cells["F2"].value) == (
        "Salaries", "Adults / AD100 / Residential care", 100000)
