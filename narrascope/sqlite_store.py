"""The embedded SQLite backend: WAL, versioned migrations, idempotent upserts, FTS5 over lemmas."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import numpy as np

from narrascope import sqlite_collect, sqlite_dedup, sqlite_search, sqlite_vectors, vector_index
from narrascope.lemmas import lemma_text
from narrascope.records import Document, Failure, Theme
from narrascope.sqlite_templates import SqliteTemplates
from narrascope.sqlite_views import SqliteViews
from narrascope.store import (
    Conflict,
    DocSummary,
    SearchFilters,
    SearchHit,
    SpeakerPosition,
    Stats,
    ThemeCount,
)

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
    (3, sqlite_dedup.MIGRATION),
    (4, sqlite_vectors.MIGRATION),
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
    (7, sqlite_search.MIGRATION),
    (8, vector_index.MIGRATION),
    (9, "ALTER TABLE documents ADD COLUMN date_source TEXT"),
    (10, sqlite_collect.MIGRATION),
]

UPSERT_DOCUMENT = """
INSERT INTO documents (id, source, url, outlet, title, author, published, date_source, lang,
    forwarded_from, section, duplicate_of, story_id, raw_format, text, annotations, ingested_at)
VALUES (:id, :source, :url, :outlet, :title, :author, :published, :date_source, :lang,
    :forwarded_from, :section, :duplicate_of, :story_id, :raw_format, :text, :annotations,
    :ingested_at)
ON CONFLICT(id) DO UPDATE SET
    source = excluded.source, url = excluded.url, outlet = excluded.outlet, title = excluded.title,
    author = excluded.author, published = excluded.published, date_source = excluded.date_source,
    lang = excluded.lang,
    forwarded_from = excluded.forwarded_from, section = excluded.section,
    duplicate_of = excluded.duplicate_of,
    story_id = excluded.story_id, raw_format = excluded.raw_format, text = excluded.text,
    annotations = excluded.annotations
RETURNING rowid
"""


ANNOTATION_FIELDS = ("entities", "quotes", "figures", "themes")

SPEAKERS = """
SELECT q.speaker_id, max(q.speaker), q.role, min(d.published), max(d.published),
       count(DISTINCT d.id), group_concat(DISTINCT d.id)
FROM quotes q JOIN documents d ON d.rowid = q.doc_rowid
WHERE q.speaker_id IS NOT NULL
GROUP BY q.speaker_id, q.role ORDER BY count(DISTINCT d.id) DESC, max(q.speaker) LIMIT ?
"""

CONFLICTS = """
SELECT a.subject, a.counted, a.period, da.id, a.value, a.sentence, db.id, b.value, b.sentence
FROM claims a JOIN claims b ON a.subject = b.subject AND a.counted = b.counted
    AND a.period IS b.period AND a.value != b.value AND a.doc_rowid < b.doc_rowid
JOIN documents da ON da.rowid = a.doc_rowid JOIN documents db ON db.rowid = b.doc_rowid
WHERE a.approximate = 0 AND b.approximate = 0 AND a.subject IS NOT NULL AND a.counted != ''
ORDER BY a.subject, a.counted
"""


class SqliteStore:
    def __init__(self, path: str) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.migrate()
        self.searcher = sqlite_search.SqliteSearch(self)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def migrate(self) -> None:
        for version, script in MIGRATIONS:
            if version <= self.schema_version():
                continue
            with self.transaction() as conn:
                for statement in statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")

    def upsert(self, docs: Sequence[Document], failures: Sequence[Failure] = ()) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            for doc in docs:
                self._upsert_one(conn, doc, now)
            for failure in failures:
                conn.execute(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?)",
                    (failure.source, failure.stage, failure.reason, failure.doc_id, now),
                )
            seen = [(doc.id, doc.engagement) for doc in docs if doc.engagement is not None]
            sqlite_collect.write_engagement(conn, seen, now)

    def _upsert_one(self, conn: sqlite3.Connection, doc: Document, now: str) -> None:
        row = document_row(doc)
        rowid = conn.execute(UPSERT_DOCUMENT, {**row, "ingested_at": now}).fetchone()[0]
        conn.execute(
            "INSERT OR REPLACE INTO raw VALUES (?, ?)",
            (rowid, zlib.compress((doc.raw or "").encode("utf-8"))),
        )
        conn.execute("DELETE FROM mentions WHERE doc_rowid = ?", (rowid,))
        conn.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
            [(rowid, e.id, e.name, e.type, e.start, e.end) for e in doc.entities],
        )
        conn.execute("DELETE FROM quotes WHERE doc_rowid = ?", (rowid,))
        conn.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rowid, q.speaker_id, q.speaker, q.role, q.start, q.end, q.text) for q in doc.quotes],
        )
        conn.execute("DELETE FROM claims WHERE doc_rowid = ?", (rowid,))
        conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    c.subject,
                    c.counted,
                    c.value,
                    c.period,
                    int(c.approximate),
                    c.sentence,
                    c.start,
                    c.end,
                )
                for c in doc.claims
            ],
        )
        sqlite_search.replace_themes(conn, rowid, doc.themes)
        vector_index.store_passages(conn, doc.id, doc.passages)
        conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, lemma_text(doc.title or ""), lemma_text(doc.text or "")),
        )
        conn.execute("DELETE FROM failures WHERE source = ?", (doc.source,))

    def get(self, doc_id: str) -> Document | None:
        row = self.conn.execute(
            "SELECT d.*, r.content FROM documents d LEFT JOIN raw r ON r.rowid = d.rowid"
            " WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return document_from_row(row) if row else None

    def search(
        self, query: str, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        return self.searcher.fts(query, limit, filters)

    def vector_search(
        self, vector: np.ndarray, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        return self.searcher.vectors(vector, limit, filters)

    def summaries(self, ids: Sequence[str]) -> dict[str, DocSummary]:
        return self.searcher.summaries(ids)

    def latest_published(self) -> str | None:
        value = self.conn.execute("SELECT max(published) FROM documents").fetchone()[0]
        return str(value) if value else None

    def theme_documents(
        self, theme_id: str, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        return self.searcher.theme_documents(theme_id, limit, filters)

    def texts(self) -> Iterator[tuple[str, str, str | None]]:
        return self.searcher.texts()

    def set_themes(self, updates: Sequence[tuple[str, list[Theme]]]) -> None:
        with self.transaction():
            self.searcher.set_themes(updates)

    def theme_counts(self, filters: SearchFilters | None = None) -> list[ThemeCount]:
        return self.searcher.theme_counts(filters)

    def document_vectors(
        self, filters: SearchFilters | None = None
    ) -> tuple[list[str], np.ndarray]:
        return self.searcher.document_vectors(filters)

    def count(self) -> int:
        value: int = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        return value

    def stats(self) -> Stats:
        def grouped(column: str) -> dict[str, int]:
            rows = self.conn.execute(
                f"SELECT coalesce({column}, '?'), count(*) AS n FROM documents"
                f" GROUP BY 1 ORDER BY n DESC, 1"
            )
            return dict(rows.fetchall())

        return Stats(
            documents=self.count(),
            entities=self.conn.execute("SELECT count(*) FROM mentions").fetchone()[0],
            failures=self.conn.execute("SELECT count(*) FROM failures").fetchone()[0],
            by_outlet=grouped("outlet"),
            by_lang=grouped("lang"),
        )

    def failures(self) -> list[Failure]:
        rows = self.conn.execute(
            "SELECT source, stage, reason, doc_id FROM failures ORDER BY failed_at, source"
        )
        return [Failure(source=s, stage=st, reason=r, doc_id=d) for s, st, r, d in rows]

    def speakers(self, limit: int = 50) -> list[SpeakerPosition]:
        """The speaker registry: each person with each position they were quoted under, first
        and last seen (publication dates) and the documents."""
        rows = self.conn.execute(SPEAKERS, (limit,))
        return [
            SpeakerPosition(
                speaker_id=row[0],
                speaker=row[1],
                role=row[2],
                first_seen=row[3],
                last_seen=row[4],
                count=row[5],
                documents=row[6].split(","),
            )
            for row in rows
        ]

    def conflicts(self) -> list[Conflict]:
        """One claim (subject, what is counted, period) stated with different exact values."""
        return [Conflict(*row) for row in self.conn.execute(CONFLICTS)]

    def templates(self) -> SqliteTemplates:
        return SqliteTemplates(self)

    def duplicates(self) -> sqlite_dedup.SqliteDuplicates:
        return sqlite_dedup.SqliteDuplicates(self)

    def stories(self) -> sqlite_vectors.SqliteStories:
        return sqlite_vectors.SqliteStories(self)

    def story(self, story_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE story_id = ? ORDER BY published, rowid", (story_id,)
        )
        return [row[0] for row in rows]

    def reprints(self, doc_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE duplicate_of = ? ORDER BY published, rowid", (doc_id,)
        )
        return [row[0] for row in rows]

    def collection(self) -> sqlite_collect.SqliteCollection:
        return sqlite_collect.SqliteCollection(self)

    def views(self) -> SqliteViews:
        return SqliteViews(self.conn)

    def close(self) -> None:
        self.conn.close()


def statements(script: str) -> Iterator[str]:
    """A migration script as single statements (a trigger body keeps its inner semicolons)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def document_row(doc: Document) -> dict[str, object]:
    data = doc.as_dict()
    annotations = {name: data.pop(name) for name in ANNOTATION_FIELDS}
    data.pop("raw")
    data.pop("embedding")
    data.pop("engagement")
    annotations["claims"] = data.pop("claims")
    data["text"] = doc.text or ""
    data["annotations"] = json.dumps(annotations, ensure_ascii=False)
    return data


def document_from_row(row: sqlite3.Row) -> Document:
    data = {key: row[key] for key in row.keys() if key not in ("rowid", "ingested_at", "content")}  # noqa: SIM118 - sqlite3.Row has no __iter__ over keys
    data.update(json.loads(data.pop("annotations")))
    data["raw"] = zlib.decompress(row["content"]).decode("utf-8") if row["content"] else None
    return Document.from_dict(data)
