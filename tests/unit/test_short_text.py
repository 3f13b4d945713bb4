"""Quoted source text, titles and messages are cut at a word with an ellipsis, never mid-word: the
import report had said "'Figures are in £ thousands unless otherwise stated in the ta'" (cut at 60
characters, inside "table") and the headline list cut a member's note mid-word."""

from hypothesis import given
from hypothesis import strategies as st

from awkward_workbooks import write_xlsx
from memberpack.importers import read_file
from memberpack.model.short_text import shortened


def test_cut_after_a_whole_word():
    text = "Figures are in £ thousands unless otherwise stated in the table below"
    assert shortened(text, 60) == "Figures are in £ thousands unless otherwise stated in the…"
    assert shortened(text, 200) == text
    assert shortened("Net expenditure, including recharges", 20) == "Net expenditure…"
    assert shortened("https://www.gov.uk/government/statistics/very-long-address", 20) == "https://www.gov.uk…"


@given(st.text(alphabet="ab ,.\n", max_size=80), st.integers(min_value=2, max_value=70))
def test_never_longer_than_asked_and_never_mid_word_where_a_word_fits(text, most):
    cut = shortened(text, most)
    assert len(cut) <= most
    if cut != text:
        kept = cut[:-1]
        assert cut.endswith("…") and text.startswith(kept)
        half_room = " " in text[(most - 1) // 2:most]
        if half_room:
            assert not text[len(kept)].isalpha() or not kept[-1:].isalpha(), (text, cut)


def test_the_import_report_quotes_a_unit_note_whole_words(tmp_path):
    rows = [["Figures are in £ thousands unless otherwise stated in the table below"], [],
            ["Service", "Budget", "Forecast"], ["Highways", 1200, 1250], ["Parks", 300, 280]]
    table, = read_file(write_xlsx(tmp_path / "m.xlsx", {"M": rows})).tables
    said = " ".join(table.report.lines())
    assert "('Figures are in £ thousands unless otherwise stated in the…')" in said, said
