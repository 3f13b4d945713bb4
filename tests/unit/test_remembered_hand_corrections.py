"""Next month's return of the same shape is read with what the officer gave by hand last month, and
only that: key columns named by hand (``--key-columns``, or the wizard's identifying columns) tell the
rows apart again; a unit the wizard left as read is not remembered as the officer's, so it answers no
doubt about the unit next month."""

from dataclasses import replace

from awkward_workbooks import write_xlsx

from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.importers.engine import import_read
from memberpack.store.pack import Pack

REPEATS = ("6 rows repeat another row's label, section and period: no column tells them apart (name the identifying "
           "columns with --key-columns)")
SCALED = ("column C (Spend): the number format (#,##0,\"k\") shows the figures divided by 1,000, so the unit stated "
          "may describe the figure shown, not the one held: check the figures against the workbook (give the unit of "
          "the figures held with --unit)")


def _phases(tmp_path, name, base, phase="Phase"):
    """Pupils by area and phase: the phase column is not found as a key, so the areas repeat."""
    rows = [["Area", phase, "Pupils"]] + [[area, p, base * p + n] for p in (1, 2, 3)
                                          for n, area in enumerate(("Somerset", "Devon"))]
    return write_xlsx(tmp_path / name, {"Pupils": rows})


def _repeats(tmp_path, name, base):
    rows = [["Area", "Pupils"]] + [[area, n + base] for n in range(4) for area in ("Somerset", "Devon")]
    return write_xlsx(tmp_path / name, {"S": rows})


def _spend(tmp_path, name, base, scaled=False):
    """Spend in £000s by its title; next month the Spend column's format shows thousands of what it holds."""
    rows = [["Service spend (£000s)"], ["Service", "Budget", "Spend"], ["Adult care", base, 11800],
            ["Highways", 4200, 4350], ["Libraries", 900, 870]]
    formats = {"Spend": {f"C{r}": '#,##0,"k"' for r in (3, 4, 5)}} if scaled else None
    return write_xlsx(tmp_path / name, {"Spend": rows}, formats=formats)


def _latest(pack):
    with Pack.open(pack) as opened:
        ds = opened.datasets()[-1]
        return ds.report, {o.cell: o for o in opened.observations(ds.id)}


def test_key_columns_given_on_the_command_line_tell_next_months_rows_apart(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_phases(tmp_path, "phases_m1.xlsx", 10))]) == 1   # the doubt, unanswered
    assert main(["import", str(pack), str(_phases(tmp_path, "phases_m1.xlsx", 10)), "--key-columns", "B"]) == 0
    capsys.readouterr()
    assert main(["import", str(pack), str(_phases(tmp_path, "phases_m2.xlsx", 20))]) == 0
    assert "key columns B (Phase, section)" in capsys.readouterr().out
    report, obs = _latest(pack)
    assert (report["verdict"], report["doubts"], report["assumptions"]) == ("read", [], [])
    assert report["layout_source"] == "remembered for this shape"
    assert [(k["column"], k["role"]) for k in report["key_columns"] if k["role"] != "label"] == [("B", "section")]
    assert (obs["C6"].label, obs["C6"].section, obs["C6"].value) == ("Somerset", "3", 60)
    assert (obs["C7"].label, obs["C7"].section, obs["C7"].value) == ("Devon", "3", 61)


def test_no_key_columns_given_answers_next_months_repeated_labels_as_last_month(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_repeats(tmp_path, "repeats_m1.xlsx", 0)), "--key-columns", ""]) == 0
    assert main(["import", str(pack), str(_repeats(tmp_path, "repeats_m2.xlsx", 5))]) == 0, capsys.readouterr().err
    report, obs = _latest(pack)
    assert (report["verdict"], report["doubts"]) == ("read with assumptions", [])
    assert report["assumptions"] == [f"{REPEATS} (the layout was set by hand for an earlier import of this shape)"]
    assert (obs["B8"].label, obs["B8"].value, obs["B9"].label, obs["B9"].value) == ("Somerset", 8, "Devon", 8)


def test_key_columns_are_remembered_only_for_the_same_shape(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_phases(tmp_path, "phases_m1.xlsx", 10)), "--key-columns", "B"]) == 0
    capsys.readouterr()
    assert main(["import", str(pack), str(_phases(tmp_path, "stages_m2.xlsx", 20, phase="Stage"))]) == 1
    err = capsys.readouterr().err
    assert "stages_m2.xlsx: table" in err and "4 rows repeat another row's label" in err


def test_identifying_columns_named_in_the_wizard_are_remembered(tmp_path, capsys):
    path = _phases(tmp_path, "phases_m1.xlsx", 10)
    (table,) = read_file(path).tables
    assert table.report.verdict == "unsure" and table.layout.key_columns == ()
    corrected = read_file(path, overrides=[replace(table.layout, key_columns=("B",), key_roles=())])
    assert corrected.tables[0].report.verdict == "read"
    pack = tmp_path / "p.mpack"
    with Pack.create(pack) as opened:
        import_read(opened, [corrected])
    assert main(["import", str(pack), str(_phases(tmp_path, "phases_m2.xlsx", 20))]) == 0, capsys.readouterr().err
    report, obs = _latest(pack)
    assert (report["verdict"], report["doubts"], report["assumptions"]) == ("read", [], [])
    assert (obs["C5"].label, obs["C5"].section, obs["C5"].value) == ("Devon", "2", 41)


def test_a_unit_the_wizard_left_as_read_answers_no_unit_doubt_next_month(tmp_path, capsys):
    path = _spend(tmp_path, "spend_m1.xlsx", 12500)
    (table,) = read_file(path).tables
    assert (table.layout.unit, table.report.verdict) == ("£k", "read")
    kept = read_file(path, overrides=[replace(table.layout, kind_reason="chosen in the import wizard")])
    assert kept.tables[0].report.layout_source == "set by hand" and not kept.tables[0].layout.unit_by_hand
    pack = tmp_path / "p.mpack"
    with Pack.create(pack) as opened:
        import_read(opened, [kept])
    month2 = _spend(tmp_path, "spend_m2.xlsx", 12600, scaled=True)
    assert main(["import", str(pack), str(month2)]) == 1
    assert "spend_m2.xlsx: table" in capsys.readouterr().err
    assert main(["import", str(pack), str(month2), "--accept-unsure"]) == 0
    report, obs = _latest(pack)
    assert (report["verdict"], report["doubts"]) == ("unsure", [SCALED])
    assert not any("set by hand" in a for a in report["assumptions"])
    assert (obs["B3"].value, obs["C3"].value, obs["C5"].value) == (12_600_000, 11_800_000, 870_000)


def test_a_unit_changed_in_the_wizard_answers_next_months_unit_doubt(tmp_path, capsys):
    path = _spend(tmp_path, "spend_m1.xlsx", 12500)
    (table,) = read_file(path).tables
    given = read_file(path, overrides=[replace(table.layout, unit="£")])
    assert given.tables[0].layout.unit_by_hand
    pack = tmp_path / "p.mpack"
    with Pack.create(pack) as opened:
        import_read(opened, [given])
    assert main(["import", str(pack), str(_spend(tmp_path, "spend_m2.xlsx", 12600, scaled=True))]) == 0, \
        capsys.readouterr().err
    report, obs = _latest(pack)
    assert (report["verdict"], report["doubts"]) == ("read with assumptions", [])
    assert f"{SCALED} (the unit was set by hand for an earlier import of this shape)" in report["assumptions"]
    assert (obs["B3"].value, obs["C3"].value, obs["C5"].value) == (12_600, 11_800, 870)
