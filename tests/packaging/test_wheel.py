"""The wheel a technical user installs (``pip install .``, ``pipx install``) carries the fonts, icons and
samples, so the demo pack, an import, the PDF and the app work from it, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = out.glob("memberpack-*.whl")
    return built


def test_wheel_carries_resources_and_samples(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("memberpack/resources/fonts/DejaVuSans.ttf", "memberpack/resources/icons/memberpack.png",
                   "memberpack/samples/01_budget_monitor_m6_2023-24.xlsx", "memberpack/samples/__init__.py",
                   "memberpack/__main__.py"):
        assert needed in names
    assert not any(name.startswith(("tests/", "benchmarks/", "memberpack/resources/packaging/")) for name in names)


def test_installed_wheel_runs_the_smoke_commands(wheel, tmp_path):
    """Installed into a fresh virtual environment (its dependencies taken from this one, so the test
    needs no download), the wheel's own ``memberpack`` command passes the bundle's smoke test."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies: this environment's packages, after the wheel's (a path in a .pth file is added
    # to sys.path as it is; the editable install's own .pth there is not run)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run([str(python), "-c", "import memberpack; print(memberpack.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(site))
    command = venv / ("Scripts/memberpack.exe" if sys.platform == "win32" else "bin/memberpack")
    done = subprocess.run([sys.executable, str(ROOT / "resources" / "packaging" / "smoke.py"), str(command)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok  ") == 5
