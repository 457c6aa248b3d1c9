"""The analyst's web pages: server-rendered (Jinja2, autoescaped), htmx for in-place filtering,
Chart.js for series; every script and style is served from the package, none from a CDN.

Pages read the same `queries` as the API; a filter form re-requests its own page and htmx swaps
the results in, so every page also works without JavaScript and every view has a plain URL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from narrascope.analytics import queries
from narrascope.analytics.calendar import count_checks
from narrascope.analytics.search import SearchMode, search
from narrascope.nlp.themepack import theme_names
from narrascope.store.calendar import CalendarFilters
from narrascope.store.protocol import Series
from narrascope.views import PeriodCount, series
from narrascope.web.api import Filters, Pack, PeriodQuery, StoreDep
from narrascope.web.highlight import segments
from narrascope.web.i18n import LANGUAGES, translator

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("narrascope.web").joinpath("templates")))
SPAN = r"^\d+-\d+$"


def ui_language(request: Request) -> str:
    chosen = request.query_params.get("ui") or request.cookies.get("ui") or "ru"
    return chosen if chosen in LANGUAGES else "ru"


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    lang = ui_language(request)
    response = templates.TemplateResponse(
        request,
        template,
        {"t": translator(lang), "ui": lang, "params": request.query_params, **context},
    )
    if request.query_params.get("ui") in LANGUAGES:
        response.set_cookie("ui", lang, samesite="lax", httponly=True)
    return response


def with_params(params: Mapping[str, str], **changes: str | None) -> str:
    """The current query string with some parameters replaced (None drops one)."""
    merged = {**params, **changes}
    return urlencode({key: value for key, value in merged.items() if value not in (None, "")})


templates.env.globals["with_params"] = with_params


def chart(
    counts: Sequence[PeriodCount],
    names: Callable[[str], str] = str,
    value: Callable[[PeriodCount], float] = lambda c: c.documents,
    periods: list[str] | None = None,
) -> dict[str, Any]:
    """Chart.js data: one dataset per key, one label per period (zeros filled in)."""
    labels, rows = series(counts, value, periods)
    return {
        "labels": labels,
        "datasets": [{"label": names(key), "data": data} for key, data in rows.items()],
    }


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    filters: Filters,
    pack: Pack,
    q: Annotated[str, Query(max_length=500)] = "",
    mode: SearchMode = SearchMode.hybrid,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> HTMLResponse:
    views = store.views()
    names = theme_names(pack, ui_language(request))
    hits = search(store, q, mode, 30, filters, pack=pack) if q.strip() else None
    listing = None if hits is not None else queries.documents(store, filters, 30, offset)
    found = views.documents_by_id([hit.id for hit in hits]) if hits is not None else None
    return page(
        request,
        "search.html",
        q=q,
        mode=mode.value,
        hits=found,
        listing=listing,
        theme_names=names,
        themes=store.theme_counts(filters),
        outlets=views.outlets(filters),
        entities=views.entities(filters, 15, None),
        langs=store.stats().by_lang,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    store: StoreDep,
    pack: Pack,
    doc_id: str,
    span: Annotated[str | None, Query(pattern=SPAN)] = None,
) -> HTMLResponse:
    view = queries.document(store, doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    start, _, end = (span or "").partition("-")
    target = (int(start), int(end)) if span else None
    names = theme_names(pack, ui_language(request))
    return page(
        request,
        "document.html",
        view=view,
        doc=view.document,
        theme_names=names,
        segments=segments(view.document, target),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, store: StoreDep, filters: Filters, type: str | None = None
) -> HTMLResponse:
    kind = type if type in ("PER", "ORG", "LOC") else None
    rows = store.views().entities(filters, 200, kind)
    return page(request, "entities.html", rows=rows, kind=kind)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    store: StoreDep,
    filters: Filters,
    entity_id: str,
    period: PeriodQuery = "week",
) -> HTMLResponse:
    profile = queries.entity(store, entity_id, filters, period)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    documents = store.views().documents(replace(filters, entity=entity_id), 30, 0)
    timeline = chart(profile.timeline, lambda _: profile.entity.name)
    measures = [(found, series_chart(found)) for found in store.series(entity_id)]
    events = store.calendar(CalendarFilters(entity=entity_id, limit=20))
    return page(
        request,
        "entity.html",
        profile=profile,
        documents=documents,
        timeline=timeline,
        period=period,
        measures=measures,
        events=events,
        checks=count_checks(store, entity_id),
    )


def series_chart(found: Series) -> dict[str, Any]:
    """Chart.js data of one measure: a line per source, a label per period."""
    counts = [PeriodCount(period=p.period, key=p.source, documents=0) for p in found.points]
    values = {(p.period, p.source): p.value for p in found.points}
    return chart(counts, value=lambda c: values[(c.period, c.key)])


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "conflicts.html", conflicts=store.conflicts(None, 200))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    store: StoreDep,
    filters: Filters,
    pack: Pack,
    speaker: str | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> HTMLResponse:
    rows = store.views().quotes(filters, speaker or None, 100, offset)
    named = {row.speaker_id: row.speaker for row in store.speakers(2000)}
    speakers = sorted(named.items(), key=lambda item: item[1])
    names = theme_names(pack, ui_language(request))
    return page(
        request, "quotes.html", rows=rows, speakers=speakers, theme_names=names, offset=offset
    )


@router.get("/themes", response_class=HTMLResponse)
def themes_page(
    request: Request, store: StoreDep, filters: Filters, pack: Pack, period: PeriodQuery = "week"
) -> HTMLResponse:
    names = theme_names(pack, ui_language(request))
    views = store.views()
    series = views.theme_series(filters, period)
    by_outlet = views.series(filters, period, "outlet") if filters.theme else []
    return page(
        request,
        "themes.html",
        counts=store.theme_counts(filters),
        theme_names=names,
        reports=chart(series, lambda key: names.get(key, key)),
        stories=chart(series, lambda key: names.get(key, key), lambda c: c.stories),
        outlets=chart(by_outlet),
        period=period,
    )


@router.get("/partners", response_class=HTMLResponse)
def partners_page(
    request: Request, store: StoreDep, filters: Filters, period: PeriodQuery = "week"
) -> HTMLResponse:
    balance = queries.partner_balance(store, filters, period)
    lang = ui_language(request)
    names = {group.id: group.name(lang) for group in balance.groups}
    shares = balance.counts()
    share_of = {(s.period, s.group): round(100 * s.share, 1) for s in balance.shares}
    return page(
        request,
        "partners.html",
        balance=balance,
        names=names,
        period=period,
        shares=chart(
            shares, lambda key: names.get(key, key), lambda c: share_of[(c.period, c.key)]
        ),
        counts=chart(shares, lambda key: names.get(key, key)),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: StoreDep,
    filters: Filters,
    top: Annotated[int, Query(ge=2, le=150)] = 40,
) -> HTMLResponse:
    graph = queries.network(store, filters, top, 2)
    return page(request, "network.html", graph=graph, top=top)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, store: StoreDep, pack: Pack) -> HTMLResponse:
    names = theme_names(pack, ui_language(request))
    return page(request, "alerts.html", alerts=store.collection().alerts(200), theme_names=names)


@router.get("/health", response_class=HTMLResponse)
def health_page(request: Request, store: StoreDep, filters: Filters) -> HTMLResponse:
    report = queries.health(store, filters)
    per_day = [
        PeriodCount(period=row.day, key=row.outlet, documents=row.documents)
        for row in report.rows
        if row.day
    ]
    window = queries.HEALTH_DAYS if not filters.since else 731  # a chosen range, up to 2 years
    days = queries.recent_days([row.day for row in report.rows if row.day], window)
    shown = [count for count in per_day if count.period >= (days[0] if days else "")]
    return page(request, "health.html", report=report, per_day=chart(shown, periods=days))
