"""The storage protocol every backend implements (`store.factory.open_store` picks one by URL)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from narrascope.dedup.events import EventIndex
from narrascope.dedup.reprints import DuplicateIndex
from narrascope.dedup.stories import StoryIndex
from narrascope.records import Claim, Document, Engagement, Failure, Scope, Theme
from narrascope.store.calendar import CalendarEvent, CalendarFilters
from narrascope.text.templates import TemplateIndex
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

if TYPE_CHECKING:
    from narrascope.store.sql.collect import Alert, QueuedItem, StoredResponse


class StoreUnavailable(RuntimeError):
    """The database named cannot be opened (a server down, refused credentials)."""


@dataclass(slots=True, kw_only=True)
class SearchHit:
    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    outlet: str | None = None
    lang: str | None = None
    theme: str | None = None
    entity: str | None = None  # linked entity id or its canonical name
    scope: str | None = None  # "in" or "out" (nlp/scope.py); documents never judged count as in

    @property
    def empty(self) -> bool:
        values = (self.since, self.until, self.outlet, self.lang, self.theme, self.entity)
        return not any((*values, self.scope))


@dataclass(slots=True, kw_only=True)
class ThemeCount:
    theme_id: str
    documents: int  # original reports (reprints left out)
    stories: int  # distinct stories among them


@dataclass(slots=True, kw_only=True)
class DocSummary:
    id: str
    title: str | None
    published: str | None
    text: str  # title and clean text
    themes: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Stats:
    documents: int
    entities: int
    failures: int
    by_outlet: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class SpeakerPosition:
    speaker_id: str
    speaker: str
    role: str | None
    first_seen: str | None
    last_seen: str | None
    count: int
    documents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    """Two sources' claims about one subject, measure, unit, kind and period that cannot both
    be right."""

    subject: str | None
    subject_id: str
    measure: str
    unit: str
    kind: str
    period: str
    first_doc: str
    first_source: str
    first_published: str | None
    first_value: float
    first_sentence: str
    second_doc: str
    second_source: str
    second_published: str | None
    second_value: float
    second_sentence: str


@dataclass(slots=True)
class SeriesPoint:
    period: str
    value: float
    doc_id: str
    source: str


@dataclass(slots=True)
class Series:
    """One subject's measure over time ("курс доллара, тенге" day by day)."""

    measure: str
    unit: str
    kind: str
    points: list[SeriesPoint] = field(default_factory=list)


class ReadViews(Protocol):
    """The analyst's lists and series; every one honours the search filters."""

    def documents(self, filters: SearchFilters | None, limit: int, offset: int) -> list[DocRow]:
        """Newest first."""

    def documents_by_id(self, ids: Sequence[str]) -> list[DocRow]:
        """In the order given; unknown ids left out."""

    def count_documents(self, filters: SearchFilters | None) -> int: ...

    def entities(
        self, filters: SearchFilters | None, limit: int, entity_type: str | None
    ) -> list[EntityRow]:
        """Linked entities by the number of documents that mention them."""

    def entity(self, entity_id: str) -> EntityRow | None: ...

    def co_mentions(
        self, entity_id: str, filters: SearchFilters | None, limit: int
    ) -> list[EntityRow]:
        """Entities named in the same documents, by shared documents."""

    def quotes(
        self, filters: SearchFilters | None, speaker: str | None, limit: int, offset: int
    ) -> list[QuoteRow]: ...

    def series(self, filters: SearchFilters | None, period: Period, key: str) -> list[PeriodCount]:
        """Original reports per period and outlet (key="outlet") or language (key="lang")."""

    def theme_series(self, filters: SearchFilters | None, period: Period) -> list[PeriodCount]:
        """Original reports and distinct stories per period and theme."""

    def group_series(
        self, groups: Mapping[str, str], filters: SearchFilters | None, period: Period
    ) -> list[PeriodCount]:
        """Original reports per period mentioning an entity of each group (entity id → group)."""

    def edges(self, filters: SearchFilters | None, top: int, min_documents: int) -> list[Edge]:
        """Co-occurrence (shared documents) among the `top` most mentioned entities."""

    def stories(self, filters: SearchFilters | None, limit: int) -> list[StoryRow]:
        """Stories of the window by number of reports (a reprint joins its original's story)."""

    def outlets(self, filters: SearchFilters | None) -> list[OutletRow]: ...

    def health(self, filters: SearchFilters | None) -> list[HealthRow]:
        """Per day and outlet: documents, reprints, dates inferred, undated."""


class CollectState(Protocol):
    """What collection keeps between runs (see sql_collect for the item life cycle)."""

    def enqueue(
        self, source: str, items: Sequence[tuple[str, dict[str, Any]]], state: str = "new"
    ) -> int: ...

    def known(self, urls: Sequence[str]) -> set[str]: ...

    def queued(self, state: str, limit: int) -> list[QueuedItem]: ...

    def count(self, state: str) -> int: ...

    def save_response(self, url: str, response: StoredResponse, item_state: str | None) -> None: ...

    def response(self, url: str) -> StoredResponse | None: ...

    def mark(self, urls: Sequence[str], state: str, reason: str | None = None) -> None: ...

    def fail(self, url: str, reason: str, transient: bool) -> bool: ...

    def requeue_retries(self) -> None: ...

    def source_state(self, source: str) -> dict[str, Any]: ...

    def set_source_state(self, source: str, state: dict[str, Any]) -> None: ...

    def record_engagement(self, counts: Sequence[tuple[str, Engagement]]) -> int: ...

    def engagement(self, doc_id: str) -> list[tuple[str, Engagement]]: ...

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]: ...

    def mark_delivered(self, alert_ids: Sequence[str]) -> None: ...

    def alerts(self, limit: int = 100, since: str | None = None) -> list[Alert]: ...

    def daily_counts(
        self, kind: str, since: str, until: str
    ) -> Iterator[tuple[str, str, str, int, int]]: ...

    def first_mentions(self, day: str) -> Iterator[tuple[str, str, int]]: ...


class Store(Protocol):
    def upsert(self, docs: Sequence[Document], failures: Sequence[Failure] = ()) -> None:
        """Store documents and failures in one transaction; same id replaces, never duplicates."""

    def get(self, doc_id: str) -> Document | None: ...

    def search(
        self, query: str, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """bm25 over lemmas."""

    def vector_search(
        self, vector: np.ndarray, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """Nearest stored document vectors by cosine."""

    def summaries(self, ids: Sequence[str]) -> dict[str, DocSummary]: ...

    def latest_published(self) -> str | None: ...

    def theme_documents(
        self, theme_id: str, limit: int = 10, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """Documents tagged with a theme, by theme score."""

    def texts(self) -> Iterator[tuple[str, str, str | None]]:
        """(id, clean text, lang) of every stored document."""

    def tag_inputs(self) -> Iterator[Document]:
        """Every stored document with what re-tagging reads: id, title, clean text, lang,
        published date, entities, quotes and the lead's embedding (no raw input)."""

    def set_claims(self, updates: Sequence[tuple[str, list[Claim]]]) -> None:
        """Replace stored documents' claims (`retag` reads them again)."""

    def set_tags(self, updates: Sequence[tuple[str, Scope | None, list[Theme]]]) -> None:
        """Replace the scope decision and the themes of stored documents (one transaction)."""

    def theme_counts(self, filters: SearchFilters | None = None) -> list[ThemeCount]: ...

    def document_vectors(
        self, filters: SearchFilters | None = None
    ) -> tuple[list[str], np.ndarray]:
        """Ids and vectors of the stored originals (no reprints) that pass the filters."""

    def count(self) -> int: ...

    def stats(self) -> Stats: ...

    def failures(self) -> list[Failure]: ...

    def speakers(self, limit: int = 50) -> list[SpeakerPosition]: ...

    def conflicts(self, subject_id: str | None = None, limit: int = 1000) -> list[Conflict]: ...

    def series(self, subject_id: str) -> list[Series]: ...

    def calendar(self, filters: CalendarFilters | None = None) -> list[CalendarEvent]:
        """The events reported, each with its reports, latest first."""

    def set_events(self, docs: Sequence[Document]) -> None:
        """Replace the stored documents' events (`retag`)."""

    def events(self) -> EventIndex:
        """The index that groups reports of one event."""

    def templates(self) -> TemplateIndex:
        """The per-outlet template index learned from stored documents."""

    def duplicates(self) -> DuplicateIndex:
        """The reprint index of stored documents."""

    def reprints(self, doc_id: str) -> list[str]:
        """Ids of the stored copies of a document, earliest first."""

    def stories(self) -> StoryIndex:
        """The story index over stored document vectors."""

    def story(self, story_id: str) -> list[str]:
        """Ids of the stored documents of a story, earliest first."""

    def views(self) -> ReadViews: ...

    def collection(self) -> CollectState: ...

    def close(self) -> None: ...
