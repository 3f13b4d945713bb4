"""A clerk's and a councillor's review of officers' monitors and scorecards (review13): every
sentence true, every chart honest, nothing lost."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.model.observation import Dataset


def _charts(tmp_path, rows, name="T", formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    ds = Dataset(name, "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    return charts_for(ds, list(table.observations))


def test_a_breakdown_of_whole_numbers_with_no_unit_is_charted_as_a_number_not_points(tmp_path):
    rows = [["Live births by local authority, 2023"], [],
            ["Local authority", "Live births", "Under 2500g"],
            ["Cardiff", 3921, 240], ["Swansea", 2011, 151], ["Wrexham", 1298, 77], ["Powys", 998, 52]]
    spec, = _charts(tmp_path, rows, "Live births by local authority, 2023")
    assert spec.y_label == "Live births, number", spec.y_label


def test_a_note_on_the_variance_is_on_this_months_not_refused_beside_last_months(tmp_path, capsys):
    book = write_xlsx(tmp_path / "revenue_p9.xlsx", {"P9 Summary": [
        ["Revenue Budget Monitoring 2024/25 - Period 9"], [],
        ["Service", "Revised Budget £000s", "P9 Forecast Outturn £000s", "P9 Forecast Variance £000s",
         "P8 Forecast Variance £000s"],
        ["Parking Services", -4210, -3480, 730, 560],
        ["Waste Collection & Disposal", 21340, 21780, 440, 570],
        ["Total", 17130, 18300, 1170, 1130]]})
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(book)]) == 0
    capsys.readouterr()
    assert main(["notes", "add", pack, "--label", "Parking Services", "--measure", "variance", "--kind", "question",
                 "--text", "Why?"]) == 0
    assert "P9 Forecast Variance £000s (£730k)" in capsys.readouterr().out
    assert main(["notes", "add", pack, "--label", "Parking Services", "--measure", "variance", "--period", "P8",
                 "--kind", "question", "--text", "And last month?"]) == 0
    assert "P8 Forecast Variance £000s" in capsys.readouterr().out
