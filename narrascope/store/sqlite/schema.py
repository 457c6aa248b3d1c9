"""The SQLite schema as numbered migrations; a database records the last one applied in
`PRAGMA user_version` and is brought forward one transaction per migration."""

DEDUP = """
CREATE TABLE fingerprints (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    published TEXT,
    exact TEXT NOT NULL,
    minhash BLOB NOT NULL,
    origin TEXT
);
CREATE INDEX fingerprints_exact ON fingerprints(exact);
CREATE INDEX fingerprints_origin ON fingerprints(origin);
CREATE TABLE lsh_bands (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
"""

STORIES = """
CREATE TABLE vectors (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    day TEXT,
    vector BLOB NOT NULL,
    story_id TEXT
);
CREATE INDEX vectors_day ON vectors(day);
CREATE INDEX documents_story ON documents(story_id);
"""

THEMES = """
CREATE TABLE doc_themes (
    doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    theme_id TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (doc_rowid, theme_id)
) WITHOUT ROWID;
CREATE INDEX doc_themes_theme ON doc_themes(theme_id);
INSERT INTO doc_themes (doc_rowid, theme_id, score)
    SELECT d.rowid, json_extract(t.value, '$.id'), json_extract(t.value, '$.score')
    FROM documents d, json_each(d.annotations, '$.themes') t;
"""

PASSAGES = """
CREATE TABLE passages (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX passages_doc ON passages(doc_id);
CREATE TABLE vector_generation (n INTEGER NOT NULL);
INSERT INTO vector_generation VALUES (0);
CREATE TRIGGER passages_changed AFTER UPDATE ON passages
    BEGIN UPDATE vector_generation SET n = n + 1; END;
CREATE TRIGGER passages_deleted AFTER DELETE ON passages
    BEGIN UPDATE vector_generation SET n = n + 1; END
"""

COLLECT = """
CREATE TABLE collect_items (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    meta TEXT NOT NULL,
    reason TEXT,
    discovered_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX collect_items_state ON collect_items(state, discovered_at);
CREATE TABLE responses (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    content_type TEXT, etag TEXT, last_modified TEXT,
    fetched_at TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE source_state (source TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE engagement (
    doc_id TEXT NOT NULL, observed_at TEXT NOT NULL,
    views INTEGER, forwards INTEGER, replies INTEGER,
    PRIMARY KEY (doc_id, observed_at)
);
CREATE TABLE alerts (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,
    day TEXT NOT NULL, count INTEGER NOT NULL, baseline REAL NOT NULL, z REAL,
    outlets INTEGER NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT
);
CREATE INDEX alerts_day ON alerts(day);
"""

LEDGER = """
ALTER TABLE claims ADD COLUMN subject_id TEXT;
ALTER TABLE claims ADD COLUMN measure TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN bound TEXT NOT NULL DEFAULT 'exact';
ALTER TABLE claims ADD COLUMN low REAL;
ALTER TABLE claims ADD COLUMN high REAL;
ALTER TABLE claims ADD COLUMN time_stated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN speaker_id TEXT;
CREATE INDEX claims_ledger ON claims(subject_id, measure, period);
"""

CALENDAR = """
CREATE TABLE events (
    doc_id TEXT NOT NULL, event_id TEXT NOT NULL, kind TEXT NOT NULL, type TEXT, status TEXT,
    date TEXT, first_day TEXT, last_day TEXT, participants TEXT NOT NULL, place TEXT,
    title TEXT, count INTEGER, document TEXT NOT NULL DEFAULT '',
    start INTEGER, "end" INTEGER, text TEXT
);
CREATE INDEX events_day ON events(kind, first_day);
CREATE INDEX events_event ON events(event_id);
CREATE INDEX events_doc ON events(doc_id);
"""

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT, outlet TEXT, title TEXT, author TEXT, published TEXT, lang TEXT,
            forwarded_from TEXT, duplicate_of TEXT, story_id TEXT,
            raw_format TEXT NOT NULL,
            text TEXT NOT NULL,
            annotations TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE TABLE raw (
            rowid INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
            content BLOB NOT NULL
        );
        CREATE TABLE mentions (
            doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            entity_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE INDEX mentions_doc ON mentions(doc_rowid);
        CREATE TABLE failures (
            source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, doc_id TEXT,
            failed_at TEXT NOT NULL,
            PRIMARY KEY (source, stage)
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61');
        """,
    ),
    (
        2,
        """
        ALTER TABLE documents ADD COLUMN section TEXT;
        CREATE TABLE template_lines (
            outlet TEXT NOT NULL, key TEXT NOT NULL, doc_id TEXT NOT NULL,
            PRIMARY KEY (outlet, key, doc_id)
        ) WITHOUT ROWID;
        """,
    ),
    (3, DEDUP),
    (4, STORIES),
    (
        5,
        """
        CREATE TABLE quotes (
            doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            speaker_id TEXT, speaker TEXT, role TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE INDEX quotes_doc ON quotes(doc_rowid);
        CREATE TABLE claims (
            doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            subject TEXT, counted TEXT NOT NULL, value REAL NOT NULL, period TEXT,
            approximate INTEGER NOT NULL, sentence TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX claims_key ON claims(subject, counted, period);
        CREATE INDEX claims_doc ON claims(doc_rowid);
        """,
    ),
    (6, "CREATE TABLE template_docs (doc_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)"),
    (7, THEMES),
    (8, PASSAGES),
    (9, "ALTER TABLE documents ADD COLUMN date_source TEXT"),
    (10, COLLECT),
    (11, "ALTER TABLE documents ADD COLUMN scope TEXT"),
    (12, LEDGER),
    (13, CALENDAR),
]
