"""A title naming the months between which its figures changed ("Change in useable reserves between
March 2015 and March 2018", the BBC's reserves table) names that span, not its first month: the table
had been given the period "Mar 2015" though its figures are for 2015 and 2018."""

from __future__ import annotations

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period

TITLE = "Change in useable reserves between March 2015 and March 2018"


def test_between_two_months_is_the_span_from_one_to_the_other():
    assert str(parse_period(TITLE)) == "Mar 2015 to Mar 2018"
    assert str(parse_period("between April 2020 and August 2020")) == "Apr 2020 to Aug 2020"
    assert str(parse_period("Reserves at March 2015")) == "Mar 2015"


def test_a_table_of_the_change_between_two_months_is_not_dated_by_the_first(tmp_path):
    rows = [[TITLE], ["All figures are in £, 000"], [],
            ["Authority", "earmarked 2015", "earmarked 2018", "change"],
            ["Barnsley", 40_100, 52_300, 0.30], ["Bolton", 61_000, 58_000, -0.05], ["Bury", 20_500, 24_000, 0.17]]
    table, = read_file(write_xlsx(tmp_path / "reserves.xlsx", {"Reserves": rows},
                                  formats={"Reserves": {"D5": "0%", "D6": "0%", "D7": "0%"}})).tables
    assert table.layout.period != "Mar 2015", table.layout.period
    changes = {o.period for o in table.observations if o.measure == "change"}
    assert changes != {"Mar 2015"}, changes
