"""`memberpack ... | head`: a reader that stops early gets no traceback on the terminal."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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



def _closing(fd):
    return lambda: os.close(fd)


@pytest.mark.parametrize("closed", [1, 2], ids=["stdout closed", "stderr closed"])
def test_an_import_with_its_output_closed_is_done(tmp_path, closed):
    """`memberpack import ... >&-` ended in a traceback (AttributeError on None), and with `2>&-` the
    import failed without a word (the progress asked a missing stderr whether it was a terminal)."""
    pack = tmp_path / "p.mpack"
    proc = subprocess.run([sys.executable, "-m", "memberpack", "import", str(pack),
                           str(SAMPLES / "04_suspensions_exclusions_by_month.xlsx")],
                          stdout=subprocess.DEVNULL if closed == 2 else None, stderr=subprocess.PIPE if closed == 1 else None,
                          preexec_fn=_closing(closed), cwd=tmp_path, timeout=300)
    assert proc.returncode == 0
    assert closed == 2 or b"Traceback" not in proc.stderr, proc.stderr
    assert pack.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk_is_one_line(tmp_path):
    """`memberpack notes list PACK > file-on-a-full-disk` ended in an OSError traceback."""
    from memberpack.model.annotations import Annotation
    from memberpack.store import annotation_store
    from memberpack.store.pack import Pack

    with Pack.create(tmp_path / "p.mpack") as pack:
        annotation_store.save(pack, Annotation("ask about the overspend"))
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "memberpack", "notes", "list", str(tmp_path / "p.mpack")],
                              stdout=full, stderr=subprocess.PIPE, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "cannot be written" in err and "No space left on device" in err, err
