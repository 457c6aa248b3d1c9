"""The diplomatic calendar over HTTP: `/api/events` (JSON, CSV, XLSX, JSON Lines, iCalendar)
and the `/events` page (a month's grid and the list), thin over the store's calendar."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from narrascope.analytics.calendar import month_of, rows, weeks
from narrascope.report.ical import to_ical
from narrascope.store.calendar import CalendarEvent, CalendarFilters
from narrascope.web.api import DATE, EXPORTS, Limit, StoreDep, listed
from narrascope.web.pages import page

api = APIRouter(prefix="/api")
pages = APIRouter(include_in_schema=False)
KINDS = "visit|talks|summit|agreement|announcement|cancellation"
MONTH = r"^(\d{4}-\d{2})?$"
EventFormat = Literal["json", "csv", "xlsx", "jsonl", "ics"]
EVENT_EXPORTS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The events as JSON, or with `format` a CSV, XLSX, JSON Lines or"
        " iCalendar download",
        "content": {**EXPORTS[200]["content"], "text/calendar": {}},
    }
}


def calendar_filters(
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    entity: Annotated[str | None, Query(description="participant or place entity id")] = None,
    type: Annotated[str | None, Query(pattern=f"^({KINDS})?$", description=KINDS)] = None,
    limit: Limit = 500,
) -> CalendarFilters:
    return CalendarFilters(since or None, until or None, entity or None, type or None, limit)


@api.get("/events", response_model=list[CalendarEvent], responses=EVENT_EXPORTS)
def events(
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    entity: Annotated[str | None, Query(description="participant or place entity id")] = None,
    type: Annotated[str | None, Query(pattern=f"^({KINDS})?$", description=KINDS)] = None,
    limit: Limit = 500,
    output: Annotated[
        EventFormat, Query(alias="format", description="json | csv | xlsx | jsonl | ics")
    ] = "json",
) -> Any:
    """Visits, talks, summits and agreements, each with its reports, latest first; `format=ics`
    gives an iCalendar file."""
    found = store.calendar(calendar_filters(since, until, entity, type, limit))
    if output == "ics":
        return Response(
            to_ical(found),
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.ics"'},
        )
    if output == "json":
        return found
    return listed(rows(found), output, "events")


@pages.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    month: Annotated[str | None, Query(pattern=MONTH, description="YYYY-MM")] = None,
    entity: str | None = None,
    type: Annotated[str | None, Query(pattern=f"^({KINDS})?$")] = None,
) -> HTMLResponse:
    listed_events = store.calendar(CalendarFilters(None, None, entity or None, type or None, 500))
    year, number = month_of(listed_events, month or None)
    in_month = [e for e in listed_events if (e.date or "").startswith(f"{year}-{number:02d}")]
    return page(
        request,
        "events.html",
        weeks=weeks(in_month, year, number),
        month=f"{year}-{number:02d}",
        previous=f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}",
        following=f"{year + (number == 12)}-{number % 12 + 1:02d}",
        events=in_month or listed_events[:100],
        entity=entity or "",
        kind=type or "",
    )
