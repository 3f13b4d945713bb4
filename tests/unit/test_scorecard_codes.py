"""A scorecard's indicator codes (``KPI 017``, ``PI-12``, ``ASC1a``, ``NI 117``) beside the indicators'
descriptions. The codes had labelled the rows and the descriptions had been read as sections, in a
table read as unsure: a councillor saw "KPI 017" where the file says "Percentage of invoices paid
within 30 days". The description labels each row; the code is kept on it as a key."""

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

_MEASURES = [  # description, service, polarity, (target, actual, previous) for Apr, May, Jun 2024
    ("Percentage of invoices paid within 30 days", "Finance", "Bigger is better",
     [(95, 91.4, 93.2), (95, 96.1, 91.4), (95, 97.5, 96.1)]),
    ("Number of children looked after", "Children's services", "Smaller is better",
     [(210, 221, 219), (210, 218, 221), (210, 215, 218)]),
    ("Days lost to sickness per FTE", "HR", "Smaller is better",
     [(8.5, 9.2, 9.6), (8.5, 9.0, 9.2), (8.5, 8.7, 9.0)]),
    ("Household waste recycled or composted", "Waste", "Bigger is better",
     [(50, 48.3, 47.9), (50, 49.1, 48.3), (50, 51.2, 49.1)]),
    ("Percentage of invoices paid within 30 days", "Schools", "Bigger is better",   # another service's: its code
     [(90, 88.0, 87.5), (90, 90.5, 88.0), (90, 92.25, 90.5)]),                     # tells its rows apart
]
_MONTHS = ["Apr 2024", "May 2024", "Jun 2024"]
_RAG = ["Red", "Amber", "Green"]
_ARROWS = ["↑ Improving", "↓ Worsening", "→ No change"]


def _rows(codes: list[str], codes_right: bool = False) -> list[list]:
    """The scorecard's rows under its header: one per measure and month, as the benchmark's shape lays
    them out (``Ref | Measure | Service | Polarity | Period | Target | Actual | Previous | RAG |
    Direction of travel | Commentary | Owner``), the code after the description if ``codes_right``."""
    out = []
    for m, (code, (name, service, polarity, figures)) in enumerate(zip(codes, _MEASURES)):
        for p, (month, (target, actual, previous)) in enumerate(zip(_MONTHS, figures)):
            keys = [name, code] if codes_right else [code, name]
            out.append(keys + [service, polarity, month, target, actual, previous, _RAG[(m + p) % 3],
                               _ARROWS[(m + p) % 3], f"Recovery plan agreed with partners for {name.lower()}.",
                               "Director of Resources"])
    return out


_HEADER = ["Ref", "Measure", "Service", "Polarity", "Period", "Target", "Actual", "Previous", "RAG",
           "Direction of travel", "Commentary", "Owner"]


def _check(table, codes: list[str], code_letter: str, first_row: int, measure_of=lambda m: m) -> None:
    """Every figure labelled by its description, with its code, period and figures as written."""
    assert table.report.verdict == "read", table.report.doubts
    by_cell = {o.cell: o for o in table.observations}
    for m, (code, (name, _service, _polarity, figures)) in enumerate(zip(codes, _MEASURES)):
        for p, (month, (target, actual, previous)) in enumerate(zip(_MONTHS, figures)):
            row = first_row + 3 * m + p
            got = {by_cell[f"{letter}{row}"].measure: by_cell[f"{letter}{row}"] for letter in "FGH"}
            assert {measure_of(k): o.value for k, o in got.items()} == {"Target": target, "Actual": actual,
                                                                        "Previous": previous}
            for o in got.values():
                assert (o.label, o.period) == (name, month)
                assert code in (o.section or "").split(" / "), (o.cell, o.section)
            rag = by_cell[f"I{row}"]
            assert (rag.label, rag.status, rag.display) == (name, _RAG[(m + p) % 3].lower(), _RAG[(m + p) % 3])
    labels = {o.label for o in table.observations}
    assert labels == {name for name, *_ in _MEASURES}
    assert not any(o.cell.startswith(code_letter) and o.value is not None for o in table.observations)


def test_a_kpi_code_left_of_the_measure_is_its_key_and_the_measure_names_the_row(tmp_path):
    codes = ["KPI 017", "KPI 018", "KPI 101", "KPI 102", "KPI 103"]
    book = write_xlsx(tmp_path / "scorecard.xlsx", {"Scorecard": [_HEADER] + _rows(codes)})
    table = read_file(book).tables[0]
    assert table.layout.label_column == "B"
    assert "A" in table.layout.key_columns
    _check(table, codes, "A", 2)


@pytest.mark.parametrize("codes", [["NI 117", "NI 118", "NI 191", "NI 192", "NI 193"],
                                   ["PI-12", "PI-13", "PI-20", "PI-21", "PI-22"]])
def test_codes_right_of_the_measure_are_its_key_too(tmp_path, codes):
    header = ["Measure", "Ref", *_HEADER[2:]]
    book = write_xlsx(tmp_path / "scorecard.xlsx", {"Scorecard": [header] + _rows(codes, codes_right=True)})
    table = read_file(book).tables[0]
    assert table.layout.label_column == "A"
    assert "B" in table.layout.key_columns
    _check(table, codes, "B", 2)


def test_a_titled_scorecard_with_merged_two_level_headers(tmp_path):
    codes = ["NI 117", "ASC1a", "NI 191", "ASC1b", "ASC2"]
    title = ["Corporate performance scorecard, Quarter 1 2024/25"]
    top = ["Ref", "Measure", "Service", "Polarity", "Period", "Performance", None, None, "Status", None,
           "Commentary", "Owner"]
    under = [None, None, None, None, None, "Target", "Actual", "Previous", "RAG", "Direction of travel", None, None]
    merges = ["F2:H2", "I2:J2", *(f"{c}2:{c}3" for c in "ABCDEKL")]
    book = write_xlsx(tmp_path / "scorecard.xlsx", {"Scorecard": [title, top, under] + _rows(codes)},
                      merges={"Scorecard": merges})
    table = read_file(book).tables[0]
    assert table.layout.header_rows == (2, 3)
    assert table.layout.label_column == "B"
    _check(table, codes, "A", 4, measure_of=lambda m: m.removeprefix("Performance "))


@pytest.mark.parametrize("codes", [["KPI 017", "KPI 018", "KPI 101", "KPI 102"], ["PI-12", "PI-13", "PI-20", "PI-21"]])
def test_a_one_row_per_indicator_scorecard_shows_its_code_as_a_reference(tmp_path, codes):
    """One row for each indicator, a column for each quarter: the code is each row's reference, shown
    as written beside its figures (as ``Ref`` AHW01 is), not a section of its own."""
    rows = [["Ref", "Indicator", "Q1 2024/25", "Q2 2024/25", "Status"]]
    rows += [[code, name, figures[0][1], figures[1][1], "Green"] for code, (name, _s, _p, figures) in zip(codes, _MEASURES)]
    table = read_file(write_xlsx(tmp_path / "wide.xlsx", {"Q2": rows})).tables[0]
    assert table.report.verdict == "read", table.report.doubts
    assert table.report.key_columns[0] == {"column": "A", "header": "Ref", "role": "reference"}
    shown = {o.label: o.display for o in table.observations if o.measure == "Ref"}
    assert shown == {name: code for code, (name, *_) in zip(codes, _MEASURES)}
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["C2"].label, by_cell["C2"].value, by_cell["D5"].value) == (_MEASURES[0][0], 91.4, 49.1)
    assert not any(o.section for o in table.observations)
