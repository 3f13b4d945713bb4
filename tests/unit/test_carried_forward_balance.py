"""A DSG reserve position: the deficit brought forward and the year's add up to the deficit carried
forward, yet that row is the figure the statement is for, not a sub total of a group named after it.
The old reading made it one (the table's section heading), and "Reserves and deficits" said no
table shows a deficit."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.store.pack import Pack

_ROWS = [["DSG reserve position", "£000s"],
         ["Cumulative deficit brought forward 1 April 2024", -28450],
         ["Forecast in-year deficit", -12370],
         ["Forecast cumulative deficit carried forward 31 March 2025", -40820],
         ["Safety Valve agreement target deficit 31 March 2025", -31000]]


def test_the_deficit_carried_forward_is_a_figure_and_a_deficit_the_briefing_tells(tmp_path):
    path = write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": _ROWS})
    table, = read_file(path).tables
    roles = {o.label: (o.row_role, o.section) for o in table.observations}
    assert set(roles.values()) == {("data", None)}
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        deficits = headlines(opened).deficits
    assert [(i.label, i.value, i.display) for i in deficits] == [
        ("Forecast cumulative deficit carried forward 31 March 2025", -40.82e6, "£40,820k deficit")]


def test_lines_dated_are_no_series_of_periods(tmp_path):
    """The reserve position's lines each end with a date ("... brought forward 1 April 2024"), yet
    they are lines of one statement, not a series of periods (the old reading called the block a
    time series: "3 row labels are periods")."""
    table, = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": _ROWS})).tables
    assert table.layout.kind == "breakdown", table.layout.kind_reason
    rows = [["Quarter", "Households"], ["Quarter ending March to June 2020", 410],
            ["Quarter ending July to September 2020", 425], ["Quarter ending October to December 2020", 440]]
    table, = read_file(write_xlsx(tmp_path / "q.xlsx", {"TA": rows})).tables
    assert table.layout.kind == "time_series", table.layout.kind_reason
