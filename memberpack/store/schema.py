"""The pack file's schema and the migrations that bring an older pack up to date.

``PRAGMA application_id`` marks a file as a memberpack pack; ``PRAGMA user_version`` holds the
schema version. Migration N takes a pack from version N - 1 to N.
"""

APPLICATION_ID = 0x4D504B31  # "MPK1"

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE metric (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        domain   TEXT NOT NULL,
        unit     TEXT NOT NULL,
        polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'neutral'))
    );
    CREATE TABLE dataset (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL,
        version     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        source_file TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        sheet       TEXT NOT NULL,
        cell_range  TEXT NOT NULL,
        kind        TEXT NOT NULL,
        domain      TEXT NOT NULL,
        period      TEXT,
        layout_json TEXT NOT NULL DEFAULT '{}',
        report_json TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL,
        UNIQUE (key, version)
    );
    CREATE TABLE observation (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        row        INTEGER NOT NULL,
        col        INTEGER NOT NULL,
        label      TEXT NOT NULL,
        section    TEXT,
        measure    TEXT NOT NULL,
        metric_id  TEXT NOT NULL REFERENCES metric(id),
        period     TEXT,
        value      REAL,
        unit       TEXT,
        display    TEXT NOT NULL,
        status     TEXT,
        row_role   TEXT NOT NULL CHECK (row_role IN ('data', 'subtotal', 'total')),
        sheet      TEXT NOT NULL,
        cell       TEXT NOT NULL
    );
    CREATE INDEX observation_dataset ON observation(dataset_id, row, col);
    CREATE INDEX observation_metric ON observation(metric_id);
    CREATE TABLE layout_memory (
        shape_key   TEXT PRIMARY KEY,
        layout_json TEXT NOT NULL,
        saved_at    TEXT NOT NULL
    );
    CREATE TABLE annotation (
        uid           TEXT PRIMARY KEY,
        target_type   TEXT NOT NULL CHECK (target_type IN ('pack', 'dataset', 'metric', 'observation', 'chart')),
        dataset_key   TEXT,
        metric_id     TEXT,
        label         TEXT,
        section       TEXT,
        measure       TEXT,
        period        TEXT,
        value         REAL,
        display       TEXT,
        chart_id      TEXT,
        kind          TEXT NOT NULL CHECK (kind IN ('note', 'question', 'concern')),
        visibility    TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
        status        TEXT NOT NULL CHECK (status IN ('open', 'answered')),
        answer        TEXT,
        body          TEXT NOT NULL,
        author        TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        modified_at   TEXT NOT NULL,
        deleted       INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE annotation_history (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL,
        snapshot    TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    );
    """,
    # 2: comparisons: the area of an open-statistics figure, and statistical-neighbour lists
    """
    ALTER TABLE observation ADD COLUMN area TEXT;
    CREATE TABLE neighbour_list (
        id          INTEGER PRIMARY KEY,
        authority   TEXT NOT NULL,
        version     INTEGER NOT NULL,
        source_file TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        sheet       TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (authority, version)
    );
    CREATE TABLE neighbour (
        list_id   INTEGER NOT NULL REFERENCES neighbour_list(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL,
        old_code  TEXT NOT NULL,
        new_code  TEXT NOT NULL,
        closeness TEXT NOT NULL,
        PRIMARY KEY (list_id, position)
    );
    """,
    # 3: the row-role check written as comparisons: "IN (list)" builds a lookup table every time a
    # row is inserted, which was the largest single cost of storing an import
    """
    CREATE TABLE observation_v3 (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        row        INTEGER NOT NULL,
        col        INTEGER NOT NULL,
        label      TEXT NOT NULL,
        section    TEXT,
        measure    TEXT NOT NULL,
        metric_id  TEXT NOT NULL REFERENCES metric(id),
        period     TEXT,
        value      REAL,
        unit       TEXT,
        display    TEXT NOT NULL,
        status     TEXT,
        row_role   TEXT NOT NULL CHECK (row_role = 'data' OR row_role = 'subtotal' OR row_role = 'total'),
        sheet      TEXT NOT NULL,
        cell       TEXT NOT NULL,
        area       TEXT
    );
    INSERT INTO observation_v3 SELECT id, dataset_id, row, col, label, section, measure, metric_id, period, value,
        unit, display, status, row_role, sheet, cell, area FROM observation;
    DROP TABLE observation;
    ALTER TABLE observation_v3 RENAME TO observation;
    CREATE INDEX observation_dataset ON observation(dataset_id, row, col);
    CREATE INDEX observation_metric ON observation(metric_id);
    """,
    # 4: large runs of rows stored column-wise (memberpack.model.blocks, memberpack.store.block_codec)
    """
    CREATE TABLE observation_block (
        id         INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        first_row  INTEGER NOT NULL,
        row_count  INTEGER NOT NULL,
        cell_count INTEGER NOT NULL,
        head       TEXT NOT NULL,
        figures    BLOB NOT NULL
    );
    CREATE INDEX observation_block_dataset ON observation_block(dataset_id, first_row);
    """,
    # 5: a note's history found by its uid without reading the whole history
    """
    CREATE INDEX annotation_history_uid ON annotation_history(uid);
    """,
    # 6: exempt information (Schedule 12A): a table (every version of its key) or a note is Public
    # unless it has a row here; each change is kept with who made it and when
    """
    CREATE TABLE classification (
        target_type TEXT NOT NULL CHECK (target_type = 'dataset' OR target_type = 'note'),
        target_key  TEXT NOT NULL,
        paragraph   INTEGER NOT NULL CHECK (paragraph BETWEEN 1 AND 7),
        reason      TEXT NOT NULL DEFAULT '',
        set_by      TEXT NOT NULL,
        set_at      TEXT NOT NULL,
        PRIMARY KEY (target_type, target_key)
    );
    CREATE TABLE classification_history (
        id          INTEGER PRIMARY KEY,
        target_type TEXT NOT NULL,
        target_key  TEXT NOT NULL,
        paragraph   INTEGER,
        reason      TEXT NOT NULL DEFAULT '',
        set_by      TEXT NOT NULL,
        set_at      TEXT NOT NULL
    );
    """,
    # 7: a stored block's column may give each row its own metric and unit (rows whose label names a
    # metric); the blocks' table is unchanged, but a memberpack that cannot read them must refuse the pack
    """
    -- no table changes
    """,
    # 8: a stored block's column may hold its special cells (marks, RAG ratings, texts) in the blob
    # rather than in its head; the blocks' table is unchanged, but a memberpack that cannot read them
    # must refuse the pack
    """
    -- no table changes
    """,
    # 9: a stored block's column may give each row its own period (a comments or ``Month 1`` column
    # beside rows whose label names a year); the blocks' table is unchanged, but a memberpack that
    # cannot read them would give those columns the row's period, so it must refuse the pack
    """
    -- no table changes
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
