"""Reading values: brackets, separators, percentages, words, benchmarks, statuses, special values."""

from awkward_workbooks import observations, write_xlsx
from memberpack.model.number_formats import render

M = 1_000_000


def test_bracket_negatives_as_text_and_as_number_format(tmp_path):
    rows = [["Service Area", "Current Budget £m", "Variance £m"], ["CSC Management", "(0.9)", -0.5]]
    path = write_xlsx(tmp_path / "b.xlsx", {"BM": rows}, formats={"BM": {"C2": "#,##0.0;(#,##0.0)"}})
    obs = observations(path)
    assert (obs[("BM", "B2")].value, obs[("BM", "B2")].display) == (-0.9 * M, "(0.9)")
    assert (obs[("BM", "C2")].value, obs[("BM", "C2")].display) == (-0.5 * M, "(0.5)")


def test_thousands_separators_in_text_and_format(tmp_path):
    rows = [["Item", "£000s", "Spend £"], ["Budget", "8,834", 1_700_734]]
    obs = observations(write_xlsx(tmp_path / "t.xlsx", {"P": rows}, formats={"P": {"C2": "#,##0"}}))
    assert obs[("P", "B2")].value == 8_834_000
    assert (obs[("P", "C2")].value, obs[("P", "C2")].display) == (1_700_734, "1,700,734")


def test_fractions_formatted_as_percent_are_0_to_100(tmp_path):
    rows = [["School Type", "Total on Roll", "Persistent Absence %", "Present Average %"],
            ["Primary", 37291, 0.1706, 0.9426], ["PRU", 127, "85.04%", 0.5459]]
    fmt = {"C2": "0.00%", "D2": "0.00%", "D3": "0.00%"}
    obs = observations(write_xlsx(tmp_path / "p.xlsx", {"Attendance": rows}, formats={"Attendance": fmt}))
    assert (obs[("Attendance", "C2")].value, obs[("Attendance", "C2")].unit) == (17.06, "percent")
    assert obs[("Attendance", "C2")].display == "17.06%"
    assert (obs[("Attendance", "C3")].value, obs[("Attendance", "D3")].value) == (85.04, 54.59)
    assert obs[("Attendance", "B2")].value == 37291 and obs[("Attendance", "B2")].unit is None


def test_a_percent_cell_does_not_make_its_column_percent(tmp_path):
    rows = [["Indicator", "Q3"], ["Case audits good or outstanding", 0.87], ["Foster carers", 62]]
    obs = observations(write_xlsx(tmp_path / "m.xlsx", {"K": rows}, formats={"K": {"B2": "0.0%"}}))
    assert (obs[("K", "B2")].value, obs[("K", "B3")].value, obs[("K", "B3")].unit) == (87.0, 62, "count")


def test_values_with_words_and_rates(tmp_path):
    rows = [["Indicator", "Year-End 2019/20", "Q1"],
            ["Early help interventions", "1,050 families", "1,035 families"],
            ["Rate of children looked after", "53.7 per 10,000", "52 per 10,000"]]
    obs = observations(write_xlsx(tmp_path / "w.xlsx", {"K": rows}))
    assert (obs[("K", "B2")].value, obs[("K", "B2")].unit, obs[("K", "B2")].display) == (1050, "count", "1,050 families")
    assert (obs[("K", "C3")].value, obs[("K", "C3")].unit) == (52, "per_10000")
    assert obs[("K", "B3")].period == "Year-End 2019/20"


def test_special_values_stay_statuses_with_their_text(tmp_path):
    rows = [["Indicator", "Year-End 2019/20", "Q1", "Q2", "Q3", "Q4"],
            ["Case audits", "38.9%", "DNA", "tbc", "n/a", None], ["Suppressed", "c", "x", "-", ":", "low"]]
    obs = observations(write_xlsx(tmp_path / "s.xlsx", {"K": rows}))
    got = [(obs[("K", c)].value, obs[("K", c)].status, obs[("K", c)].display)
           for c in ("C2", "D2", "E2", "F2", "B3", "C3", "D3", "E3", "F3")]
    assert got == [(None, "dna", "DNA"), (None, "tbc", "tbc"), (None, "n/a", "n/a"), (None, "blank", ""),
                   (None, "c", "c"), (None, "x", "x"), (None, "-", "-"), (None, ":", ":"), (None, "low", "low")]
    assert obs[("K", "B2")].value == 38.9


def test_rag_flags_and_arrows_are_statuses(tmp_path):
    rows = [["Service Area", "Variance £m", "A/(F)", "RAG Status", "Direction From Month 7"],
            ["External Placements", 14.5, "A", "Red", "↓"], ["Fostering", "(0.4)", "(F)", "Green", "↑"],
            ["Central", 0, "-", "Amber", "→"]]
    obs = observations(write_xlsx(tmp_path / "r.xlsx", {"F": rows}))
    assert [obs[("F", c)].status for c in ("C2", "D2", "E2", "C3", "D3", "E3", "C4", "D4", "E4")] == [
        "adverse", "red", "down", "favourable", "green", "up", "-", "amber", "level"]
    assert all(obs[("F", c)].value is None for c in ("C2", "D3", "E4"))


def test_benchmark_text_is_kept_and_parsed_into_benchmark_figures(tmp_path):
    rows = [["Indicator", "Q3", "National benchmarking"],
            ["Care leavers EET", "44.0%", "England, 53% South West, 53%"],
            ["CLA rate", "51 per 10,000", "England, 67 South West, 57"], ["Case audits", "87.0%", "Local measure"]]
    obs = observations(write_xlsx(tmp_path / "bm.xlsx", {"K": rows}))
    assert obs[("K", "C2")].display == "England, 53% South West, 53%" and obs[("K", "C2")].value is None
    england = obs[("K", "C2", "Benchmark: England")]
    assert (england.value, england.unit, england.label, england.col) == (53, "percent", "Care leavers EET", 3)
    assert (obs[("K", "C3", "Benchmark: South West")].value, obs[("K", "C3", "Benchmark: South West")].unit) == (
        57, "per_10000")
    assert ("K", "C4", "Benchmark: Local") not in obs and obs[("K", "C4")].status == "text"


def test_number_formats_render_like_excel():
    assert render(-0.5, "#,##0.0;(#,##0.0)") == "(0.5)"
    assert render(0.1706, "0.00%") == "17.06%"
    assert render(1_700_734, "#,##0") == "1,700,734"
    assert render(-479, "#,##0;(#,##0)") == "(479)"
    assert render(9.1, None) == "9.1" and render(12.0, "General") == "12"


def test_units_written_in_the_row_label(tmp_path):
    rows = [["Measure", "Q1 2020/21", "Q3 2020/21"], ["Children Looked After", 227, 221],
            ["Children Looked After rate per 10,000", 52.5, 50.6], ["Care leavers in suitable accommodation %", 88, 89]]
    obs = observations(write_xlsx(tmp_path / "r.xlsx", {"NS": rows}, formats={"NS": {"B3": "0.0"}}))
    assert (obs[("NS", "B2")].value, obs[("NS", "B2")].unit, obs[("NS", "B2")].metric_id) == (227, "count", "cla_count")
    rate = obs[("NS", "B3")]
    assert (rate.value, rate.unit, rate.metric_id) == (52.5, "per_10000", "cla_rate_per_10k")
    assert (obs[("NS", "C4")].value, obs[("NS", "C4")].unit) == (89, "percent")


def test_a_money_column_without_a_unit_takes_the_budget_monitors_unit(tmp_path):
    rows = [["Service Area", "Current Budget £m", "Month 9 Variance £m", "A/(F)", "Movement From Month 7"],
            ["External Placements", 27.4, 14.5, "A", 2.4]]
    obs = observations(write_xlsx(tmp_path / "m.xlsx", {"F": rows}))
    assert (obs[("F", "E2")].value, obs[("F", "E2")].unit) == (2_400_000, "GBP")
    assert (obs[("F", "D2")].status, obs[("F", "D2")].metric_id) == ("adverse", "other")


def test_a_ledger_exported_with_trailing_minus_signs_and_credits(tmp_path):
    """SAP and Agresso write a negative as ``1,234.56-``; a budget book marks credits ``CR``: each is a
    negative figure in the column's unit, in an .xlsx and in a CSV alike, block after block."""
    rows = [["Cost centre", "Budget £", "Actual £", "Variance £"]] + [
        [f"CC{100 + i} Libraries", f"{1000 + i:,}.00", f"{900 + i:,}.50", "99.50-" if i % 2 else "99.50 CR"]
        for i in range(600)]
    csv_path = tmp_path / "ledger.csv"
    csv_path.write_text("\n".join(",".join(f'"{v}"' if "," in v else v for v in row) for row in rows) + "\n")
    for path, sheet in ((write_xlsx(tmp_path / "ledger.xlsx", {"Ledger": rows}), "Ledger"), (csv_path, "ledger")):
        obs = observations(path)
        assert {obs[(sheet, f"D{r}")].value for r in range(2, 602)} == {-99.5}
        assert (obs[(sheet, "B601")].value, obs[(sheet, "D601")].display) == (1599, "99.50-")
        assert obs[(sheet, "D600")].display == "99.50 CR" and obs[(sheet, "D600")].unit == "GBP"


def test_revised_and_provisional_figures_are_read_with_their_shorthand_shown(tmp_path):
    rows = [["Local authority", "2022", "2023 [note 1]"], ["Bristol", "1,234 [r]", "1,301 [p]"],
            ["Somerset", "987", "x [note 2]"]]
    obs = observations(write_xlsx(tmp_path / "gss.xlsx", {"T": rows}))
    assert (obs[("T", "B2")].value, obs[("T", "B2")].display) == (1234, "1,234 [r]")
    assert (obs[("T", "C2")].value, obs[("T", "C2")].period) == (1301, "2023")
    assert (obs[("T", "C3")].value, obs[("T", "C3")].status) == (None, "x")
