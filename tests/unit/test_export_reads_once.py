"""A briefing of many tables: each table's figures are read from the pack once (the headlines,
comparisons and notes had read them again, three readings in all), and progress is told from the
first table read, so a long export shows it moving and can be cancelled at any point."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from memberpack.cli import main
from memberpack.errors import Cancelled
from memberpack.export.html_export import export_html
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.store.annotation_store import all_notes
from memberpack.store.pack import Pack


@pytest.fixture
def monitored(demo_pack, monkeypatch):
    """The demo pack, with every reading of a table's figures counted."""
    read: Counter = Counter()
    observations = Pack.observations

    def counted(self, dataset_id, **kwargs):
        read[dataset_id] += 1
        return observations(self, dataset_id, **kwargs)

    monkeypatch.setattr(Pack, "observations", counted)
    return demo_pack, read


def test_each_tables_figures_are_read_once(monitored, tmp_path):
    """Up to seven readings each; now once, and a second time only for a table with notes, whose
    targets the output version checks first (open statistics are read by area, as before)."""
    path, read = monitored
    with Pack.open(path) as pack:
        latest = {ds.id for ds in pack.datasets() if ds.kind != OPEN_STATISTICS}
        noted = {ds.id for ds in pack.datasets() if any(n.target.dataset_key == ds.key for n in all_notes(pack))}
        export_html(pack, tmp_path / "briefing.html")
    assert latest <= set(read) and latest - noted
    assert {i: n for i, n in read.items() if i in latest and n > (2 if i in noted else 1)} == {}


def test_progress_moves_while_the_tables_are_read_and_reaches_the_end(monitored, tmp_path):
    path, read = monitored
    told = []
    with Pack.open(path) as pack:
        export_html(pack, tmp_path / "briefing.html", progress=lambda done, total, _text: told.append((done, total, len(read))))
    assert told[0][2] < len(read) / 2   # told as the tables are read, not only once every one was
    assert [done / total for done, total, _ in told] == sorted(done / total for done, total, _ in told)
    assert told[-1][0] == told[-1][1]


def test_cancel_while_the_tables_are_read_writes_nothing(monitored, tmp_path):
    path, read = monitored
    with Pack.open(path) as pack, pytest.raises(Cancelled):
        export_html(pack, tmp_path / "briefing.html", cancel=lambda: len(read) >= 3)
    assert len(read) == 3 and not (tmp_path / "briefing.html").exists()


def test_the_command_shows_the_exports_progress_on_a_terminal(demo_pack, tmp_path, capsys, monkeypatch):
    """``memberpack export`` had said nothing until the file was written (a minute for 3,000 tables)."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["export", str(demo_pack), "-o", str(tmp_path / "briefing.html")]) == 0
    err = capsys.readouterr().err
    assert "Reading " in err and "(50%)" in err and "(100%)" in err and err.endswith("\r\033[K")
