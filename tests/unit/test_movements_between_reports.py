"""Last month's monitor and this month's in one pack: the services whose variance moved the wrong way
are the headline's "Biggest adverse movements", though neither table has a movement column (it had
said "No service's forecast moved the wrong way since the last report" of a £600k worse forecast)."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.importers import import_files
from memberpack.store.pack import Pack

_BUDGETS = [("Children looked after placements", 30000), ("Children with disabilities", 8000),
            ("SEND transport", 12000), ("Early help", 5000)]


def _monitor(tmp_path, period: str, forecasts: list[int]):
    rows = [[f"Children's Services Revenue Budget Monitoring - {period}"], ["£000"], [],
            ["Service", "Budget", "Forecast Outturn", "Variance"]]
    rows += [[name, budget, forecast, forecast - budget] for (name, budget), forecast in zip(_BUDGETS, forecasts)]
    rows.append(["Total", sum(b for _, b in _BUDGETS), sum(forecasts), sum(forecasts) - sum(b for _, b in _BUDGETS)])
    return write_xlsx(tmp_path / f"{period}.xlsx", {"Monitor": rows})


def test_movements_are_told_against_last_months_report(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_monitor(tmp_path, "Period 8", [33000, 8100, 12900, 4800])])
        assert headlines(pack).adverse_movements == []   # one report: nothing to move from
        import_files(pack, [_monitor(tmp_path, "Period 9", [33600, 8050, 13400, 4700])])
        found = headlines(pack)
    assert [(i.label, i.measure, i.display) for i in found.adverse_movements] == [
        ("Children looked after placements", "Variance since Month 8", "£600k worse"),
        ("SEND transport", "Variance since Month 8", "£500k worse")]
    assert found.movements_period == "Month 9"
