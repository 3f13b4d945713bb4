"""The pack file: round trip, versions, refusing other files, and all-or-nothing writes."""

import sqlite3

import pytest

from memberpack.errors import PackError
from memberpack.model.observation import Dataset, Observation
from memberpack.store.pack import Pack
from memberpack.store.schema import SCHEMA_VERSION


def _table(name="Budget"):
    return Dataset(name=name, source_file="budget.xlsx", sha256="ab" * 32, sheet="M6", cell_range="A1:D3")


def test_round_trip_keeps_every_field(tmp_path):
    path = tmp_path / "p.mpack"
    obs = Observation(label="Fieldwork", measure="Current Budget £m", value=9_100_000.0, unit="GBP", display="9.1",
                      section="Children & Families", period="2023/24 Month 6", sheet="M6", cell="B7", row=2, col=1,
                      metric_id="fin_budget_current")
    with Pack.create(path, committee="Scrutiny") as pack:
        ds_id = pack.add_dataset(_table(), [obs])
    with Pack.open(path) as pack:
        assert pack.meta()["committee"] == "Scrutiny"
        (back,) = pack.observations(ds_id)
        assert (back.label, back.value, back.display, back.cell, back.section, back.period, back.metric_id) == (
            "Fieldwork", 9_100_000.0, "9.1", "B7", "Children & Families", "2023/24 Month 6", "fin_budget_current")


def test_reimport_is_a_new_version(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        pack.add_dataset(_table(), [])
        pack.add_dataset(_table(), [])
        (latest,) = pack.datasets()
        assert latest.version == 2
        assert pack.previous_version(latest).version == 1
        assert len(pack.datasets(all_versions=True)) == 2


def test_the_keys_after_a_key_are_those_going_through_every_key_finds(tmp_path):
    """A table's earlier key with a legend after it is looked up in the index of keys, not by going
    through every key: the same keys, whatever characters follow or precede the space."""
    keys = ["Budget", "Budget ", "Budget All figures", "Budget  x", "Budget!", "Budget\x1fx", "Budgets x", "Budge x",
            "Budget é", "Budget \U0001f600", "budget x", "A/Budget x", "Budget All figures", "Café x", "Café  y", "Cafe x"]
    with Pack.create(tmp_path / "p.mpack") as pack:
        for key in keys:
            pack.add_dataset(Dataset(name="t", source_file="t.xlsx", sha256="ab" * 32, sheet="S", cell_range="A1", key=key), [])
        for key in {*keys, "Café", "Budget All", "Zzz", ""}:
            assert pack.table_keys_after(key) == {k for k in keys if k.startswith(f"{key} ")}, key
            assert pack.has_table_key(key) == (key in keys)


def test_failed_transaction_leaves_file_byte_for_byte(tmp_path):
    path = tmp_path / "p.mpack"
    Pack.create(path).close()
    before = path.read_bytes()
    with Pack.open(path) as pack, pytest.raises(RuntimeError):
        with pack.transaction():
            pack.add_dataset(_table(), [Observation("a", "b", 1.0, None, "1")])
            raise RuntimeError("killed half way")
    assert path.read_bytes() == before


def test_foreign_keys_are_enforced(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack, pytest.raises(sqlite3.IntegrityError):
        pack.db.execute("INSERT INTO observation(dataset_id, row, col, label, measure, metric_id, display, "
                        "row_role, sheet, cell) VALUES (99, 0, 0, 'a', 'b', 'other', '', 'data', '', '')")


def test_not_a_pack_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.mpack"
    path.write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(PackError, match="not a memberpack pack"):
        Pack.open(path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    before = other.read_bytes()
    with pytest.raises(PackError, match="not a memberpack pack"):
        Pack.open(other)
    assert other.read_bytes() == before


def test_newer_pack_is_refused(tmp_path):
    path = tmp_path / "p.mpack"
    Pack.create(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(PackError, match="newer memberpack"):
        Pack.open(path)


def test_missing_fields_are_stored_as_null_and_zero_stays_zero(tmp_path):
    gap = Observation("Fieldwork", "Vacancies", None, None, "c", status="c")
    zero = Observation("0", "Spend", 0.0, "0", "0", section="0", period="0", status="0", area="0")
    with Pack.create(tmp_path / "p.mpack") as pack:
        ds_id = pack.add_dataset(_table(), [gap, zero])
        rows = pack.db.execute("SELECT value, unit, section, period, status, area, typeof(value) FROM observation "
                               "WHERE dataset_id = ? ORDER BY id", (ds_id,)).fetchall()
    assert rows == [(None, None, None, None, "c", None, "null"), (0.0, "0", "0", "0", "0", "0", "real")]


def _indexes(pack):
    return sorted(pack.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                  "AND tbl_name = 'observation'").fetchall())


def test_bulk_insert_rebuilds_the_indexes_or_rolls_them_back(tmp_path, monkeypatch):
    with Pack.create(tmp_path / "p.mpack") as pack:
        indexes = _indexes(pack)
        assert len(indexes) == 2
        dropped = []
        with pack.transaction(), pack.bulk_insert():
            dropped = _indexes(pack)
            pack.add_dataset(_table(), [Observation("a", "b", 1.0, None, "1")])
        assert (dropped, _indexes(pack)) == ([], indexes)
        with pytest.raises(RuntimeError), pack.transaction(), pack.bulk_insert():
            raise RuntimeError("cancelled")
        assert _indexes(pack) == indexes
        monkeypatch.setattr("memberpack.store.pack._REBUILD_BELOW", 1)
        with pack.transaction(), pack.bulk_insert():
            assert _indexes(pack) == indexes      # a pack this big keeps its indexes up to date
        with pytest.raises(PackError):
            with pack.bulk_insert():
                pass


def test_row_roles_are_still_checked_and_indexed_after_the_migrations(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        assert [name for name, _ in _indexes(pack)] == ["observation_dataset", "observation_metric"]
        ds_id = pack.add_dataset(_table(), [])
        with pytest.raises(sqlite3.IntegrityError):
            pack.db.execute("INSERT INTO observation(dataset_id, row, col, label, measure, metric_id, display, "
                            "row_role, sheet, cell) VALUES (?, 0, 0, 'a', 'b', 'other', '', 'mean', '', '')", (ds_id,))


def test_figures_stored_alone_and_in_blocks_come_back_in_row_order(tmp_path):
    import numpy as np

    from memberpack.model.blocks import BlockColumn, Coded, FigureBlock

    def block(first, n):
        rows = np.arange(first, first + n, dtype=np.int32)
        return FigureBlock("S", rows, rows + 2, Coded.of([f"r{r}" for r in rows.tolist()]), Coded.same(None, n),
                           Coded.same("data", n), [BlockColumn(1, "B", "Q1", None, "other", None, rows * 1.0)])

    def alone(row, col=1):
        return Observation(f"r{row}", "Q1", float(row), None, str(row), row=row, col=col, sheet="S", cell=f"B{row + 2}")

    with Pack.create(tmp_path / "p.mpack") as pack:
        # a row before, between and after the blocks, and one inside a block's rows (which an
        # import never makes, but a pack could hold)
        ds_id = pack.add_dataset(_table(), [alone(0), block(1, 3), alone(4), block(5, 3), alone(6, col=2), alone(9)])
        got = [(o.row, o.col) for o in pack.observations(ds_id)]
        assert pack.figure_count(ds_id) == 10
    assert got == [(0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (6, 2), (7, 1), (9, 1)]


def test_a_damaged_block_is_refused_naming_the_pack(tmp_path):
    import numpy as np

    from memberpack.model.blocks import BlockColumn, Coded, FigureBlock

    rows = np.arange(3, dtype=np.int32)
    block = FigureBlock("S", rows, rows + 2, Coded.of(["a", "b", "c"]), Coded.same(None, 3), Coded.same("data", 3),
                        [BlockColumn(1, "B", "Q1", None, "other", None, np.array([1.5, 2.5, 3.5]))])
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        ds_id = pack.add_dataset(_table(), [block])
        pack.db.execute("UPDATE observation_block SET figures = substr(figures, 1, 10)")
        with pytest.raises(PackError, match=r"p\.mpack: a stored block of figures cannot be read .*damaged"):
            pack.observations(ds_id)
