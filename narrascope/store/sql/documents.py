"""What the SQL backends share: documents and their annotation rows written in one transaction,
read back, listed and counted; each backend adds its connection, migrations and full-text index."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import numpy as np

from narrascope.nlp.lemmas import lemma_text, query_terms
from narrascope.records import Claim, Document, Failure, Scope, Theme
from narrascope.store.calendar import CalendarEvent, CalendarFilters
from narrascope.store.protocol import (
    Conflict,
    DocSummary,
    SearchFilters,
    SearchHit,
    Series,
    SpeakerPosition,
    Stats,
    ThemeCount,
)
from narrascope.store.sql import calendar as sql_calendar
from narrascope.store.sql import collect as sql_collect
from narrascope.store.sql import ledger
from narrascope.store.sql import reprints as sql_dedup
from narrascope.store.sql import search as sql_search
from narrascope.store.sql import stories as sql_stories
from narrascope.store.sql.base import Connection, Dialect
from narrascope.store.sql.templates import SqlTemplates
from narrascope.store.sql.views import SqlViews
from narrascope.store.vectors import index as vector_index

# bm25 over 1,000 candidates takes ~10 ms at 1M documents for two common words, 2,000 took ~20
# and put hybrid search's p95 above 50 ms (bench/scale_bench.py).
FTS_CANDIDATES = 1_000
DOCUMENT_COLUMNS = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "date_source",
    "lang",
    "forwarded_from",
    "section",
    "duplicate_of",
    "story_id",
    "scope",
    "raw_format",
    "text",
    "annotations",
)
UPSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}, ingested_at)"
    f" VALUES ({', '.join(':' + column for column in DOCUMENT_COLUMNS)}, :ingested_at)"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{column} = excluded.{column}" for column in DOCUMENT_COLUMNS[1:])
    + " RETURNING rowid"
)


# Kept in the row's JSON: the annotations, and the author's link (named in a byline outside the
# text, the author is also a mention row with an empty span, so entity pages and alerts count them).
ANNOTATION_FIELDS = ("entities", "quotes", "figures", "themes", "author_id", "author_role")

SPEAKERS = """
SELECT q.speaker_id, max(q.speaker), q.role, min(d.published), max(d.published),
       count(DISTINCT d.id), group_concat(DISTINCT d.id)
FROM quotes q JOIN documents d ON d.rowid = q.doc_rowid
WHERE q.speaker_id IS NOT NULL
GROUP BY q.speaker_id, q.role
ORDER BY count(DISTINCT d.id) DESC, max(q.speaker), q.speaker_id, q.role NULLS FIRST LIMIT ?
"""


class SqlStore:
    """The store's operations over a `Connection`; a backend sets `dialect`, `conn` and
    `fts_sql` (a query over `documents d` taking the match, the filters' parameters, the number
    of candidates and a limit: the candidates are the most recently stored matching documents,
    returned best first with a `rank` column), and supplies `transaction`, `index_texts` and
    `matches`."""

    dialect: Dialect
    searcher: sql_search.SqlSearch
    fts_sql: str

    @property
    def conn(self) -> Connection:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def matches(self, terms: list[tuple[str, ...]], every: bool) -> str:
        """The full-text match of the query's words (each a list of alternative lemmas): all of
        them, or any."""
        raise NotImplementedError

    def score(self, rank: float) -> float:
        """The rank column as a score, higher better."""
        return rank

    def search(
        self, query: str, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """Over lemmas, the title weighted twice: documents with every word, else with any.
        Only the FTS_CANDIDATES most recently stored matches (after the filters) are ranked, so
        a common word costs the same at a million documents as at ten thousand; the semantic
        half of hybrid search still reaches older documents."""
        terms = query_terms(query)
        if not terms or limit <= 0:
            return []
        where, params = sql_search.filter_sql(filters)
        sql = self.fts_sql.format(where=where)
        every = (self.matches(terms, True), *params, FTS_CANDIDATES, limit)
        rows = self.conn.execute(sql, every).fetchall()
        if not rows and len(terms) > 1:
            any_word = (self.matches(terms, False), *params, FTS_CANDIDATES, limit)
            rows = self.conn.execute(sql, any_word).fetchall()
        return [sql_search.hit(row, self.score(row["rank"])) for row in rows]

    def index_texts(self, conn: Connection, texts: list[tuple[int, str, str]]) -> None:
        """Put documents' lemmas (rowid, title, body) in the full-text index, replacing earlier
        ones."""
        raise NotImplementedError

    def upsert(self, docs: Sequence[Document], failures: Sequence[Failure] = ()) -> None:
        """Store a batch in one transaction; a document given twice is stored as its last
        version. Each annotation table is written by one statement over the whole batch (one
        round trip on PostgreSQL)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        latest = list({doc.id: doc for doc in docs}.values())
        with self.transaction() as conn:
            rowids = [upsert_document(conn, doc, now) for doc in latest]
            self._replace_annotations(conn, list(zip(rowids, latest, strict=True)))
            conn.executemany(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, stage)"
                " DO UPDATE SET reason = excluded.reason, doc_id = excluded.doc_id,"
                " failed_at = excluded.failed_at",
                [(f.source, f.stage, f.reason, f.doc_id, now) for f in failures],
            )
            seen = [(doc.id, doc.engagement) for doc in latest if doc.engagement is not None]
            sql_collect.write_engagement(conn, seen, now)

    def _replace_annotations(self, conn: Connection, stored: list[tuple[int, Document]]) -> None:
        keys = [(rowid,) for rowid, _ in stored]
        conn.executemany(
            "INSERT INTO raw VALUES (?, ?)"
            " ON CONFLICT (rowid) DO UPDATE SET content = excluded.content",
            [(rowid, zlib.compress((doc.raw or "").encode("utf-8"))) for rowid, doc in stored],
        )
        for table in ("mentions", "quotes", "claims", "doc_themes"):
            conn.executemany(f"DELETE FROM {table} WHERE doc_rowid = ?", keys)
        conn.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
            [(r, e.id, e.name, e.type, e.start, e.end) for r, doc in stored for e in doc.entities]
            + [(r, doc.author_id, doc.author, "PER", 0, 0) for r, doc in stored if doc.author_id],
        )
        conn.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (r, q.speaker_id, q.speaker, q.role, q.start, q.end, q.text)
                for r, doc in stored
                for q in doc.quotes
            ],
        )
        conn.executemany(
            ledger.INSERT_CLAIM, [ledger.claim_row(r, c) for r, doc in stored for c in doc.claims]
        )
        conn.executemany(
            sql_search.INSERT_THEME, [(r, t.id, t.score) for r, doc in stored for t in doc.themes]
        )
        sql_calendar.replace_events(conn, [doc for _, doc in stored])
        vector_index.store_passages(conn, [(doc.id, doc.passages) for _, doc in stored])
        self.index_texts(
            conn,
            [(r, lemma_text(doc.title or ""), lemma_text(doc.text or "")) for r, doc in stored],
        )
        conn.executemany(
            "DELETE FROM failures WHERE source = ?", [(doc.source,) for _, doc in stored]
        )

    def get(self, doc_id: str) -> Document | None:
        row = self.conn.execute(
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_COLUMNS)}, r.content"
            " FROM documents d LEFT JOIN raw r ON r.rowid = d.rowid"
            " WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return document_from_row(row) if row else None

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

    def tag_inputs(self) -> Iterator[Document]:
        return self.searcher.tag_inputs()

    def set_tags(self, updates: Sequence[tuple[str, Scope | None, list[Theme]]]) -> None:
        with self.transaction():
            self.searcher.set_tags(updates)

    def set_claims(self, updates: Sequence[tuple[str, list[Claim]]]) -> None:
        with self.transaction() as conn:
            ledger.replace_claims(conn, updates)

    def set_events(self, docs: Sequence[Document]) -> None:
        with self.transaction() as conn:
            sql_calendar.replace_events(conn, docs)

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
                documents=sorted(row[6].split(",")),
            )
            for row in rows
        ]

    def conflicts(self, subject_id: str | None = None, limit: int = 1000) -> list[Conflict]:
        return ledger.conflicts(self.conn, subject_id, limit)

    def series(self, subject_id: str) -> list[Series]:
        return ledger.series(self.conn, subject_id)

    def events(self) -> sql_calendar.SqlEvents:
        return sql_calendar.SqlEvents(self)

    def calendar(self, filters: CalendarFilters | None = None) -> list[CalendarEvent]:
        return sql_calendar.calendar(self.conn, filters or CalendarFilters())

    def templates(self) -> SqlTemplates:
        return SqlTemplates(self)

    def duplicates(self) -> sql_dedup.SqlDuplicates:
        return sql_dedup.SqlDuplicates(self)

    def stories(self) -> sql_stories.SqlStories:
        return sql_stories.SqlStories(self)

    def story(self, story_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE story_id = ? ORDER BY published NULLS FIRST, rowid",
            (story_id,),
        )
        return [row[0] for row in rows]

    def reprints(self, doc_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE duplicate_of = ? ORDER BY published NULLS FIRST, rowid",
            (doc_id,),
        )
        return [row[0] for row in rows]

    def collection(self) -> sql_collect.SqlCollection:
        return sql_collect.SqlCollection(self)

    def views(self) -> SqlViews:
        return SqlViews(self.conn, self.dialect)


def document_row(doc: Document) -> dict[str, object]:
    data = doc.as_dict()
    annotations = {name: data.pop(name) for name in ANNOTATION_FIELDS}
    data.pop("raw")
    data.pop("embedding")
    data.pop("engagement")
    annotations["claims"] = data.pop("claims")
    annotations["events"] = data.pop("events")
    annotations["scope"] = data.pop("scope")
    data["scope"] = sql_search.scope_label(doc.scope)
    data["text"] = doc.text or ""
    data["annotations"] = json.dumps(annotations, ensure_ascii=False)
    return data


def document_from_row(row: Any) -> Document:
    data = {key: row[key] for key in DOCUMENT_COLUMNS}
    data.update(json.loads(data.pop("annotations")))
    data["raw"] = zlib.decompress(row["content"]).decode("utf-8") if row["content"] else None
    return Document.from_dict(data)


def upsert_document(conn: Connection, doc: Document, now: str) -> int:
    """The document's row written or updated; its rowid, which every annotation table keys on."""
    return int(
        conn.execute(UPSERT_DOCUMENT, {**document_row(doc), "ingested_at": now}).fetchone()[0]
    )
