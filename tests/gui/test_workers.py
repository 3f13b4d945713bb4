"""Background jobs: outcomes reach the GUI thread in order, and a job whose window is closed while
its work runs tells nobody and brings nothing down (the worker thread must never touch it)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from memberpack.errors import MemberpackError
from memberpack.gui.workers import Job, pool


def _wait_idle(qtbot) -> None:
    qtbot.waitUntil(lambda: pool().activeThreadCount() == 0, timeout=10_000)
    qtbot.wait(20)   # the queued outcomes


def test_outcome_arrives_in_order_in_the_gui_thread(qtbot):
    owner = QObject()
    heard = []
    job = Job(lambda progress, _cancel: (progress(1, 2, "half"), 42)[1], owner)
    gui_thread = threading.get_ident()
    job.progressed.connect(lambda d, t, m: heard.append(("progressed", d, t, m)))
    job.succeeded.connect(lambda result: heard.append(("succeeded", result, threading.get_ident() == gui_thread)))
    job.finished.connect(lambda: heard.append(("finished",)))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    assert heard == [("progressed", 1, 2, "half"), ("succeeded", 42, True), ("finished",)]


def test_failure_is_one_line_and_a_job_with_no_owner_still_reports(qtbot):
    def fails(_progress, _cancel):
        raise MemberpackError("The pack is locked by another memberpack.")

    job = Job(fails)   # no Qt parent: held until it has finished
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        job.start()
    assert failed.args == ["The pack is locked by another memberpack."]


def test_a_job_whose_owner_closes_while_it_runs_tells_nobody(qtbot):
    release = threading.Event()
    owner = QObject()
    heard = []
    job = Job(lambda progress, _cancel: (release.wait(10), progress(1, 1, "done"), "result")[2], owner)
    job.progressed.connect(lambda *a: heard.append(a))
    job.finished.connect(lambda: heard.append("finished"))
    job.start()
    shiboken6.delete(owner)   # the window closed: its job goes with it
    assert not shiboken6.isValid(job)
    release.set()
    _wait_idle(qtbot)
    assert heard == []
    follow = Job(lambda _p, _c: "next")
    with qtbot.waitSignal(follow.succeeded, timeout=10_000) as after:
        follow.start()
    assert after.args == ["next"]


def test_owners_closed_at_every_moment_of_a_chatty_job_bring_nothing_down(qtbot):
    """Many jobs emitting as fast as they can while their owners are deleted: the worker thread had
    emitted on the job itself, and one deleted during that emit crashed the app."""
    def chatty(progress, _cancel):
        for step in range(200):
            progress(step, 200, "reading")
        return "done"

    finished = []
    for round_ in range(60):
        owner = QObject()
        job = Job(chatty, owner)
        job.finished.connect(lambda: finished.append(1))
        job.start()
        qtbot.wait(round_ % 4)
        shiboken6.delete(owner)
        assert not shiboken6.isValid(job)
    _wait_idle(qtbot)
    assert len(finished) < 60   # the jobs queued behind the first were closed before they began


def test_a_job_still_running_as_the_app_closes_ends_quietly(qtbot, capfd, monkeypatch):
    from memberpack.gui import workers

    closing = workers._Relay()
    monkeypatch.setattr(workers, "_relays", [closing])
    shiboken6.delete(closing)   # what the interpreter's exit does to the relay under a running job
    Job(lambda _p, _c: "late").start()
    _wait_idle(qtbot)
    assert capfd.readouterr().err == ""
