"""Import faults left from earlier rounds, each now read by a general rule."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


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
