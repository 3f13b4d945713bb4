"""What a hold-out batch of files a council officer imports for a members' briefing pack taught
(tests/corpus: Defra's fly-tipping and local authority collected waste tables, DfE's care leavers staying
put, children missing from care and the looked-after time series, Ofsted's register of social care
providers, Trafford's senior salaries): shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _xlsx_table(path, rows, title="Data"):
    """The first table read from a one-sheet workbook of ``rows``."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return read_file(path).tables[0]


def test_a_registers_local_authority_and_region_columns_stay_with_each_row(tmp_path):
    """Ofsted's providers: each row's URN and type, then the council ("LA"), sector and region ("GOR")
    before the places. "LA" and "GOR" had been read as measures holding words, so a provider's places
    had lost which council's area it is in."""
    rows = [["URN", "Provision Type", "LA", "Sector", "GOR", "Max/Estimated Places"]]
    for i, (kind, la, sector, region) in enumerate([
            ("Children's Home", "Somerset", "Private", "South West"), ("Children's Home", "Somerset", "Local Authority", "South West"),
            ("Boarding School", "Bromley", "Private", "London"), ("Children's Home", "Trafford", "Private", "North West"),
            ("Independent Fostering Agency", "Trafford", "Voluntary", "North West"),
            ("Children's Home", "Camden", "Private", "London"), ("Boarding School", "Somerset", "Academy", "South West")]):
        rows.append([f"SC{40000 + i:06d}", kind, la, sector, region, 2 + i])
    table = _xlsx_table(tmp_path / "providers.xlsx", rows)
    by_cell = {o.cell: o for o in table.observations}
    home = by_cell["F5"]
    assert home.value == 5 and home.measure == "Max/Estimated Places"
    said = " / ".join(str(x) for x in (home.label, home.section))
    assert all(part in said for part in ("SC040003", "Children's Home", "Trafford", "Private", "North West"))
    assert not [o for o in table.observations if o.value is None and o.display in ("Somerset", "London")]

