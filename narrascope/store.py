"""The storage protocol every backend implements, and `open_store` to pick one by URL."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from narrascope.dedup import DuplicateIndex
from narrascope.records import Document, Failure
from narrascope.stories import StoryIndex
from narrascope.templates import TemplateIndex

DEFAULT_DB = "data/narrascope.db"


@dataclass(slots=True, kw_only=True)
class SearchHit:
    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float


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
    subject: str
    counted: str
    period: str | None
    first_doc: str
    first_value: float
    first_sentence: str
    second_doc: str
    second_value: float
    second_sentence: str


class Store(Protocol):
    def upsert(self, docs: Sequence[Document], failures: Sequence[Failure] = ()) -> None:
        """Store documents and failures in one transaction; same id replaces, never duplicates."""

    def get(self, doc_id: str) -> Document | None: ...

    def search(self, query: str, limit: int = 10) -> list[SearchHit]: ...

    def count(self) -> int: ...

    def stats(self) -> Stats: ...

    def failures(self) -> list[Failure]: ...

    def speakers(self, limit: int = 50) -> list[SpeakerPosition]: ...

    def conflicts(self) -> list[Conflict]: ...

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

    def close(self) -> None: ...


def resolve_db(db: str | None) -> str:
    return db or os.environ.get("NARRASCOPE_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Store:
    target = resolve_db(db)
    if target.startswith(("postgresql://", "postgres://")):
        raise ValueError("the PostgreSQL backend is not available yet; use a SQLite path")
    from narrascope.sqlite_store import SqliteStore

    path = target.removeprefix("sqlite:///") if target.startswith("sqlite:///") else target
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteStore(path)
