"""The per-outlet template index in the SQL store: which documents of an outlet hold a line, and in
which order the documents were first seen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from narrascope.store.sql.base import marks
from narrascope.text.templates import MIN_TEMPLATE_DOCS

if TYPE_CHECKING:
    from narrascope.store.sql.base import Backend


class SqlTemplates:
    """The per-outlet template index kept in the database, so learning survives across runs."""

    def __init__(self, store: Backend) -> None:
        self.store = store

    def observe(self, outlet: str, doc_id: str, keys: Iterable[str]) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO template_docs (doc_id, seq)"
                " SELECT ?, coalesce(max(seq), 0) + 1 FROM template_docs WHERE TRUE"
                " ON CONFLICT DO NOTHING",
                (doc_id,),
            )
            conn.executemany(
                "INSERT INTO template_lines VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(outlet, key, doc_id) for key in keys],
            )

    def frequent(self, outlet: str, doc_id: str, keys: Iterable[str]) -> frozenset[str]:
        wanted = list(keys)
        found: set[str] = set()
        row = self.store.conn.execute("SELECT seq FROM template_docs WHERE doc_id = ?", (doc_id,))
        mine = (row.fetchone() or (1 << 62,))[0]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.store.conn.execute(
                f"SELECT t.key FROM template_lines t LEFT JOIN template_docs d USING (doc_id)"
                f" WHERE t.outlet = ? AND t.key IN ({marks(len(chunk))})"
                f" AND coalesce(d.seq, 0) <= ? GROUP BY t.key HAVING count(*) >= ?",
                (outlet, *chunk, mine, MIN_TEMPLATE_DOCS),
            )
            found.update(key for (key,) in rows)
        return frozenset(found)
