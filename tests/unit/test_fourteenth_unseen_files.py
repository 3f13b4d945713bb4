"""What a fourteenth batch of published files nobody here had seen taught (tests/corpus: NHS Digital's
personal social services activity by council 2009-10 and unit costs by council 2012-13)."""

from memberpack.importers import read_file
from memberpack.model.units import find_unit


def _unit_costs_csv(path):
    """The unit costs annex's shape: a title naming the year, a header of measure, code and
    numerator / denominator / unit cost, councils as '102 - Cumbria', England's total under them."""
    rows = ['"Personal Social Services: Expenditure and Unit Costs, England - 2012-13: Unit Costs by CASSR",,,,,',
            ",,,,,",
            ",Gross total cost for home care during year ended 31 March (£000's),The total number of weeks of care,"
            "Average gross weekly expenditure per person on home care,Number of older people receiving meals at 31 March,"
            "Average gross weekly expenditure on meals per older person",
            ",2.1,2.1,2.1,2.56,2.56",
            ",Numerator,Denominator,Unit Cost,Denominator,Unit Cost"]
    names = ["Cumbria", "Northumberland", "Gateshead", "Newcastle upon Tyne", "North Tyneside", "South Tyneside",
             "Sunderland", "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton on Tees", "Darlington"]
    for i, name in enumerate(names):
        rows.append(f'{102 + i} - {name},"{126 + i},524",{241 + i}176,524.{i},{100 + i},19.{i}')
    rows.append('TOTAL England,"11,186,375","18,593,556",601.6,"30,010",34.6')
    path.write_text("\n".join(rows) + "\n", encoding="cp1252")
    return path


def test_expenditure_per_person_is_money_and_a_year_ended_31_march_is_the_tables_year(tmp_path):
    """'Average gross weekly expenditure per person' had been read as a count (the table's count columns
    lent it theirs) and 'during year ended 31 March' as March 2013 under a title of 2012-13."""
    table = read_file(_unit_costs_csv(tmp_path / "unit_costs.csv")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["B6"].unit, by_cell["B6"].value, by_cell["B6"].period) == ("GBP", 126524000, "2012/13")
    assert (by_cell["D6"].unit, by_cell["D6"].value) == ("GBP", 524.0)
    assert by_cell["F6"].unit == "GBP" and by_cell["E6"].unit != "GBP"   # people receiving meals: not money
    assert find_unit("Average gross expenditure per day care or day services client").symbol == "£"
    assert find_unit("Expenditure and Unit Costs, England") is None   # a title: no unit of its figures
    assert find_unit("Spend per 1,000 population").symbol == "per 1,000"


def test_a_group_written_again_on_the_next_page_spans_its_columns_each_time(tmp_path):
    """NHS Digital's activity annex 2008-09 writes 'Receiving services at 31 March 2009' over ten columns and
    again over the next nine (a group repeated at each printed page): taken for a stacked word repeated
    along the row, it had spanned nothing, so 'day care' lost it and was dated 2008/09, not March 2009."""
    group = "Receiving services at 31 March 2009"
    leaves = ["18-64 home care", "18-64 day care", "18-64 meals", "65+ home care", "65+ day care", "65+ meals"]
    rows = ["Activity Data 2008-09,,,,,,,", f",,Clients with completed assessments,{group},,,{group},,",
            ",," + ",".join(["Completed reviews", *leaves])]
    names = ["Barnsley", "Birmingham", "Bolton", "Bradford", "Bury", "Calderdale", "Coventry", "Doncaster",
             "Dudley", "Gateshead", "Kirklees", "Knowsley"]
    rows += [f"{204 + i},{name},{8130 + i},{510 + i},{300 + i},{40 + i},{4820 + i},{365 + i},{90 + i}"
             for i, name in enumerate(names)]
    path = tmp_path / "activity.csv"
    path.write_text("\n".join(rows) + "\n")
    by_cell = {o.cell: o for o in read_file(path).tables[0].observations}
    assert by_cell["E5"].measure == f"{group} 18-64 day care" and by_cell["E5"].period == "Mar 2009"
    assert by_cell["H5"].measure == f"{group} 65+ day care" and by_cell["H5"].period == "Mar 2009"
    assert by_cell["C5"].measure == "Clients with completed assessments Completed reviews"
