"""Tables stacked on one sheet under the same header cells, but with different titles, units and key
columns: each is read as it is read alone on its sheet (the layout worked out from its own title and
rows, never taken from the table above for having the same header)."""

from awkward_workbooks import write_xlsx
from memberpack.importers.engine import iter_tables

HEADER = ["Area", "Provision", "2022-23", "2023-24"]
# each area twice, once per provision: the provision tells the rows apart (a key column)
SCHOOLS = [["Table 1: School places funding, £ thousand"], HEADER,
           ["Northfield", "Maintained", 1234.5, 1301.25], ["Northfield", "Academy", 410, 455.5],
           ["Southmere", "Maintained", 980, 1004.75], ["Southmere", "Academy", 615.5, 640],
           ["Eastbrook", "Maintained", 702.25, 733], ["Eastbrook", "Academy", 388, 401.5]]
# each area once, the provision a word repeated down the rows: a column of text read beside the figures
BUILDINGS = [["Table 2: Capital programme, £ million"], HEADER,
             ["Northfield", "Maintained", 2.5, 3.25], ["Southmere", "Academy", 1.75, 1.5],
             ["Eastbrook", "Maintained", 4.125, 4], ["Westvale", "Academy", 0.5, 0.75],
             ["Kingsmoor", "Maintained", 1.2, 1.45]]


def _read(path) -> list[tuple]:
    """Each table's layout, report and observations, read in this process."""
    return [(table.layout, table.report, list(table.observations)) for table in iter_tables(path, notes=[])]


def _blank_rows(rows: list[list]) -> list[list]:
    return [[] for _ in rows]


def test_stacked_tables_with_one_header_read_as_each_alone(tmp_path):
    gap = [[]]
    stacked = _read(write_xlsx(tmp_path / "stacked.xlsx", {"Tables": SCHOOLS + gap + BUILDINGS}))
    # each table alone, on the rows it has in the stacked sheet (the other's rows left blank)
    first = _read(write_xlsx(tmp_path / "first.xlsx", {"Tables": SCHOOLS}))
    second = _read(write_xlsx(tmp_path / "second.xlsx", {"Tables": _blank_rows(SCHOOLS) + gap + BUILDINGS}))
    assert len(stacked) == 2 and len(first) == len(second) == 1
    for (layout, report, observations), (alone_layout, alone_report, alone_observations) in zip(stacked, first + second):
        assert repr(layout) == repr(alone_layout)
        assert repr(report) == repr(alone_report)
        assert observations == alone_observations

    (schools, schools_report, school_figures), (buildings, buildings_report, building_figures) = stacked
    assert (schools.title, schools.unit, schools.header_rows) == ("Table 1: School places funding, £ thousand", "£k", (2,))
    assert (buildings.title, buildings.unit, buildings.header_rows) == ("Table 2: Capital programme, £ million", "£m", (11,))
    # the same header cells, but the provision is a key only where it tells an area's rows apart
    assert schools.key_columns == ("B",) and buildings.key_columns == ()
    assert {(o.label, o.section, o.measure, o.value) for o in school_figures if o.measure == "2022-23"} >= {
        ("Northfield", "Maintained", "2022-23", 1_234_500.0), ("Northfield", "Academy", "2022-23", 410_000.0)}
    assert {(o.label, o.measure, o.value) for o in building_figures if o.label == "Eastbrook"} >= {
        ("Eastbrook", "2022-23", 4_125_000.0), ("Eastbrook", "2023-24", 4_000_000.0)}
    assert not any(o.section == "Maintained" for o in building_figures)
    assert schools_report.unit != buildings_report.unit
