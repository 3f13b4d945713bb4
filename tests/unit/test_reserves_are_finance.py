"""A reserves statement in £ (General Fund reserve, Earmarked reserves; opening balance, use,
closing balance) is a Finance table, and the briefing's "Reserves and deficits" tells a reserve
drawn down and a balance below nothing. The old reading put a table of balances under "Other
data" and, where its columns said "Opening £ | Closing £" or gave dates, checked nothing and
still wrote "No table shows a deficit"."""

import pypdf
from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.model.metrics import FINANCE
from memberpack.store.pack import Pack

_LINES = [["General Fund reserve", 12_500_000, -3_200_000, 9_300_000],
          ["Earmarked reserves", 8_400_000, -9_100_000, -700_000],
          ["Total", 20_900_000, -12_300_000, 8_600_000]]


def _pack(tmp_path, rows, sheet="Reserves"):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "reserves.xlsx", {sheet: rows}))]) == 0
    return pack


def test_a_table_of_balances_is_finance(tmp_path):
    rows = [["Table 5"], ["", "Opening balance £", "Use £", "Closing balance £"],
            ["General Fund balance", 12_500_000, -3_200_000, 9_300_000],
            ["Schools balances", 800_000, -900_000, -100_000]]
    with Pack.open(_pack(tmp_path, rows)) as pack:
        assert [ds.domain for ds in pack.datasets()] == [FINANCE]


def _told(pack_path):
    with Pack.open(pack_path) as pack:
        return [(i.label, i.display, i.previous_display) for i in headlines(pack).deficits]


def test_a_balance_below_nothing_and_a_reserve_drawn_down_are_told_however_the_columns_say_it(tmp_path):
    for n, head in enumerate((["", "Opening £", "Use £", "Closing £"],
                              ["", "1 April 2023 £", "Use £", "31 March 2024 £"],
                              ["", "Position at 1 April 2023 £", "Planned use £", "Position at 31 March 2024 £"])):
        folder = tmp_path / str(n)
        folder.mkdir()
        assert _told(_pack(folder, [["Usable reserves 2023/24"], head, *_LINES])) == [
            ("Earmarked reserves", "£700,000 deficit", None), ("Total", "£8.6m", "£20.9m")], head


def test_no_deficit_is_claimed_of_tables_never_checked(tmp_path):
    """With no table of balances or surplus/(deficit) in the pack, nothing was checked, so the
    headline says so rather than "No table shows a deficit"; with one, it names what it checked."""
    rows = [["Children looked after"], ["Area", "2022/23", "2023/24"], ["Somerset", 580, 570], ["England", 83_840, 83_630]]
    with Pack.open(_pack(tmp_path, rows, "CLA")) as pack:
        said = headlines(pack).no_deficits
    assert "No table shows a deficit" not in said and "no table of balances" in said.lower(), said
    folder = tmp_path / "r"
    folder.mkdir()
    rows = [["Usable reserves 2023/24"], ["", "Opening £", "Use £", "Closing £"], *_LINES[:1]]
    with Pack.open(_pack(folder, rows)) as pack:
        said = headlines(pack).no_deficits
    assert said == "None of the balances in Usable reserves 2023/24 is in deficit.", said


def test_the_briefing_pdf_tells_the_deficit_and_the_fall(tmp_path):
    pack = _pack(tmp_path, [["Usable reserves 2023/24"], ["", "Opening £", "Use £", "Closing £"], *_LINES])
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    assert "shows a deficit" not in text
    assert "£700,000 deficit" in text, text[:3000]
    assert "£8.6m at the close of 2023/24, down £12.3m from the opening £20.9m" in text, text[:3000]


def test_the_briefing_says_which_tables_it_looked_at_for_a_deficit(tmp_path):
    """The export's headlines are limited to the tables exported: so is what they say was checked."""
    rows = [["Usable reserves 2023/24"], ["", "Opening £", "Use £", "Closing £"],
            ["General Fund reserve", 12_500_000, 0, 12_500_000], ["Insurance reserve", 900_000, 0, 900_000]]
    pack = _pack(tmp_path, rows)
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    assert "None of the balances in Usable reserves 2023/24 is in deficit." in text, text[:2500]


def test_a_deficit_carried_forward_written_positive_is_a_deficit(tmp_path):
    """North Somerset's DSG balance (001 T001-10) writes its deficit as a positive figure: "Deficit to
    carry forward 7,568". The headline had said no table shows a deficit."""
    rows = [["Dedicated Schools Grant Balance"], ["Area", "£000s", "£000s"],
            ["Brought Forward deficit", None, 3847], ["In-year variances:", None, None],
            ["- Out of Authority Placements", 2022, None], ["- Top-up Funding", 964, None],
            ["- Special School Place Funding", 305, None], ["- Schools Block over spend", 50, None],
            ["Sum of in-year variances", None, 3721], ["Deficit to carry forward", None, 7568]]
    assert _told(_pack(tmp_path, rows, "DSG")) == [("Deficit to carry forward", "£7.6m deficit", None)]
