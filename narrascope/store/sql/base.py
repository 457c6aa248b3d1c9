"""What the SQL backends share: the connection they are driven through, and the few expressions
whose spelling differs between SQLite and PostgreSQL.

Every query of the shared modules (`sql_store`, `sql_search`, `sql_views`, `sql_collect`,
`sql_dedup`, `sql_stories`, `sql_templates`, `vector_index`) is written once, in the subset both
dialects read alike, with `?` placeholders; the PostgreSQL connection rewrites those to psycopg's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Literal, Protocol

from narrascope.records import IN_SCOPE

Dialect = Literal["sqlite", "postgresql"]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """sqlite3's connection, or the pooled PostgreSQL one; rows read by index or column name."""

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...


class Backend(Protocol):
    """The part of a store the shared modules use."""

    dialect: Dialect

    @property
    def conn(self) -> Connection: ...

    def transaction(self) -> AbstractContextManager[Connection]: ...


# The Monday of a row's week, as 'YYYY-MM-DD'.
WEEK_SQL: dict[Dialect, str] = {
    "sqlite": "date(substr(d.published, 1, 10), '-6 days', 'weekday 1')",
    "postgresql": "to_char(date_trunc('week', substr(d.published, 1, 10)::date), 'YYYY-MM-DD')",
}


def period_sql(dialect: Dialect, period: str) -> str:
    """The period ('day', 'week', 'month') of `documents d` as text."""
    if period == "week":
        return WEEK_SQL[dialect]
    return {"day": "substr(d.published, 1, 10)", "month": "substr(d.published, 1, 7)"}[period]


# A document never judged counts as in scope.
SCOPE_OF_D = f"coalesce(d.scope, '{IN_SCOPE}')"

# A document's theme ids, strongest first, comma-separated.
THEMES_OF_D = (
    "(SELECT group_concat(theme_id) FROM (SELECT t.theme_id FROM doc_themes t"
    " WHERE t.doc_rowid = d.rowid ORDER BY t.score DESC, t.theme_id) ranked)"
)


def marks(count: int) -> str:
    return ",".join("?" * count)
