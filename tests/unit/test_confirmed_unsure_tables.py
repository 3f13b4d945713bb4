"""A table whose reading was in doubt, imported as read because the officer confirmed it, says so to
the councillor wherever it is shown: under its heading in the PDF and the HTML briefing (and in its
tab: tests/gui/test_confirmed_unsure_view.py), with the doubt the officer was shown."""

from __future__ import annotations

import re

import pypdf
from awkward_workbooks import write_xlsx

from memberpack.analysis.narrative import doubt_line
from memberpack.export.html_export import export_html
from memberpack.export.pdf import export_pdf
from memberpack.importers import import_files
from memberpack.store.pack import Pack

ROWS = [["Attendance by school type 2022/23"], ["School Type", "Total on Roll", "Attendance %"],
        ["Primary", 37291, 0.9426], ["PRU", 127, 0.5459], ["Secondary", 30011, 0.9011]]
DOUBT = "may be fractions (0.9426 for 94.26%)"


def _pack(tmp_path, accept: bool = True):
    path = write_xlsx(tmp_path / "attendance.xlsx", {"Attendance": ROWS})
    pack = Pack.create(tmp_path / "p.mpack")
    import_files(pack, [path], accept_unsure=accept)
    return pack


def test_the_doubt_is_said_in_one_line_for_a_confirmed_table_only(tmp_path):
    with _pack(tmp_path) as pack:
        ds, = pack.datasets()
        line = doubt_line(ds)
    assert line.startswith("Unsure reading, imported as read on the officer's word: ") and DOUBT in line
    other = write_xlsx(tmp_path / "sure.xlsx", {"S": [["Service", "Budget £k"], ["Fostering", 120], ["Residential", 80]]})
    with Pack.create(tmp_path / "q.mpack") as pack:
        import_files(pack, [other])
        assert doubt_line(pack.datasets()[0]) == ""


def test_the_pdf_and_the_html_briefing_print_the_doubt_under_the_tables_heading(tmp_path):
    with _pack(tmp_path) as pack:
        export_pdf(pack, tmp_path / "b.pdf")
        export_html(pack, tmp_path / "b.html")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    heading = text.index("Attendance by school type 2022/23", text.index("Inclusion"))
    assert text.index("Unsure reading, imported as read", heading) < text.index("highest for Primary", heading)
    html = re.sub(r"\s+", " ", (tmp_path / "b.html").read_text(encoding="utf-8"))
    assert "Unsure reading, imported as read on the officer&#x27;s word" in html or \
        "Unsure reading, imported as read on the officer's word" in html


def test_headline_items_from_a_confirmed_unsure_table_say_so(tmp_path):
    """The Overview's and the briefing's headline lists quote such a table's figures too: each says
    it is an unsure reading, so a red item from it is not read as a sure one."""
    from memberpack.analysis.headlines import headlines

    path = write_xlsx(tmp_path / "r.xlsx", {"R": [["Rates"], [], ["Somerset", 933, 12.5, "Red"],
                                                  ["Devon", 878, 11, "Green"], ["Dorset", 835, 10, "Amber"]]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path], accept_unsure=True)
        red, = headlines(pack).red_items
        export_pdf(pack, tmp_path / "b.pdf")
    assert red.display == "⚠ Red (unsure reading)"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    assert "Red (unsure reading)" in text[text.index("Red items (1)"):]


def test_a_budget_position_from_a_confirmed_unsure_monitor_says_so(tmp_path):
    from memberpack.analysis.headlines import headlines

    rows = [["Service", "Budget", "Forecast", "Variance"], ["Fostering", 120, 131, 11], ["Residential", 80, 95, 15],
            ["Total", 200, 226, 26]]
    path = write_xlsx(tmp_path / "m.xlsx", {"M": rows})        # money, but no unit stated: unsure
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path], accept_unsure=True)
        assert headlines(pack).budget.label == "Total ⚠ (unsure reading)"


def test_the_councillor_is_told_the_doubt_without_the_officers_instructions():
    """The PDF told councillors "... is stated anywhere: give it with --unit." and "if they are, format
    those cells as percentages in the workbook and import it again": what the importing officer could
    have done, in the command line's words, not what is in doubt."""
    from types import SimpleNamespace

    doubts = {
        "columns C (Total Receipts), E (Total) look like money but no unit (£, £k, £m) is stated anywhere: give "
        "it with --unit": "columns C (Total Receipts), E (Total) look like money but no unit (£, £k, £m) is stated "
                          "anywhere",
        "column I holds figures under no header: what they measure is not stated (give the header rows with "
        "--header-rows, or leave the column out in the import wizard)": "column I holds figures under no header: "
                                                                        "what they measure is not stated",
        "the percentages of 'Attendance %' are all between 0 and 1, none shown with a %: they are read as written "
        "(0.94 as 0.94%), but may be fractions (0.94 for 94%): if they are, format those cells as percentages in "
        "the workbook and import it again": "the percentages of 'Attendance %' are all between 0 and 1, none shown "
                                            "with a %: they are read as written (0.94 as 0.94%), but may be "
                                            "fractions (0.94 for 94%)",
        "800 rows repeat another row's label, section and period: no column tells them apart (name the identifying "
        "columns with --key-columns)": "800 rows repeat another row's label, section and period: no column tells "
                                       "them apart",
        "3 formula cells (B2:D2) have no calculated value and are not read: open and save the workbook in Excel, "
        "then import it again": "3 formula cells (B2:D2) have no calculated value and are not read",
    }
    for doubt, told in doubts.items():
        line = doubt_line(SimpleNamespace(report={"verdict": "unsure", "doubts": [doubt, doubt]}))
        assert line == f"Unsure reading, imported as read on the officer's word: {told}; {told}."
