"""Sentences of the briefing held to the cells of real published files (round 17): each case is a
small table shaped as the file was, imported and exported through the command line, and its
sentence read back from the PDF and the HTML."""

from __future__ import annotations

import re
from html import unescape

import pypdf

from memberpack.cli import main


def _briefing(tmp_path, name: str, text: str, *options: str) -> tuple[str, str]:
    """The PDF's and the HTML's text, white space made single, of a pack importing the CSV ``text``."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(source), *options]) == 0
    return exported_texts(tmp_path, pack)


def exported_texts(tmp_path, pack) -> tuple[str, str]:
    """The text of ``pack``'s PDF and HTML briefings (written as ``b.pdf`` and ``b.html`` in
    ``tmp_path``), white space made single."""
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "b.html")]) == 0
    pdf = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    html = unescape(re.sub(r"<[^>]+>", " ", (tmp_path / "b.html").read_text(encoding="utf-8")))
    return pdf, " ".join(html.split())


def test_a_lowest_figure_several_lines_share_names_them_all(tmp_path):
    """A community council's budget had three lines at 0: the briefing said "lowest for Councillors'
    entitlement (office consumables), at 0", as if that line alone had nothing."""
    rows = [("Clerk's salary", 6000), ("Office costs", 500), ("Councillors' entitlement", 0), ("Training", 300),
            ("Elections", 0), ("Tintern Village Hall", 0), ("Projects", 5000)]
    csv = "item,Visitors\n" + "".join(f"{label},{n}\n" for label, n in rows)
    for text in _briefing(tmp_path, "visits.csv", csv):
        assert "lowest for Councillors' entitlement, at 0" not in text
        assert "lowest for Councillors' entitlement, Elections and Tintern Village Hall, at 0" in text


def test_a_highest_figure_several_lines_share_is_not_said_to_be_one_lines(tmp_path):
    rows = [(f"Library {c}", n) for c, n in zip("ABCDEF", (900, 900, 900, 900, 120, 300))]
    csv = "item,Visitors\n" + "".join(f"{label},{n}\n" for label, n in rows)
    for text in _briefing(tmp_path, "visits.csv", csv):
        assert "highest for Library A, at 900" not in text
        assert "highest for Library A, Library B and 2 more, at 900" in text


def test_spending_written_in_brackets_is_ranked_by_its_size(tmp_path):
    """A town council's accounts write gross expenditure in brackets: "2018 Gross Expenditure:
    highest for Economic Development, at (£4,022); lowest for Library Contingency, at (£175,000)"
    named the smallest spend the highest."""
    rows = [("Economic Development", "(4,022)"), ("Cultural and Heritage", "(94,886)"),
            ("Library Contingency", "(175,000)"), ("Town in Bloom", "(28,700)")]
    csv = "Service,2018 Gross Expenditure £\n" + "".join(f'{label},"{n}"\n' for label, n in rows)
    for text in _briefing(tmp_path, "accounts.csv", csv):
        assert "highest for Economic Development" not in text
        assert "largest for Library Contingency, at (£175,000); smallest for Economic Development, at (£4,022)" \
            in text


def test_a_transfer_to_reserves_is_no_over_or_underspend(tmp_path):
    """A town council's outturn had "Transfer to Earmarked Reserves" 827,769 in its variance column
    (money set aside, taken off the surplus): the briefing listed it first among the "Largest
    underspends", and its bar was flagged (F)."""
    rows = [("Economic Development", 132000, 4022, -127978), ("Planning and Highways", 412500, 111602, -300898),
            ("Play and Recreation", 347500, 109981, -237519), ("Transfer to Earmarked Reserves", 0, 827769, 827769),
            ("Total", 892000, 1053374, 161374)]
    csv = "Service,Budget £,Outturn £,Variance £\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
    for text in _briefing(tmp_path, "outturn.csv", csv):
        assert "Largest overspend: Transfer" not in text and "Largest overspends: Transfer" not in text
        assert "Largest underspends: Planning and Highways £300,898 and Play and Recreation £237,519." in text
        assert not re.search(r"Transfer to Earmarked Reserves [\d,]+ A\b", text)


def test_a_long_tables_chart_names_the_measure_it_draws(tmp_path):
    """DfE's DSG deficit table (one row per area and year, two figures a row): its chart's sentence
    read "Wigan: down 0.43 from -0.02 in 2020/21 to -0.45 in 2021/22", naming no measure, and the
    other measure went unmentioned."""
    areas = [("North West", "Wigan", (-0.11, -0.02, -0.45)), ("North West", "Knowsley", (-1.28, 0.3, 1.96)),
             ("North West", "Trafford", (-1.39, -0.79, 0.03)), ("North West", "Tameside", (0.28, 0.79, 1.42))]
    lines = ["time_period,geographic_level,region_name,la_name,deficit,DSG cumulative balance as a % of the total "
             "income,financial_year"]
    for i, year in enumerate(("2019-20", "2020-21", "2021-22")):
        code = year[:4] + year[5:]
        lines += [f"{code},Local authority,{region},{name},{v[i]},{-v[i]},{year}" for region, name, v in areas]
    for text in _briefing(tmp_path, "dsg_deficit.csv", "\n".join(lines) + "\n"):
        assert not re.search(r"(?<!, )\b(Wigan|Knowsley|Trafford|Tameside): (up|down)", text)
        assert re.search(r"\b(Wigan|Knowsley|Trafford|Tameside), deficit: (up|down)", text)
        assert "DSG cumulative balance as a % of the total income" in text.split("The table as in the source")[0]


def test_nhs_trusts_named_after_a_region_are_ranked_not_set_aside_as_comparators(tmp_path):
    """DHSC's loans to NHS trusts: "Not charted (comparators, not ranked with the rest): London North
    West Healthcare NHS Trust; North West Anglia NHS Foundation Trust; East Midlands Ambulance
    Service NHS Trust": trusts, not London, the North West or the East Midlands."""
    rows = [("London North West Healthcare NHS Trust", 410), ("North West Anglia NHS Foundation Trust", 380),
            ("East Midlands Ambulance Service NHS Trust", 95), ("East of England Ambulance Service NHS Trust", 90),
            ("King's College Hospital NHS Foundation Trust", 350), ("Pennine Care NHS Foundation Trust", 120)]
    csv = "Trust,Beds\n" + "".join(f"{label},{n}\n" for label, n in rows)
    for text in _briefing(tmp_path, "beds.csv", csv):
        assert "comparators, not ranked" not in text
        assert "Beds: highest for London North West Healthcare NHS Trust, at 410; lowest for East of England " \
               "Ambulance Service NHS Trust, at 90" in text


def test_a_sentence_about_a_table_in_pounds_keeps_one_register(tmp_path):
    """Left from the sixteenth round: "Net forecast overspend of £1.2m, 3.7% of the £31.8m budget.
    Largest overspends: Children Looked After £695,707 ... Largest underspends: Childrens Centres
    £155,032": millions rounded beside pounds to the penny, in one sentence."""
    rows = [("Children Looked After", 10364960, 11060667, 695707), ("Disabled Children", 577273, 1240905, 663632),
            ("Childrens Centres", 1823024, 1667992, -155032), ("Locality Teams", 3991968, 3850047, -141921),
            ("Music Service", 0, 300, 300), ("Total", 16757225, 17819911, 1062686)]
    csv = "Service,Budget £,Forecast £,Variance £\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
    for text in _briefing(tmp_path, "monitor.csv", csv):
        assert "Net forecast overspend of £1.1m, 6.3% of the £16.8m budget. Largest overspends: Children Looked " \
               "After £696k and Disabled Children £664k. Largest underspends: Childrens Centres £155k and Locality " \
               "Teams £142k." in text


def test_a_long_bar_name_is_printed_whole_in_the_pdf_chart(tmp_path):
    """Left from the sixteenth round: PDF bar charts cut long names ("DEMOCRATIC, CIVIC AND CENTRAL
    COSTS…", "Cultural and Heritage Environmenta Servi…"); two names alike up to the cut read the same."""
    rows = [("Economic Development", 132000, 4022, -127978),
            ("Democratic, civic and central costs: central support costs (corporate)", 514300, 297350, -216950),
            ("Democratic, civic and central costs: civic and democratic costs (members)", 80446, 68644, -11802),
            ("Total", 726746, 370016, -356730)]
    csv = "Service,Budget £,Outturn £,Variance £\n" + "".join(f'"{r[0]}",' + ",".join(map(str, r[1:])) + "\n"
                                                               for r in rows)
    pdf, _html = _briefing(tmp_path, "outturn.csv", csv)
    chart = pdf.split("Variance, £")[0]
    assert "…" not in chart
    assert "Democratic, civic and central costs: civic and democratic costs (members)" in chart
