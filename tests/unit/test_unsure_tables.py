"""An unsure table is never imported silently: the CLI stops naming it and its doubt, unless the
officer confirms it or corrects the reading. And header detection never takes data for a header."""

import string

from awkward_workbooks import write_xlsx
from hypothesis import given, settings, strategies as st

from memberpack.cli import main
from memberpack.importers.headers import looks_like_data
from memberpack.importers.layout import cell_class, detect_layout
from memberpack.store.pack import Pack


def _headless(tmp_path):
    rows = [["Rates"], [], ["Somerset", 933, 12.5, 14], ["Devon", 878, 11, 13.5], ["Dorset", 835, 10, 9]]
    return write_xlsx(tmp_path / "rates.xlsx", {"Rates": rows})


def test_import_stops_on_an_unsure_table_naming_it_and_the_doubt(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_headless(tmp_path))]) == 1
    err = capsys.readouterr().err
    assert "rates.xlsx: table Rates (Rates!A3:D5) is unsure: no header row found: row 3 looks like the data" in err
    assert "--accept-unsure" in err and len(err.strip().splitlines()) == 1
    assert not pack.exists()


def test_accept_unsure_imports_it_as_read(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_headless(tmp_path)), "--accept-unsure"]) == 0
    assert "doubt: no header row found" in capsys.readouterr().out
    with Pack.open(pack) as opened:
        (ds,) = opened.datasets()
        assert ds.report["verdict"] == "unsure"
        assert {o.cell: o.value for o in opened.observations(ds.id)}["D5"] == 9


def test_corrections_on_the_command_line_settle_the_doubt(tmp_path, capsys):
    rows = [["Area", "Pupils"]] + [[area, n] for n in range(4) for area in ("Somerset", "Devon")]
    path = write_xlsx(tmp_path / "repeats.xlsx", {"S": rows})
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 1
    assert "repeat another row's label" in capsys.readouterr().err
    assert main(["import", str(pack), str(path), "--label-column", "A", "--key-columns", "", "--unit", "%"]) == 0
    with Pack.open(pack) as opened:
        (ds,) = opened.datasets()
        obs = {o.cell: o for o in opened.observations(ds.id)}
        assert (obs["B9"].label, obs["B9"].value, obs["B9"].unit) == ("Devon", 3, "percent")
        assert ds.report["layout_source"].startswith("corrected by hand")


def test_header_rows_given_by_hand(tmp_path):
    path = _headless(tmp_path)
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path), "--header-rows", "3"]) == 0
    with Pack.open(pack) as opened:
        (ds,) = opened.datasets()
        obs = {o.cell: o for o in opened.observations(ds.id)}
        assert (obs["C4"].measure, obs["C4"].label, obs["C4"].value) == ("12.5", "Devon", 11)


def test_bad_corrections_are_usage_errors(tmp_path):
    import pytest

    for args in (["--header-rows", "three"], ["--label-column", "B2"], ["--unit", "furlongs"]):
        with pytest.raises(SystemExit) as exc:
            main(["import", str(tmp_path / "p.mpack"), str(_headless(tmp_path)), *args])
        assert exc.value.code == 2


_names = st.text(alphabet=string.ascii_letters + " ", min_size=3, max_size=12).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_header_detection_never_takes_a_row_of_figures_like_the_rows_under_it(data):
    width = data.draw(st.integers(2, 6))
    figure = st.one_of(st.integers(-10_000, 10_000), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
                       st.sampled_from(["..", "x", "[c]", "12.5%", "(1,234)"]))
    rows = [[data.draw(_names)] + [data.draw(figure) for _ in range(width)] for _ in range(data.draw(st.integers(3, 8)))]
    head = list(enumerate(rows))
    layout = detect_layout("S", [], head)
    if layout is not None:
        assert not layout.header_rows, f"row {layout.header_rows} of figures taken as the header"
        assert layout.doubts
    header = [data.draw(_names) for _ in range(width + 1)]
    layout = detect_layout("S", [], list(enumerate([header, *rows])))
    assert layout is not None and layout.header_rows == (1,)
    assert looks_like_data(rows[0], rows[1:], range(width + 1), cell_class)
