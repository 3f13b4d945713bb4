"""Units and cell values: scale to base units, brackets, words, and special values kept as statuses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from memberpack.model.units import GBP, MILLIONS, PER_10000, PERCENT, THOUSANDS, find_unit
from memberpack.model.values import SPECIAL_TOKENS, clean_number, from_number, parse_text


@pytest.mark.parametrize("header, factor", [
    ("Current Budget £m", 1e6), ("P9 Variance £k", 1e3), ("2019/20 £000s", 1e3), ("Budget £000", 1e3),
    ("Expenditure £", 1.0), ("£ million", 1e6),
])
def test_money_units_in_headers(header, factor):
    unit = find_unit(header)
    assert unit.base == GBP and unit.factor == factor


def test_rates_and_percentages_in_headers():
    assert find_unit("Rate per 10,000 children").base == PER_10000
    assert find_unit("Persistent absence %").base == PERCENT
    assert find_unit("Service Area") is None


@pytest.mark.parametrize("label, base", [
    ("Reablement: at home 91 days after discharge", None), ("Assessments completed within 28 days", None),
    ("Planning applications decided in 8 weeks", None), ("Average days to complete an assessment", "days"),
    ("Waiting time (weeks)", "weeks"), ("Days lost to sickness per FTE", "days")])
def test_a_deadline_in_a_label_is_not_the_figures_unit(label, base):
    unit = find_unit(label)
    assert (unit.base if unit else None) == base


@pytest.mark.parametrize("label, base", [
    ("No council tax discount (0%) given to long term empty properties", None),
    ("Discount (10% - 50%) applied to second homes", None), ("Attendance rate (95%)", "percent"),
    ("Collection rate (%)", "percent")])
def test_a_percentage_in_brackets_naming_what_is_counted_is_not_the_unit(label, base):
    unit = find_unit(label)
    assert (unit.base if unit else None) == base


@pytest.mark.parametrize("text, unit, value, base", [
    ("38.4", MILLIONS, 38_400_000, GBP),
    ("(0.9)", MILLIONS, -900_000, GBP),
    ("(479)", THOUSANDS, -479_000, GBP),
    ("1,179", THOUSANDS, 1_179_000, GBP),
    ("£1,700,734", None, 1_700_734, GBP),
    ("£12.4m", None, 12_400_000, GBP),
    ("38.9%", None, 38.9, PERCENT),
    ("53.7 per 10,000", None, 53.7, PER_10000),
    ("1,050 families", None, 1050, "count"),
    ("-33.58", None, -33.58, None),
    ("(0.0)", MILLIONS, 0.0, GBP),
    ("1,234.56-", THOUSANDS, -1_234_560, GBP),     # a minus after the figure, as SAP and Agresso export
    ("£1,234.56-", None, -1_234.56, GBP),
    ("1,234.50 CR", THOUSANDS, -1_234_500, GBP),   # a ledger's credit, not 1,234.5 of something counted
    ("1,234.50 Cr.", None, -1_234.5, None),
    ("96.25 DR", None, 96.25, None),
    ("+2.7%", None, 2.7, PERCENT),                  # a variance with its sign (DfE's school places scorecard)
    ("+£450k", None, 450_000, GBP),
    ("+12", THOUSANDS, 12_000, GBP),
    ("£-1,234.00", None, -1_234, GBP),              # Excel's "£-#,##0.00" as a CSV writes it (had been a text)
    ("£-1.2m", None, -1_200_000, GBP),
    ("£(1.2)m", None, -1_200_000, GBP),             # the brackets inside the £ and before the m (had been a text)
    ("(£1.2)m", None, -1_200_000, GBP),             # (had been -£1.20)
    ("£(1,234)", None, -1_234, GBP),
    ("50p", None, 0.5, GBP),                        # fifty pence (had been 50 counted)
    ("50p", THOUSANDS, 0.5, GBP),
    ("12.5 pence", None, 0.125, GBP),
    ("-4p", None, -0.04, GBP),
])
def test_numbers_written_as_text(text, unit, value, base):
    cell = parse_text(text, unit)
    assert cell.value == value
    assert cell.unit == base
    assert cell.display == text


@pytest.mark.parametrize("text", ["(50) CR", "-50 DR", "50- CR", "+-12", "5-9", "(12)-", "CR",
                                  "+44 (0)1633 456767", "-£-50", "(£-50)", "-£(50)", "££(1)", "£(1)m)", "£50p",
                                  "(1.2m)m"])
def test_signs_that_contradict_or_are_no_figure_stay_text(text):
    cell = parse_text(text, THOUSANDS)
    assert (cell.value, cell.status) == (None, "text")


@pytest.mark.parametrize("text, status", [
    ("DNA", "dna"), ("tbc", "tbc"), ("n/a", "n/a"), ("-", "-"), ("", "blank"), ("c", "c"), ("x", "x"),
    ("z", "z"), ("low", "low"), (":", ":"), ("<5", "c"), ("< 10", "c"), ("Red", "red"), ("GREEN", "green"), ("A", "adverse"),
    ("(F)", "favourable"), ("↑", "up"), ("not targeted", "not targeted"), ("#DIV/0!", "error:#DIV/0!"),
])
def test_special_values_are_statuses_never_zero(text, status):
    cell = parse_text(text, MILLIONS)
    assert cell.value is None
    assert cell.status == status
    assert cell.display == text


def test_fraction_formatted_as_percent_is_0_to_100():
    assert from_number(0.3429, percent_format=True).value == 34.29
    assert from_number(0.1706, percent_format=True).value == 17.06


@given(st.one_of(st.floats(), st.floats(-1e6, 1e6).map(lambda x: round(x, 1) * 1000),
                 st.tuples(st.integers(-10**6, 10**6), st.integers(-20, 20)).map(lambda t: t[0] + t[1] * 1e-7)))
def test_clean_number_is_round_to_6_places_without_negative_zero(number):
    expected = round(number, 6)
    expected = 0.0 if expected == 0 else expected
    got = clean_number(number)
    assert repr(got) == repr(expected)   # repr tells -0.0 from 0.0 and compares NaN


@given(st.text(max_size=40))
def test_parser_never_raises_and_never_numbers_a_special_value(text):
    cell = parse_text(text)
    assert cell.display == text
    if text.strip().lower() in SPECIAL_TOKENS:
        assert cell.value is None


@pytest.mark.parametrize("text, value, unit, status", [
    ("1,234 [r]", 1234, None, None), ("567 (p)", 567, None, None), ("45.2% [p]", 45.2, "percent", None),
    ("(479) [r]", -479, None, None), ("12.5*", 12.5, None, None), ("1,234 [note 2]", 1234, None, None),
    ("12 (note 3)", 12, None, None), ("x [note 1]", None, None, "x"), ("[c] [note 4]", None, None, "c"),
    ("Population [note 1]", None, None, "text"), ("[r]", None, None, "text"),
    ("45 (12%)", 45, "count", None), ("1,050 (3.5%)", 1050, "count", None),
    ("12.5k visitors", 12_500, "count", None), ("2.3 million people", 2_300_000, "count", None),
    ("£1.2m", 1_200_000, "GBP", None), ("1.2m", 1_200_000, None, None), ("3.1bn", 3_100_000_000, None, None)])
def test_a_figure_or_mark_with_shorthand_or_its_share_beside_it_is_read(text, value, unit, status):
    """The statistical service's shorthand after a figure; a count with its share in brackets is the
    count; so many thousand or million of something named is a count, not pounds, and with nothing
    named, nor £ written, a number of no stated unit."""
    cell = parse_text(text)
    assert (cell.value, cell.unit, cell.status, cell.display) == (value, unit, status, text)
