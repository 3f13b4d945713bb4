"""Smoke-test an installed memberpack the way a councillor's laptop runs it.

``python resources/packaging/smoke.py COMMAND...`` runs the given memberpack command (a bundled executable,
or a wheel's console script) with no Python on PATH, a fresh home and config folder, and no display:
``--version``, ``demo``, ``import`` of a sample workbook, ``export`` of a PDF, ``gui --smoke``; each is
checked for its output, and nothing may be written beside the executable. Used by ``make dist-check``, the wheel test and the release workflow, so
every platform runs the same checks. Exits 1 naming the first step that failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memberpack import __version__

SAMPLE = "01_budget_monitor_m6_2023-24.xlsx"


def _environment(home: Path) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP") if k in os.environ}
    return keep | {"PATH": str(home / "no-python-here"), "HOME": str(home), "USERPROFILE": str(home),
                   "APPDATA": str(home / "AppData"), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                   "MEMBERPACK_CONFIG_DIR": str(home / "config")}


def _run(command: list[str], args: list[str], env: dict[str, str], cwd: Path) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run([*command, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"smoke: `{' '.join(args)}` failed with exit {done.returncode}: "
                         f"{(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return done.stdout + done.stderr, elapsed


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


def smoke(command: list[str], sample: Path) -> dict[str, float]:
    """Run every check; returns the seconds each took (whole processes, from launch). Nothing may be
    written beside the executable (an installed app's folder is read-only to its user)."""
    timings = {}
    app_folder = Path(command[0]).parent
    before = _files(app_folder)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _environment(home)
        checks = (
            ("version", ["--version"], lambda out: f"memberpack {__version__}" in out),
            ("demo", ["demo", "demo.mpack"], lambda out: (home / "demo.mpack").stat().st_size > 100_000),
            ("import", ["import", "new.mpack", str(sample)],
             lambda out: "figures read" in out),
            ("export", ["export", "demo.mpack", "-o", "briefing.pdf"],
             lambda out: (home / "briefing.pdf").read_bytes().startswith(b"%PDF")),
            ("gui --smoke", ["gui", "demo.mpack", "--smoke"], lambda out: "first paint after" in out),
        )
        for name, args, ok in checks:
            out, timings[name] = _run(command, args, env, home)
            if not ok(out):
                raise SystemExit(f"smoke: `{name}` ran but its output is not as expected: {out.strip()[:300]}")
            print(f"ok  {name:12} {timings[name]:.2f} s")
    written = _files(app_folder) - before
    if written:
        raise SystemExit(f"smoke: the app wrote beside its executable: {sorted(map(str, written))[:5]}")
    return timings


def startup_against_source(command: list[str], runs: int = 3) -> None:
    """Print the bundle's start-up (``gui --smoke``, whole process, best of ``runs``) against the
    same from the source checkout run by this Python."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _environment(home)
        _run(command, ["demo", "demo.mpack"], env, home)
        best = {}
        for name, cmd in (("bundle", command), ("source", [sys.executable, "-m", "memberpack"])):
            best[name] = min(_run(cmd, ["gui", "demo.mpack", "--smoke"], env, home)[1] for _ in range(runs))
    print(f"start-up to first paint, whole process: bundle {best['bundle']:.2f} s, source {best['source']:.2f} s "
          f"({best['bundle'] / best['source']:.2f}x)")


def main(argv: list[str]) -> int:
    against_source = "--against-source" in argv
    argv = [a for a in argv if a != "--against-source"]
    if not argv:
        print("usage: smoke.py COMMAND... [--against-source]", file=sys.stderr)
        return 2
    command = [str(Path(argv[0]).resolve()), *argv[1:]]
    smoke(command, Path(__file__).resolve().parents[2] / "samples" / SAMPLE)
    if against_source:
        startup_against_source(command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
