"""The analyst's read views over the SQL stores: document lists, entities, quotes, series.

Every view takes the same `SearchFilters` as search, turned into one SQL condition over
`documents d`; counts of reports leave reprints out where the view says "originals".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from narrascope.store.protocol import SearchFilters
from narrascope.store.sql.base import THEMES_OF_D, Connection, Dialect, marks, period_sql
from narrascope.store.sql.search import filter_sql
from narrascope.views import (
    DocRow,
    Edge,
    EntityRow,
    HealthRow,
    OutletRow,
    Period,
    PeriodCount,
    QuoteRow,
    StoryRow,
)

DOC_COLUMNS = f"""
SELECT d.id, d.title, d.outlet, d.published, d.lang, d.url, d.duplicate_of, d.story_id,
       {THEMES_OF_D} AS themes,
       substr(d.text, 1, 240) AS lead, d.scope
FROM documents d
"""
DOC_ROWS = (
    DOC_COLUMNS
    + "WHERE {where} ORDER BY d.published IS NULL, d.published DESC, d.rowid DESC LIMIT ? OFFSET ?"
)

ENTITIES = """
SELECT m.entity_id, max(m.name), max(m.type), count(DISTINCT m.doc_rowid) AS docs, count(*)
FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid
WHERE {where} {typed} GROUP BY m.entity_id ORDER BY docs DESC, max(m.name) LIMIT ?
"""

CO_MENTIONS = """
SELECT o.entity_id, max(o.name), max(o.type), count(DISTINCT o.doc_rowid) AS docs, count(*)
FROM mentions m JOIN mentions o ON o.doc_rowid = m.doc_rowid AND o.entity_id != m.entity_id
JOIN documents d ON d.rowid = m.doc_rowid
WHERE m.entity_id = ? AND {where} GROUP BY o.entity_id ORDER BY docs DESC, max(o.name) LIMIT ?
"""

QUOTES = """
SELECT d.id, d.title, d.outlet, d.published, q.speaker_id, q.speaker, q.role, q.text,
       q.start, q."end"
FROM quotes q JOIN documents d ON d.rowid = q.doc_rowid
WHERE {where} {speaker} ORDER BY d.published IS NULL, d.published DESC, d.rowid, q.start
LIMIT ? OFFSET ?
"""

THEME_SERIES = """
SELECT {period} AS p, t.theme_id, count(*), count(DISTINCT coalesce(d.story_id, d.id))
FROM doc_themes t JOIN documents d ON d.rowid = t.doc_rowid
WHERE d.duplicate_of IS NULL AND d.published IS NOT NULL AND {where}
GROUP BY p, t.theme_id ORDER BY p, t.theme_id
"""

EDGES = """
WITH top AS (
    SELECT m.entity_id FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid
    WHERE {where} GROUP BY m.entity_id ORDER BY count(DISTINCT m.doc_rowid) DESC, m.entity_id
    LIMIT ?
), pairs AS (
    SELECT DISTINCT m.doc_rowid, m.entity_id FROM mentions m JOIN documents d
    ON d.rowid = m.doc_rowid WHERE m.entity_id IN (SELECT entity_id FROM top) AND {where}
), names AS (
    SELECT entity_id, max(name) AS name FROM mentions
    WHERE entity_id IN (SELECT entity_id FROM top) GROUP BY entity_id
)
SELECT a.entity_id, na.name, b.entity_id, nb.name, count(*) AS docs
FROM pairs a JOIN pairs b ON a.doc_rowid = b.doc_rowid AND a.entity_id < b.entity_id
JOIN names na ON na.entity_id = a.entity_id JOIN names nb ON nb.entity_id = b.entity_id
GROUP BY a.entity_id, na.name, b.entity_id, nb.name HAVING count(*) >= ?
ORDER BY docs DESC, a.entity_id, b.entity_id
"""

OUTLETS = """
SELECT coalesce(d.outlet, '?'), count(*), count(*) FILTER (WHERE d.duplicate_of IS NULL),
       min(d.published),
       max(d.published)
FROM documents d WHERE {where} GROUP BY 1 ORDER BY count(*) DESC, 1
"""

STORIES = """
WITH scope AS (
    SELECT d.id, d.outlet, d.published, d.rowid, coalesce(d.story_id, d.duplicate_of, d.id) AS story
    FROM documents d WHERE {where}
), ranked AS (
    SELECT story, id, published,
           row_number() OVER (PARTITION BY story ORDER BY published IS NULL, published, rowid) AS n
    FROM scope
)
SELECT w.story, count(*) AS docs, count(DISTINCT w.outlet), r.id, r.published
FROM scope w JOIN ranked r ON r.story = w.story AND r.n = 1
GROUP BY w.story, r.id, r.published
ORDER BY docs DESC, count(DISTINCT w.outlet) DESC, r.published DESC NULLS LAST, w.story
LIMIT ?
"""

HEALTH = """
SELECT coalesce(substr(d.published, 1, 10), '') AS day, coalesce(d.outlet, '?'), count(*),
       count(*) FILTER (WHERE d.duplicate_of IS NOT NULL),
       count(*) FILTER (WHERE d.date_source = 'inferred'),
       count(*) FILTER (WHERE d.published IS NULL)
FROM documents d WHERE {where} GROUP BY day, 2 ORDER BY day DESC, 2
"""


class SqlViews:
    def __init__(self, conn: Connection, dialect: Dialect) -> None:
        self.conn = conn
        self.dialect = dialect

    def documents(self, filters: SearchFilters | None, limit: int, offset: int) -> list[DocRow]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(DOC_ROWS.format(where=where), (*params, limit, offset))
        return [doc_row(row) for row in rows]

    def documents_by_id(self, ids: Sequence[str]) -> list[DocRow]:
        rows = self.conn.execute(f"{DOC_COLUMNS} WHERE d.id IN ({marks(len(ids))})", list(ids))
        found = {row[0]: doc_row(row) for row in rows}
        return [found[doc_id] for doc_id in ids if doc_id in found]

    def count_documents(self, filters: SearchFilters | None) -> int:
        where, params = filter_sql(filters)
        value: int = self.conn.execute(
            f"SELECT count(*) FROM documents d WHERE {where}", params
        ).fetchone()[0]
        return value

    def entities(
        self, filters: SearchFilters | None, limit: int, entity_type: str | None
    ) -> list[EntityRow]:
        where, params = filter_sql(filters)
        typed = "AND m.type = ?" if entity_type else ""
        sql = ENTITIES.format(where=where, typed=typed)
        values = (*params, *([entity_type] if entity_type else []), limit)
        return [entity_row(row) for row in self.conn.execute(sql, values)]

    def entity(self, entity_id: str) -> EntityRow | None:
        row = self.conn.execute(
            "SELECT entity_id, max(name), max(type), count(DISTINCT doc_rowid), count(*)"
            " FROM mentions WHERE entity_id = ? GROUP BY entity_id",
            (entity_id,),
        ).fetchone()
        return entity_row(row) if row else None

    def co_mentions(
        self, entity_id: str, filters: SearchFilters | None, limit: int
    ) -> list[EntityRow]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(CO_MENTIONS.format(where=where), (entity_id, *params, limit))
        return [entity_row(row) for row in rows]

    def quotes(
        self, filters: SearchFilters | None, speaker: str | None, limit: int, offset: int
    ) -> list[QuoteRow]:
        where, params = filter_sql(filters)
        by_speaker = "AND (q.speaker_id = ? OR q.speaker = ?)" if speaker else ""
        sql = QUOTES.format(where=where, speaker=by_speaker)
        values = (*params, *([speaker, speaker] if speaker else []), limit, offset)
        return [
            QuoteRow(
                doc_id=row[0],
                title=row[1],
                outlet=row[2],
                published=row[3],
                speaker_id=row[4],
                speaker=row[5],
                role=row[6],
                text=row[7],
                start=row[8],
                end=row[9],
            )
            for row in self.conn.execute(sql, values)
        ]

    def series(
        self, filters: SearchFilters | None, period: Period, key: str = "outlet"
    ) -> list[PeriodCount]:
        """Originals per period and key (a documents column: outlet, lang)."""
        where, params = filter_sql(filters)
        column = {"outlet": "d.outlet", "lang": "d.lang"}[key]
        rows = self.conn.execute(
            f"SELECT {period_sql(self.dialect, period)} AS p, coalesce({column}, '?'), count(*),"
            " count(DISTINCT coalesce(d.story_id, d.id)) FROM documents d"
            f" WHERE d.duplicate_of IS NULL AND d.published IS NOT NULL AND {where}"
            " GROUP BY p, 2 ORDER BY p, 2",
            params,
        )
        return [period_count(row) for row in rows]

    def theme_series(self, filters: SearchFilters | None, period: Period) -> list[PeriodCount]:
        where, params = filter_sql(filters)
        sql = THEME_SERIES.format(period=period_sql(self.dialect, period), where=where)
        return [period_count(row) for row in self.conn.execute(sql, params)]

    def group_series(
        self, groups: Mapping[str, str], filters: SearchFilters | None, period: Period
    ) -> list[PeriodCount]:
        """Originals per period that mention an entity of each group (entity id → group)."""
        if not groups:
            return []
        where, params = filter_sql(filters)
        values = ",".join("(?, ?)" for _ in groups)
        rows = self.conn.execute(
            f"WITH g(entity_id, grp) AS (VALUES {values})"
            f" SELECT {period_sql(self.dialect, period)} AS p, g.grp, count(DISTINCT d.rowid),"
            " count(DISTINCT coalesce(d.story_id, d.id))"
            " FROM mentions m JOIN g ON g.entity_id = m.entity_id"
            " JOIN documents d ON d.rowid = m.doc_rowid"
            f" WHERE d.duplicate_of IS NULL AND d.published IS NOT NULL AND {where}"
            " GROUP BY p, g.grp ORDER BY p, g.grp",
            [*(item for pair in groups.items() for item in pair), *params],
        )
        return [period_count(row) for row in rows]

    def edges(self, filters: SearchFilters | None, top: int, min_documents: int) -> list[Edge]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(EDGES.format(where=where), (*params, top, *params, min_documents))
        return [
            Edge(source=r[0], source_name=r[1], target=r[2], target_name=r[3], documents=r[4])
            for r in rows
        ]

    def stories(self, filters: SearchFilters | None, limit: int) -> list[StoryRow]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(STORIES.format(where=where), (*params, limit))
        return [
            StoryRow(story=r[0], documents=r[1], outlets=r[2], first_doc=r[3], first_published=r[4])
            for r in rows
        ]

    def outlets(self, filters: SearchFilters | None) -> list[OutletRow]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(OUTLETS.format(where=where), params)
        return [
            OutletRow(outlet=r[0], documents=r[1], originals=r[2], first=r[3], last=r[4])
            for r in rows
        ]

    def health(self, filters: SearchFilters | None) -> list[HealthRow]:
        where, params = filter_sql(filters)
        rows = self.conn.execute(HEALTH.format(where=where), params)
        return [
            HealthRow(
                day=r[0],
                outlet=r[1],
                documents=r[2],
                reprints=r[3],
                dates_inferred=r[4],
                undated=r[5],
            )
            for r in rows
        ]


def doc_row(row: Any) -> DocRow:
    return DocRow(
        id=row[0],
        title=row[1],
        outlet=row[2],
        published=row[3],
        lang=row[4],
        url=row[5],
        duplicate_of=row[6],
        story_id=row[7],
        themes=row[8].split(",") if row[8] else [],
        lead=" ".join(row[9].split()),
        scope=row[10],
    )


def entity_row(row: Any) -> EntityRow:
    return EntityRow(id=row[0], name=row[1], type=row[2], documents=row[3], mentions=row[4])


def period_count(row: Any) -> PeriodCount:
    return PeriodCount(period=row[0], key=row[1], documents=row[2], stories=row[3])
