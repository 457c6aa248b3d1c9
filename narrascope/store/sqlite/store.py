"""The embedded SQLite backend: WAL, versioned migrations, FTS5 over lemmas, vectors by the file.

Everything but the connection, the migrations and the full-text index is `SqlStore`'s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from narrascope.store.sql.base import Connection, Dialect
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sql.search import SqlSearch
from narrascope.store.sqlite.schema import MIGRATIONS

FTS = """
SELECT * FROM (
    SELECT d.rowid AS doc_rowid, d.id, d.source, d.title, d.outlet, d.published,
           bm25(documents_fts, 2.0, 1.0) AS rank
    FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
    WHERE documents_fts MATCH ? AND {where} ORDER BY documents_fts.rowid DESC LIMIT ?
) ORDER BY rank, doc_rowid LIMIT ?
"""


class SqliteStore(SqlStore):
    dialect: Dialect = "sqlite"
    fts_sql = FTS

    def __init__(self, path: str) -> None:
        self.path = path
        self.connection = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("PRAGMA synchronous = NORMAL")
        self.connection.execute("PRAGMA foreign_keys = ON")
        self.migrate()
        self.searcher = SqlSearch(self.conn, None if path == ":memory:" else Path(path))

    @property
    def conn(self) -> sqlite3.Connection:
        return self.connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def schema_version(self) -> int:
        version: int = self.connection.execute("PRAGMA user_version").fetchone()[0]
        return version

    def migrate(self) -> None:
        for version, script in MIGRATIONS:
            if version <= self.schema_version():
                continue
            with self.transaction() as conn:
                for statement in statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")

    def index_texts(self, conn: Connection, texts: list[tuple[int, str, str]]) -> None:
        conn.executemany("DELETE FROM documents_fts WHERE rowid = ?", [(t[0],) for t in texts])
        conn.executemany("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)", texts)

    def matches(self, terms: list[tuple[str, ...]], every: bool) -> str:
        quoted = ["(" + " OR ".join(f'"{lemma}"' for lemma in lemmas) + ")" for lemmas in terms]
        return (" AND " if every else " OR ").join(quoted)

    def score(self, rank: float) -> float:
        return -rank  # bm25: lower is better

    def close(self) -> None:
        self.connection.close()


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
