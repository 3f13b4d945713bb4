"""Periods as UK councils write them."""

import pytest

from memberpack.model.periods import CALENDAR_MONTH, CALENDAR_MONTHS, MONTH, QUARTER, YEAR, YEAR_END, parse_period


@pytest.mark.parametrize("text, kind, label", [
    ("2023/24", YEAR, "2023/24"),
    ("23/24 Budget £m", YEAR, "2023/24"),
    ("2019-2020", YEAR, "2019/20"),
    ("Suspensions 2020 - 2021", YEAR, "2020/21"),
    ("202223", YEAR, "2022/23"),
    ("Month 6 Variance", MONTH, "Month 6"),
    ("P9 Variance £k", MONTH, "Month 9"),
    ("Quarter 1 2020/21", QUARTER, "Q1 2020/21"),
    ("Q3", QUARTER, "Q3"),
    ("Year-End 2019/20", YEAR_END, "Year-End 2019/20"),
    ("Sep", CALENDAR_MONTH, "Sep"),
    ("October '22", CALENDAR_MONTH, "Oct 2022"),
    ("Apr 23 - Mar 24", YEAR, "2023/24"),              # a year written as its first and last months
    ("April 2023 to March 2024 £000", YEAR, "2023/24"),
    ("Jul 23 - Jun 24", CALENDAR_MONTHS, "Jul 2023 to Jun 2024"),   # no financial year: a span of its own
])
def test_parse_and_display(text, kind, label):
    period = parse_period(text)
    assert period.kind == kind
    assert period.label() == label


def test_no_period_in_plain_headers():
    assert parse_period("Current Budget") is None
    assert parse_period("Service Area") is None


def test_month_6_is_end_of_september_and_ordering():
    fy = parse_period("2023/24")
    m6 = parse_period("Month 6").within(fy)
    assert m6.label() == "2023/24 Month 6"
    assert m6.span()[0] == 2023 * 12 + 8  # September 2023
    periods = [parse_period(t) for t in ("Q2 2020/21", "Year-End 2019/20", "Q1 2020/21", "2020/21 Month 9")]
    assert [p.label() for p in sorted(periods)] == ["Year-End 2019/20", "Q1 2020/21", "Q2 2020/21", "2020/21 Month 9"]


def test_months_placed_in_an_academic_year():
    year = parse_period("2020 - 2021", academic=True)
    assert parse_period("Sep").within(year).label() == "Sep 2020"
    assert parse_period("Jan").within(year).label() == "Jan 2021"


def test_the_quick_test_rules_out_only_texts_naming_no_period(monkeypatch):
    """Texts the one-search quick test rules out name no period when read in full: random texts
    built of the pieces periods are written with, and of labels with long numbers."""
    import random
    import re

    from memberpack.model import periods

    pieces = ["2019", "2020", "19", "20", "12019", "201920", "/", "-", "–", " to ", " ", "  ", "Q", "Quarter ", "1", "4",
              "5", "13", "Month ", "M", "P", "Period ", "Jan", "sept", "March", "Mar", "'", ".", "year end", "Year-End",
              "academic", "term", "x", "Placement ", "3.2013", "\t", "FY", "H", "Half year ", "first half", "Table "]
    rnd = random.Random(2)
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6))) for _ in range(20_000)]
    quick = [parse_period(text) for text in texts]
    monkeypatch.setattr(periods, "_MAY_NAME_PERIOD", re.compile(""))
    assert quick == [parse_period(text) for text in texts]
    assert sum(p is None for p in quick) > 2_000 and sum(p is not None for p in quick) > 2_000


@pytest.mark.parametrize("text, label", [
    ("H1 2024/25", "H1 2024/25"), ("H2 2024-25 £000", "H2 2024/25"), ("First half 2023/24", "H1 2023/24"),
    ("FY24", "2023/24"), ("FY2024/25", "2024/25"), ("FY 24/25", "2024/25"), ("fy 2024", "2023/24"),
    ("FY25 Month 6", "2024/25 Month 6"), ("FY24 Q3", "Q3 2023/24"), ("Table H1: spend 2023/24", "2023/24"),
])
def test_half_years_and_financial_years_named_by_their_end(text, label):
    """``H1 2024/25`` had been read as the whole year 2024/25, and ``FY24`` (the year ending March 2024,
    as UK government writes it) not at all; a half year runs April to September or October to March."""
    period = parse_period(text)
    assert period.label() == label and parse_period(period.label()) == period
    assert parse_period("H1 2024/25").span() == (2024 * 12 + 3, 2024 * 12 + 8)   # April to September 2024
    assert parse_period("H1 2024") is None   # a calendar year's half: which months, unsaid; not the whole year


@pytest.mark.parametrize("text, period", [("Budget Monitoring 2024/25 Period 08", "2024/25 Month 8"),
                                          ("Period: 8", "Month 8"), ("Month 08 2023/24", "2023/24 Month 8")])
def test_a_period_number_written_with_a_nought_or_after_a_colon_is_a_month(text, period):
    """A ledger's title "Budget Monitoring 2024/25 Period 08" had been the whole year 2024/25, and its
    report header "Period: 8" no period at all."""
    assert parse_period(text).label() == period


@pytest.mark.parametrize("text, label", [
    ("Reviews completed between 1 April 2009 and 31 March 2010", "2009/10"),
    ("Gross total cost for meals during year ended 31 March 2013 (£000's)", "2012/13"),
    ("Spend in the year ending 31st March 2020", "2019/20"),
    ("Q3 year ending 31 March 2020", "Q3 2019/20"),
    ("People receiving services at 31 March 2010", "Mar 2010"),
])
def test_a_financial_year_written_by_its_dates(text, label):
    """NHS Digital's adult social care returns date flows over a year by its dates: "between 1 April 2009
    and 31 March 2010" had been April 2009 and "year ended 31 March 2013" March 2013 (or its year end),
    not the year 2009/10 or 2012/13; a stock "at 31 March" stays the month."""
    assert parse_period(text).label() == label


def test_a_year_ended_31_march_with_no_year_is_the_tables_year():
    """"during year ended 31 March" under a title of 2012-13 had been March 2013: it names no period of
    its own, so its figures take the table's year."""
    assert parse_period("Gross total cost during year ended 31 March (£000's) 2.1 Numerator") is None


@pytest.mark.parametrize("text, label", [
    ("Change in useable reserves between March 2015 and March 2018", "Mar 2015 to Mar 2018"),
    ("Between 1 September 2019 and 31 August 2020", "2019/20"),   # the seed's academic year
    ("between Aug 2019 and June 2020", "Aug 2019 to Jun 2020"),
    ("Change between 2015 and 2018", "2015 to 2018"),
    ("Referrals between April and June 2024", "Q1 2024/25"),
    ("between 1 April 2009 and 31 March 2010", "2009/10"),
    ("Pupils aged between 5 and 16 in 2019", "2019"),
])
def test_a_title_naming_two_dates_with_between_names_the_span_not_its_start(text, label):
    """"between March 2015 and March 2018" was read as Mar 2015, the period every figure of the table
    without its own year was then given (a change over three years dated at its start)."""
    assert parse_period(text).label() == label
