"""What published files nobody here had seen taught: a table of words and dates whose first rows are
taken for its header and durations that may be years:months rather than hours:minutes are doubts;
money shown with a "£" number format and no unit in any header is pounds."""

from datetime import datetime

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

_JUDGEMENTS = ["Good", "Outstanding", "Requires improvement to be good", "Good"]


def _inspections(count: int) -> list[list]:
    """Rows of an inspections list: link text, area, region, date, judgements, and a count of visits."""
    regions = ["South West", "London", "North West"]
    return [["Webpage", f"Area {i}", regions[i % 3], datetime(2023, 1 + i % 12, 10),
             *[_JUDGEMENTS[(i + j) % 4] for j in range(3)], 2 + i % 5] for i in range(count)]


def test_a_header_whose_cells_are_the_values_below_it_is_a_doubt(tmp_path):
    rows = [["Inspection judgements"], [], *_inspections(12)]
    path = write_xlsx(tmp_path / "judgements.xlsx", {"Judgements": rows})
    (table,) = read_file(path).tables
    assert table.report.header_rows == [3] and table.report.verdict == "unsure"
    assert table.report.doubts[0].startswith(
        "row 3 looks like the rows under it: 6 of its 8 cells ('Webpage', 'South West', '10 Jan 2023'...) are values "
        "found in the same columns below, so it may be data rather than a header")


def test_a_real_header_repeated_lower_down_is_no_doubt(tmp_path):
    header = ["Link", "Area", "Region", "Inspected", "Overall", "Leadership", "Care", "Visits"]
    body = _inspections(12)
    path = write_xlsx(tmp_path / "pages.xlsx", {"Judgements": [header, *body[:6], header, *body[6:]]})
    table = read_file(path).tables[0]
    assert table.report.header_rows == [1]
    assert not any("looks like the rows under it" in d for d in table.report.doubts)
    assert {o.cell: o.value for o in table.observations}["H3"] == 3


def _times(tmp_path, name: str, times: list[str]):
    rows = [["Stage", "Average time"], *[[f"Stage {i}", t] for i, t in enumerate(times, 1)]]
    (table,) = read_file(write_xlsx(tmp_path / name, {"Times": rows})).tables
    return table


def test_durations_never_past_eleven_minutes_may_be_years_and_months(tmp_path):
    table = _times(tmp_path, "adoption.xlsx", ["00:10", "01:11", "00:09", "01:05", "00:01"])
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["the durations in column B never show more than 11 after the colon: they may be "
                                   "years:months ('01:11' for 1 year 11 months), not hours:minutes as read"]
    assert {o.cell: o.value for o in table.observations}["B3"] == 71   # read as written, the doubt says how


def test_response_times_past_eleven_minutes_are_read_without_doubt(tmp_path):
    table = _times(tmp_path, "response.xlsx", ["00:10", "01:45", "00:09", "01:05", "00:30"])
    assert table.report.verdict != "unsure"
    assert {o.cell: o.value for o in table.observations}["B3"] == 105


def test_too_few_durations_to_tell_are_no_doubt(tmp_path):
    assert _times(tmp_path, "few.xlsx", ["00:10", "01:11", "00:09", "01:05"]).report.verdict != "unsure"


def test_open_statistics_durations_in_years_and_months_are_a_doubt(tmp_path):
    lines = ["time_period,time_identifier,geographic_level,country_code,country_name,stage,number"]
    lines += [f"2024,Reporting year,National,E92000001,England,Stage {i},{t}"
              for i, t in enumerate(["00:10", "01:11", "00:09", "01:05", "00:01", "2160"], 1)]
    path = tmp_path / "adoption_times.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = read_file(path).tables
    assert table.report.verdict == "unsure"
    assert table.report.doubts[0].startswith("the durations in column G never show more than 11 after the colon")


def test_a_pound_number_format_makes_a_figure_pounds(tmp_path):
    rows = [["LA", "Basic need allocation", "Pupils"], ["York", 47074213.59, 12209], ["Leeds", 194835734.57, 17772]]
    formats = {"S": {"B2": '"£"#,##0', "B3": '"£"#,##0', "C2": "#,##0", "C3": "#,##0"}}
    (table,) = read_file(write_xlsx(tmp_path / "places.xlsx", {"S": rows}, formats=formats)).tables
    got = {o.cell: o for o in table.observations}
    assert (got["B2"].value, got["B2"].unit, got["B2"].display) == (47074213.59, "GBP", "47,074,214")
    assert got["C3"].unit != "GBP" and got["C3"].value == 17772


def test_figures_under_no_header_are_a_doubt(tmp_path):
    """A calculator sheet: the header row names one column far right; the figures' own header
    ('Net Current Expenditure', '£ thousand') sits in rows the finder did not take."""
    rows = [["Select an authority:"], ["ENGLAND"], [None, None, None, "CHECKS"],
            [None, "Net Current Expenditure"], [None, "£ thousand"], ["Service Expenditure"],
            ["Education services", 32264970.3, 4, 0], ["Highways and transport", 3996984.05, 5, 0],
            ["Children Social Care", 8833758.3, 6, 0]]
    tables = read_file(write_xlsx(tmp_path / "dropdown.xlsx", {"LA drop-down": rows})).tables
    table = next(t for t in tables if any(o.label == "Education services" for o in t.observations))
    assert table.report.verdict == "unsure"
    assert any(d.startswith("columns B, C hold figures under no header") for d in table.report.doubts), \
        table.report.doubts



def test_an_areas_row_with_nothing_to_read_heads_no_section(tmp_path):
    """In-year inspections: an authority inspected rather than visited has no judgement and no visit
    theme here; its row is still its own (area code, dates), not a heading over the authorities below."""
    themes, regions = ["Children in care", "Care leavers", "Front door"], ["London", "North West", "South West"]
    rows = [["Area code", "Authority", "Region", "Visit date", "Publication date", "Visit type",
             "Overall effectiveness", "Visit theme"]]
    rows += [[f"E09{i:06d}", f"Authority {i}", regions[i % 3], datetime(2024, 1 + i % 12, 10),
              datetime(2024, 1 + i % 12, 28), "Focused visit", None, themes[i % 3]] for i in range(14)]
    rows[3][5:] = ["Short inspection", None, None]
    (table,) = read_file(write_xlsx(tmp_path / "visits.xlsx", {"In-year": rows})).tables
    got = {o.cell: o for o in table.observations}
    assert not table.report.section_headings and "H4" not in got
    assert (got["H5"].label, got["H5"].section, got["H5"].display) == ("Authority 3", "London / Focused visit",
                                                                       "Children in care")
