"""What a second batch of published files nobody here had seen taught (tests/corpus, the last 14 files):
a header word repeated beside each of several columns is part of each column's own stacked name, not a
group over the next column."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _hours_table() -> list[list]:
    """ONS ASHE shape: 'Annual / percentage / change' stacked one word a row beside each of Median and Mean."""
    areas = ["United Kingdom", "England", "Wales", "Scotland", "Northern Ireland", "North East", "London"]
    body = [[name, "", 100 + i, 37.0 - i / 10, 0.1 * i, 33.0 - i / 10, -0.2 * i] for i, name in enumerate(areas)]
    return [["Table 9.9a Paid hours worked"], [],
            ["", "", "Number", "", "Annual", "", "Annual"],
            ["", "", "of jobs", "", "percentage", "", "percentage"],
            ["Description", "Code", "(thousand)", "Median", "change", "Mean", "change"], *body]


def test_a_stacked_header_word_repeated_along_the_row_is_no_group(tmp_path):
    path = write_xlsx(tmp_path / "hours.xlsx", {"All": _hours_table()})
    (table,) = read_file(path).tables
    by_cell = {o.cell: o for o in table.observations}
    assert table.report.header_rows == [3, 4, 5]
    assert (by_cell["F10"].label, by_cell["F10"].measure, by_cell["F10"].value) == ("Northern Ireland", "Mean", 32.6)
    assert by_cell["F10"].unit != "percent"
    assert (by_cell["G10"].measure, by_cell["G10"].unit, by_cell["G10"].value) == (
        "Annual percentage change (G)", "percent", -0.8)
    assert by_cell["D6"].value == 37.0 and by_cell["D6"].measure.endswith("Median")


def test_a_group_header_over_its_leaves_still_spans_them(tmp_path):
    rows = [["Appeals by authority"], [],
            ["Local Authority", 2014, "", "", 2015, "", ""],
            ["", "Appeals registered", "Decisions", "Rate", "Appeals registered", "Decisions", "Rate"],
            *[[f"Authority {i}", i, 100 + i, 1.5, i + 1, 110 + i, 2.5] for i in range(6)]]
    (table,) = read_file(write_xlsx(tmp_path / "appeals.xlsx", {"SEND_2": rows})).tables
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["C6"].measure, by_cell["C6"].period, by_cell["C6"].value) == ("2014 Decisions", "2014", 101)
    assert (by_cell["F6"].measure, by_cell["F6"].period, by_cell["F6"].value) == ("2015 Decisions", "2015", 111)


def _allocations() -> list[list]:
    """DfE DSG shape: a title in A1 beside the group header, letter codes [A].. and a sum under the total."""
    return [["Dedicated schools grant: 2023 to 2024 allocations", "", "2023 to 2024 DSG allocations", "", ""],
            ["", "", "Schools block (£s)", "High needs block (£s)", "Total DSG allocation (£s)"],
            ["", "", "[A]", "[B]", "[C]"],
            ["", "", "", "", "= [A] + [B]"],
            ["ENGLAND", "", 1000, 500, 1500],
            *[[200 + i, f"Authority {i}", 10 + i, 5 + i, 15 + 2 * i] for i in range(6)]]


def test_letter_codes_in_brackets_and_their_sums_are_codes_not_names(tmp_path):
    (table,) = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"Allocations_summary": _allocations()})).tables
    by_cell = {o.cell: o for o in table.observations}
    assert {c: table.report.column_codes[c] for c in "CD"} == {"C": "[A]", "D": "[B]"}
    total = by_cell["E7"]
    assert (total.label, total.value, total.unit) == ("Authority 1", 17, "GBP")
    assert "[" not in total.measure and total.measure.endswith("Total DSG allocation (£s)")
    assert total.period == "2023/24"   # GOV.UK's "2023 to 2024" is the financial year 2023/24


def test_an_opendocument_file_written_without_its_mimetype_is_read(tmp_path):
    import zipfile

    from awkward_workbooks import write_ods

    whole = write_ods(tmp_path / "whole.ods", {"Allocations_summary": _allocations()})
    headless = tmp_path / "dedicated-schools-grant.ods"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(headless, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            if member.filename != "mimetype":
                out.writestr(member, source.read(member))
    (table,) = read_file(headless).tables
    assert {o.cell: o.value for o in table.observations}["E5"] == 1500


def test_sheet_named_for_a_csv_is_a_one_line_error(tmp_path, capsys):
    from memberpack.cli import main

    csv_file = tmp_path / "spend.csv"
    csv_file.write_text("Library,Visits\nA,500\nB,750\nC,900\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "pack.mpack"), str(csv_file), "--sheet", "Sheet1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err] and "spend.csv: a CSV file has no sheets, so --sheet 'Sheet1' does not apply" in err
    assert main(["import", str(tmp_path / "pack.mpack"), str(csv_file), "--sheet", "spend"]) == 0   # its own name


def test_englands_z_codes_spacer_columns_and_capital_footnotes(tmp_path):
    """England with 'z' (not applicable) for its LA number and region; a blank column between the
    figures; a footnote number stuck to a name in capitals ('ENGLAND9')."""
    rows = [["LA Code", "LA Name", "Region", "", "Pupils 2022/23", "", "Pupils 2023/24"],
            ["z", "ENGLAND9", "z", "", 4_000_000, "", 4_100_000],
            *[[300 + i, f"Authority {i}", "OUTER LONDON" if i % 2 else "NORTH WEST", "", 1000 + i, "", 1100 + i]
              for i in range(8)]]
    (table,) = read_file(write_xlsx(tmp_path / "places.xlsx", {"Primary": rows})).tables
    by_cell = {o.cell: o for o in table.observations}
    england = by_cell["E2"]
    assert (england.label, england.section, england.value, england.period) == ("ENGLAND", None, 4_000_000, "2022/23")
    assert table.report.footnotes == {"ENGLAND": "9"}
    assert (by_cell["G4"].label, by_cell["G4"].section, by_cell["G4"].value) == ("Authority 1", "OUTER LONDON", 1101)
    assert {o.measure for o in table.observations} == {"Pupils 2022/23", "Pupils 2023/24"}   # no "Column D", "Column F"
    assert not any(o.cell[0] in "DF" for o in table.observations)


def test_who_was_paid_after_the_amount_identifies_the_payment(tmp_path):
    """A council's spend over £500: supplier and type of spending written after the amount."""
    suppliers = ["UK GAS LTD", "STOWE SCHOOL", "CRITIQOM LTD", "WILLMOTT DIXON", "SHEEHAN HAULAGE"]
    lines = ["Client,Service Area,Expenditure Category,Expenditure Code,Paid Date,Trans No,Amount,"
             "Type of Expenditure,Supplier ID,Supplier Name"]
    for i in range(12):
        lines.append(f"OCC,{'General Fund' if i < 6 else 'Suspense'},Materials,D30{i:02d},{10 + i}/10/2017,"
                     f"{1040187 + i} - {i % 3},{500 + 25 * i}.5,{'Revenue' if i % 4 else 'Capital'},"
                     f"{20018026 + i % 5},{suppliers[i % 5]}")
    path = tmp_path / "expenditure-over-500.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = read_file(path).tables
    by_cell = {o.cell: o for o in table.observations}
    assert {o.measure for o in table.observations} == {"Amount"}   # the supplier's ID is no figure
    third = by_cell["G4"]
    assert (third.label, third.value, third.period) == ("1040189 - 2", 550.5, "Oct 2017")
    assert "CRITIQOM LTD" in third.section and "20018028" in third.section
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["column G (Amount) looks like money but no unit (£, £k, £m) is stated anywhere: "
                                   "give it with --unit"]


def test_money_named_in_camel_case_with_no_unit_is_a_doubt(tmp_path):
    """Open data with run-together names ('FraudSpentAmount', 'LiableInterest') and no £ anywhere."""
    lines = ["OrganisationLabel,FinancialYear,CasesInvestigated,FraudSpentAmount"]
    lines += [f"Trafford Council,{2014 + i}/{15 + i},{30 + i},{327310 - 1000 * i}" for i in range(6)]
    path = tmp_path / "counter_fraud.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = read_file(path).tables
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["column D (FraudSpentAmount) looks like money but no unit (£, £k, £m) is stated "
                                   "anywhere: give it with --unit"]
    assert {o.cell: o.value for o in table.observations}["D2"] == 327310


def test_dfe_pt_and_pc_columns_of_a_tidy_file_are_percentages(tmp_path):
    header = "time_period,time_identifier,geographic_level,country_code,country_name,la_name,t_pupils,pt_all_SEN,new_ehc_pc"
    rows = [f"202122,Academic year,Local authority,E92000001,England,Area {i},{100 + i},{12.5 + i},{80 + i}"
            for i in range(4)]
    path = tmp_path / "sen_la.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (table,) = read_file(path).tables
    assert {o.measure: o.unit for o in table.observations} == {
        "Total pupils (t_pupils)": "count", "Percentage of all SEN (pt_all_sen)": "percent",
        "New EHC (%) (new_ehc_pc)": "percent"}
    assert {o.cell: o.value for o in table.observations}["H3"] == 13.5
