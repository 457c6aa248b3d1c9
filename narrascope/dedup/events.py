"""One event, many reports: every report of the same event gets one `event_id`, within a batch
and against the store.

Two reports are of one event when they are of the same kind (a planned visit and the visit
that happened are one), their dates are within EVENT_WINDOW of each other (a month or a year
holds the days in it), their places do not differ, and they share their main participants
(both of them when each names two or more). Agreements must also sign the same kind of
document: the joint statement and the twenty agreements of one visit are three events.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from narrascope.nlp.event_words import DOCUMENTS, read
from narrascope.nlp.lemmas import WORD
from narrascope.pipeline import Stage
from narrascope.records import Document, Event

EVENT_WINDOW = timedelta(days=2)
YEAR_ONLY = 31  # days: a date wider than a month names no one event


@dataclass(slots=True, frozen=True)
class EventEntry:
    event_id: str
    doc_id: str
    kind: str
    when: str | None  # as the report gives it; undated reports are placed on their day
    first_day: date | None
    last_day: date | None
    participants: tuple[str, ...]
    place: str | None
    document: str  # the kind of document an agreement signs, else ""


class EventIndex(Protocol):
    def near(self, kind: str, first: date | None, last: date | None) -> list[EventEntry]:
        """Entries of `kind` whose days come within EVENT_WINDOW of [first, last]."""

    def replace(self, doc_id: str, entries: list[EventEntry]) -> None:
        """The document's entries, replacing the ones it had."""


def day_span(value: str | None, published: str | None) -> tuple[date | None, date | None]:
    """The days a date stands for: "2024-11" → 1…30 November; none → the document's day."""
    text = value or (published or "")[:10]
    first, _, last = text.partition("/")
    try:
        if len(first) == 10:
            return date.fromisoformat(first), date.fromisoformat(last or first)
        if len(first) == 7:
            start = date.fromisoformat(first + "-01")
            following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
            return start, following - timedelta(days=1)
        if len(first) == 4:
            return date(int(first), 1, 1), date(int(first), 12, 31)
    except ValueError:
        return None, None
    return None, None


def overlaps(a: EventEntry, first: date | None, last: date | None) -> bool:
    if a.first_day is None or a.last_day is None or first is None or last is None:
        return False
    return a.first_day - EVENT_WINDOW <= last and first <= a.last_day + EVENT_WINDOW


def document_kind(title: str | None) -> str:
    for word in WORD.findall(title or ""):
        lemma = read(word).lemma
        if lemma in DOCUMENTS:
            return "документ" if lemma == "пакет" else lemma
    return ""


def entry_of(doc: Document, event: Event, event_id: str) -> EventEntry:
    first, last = day_span(event.date, doc.published)
    return EventEntry(
        event_id=event_id,
        doc_id=doc.id,
        kind=event.kind,
        when=event.date,
        first_day=first,
        last_day=last,
        participants=tuple(event.participants),
        place=event.place,
        document=document_kind(event.title) if event.kind == "agreement" else "",
    )


def span_days(entry: EventEntry) -> int:
    if entry.first_day is None or entry.last_day is None:
        return 0
    return (entry.last_day - entry.first_day).days + 1


def same_event(a: EventEntry, b: EventEntry) -> bool:
    if a.kind != b.kind or a.document != b.document:
        return False
    if (span_days(a) > YEAR_ONLY) != (span_days(b) > YEAR_ONLY):
        return False  # "в 2024 году" is too wide to say which of the year's visits it is
    if a.place and b.place and a.place != b.place and same_level(a.place, b.place):
        return False
    shared = set(a.participants) & set(b.participants)
    needed = min(2, len(a.participants), len(b.participants))
    return bool(shared) and len(shared) >= needed


def same_level(a: str, b: str) -> bool:
    """Two countries, or two cities: a city and a country may be the same place."""
    return a.startswith("country:") == b.startswith("country:")


def most_reported(known: list[EventEntry]) -> str | None:
    """The event most of the matching reports belong to (a report can meet two groups that
    a wrong place or date kept apart; it joins the larger)."""
    counts = Counter(e.event_id for e in known)
    if not counts:
        return None
    return min(counts, key=lambda event_id: (-counts[event_id], event_id))


def new_event_id(doc_id: str, event: Event) -> str:
    digest = hashlib.sha1(f"{doc_id}:{event.start}:{event.kind}".encode()).hexdigest()
    return f"event-{digest[:12]}"


class MemoryEvents:
    def __init__(self) -> None:
        self.by_doc: dict[str, list[EventEntry]] = {}

    def near(self, kind: str, first: date | None, last: date | None) -> list[EventEntry]:
        return [
            e
            for entries in self.by_doc.values()
            for e in entries
            if e.kind == kind and overlaps(e, first, last)
        ]

    def replace(self, doc_id: str, entries: list[EventEntry]) -> None:
        self.by_doc[doc_id] = entries


class LayeredEvents:
    """Reads a stored index and keeps new entries in memory (`analyze` never writes)."""

    def __init__(self, stored: EventIndex) -> None:
        self.stored = stored
        self.fresh = MemoryEvents()

    def near(self, kind: str, first: date | None, last: date | None) -> list[EventEntry]:
        fresh = self.fresh.near(kind, first, last)
        mine = {e.doc_id for e in fresh}
        return [e for e in self.stored.near(kind, first, last) if e.doc_id not in mine] + fresh

    def replace(self, doc_id: str, entries: list[EventEntry]) -> None:
        self.fresh.replace(doc_id, entries)


class GroupEvents(Stage):
    name = "event_groups"
    requires = ("events", "published")
    assigns = ("events",)

    def __init__(self, index: EventIndex | None = None) -> None:
        self.index: EventIndex = index if index is not None else MemoryEvents()

    def apply(self, doc: Document) -> Document:
        entries: list[EventEntry] = []
        for event in doc.events:
            first, last = day_span(event.date, doc.published)
            probe = entry_of(doc, event, "")
            known = [
                e
                for e in [*self.index.near(event.kind, first, last), *entries]
                if same_event(e, probe)
            ]
            event.event_id = most_reported(known) or new_event_id(doc.id, event)
            entries.append(entry_of(doc, event, event.event_id))
        self.index.replace(doc.id, entries)
        return doc
