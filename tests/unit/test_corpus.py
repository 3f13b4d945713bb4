"""Real published files (tests/corpus): every file imports, and the figures checked by hand are read right.

The expected figures are in tests/corpus/expected.csv and the scoring in tests/corpus/score.py
(run it directly for the list of misread figures). The files are other people's publications, kept
byte for byte in tests/corpus/files under the Open Government Licence (see tests/corpus/SOURCES.md).
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("corpus_score", Path(__file__).parents[1] / "corpus" / "score.py")
score = importlib.util.module_from_spec(_SPEC)
sys.modules["corpus_score"] = score   # dataclasses look their module up while the class is made
_SPEC.loader.exec_module(score)


pytestmark = pytest.mark.slow   # 10-20 s: every file of the corpus is read (in this process)


@pytest.fixture(scope="module")
def scores():
    directory = score.corpus_dir()
    if directory is None:
        pytest.skip("the corpus files are not here (tests/corpus/files, ../shared/corpus or $MEMBERPACK_CORPUS)")
    missing = sorted({r["file"] for r in score.load_expected()} - {p.name for p in directory.iterdir()})
    assert not missing, f"corpus files missing from {directory}: {missing}"
    return score.score_corpus(directory)


def test_the_corpus_is_as_described():
    """At least 40 files and at least 4 figures each, every figure a value or a mark as written."""
    rows = score.load_expected()
    per_file: dict[str, list[dict]] = {}
    for r in rows:
        per_file.setdefault(r["file"], []).append(r)
        assert (r["value"] == "") != (r["mark"] == ""), f"{r['file']} {r['cell']}: a value or a mark, not both"
    assert len(per_file) >= 40
    assert all(len(v) >= 4 for v in per_file.values()), [k for k, v in per_file.items() if len(v) < 4]


def test_the_corpus_files_are_the_published_bytes():
    """Each file is byte for byte the one named in SOURCES.md (tests/corpus/files.sha256)."""
    directory = score.corpus_dir()
    if directory is None:
        pytest.skip("the corpus files are not here")
    listed = dict(line.split()[::-1] for line in (score.HERE / "files.sha256").read_text().splitlines())
    assert set(listed) == {r["file"] for r in score.load_expected()}
    changed = [name for name, digest in listed.items()
               if hashlib.sha256((directory / name).read_bytes()).hexdigest() != digest]
    assert not changed


def test_every_corpus_file_imports_without_a_crash(scores):
    crashed = {s.file: s.crash for s in scores if s.crash}
    assert not crashed


def test_no_misread_figure_in_a_table_read_without_doubt(scores):
    wrong = [f"{s.file} {c.row['sheet']}!{c.row['cell']}: {c.why}" for s in scores for c in s.wrong_confident]
    assert not wrong, "\n".join(wrong[:40])


def test_corpus_score_is_at_least_95_percent(scores, capsys):
    total = sum(len(s.checks) for s in scores)
    right = sum(s.right for s in scores)
    with capsys.disabled():
        print("\n" + "\n".join(score.table_lines(scores)))
    assert right / total >= score.TARGET, "\n".join(score.misread_lines(scores)[:60])
