"""Filters, vector search and themes over the SQL stores (full-text search is each backend's own).

Filters become one SQL condition over `documents d`, shared by full-text and vector search, so
both modes honour the same dates, outlet, language, scope, theme and entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.records import IN_SCOPE, OUT_OF_SCOPE, Document, Entity, Scope, Theme
from narrascope.store.protocol import (
    DocSummary,
    SearchFilters,
    SearchHit,
    ThemeCount,
)
from narrascope.store.sql.base import SCOPE_OF_D, THEMES_OF_D, Connection, marks
from narrascope.store.vectors.index import VectorIndex

HIT_COLUMNS = "d.id, d.source, d.title, d.outlet, d.published"
TEXTS_PAGE = 500


def filter_sql(filters: SearchFilters | None) -> tuple[str, list[object]]:
    """One SQL condition over `documents d`, and its parameters."""
    if filters is None:
        return "TRUE", []
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
    if filters.scope:
        clauses.append(f"{SCOPE_OF_D} = ?")
        params.append(filters.scope)
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
    return (" AND ".join(clauses) or "TRUE"), params


def scope_label(scope: Scope | None) -> str | None:
    """The scope column's value: "in", "out", or NULL for a document never judged."""
    if scope is None:
        return None
    return IN_SCOPE if scope.in_scope else OUT_OF_SCOPE


def tag_input(row: Any) -> Document:
    """A stored document as `retag` reads it: the lead's vector is the passage at offset 0."""
    annotations = json.loads(row["annotations"])
    vector = row["vector"]
    return Document(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        text=row["text"],
        lang=row["lang"],
        published=row["published"],
        entities=[Entity(**entity) for entity in annotations.get("entities") or []],
        quotes=Document.from_dict({"id": "", "source": "", **annotations}).quotes,
        embedding=np.frombuffer(bytes(vector), dtype="<f4").copy() if vector else None,
    )


def hit(row: Any, score: float) -> SearchHit:
    return SearchHit(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        score=round(score, 6),
    )


class SqlSearch:
    def __init__(self, conn: Connection, cache: Path | None) -> None:
        self.conn = conn
        self.index = VectorIndex(conn, cache)

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
        rows = self.conn.execute(
            f"SELECT {HIT_COLUMNS} FROM documents d WHERE d.id IN ({marks(len(scores))})",
            list(scores),
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
            " ORDER BY t.score DESC, d.published DESC NULLS LAST, d.rowid LIMIT ?",
            (theme_id, *params, limit),
        ).fetchall()
        return [hit(row, row["score"]) for row in rows]

    def document_vectors(self, filters: SearchFilters | None) -> tuple[list[str], np.ndarray]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(
            "SELECT d.id, v.vector FROM documents d JOIN vectors v ON v.doc_id = d.id"
            f" WHERE d.duplicate_of IS NULL AND {where} ORDER BY d.published NULLS FIRST, d.rowid",
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
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.published, d.text,"
                f" {THEMES_OF_D}"
                f" FROM documents d WHERE d.id IN ({marks(len(chunk))})",
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
        """(id, clean text, lang) of every stored document, for re-tagging, a page at a time."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT rowid, id, text, lang FROM documents WHERE rowid > ?"
                " ORDER BY rowid LIMIT ?",
                (last, TEXTS_PAGE),
            ).fetchall()
            for row in rows:
                yield row[1], row[2], row[3]
            if len(rows) < TEXTS_PAGE:
                return
            last = rows[-1][0]

    def tag_inputs(self) -> Iterator[Document]:
        """Stored documents as re-tagging reads them, a page at a time."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT d.rowid, d.id, d.source, d.title, d.text, d.lang, d.published,"
                " d.annotations,"
                " p.vector FROM documents d LEFT JOIN passages p"
                " ON p.doc_id = d.id AND p.start = 0"
                " WHERE d.rowid > ? ORDER BY d.rowid LIMIT ?",
                (last, TEXTS_PAGE),
            ).fetchall()
            for row in rows:
                yield tag_input(row)
            if len(rows) < TEXTS_PAGE:
                return
            last = rows[-1][0]

    def set_tags(self, updates: Sequence[tuple[str, Scope | None, list[Theme]]]) -> None:
        for doc_id, scope, themes in updates:
            row = self.conn.execute(
                "SELECT rowid, annotations FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                continue
            annotations = json.loads(row["annotations"])
            annotations["themes"] = [asdict(theme) for theme in themes]
            annotations["scope"] = asdict(scope) if scope is not None else None
            self.conn.execute(
                "UPDATE documents SET annotations = ?, scope = ? WHERE rowid = ?",
                (json.dumps(annotations, ensure_ascii=False), scope_label(scope), row["rowid"]),
            )
            replace_themes(self.conn, row["rowid"], themes)

    def theme_counts(self, filters: SearchFilters | None) -> list[ThemeCount]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(
            "SELECT t.theme_id, count(*) AS n, count(DISTINCT coalesce(d.story_id, d.id))"
            " FROM doc_themes t JOIN documents d ON d.rowid = t.doc_rowid"
            f" WHERE d.duplicate_of IS NULL AND {where} GROUP BY t.theme_id"
            " ORDER BY n DESC, t.theme_id",
            params,
        )
        return [ThemeCount(theme_id=r[0], documents=r[1], stories=r[2]) for r in rows]


INSERT_THEME = "INSERT INTO doc_themes VALUES (?, ?, ?)"


def replace_themes(conn: Connection, rowid: int, themes: Sequence[Theme]) -> None:
    conn.execute("DELETE FROM doc_themes WHERE doc_rowid = ?", (rowid,))
    conn.executemany(INSERT_THEME, [(rowid, t.id, t.score) for t in themes])
