"""The import report, layouts corrected by hand, layouts remembered, and monthly returns as versions."""

import json
from dataclasses import replace

from awkward_workbooks import write_xlsx
from memberpack.cli import main
from memberpack.importers import import_files, read_file
from memberpack.model.observation import GENERAL
from memberpack.store.pack import Pack


def _monitor(path, month, placements):
    rows = [[f"23/24 Budget Monitoring Report (Month {month})"], [],
            ["Service Area", "Current Budget", f"Month {month} Variance"], [None, "£m", "£m"],
            ["Children & Families"], ["External Placements", 38.4, placements], ["Fieldwork", 9.1, 0.7],
            ["Children & Families sub total", 47.5, placements + 0.7], [], ["Note: verbal update to follow"]]
    return write_xlsx(path, {f"M{month} Summary": rows})


def test_report_names_range_headers_labels_unit_kind_and_skipped_cells(tmp_path, capsys):
    path = _monitor(tmp_path / "m6.xlsx", 6, 10.4)
    out = tmp_path / "report.json"
    assert main(["import", str(tmp_path / "p.mpack"), str(path), "--dry-run", "--report", str(out)]) == 0
    text = capsys.readouterr().out
    verdicts = ("    read", "    read with assumptions (1 listed below)")   # the verdict comes first, once given
    assert [line for line in text.splitlines() if line not in verdicts] == [
        "m6.xlsx: 1 table",
        "  [M6 Summary!A3:C8] 23/24 Budget Monitoring Report (Month 6)",
        "    header rows 3, units row 4; labels in column A; no key columns",
        "    unit £m (from units row 4); period 2023/24 Month 6 (from the title)",
        "    3 rows, 6 figures read; budget_monitor (columns name budget / variance), layout detected",
        "    assumed section heading: row 5 'Children & Families'",
        "    skipped A10: footnote row",
        "dry run: nothing was written"]
    assert not (tmp_path / "p.mpack").exists()
    (saved,) = json.loads(out.read_text())
    (table,) = saved["tables"]
    assert (table["cell_range"], table["label_column"], table["kind"]) == ("A3:C8", "A", "budget_monitor")
    assert table["skipped"] == [{"range": "A10", "count": 1, "reason": "footnote row"}]


def test_a_later_return_is_a_new_version_of_the_same_dataset(tmp_path):
    pack_path = tmp_path / "p.mpack"
    with Pack.create(pack_path) as pack:
        import_files(pack, [_monitor(tmp_path / "budget_m6.xlsx", 6, 10.4)])
        import_files(pack, [_monitor(tmp_path / "budget_m7.xlsx", 7, 10.9)])
        (latest,) = pack.datasets()
        earlier = pack.previous_version(latest)
        assert (latest.version, latest.key, earlier.key) == (2, "Summary/Budget Monitoring Report", latest.key)
        assert (earlier.source_file, latest.source_file) == ("budget_m6.xlsx", "budget_m7.xlsx")
        values = {o.cell: (o.value, o.period) for o in pack.observations(latest.id)}
        assert values["C6"] == (10_900_000, "2023/24 Month 7")
        assert (latest.cell_range, latest.kind, latest.domain) == ("A3:C8", "budget_monitor", "finance")
        assert latest.layout["header_rows"] == [3] and latest.report["rows_read"] == 3


def test_layout_corrected_in_the_wizard_is_remembered_for_the_next_return(tmp_path):
    m6 = _monitor(tmp_path / "budget_m6.xlsx", 6, 10.4)
    (detected,) = read_file(m6).layouts
    corrected = replace(detected, kind=GENERAL, unit="£k", units_row=None)
    with Pack.create(tmp_path / "p.mpack") as pack:
        (report,) = import_files(pack, [m6], layouts=[corrected])
        assert report.tables[0].layout_source == "set by hand"
        (report,) = import_files(pack, [_monitor(tmp_path / "budget_m7.xlsx", 7, 10.9)])
        table = report.tables[0]
        assert (table.layout_source, table.kind, table.units_row) == ("remembered for this shape", GENERAL, None)
        latest = pack.datasets()[0]
        placements = next(o for o in pack.observations(latest.id) if o.cell == "C6")
    assert placements.value == 10_900  # read in £k, as the officer said, not £m
    assert latest.version == 2


def test_overrides_change_header_rows_label_column_and_last_row(tmp_path):
    rows = [["Ref", "Indicator", "Q1", "Q2"], ["1.1", "Contacts", 5318, 5100], ["1.2", "Referrals", 862, 900],
            ["1.3", "Assessments", 700, 650]]
    path = write_xlsx(tmp_path / "o.xlsx", {"KPI": rows})
    (auto,) = read_file(path).tables
    detected = auto.layout
    assert detected.label_column == "B"
    assert auto.report.key_columns == [{"column": "A", "header": "Ref", "role": "section"}]   # kept, not skipped
    assert not auto.report.skipped_cells()
    fixed = replace(detected, label_column="A", first_column="A", last_row=3)
    (table,) = read_file(path, overrides=[fixed]).tables
    got = {o.cell: (o.label, o.measure, o.value) for o in table.observations}
    assert got["C2"] == ("1.1", "Q1", 5318) and got["B3"] == ("1.2", "Indicator", None)
    assert "C4" not in got and table.report.layout_source == "set by hand"


def test_an_override_for_the_second_table_leaves_the_first_alone(tmp_path):
    rows = [["Suspensions"], ["Data Set", "Sep", "Oct"], ["Fixed Period Exclusions 2020 - 2021", 503, 677], [],
            ["Exclusions"], ["Data Set", "Sep", "Oct"], ["Permanent Exclusions 2020 - 2021", 7, 1]]
    path = write_xlsx(tmp_path / "two.xlsx", {"S": rows})
    first, second = read_file(path).layouts
    tables = read_file(path, overrides=[replace(second, kind=GENERAL, title="Permanent exclusions")]).tables
    assert [(t.layout.kind, t.title, t.report.layout_source) for t in tables] == [
        (first.kind, "Suspensions", "detected"), (GENERAL, "Permanent exclusions", "set by hand")]
    assert [o.value for o in tables[1].observations] == [7, 1]


def test_a_unit_set_by_hand_wins_over_the_headers(tmp_path):
    rows = [["Service Area", "Current Budget £m", "Share %"], ["Fieldwork", 9100, 12.5]]
    path = write_xlsx(tmp_path / "u.xlsx", {"S": rows})
    (detected,) = read_file(path).layouts
    (table,) = read_file(path, overrides=[replace(detected, unit="£k")]).tables
    got = {o.cell: (o.value, o.unit) for o in table.observations}
    assert got == {"B2": (9_100_000, "GBP"), "C2": (12.5, "percent")}
