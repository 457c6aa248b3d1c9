"""Read-side views of the diplomatic calendar: a month's grid, the flat rows of an export, and a
figure claim beside the count the calendar holds ("23 зарубежных визита в 2024 году" beside the
visits stored for that person in 2024)."""

from __future__ import annotations

import calendar as month_grid
from dataclasses import dataclass
from datetime import date

from narrascope.store.calendar import CalendarEvent, CalendarFilters
from narrascope.store.protocol import Store

# The lemma a claim's measure counts by, and the kind of event it counts.
COUNTED_KINDS = {
    "визит": "visit",
    "поездка": "visit",
    "встреча": "talks",
    "переговоры": "talks",
    "саммит": "summit",
    "форум": "summit",
    "соглашение": "agreement",
    "документ": "agreement",
}


@dataclass(slots=True)
class EventRow:
    """One event as a spreadsheet row."""

    event_id: str
    date: str | None
    kind: str
    status: str
    participants: str
    place: str | None
    documents_signed: str
    reports: int
    doc_ids: str


@dataclass(slots=True)
class Day:
    day: date | None  # None: a blank cell before the first of the month
    events: list[CalendarEvent]


@dataclass(slots=True)
class CountCheck:
    """What a text claims beside what the calendar holds."""

    measure: str
    period: str
    claimed: float
    source: str
    doc_id: str
    kind: str
    in_calendar: int


def rows(events: list[CalendarEvent]) -> list[EventRow]:
    return [
        EventRow(
            event_id=e.event_id,
            date=e.date,
            kind=e.kind,
            status=e.status,
            participants="; ".join(e.names.get(p, p) for p in e.participants),
            place=e.names.get(e.place, e.place) if e.place else None,
            documents_signed="; ".join(e.titles),
            reports=len(e.reports),
            doc_ids="; ".join(dict.fromkeys(r.doc_id for r in e.reports)),
        )
        for e in events
    ]


def month_of(events: list[CalendarEvent], month: str | None) -> tuple[int, int]:
    """The month asked for ("2024-11"), else the month of the latest dated event, else now's."""
    for value in [month, *(e.date for e in events)]:
        if value and len(value) >= 7 and value[:4].isdigit() and value[5:7].isdigit():
            return int(value[:4]), int(value[5:7])
    today = date.today()
    return today.year, today.month


def weeks(events: list[CalendarEvent], year: int, month: int) -> list[list[Day]]:
    """The month as weeks from Monday, each day with the events dated on it."""
    by_day: dict[str, list[CalendarEvent]] = {}
    for event in events:
        if event.date and len(event.date) >= 10:
            by_day.setdefault(event.date[:10], []).append(event)
    grid = month_grid.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            Day(
                d if d.month == month else None,
                by_day.get(d.isoformat(), []) if d.month == month else [],
            )
            for d in week
        ]
        for week in grid
    ]


def count_checks(store: Store, entity_id: str) -> list[CountCheck]:
    """Each yearly count of visits, meetings, summits or agreements a text claims for the
    entity, beside the events of that kind and year the calendar holds for it."""
    checks: list[CountCheck] = []
    for found in store.series(entity_id):
        kind = next((k for lemma, k in COUNTED_KINDS.items() if lemma in found.measure), None)
        if kind is None or found.unit:
            continue
        for point in found.points:
            if len(point.period) != 4 or not point.period.isdigit():
                continue
            held = store.calendar(
                CalendarFilters(
                    since=f"{point.period}-01-01",
                    until=f"{point.period}-12-31",
                    entity=entity_id,
                    kind=kind,
                    limit=1000,
                )
            )
            happened = [
                e for e in held if e.status == "happened" and (e.date or "")[:4] == point.period
            ]
            checks.append(
                CountCheck(
                    measure=found.measure,
                    period=point.period,
                    claimed=point.value,
                    source=point.source,
                    doc_id=point.doc_id,
                    kind=kind,
                    in_calendar=len(happened),
                )
            )
    return checks
