"""The DfE statistical-neighbour workbook, and neighbour lists kept as versioned data."""

import hashlib

import pytest
from openpyxl import Workbook

from memberpack.errors import ImportFailed
from memberpack.importers.neighbours import read_neighbours
from memberpack.model.areas import known_authority
from memberpack.store import comparators
from memberpack.store.comparators import Neighbour, NeighbourList
from memberpack.store.pack import Pack

SOMERSET = known_authority("933")
SN_CODES = [885, 803, 938, 850, 845, 916, 881, 835, 855, 937]
CLOSENESS = ["Extremely close", "Very close", "Very close", "Close", "Close", "Close", "Somewhat close",
             "Somewhat close", 0.4321, "Not close"]
NAMES = {885: "Worcestershire", 803: "South Gloucestershire", 938: "West Sussex", 850: "Hampshire",
         845: "East Sussex", 916: "Gloucestershire", 881: "Essex", 835: "Dorset", 855: "Leicestershire",
         937: "Warwickshire"}


def sn_workbook(path, *, our_row=True):
    wb = Workbook()
    wb.active.title = "Read me"
    wb.active["A1"] = "Nothing to see here"
    ws = wb.create_sheet("Statistical Neighbours")
    ws.append(["Children's services statistical neighbour benchmarking tool"])
    ws.append(["Updated March 2019 (from LAIT)"])
    ws.append([])
    ws.append([None, "Notes: SN1 is the closest neighbour", None, None])
    header = ["LA number", "LA name"]
    for k in range(1, 11):
        header += [f"SN{k}", f"SN{k}"]
    ws.append(header)
    ws.append([800, "Bath and North East Somerset", 801, "Close"])
    if our_row:
        ws.append([933, "Somerset"] + [v for pair in zip(SN_CODES, CLOSENESS) for v in pair])
    for code, name in NAMES.items():
        ws.append([str(code), name, 933, "Close"])
    wb.save(path)
    return path


def test_reads_codes_names_and_closeness_below_junk_rows(tmp_path):
    path = sn_workbook(tmp_path / "sn.xlsx")
    listed = read_neighbours(path, SOMERSET)
    assert [n.old_code for n in listed.neighbours] == [str(c) for c in SN_CODES]
    assert [n.name for n in listed.neighbours] == [NAMES[c] for c in SN_CODES]
    assert [n.closeness for n in listed.neighbours] == [*CLOSENESS[:8], "0.4321", "Not close"]
    assert (listed.authority, listed.source_file, listed.sheet) == ("933", "sn.xlsx", "Statistical Neighbours!A7")
    assert listed.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_found_by_name_too(tmp_path):
    listed = read_neighbours(sn_workbook(tmp_path / "sn.xlsx"), known_authority("Somerset"))
    assert listed.neighbours[0].name == "Worcestershire"


def test_missing_authority_and_missing_header_are_one_line_errors(tmp_path):
    with pytest.raises(ImportFailed, match=r"sn.xlsx: sheet Statistical Neighbours: Somerset \(933, E10000027\) "
                                           r"is not in the list"):
        read_neighbours(sn_workbook(tmp_path / "sn.xlsx", our_row=False), SOMERSET)
    wb = Workbook()
    wb.active.append(["LA", "Name"])
    wb.save(tmp_path / "none.xlsx")
    with pytest.raises(ImportFailed, match="none.xlsx: no statistical-neighbour table found"):
        read_neighbours(tmp_path / "none.xlsx", SOMERSET)


def test_lists_are_versioned_with_their_source(tmp_path):
    path = sn_workbook(tmp_path / "sn.xlsx")
    with Pack.create(tmp_path / "p.mpack") as pack:
        comparators.set_authority(pack, SOMERSET)
        assert comparators.save_neighbours(pack, read_neighbours(path, SOMERSET)) == 1
        by_hand = NeighbourList("933", [Neighbour("Devon", "878", "E10000008")])
        assert comparators.save_neighbours(pack, by_hand) == 2
        latest = comparators.our_neighbours(pack)
        assert (latest.version, latest.source_file, [n.name for n in latest.neighbours]) == (
            2, "entered by hand", ["Devon"])
        first = comparators.neighbours(pack, "933", version=1)
        assert (first.source_file, len(first.neighbours), first.neighbours[8].closeness) == ("sn.xlsx", 10, "0.4321")
        assert comparators.authority(pack) == SOMERSET


def test_a_first_version_pack_is_migrated(tmp_path):
    import sqlite3

    from memberpack.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.mpack"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO dataset(key, version, name, source_file, sha256, sheet, cell_range, kind, domain, "
               "imported_at) VALUES ('k', 1, 'n', 'f.xlsx', '', 's', 'A1', 'general', 'other', '')")
    db.execute("INSERT INTO metric VALUES ('other', 'Other', 'other', 'number', 'neutral')")
    db.execute("INSERT INTO observation(dataset_id, row, col, label, measure, metric_id, display, row_role, sheet, "
               "cell) VALUES (1, 0, 0, 'CLA', 'Q1', 'other', '227', 'data', 's', 'B2')")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Pack.open(path) as pack:
        assert pack.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (obs,) = pack.observations(1)
        assert (obs.label, obs.display, obs.area) == ("CLA", "227", None)
        assert comparators.our_neighbours(pack) is None and comparators.known_areas(pack) == []
