"""Events over SQL, the same on SQLite and PostgreSQL: the index that groups reports of one event
(`dedup.events`), the rows each stored document's events leave, and the calendar read from them.

The grouping index writes a document's entries when the document passes the grouping stage, so
the next document of the batch meets them; storing the document then replaces them with its full
rows (text and offsets).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from narrascope.dedup.events import EVENT_WINDOW, EventEntry, day_span, document_kind
from narrascope.records import Document, Event
from narrascope.store.calendar import CalendarEvent, CalendarFilters, EventReport
from narrascope.store.sql.base import Connection, marks

if TYPE_CHECKING:
    from narrascope.store.sql.base import Backend

COLUMNS = (
    "doc_id, event_id, kind, type, status, date, first_day, last_day, participants, place,"
    ' title, count, document, start, "end", text'
)
INSERT_EVENT = f"INSERT INTO events ({COLUMNS}) VALUES ({marks(16)})"
NEAR = (
    "SELECT event_id, doc_id, kind, date, first_day, last_day, participants, place, document"
    " FROM events WHERE kind = ? AND first_day <= ? AND last_day >= ?"
)
CHOSEN = """
SELECT e.event_id, max(coalesce(e.first_day, '')) AS day FROM events e
WHERE e.text IS NOT NULL
  AND (CAST(? AS TEXT) IS NULL OR e.last_day >= ?)
  AND (CAST(? AS TEXT) IS NULL OR e.first_day <= ?)
  AND (CAST(? AS TEXT) IS NULL OR e.participants LIKE ? OR e.place = ?)
  AND (CAST(? AS TEXT) IS NULL OR e.kind = ? OR e.type = ?)
GROUP BY e.event_id ORDER BY day DESC, e.event_id LIMIT ?
"""
REPORTS = """
SELECT e.event_id, e.kind, e.type, e.status, e.date, e.participants, e.place, e.title, e.count,
       e.start, e."end", e.text, d.id, d.title, d.outlet, d.published
FROM events e JOIN documents d ON d.id = e.doc_id
WHERE e.text IS NOT NULL AND e.event_id IN ({marks})
ORDER BY d.published, d.id, e.start
"""


def event_row(doc: Document, event: Event) -> tuple[object, ...]:
    first, last = day_span(event.date, doc.published)
    return (
        doc.id,
        event.event_id or "",
        event.kind,
        event.type,
        event.status,
        event.date,
        first.isoformat() if first else None,
        last.isoformat() if last else None,
        json.dumps(event.participants, ensure_ascii=False),
        event.place,
        event.title,
        event.count,
        document_kind(event.title) if event.kind == "agreement" else "",
        event.start,
        event.end,
        event.text,
    )


def replace_events(conn: Connection, docs: Sequence[Document]) -> None:
    conn.executemany("DELETE FROM events WHERE doc_id = ?", [(doc.id,) for doc in docs])
    conn.executemany(INSERT_EVENT, [event_row(doc, e) for doc in docs for e in doc.events])


class SqlEvents:
    """The grouping index over the stored events."""

    def __init__(self, store: Backend) -> None:
        self.store = store

    def near(self, kind: str, first: date | None, last: date | None) -> list[EventEntry]:
        if first is None or last is None:
            return []
        rows = self.store.conn.execute(
            NEAR, (kind, (last + EVENT_WINDOW).isoformat(), (first - EVENT_WINDOW).isoformat())
        )
        return [entry_from_row(row) for row in rows]

    def replace(self, doc_id: str, entries: list[EventEntry]) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                "INSERT INTO events (doc_id, event_id, kind, date, first_day, last_day,"
                " participants, place, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        doc_id,
                        e.event_id,
                        e.kind,
                        e.when,
                        e.first_day.isoformat() if e.first_day else None,
                        e.last_day.isoformat() if e.last_day else None,
                        json.dumps(list(e.participants), ensure_ascii=False),
                        e.place,
                        e.document,
                    )
                    for e in entries
                ],
            )


def entry_from_row(row: Any) -> EventEntry:
    event_id, doc_id, kind, when, first, last, participants, place, document = tuple(row)
    return EventEntry(
        event_id=event_id,
        doc_id=doc_id,
        kind=kind,
        when=when,
        first_day=date.fromisoformat(first) if first else None,
        last_day=date.fromisoformat(last) if last else None,
        participants=tuple(json.loads(participants)),
        place=place,
        document=document or "",
    )


def calendar(conn: Connection, filters: CalendarFilters) -> list[CalendarEvent]:
    """Events whose days meet [since, until], naming the entity, of the kind or type; latest
    first."""
    f = filters
    pattern = f'%"{f.entity}"%' if f.entity else None
    chosen = conn.execute(
        CHOSEN,
        (
            *(f.since, f.since, f.until, f.until),
            *(f.entity, pattern, f.entity, f.kind, f.kind, f.kind),
            f.limit,
        ),
    ).fetchall()
    ids = [row[0] for row in chosen]
    if not ids:
        return []
    rows = conn.execute(REPORTS.format(marks=marks(len(ids))), ids).fetchall()
    events = fold(rows)
    named = names(conn, {i for e in events.values() for i in [*e.participants, e.place] if i})
    for event in events.values():
        event.names = {i: named.get(i, i) for i in [*event.participants, event.place] if i}
    return [events[event_id] for event_id in ids if event_id in events]


def names(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Each entity's canonical name, as its mentions store it."""
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT entity_id, max(name) FROM mentions WHERE entity_id IN ({marks(len(ids))})"
        " GROUP BY entity_id",
        sorted(ids),
    )
    return {row[0]: row[1] for row in rows}


def fold(rows: list[Any]) -> dict[str, CalendarEvent]:
    events: dict[str, CalendarEvent] = {}
    seen: dict[str, Counter[str]] = {}
    for row in rows:
        event_id, kind, type_, status, when, participants, place, title = tuple(row)[:8]
        event = events.get(event_id)
        if event is None:
            event = events[event_id] = CalendarEvent(
                event_id=event_id, kind=kind, status=status, date=when, participants=[], place=place
            )
            seen[event_id] = Counter()
        seen[event_id].update(json.loads(participants))
        event.place = event.place or place
        if title and title not in event.titles:
            event.titles.append(title)
        event.count = event.count or row[8]
        event.reports.append(
            EventReport(
                doc_id=row[12],
                title=row[13],
                outlet=row[14],
                published=row[15],
                type=type_,
                status=status,
                date=when,
                text=row[11],
                start=row[9],
                end=row[10],
            )
        )
    for event_id, event in events.items():
        event.participants = [p for p, _ in seen[event_id].most_common()]
        settle(event)
    return events


def settle(event: CalendarEvent) -> None:
    """Happened once a report saw it happen; the date most of those reports give, the most
    precise first."""
    happened = [r for r in event.reports if r.status == "happened"]
    chosen = happened or event.reports[-1:]
    event.status = "happened" if happened else chosen[0].status
    dates = Counter(r.date for r in chosen if r.date)
    if dates:
        event.date = max(dates, key=lambda d: (len(d.split("/")[0]), dates[d], d))
