"""Rows that state their own unit beat the table's: a monitor's unit costs and activity counts under
columns of £000."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.analysis.charts import charts_for
from memberpack.analysis.checks import check_dataset
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.importers import import_files, read_file
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack


def _service(name: str, spend: int, forecast: int, income: int, clients: int, cost: float, later: float) -> list[list]:
    """A service's section: its spend and income (£000), its full-year equivalent clients and their
    average weekly cost (£), and its sub total."""
    return [[name], ["Gross expenditure", spend, forecast, forecast - spend], ["Client income", -income, -income, 0],
            ["- FYEs", clients, clients + 12, 12], ["- Average Unit Cost", cost, later, round(later - cost, 2)],
            ["Sub total", spend - income, forecast - income, forecast - spend]]


def _monitor(services: int = 3) -> list[list]:
    rows = [["Adult Social Care Budget Monitor 2024/25 Month 6 (£000)"], [], ["Service", "Budget", "Forecast", "Variance"]]
    lines = [("Residential care", 14000, 14600, 1500, 410, 812.5, 845.2), ("Nursing care", 9000, 8850, 800, 210, 1045.0, 1080.5),
             ("Home care", 6400, 6700, 0, 930, 301.25, 298.8)]
    lines += [(f"Supported living {i}", 1000 + i, 990 + i, 0, 20 + i, 950.0 + i, 960.5 + i) for i in range(services - 3)]
    for line in lines:
        rows += _service(*line)
    rows += [["Children's placements"], ["External placements", 5000, 5300, 300], ["Number of placements", 52, 55, 3],
             ["Unit cost (£ per week)", 1849.0, 1853.25, 4.25], ["Sub total", 5000, 5300, 300]]
    budget, forecast = sum(line[1] - line[3] for line in lines) + 5000, sum(line[2] - line[3] for line in lines) + 5300
    return rows + [["Total", budget, forecast, forecast - budget]]


def test_unit_costs_and_counts_keep_their_own_unit_under_a_title_in_thousands(tmp_path):
    """The old reading made 410 FYEs £410,000 and an £812.50 unit cost £812,500; each keeps the unit its label names."""
    book = write_xlsx(tmp_path / "asc.xlsx", {"M6": _monitor()})
    read = {o.cell: (o.label, o.value, o.unit) for o in read_file(book).tables[0].observations}
    assert read["B5"] == ("Gross expenditure", 14_000_000, "GBP")
    assert read["B7"] == ("- FYEs", 410, "count") and read["D7"] == ("- FYEs", 12, "count")
    assert read["B8"] == ("- Average Unit Cost", 812.5, "GBP") and read["D20"] == ("- Average Unit Cost", -2.45, "GBP")
    assert read["C24"] == ("Number of placements", 55, "count")
    assert read["C25"] == ("Unit cost (£ per week)", 1853.25, "GBP")
    assert read["D27"] == ("Total", 1_050_000, "GBP")


def test_a_long_monitor_with_unit_costs_reads_the_same_either_way(tmp_path, cell_by_cell):
    book = write_xlsx(tmp_path / "long.xlsx", {"M6": _monitor(services=120)})
    _, fast = _read_both_ways(book, cell_by_cell)
    units = {(o.label, o.unit) for o in fast.observations if o.row_role == "data"}
    assert units == {("Gross expenditure", "GBP"), ("Client income", "GBP"), ("- FYEs", "count"),
                     ("- Average Unit Cost", "GBP"), ("External placements", "GBP"), ("Number of placements", "count"),
                     ("Unit cost (£ per week)", "GBP")}
    assert {o.value for o in fast.observations if o.cell == "B722"} == {950.0 + 116}   # the last unit cost, in £


def test_the_briefing_never_adds_a_unit_cost_or_a_count_to_the_costs(tmp_path):
    """The old briefing told the FYEs' 12 as a £12k overspend, summed them into each sub total (which then
    did not add up) and printed every figure with a decimal place (£33,150.0k) for the unit costs' pence."""
    book = write_xlsx(tmp_path / "asc.xlsx", {"M6": _monitor()})
    table = read_file(book).tables[0]
    ds = Dataset("ASC monitor", "asc.xlsx", "0" * 64, "M6", "A3:D27", table.layout.kind, key="asc",
                 period="2024/25 Month 6")
    assert check_dataset(ds, list(table.observations)) == []
    spec, = charts_for(ds, list(table.observations))
    assert [c for c in spec.categories if "expenditure" not in c and "income" not in c] == ["External placements"]
    assert spec.summary.startswith(
        "Net forecast overspend of £1.1m at 2024/25 Month 6, 3.3% of the £32.1m budget. Largest overspends: Gross "
        "expenditure (Residential care) £600k and Gross expenditure (Home care) £300k. Largest underspend: Gross "
        "expenditure (Nursing care) £150k."), spec.summary
    pack_path = tmp_path / "p.mpack"
    with Pack.create(pack_path) as pack:
        import_files(pack, [book])
        budget = headlines(pack).budget
    assert (budget.budget, budget.forecast, budget.variance) == (32_100_000, 33_150_000, 1_050_000)
    assert main(["export", str(pack_path), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert ("Net forecast overspend of £1.1m at 2024/25 Month 6, 3.3% of the £32.1m budget: forecast outturn "
            "£33.1m (Total).") in text
    assert "FYEs £" not in text and "FYEs (" not in text and "Unit Cost £" not in text and "placements £" not in text


_ASCOF = {"1C2A": "Proportion of people using social care who receive direct payments",
          "2A1": "Long-term support needs of younger adults aged 18-64 met by admission to residential and nursing "
                 "care homes, per 100,000 population",
          "1A": "Social care-related quality of life"}


def _ascof(councils: int) -> list[list]:
    """NHS Digital's ASCOF open data: one value column, each row's measure type in a key and the measure's
    unit only in its description (``Proportion of ...``, ``..., per 100,000 population``; a score has none)."""
    rows = [["Geographical Code", "Geographical Description", "ONS Code", "ASCOF Measure Code", "Disaggregation Level",
             "Measure Type", "Measure Value", "Measure Group Description"]]
    for n in range(councils):
        for code, outcome, numerator, denominator in (("1C2A", 26.6 + n % 7, 118 + n, 444 + n),
                                                      ("2A1", 13.3 + n % 5, 21 + n, 160_949 + n), ("1A", 19.1, None, None)):
            for kind, value in (("Outcome", outcome), ("Numerator", numerator), ("Denominator", denominator)):
                if value is not None:
                    rows.append([100 + n, f"Council {n}", f"E0600{n:04}", code, "Total", kind, value, _ASCOF[code]])
    return rows


def test_an_outcome_takes_the_unit_its_description_names(tmp_path, cell_by_cell):
    """The old reading left every ASCOF outcome with no unit (26.6 not a percentage, 13.3 not a rate per
    100,000); a numerator or denominator of it is no percentage."""
    book = write_xlsx(tmp_path / "ascof.xlsx", {"in": _ascof(2)})
    table = read_file(book).tables[0]
    read = {o.cell: (o.value, o.unit) for o in table.observations if o.measure == "Measure Value"}
    assert read["G2"] == (26.6, "percent") and read["G3"][1] is None and read["G4"][1] is None
    assert read["G5"] == (13.3, "number") and read["G6"] == (21, None) and read["G7"] == (160_949, None)
    assert read["G8"] == (19.1, None)
    assert any("column H gives each row's unit where its description names one" in line
               for line in table.report.to_dict()["assumptions"])
    _, fast = _read_both_ways(write_xlsx(tmp_path / "long.xlsx", {"in": _ascof(200)}), cell_by_cell)
    outcomes = [o for o in fast.observations if o.measure == "Measure Value" and o.section.endswith("Outcome")]
    assert len(outcomes) == 600 and {o.unit for o in outcomes} == {"percent", "number", None}


def test_every_label_naming_its_own_unit_is_found_by_a_batchs_quick_test():
    """A batch of a money table's labels is matched label by label only where their joined text may hold
    one naming its own unit (:func:`may_name_own_unit`): the quick test misses none."""
    import random

    from memberpack.model.units import may_name_own_unit, own_unit

    rnd = random.Random(3)
    words = ["-", "Average", "avg.", "Unit", "cost", "Costs", "per", "week", "FYEs", "FYE", "Full year", "equivalents",
             "Number", "No.", "Nos", "of", "placements", "(£ per week)", "£/wk", "Net", "Gross", "weekly", "Residential"]
    found = 0
    for _ in range(20_000):
        label = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 5)))
        if own_unit(label) is not None:
            found += 1
            assert may_name_own_unit(label.lower()), label
    assert found > 500
