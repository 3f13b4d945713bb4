"""DfE's ``t_`` columns are totals, counts of pupils or exclusions: they had been read with no
unit at all, beside their ``pt_`` percentages read as %."""

from __future__ import annotations

from memberpack.importers import import_files
from memberpack.model.units import COUNT, PERCENT, unit_in_name
from memberpack.store.pack import Pack
from test_open_statistics import ENG, SW, write_csv


def test_a_total_column_names_a_count_but_a_total_score_does_not():
    assert unit_in_name("t_pupils").base == COUNT
    assert unit_in_name("t_perm_excl").base == COUNT
    assert unit_in_name("pt_perm_excl").base == PERCENT
    assert unit_in_name("t_p8score") is None      # a sum of Progress 8 scores: a number, not a count
    assert unit_in_name("t_pupils and more") is None   # words, not a column name


def test_an_open_statistics_file_reads_its_totals_as_counts(tmp_path):
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "new_la_code", "la_name", "old_la_code", "t_pupils", "t_perm_excl", "pt_perm_excl"]
    rows = [["202122", "Academic year", "National", *ENG, "", "", "", "", "", "7000000", "6495", "0.09"],
            ["202122", "Academic year", "Regional", *ENG, *SW, "", "", "", "780000", "700", "0.09"]]
    path = write_csv(tmp_path / "exclusions.csv", [header, *rows])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        (ds,) = pack.datasets()
        units = {(o.label, o.measure): (o.value, o.unit) for o in pack.observations(ds.id)}
    england = {measure: found for (label, measure), found in units.items() if label == "England"}
    assert sorted(england.values()) == [(0.09, PERCENT), (6495, COUNT), (7_000_000, COUNT)]
