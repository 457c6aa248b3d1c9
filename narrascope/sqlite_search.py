"""Search, filters and themes over the SQLite store: bm25 over lemmas, vectors, per-theme rows.

Filters become one SQL condition over `documents d`, shared by full-text and vector search, so
both modes honour the same dates, outlet, language, theme and entity.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

import numpy as np

from narrascope.lemmas import query_terms
from narrascope.records import Theme
from narrascope.store import DocSummary, SearchFilters, SearchHit, ThemeCount
from narrascope.vector_index import VectorIndex

if TYPE_CHECKING:
    from narrascope.sqlite_store import SqliteStore

MIGRATION = """
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

FTS = """
SELECT d.id, d.source, d.title, d.outlet, d.published, bm25(documents_fts, 2.0, 1.0) AS rank
FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
WHERE documents_fts MATCH ? AND {where} ORDER BY rank LIMIT ?
"""

HIT_COLUMNS = "d.id, d.source, d.title, d.outlet, d.published"


def filter_sql(filters: SearchFilters | None) -> tuple[str, list[object]]:
    """One SQL condition over `documents d`, and its parameters."""
    if filters is None:
        return "1", []
    clauses: list[str] = []
    params: list[object] = []
    if filters.since:
        clauses.append("d.published >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("d.published < ?")
        params.append(filters.until + "\uffff")  # the whole last day, whatever the time part
    for column, value in (("d.outlet", filters.outlet), ("d.lang", filters.lang)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if filters.theme:
        clauses.append(
            "EXISTS (SELECT 1 FROM doc_themes t WHERE t.doc_rowid = d.rowid AND t.theme_id = ?)"
        )
        params.append(filters.theme)
    if filters.entity:
        clauses.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_rowid = d.rowid"
            " AND (m.entity_id = ? OR m.name = ?))"
        )
        params += [filters.entity, filters.entity]
    return (" AND ".join(clauses) or "1"), params


def hit(row: sqlite3.Row, score: float) -> SearchHit:
    return SearchHit(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        score=round(score, 6),
    )


class SqliteSearch:
    def __init__(self, store: SqliteStore) -> None:
        self.conn = store.conn
        self.index = VectorIndex(self.conn, None if store.path == ":memory:" else store.path)

    def fts(self, query: str, limit: int, filters: SearchFilters | None) -> list[SearchHit]:
        terms = query_terms(query)
        if not terms or limit <= 0:
            return []
        where, params = filter_sql(filters)
        sql = FTS.format(where=where)
        quoted = ["(" + " OR ".join(f'"{lemma}"' for lemma in lemmas) + ")" for lemmas in terms]
        rows = self.conn.execute(sql, (" AND ".join(quoted), *params, limit)).fetchall()
        if not rows and len(quoted) > 1:
            rows = self.conn.execute(sql, (" OR ".join(quoted), *params, limit)).fetchall()
        return [hit(row, -row["rank"]) for row in rows]

    def vectors(
        self, vector: np.ndarray, limit: int, filters: SearchFilters | None
    ) -> list[SearchHit]:
        if limit <= 0:
            return []
        allowed = None
        if filters is not None and not filters.empty:
            where, params = filter_sql(filters)
            found = self.conn.execute(f"SELECT d.id FROM documents d WHERE {where}", params)
            allowed = {row[0] for row in found}
        ranked = self.index.nearest(vector, limit, allowed)
        if not ranked:
            return []
        scores = dict(ranked)
        marks = ",".join("?" * len(scores))
        rows = self.conn.execute(
            f"SELECT {HIT_COLUMNS} FROM documents d WHERE d.id IN ({marks})", list(scores)
        ).fetchall()
        hits = [hit(row, scores[row["id"]]) for row in rows]
        return sorted(hits, key=lambda h: -h.score)

    def theme_documents(
        self, theme_id: str, limit: int, filters: SearchFilters | None
    ) -> list[SearchHit]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(
            f"SELECT {HIT_COLUMNS}, t.score FROM doc_themes t JOIN documents d"
            f" ON d.rowid = t.doc_rowid WHERE t.theme_id = ? AND {where}"
            " ORDER BY t.score DESC, d.published DESC LIMIT ?",
            (theme_id, *params, limit),
        ).fetchall()
        return [hit(row, row["score"]) for row in rows]

    def document_vectors(self, filters: SearchFilters | None) -> tuple[list[str], np.ndarray]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(
            "SELECT d.id, v.vector FROM documents d JOIN vectors v ON v.doc_id = d.id"
            f" WHERE d.duplicate_of IS NULL AND {where} ORDER BY d.published, d.rowid",
            params,
        ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [row[0] for row in rows], np.stack(
            [np.frombuffer(row[1], dtype="<f4") for row in rows]
        )

    def summaries(self, ids: Sequence[str]) -> dict[str, DocSummary]:
        found: dict[str, DocSummary] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.published, d.text,"
                " (SELECT group_concat(t.theme_id) FROM doc_themes t WHERE t.doc_rowid = d.rowid)"
                f" FROM documents d WHERE d.id IN ({marks})",
                chunk,
            )
            for doc_id, title, published, text, themes in rows:
                found[doc_id] = DocSummary(
                    id=doc_id,
                    title=title,
                    published=published,
                    text=f"{title or ''}\n{text}",
                    themes=themes.split(",") if themes else [],
                )
        return found

    def texts(self) -> Iterator[tuple[str, str, str | None]]:
        """(id, clean text, lang) of every stored document, for re-tagging."""
        yield from self.conn.execute("SELECT id, text, lang FROM documents ORDER BY rowid")

    def set_themes(self, updates: Sequence[tuple[str, list[Theme]]]) -> None:
        for doc_id, themes in updates:
            row = self.conn.execute(
                "SELECT rowid, annotations FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                continue
            annotations = json.loads(row["annotations"])
            annotations["themes"] = [asdict(theme) for theme in themes]
            self.conn.execute(
                "UPDATE documents SET annotations = ? WHERE rowid = ?",
                (json.dumps(annotations, ensure_ascii=False), row["rowid"]),
            )
            replace_themes(self.conn, row["rowid"], themes)

    def theme_counts(self, filters: SearchFilters | None) -> list[ThemeCount]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(
            "SELECT t.theme_id, count(*) AS n, count(DISTINCT coalesce(d.story_id, d.id))"
            " FROM doc_themes t JOIN documents d ON d.rowid = t.doc_rowid"
            f" WHERE d.duplicate_of IS NULL AND {where} GROUP BY t.theme_id ORDER BY n DESC",
            params,
        )
        return [ThemeCount(theme_id=r[0], documents=r[1], stories=r[2]) for r in rows]


def replace_themes(conn: sqlite3.Connection, rowid: int, themes: Sequence[Theme]) -> None:
    conn.execute("DELETE FROM doc_themes WHERE doc_rowid = ?", (rowid,))
    conn.executemany(
        "INSERT INTO doc_themes VALUES (?, ?, ?)", [(rowid, t.id, t.score) for t in themes]
    )
