"""CLI for the diplomatic calendar: `narrascope events` (thin over the store's calendar)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from enum import StrEnum

import typer
from rich.table import Table

from narrascope import jsonlines
from narrascope.cli.common import out, store
from narrascope.report.ical import to_ical
from narrascope.store.calendar import CalendarFilters

calendar_app = typer.Typer()


class CalendarFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    ics = "ics"


@calendar_app.command("events")
def events_command(
    since: str | None = typer.Option(None, "--since", help="From date YYYY-MM-DD / с даты"),
    until: str | None = typer.Option(None, "--until", help="Up to date, inclusive / по дату"),
    entity: str | None = typer.Option(
        None, "--entity", help="Only events of this entity id / только с участием (person:putin)"
    ),
    kind: str | None = typer.Option(
        None,
        "--type",
        help="visit|talks|summit|agreement|announcement|cancellation / тип события",
    ),
    limit: int = typer.Option(200, min=1, help="At most this many / не больше"),
    output: CalendarFormat = typer.Option(
        CalendarFormat.table, "--format", help="table | jsonl | ics / формат"
    ),
) -> None:
    """Visits, talks, summits and agreements the stored reports tell of / календарь событий."""
    db = store()
    rows = db.calendar(CalendarFilters(since, until, entity, kind, limit))
    db.close()
    if output is CalendarFormat.jsonl:
        for row in rows:
            sys.stdout.write(jsonlines.dumps(asdict(row)) + "\n")
        return
    if output is CalendarFormat.ics:
        sys.stdout.write(to_ical(rows).decode("utf-8"))
        return
    table = Table("date / дата", "event / событие", "who / участники", "where / где", "reports")
    for row in rows:
        who = ", ".join(row.names.get(p, p) for p in row.participants[:5])
        what = f"{row.kind} ({row.status})" + "".join(f"\n· {t}" for t in row.titles[:5])
        where = row.names.get(row.place, row.place) if row.place else "—"
        table.add_row(row.date or "—", what, who, where, str(len(row.reports)))
    out.print(table if rows else "no events stored / событий нет")
