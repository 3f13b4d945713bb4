"""A monthly return with its months down the rows and a YTD and a Target row under them is charted
over time, each measure a line, and told month on month; it had been drawn as a bar chart of months
and the Target row ("% reviews on time: highest for Target, at 75%")."""

import datetime as dt

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.charts import LINE
from memberpack.model.observation import Dataset


def test_months_down_the_rows_are_a_series_without_the_ytd_and_target_rows(tmp_path):
    rows = [["Adult Social Care monthly return 2024/25"], [],
            ["Month", "New requests for support", "Reviews completed", "Reviews on time %"]]
    figures = [(410, 300, 71), (395, 310, 74), (430, 280, 69), (450, 295, 70), (380, 305, 72), (470, 290, 66)]
    rows += [[dt.datetime(2024, month, 1), *f] for month, f in zip(range(4, 10), figures)]
    rows += [["YTD", 2535, 1780, 70.3], ["Target", None, 1800, 75]]
    table, = read_file(write_xlsx(tmp_path / "m.xlsx", {"Data": rows})).tables
    ds = Dataset("Return", "m.xlsx", "0" * 64, "Data", "A3:D11", table.layout.kind, key="r")
    specs = charts_for(ds, list(table.observations))
    assert {spec.kind for spec in specs} == {LINE}
    assert all(spec.categories == ["Apr 2024", "May 2024", "Jun 2024", "Jul 2024", "Aug 2024", "Sep 2024"]
               for spec in specs)
    summaries = " ".join(spec.summary for spec in specs)
    assert "New requests for support: up 24% from 380 in Aug 2024 to 470 in Sep 2024" in summaries
    assert "Reviews on time %: down 6 points from 72% in Aug 2024 to 66% in Sep 2024" in summaries
    assert "Target" not in summaries and "YTD" not in summaries
