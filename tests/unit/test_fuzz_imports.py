"""Fuzzing imports: valid .xlsx, .xls, .ods and .csv files, damaged at random (bytes flipped, cut
short, a slice taken out, zip sizes lied about), each imported by the command line.

Every import must end in exit 0 (with nothing on stderr) or exit 1 with one line, no traceback,
the pack byte for byte as it was when it failed, and memory bounded (readers run under their own
limit; this process must not grow). The cases follow a fixed seed; a time budget decides how many
run: ``MEMBERPACK_FUZZ_SECONDS`` (30 in the suite; ``make fuzz`` gives it 15 minutes), and
``MEMBERPACK_FUZZ_SEED`` picks another sequence. A failing case is saved beside the test's
temporary pack to be replayed.
"""

import os
import random
import resource
import struct
import time

from openpyxl import Workbook

from memberpack.cli import main

SEED = int(os.environ.get("MEMBERPACK_FUZZ_SEED", "20231205"))
BUDGET = float(os.environ.get("MEMBERPACK_FUZZ_SECONDS", "30"))
GROWTH_LIMIT_MB = 300


def _seeds(folder):
    rows = [("Budget Monitor 2023/24 Month 6", None, None), ("Service", "Budget £k", "Forecast £k")] + \
        [(f"Service line {i}", 100.5 * i, 101.25 * i) for i in range(1, 25)] + [("Total", 7_500.0, 7_593.75)]
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(folder / "seed.xlsx")
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Budget")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(folder / "seed.xls"))
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Budget")
    for row in rows:
        table_row = TableRow()
        for value in row:
            cell = TableCell(valuetype="float", value=value) if isinstance(value, float) else TableCell()
            if value is not None:
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    doc.spreadsheet.addElement(table)
    doc.save(str(folder / "seed.ods"))
    (folder / "seed.csv").write_bytes("\n".join(",".join("" if v is None else str(v) for v in row)
                                                for row in rows).encode("cp1252"))
    return [(folder / f"seed{suffix}").read_bytes() for suffix in (".xlsx", ".xls", ".ods", ".csv")]


def _flip(rnd, data):
    data = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    return bytes(data)


def _cut(rnd, data):
    return data[:rnd.randrange(1, len(data))]


def _slice_out(rnd, data):
    start = rnd.randrange(len(data))
    return data[:start] + data[start + rnd.randint(1, 512):]


def _lie_about_sizes(rnd, data):
    """A zip entry's declared compressed or uncompressed size changed (central directory or local header)."""
    headers = [i for i in range(len(data) - 30) if data[i:i + 4] in (b"PK\x01\x02", b"PK\x03\x04")]
    if not headers:
        return _flip(rnd, data)
    at = rnd.choice(headers)
    field = at + (rnd.choice((20, 24)) if data[at:at + 4] == b"PK\x01\x02" else rnd.choice((18, 22)))
    size = rnd.choice((0, 1, 2 ** 32 - 1, rnd.randrange(2 ** 32)))
    return data[:field] + struct.pack("<I", size) + data[field + 4:]


def _text_noise(rnd, data):
    noise = rnd.choice([b"\x00", b'"', b"\xff\xfe", b"\xe2\x82", b"\r", b",,,,,,", b"9" * 400, b"1e308",
                        b"\xa3" * 3, b"(" * 50, b"\n" * 20])
    at = rnd.randrange(len(data))
    return data[:at] + noise + data[at:]


MUTATIONS = {".xlsx": (_flip, _cut, _slice_out, _lie_about_sizes), ".ods": (_flip, _cut, _slice_out, _lie_about_sizes),
             ".xls": (_flip, _cut, _slice_out), ".csv": (_flip, _cut, _slice_out, _text_noise)}


def test_damaged_files_end_in_one_line_or_a_clean_import(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEMBERPACK_READER_MEMORY_MB", "2048")
    monkeypatch.setenv("MEMBERPACK_READER_TIMEOUT", "30")
    seeds = dict(zip((".xlsx", ".xls", ".ods", ".csv"), _seeds(tmp_path)))
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(tmp_path / "seed.xlsx")]) == 0
    original = pack.read_bytes()
    capsys.readouterr()
    rnd = random.Random(SEED)
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    deadline = time.monotonic() + BUDGET
    cases = outcomes = 0
    while time.monotonic() < deadline:
        suffix = rnd.choice(list(seeds))
        mutate = rnd.choice(MUTATIONS[suffix])
        damaged = tmp_path / f"case{suffix}"
        damaged.write_bytes(mutate(rnd, seeds[suffix]))
        status = main(["import", str(pack), str(damaged)])
        out, err = capsys.readouterr()
        where = f"case {cases} (seed {SEED}, {mutate.__name__} of {suffix}): kept as {damaged.name}.failed"
        if status == 1:
            ok = len(err.splitlines()) == 1 and err.startswith("memberpack: ") and pack.read_bytes() == original
        else:
            ok = status == 0 and err == "" and "Traceback" not in out
            outcomes += 1
        if not ok:
            damaged.replace(tmp_path / f"{damaged.name}.failed")
        assert ok, f"{where}: exit {status}, stderr {err!r}"
        pack.write_bytes(original)
        cases += 1
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - start_mb
    assert grown < GROWTH_LIMIT_MB, grown
    assert cases >= 5, cases   # the budget allows a fair number on the slowest machine
    print(f"fuzz: {cases} damaged files in {BUDGET:g} s, {outcomes} imported, {cases - outcomes} refused in one line")
