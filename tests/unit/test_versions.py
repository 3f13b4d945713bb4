"""Versions of a table in the order of the period they report, and a file already in the pack."""

from __future__ import annotations

import time

import pypdf
import pytest

from memberpack.analysis.annotation_targets import TargetResolver, find_figures, observation_target
from memberpack.analysis.headlines import headlines
from memberpack.assets import sample
from memberpack.cli import main
from memberpack.export.pdf import export_pdf
from memberpack.importers import engine, import_files
from memberpack.model.annotations import QUESTION, Annotation
from memberpack.model.periods import reported_order
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

M5, M6 = sample("00_budget_monitor_m5_2023-24.xlsx"), sample("01_budget_monitor_m6_2023-24.xlsx")


@pytest.mark.parametrize(("periods", "order"), [
    (["2023/24 Month 6", "2023/24 Month 5"], [1, 0]),                  # last month's return imported late
    (["2023/24 Month 5", "2023/24 Month 6"], [0, 1]),
    (["Q3 2020/21", "Q1 2021/22", "Q4 2020/21"], [0, 2, 1]),           # quarters across financial years
    (["2022/23 Month 12", "2022/23", "2023/24 Month 1"], [0, 1, 2]),   # the year ends with Month 12...
    (["2023/24 Month 1", "2022/23", "2022/23 Month 12"], [1, 2, 0]),   # ...so they keep their import order
    (["2021/22", "2020/21"], [1, 0]),
    (["Sep 2023", "Aug 2023"], [1, 0]),
    (["Month 6", "Month 5"], [1, 0]),                                  # no year anywhere: months still order
    (["2023/24 Month 6", "Month 5"], [0, 1]),                          # no year among dated: import order
    ([None, None, None], [0, 1, 2]),                                   # no periods: import order
    (["2023/24 Month 6", None, "2023/24 Month 5"], [2, 0, 1]),         # unknown: as late as what came before
    (["2023/24 Month 6", "2023/24 Month 6"], [0, 1]),                  # a corrected return replaces its period
])
def test_versions_are_ordered_by_the_period_they_report(periods, order):
    assert reported_order(periods) == order


def _budget_tiles(pack: Pack) -> tuple:
    b = headlines(pack).budget
    return b.budget, b.forecast, b.variance, b.label, b.source, b.period


def _headline_page(pdf) -> str:
    """The headline page's budget position: its tiles and sentence, up to the list of deficits
    (whose page references move with the pages)."""
    page = next(p.extract_text() for p in pypdf.PdfReader(pdf).pages if "Budget position" in p.extract_text())
    return page[page.index("Budget position"):page.index("\nReserves and deficits\n")]


def _note_on_placements_variance(pack: Pack) -> Annotation:
    (figure,) = find_figures(pack, "External Placements", measure="variance")
    note = Annotation(body="Why so high?", target=observation_target(*figure), kind=QUESTION)
    annotation_store.save(pack, note)
    return note


def test_an_older_return_imported_later_adds_history_and_changes_no_headline(tmp_path):
    with Pack.create(tmp_path / "m6.mpack") as alone:
        import_files(alone, [M6])
        note = _note_on_placements_variance(alone)
        tiles = _budget_tiles(alone)
        export_pdf(alone, tmp_path / "m6.pdf")
    assert tiles == (123_100_000, 135_500_000, 12_400_000, "Children, Families & Education Services Total",
                     "01_budget_monitor_m6_2023-24.xlsx, Budget Monitor", "2023/24 Month 6")
    assert (note.target.value, note.target.period) == (10_400_000, "2023/24 Month 6")  # £10.1m at Month 5

    with Pack.create(tmp_path / "both.mpack") as pack:
        import_files(pack, [M6])
        annotation_store.save(pack, note)
        import_files(pack, [M5])
        (latest,) = pack.datasets()
        history = pack.versions(latest.key)
        assert [(d.source_file[:2], d.version, d.period) for d in history] == [
            ("00", 2, "2023/24 Month 5"), ("01", 1, "2023/24 Month 6")]
        assert latest.id == history[-1].id and pack.previous_version(latest).id == history[0].id
        assert pack.previous_version(history[0]) is None
        assert _budget_tiles(pack) == tiles

        resolved = TargetResolver(pack).resolve(annotation_store.get(pack, note.uid))
        assert (resolved.dataset.id, resolved.stale, resolved.flag) == (latest.id, False, None)
        assert (resolved.observation.value, resolved.observation.cell) == (10_400_000, "D10")

        # what changed since the previous return: Month 6 now, Month 5 before
        changed = {(i.label, i.measure): (i.display, i.previous_display, i.change, i.period)
                   for i in headlines(pack).changes}
        assert changed[("Fostering & Permanence", "Month 6 Variance")] == (
            "(£0.7m)", "£0.0m", pytest.approx(-700_000), "2023/24 Month 6")
        assert changed[("Children, Families & Education Services Total", "Month 6 Variance")] == (
            "£12.4m", "£11.8m", pytest.approx(600_000), "2023/24 Month 6")
        export_pdf(pack, tmp_path / "both.pdf")
    assert _headline_page(tmp_path / "both.pdf") == _headline_page(tmp_path / "m6.pdf")
    page = _headline_page(tmp_path / "m6.pdf")
    assert "£12.4m\noverspend" in page and "Source: 01_" in page


def test_the_same_file_again_is_refused_with_the_date_unless_again(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    monkeypatch.setattr(engine, "now_iso", lambda: "2024-10-14T09:30:00+00:00")
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(M6)]) == 0
    capsys.readouterr()
    assert main(["import", pack, str(M5), str(M6)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == (
        "memberpack: 01_budget_monitor_m6_2023-24.xlsx: already in the pack, imported on 14/10/2024 at 10:30 "
        "(the same file; --again imports it again)")
    with Pack.open(pack) as opened:
        assert [d.source_file for d in opened.datasets(all_versions=True)] == ["01_budget_monitor_m6_2023-24.xlsx"]
    assert main(["import", pack, str(M6), "--again"]) == 0
    with Pack.open(pack) as opened:
        (latest,) = opened.datasets()
        assert [d.id for d in opened.versions(latest.key)] == [1, 2] and latest.id == 2
    monkeypatch.delenv("TZ")
    time.tzset()


def test_a_dry_run_of_a_file_already_in_the_pack_reads_it_and_says_so_with_the_date(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    monkeypatch.setattr(engine, "now_iso", lambda: "2024-10-14T09:30:00+00:00")
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(M6)]) == 0
    capsys.readouterr()
    assert main(["import", pack, str(M5), str(M6), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: nothing was written" in out
    warned = [line.strip() for line in out.splitlines() if "already in the pack" in line]
    assert warned == ["warning: already in the pack, imported on 14/10/2024 at 10:30 (the same file); the import "
                      "would stop here: --again imports it again"]
    assert out.index(warned[0]) > out.index(M6.name + ":") > out.index(M5.name + ":")   # under the file it is about
    assert main(["import", pack, str(M6), "--dry-run", "--again"]) == 0
    assert "(the same file); --again imports it again" in capsys.readouterr().out
    with Pack.open(pack) as opened:
        assert [d.source_file for d in opened.datasets(all_versions=True)] == [M6.name]
    monkeypatch.delenv("TZ")
    time.tzset()


def test_the_net_budget_stays_the_main_monitor_when_last_month_is_imported_after_a_sub_table(tmp_path):
    """Month 6, then the external placements sub-table, then Month 5: the headline is still the
    whole service's budget at Month 6, not the sub-table's £38.4m."""
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [M6, sample("02_external_placements_fostering_m6_2023-24.xlsx")])
        before = _budget_tiles(pack)
        import_files(pack, [M5])
        assert _budget_tiles(pack) == before
        assert before[:4] == (123_100_000, 135_500_000, 12_400_000, "Children, Families & Education Services Total")
        assert [d.source_file[:2] for d in pack.datasets()] == ["01", "02", "02"]
