"""DfE "Explore education statistics" tidy CSVs: areas, periods, filters, symbols, streaming."""

import csv

import pytest

from memberpack.errors import Cancelled
from memberpack.importers import import_files
from memberpack.importers.engine import iter_tables
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.model.areas import LOCAL_AUTHORITY, Area
from memberpack.store.pack import Pack

HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
          "region_name", "new_la_code", "la_name", "old_la_code", "school_type", "characteristic",
          "pupil_count", "pa_rate"]
ENG = ["E92000001", "England"]
SW = ["E12000009", "South West"]
ROWS = [
    ["202122", "Academic year", "National", *ENG, "", "", "", "", "", "Total", "All pupils", "7,000,000", "22.5"],
    ["202122", "Academic year", "Regional", *ENG, *SW, "", "", "", "Total", "All pupils", "x", "21.9"],
    ["202122", "Academic year", "Local authority", *ENG, *SW, "E10000027", "Somerset", "933", "Total",
     "All pupils", "c", "20.4"],
    ["202122", "Academic year", "Local authority", *ENG, *SW, "E06000024", "North Somerset", "802", "Primary",
     "FSM eligible", "z", "u"],
    ["202223", "Academic year", "Local authority", *ENG, *SW, "E10000027", "Somerset", "933", "Total",
     "All pupils", "low", "k"],
    ["202223", "Academic year", "Local authority", *ENG, *SW, "E06000024", "North Somerset", "802", "Total",
     "All pupils", ":", "NA"],
    # 2023/24 is missing from the file (a gap year); a 4-digit calendar year follows
    ["2025", "Calendar year", "Local authority", *ENG, *SW, "E10000027", "Somerset", "933", "Total",
     "All pupils", "#REF!", "#DIV/0!"],
    ["2025", "Calendar year", "National", *ENG, "", "", "", "", "", "Total", "All pupils", "#N/A", "19"],
]
META = [["col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint"],
        ["school_type", "Filter", "School type", "", "", "", ""],
        ["characteristic", "Filter", "Characteristic", "", "", "", ""],
        ["pupil_count", "Indicator", "Number of pupils", "", "", "0", ""],
        ["pa_rate", "Indicator", "Persistent absence rate", "", "%", "1", ""]]


def write_csv(path, rows, *, bom=True, quote=True, encoding=None):
    with open(path, "w", newline="", encoding=encoding or ("utf-8-sig" if bom else "utf-8")) as f:
        csv.writer(f, quoting=csv.QUOTE_ALL if quote else csv.QUOTE_MINIMAL).writerows(rows)
    return path


@pytest.fixture
def ees(tmp_path):
    data = write_csv(tmp_path / "absence.csv", [HEADER, *ROWS])
    write_csv(tmp_path / "absence.meta.csv", META, bom=False, quote=False)
    return data


def _stored(tmp_path, *files):
    pack = Pack.create(tmp_path / "p.mpack")
    reports = import_files(pack, files)
    (ds,) = pack.datasets()
    return pack, ds, {(o.label, o.period, o.measure): o for o in pack.observations(ds.id)}, reports


def test_figures_labels_periods_and_sections(tmp_path, ees):
    pack, ds, obs, _ = _stored(tmp_path, ees)
    assert ds.kind == OPEN_STATISTICS and ds.source_file == "absence.csv" and ds.domain == "inclusion"
    england = obs[("England", "2021/22", "Number of pupils")]
    assert (england.value, england.unit, england.display, england.status, england.cell) == (
        7_000_000, "count", "7,000,000", None, "M2")
    somerset = obs[("Somerset", "2021/22", "Persistent absence rate")]
    assert (somerset.value, somerset.unit, somerset.section, somerset.cell, somerset.metric_id) == (
        20.4, "percent", "Total / All pupils", "N4", "persistent_absence_pct")
    assert Area.from_key(somerset.area, somerset.label) == Area("la", "Somerset", "933", "E10000027", "South West")
    region = obs[("South West", "2021/22", "Persistent absence rate")]
    assert (region.value, Area.from_key(region.area, region.label).level) == (21.9, "regional")
    assert obs[("North Somerset", "2021/22", "Persistent absence rate")].section == "Primary / FSM eligible"
    assert sorted({o.period for o in obs.values()}) == ["2021/22", "2022/23", "2025"]
    assert len(obs) == 16
    pack.close()


def test_every_symbol_is_a_status_never_a_number(tmp_path, ees):
    pack, _, obs, _ = _stored(tmp_path, ees)
    got = {(label, period, measure[:6]): (o.value, o.display, o.status) for (label, period, measure), o in obs.items()
           if o.value is None}
    assert got == {
        ("South West", "2021/22", "Number"): (None, "x", "x"),
        ("Somerset", "2021/22", "Number"): (None, "c", "c"),
        ("North Somerset", "2021/22", "Number"): (None, "z", "z"),
        ("North Somerset", "2021/22", "Persis"): (None, "u", "u"),
        ("Somerset", "2022/23", "Number"): (None, "low", "low"),
        ("Somerset", "2022/23", "Persis"): (None, "k", "k"),
        ("North Somerset", "2022/23", "Number"): (None, ":", ":"),
        ("North Somerset", "2022/23", "Persis"): (None, "NA", "n/a"),
        ("Somerset", "2025", "Number"): (None, "#REF!", "error:#REF!"),
        ("Somerset", "2025", "Persis"): (None, "#DIV/0!", "error:#DIV/0!"),
        ("England", "2025", "Number"): (None, "#N/A", "error:#N/A"),
    }
    pack.close()


def test_report_names_excel_errors_and_the_meta_file(tmp_path, ees):
    *_, reports = _stored(tmp_path, ees)
    (report,) = reports
    (table,) = report.tables
    (errors,) = [a for a in table.assumptions if "Excel error" in a]
    assert errors == ("3 Excel error value(s) read as missing values, with the error as their status: "
                      "M8 #REF!, N8 #DIV/0!, M9 #N/A")
    assert (table.rows_read, table.cells_read, table.cell_range, table.period) == (8, 16, "A1:N9", "2021/22 to 2025")
    assert any("absence.meta.csv" in a for a in table.assumptions)
    assert "    assumed: " + errors in report.lines()


def test_no_bom_unquoted_no_meta_and_columns_in_any_order(tmp_path):
    order = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 13, 12, 11, 10]
    rows = [[row[i] for i in order] for row in [HEADER, *ROWS[:3]]]
    path = write_csv(tmp_path / "plain.csv", rows, bom=False, quote=False)
    pack, _, obs, reports = _stored(tmp_path, path)
    somerset = obs[("Somerset", "2021/22", "Pa rate")]   # the column's name in words, with no .meta.csv
    assert (somerset.value, somerset.section, somerset.cell) == (20.4, "All pupils / Total", "K4")
    assert obs[("England", "2021/22", "Pupil count")].value == 7_000_000
    assert any("no .meta.csv" in a and "pa_rate" in a for a in reports[0].tables[0].assumptions)
    pack.close()


def test_windows_1252_names(tmp_path):
    rows = [HEADER, ["2025", "Calendar year", "Local authority", *ENG, *SW, "E06000054", "Wiltshire – test", "865",
                     "Total", "All pupils", "10", "12.5"]]
    path = write_csv(tmp_path / "w.csv", rows, bom=False, encoding="cp1252")
    pack, _, obs, _ = _stored(tmp_path, path)
    assert obs[("Wiltshire – test", "2025", "Pa rate")].value == 12.5
    pack.close()


def test_streams_with_progress_and_cancel_leaves_pack_unchanged(tmp_path, ees):
    big = [HEADER] + [ROWS[2]] * 20_000     # about 3 MiB: read a MiB at a time
    path = write_csv(tmp_path / "big.csv", big)
    seen = []
    (found,) = iter_tables(path, progress=lambda done, total, msg: seen.append((done, total, msg)))
    assert not isinstance(found.observations, list)
    assert sum(1 for _ in found.observations) == 40_000
    assert seen[-1] == (path.stat().st_size, path.stat().st_size, "Reading big.csv: 20,000 rows") and len(seen) >= 3
    assert found.report.cell_range == "A1:N20001"
    pack_path = tmp_path / "p.mpack"
    Pack.create(pack_path).close()
    before = pack_path.read_bytes()
    calls = []
    with Pack.open(pack_path) as pack, pytest.raises(Cancelled):
        import_files(pack, [path], cancel=lambda: calls.append(1) or len(calls) > 2)
    assert pack_path.read_bytes() == before


def test_dry_run_counts_rows_and_writes_nothing(tmp_path, ees):
    (report,) = import_files(None, [ees], dry_run=True)
    assert report.tables[0].rows_read == 8


def test_other_csv_still_goes_to_the_table_finder(tmp_path):
    path = tmp_path / "kpi.csv"
    path.write_text("Indicator,Q1\nCLA,227\n", encoding="utf-8")
    pack, ds, obs, _ = _stored(tmp_path, path)
    assert ds.kind != OPEN_STATISTICS and obs[("CLA", "Q1", "Q1")].value == 227
    pack.close()


def test_cells_are_spreadsheet_rows_and_many_errors_are_summed_up(tmp_path):
    first = list(ROWS[2])
    first[10] = "Total\n(all schools)"                       # a quoted filter value over two lines
    errors = [[*ROWS[2][:13], "#N/A"] for _ in range(25)]
    path = write_csv(tmp_path / "e.csv", [HEADER, first, [], *errors])  # a blank row in between
    pack, ds, _, reports = _stored(tmp_path, path)
    observations = pack.observations(ds.id)
    assert observations[0].section == "Total\n(all schools) / All pupils" and observations[0].cell == "M2"
    assert observations[-1].cell == "N28"                   # header 1, first row 2, blank 3, errors 4-28
    (table,) = reports[0].tables
    (note,) = [a for a in table.assumptions if "Excel error" in a]
    assert note.startswith("25 Excel error value(s) read as missing values, with the error as their status: N4 #N/A")
    assert note.endswith("N23 #N/A and 5 more") and table.cell_range == "A1:N28"
    pack.close()


def test_blank_short_and_long_rows_keep_their_line_numbers(tmp_path):
    """Arrow will not read a row with the wrong number of fields: such rows are read like the csv
    module reads them (padded, extra fields ignored) and keep the line they are on."""
    path = write_csv(tmp_path / "ragged.csv", [HEADER, ROWS[2], [], ROWS[2][:-1], ROWS[0] + ["extra"], ROWS[1]])
    pack, ds, _, reports = _stored(tmp_path, path)
    got = {o.cell: (o.label, o.measure, o.value, o.status) for o in pack.observations(ds.id)}
    assert got["M2"] == ("Somerset", "Pupil count", None, "c") and got["N2"][2] == 20.4
    assert got["M4"][:2] == ("Somerset", "Pupil count") and got["N4"][3] == "blank"   # short: padded
    assert got["M5"][2] == 7_000_000 and got["N5"][2] == 22.5                          # long: extra field ignored
    assert got["N6"] == ("South West", "Pa rate", 21.9, None)
    assert "M3" not in got and reports[0].tables[0].rows_read == 4
    assert pack.figure_count(ds.id) == 8
    pack.close()


def test_figures_of_some_areas_only(tmp_path, ees):
    pack, ds, obs, _ = _stored(tmp_path, ees)
    somerset = Area(LOCAL_AUTHORITY, "Somerset", "933", "E10000027", "South West").key()
    assert ("Somerset", somerset) in pack.areas(ds.id) and len(pack.areas()) == 4
    only = pack.observations(ds.id, areas=[somerset])
    assert {o.label for o in only} == {"Somerset"} and len(only) == 6
    assert [(o.row, o.col) for o in pack.observations(ds.id)] == sorted((r, c) for r in range(8) for c in range(2))
    pack.close()


def test_the_reader_process_reads_open_statistics_without_pandas():
    """Arrow asks for pandas at its first conversion; the reader's process refuses it (it need not
    load 25 MB for Arrow to learn it was given no pandas objects) and reads the file all the same."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys; from memberpack.importers.reader_process import _WithoutPandas; "
            "sys.meta_path.insert(0, _WithoutPandas); from pathlib import Path; "
            "from memberpack.importers.engine import iter_tables; "
            "n = sum(len(list(t.observations)) for t in iter_tables(Path(sys.argv[1]))); "
            "print(n, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(root / "samples" / "12_children_looked_after_rates_2017-2020.csv")],
                         cwd=root, capture_output=True, text=True, timeout=120, check=True).stdout.split()
    assert int(out[0]) > 100 and out[1] == "False"


def test_a_metadata_file_of_more_rows_than_a_file_has_columns_is_refused_in_one_line(tmp_path, capsys):
    """A .meta.csv has a row per column of its data file (16,384 at most); one of millions of rows was
    read whole into memory. It is refused after the first row too many, the pack unchanged."""
    from memberpack.cli import main
    from memberpack.importers.csv_reader import MAX_FIELDS

    data = write_csv(tmp_path / "absence.csv", [HEADER, *ROWS])
    write_csv(tmp_path / "absence.meta.csv", META + [[f"extra_{i}", "Filter", "x", "", "", "", ""]
                                                     for i in range(MAX_FIELDS)], bom=False, quote=False)
    Pack.create(tmp_path / "p.mpack").close()
    before = (tmp_path / "p.mpack").read_bytes()
    capsys.readouterr()
    assert main(["import", str(tmp_path / "p.mpack"), str(data)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "absence.meta.csv" in err and "more than 16,384 rows" in err, err
    assert (tmp_path / "p.mpack").read_bytes() == before
