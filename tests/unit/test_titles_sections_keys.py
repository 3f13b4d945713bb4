"""Titles, sections and keys of officers' own workbooks as a councillor sees them: a legend is no
part of a title, a reference is no section, a note is no heading (fixes13a)."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _table(tmp_path, rows, formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    return table


def test_a_legend_above_the_header_gives_the_unit_and_is_no_part_of_the_title(tmp_path):
    rows = [["Borsetshire County Council"], ["Revenue Budget Monitoring 2024/25 - Period 9 (December 2024)"],
            ["All figures £000s.  Brackets denote underspend / favourable variance."], [],
            ["Service", "Revised Budget", "Forecast Outturn", "Forecast Variance"],
            ["Home Care", 22140, 23060, 920], ["Mental Health", 11320, 11050, -270], ["Total", 33460, 34110, 650]]
    table = _table(tmp_path, rows)
    assert table.title == "Borsetshire County Council Revenue Budget Monitoring 2024/25 - Period 9 (December 2024)"
    assert table.layout.unit == "£k" and table.report.period == "2024/25 Month 9"
    home = next(o for o in table.observations if o.cell == "B6")
    assert home.value == 22_140_000


def test_an_abbreviations_meaning_under_the_title_is_no_part_of_it(tmp_path):
    rows = [["Corporate Performance Scorecard 2024/25 - Quarter 3"],
            ["DoT = direction of travel since last quarter (↑ improving, ↓ worsening, → no change)"], [],
            ["Indicator", "Target", "Q3 2024/25", "DoT"],
            ["Children looked after rate per 10,000", 70, 77.4, "↓"], ["Recycling rate %", 50, 48.1, "↓"],
            ["Sickness days per FTE", 9, 10.2, "↓"]]
    assert _table(tmp_path, rows).title == "Corporate Performance Scorecard 2024/25 - Quarter 3"


def test_a_legend_sentence_before_the_title_in_its_cell_is_left_out_of_it(tmp_path):
    rows = [["All figures are in £, 000. Change in useable reserves between March 2015 and March 2018"], [],
            ["Authority", "Reserves March 2015", "Reserves March 2018"],
            ["Adur", 9_871, 11_204], ["Allerdale", 12_006, 10_411], ["Amber Valley", 8_130, 9_902]]
    table = _table(tmp_path, rows)
    assert table.title == "Change in useable reserves between March 2015 and March 2018"
    assert table.layout.unit == "£k"


def test_a_reference_on_every_row_is_no_section_where_the_directorate_is(tmp_path):
    rows = [["2024/25 Savings Delivery Tracker - Period 9"], ["£000s"], [],
            ["Ref", "Directorate", "Saving Proposal", "2024/25 Target", "Forecast Delivery", "Shortfall", "RAG"],
            ["AHW01", "Adults", "Reablement first", 1200, 850, 350, "Amber"],
            ["AHW02", "Adults", "Review of learning disability packages", 1800, 600, 1200, "Red"],
            ["CYP01", "Children", "Step-down from residential to fostering", 900, 150, 750, "Red"],
            ["PE01", "Place", "Garden waste charge increase", 750, 810, -60, "Green"],
            [None, None, "Total", 4650, 2410, 2240, None]]
    table = _table(tmp_path, rows)
    assert [(k["column"], k["role"]) for k in table.report.key_columns] == [("A", "reference"), ("B", "section")]
    sections = {o.label: o.section for o in table.observations}
    assert sections["Reablement first"] == sections["Review of learning disability packages"] == "Adults"
    assert sections["Garden waste charge increase"] == "Place" and sections["Total"] is None


def test_a_scorecards_indicator_codes_head_no_section_of_one_indicator_each(tmp_path):
    rows = [["Corporate Performance Scorecard 2024/25 - Quarter 3"], [],
            ["Ref", "Indicator", "Target", "Q2 2024/25", "Q3 2024/25"],
            ["ASC1", "Permanent admissions to care homes (65+) per 100,000", 560, 281.5, 455],
            ["CSC2", "Children looked after rate per 10,000", 70, 76.8, 77.4],
            ["PE1", "Household waste recycled or composted %", 50, 49.5, 48.1],
            ["RC1", "Working days lost to sickness per FTE", 9, 9.8, 10.2]]
    table = _table(tmp_path, rows)
    assert table.report.key_columns[0]["role"] == "reference"
    assert {o.section for o in table.observations} == {None}


def test_a_note_under_a_tables_total_heads_no_section(tmp_path):
    rows = [["Forecast Usable Reserves 2024/25 (£000s)"], [],
            ["Reserve", "Balance at 1 April 2024", "Forecast balance at 31 March 2025"],
            ["General Fund Balance", 18500, 13680], ["Budget Smoothing Reserve", 12300, 7200],
            ["Insurance Reserve", 4200, 4350], ["Total Usable Reserves", 35000, 25230], [],
            ["DSG deficit (statutory override, unusable): (14,600) at 1 April 2024, forecast (22,350) at 31 March 2025"],
            ["RAG: Blue = delivered; Green = on track; Amber = some risk; Red = significant risk"]]
    table = _table(tmp_path, rows)
    assert table.report.section_headings == [] and table.report.verdict == "read"
    assert [(run.range, run.reason) for run in table.report.skipped] == [("A9", "kept as the table's note"),
                                                                         ("A10", "note under the table")]
    assert table.report.notes == [rows[8][0]]   # the DSG deficit it states is kept with the table
    assert {o.section for o in table.observations} == {None}


def test_a_heading_over_rows_is_still_one_where_a_note_follows_the_table(tmp_path):
    rows = [["Revenue monitor"], [], ["Service", "Budget", "Forecast"], ["Adults"], ["Home care", 100, 110],
            ["Day care", 50, 45], ["Children"], ["Fostering", 80, 90], ["Total", 230, 245], [],
            ["Note: forecasts at Period 9"], ["Prepared by the finance team"]]
    table = _table(tmp_path, rows)
    assert table.report.section_headings == [[4, "Adults"], [7, "Children"]]
    assert next(o for o in table.observations if o.label == "Fostering").section == "Children"


def test_a_metadata_block_under_the_data_is_no_table(tmp_path):
    rows = [["Live births by Local Health Board"], [], ["Area", "<2500g", "2500g+", "Total"],
            ["Wales", 2019, 25438, 27457], ["Powys", 61, 774, 835], ["Cardiff", 298, 3689, 3987], [],
            ["Metadata:"], ["Title", "National Survey for Wales - adult lifestyle by local authority"],
            ["Last update", "Jul-23"], ["Next update", 2025], ["Rounding applied"],
            ["Publishing organisation", "Welsh Government"], ["Designation", "National Statistics"]]
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows})).tables
    assert table.report.cell_range == "A3:D6"


def test_a_statements_worded_lines_that_add_nothing_up_name_no_section(tmp_path):
    rows = [["Line", "2022", "2023"], ["Balances brought forward", 16219, 18962],
            ["Income from local taxation/levy", 32510, 29340], ["Total other receipts", 7773, 8741],
            ["Staff costs", 5284, 5657], ["Loan interest/capital repayments", 0, 0], ["Total other payments", 32255, 35255],
            ["Balances carried forward", 18962, 16130], ["Total cash and investments", 16962, 16130]]
    sections = {o.label: o.section for o in _table(tmp_path, rows).observations}
    assert sections["Balances brought forward"] is None and sections["Staff costs"] is None
    assert sections["Total other receipts"] is None


def test_a_sub_total_with_of_which_lines_in_its_group_still_names_it(tmp_path):
    rows = [["Service", "Expenditure", "Income"], ["Children looked after", 500, 40], ["of which: fostering", 200, 10],
            ["Family support", 300, 20], ["Total children's social care", 800, 60], ["Libraries", 90, 5],
            ["Museums", 30, 2], ["Total culture", 120, 7], ["Net total", 920, 67]]
    sections = {o.label: o.section for o in _table(tmp_path, rows).observations}
    assert sections["Family support"] == sections["of which: fostering"] == "children's social care"


def test_a_sub_total_straight_under_another_names_no_section_of_its_own(tmp_path):
    rows = [["Line", "2022", "2023"], ["Buildings", 300, 310], ["Vehicles", 54, 45], ["Total fixed assets", 354, 355],
            ["Total borrowing", 0, 0], ["Cash at bank", 16, 16], ["Total cash and investments", 16, 16]]
    cells = {o.cell: o for o in _table(tmp_path, rows).observations}
    assert cells["B2"].section == "fixed assets" and cells["B5"].section is None


def test_a_monitor_stored_with_its_legend_in_the_title_stays_the_version_before_this_months(tmp_path):
    """A pack made before legends were kept out of titles stored last month's monitor under a key
    with the legend in it; this month's must still be a version of it (what changed, movements)."""
    from memberpack.importers import import_files
    from memberpack.store.pack import Pack

    def monitor(period, month, home):
        rows = [["Borsetshire County Council"], [f"Revenue Budget Monitoring 2024/25 - Period {period} ({month} 2024)"],
                ["All figures £000s.  Brackets denote underspend / favourable variance."], [],
                ["Service", "Revised Budget", "Forecast Outturn", "Forecast Variance"],
                ["Home Care", 22140, home, home - 22140], ["Total", 22140, home, home - 22140]]
        return write_xlsx(tmp_path / f"p{period}.xlsx", {"Monitor": rows})

    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [monitor(8, "November", 22900)])
        p8, = pack.datasets()
        old_key = f"{p8.key} All figures £000s. Brackets denote underspend / favourable variance."
        pack.db.execute("UPDATE dataset SET key = ? WHERE id = ?", (old_key, p8.id))
        import_files(pack, [monitor(9, "December", 23060)])
        p9, = pack.datasets()
        assert p9.key == old_key and pack.previous_version(p9).id == p8.id


def test_a_note_under_a_homelessness_tables_title_is_its_note_not_part_of_its_title(tmp_path):
    """The old reading ran 'Source: H-CLIC, figures are provisional' (its own line, or the end of the
    title's cell) into the title; now it is the table's note, told with its source."""
    from memberpack.analysis.charts import source_line
    from memberpack.cli import main
    from memberpack.store.pack import Pack

    head = [["Measure", "Q1 2024/25", "Q2 2024/25"], ["Homelessness approaches", 512, 547],
            ["Households in temporary accommodation", 301, 322]]
    title = "Homelessness: households owed a duty, Q2 2024/25"
    for first in ([title], ["(Source: H-CLIC, figures are provisional)"]), ([f"{title}\nSource: H-CLIC"], []):
        path = write_xlsx(tmp_path / "hclic.xlsx", {"Homelessness": [*first, *head]})
        table, = read_file(path).tables
        assert table.title == title
        assert table.report.notes == [first[1][0] if first[1] else "Source: H-CLIC"]
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        ds, = opened.datasets()
    assert source_line(ds) == "Source: hclic.xlsx, sheet Homelessness, cells A3:C5. Source: H-CLIC"


def test_lines_about_the_worksheet_under_its_title_are_notes_not_its_title(tmp_path):
    """DLUHC's revenue outturn: the table was titled 'Produced on a non-IAS19 and PFI "Off Balance Sheet"
    basis unless stated otherwise. Last updated: 12 December 2024 Rows 7-10 are hidden. ...', the three
    lines under its title 'Revenue Outturn (RO) 2023-24: Service Expenditure Summary (RSX) data'."""
    title = "Worksheet 2: Revenue Outturn (RO) 2023-24: Service Expenditure Summary (RSX) data"
    lines = [[title], ["This worksheet contains 2 tables. Data is reported in £ thousand."],
             ['Produced on a non-IAS19 and PFI "Off Balance Sheet" basis unless stated otherwise.'],
             ["Source: Ministry of Housing, Communities & Local Government Revenue Outturn (RO) returns 2023-24"],
             ["Last updated: 12 December 2024"],
             ["Rows 7-10 are hidden. These rows contain reference data required for this table to populate."],
             ["Local authority", "Education services", "Highways"], ["Adur", 120, 45], ["Kent", 1179091, 52000],
             ["York UA", 98000, 7000]]
    path = write_xlsx(tmp_path / "rsx.xlsx", {"RSX": lines})
    table, = read_file(path).tables
    assert table.title == title
