"""The diplomatic calendar's rows: an event with every report of it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class EventReport:
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    type: str
    status: str
    date: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class CalendarEvent:
    """One event as its reports tell it: `status` is the latest report's word on it unless an
    earlier one saw it happen ("planned" becomes "happened" when a later report says so), and
    `date` the date the reports that saw it happen give, else the planned one."""

    event_id: str
    kind: str
    status: str
    date: str | None
    participants: list[str]
    place: str | None
    names: dict[str, str] = field(default_factory=dict)  # participant and place ids -> names
    titles: list[str] = field(default_factory=list)  # the documents an agreement signs
    count: int | None = None
    reports: list[EventReport] = field(default_factory=list)


@dataclass(slots=True)
class CalendarFilters:
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    kind: str | None = None
    limit: int = 500
