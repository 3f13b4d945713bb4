"""Import faults left from earlier rounds, each now read by a general rule."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import CALENDAR_MONTHS, parse_period


def _cells(path, **kwargs) -> dict[str, object]:
    (table,) = read_file(path, **kwargs).tables
    return {o.cell: o for o in table.observations}


def test_a_title_saying_outturn_wins_over_the_month_in_the_file_name(tmp_path):
    """``Outturn 2019/20`` in a file named ``..._m9``: the year's outturn, not Month 9 (the file was
    named for the month it was sent in); a forecast outturn in a Month 9 file stays Month 9."""
    rows = [["Children's services revenue outturn 2019/20"], [],
            ["Service", "Budget £000s", "Outturn £000s", "Variance £000s"],
            ["Placements", 8834, 10222, 1388], ["Total", 8834, 10222, 1388]]
    obs = _cells(write_xlsx(tmp_path / "childrens_services_m9.xlsx", {"Outturn": rows}))
    assert (obs["C4"].value, obs["C4"].period) == (10_222_000, "2019/20")
    rows[0] = ["Children's services forecast outturn 2019/20"]
    obs = _cells(write_xlsx(tmp_path / "childrens_services_m9.xlsx", {"Outturn": rows}))
    assert obs["C4"].period == "2019/20 Month 9"


def test_a_span_of_months_is_a_period_of_its_own_not_its_first_month(tmp_path):
    """The DSG's place deductions ``April 2020 to August 2020`` had been dated April 2020 alone, and
    ``August 2020 to March 2021`` August 2020."""
    spring = parse_period("Pre-16 SEN places April 2020 to August 2020")
    assert (spring.kind, spring.label(), parse_period(spring.label())) == (CALENDAR_MONTHS, "Apr 2020 to Aug 2020", spring)
    autumn = parse_period("Aug-20 to Mar-21")
    assert autumn.label() == "Aug 2020 to Mar 2021"
    assert sorted([autumn, spring, parse_period("Jul 2020")]) == [parse_period("Jul 2020"), spring, autumn]   # by its end
    assert parse_period("Apr 23 - Mar 24").label() == "2023/24" and parse_period("April to June 2024").label() == "Q1 2024/25"
    rows = [["High needs place deductions 2020 to 2021"], [],
            ["LA", "Pre-16 SEN places April 2020 to August 2020", "Post-16 SEN places August 2020 to March 2021"],
            ["Kent", 120, 60], ["Leeds", 80, 40]]
    obs = _cells(write_xlsx(tmp_path / "deductions.xlsx", {"High_needs_deductions": rows}))
    assert (obs["B4"].period, obs["C4"].period, obs["C5"].value) == ("Apr 2020 to Aug 2020", "Aug 2020 to Mar 2021", 40)
