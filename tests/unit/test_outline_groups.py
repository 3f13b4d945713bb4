"""A pivot table exported in outline form names each group once, on its first row (``Adults`` beside
``Home care``, blank beside ``Residential``): every row is read, named by its own line and kept in
its group, as when the group is written on every row. In compact form each group's sums are on
its own row above its lines: that row is the group's sub total."""

import pytest
from awkward_workbooks import write_xlsx
from pypdf import PdfReader

from memberpack.analysis.checks import check_pack
from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.store.pack import Pack

HEADER = ["Directorate", "Service", "Budget £000", "Forecast £000"]


def _read(tmp_path, rows):
    table, = read_file(write_xlsx(tmp_path / "pivot.xlsx", {"Pivot": [HEADER, *rows]})).tables
    return table, {o.cell: o for o in table.observations}


@pytest.mark.parametrize("totals", [False, True])
def test_each_line_of_an_outline_group_is_read_in_its_group(tmp_path, totals):
    rows = [["Adults", "Home care", 1200, 1300], [None, "Residential", 3400, 3350], [None, "Day care", 400, 380]]
    rows += [["Adults Total", None, 5000, 5030]] if totals else []
    rows += [["Children", "Fostering", 900, 1010], [None, "Residential", 2100, 2300]]
    rows += [["Children Total", None, 3000, 3310], ["Grand Total", None, 8000, 8340]] if totals else []
    table, obs = _read(tmp_path, rows)
    residential = [(o.label, o.section, o.value) for o in obs.values() if o.measure == "Budget £000"
                   and o.label == "Residential"]
    assert residential == [("Residential", "Adults", 3_400_000), ("Residential", "Children", 2_100_000)]
    assert (obs["C4"].label, obs["C4"].section, obs["C4"].value) == ("Day care", "Adults", 400_000)
    assert not [o for o in obs.values() if o.measure == "Service"]   # the lines name rows, they are no measure
    if totals:
        assert (obs["C5"].label, obs["C5"].value, obs["C5"].row_role) == ("Adults Total", 5_000_000, "subtotal")


def test_a_commentary_column_beside_a_blank_label_names_no_rows(tmp_path):
    rows = [["Service", "Commentary", "Budget £000", "Forecast £000"],
            ["Home care", "Demand has risen since April with more hospital discharges", 1200, 1300],
            [None, "Agency rates agreed in May add to the forecast overspend", 30, 35],
            ["Fostering", "Spend is on budget after the recruitment campaign", 900, 910]]
    table, = read_file(write_xlsx(tmp_path / "notes.xlsx", {"Notes": rows})).tables
    labels = {o.cell: o.label for o in table.observations}
    assert labels["C2"] == "Home care" and labels["C4"] == "Fostering"


def test_an_outline_with_each_group_on_a_row_of_its_own_is_read(tmp_path):
    """Excel's outline layout: the group alone on its row in the first column, its lines below it in
    the second (no table at all was found in such a sheet)."""
    rows = [["Adults", None, None, None], [None, "Home care", 1200, 1300], [None, "Residential", 3400, 3350],
            ["Children", None, None, None], [None, "Fostering", 900, 1010], [None, "Residential", 2100, 2300]]
    table, obs = _read(tmp_path, rows)
    assert [(o.label, o.section, o.value) for o in obs.values() if o.measure == "Budget £000"] == [
        ("Home care", "Adults", 1_200_000), ("Residential", "Adults", 3_400_000),
        ("Fostering", "Children", 900_000), ("Residential", "Children", 2_100_000)]


_COMPACT = [["Row Labels", "Sum of Budget £k", "Sum of Forecast £k", "Sum of Variance £k"],
            ["Adults", 1200, 1300, 100], ["Older people", 700, 760, 60], ["Learning disability", 500, 540, 40],
            ["Childrens", 900, 950, 50], ["Placements", 600, 680, 80], ["Fostering", 300, 270, -30],
            ["Grand Total", 2100, 2250, 150]]


def test_a_compact_pivot_tables_group_rows_are_sub_totals_above_their_lines(tmp_path):
    """Excel's compact pivot writes each group's sums on the group's own row, above its lines. The old
    reading took ``Adults`` for a line like ``Older people``, so the briefing's "largest overspends"
    were a directorate and a service of it, and ``memberpack check`` said the Grand Total was £2,100k
    where "its 6 rows add up to 4,200"."""
    path = write_xlsx(tmp_path / "pivot.xlsx", {"Pivot": _COMPACT})
    table, = read_file(path).tables
    roles = {o.label: (o.row_role, o.section) for o in table.observations}
    assert roles["Adults"] == roles["Childrens"][:1] + ("Adults",) == ("subtotal", "Adults")
    assert roles["Learning disability"] == ("data", "Adults") and roles["Fostering"] == ("data", "Childrens")
    assert roles["Grand Total"] == ("total", None)
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        assert check_pack(opened) == []
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "Largest overspends: Placements £80k and Older people £60k." in text


def test_rows_that_head_no_groups_are_left_as_lines(tmp_path):
    """A total the lines do not add up to (a figure left out) is no sign of groups unless the rows
    really split into heads and lines that add up: here they cannot, and nothing changes."""
    rows = [row[:] for row in _COMPACT]
    rows[2][1:] = [650, 700, 50]   # Older people no longer adds up under Adults
    table, = read_file(write_xlsx(tmp_path / "pivot.xlsx", {"Pivot": rows})).tables
    assert {o.row_role for o in table.observations if o.label != "Grand Total"} == {"data"}


def test_a_pivot_tables_captions_are_no_headers(tmp_path):
    """``Column Labels`` over a pivot's years (and ``Row Labels`` beside them) are Excel's captions,
    not names: the old reading measured "Column Labels 2023/24" and, taking the name for one it gives
    a column with no header, doubted the table as "figures under no header"."""
    rows = [["Directorate", "(All)"], [], ["Sum of Amount £", "Column Labels"],
            ["Row Labels", "2023/24", "2024/25", "Grand Total"],
            ["Adults", 1200.5, 1300.25, 2500.75], ["Childrens", 900, 950, 1850], ["Place", 400, 420, 820],
            ["Grand Total", 2500.5, 2670.25, 5170.75]]
    table, = read_file(write_xlsx(tmp_path / "pivot.xlsx", {"Pivot": rows})).tables
    obs = {o.cell: o for o in table.observations}
    assert (obs["C6"].measure, str(obs["C6"].period), obs["C6"].value, obs["C6"].unit) == ("2024/25", "2024/25", 950, "GBP")
    assert not table.report.doubts
