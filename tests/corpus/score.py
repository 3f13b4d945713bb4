"""Score memberpack's reading of the corpus of real published files against figures checked by hand.

``python tests/corpus/score.py [--misread] [--file NAME ...] [--readme]`` prints one line per file
(figures, right, wrong, not read, score), with ``--misread`` every figure read wrong or not at all and
why, and with ``--readme`` writes the table into README.md ("Real published files").

Each expected figure (``expected.csv``) names its file, sheet and cell, the row label, the other
identifying values of its row (``keys``, ``|``-separated), the measure (column header), the period
and the value in base units (pounds, not thousands; percent 0-100) or the mark as written (``x``,
``[c]``, ``..``), and its unit. A figure is right when the observation read from that cell has that
value (or that mark, with no value) and its label, keys, measure and period match, and money (``GBP``)
and percentages are read as such: a money column read as a count is wrong even where the pounds are
right, as is a count read as money. Matching of names is by words,
so "Children's social care: Other children and family services" matches a measure read as "Other
children and family services" under the group "Children's Social Care".

The files are in ``tests/corpus/files/`` (published under the Open Government Licence; SOURCES.md
gives each one's source); ``$MEMBERPACK_CORPUS`` points the scoring at another copy.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected.csv"
TARGET = 0.95
# Fields of an observation that say what a figure is, besides its value: whatever the importer
# keeps of a row's identifying columns (label, area, section, period, and any key fields it adds).
_NOT_IDENTIFYING = {"value", "unit", "display", "status", "row_role", "sheet", "cell", "row", "col", "metric_id", "id"}
_STOP = {"the", "of", "and", "a", "an", "in", "on", "at", "to", "for", "by", "with", "s", "number", "percentage", "per",
         "cent", "total"}


def corpus_dir() -> Path | None:
    """Where the corpus files are: the first of $MEMBERPACK_CORPUS, tests/corpus/files, ../shared/corpus."""
    candidates = [os.environ.get("MEMBERPACK_CORPUS", ""), HERE / "files", HERE.parents[2] / "shared" / "corpus"]
    for c in candidates:
        if c and Path(c).is_dir() and any(Path(c).iterdir()):
            return Path(c)
    return None


def load_expected(path: Path = EXPECTED) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _norm(text) -> str:
    """Lower-case words: camelCase and snake_case split, punctuation dropped."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(text or ""))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _compact(text) -> str:
    return _norm(text).replace(" ", "")


def _words(text) -> set[str]:
    """The words of a name, footnote digits stuck to a word dropped on both sides ("UPN4", "KS1" -> upn, ks)."""
    return {re.sub(r"(?<=[a-z])\d{1,2}$", "", w) for w in _norm(text).split() if w not in _STOP}


def _fields(obs) -> dict[str, object]:
    names = getattr(obs, "__dataclass_fields__", None) or getattr(obs, "__dict__", {})
    return {n: getattr(obs, n, None) for n in names}


def _identifying_texts(obs) -> list[str]:
    """Every identifying value the observation carries (label, area, section, period, keys...)."""
    out = []

    def add(v):
        if v is None:
            return
        if isinstance(v, dict):
            for x in v.values():
                add(x)
        elif isinstance(v, (list, tuple, set)):
            for x in v:
                add(x)
        else:
            out.append(str(v))
            if " / " in str(v):   # a section joins the row's keys with " / ": each part is one of them
                out.extend(str(v).split(" / "))

    for name, v in _fields(obs).items():
        if name not in _NOT_IDENTIFYING and name != "measure":
            add(v)
    return out


def _mark(text) -> str:
    """A mark as written, without brackets and case: ``[c]`` -> ``c``."""
    return str(text or "").strip().strip("[]").strip().lower()


@dataclass
class Check:
    row: dict
    verdict: str = ""      # right, wrong, missing
    why: str = ""
    confident: bool = True
    got: str = ""
    unit: str = ""         # the unit read, for a figure read right


@dataclass
class FileScore:
    file: str
    checks: list[Check] = field(default_factory=list)
    crash: str = ""
    seconds: float = 0.0
    verdicts: dict = field(default_factory=dict)

    @property
    def right(self) -> int:
        return sum(c.verdict == "right" for c in self.checks)

    @property
    def wrong_confident(self) -> list[Check]:
        return [c for c in self.checks if c.verdict == "wrong" and c.confident]


def _value_matches(row: dict, obs) -> str:
    """'' when the value (or mark) is right, else why not."""
    if row["mark"]:
        if obs.value is not None:
            return f"mark {row['mark']!r} read as the value {obs.value!r}"
        shown = {_mark(obs.display), _mark(obs.status)}
        if _mark(row["mark"]) not in shown and not any(_mark(row["mark"]) == _mark(s) for s in str(obs.status or "").split()):
            return f"mark {row['mark']!r} read as display {obs.display!r} status {obs.status!r}"
        return ""
    want = float(row["value"])
    if obs.value is None:
        return f"value {want:g} read as no value (display {obs.display!r}, status {obs.status!r})"
    got = float(obs.value)
    if not math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-6):
        return f"value {want:g} read as {got:g}"
    return ""


# Units whose confusion changes what a figure means: money read as a count (or a count as money), a
# share read as a plain number. Counts, numbers, rates and durations are not told apart here.
_STRICT_UNITS = {"GBP", "percent"}


def _unit_matches(row: dict, obs) -> str:
    """'' when the unit is right for a figure (money and percentages must be read as such), else why not."""
    want, got = (row.get("unit") or "").strip(), str(getattr(obs, "unit", None) or "")
    if row["mark"] or not want or not got or want == got:   # no unit read: not known, not wrong (see unit_unknown)
        return ""
    if want in _STRICT_UNITS or got in _STRICT_UNITS:
        return f"unit {want!r} read as {got or None!r}"
    return ""


def unit_unknown(scores: list[FileScore]) -> list[Check]:
    """Figures read right whose money or percent unit was not read at all (the importer did not say)."""
    return [c for s in scores for c in s.checks
            if c.verdict == "right" and c.row.get("unit") in _STRICT_UNITS and not c.row["mark"] and not c.unit]


def _names_match(row: dict, obs) -> str:
    """'' when label, keys, measure and period match, else why not."""
    ident = _identifying_texts(obs)
    ident_compact = {_compact(t) for t in ident}
    ident_words = set().union(*(_norm(t).split() for t in ident)) if ident else set()
    label = _compact(row["label"])
    got_label = _compact(obs.label)
    keys = [k.strip() for k in row["keys"].split("|") if k.strip()]
    named_keys = {_compact(k) for k in keys if re.search(r"[a-z] |[a-z]{3}", k)}   # names, not codes
    if label and not (label == got_label or (len(label) >= 3 and label in got_label)
                      or (len(got_label) >= 3 and got_label in label)
                      or (got_label in named_keys and label in ident_compact)):
        return f"label {row['label']!r} read as {obs.label!r}"
    for key in keys:
        k = _compact(key)
        if k not in ident_compact and not (" " not in _norm(key) and _norm(key) in ident_words):
            if not any(len(k) >= 4 and k in t for t in ident_compact):
                return f"key {key!r} not kept (identifying values read: {sorted(set(ident))[:6]})"
    want = _words(row["measure"])
    have = _words(obs.measure) | _words(obs.section) | ident_words
    if want:
        found = len(want & have) / len(want)
        if found < 0.6 or all(w.isdigit() for w in _norm(obs.measure).split()):   # a bare year names no measure
            return f"measure {row['measure']!r} read as {obs.measure!r}"
    if row["period"]:
        want = _periods(row["period"])[:1]
        own = set(_periods(obs.period))   # the figure's own period first: a year in its measure is no excuse
        have = own or {p for t in [obs.measure, obs.section] + ident for p in _periods(t)}
        if want and not _period_found(want[0], have):
            return f"period {row['period']!r} read as {obs.period!r}"
    return ""


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:(?:\s*(?:[-/–]|to)\s*|(?=\d\d(?!\d)))((?:19|20)?\d\d)(?!\d))?")


def _periods(text) -> list[str]:
    """Years and two-year periods in a text, as ``2019`` or ``2019/20`` ("2019-20", "2019 to 2020", "201920")."""
    out = []
    for m in _YEAR.finditer(str(text or "")):
        start, end = m.group(1), m.group(2)
        if end and int(end[-2:]) == (int(start) + 1) % 100:
            out.append(f"{start}/{end[-2:]}")
        else:
            out.append(start)
    return out


def _period_found(want: str, have: set[str]) -> bool:
    """A two-year period must be found as such; a single year also in a two-year period it starts or ends."""
    if want in have:
        return True
    return "/" not in want and any(p.startswith(want + "/") or (p[:2] + p[-2:] == want and "/" in p) for p in have)


def _verdict_of(table) -> str:
    """The table's verdict as the importer gives it ('' when it gives none yet)."""
    report = table.report
    v = getattr(report, "verdict", None)
    if v is None and hasattr(report, "to_dict"):
        v = report.to_dict().get("verdict")
    if isinstance(v, dict):
        v = v.get("verdict") or v.get("kind") or ""
    return str(getattr(v, "value", v) or "")


def score_file(path: Path, rows: list[dict]) -> FileScore:
    from memberpack.importers import read_file

    result = FileScore(path.name)
    start = time.perf_counter()
    try:
        read = read_file(path)
    except Exception as exc:  # the corpus records crashes; it must not stop the scoring
        result.crash = f"{type(exc).__name__}: {exc}"
        read = None
    result.seconds = time.perf_counter() - start
    at: dict[tuple[str, str], list[tuple[object, str]]] = defaultdict(list)
    if read is not None:
        for table in read.tables:
            verdict = _verdict_of(table)
            key = f"{table.report.sheet}!{table.report.cell_range}"
            result.verdicts[key] = verdict or "(none)"
            for obs in table.observations:
                at[(obs.sheet.lower(), obs.cell)].append((obs, verdict))
    is_csv = path.suffix.lower() == ".csv"
    for row in rows:
        check = Check(row)
        result.checks.append(check)
        sheet = path.stem.lower() if is_csv else row["sheet"].lower()
        found = at.get((sheet, row["cell"]))
        if not found and is_csv:
            found = [x for (s, c), xs in at.items() if c == row["cell"] for x in xs]
        if not found:
            check.verdict, check.why = "missing", "no figure read from this cell" + (f" ({result.crash})" if result.crash else "")
            continue
        reasons = []
        for obs, verdict in found:
            why = _value_matches(row, obs) or _unit_matches(row, obs) or _names_match(row, obs)
            if not why:
                check.verdict, check.confident = "right", "unsure" not in verdict.lower()
                check.unit = str(getattr(obs, "unit", None) or "")
                break
            reasons.append((why, obs, verdict))
        else:
            why, obs, verdict = reasons[0]
            check.verdict, check.why = "wrong", why
            check.confident = "unsure" not in verdict.lower()
            check.got = f"label={obs.label!r} measure={obs.measure!r} period={obs.period!r} value={obs.value!r} " \
                        f"display={obs.display!r} status={obs.status!r} unit={obs.unit!r} verdict={verdict or '(none)'}"
    return result


def score_corpus(directory: Path, only: list[str] | None = None, *, in_child: bool = False,
                 expected: Path = EXPECTED) -> list[FileScore]:
    """Score every file (or those whose name contains one of ``only``).

    The app reads each file in a limited child process; the figures are the same in this process
    (``in_child=False``, the default), where the whole corpus reads in a third of the time.
    """
    from memberpack.importers import engine

    by_file: dict[str, list[dict]] = defaultdict(list)
    for row in load_expected(expected):
        by_file[row["file"]].append(row)
    scores = []
    was, engine.READ_IN_CHILD = engine.READ_IN_CHILD, in_child
    try:
        for name, rows in by_file.items():
            if not only or any(o in name for o in only):
                scores.append(score_file(directory / name, rows))
    finally:
        engine.READ_IN_CHILD = was
    return scores


def table_lines(scores: list[FileScore]) -> list[str]:
    """The per-file score table, as Markdown."""
    lines = ["| file | figures | right | wrong (confident) | not read | score |", "|---|---:|---:|---:|---:|---:|"]
    for s in scores:
        n = len(s.checks)
        wrong = sum(c.verdict == "wrong" for c in s.checks)
        missing = sum(c.verdict == "missing" for c in s.checks)
        crash = " (crash)" if s.crash else ""
        lines.append(f"| {s.file}{crash} | {n} | {s.right} | {wrong} ({len(s.wrong_confident)}) | {missing} | "
                     f"{s.right / n:.0%} |")
    total = sum(len(s.checks) for s in scores)
    right = sum(s.right for s in scores)
    lines.append(f"| **all {len(scores)} files** | {total} | {right} | "
                 f"{sum(c.verdict == 'wrong' for s in scores for c in s.checks)} "
                 f"({sum(len(s.wrong_confident) for s in scores)}) | "
                 f"{sum(c.verdict == 'missing' for s in scores for c in s.checks)} | {right / max(total, 1):.1%} |")
    return lines


def update_readme(scores: list[FileScore], readme: Path = HERE.parents[1] / "README.md") -> None:
    """Write the score table between the corpus-score markers of the README."""
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- corpus-score -->", "<!-- /corpus-score -->"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    readme.write_text(head + start + "\n" + "\n".join(table_lines(scores)) + "\n" + end + tail, encoding="utf-8")


def misread_lines(scores: list[FileScore]) -> list[str]:
    out = []
    for s in scores:
        bad = [c for c in s.checks if c.verdict != "right"]
        if s.crash:
            out.append(f"{s.file}: CRASH {s.crash}")
        for c in bad:
            r = c.row
            want = r["value"] or repr(r["mark"])
            out.append(f"{s.file} {r['sheet']}!{r['cell']} [{r['label']} | {r['keys']} | {r['measure']} | {r['period']}] "
                       f"= {want}: {c.verdict}: {c.why}" + (f"\n      got {c.got}" if c.got else ""))
    return out


def reason_counts(scores: list[FileScore]) -> Counter:
    """How many figures fail on each ground: not read, value, mark, label, key, measure, period."""
    return Counter("not read" if c.verdict == "missing" else c.why.split()[0]
                   for s in scores for c in s.checks if c.verdict != "right")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misread", action="store_true", help="list every figure read wrong or not at all")
    parser.add_argument("--file", nargs="*", default=None, help="only files whose name contains one of these")
    parser.add_argument("--readme", action="store_true", help="write the score table into README.md")
    parser.add_argument("--in-child", action="store_true", help="read each file in a child process, as the app does")
    parser.add_argument("--expected", type=Path, default=EXPECTED,
                        help=f"the expected figures (default {EXPECTED.name})")
    args = parser.parse_args(argv)
    directory = corpus_dir()
    if directory is None:
        print("no corpus files found (set MEMBERPACK_CORPUS)", file=sys.stderr)
        return 2
    scores = score_corpus(directory, args.file, in_child=args.in_child, expected=args.expected)
    print("\n".join(table_lines(scores)))
    if args.readme and not args.file and args.expected == EXPECTED:
        update_readme(scores)
    if args.misread:
        print()
        print("\n".join(misread_lines(scores)))
        print("\nwhy:", ", ".join(f"{why} {n}" for why, n in reason_counts(scores).most_common()))
        unknown = unit_unknown(scores)
        if unknown:
            print(f"read right but with no unit (money or percent not said): {len(unknown)}, in "
                  + ", ".join(sorted({c.row['file'] for c in unknown})))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())   # score the memberpack of the folder it is run from
    sys.exit(main())
