"""`memberpack ... | head`: a reader that stops early gets no traceback on the terminal."""

import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_output_cut_short_by_its_reader_prints_no_traceback(tmp_path):
    files = [str(p) for p in sorted(SAMPLES.glob("*.xlsx"))[:3]]
    proc = subprocess.Popen([sys.executable, "-m", "memberpack", "import", str(tmp_path / "x.mpack"), *files, "--dry-run"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()  # as `| head` does once it has its lines
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert not (tmp_path / "x.mpack").exists()  # a dry run writes nothing, cut short or not
