"""What a twelfth batch of published files nobody here had seen taught (tests/corpus, the last 4 files: adult
social care and public health): a header that is a band of weights ("2000-2499g", "4000+g") names no year, so
the figures under it are the table's year's, not the year 2000's."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period


def test_a_band_of_weights_names_no_year(tmp_path):
    """The old reading dated the births under '2000-2499g' to the year 2000 (and those under '<2000g' too),
    where the table is for 2023."""
    rows = [["Live births by local health board and birth weight"], ["Year: 2023"], [None],
            ["Area", "<2000g", "2000-2499g", "2500-2999g", "4000+g", "Total"],
            ["Wales", 684, 1335, 4409, 2890, 27457], ["Powys", 21, 35, 135, 124, 933],
            ["Gwynedd", 23, 37, 161, 110, 1000], ["Conwy", 23, 36, 134, 86, 864]]
    table, = read_file(write_xlsx(tmp_path / "births.xlsx", {"Births": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [(cells[c].measure, cells[c].period, cells[c].value) for c in ("B5", "C5", "E6")] == [
        ("<2000g", "2023", 684.0), ("2000-2499g", "2023", 1335.0), ("4000+g", "2023", 124.0)]
    assert [parse_period(t) for t in ("2000g", "1500 kg", "2000 to 2499 grams")] == [None] * 3
    assert [str(parse_period(t)) for t in ("2019 g", "Apr 2019", "2019-20")] == ["2019", "Apr 2019", "2019/20"]
