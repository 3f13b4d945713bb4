"""The shared-strings scan of a legacy .xls reads its workbook stream as olefile reads it."""

from pathlib import Path

import olefile
import pytest
from awkward_workbooks import write_xls

from memberpack.importers import xls_strings

CORPUS = Path(__file__).parents[1] / "corpus" / "files"
FRAGMENTED = CORPUS / "mhclg_RS_2014-15_data_by_LA.xls"   # its workbook stream: 27 runs of sectors


def _both(path: Path) -> tuple[bytes, bytes]:
    with olefile.OleFileIO(str(path)) as ole:
        return xls_strings._workbook_stream(ole), ole.openstream("Workbook").read()


def test_a_workbook_stream_read_by_runs_of_sectors_is_olefile_s(tmp_path):
    written = write_xls(tmp_path / "budget.xls", {"Budget": [["Service", "Budget £k"]]
                                                  + [[f"Line {i}", i * 1.5] for i in range(2_000)]})
    ours, olefiles = _both(written)
    assert len(ours) > 4_096 and ours == olefiles


@pytest.mark.skipif(not FRAGMENTED.exists(), reason="corpus file")
def test_a_workbook_stream_in_many_runs_of_sectors_is_read_whole(monkeypatch):
    ours, olefiles = _both(FRAGMENTED)
    assert ours == olefiles
    monkeypatch.setattr(xls_strings, "_MOST_RUNS", 3)   # too many runs: read by olefile
    ours, olefiles = _both(FRAGMENTED)
    assert ours == olefiles

