"""The calendar of events as iCalendar (RFC 5545), for an analyst's calendar program: one
all-day VEVENT per event, its reports in the description."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar
from icalendar import Event as IcalEvent

from narrascope.store.calendar import CalendarEvent

STATUS = {"happened": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}


def summary(event: CalendarEvent) -> str:
    who = ", ".join(event.names.get(p, p) for p in event.participants[:4])
    where = f" — {event.names.get(event.place, event.place)}" if event.place else ""
    return f"{event.kind}: {who}{where}"


def first_day(value: str | None) -> date | None:
    text = (value or "").split("/")[0]
    padded = {10: text, 7: text + "-01", 4: text + "-01-01"}.get(len(text))
    try:
        return date.fromisoformat(padded) if padded else None
    except ValueError:
        return None


def to_ical(events: list[CalendarEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//narrascope//events//RU")
    calendar.add("version", "2.0")
    for event in events:
        day = first_day(event.date)
        if day is None:
            continue
        item = IcalEvent()
        item.add("uid", f"{event.event_id}@narrascope")
        item.add("summary", summary(event))
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("status", STATUS.get(event.status, "TENTATIVE"))
        lines = [
            f"{r.published or ''} {r.outlet or ''} {r.doc_id}: {r.text}" for r in event.reports
        ]
        item.add("description", "\n".join([*event.titles, *lines]))
        calendar.add_component(item)
    return bytes(calendar.to_ical())
