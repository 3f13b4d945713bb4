"""The demo pack: every sample imported with its real seed figures, source cells, versions and notes."""

import pytest

from memberpack.cli import main
from memberpack.analysis.checks import check_dataset
from memberpack.assets import sample
from memberpack.demo import build_demo, sample_files
from memberpack.errors import MemberpackError
from memberpack.model.annotations import OBSERVATION, PRIVATE, QUESTION, SHARED
from memberpack.store import annotation_store, comparators
from memberpack.store.pack import Pack

M = 1_000_000


@pytest.fixture(scope="module")
def cells(demo_pack_master):
    """Every figure of the latest version of every table, with its file name."""
    with Pack.open(demo_pack_master) as pack:
        return [(ds.source_file, o) for ds in pack.datasets() for o in pack.observations(ds.id)]


def _at(cells, prefix, sheet, cell, measure=None):
    """The one figure read from ``cell`` (a benchmark cell gives several: name the measure)."""
    found = [o for f, o in cells if f.startswith(prefix) and o.sheet == sheet and o.cell == cell
             and measure in (None, o.measure)]
    assert len(found) == 1, f"{prefix}* {sheet}!{cell}: {len(found)} figures"
    return found[0]


def _figures(cells, prefix, sheet, expected):
    """{cell: (value, unit)} as imported, for the cells named in ``expected``."""
    return {cell: (_at(cells, prefix, sheet, cell).value, _at(cells, prefix, sheet, cell).unit)
            for cell in expected}


def test_samples_are_bundled_in_order():
    names = [p.name for p in sample_files()]
    assert len(names) >= 10 and names == sorted(names)
    assert names.index("00_budget_monitor_m5_2023-24.xlsx") < names.index("01_budget_monitor_m6_2023-24.xlsx")
    assert any(n.endswith(".csv") for n in names)


def test_month6_budget_monitor_lines_and_grand_total(cells):
    expected = {"B10": (38.4 * M, "GBP"), "C10": (48.8 * M, "GBP"), "D10": (10.4 * M, "GBP"),
                "D9": (-0.7 * M, "GBP"),            # (0.7) as a number with a bracket format
                "B16": (-0.9 * M, "GBP"),           # (0.9) typed as text
                "B41": (123.1 * M, "GBP"), "C41": (135.5 * M, "GBP"), "D41": (12.4 * M, "GBP"),
                "G41": (0.6 * M, "GBP")}
    assert _figures(cells, "01_", "Budget Monitor", expected) == expected
    ep = _at(cells, "01_", "Budget Monitor", "D10")
    assert ep.label == "External Placements" and ep.section == "Children & Families"
    assert _at(cells, "01_", "Budget Monitor", "E10").status == "adverse"
    assert _at(cells, "01_", "Budget Monitor", "F9").status == "green"
    assert _at(cells, "01_", "Budget Monitor", "D41").row_role == "total"
    assert _at(cells, "01_", "Budget Monitor", "D18").row_role == "subtotal"


def test_month5_is_the_earlier_version_of_month6(demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        m6 = next(d for d in pack.datasets() if d.source_file.startswith("01_"))
        m5 = pack.previous_version(m6)
        assert m5 is not None and m5.source_file.startswith("00_") and m6.version == m5.version + 1
        ep = {o.cell: o.value for o in pack.observations(m5.id) if o.label == "External Placements"}
        total = {o.cell: o.value for o in pack.observations(m5.id) if o.row_role == "total"}
    assert ep["D10"] == 10.1 * M and ep["C10"] == 48.5 * M
    assert total["D41"] == 11.8 * M


def test_external_placements_and_fostering_breakdowns(cells):
    placements = {"B4": (24.4 * M, "GBP"), "D13": (11.7 * M, "GBP"), "B14": (-5.0 * M, "GBP"),
                  "D19": (10.4 * M, "GBP")}
    assert _figures(cells, "02_", "External Placements", placements) == placements
    assert _at(cells, "02_", "External Placements", "D16").value == 0   # "(0.0)": a negative nil
    assert _at(cells, "02_", "External Placements", "D17").section == "Income"   # the second "Other"
    assert _figures(cells, "02_", "Fostering & Permanence", {"D5": 0}) == {"D5": (-1.0 * M, "GBP")}


def test_dsg_2023_24_side_by_side_blocks(cells):
    assert _at(cells, "03_", "DSG 2023-24", "D7").status == "-"
    shown = {c: _at(cells, "03_", "DSG 2023-24", c).display for c in ("B9", "D9", "I9", "I10")}
    assert shown == {"B9": "73.5", "D9": "(15.1)", "I9": "(44.9)", "I10": "(37.5)"}


def test_dsg_side_by_side_blocks_and_2020_21_blocks_in_pounds(cells):
    dsg = {"B9": (73.5 * M, "GBP"), "D9": (-15.1 * M, "GBP"), "I9": (-44.9 * M, "GBP"),
           "I10": (-37.5 * M, "GBP")}
    assert _figures(cells, "03_", "DSG 2023-24", dsg) == dsg
    blocks = {"B3": (129_968_128, "GBP"), "B4": (26_047_648, "GBP"), "B7": (169_560_883, "GBP")}
    assert _figures(cells, "03_", "DSG 2020-21", blocks) == blocks
    # the repeated "DSG Block £m" column E labels the second sub-table; it is not a figure
    assert not [o for f, o in cells if f.startswith("03_") and o.sheet == "DSG 2023-24" and o.cell[0] == "E"]
    assert _at(cells, "03_", "DSG 2023-24", "I9").label == "High Needs"
    schools = _at(cells, "03_", "DSG 2020-21", "B3")
    assert (schools.measure, schools.period, _at(cells, "03_", "DSG 2020-21", "B7").row_role) == (
        "2020/21", "2020/21", "total")


def test_exclusions_attendance_and_ehcp(cells):
    nov = _at(cells, "04_", "Vulnerable Learners", "D5")
    assert (nov.label, nov.value, nov.period) == ("Fixed Period Exclusions 2022 - 2023", 1216, "Nov 2022")
    jan = _at(cells, "04_", "Vulnerable Learners", "F3")
    assert (jan.value, jan.period) == (71, "Jan 2021")
    pex = _at(cells, "04_", "Vulnerable Learners", "D12")
    assert (pex.label, pex.value, pex.period) == ("Permanent Exclusions 2021 - 2022", 16, "Nov 2021")
    attendance = {"D4": (17.06, "percent"), "E5": (54.59, "percent"), "D7": (34.29, "percent")}
    assert _figures(cells, "05_", "Attendance", attendance) == attendance
    assert _at(cells, "05_", "Attendance", "B4").value == 37291
    assert [_at(cells, "07_", "EHCP", c).value for c in ("B4", "C4", "B5", "C5", "C8")] == [
        1060, 1128, 295, 420, 5545]
    assert _figures(cells, "07_", "EHCP", {"B6": 0, "C6": 0}) == {"B6": (68.0, "percent"), "C6": (48.0, "percent")}
    assert _at(cells, "07_", "EHCP", "C6").period == "2022/23"


def test_kpi_scorecard_keeps_statuses_units_and_benchmarks(cells):
    sheet = "KCPIs Q3 2020-21"
    dna = _at(cells, "06_", sheet, "C5")
    assert (dna.value, dna.status, dna.period) == (None, "dna", "Q1 2020/21")
    assert _figures(cells, "06_", sheet, {"B5": 0, "B7": 0, "B10": 0}) == {
        "B5": (38.9, "percent"), "B7": (46.5, "percent"), "B10": (53.7, "per_10000")}
    families = _at(cells, "06_", sheet, "B6")
    assert (families.value, families.display, families.period) == (1050, "1,050 families", "Year-End 2019/20")
    assert [_at(cells, "06_", sheet, c).status for c in ("F5", "B9", "B15", "G7", "G10", "G14")] == [
        "blank", "tbc", "n/a", "red", "amber", "not targeted"]
    england = _at(cells, "06_", sheet, "I7", "Benchmark: England")
    assert (england.value, england.unit, england.display) == (53.0, "percent", "England, 53% South West, 53%")
    assert _at(cells, "06_", sheet, "I10", "Benchmark: South West").value == 57


def test_kpi_scorecard_plain_numbers_stay_plain(cells):
    sheet = "KCPIs Q3 2020-21"
    assert [_at(cells, "06_", sheet, c).value for c in ("B11", "E11", "B12", "E15", "B13")] == [
        62, 62, 18, 276, 15.8]
    assert _at(cells, "06_", sheet, "B11").unit != "percent"


def test_children_looked_after_wide_table_and_agency_csv(cells):
    somerset = _at(cells, "08_", "Somerset", "H4")
    assert (somerset.label, somerset.value, somerset.period) == ("Children Looked After", 570, "Jan 2023")
    assert _at(cells, "08_", "Somerset", "C4").status == "blank"
    assert [_at(cells, "08_", "North Somerset", c).value for c in ("C4", "D6", "D7", "D9")] == [227, 50.6, 67, 53]
    assert _figures(cells, "08_", "North Somerset", {"D12": 0, "D6": 0, "D7": 0}) == {
        "D12": (89.0, "percent"), "D6": (50.6, "per_10000"), "D7": (67, "per_10000")}   # units from the labels
    wide = {"E8": (10_364_960, "GBP"), "C8": (-290_586, "GBP"), "M23": (1_178_880, "GBP"),
            "H15": (109_617, "GBP")}
    assert _figures(cells, "09_", "Appendix 1", wide) == wide
    assert _at(cells, "09_", "Appendix 1", "E13").row_role == "subtotal"
    agency = _at(cells, "10_", "10_agency_staffing_spend", "B2")   # a CSV's sheet is its file name
    assert (agency.value, agency.unit, agency.period, agency.display) == (1_700_734, "GBP", "2016/17", "£1,700,734")
    m9 = _at(cells, "11_", "Finances", "D7")
    assert (m9.label, m9.value, m9.unit, m9.period) == ("External Placements", 14.5 * M, "GBP", "2022/23 Month 9")
    assert _at(cells, "11_", "Finances", "G7").status == "down"
    assert _figures(cells, "11_", "Finances", {"F7": 0}) == {"F7": (2.4 * M, "GBP")}   # no unit in its header


def test_education_sample_fills_the_education_tab(demo_pack_master, cells):
    # seed 001 school Ofsted list (February 2021), seed 002 EYFS and take-up, seed 001 T001-14 KS4 gap
    ofsted = {"B4": (10, "count"), "C4": (16.0, "percent"), "B5": (45, "count"), "E6": (37.0, "percent"),
              "F5": (4, "count"), "G5": (100.0, "percent")}
    assert _figures(cells, "13_", "Ofsted", ofsted) == ofsted
    assert _at(cells, "13_", "Ofsted", "B4").label == "Outstanding"
    assert _figures(cells, "13_", "Early years", {"C4": 0, "C5": 0}) == {"C4": (71.8, "percent"),
                                                                      "C5": (71.5, "percent")}
    take_up = _at(cells, "13_", "Early education", "C4")
    assert (take_up.value, take_up.period, take_up.metric_id) == (96.0, "2018", "ey_takeup_3_4_pct")
    assert _at(cells, "13_", "Early education", "C5").value == 94.0
    gap = [_at(cells, "13_", "KS4", c) for c in ("B4", "C4", "C5", "C6")]
    assert [o.value for o in gap] == [15.8, 15.4, 13.7, 15.4]
    assert gap[0].period == "Year-End 2019/20" and gap[2].label.startswith("England")
    with Pack.open(demo_pack_master) as pack:
        domains = {ds.sheet: ds.domain for ds in pack.datasets() if ds.source_file.startswith("13_")}
    assert domains == {"Ofsted": "education", "Early years": "education", "Early education": "education",
                       "KS4": "education"}


def test_tables_have_names_a_councillor_can_tell_apart(demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        names = {ds.source_file: [] for ds in pack.datasets()}
        for ds in pack.datasets():
            names[ds.source_file].append(ds.name)
    dsg = names["03_dsg_blocks.xlsx"]
    assert len(dsg) == len(set(dsg)) == 3
    assert dsg[1] == dsg[0] + ": Balance b/f"
    assert names["10_agency_staffing_spend.csv"] == ["Agency staffing spend"]


def test_counts_and_comments_in_the_samples(cells):
    assert _at(cells, "04_", "Vulnerable Learners", "D5").unit == "count"        # 1,216 suspensions
    assert _at(cells, "08_", "Somerset", "H4").unit == "count"                   # 570 children looked after
    assert _at(cells, "07_", "EHCP", "B4").unit == "count"                       # 1,060 requests
    assert _at(cells, "05_", "Attendance", "C4").unit == "count"                 # "Number of Persistent Absence"
    comment = _at(cells, "07_", "EHCP", "D4")
    assert (comment.display, comment.period) == ("6% increase on the previous year", None)


def test_seed_rounding_anomalies_are_kept_and_within_rounding(demo_pack_master, cells):
    # seed 004 T004-5: the expenditure variances add up to 11.6, the Total Expenditure row says 11.7.
    lines = [o.value for f, o in cells if f.startswith("02_") and o.sheet == "External Placements"
             and o.cell.startswith("D") and o.section == "Expenditure" and o.row_role == "data"]
    assert (len(lines), round(sum(lines))) == (9, 11_600_000)
    assert _at(cells, "02_", "External Placements", "D13").value == 11_700_000
    # seed 004 T004-7: the carry-forward column adds up to (37.4), the total says (37.5).
    carried = [_at(cells, "03_", "DSG 2023-24", f"I{r}").value for r in range(6, 10)]
    assert (round(sum(carried)), _at(cells, "03_", "DSG 2023-24", "I10").value) == (-37_400_000, -37_500_000)
    with Pack.open(demo_pack_master) as pack:
        findings = [f for ds in pack.datasets() if ds.source_file.startswith(("02_", "03_", "09_"))
                    for f in check_dataset(ds, pack.observations(ds.id))]
    assert findings == []


def test_check_passes_on_the_demo_pack(demo_pack_master, capsys):
    # The seed's own rounding (T004-5 expenditure variances add up to 11.6 against 11.7; T004-7 carry
    # forward (37.4) against (37.5); T001-12 subtotals out by £1) is within the figures' rounding.
    assert main(["check", str(demo_pack_master)]) == 0, capsys.readouterr().out


def test_demo_notes_point_at_their_figures(demo_pack_master, cells):
    with Pack.open(demo_pack_master) as pack:
        notes = annotation_store.all_notes(pack)
        shared = annotation_store.all_notes(pack, include_private=False)
    assert len(notes) == 3 and len(shared) == 2
    assert all(n.target.type == OBSERVATION and n.target.dataset_key for n in notes)
    note = next(n for n in notes if n.target.label == "External Placements")
    assert (note.visibility, note.target.value) == (SHARED, 10.4 * M)
    question = next(n for n in notes if n.kind == QUESTION)
    high_needs = _at(cells, "03_", "DSG 2023-24", "I9")
    assert (question.target.label, question.target.display) == ("High Needs", "(44.9)")
    assert (question.target.measure, question.target.value) == (high_needs.measure, high_needs.value)
    assert next(n for n in notes if n.visibility == PRIVATE).target.label == "SEND Transport"


def test_demo_refuses_an_existing_file_and_leaves_nothing_on_failure(tmp_path, monkeypatch):
    existing = tmp_path / "d.mpack"
    existing.write_bytes(b"keep")
    with pytest.raises(MemberpackError):
        build_demo(existing)
    assert existing.read_bytes() == b"keep"
    broken = tmp_path / "99_broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    monkeypatch.setattr("memberpack.demo.sample_files", lambda: [broken])
    with pytest.raises(MemberpackError):
        build_demo(tmp_path / "new.mpack")
    assert sorted(tmp_path.iterdir()) == sorted([existing, broken])


def _sheet_cells(ws):
    return [(c.coordinate, c.value, c.number_format) for row in ws.iter_rows() for c in row]


def test_committed_samples_are_what_make_samples_writes(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.syspath_prepend(str(sample()))
    from make_samples import SAMPLES

    bundled = sorted(p.name for p in sample().iterdir() if p.suffix in (".xlsx", ".csv"))
    assert sorted(SAMPLES) == bundled
    assert set(bundled) - {p.name for p in sample_files()} == {
        "12_children_looked_after_rates_2017-2020.meta.csv", "statistical_neighbours.xlsx"}
    for name, build in SAMPLES.items():
        build(tmp_path / name)
        if name.endswith(".csv"):
            assert (tmp_path / name).read_bytes() == sample(name).read_bytes(), name
            continue
        fresh, kept = load_workbook(tmp_path / name), load_workbook(sample(name))
        assert fresh.sheetnames == kept.sheetnames, name
        for a, b in zip(fresh, kept):
            assert _sheet_cells(a) == _sheet_cells(b), f"{name} {a.title}"
            assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))


def test_demo_compares_north_somerset_with_england_region_and_neighbours(demo_pack_master):
    from memberpack.analysis.comparisons import pack_comparisons
    from memberpack.model.observation import OPEN_STATISTICS

    with Pack.open(demo_pack_master) as pack:
        listed = comparators.our_neighbours(pack)
        # the scorecards are North Somerset's, so North Somerset is our authority (issue 13)
        assert comparators.authority(pack).describe() == "North Somerset (802, E06000024)"
        assert (listed.source_file, listed.neighbours[0].name, listed.neighbours[9].name, len(listed.neighbours)) == (
            "statistical_neighbours.xlsx", "Somerset", "North Yorkshire", 10)
        stats = [ds for ds in pack.datasets() if ds.kind == OPEN_STATISTICS]
        assert [ds.source_file for ds in stats] == ["12_children_looked_after_rates_2017-2020.csv"]
        found = {c.measure: c for c in pack_comparisons(pack)}
    rate = found["Children looked after rate per 10,000 children"]
    # seed 001 T001-14: England 67, South West 57, statistical neighbours 53 (31 March 2020)
    # North Somerset's 2020 rate is its scorecard's Year-End 2019/20 figure, 53.7: one council, one rate
    assert (rate.period, rate.value, rate.rank.text(), rate.rank.band) == ("2020", 53.7, "6 of 14", "B")
    assert [(b.kind, b.value, b.count, b.of) for b in rate.benchmarks] == [
        ("england", 67.0, None, None), ("region", 57.0, None, None), ("neighbours", 53.0, 10, 10)]
    assert rate.trend.series[0].values == [55.0, 54.1, 52.9, 53.7]
    assert found["EHC plans issued within 20 weeks %"].benchmark("england").value == 49.0
    assert not any(m.startswith("England") for m in found)  # England's own row is a comparator, not ours
    foster = found["Percentage of CLA in foster care"]
    assert (foster.value, foster.benchmark("england").verdict, foster.rank.tone) == (79.0, "better", "best")
