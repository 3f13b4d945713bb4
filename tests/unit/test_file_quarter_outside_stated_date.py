"""A workbook named for its latest quarter ("Borrowing_and_Investment_Live_Table_Q3_2016_17") keeps a
sheet per earlier year, each headed "All figures reported in £'000s as at 31st March 2013": those
sheets' figures are as at that date, not Q3 2016/17, as the file's name had dated every one of them
in a table read as confident (DCLG's borrowing and investment live table). The latest quarter's own
sheet, "as at 31st December 2016", stays Q3 2016/17; and a "Q4" written without its year under
"as at 31st March 2016" is the quarter of 2015/16 that month ends."""

from __future__ import annotations

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period

HEADER = ["DCLG E-code", "Local Authority", "Loans short term - Banks in UK", "Loans Longer-term - PWLB"]
ROWS = [["E4601", "Birmingham", 0, 2_303_498], ["E2221", "Kent", 1_500, 880_310], ["E5022", "Westminster", 0, 0]]


def _sheet(date: str) -> list[list]:
    return [[f"All figures reported in £'000s as at {date}", None, "£000s", "£000s"], HEADER, *ROWS]


def test_a_sheet_stated_as_at_an_earlier_date_is_not_dated_by_the_file_names_quarter(tmp_path):
    path = write_xlsx(tmp_path / "Borrowing_and_Investment_Live_Table_Q3_2016_17.xlsx",
                      {"LA Borrowing Q3 16-17": _sheet("31st December 2016"),
                       "LA Borrowing 12-13": _sheet("31st March 2013")})
    tables = {t.report.sheet: t for t in read_file(path).tables}
    old = tables["LA Borrowing 12-13"]
    birmingham = next(o for o in old.observations if o.label == "Birmingham" and "PWLB" in o.measure)
    assert (birmingham.value, birmingham.unit, birmingham.period) == (2_303_498_000, "GBP", "Mar 2013")
    assert old.report.verdict != "unsure", old.report.doubts
    latest = tables["LA Borrowing Q3 16-17"]
    assert {o.period for o in latest.observations} == {"Q3 2016/17"}


def test_a_quarter_without_its_year_is_placed_in_the_financial_year_of_the_stated_month():
    march = parse_period("as at 31st March 2016")
    assert str(parse_period("Q4 2015-6 Drop Down Table").within(march)) == "Q4 2015/16"
    assert str(parse_period("Q2").within(parse_period("as at 30th September 2016"))) == "Q2 2016/17"
