"""Marks, padded text figures, durations and values at Excel's limits, as published tables write them."""

import json

import pytest
from awkward_workbooks import observations, write_xlsx

from memberpack.cli import main
from memberpack.model.values import OUT_OF_RANGE

MARKS = ["..", ".", "-", "*", "~", "[x]", "[c]", "[z]", "[low]", "[u]", "x", "c", "z", "u", "low", "k", ":"]


def test_every_gss_mark_is_a_status_never_zero(tmp_path):
    rows = [["Area", "Pupils", "Rate"]] + [[f"Area {i}", mark, 1.5] for i, mark in enumerate(MARKS)]
    obs = observations(write_xlsx(tmp_path / "marks.xlsx", {"S": rows}))
    read = [(obs[("S", f"B{i + 2}")].value, obs[("S", f"B{i + 2}")].display) for i in range(len(MARKS))]
    assert read == [(None, mark) for mark in MARKS]
    statuses = [obs[("S", f"B{i + 2}")].status for i in range(len(MARKS))]
    assert statuses == [":", ".", "-", "c", "~", "x", "c", "z", "low", "u", "x", "c", "z", "u", "low", "k", ":"]
    assert obs[("S", "C5")].value == 1.5


def test_padded_text_figures_with_brackets_and_thousands_separators(tmp_path):
    rows = [["Service", "Net £"], ["Parks", "   (29,201)"], ["Halls", "  1,234,567 "], ["Grants", " -   "]]
    obs = observations(write_xlsx(tmp_path / "padded.xlsx", {"S": rows}))
    assert [obs[("S", c)].value for c in ("B2", "B3")] == [-29_201, 1_234_567]
    assert (obs[("S", "B4")].value, obs[("S", "B4")].status) == (None, "-")


def test_durations_as_text_and_as_time_cells(tmp_path):
    from datetime import time

    rows = [["Service", "Average wait"], ["Ambulance", "00:10"], ["Clinic", "01:30:30"], ["Helpline", time(0, 7)]]
    obs = observations(write_xlsx(tmp_path / "durations.xlsx", {"S": rows}, formats={"S": {"B4": "hh:mm"}}))
    assert [(obs[("S", c)].value, obs[("S", c)].unit) for c in ("B2", "B3", "B4")] == [
        (10, "minutes"), (90.5, "minutes"), (7, "minutes")]
    assert obs[("S", "B2")].display == "00:10"


def test_values_at_excels_limits_import_and_export(tmp_path):
    long_text = "x" * 32_767
    rows = [["Service", "Budget £k", "Comments"], ["Huge", 1e308, long_text], ["Fieldwork", 12.5, "ok"]]
    path = write_xlsx(tmp_path / "limits.xlsx", {"S": rows})
    obs = observations(path)
    assert obs[("S", "B2")].value is None and obs[("S", "B2")].status == OUT_OF_RANGE   # 1e308 thousand pounds
    assert obs[("S", "B3")].value == 12_500 and obs[("S", "C2")].display == long_text
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "out.json")]) == 0
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    values = {o["cell"]: o["value"] for o in exported["observations"]}
    assert values["B3"] == 12_500 and values["B2"] is None


@pytest.mark.parametrize("text, status", [("[x]", "x"), ("[low]", "low"), ("~", "~"), ("#", "z")])
def test_marks_in_a_csv(tmp_path, text, status):
    path = tmp_path / "marks.csv"
    path.write_text(f"Area,Pupils\nSomerset,{text}\nDevon,12\n", encoding="utf-8")
    obs = observations(path)
    assert (obs[("marks", "B2")].value, obs[("marks", "B2")].status, obs[("marks", "B3")].value) == (None, status, 12)
