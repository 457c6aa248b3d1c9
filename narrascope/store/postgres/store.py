"""The PostgreSQL backend: a psycopg 3 connection pool, migrations, a tsvector + GIN full-text index
over lemmas; every other operation is `SqlStore`'s, over the same queries as SQLite.

Vectors: the machines this runs on have no pgvector, so passage vectors are stored as float32
bytea rows (the truth, transactional with their document) and searched by the same in-process
index as SQLite's (`vector_index`: exact up to 100k passages, a faiss IVF index proposing
candidates above), kept in step by sequence number; it needs no extension and gives the same
neighbours on both backends. Without a database file beside it, the index is read from the table
(and the IVF index trained) once per process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ClassVar

import psycopg
from psycopg import Connection as PsycopgConnection
from psycopg import Cursor as PsycopgCursor
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from narrascope.store.postgres.schema import MIGRATIONS
from narrascope.store.protocol import StoreUnavailable
from narrascope.store.sql.base import Dialect
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sql.search import SqlSearch

# The matches are gathered through the GIN index first (a materialised CTE): left to itself,
# the planner may walk the rowid index backwards testing every row for the `LIMIT`, 25-40 ms at
# 10k documents for a word no document holds, against 2-3 ms this way. Only the latest
# candidates are ranked.
FTS = """
WITH query AS (SELECT to_tsquery('simple', ?) AS q),
matched AS MATERIALIZED (
    SELECT d.rowid FROM documents d, query WHERE d.fts @@ query.q AND {where}
)
SELECT d.rowid AS doc_rowid, d.id, d.source, d.title, d.outlet, d.published,
       ts_rank('{{0.1, 0.2, 0.5, 1.0}}', d.fts, query.q) AS rank
FROM (SELECT rowid FROM matched ORDER BY rowid DESC LIMIT ?) latest
JOIN documents d ON d.rowid = latest.rowid, query
ORDER BY rank DESC, doc_rowid LIMIT ?
"""
INDEX_TEXT = """
UPDATE documents SET fts = setweight(to_tsvector('simple', ?), 'A')
    || setweight(to_tsvector('simple', ?), 'B')
WHERE rowid = ?
"""
# tsvector holds at most 1 MB; the body's lemmas past this many characters are not indexed.
MAX_INDEXED_CHARS = 400_000
SCHEMA_VERSION = "SELECT coalesce(max(version), 0) FROM narrascope_schema"
MIGRATION_LOCK = 0x6E61_7272  # pg_advisory_xact_lock key: one migrating process at a time
TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%|(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """`?` and `:name` placeholders as psycopg's `%s` and `%(name)s`; a literal % doubled."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("'"):
            return token.replace("%", "%%")
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return f"%({match.group(1)})s"

    return TOKENS.sub(swap, sql)


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like sqlite3.Row."""

    __slots__ = ()
    columns: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            key = self.columns[key]
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self.columns)


@lru_cache(maxsize=256)
def row_class(names: tuple[str, ...]) -> type[Row]:
    columns = {name: index for index, name in enumerate(names)}
    return type("Row", (Row,), {"__slots__": (), "columns": columns})


def make_row(cursor: PsycopgCursor[Any]) -> Any:
    return row_class(tuple(column.name for column in cursor.description or ()))


class Result:
    """A statement's rows, read before its connection goes back to the pool."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount
        self.position = 0

    def fetchone(self) -> Any:
        if self.position >= len(self.rows):
            return None
        self.position += 1
        return self.rows[self.position - 1]

    def fetchall(self) -> list[Any]:
        rest = self.rows[self.position :]
        self.position = len(self.rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """The shared queries' connection: each statement borrows a pooled connection, unless the
    thread is inside `transaction()`, which holds one connection until it commits."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self.local = threading.local()

    def pinned(self) -> PsycopgConnection[Any] | None:
        return getattr(self.local, "conn", None)

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        held = self.pinned()
        if held is not None:
            with held.transaction():  # a savepoint inside the outer transaction
                yield self
            return
        with self.pool.connection() as conn, conn.transaction():
            self.local.conn = conn
            try:
                yield self
            finally:
                self.local.conn = None

    def execute(self, sql: str, parameters: Any = (), /) -> Result:
        return self._on_connection(lambda cursor: cursor.execute(to_psycopg(sql), parameters))

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Result:
        rows = list(parameters)
        if not rows:
            return Result([], 0)
        return self._on_connection(lambda cursor: cursor.executemany(to_psycopg(sql), rows))

    def script(self, sql: str) -> None:
        """Several statements, no parameters (a migration)."""
        self._on_connection(lambda cursor: cursor.execute(sql.encode("utf-8")))

    def _on_connection(self, run: Any) -> Result:
        held = self.pinned()
        if held is not None:
            return self._run(held, run)
        with self.pool.connection() as conn:
            return self._run(conn, run)

    @staticmethod
    def _run(conn: PsycopgConnection[Any], run: Any) -> Result:
        with conn.cursor(row_factory=make_row) as cursor:
            run(cursor)
            rows = cursor.fetchall() if cursor.description else []
            return Result(rows, cursor.rowcount)


class PgStore(SqlStore):
    dialect: Dialect = "postgresql"
    fts_sql = FTS

    def __init__(self, url: str, max_connections: int = 8) -> None:
        self.url = url
        check_reachable(url)
        self.pool = ConnectionPool(
            url, min_size=1, max_size=max_connections, open=True, name="narrascope"
        )
        self.pool.wait(timeout=30)
        self.db = PgConnection(self.pool)
        self.migrate()
        self.searcher = SqlSearch(self.db, None)

    @property
    def conn(self) -> PgConnection:
        return self.db

    def transaction(self) -> Any:
        return self.db.transaction()

    def schema_version(self) -> int:
        return int(self.db.execute(SCHEMA_VERSION).fetchone()[0])

    def migrate(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            conn.script("CREATE TABLE IF NOT EXISTS narrascope_schema (version INTEGER NOT NULL)")
            applied = int(conn.execute(SCHEMA_VERSION).fetchone()[0])
            for version, script in MIGRATIONS:
                if version > applied:
                    conn.script(script)
                    conn.execute("INSERT INTO narrascope_schema VALUES (?)", (version,))

    def index_texts(self, conn: Any, texts: list[tuple[int, str, str]]) -> None:
        conn.executemany(INDEX_TEXT, [(t, body[:MAX_INDEXED_CHARS], r) for r, t, body in texts])

    def matches(self, terms: list[tuple[str, ...]], every: bool) -> str:
        groups = ["(" + " | ".join(lexeme(lemma) for lemma in lemmas) + ")" for lemmas in terms]
        return (" & " if every else " | ").join(groups)

    def close(self) -> None:
        self.pool.close()


def check_reachable(url: str) -> None:
    """One direct connection first, so a wrong URL fails at once with the server's reason
    (the pool would keep retrying in the background)."""
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as error:
        try:
            where = conninfo_to_dict(url)
        except psycopg.Error:
            where = {}
        server = f"{where.get('host', '?')}:{where.get('port', 5432)}/{where.get('dbname', '?')}"
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StoreUnavailable(f"cannot open PostgreSQL at {server}: {reason}") from None


def lexeme(lemma: str) -> str:
    """A lemma quoted for to_tsquery, so its characters are never read as operators."""
    return "'" + lemma.replace("\\", "\\\\").replace("'", "''") + "'"
