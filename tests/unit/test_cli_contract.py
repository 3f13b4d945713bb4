"""DESIGN.md's command line, held to the letter: every command, exit status 0/1/2, ``import``
creating PACK, the JSON export's fields, and a pack creation killed outright cleaned up next time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from memberpack.cli import main
from memberpack.store.pack import Pack

JSON_FIELDS = ["file", "sha256", "sheet", "cell", "label", "section", "measure", "period", "value", "unit",
               "display", "status"]


def _csv(path, rows=2):
    path.write_text("Indicator,Q1\n" + "".join(f"Measure {i},{i}\n" for i in range(rows)), encoding="utf-8")
    return path


def _usage(argv, capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2, argv
    return capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["gui", "--nonsense"], ["demo"], ["import"], ["import", "p.mpack"], ["import", "p.mpack", "a.csv", "--kind", "x"],
    ["export", "p.mpack"], ["check"], ["notes"], ["notes", "export", "p.mpack"], ["notes", "merge", "p.mpack"],
    ["no-such-command"],
])
def test_every_command_used_wrongly_is_exit_2(argv, capsys):
    assert "usage: memberpack" in _usage(argv, capsys)


@pytest.mark.parametrize("out", ["briefing.txt", "briefing", "notes.docx"])
def test_an_output_memberpack_cannot_write_is_wrong_usage_before_the_pack_is_opened(tmp_path, capsys, out):
    err = _usage(["export", str(tmp_path / "missing.mpack"), "-o", str(tmp_path / out)], capsys)
    assert "choose an output ending .pdf, .html or .json" in err and "missing.mpack" not in err
    assert not (tmp_path / out).exists()


def test_import_creates_the_pack_and_export_json_has_the_designed_fields_in_order(tmp_path, capsys):
    pack = tmp_path / "new" / "p.mpack"
    pack.parent.mkdir()
    assert main(["import", str(pack), str(_csv(tmp_path / "kpi.csv"))]) == 0
    assert pack.is_file() and os.listdir(pack.parent) == ["p.mpack"]
    assert main(["export", str(pack), "-o", str(tmp_path / "out.json")]) == 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert list(doc) == ["pack", "observations", "annotations"]
    assert [list(o) for o in doc["observations"]] == [JSON_FIELDS, JSON_FIELDS]
    assert doc["observations"][1] | {"sha256": ""} == {
        "file": "kpi.csv", "sha256": "", "sheet": "kpi", "cell": "B3", "label": "Measure 1", "section": None,
        "measure": "Q1", "period": "Q1", "value": 1, "unit": "number", "display": "1", "status": None}


def test_import_into_a_folder_that_does_not_exist_is_one_line_exit_1(tmp_path, capsys):
    assert main(["import", str(tmp_path / "no" / "p.mpack"), str(_csv(tmp_path / "kpi.csv"))]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "p.mpack" in err[0] and "cannot create the pack" in err[0]


def test_demo_into_a_folder_that_does_not_exist_names_the_pack_asked_for(tmp_path, capsys):
    out = tmp_path / "no" / "demo.mpack"
    assert main(["demo", str(out)]) == 1
    (err,) = capsys.readouterr().err.strip().splitlines()
    assert err.startswith(f"memberpack: {out}: cannot create the pack")


def test_gui_with_no_display_is_one_line_exit_1_not_a_qt_abort(tmp_path, capsys, monkeypatch):
    if sys.platform.startswith(("win", "darwin")):
        pytest.skip("Windows and macOS always have a display for Qt")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["gui", str(tmp_path / "missing.mpack")]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"memberpack: {tmp_path / 'missing.mpack'}: no such pack file"]
    with Pack.create(tmp_path / "p.mpack"):
        pass
    assert main(["gui", str(tmp_path / "p.mpack")]) == 1
    (err,) = capsys.readouterr().err.strip().splitlines()
    assert "no display" in err and "memberpack --help" in err


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_what_an_import_killed_while_creating_the_pack_left_is_removed_next_time(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    dead, alive = _dead_pid(), os.getppid()
    stale = [tmp_path / f".p.mpack.{dead}.0badc0de.creating", tmp_path / f".p.mpack.{dead}.0badc0de.creating-journal"]
    working = tmp_path / f".p.mpack.{alive}.0123abcd.creating"    # another import, still running
    other = tmp_path / f".q.mpack.{dead}.0badc0de.creating"       # another pack's: not this run's to judge
    for path in (*stale, working, other):
        path.write_bytes(b"half a pack")
    assert main(["import", str(pack), str(_csv(tmp_path / "kpi.csv"))]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted([working.name, other.name])
    assert pack.is_file()


def test_what_a_save_killed_while_writing_an_output_left_is_removed_next_time(tmp_path):
    """A full-version PDF killed mid-write left its hidden .part (as sensitive as the PDF), and nothing
    removed it; the next export to that name removes those of writers that have gone."""
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_csv(tmp_path / "kpi.csv"))]) == 0
    dead, alive = _dead_pid(), os.getppid()
    stale = tmp_path / f".out.json.{dead}.0badc0de0000.part"
    working = tmp_path / f".out.json.{alive}.0123abcd0000.part"   # another export, still writing
    other = tmp_path / f".out.pdf.{dead}.0badc0de0000.part"         # another output's: left for its next write
    for path in (stale, working, other):
        path.write_bytes(b"NOT FOR PUBLICATION half a briefing")
    assert main(["export", str(pack), "-o", str(tmp_path / "out.json")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == sorted([working.name, other.name])


def test_kill_9_while_creating_a_pack_then_the_next_import_cleans_up(tmp_path):
    if os.name == "nt":
        pytest.skip("SIGKILL is POSIX")
    big = _csv(tmp_path / "big.csv", rows=60_000)
    pack = tmp_path / "p.mpack"
    command = [sys.executable, "-m", "memberpack", "import", str(pack), str(big)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    give_up = time.monotonic() + 60
    while not any(p.name.endswith(".creating") for p in tmp_path.iterdir()) and time.monotonic() < give_up:
        assert child.poll() is None, "the import ended before it could be killed"
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".p.mpack.")]
    assert left and not pack.exists()
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [] and pack.is_file()


def test_a_protected_pack_with_no_passphrase_to_hand_is_one_line_naming_it(tmp_path, capsys, monkeypatch):
    from memberpack.store.protection import Protection

    monkeypatch.delenv("MEMBERPACK_PASSPHRASE", raising=False)
    with Pack.create(tmp_path / "p.mpack") as pack:
        pack.protected_copy(tmp_path / "sent.mpack", Protection.new("sesame"))
    before = (tmp_path / "sent.mpack").read_bytes()
    sent = str(tmp_path / "sent.mpack")
    for argv in (["export", sent, "-o", str(tmp_path / "x.json")], ["import", sent, str(_csv(tmp_path / "k.csv"))],
                 ["check", sent]):
        assert main(argv) == 1
        (err,) = capsys.readouterr().err.strip().splitlines()
        assert err.startswith(f"memberpack: {tmp_path / 'sent.mpack'}: the pack is protected; a passphrase is needed")
    assert (tmp_path / "sent.mpack").read_bytes() == before and not (tmp_path / "x.json").exists()


def test_a_file_named_twice_in_one_import_is_one_line_exit_1_and_the_command_ends(tmp_path):
    """The second copy is refused half-way through its reading; its reader was left to the
    interpreter's exit, which then aborted ("could not acquire lock ... daemon threads", status 134)
    or hung for good."""
    kpi = _csv(tmp_path / "kpi.csv")
    command = [sys.executable, "-m", "memberpack", "import", str(tmp_path / "p.mpack"), str(kpi), str(kpi)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "kpi.csv: already in the pack" in done.stderr
    assert not (tmp_path / "p.mpack").exists()
