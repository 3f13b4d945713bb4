"""Monthly figures by academic year: the latest month is set against the same month a year before."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.importers import import_files
from memberpack.store.pack import Pack

HEADER = ["Suspensions", "Sep", "Oct", "Nov", "Dec", "Jan"]


def _worse(tmp_path, latest_january):
    book = write_xlsx(tmp_path / "suspensions.xlsx", {"Suspensions": [
        HEADER,
        ["Suspensions 2021 - 2022", 551, 580, 1105, 585, 778],
        ["Suspensions 2022 - 2023", 667, 849, 1216, 638, latest_january],
    ]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book], kind="time_series")
        return headlines(pack).worse_kpis


def test_january_above_december_but_below_last_january_is_not_worse(tmp_path):
    assert _worse(tmp_path, 700) == []


def test_january_above_last_january_is_worse(tmp_path):
    (item,) = _worse(tmp_path, 800)
    assert (item.label, item.measure, item.display, item.previous_display, item.change) == (
        "Suspensions 2022 - 2023", "Jan 2023", "800", "778", 22)
    assert item.period == "Jan 2023" and item.cell == "F3"
