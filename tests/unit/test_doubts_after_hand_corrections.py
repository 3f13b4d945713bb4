"""An officer's correction answers only the doubts it is about: header rows, a label or key columns
answer doubts about the layout, a unit given answers doubts about the unit, ``--fractions`` the
percentages that may be fractions; a figure no percentage of a whole can be (over 100, under 0) is
answered by nothing but the officer accepting it. The table stays unsure until then."""

import os
import subprocess
import sys
from dataclasses import replace

from awkward_workbooks import write_xlsx

from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.importers.table_layout import Corrections
from memberpack.store.pack import Pack

SHARE = "Percentage of EHC plans issued within 20 weeks"


def _scorecard(tmp_path, target=402, actual=61.5, name="kpi.xlsx"):
    """A KPI scorecard whose share of a whole has a target of 402 (a count typed in the % row)."""
    rows = [["Measure", "Target", "Actual", "RAG"], [SHARE, target, actual, "Amber"],
            ["Number of children looked after", 400, 388, "Green"],
            ["Number of care leavers in touch", 150, 141, "Green"]]
    return write_xlsx(tmp_path / name, {"KPIs": rows})


def _figures(pack):
    with Pack.open(pack) as opened:
        (ds,) = opened.datasets()
        return ds.report, {o.cell: o.value for o in opened.observations(ds.id)}


def test_a_layout_correction_leaves_a_share_over_100_in_doubt_and_the_import_stops(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_scorecard(tmp_path)), "--label-column", "A"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.endswith(f"is unsure: the figures of '{SHARE}' go over 100 (up to 402), which no percentage of a "
                        "whole can: they are read as written, as percentages, but may be counts or in another unit: "
                        "check them in the workbook; check it in the import wizard, or confirm it with --accept-unsure")
    assert not pack.exists()


def test_the_officer_accepting_it_imports_it_as_read_and_still_unsure(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_scorecard(tmp_path)), "--label-column", "A", "--accept-unsure"]) == 0
    out = capsys.readouterr().out
    assert "    unsure\n" in out and f"    doubt: the figures of '{SHARE}' go over 100 (up to 402)" in out
    report, figures = _figures(pack)
    assert report["verdict"] == "unsure" and report["layout_source"] == "corrected by hand: labels in column A"
    assert (figures["B2"], figures["C2"], figures["C3"]) == (402, 61.5, 388)


def test_through_the_module_the_exit_code_and_the_one_line_say_so(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-m", "memberpack", "import", str(tmp_path / "p.mpack"),
                           str(_scorecard(tmp_path)), "--unit", "£"], capture_output=True, text=True, env=env)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "is unsure: the figures of 'Percentage of EHC plans" in done.stderr and "--unit" not in done.stderr


def test_a_share_under_0_is_doubted_and_no_correction_answers_it(tmp_path):
    path = _scorecard(tmp_path, target=85, actual=-3)
    (table,) = read_file(path).tables
    assert table.report.verdict == "unsure"
    assert table.report.doubts == [f"the figures of '{SHARE}' go under 0 (down to -3), which no percentage of a whole "
                                   "can: they are read as written, as percentages, but may be changes or in another "
                                   "unit: check them in the workbook"]
    for corrections in (Corrections(label_column="A"), Corrections(header_rows=(1,)), Corrections(unit="%")):
        (table,) = read_file(path, corrections=corrections).tables
        assert table.report.verdict == "unsure" and "go under 0 (down to -3)" in table.report.doubts[0]
        assert {o.cell: o.value for o in table.observations}["C2"] == -3


def test_a_layout_set_in_the_wizard_leaves_the_share_in_doubt(tmp_path):
    path = _scorecard(tmp_path)
    (table,) = read_file(path).tables
    (table,) = read_file(path, overrides=[replace(table.layout, key_columns=())]).tables
    assert table.report.layout_source == "set by hand" and table.report.verdict == "unsure"
    assert "go over 100 (up to 402)" in table.report.doubts[0]


def test_changes_balances_and_percentages_of_a_budget_under_0_are_not_doubted(tmp_path):
    rows = [["Measure", "2023/24", "Change on last year"], [SHARE, 61.5, -4.5],
            ["Percentage change in referrals", 12, -8], ["Percentage of budget spent", 98.2, -1.5],
            ["Percentage of pupils absent: change since 2019", -0.4, -0.2],
            ["DSG cumulative balance as a % of the total income", -15.06, -9.5]]
    (table,) = read_file(write_xlsx(tmp_path / "changes.xlsx", {"S": rows})).tables
    assert not [d for d in table.report.doubts if "under 0" in d]
    assert {o.cell: o.value for o in table.observations}["C2"] == -4.5


def _money_and_fractions(tmp_path):
    """Budgets with no unit stated, and attendance typed as fractions."""
    rows = [["School", "Budget", "Attendance %"], ["Hillside Primary", 9100, 0.94], ["Moor Lane Academy", 4200, 0.912],
            ["St Mary's CE", 3350.5, 0.958]]
    return write_xlsx(tmp_path / "schools.xlsx", {"S": rows})


def test_a_unit_given_answers_the_unit_doubt_but_not_the_fractions(tmp_path, capsys):
    path = _money_and_fractions(tmp_path)
    (table,) = read_file(path).tables
    assert len(table.report.doubts) == 2
    (table,) = read_file(path, corrections=Corrections(unit="£k")).tables
    assert table.report.verdict == "unsure" and len(table.report.doubts) == 1
    assert table.report.doubts[0].startswith("the percentages of 'Attendance %' are all between 0 and 1")
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path), "--unit", "£k"]) == 1
    err = capsys.readouterr().err
    assert "if they are, import it with --fractions; check it in the import wizard, or confirm it with " \
           "--accept-unsure\n" in err
    assert main(["import", str(pack), str(path), "--unit", "£k", "--fractions"]) == 0
    report, figures = _figures(pack)
    assert report["verdict"] == "read with assumptions" and report["doubts"] == []
    assert (figures["B2"], figures["B4"], figures["C2"], figures["C3"]) == (9_100_000, 3_350_500, 94, 91.2)


def test_a_unit_given_leaves_the_header_doubt_and_header_rows_answer_it(tmp_path, capsys):
    rows = [["Rates"], [], ["Somerset", 933, 12.5], ["Devon", 878, 11], ["Dorset", 835, 10]]
    path = write_xlsx(tmp_path / "rates.xlsx", {"Rates": rows})
    (table,) = read_file(path, corrections=Corrections(unit="%")).tables
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["no header row found: row 3 looks like the data under it (mostly figures)"]
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path), "--unit", "%"]) == 1
    assert capsys.readouterr().err.strip().endswith(
        "or confirm it with --accept-unsure, or correct it with --header-rows, --label-column or --key-columns")
    assert main(["import", str(pack), str(path), "--header-rows", "3"]) == 0
    report, figures = _figures(pack)
    assert report["verdict"] == "read with assumptions" and report["doubts"] == []
    assert "(the layout was set by hand)" in report["assumptions"][0]
    assert (figures["B4"], figures["C5"]) == (878, 10)


def test_next_months_file_of_the_same_shape_reads_with_the_remembered_layout(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    month = [["Rates"], [], ["Somerset", 933, 12.5], ["Devon", 878, 11], ["Dorset", 835, 10]]
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "rates_m1.xlsx", {"Rates": month})),
                 "--header-rows", "3"]) == 0
    month[3][1] = 881
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "rates_m2.xlsx", {"Rates": month}))]) == 0
    assert "layout remembered for this shape" in capsys.readouterr().out
    with Pack.open(pack) as opened:
        latest = opened.datasets()[-1]
        assert latest.report["verdict"] != "unsure" and latest.report["doubts"] == []
        assert {o.cell: o.value for o in opened.observations(latest.id)}["B4"] == 881


def test_a_remembered_layout_answers_no_doubt_about_next_months_figures(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_scorecard(tmp_path, target=85, name="kpi_m1.xlsx")),
                 "--label-column", "A"]) == 0
    assert main(["import", str(pack), str(_scorecard(tmp_path, target=402, name="kpi_m2.xlsx"))]) == 1
    assert "kpi_m2.xlsx: table" in capsys.readouterr().err


def test_two_figures_written_with_the_pound_sign_are_pounds(tmp_path, capsys):
    rows = [["Capital schemes"], ["Scheme", "Amount"], ["Highways resurfacing", "£12,500,000"],
            ["Library refit", "£245,000.50"]]
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "capital.xlsx", {"Capital": rows}))]) == 0
    out = capsys.readouterr().out
    assert "    unit £;" in out and "assumed: column B (Amount) is in £: its cells write the £ sign" in out
    report, figures = _figures(pack)
    assert report["verdict"] == "read with assumptions" and report["unit"] == "£"
    assert (figures["B3"], figures["B4"]) == (12_500_000, 245_000.50)


def test_a_unit_stated_in_a_header_is_kept_beside_a_column_of_pounds(tmp_path):
    rows = [["Scheme", "Budget £k", "Spend"], ["Highways resurfacing", 12500, "£12,480,000"],
            ["Library refit", 245, "£245,000.50"]]
    (table,) = read_file(write_xlsx(tmp_path / "capital.xlsx", {"Capital": rows})).tables
    assert table.report.verdict == "read with assumptions" and table.report.doubts == []
    figures = {o.cell: o.value for o in table.observations}
    assert (figures["B2"], figures["B3"], figures["C2"], figures["C3"]) == (12_500_000, 245_000, 12_480_000, 245_000.50)
