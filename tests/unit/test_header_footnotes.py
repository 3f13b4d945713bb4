"""Footnote numbers run into header texts leave the measure names where the notes under the table show them."""

from pathlib import Path

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"


def _release(notes: bool) -> list[list]:
    rows = [["Table LA1: Eligibility and performance of children looked after for at least 12 months1 at Key Stage 2"],
            ["Years: 2014"], [],
            ["Local authority", "Percentage with UPN2", "Number eligible to sit Key Stage 2 tasks and tests3",
             "Percentage who achieved at least Level 44 in the following:", None,
             "Pupils reaching Key Stage 35", "Children aged 5 to 16", "Looked after for 12 months"],
            [None, None, None, "Reading", "Mathematics", None, None, None]]
    rows += [[name, 98 + i % 2, 100 + 10 * i, 50 + i, 60 + i, 20 + i, 300 + i, 280 + i]
             for i, name in enumerate(("Bath", "Bristol", "Cornwall", "Devon", "Dorset", "Somerset"))]
    if notes:
        rows += [[], ["Source: CLA-NPD matched data"], [],
                 ["1. Children looked after continuously for at least 12 months as at 31 March."],
                 ["2. The percentage of children with a valid Unique Pupil Number (UPN)."],
                 ["3. The number of children eligible for key stage 2 assessments."],
                 ["4. This is the expected level for the age group."],
                 ["5. Pupils at the end of key stage 3 the same year."]]
    return rows


def test_footnote_numbers_in_headers_are_dropped_where_the_notes_number_them(tmp_path):
    """The old reading named the measures 'Percentage with UPN2', '... at least Level 44 ...' (Level 4, note 4)
    and 'Pupils reaching Key Stage 35'; the real numbers (5 to 16, 12 months) stay."""
    table = read_file(write_xlsx(tmp_path / "la.xlsx", {"Table LA1": _release(notes=True)})).tables[0]
    assert sorted({o.measure for o in table.observations}) == [
        "Children aged 5 to 16", "Looked after for 12 months", "Number eligible to sit Key Stage 2 tasks and tests",
        "Percentage who achieved at least Level 4 in the following: Mathematics",
        "Percentage who achieved at least Level 4 in the following: Reading", "Percentage with UPN",
        "Pupils reaching Key Stage 3"]
    footnotes = table.report.to_dict()["footnotes"]
    assert footnotes["Percentage who achieved at least Level 4 in the following:"] == "4"
    assert footnotes["Pupils reaching Key Stage 3"] == "5" and footnotes["Percentage with UPN"] == "2"


def test_without_numbered_notes_a_number_in_a_header_is_kept_whole(tmp_path):
    table = read_file(write_xlsx(tmp_path / "la.xlsx", {"Table LA1": _release(notes=False)})).tables[0]
    measures = {o.measure for o in table.observations}
    assert "Percentage who achieved at least Level 44 in the following: Reading" in measures
    assert "Pupils reaching Key Stage 35" in measures and "Percentage with UPN2" in measures


def test_the_looked_after_childrens_outcome_tables_name_their_levels_without_notes():
    """DfE's SFR49/2014 (Level 24, Level 46) and SFR12/2017 ('Reaching the expected standard4 (%)')."""
    first = read_file(CORPUS / "dfe_SFR49_2014_LATables.xlsx", sheet="Table LA1").tables[0]
    assert {o.measure for o in first.observations} == {
        "Percentage with UPN", "Number eligible to sit Key Stage 1 tasks and tests",
        "Percentage who achieved at least Level 2 in the following: Reading",
        "Percentage who achieved at least Level 2 in the following: Writing",
        "Percentage who achieved at least Level 2 in the following: Mathematics"}
    second = read_file(CORPUS / "dfe_SFR49_2014_LATables.xlsx", sheet="Table LA2").tables[0]
    assert "2014 Percentage who achieved at least Level 4 in the following: Reading" in {
        o.measure for o in second.observations}
    later = read_file(CORPUS / "dfe_SFR12_2017_LA_Tables.xlsx", sheet="Table LA1").tables[0]
    assert "Reaching the expected standard (%) Reading" in {o.measure for o in later.observations}


def test_names_and_numbers_that_look_like_a_marker_are_kept():
    """``Q1``, ``KS2`` and ``P6`` are names, ``12 months`` written over the table is twelve, and a number is
    cut only as the very next note in reading order or beside its own copy without the digit."""
    from memberpack.importers.header_notes import noted_markers

    notes = frozenset(range(1, 8))
    found = noted_markers(["Outcomes for at least 12 months1", "Q1 2024/25", "KS2 results", "P6 pupils",
                           "At least 12 months2", "Aged 5 to 161", "Aged 5 to 16 with a score3", "Level 25"], notes)
    assert found == {"Outcomes for at least 12 months1": ("Outcomes for at least 12 months", "1"),
                     "At least 12 months2": ("At least 12 months", "2"), "Aged 5 to 161": ("Aged 5 to 16", "1"),
                     "Aged 5 to 16 with a score3": ("Aged 5 to 16 with a score", "3")}


def test_a_numbered_note_is_a_text_alone_on_its_row():
    """Rows holding a figure, a date or a flag beside a note's text are not looked into (a table's
    rows of figures are passed over at once): only a text alone on its row numbers a note."""
    from datetime import date

    from memberpack.importers.header_notes import note_numbers

    note = "4. This is the expected level for the age group."
    rows = [(0, [note, None, ""]), (1, [" ", "5. Pupils at the end of key stage 3."]),
            (2, ["6. Counted at 31 March each year.", 12]), (3, ["7. Counted at 31 March each year.", date(2024, 3, 31)]),
            (4, ["8. Counted at 31 March each year.", False]), (5, ["Bath", 98.0, 100])]
    assert note_numbers(rows) == {4, 5}


def test_a_unit_stated_under_a_table_is_read_past_its_rows_of_figures():
    """The note stating the table's money unit is found under a long table, after the blank row that
    ends its figures; a note in a row of its own above that blank row is a label, not the note."""
    from memberpack.importers.notes_under import unit_under

    rows = [(3, ["Data are presented in £'000s"]), *((r, [f"Line {r}", 1.5, 2]) for r in range(4, 1_004)),
            (1_004, [None, None]), (1_005, ["Data are presented in £'000s"])]
    assert unit_under(rows, 3)[1].startswith("the note under the table in row 1006")
    assert unit_under(rows[:-1], 3) is None and unit_under(rows[:1] + rows[-2:], 3) is None
