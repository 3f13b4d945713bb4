"""Import details a councillor sees: counts with no unit in their header, Comments columns with no
period, side-by-side tables with names of their own, CSV tables named after their first label, amounts
written with their £, targets written with signs, and ratios and minutes:seconds that are no hours."""

import pytest
from awkward_workbooks import observations, write_xlsx

from memberpack.importers import import_files, read_file
from memberpack.store.pack import Pack

M = 1_000_000


def test_counts_without_a_header_unit_are_counts(tmp_path):
    rows = [["Measure", "2021/22", "2022/23"], ["EHC needs assessment requests", 1060, 1128],
            ["Number of appeals heard", 12, 15], ["Attainment 8 gap", 15.8, 15.4], ["Primary", 37291, 37000]]
    obs = observations(write_xlsx(tmp_path / "c.xlsx", {"K": rows}))
    assert (obs[("K", "B2")].value, obs[("K", "B2")].unit) == (1060, "count")     # a count metric
    assert (obs[("K", "C3")].value, obs[("K", "C3")].unit) == (15, "count")       # "number of"
    assert obs[("K", "B4")].unit is None and obs[("K", "B5")].unit is None        # not counts


def test_a_comment_column_gets_no_period(tmp_path):
    rows = [["Measure", "2021/22", "2022/23", "Comment"], ["EHC plans maintained", 4970, 5545, "An 11% increase"]]
    obs = observations(write_xlsx(tmp_path / "e.xlsx", {"EHCP": rows}))
    assert obs[("EHCP", "C2")].period == "2022/23"
    assert (obs[("EHCP", "D2")].display, obs[("EHCP", "D2")].period) == ("An 11% increase", None)


def test_side_by_side_tables_get_names_of_their_own_and_keep_their_keys(tmp_path):
    rows = [["DSG 2023/24"], [],
            ["DSG Block £m", "Funding", "Variance", "DSG Block £m", "Balance b/f at 1 Apr 2023 Surplus/ (Deficit)",
             "Carry forward"],
            ["Schools", 2.5, -0.4, "Schools", 2.6, 1.0], ["High Needs", 73.5, -15.1, "High Needs", -29.8, -44.9]]
    path = write_xlsx(tmp_path / "dsg.xlsx", {"DSG": rows})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        import_files(pack, [path], again=True)  # the same file again, on purpose
        latest = pack.datasets()
        names = [d.name for d in latest]
        assert names == ["DSG 2023/24", "DSG 2023/24: Balance b/f"]
        assert [d.version for d in latest] == [2, 2]    # the same keys on the second import
        assert len({d.key for d in latest}) == 2


def test_a_csv_table_of_one_row_is_named_after_its_label(tmp_path):
    path = tmp_path / "10_agency_staffing_spend.csv"
    path.write_text(",2016/17,2017/18\nagency_staffing spend,\"£1,700,734\",\"£1,158,238\"\n", encoding="cp1252")
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        [ds] = pack.datasets()
        assert ds.name == "Agency staffing spend"
        assert pack.observations(ds.id)[0].value == 1_700_734


def test_a_csv_table_of_many_rows_is_named_after_its_file(tmp_path):
    """The first of many rows names one area, not the table."""
    path = tmp_path / "la_pupils.csv"
    path.write_text("Local authority,LA code,Pupils\nBarnsley,370,100\nBolton,350,200\n", encoding="utf-8")
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path], accept_unsure=True)
        [ds] = pack.datasets()
        assert ds.name == "la_pupils"
        assert [o.label for o in pack.observations(ds.id)] == ["Barnsley", "Bolton"]


def test_amounts_written_with_their_pound_sign_need_no_unit_in_the_header(tmp_path):
    path = tmp_path / "spend_over_500.csv"
    path.write_text("Spend over £500 - April 2024\n\nDate,Transaction Number,Service Area,Supplier Name,Amount\n"
                    '02/04/2024,100234,Adult Social Care,Care Homes Ltd,"£12,345.67"\n'
                    '03/04/2024,100235,Highways,Tarmac & Co,"-£1,050.00"\n'
                    "03/04/2024,100236,Libraries,Book Supplies plc,£620.00\n", encoding="utf-8")
    table, = read_file(path).tables
    assert table.report.verdict != "unsure" and not table.report.doubts
    values = {o.cell: (o.value, o.unit) for o in table.observations}
    assert values["E4"] == (12345.67, "GBP") and values["E5"] == (-1050, "GBP")


def test_a_target_column_written_with_signs_is_a_measure_not_a_key(tmp_path):
    rows = [["KPI", "Target", "Apr", "May", "Status"], ["% of calls answered", "≥ 90%", "91%", "89%", "Green"],
            ["Average days to re-let", "< 30", 28, 35, "Amber"], ["Complaints answered in time", "95%", "97%", "96%", "Green"]]
    obs = observations(write_xlsx(tmp_path / "kpi.xlsx", {"KPI": rows}))
    assert (obs[("KPI", "B2")].measure, obs[("KPI", "B2")].display, obs[("KPI", "B2")].section) == ("Target", "≥ 90%", None)
    assert (obs[("KPI", "B4")].value, obs[("KPI", "C3")].section) == (95, None)


def test_a_ratio_is_no_duration_and_minutes_and_seconds_are_read_as_such(tmp_path):
    rows = [["School", "Pupils", "Pupil:teacher ratio", "Average call wait (mm:ss)", "Response time"],
            ["Oak Primary", 320, "1:18", "00:45", "01:10"], ["Elm Academy", 1100, "1:21", "01:10", "00:30"]]
    obs = observations(write_xlsx(tmp_path / "r.xlsx", {"R": rows}))
    assert (obs[("R", "C2")].value, obs[("R", "C2")].display) == (None, "1:18")   # not 78 minutes
    assert (obs[("R", "D3")].value, obs[("R", "D3")].unit) == (pytest.approx(70 / 60), "minutes")   # not 70
    assert obs[("R", "E2")].value == 70   # hours:minutes where the header says nothing else
