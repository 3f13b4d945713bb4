"""What an eighth batch of published files nobody here had seen taught (tests/corpus, the last 4 files): a
download's sheet of metadata (StatsWales' ``Metadata``, its Filters block: ``Academic Year | 2009/10``) gives
the period of figures whose own sheet states none; and the lower-case word ``may`` with no year in a
sentence ("You may use and re-use this data") is the verb, not the month."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period


def _statswales(tmp_path, filters):
    councils = ["Isle of Anglesey ", "Gwynedd ", "Conwy ", "Denbighshire ", "Wales "]
    figures = [["", "Full post-16 learner cohort ", "Male post-16 learners "]]
    figures += [[name, 90.0 + i, 95.0 + i] for i, name in enumerate(councils)]
    metadata = [["Title", "Standard participation rates by local authority and learner cohort"], ["", ""],
                ["Filters", ""], *filters, ["", ""],
                ["Metadata", ""],
                ["Data licensing", "You may use and re-use this data free of charge in any format or medium"],
                ["Author", "Statistician"]]
    return read_file(write_xlsx(tmp_path / "export.xlsx", {"Sheet": figures, "Metadata": metadata}))


def test_the_period_a_metadata_sheet_filtered_on_dates_the_other_sheets_figures(tmp_path):
    """The old reading gave StatsWales' figures no period at all: the year is only in the Metadata sheet."""
    read = _statswales(tmp_path, [["Academic Year", "2009/10"], ["Measure", "Standard Participation Rate"]])
    table = next(t for t in read.tables if t.report.sheet == "Sheet")
    cells = {o.cell: o for o in table.observations}
    assert (cells["B2"].label, cells["B2"].period, cells["C6"].label, cells["C6"].period) == (
        "Isle of Anglesey", "2009/10", "Wales", "2009/10")
    assert table.report.period_reason == "the workbook's metadata sheet"


def test_a_metadata_sheet_of_several_periods_or_prose_dates_nothing(tmp_path):
    """Two years filtered on, or a time dimension described in words, say no one period."""
    for filters in ([["Year", "2019-20"], ["Year", "2020-21"]],
                    [["Academic Year", "Learners in learning on 1 December, sixth forms on the January census date"]]):
        read = _statswales(tmp_path, filters)
        table = next(t for t in read.tables if t.report.sheet == "Sheet")
        assert {o.period for o in table.observations} == {None}


def test_may_in_lower_case_without_a_year_is_not_the_month():
    """The licence sentence under StatsWales' metadata dated its column 'May' (and, with the year, 'May 2009')."""
    assert parse_period("You may use and re-use this data free of charge") is None
    assert parse_period("Figures may be revised in March 2024").label() == "Mar 2024"
    assert [parse_period(t).label() for t in ("May", "MAY", "may 2023", "Apr-May")] == ["May", "May", "May 2023", "May"]
