"""The JSON API (/api/…): a thin layer over `queries`, `search` and the store.

Every list takes the same filters and `format=json|csv|xlsx|jsonl`; non-JSON formats come back
as a download named after the list.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from narrascope.analytics import queries
from narrascope.analytics.search import SearchMode, search
from narrascope.nlp.themepack import ThemePack, theme_names
from narrascope.records import Failure
from narrascope.store.protocol import Conflict, SearchFilters, SearchHit, Series, Stats, Store
from narrascope.store.sql.collect import Alert
from narrascope.views import DocRow, EntityRow, HealthRow, OutletRow, Period, PeriodCount, QuoteRow
from narrascope.web.export import MEDIA_TYPES, ExportFormat, export

router = APIRouter(prefix="/api")

DATE = r"^(\d{4}-\d{2}-\d{2})?$"  # empty means any: an HTML form sends every field
EXPORTS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The list as JSON, or with `format` as a CSV, XLSX or JSON Lines download",
        "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
    }
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such id"}}
Format = Literal["json", "csv", "xlsx", "jsonl"]
FormatQuery = Annotated[Format, Query(alias="format", description="json | csv | xlsx | jsonl")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
PeriodQuery = Annotated[Period, Query(description="day | week | month")]


async def open_store(request: Request) -> AsyncIterator[Store]:
    """A store from the app's pool, for this request alone (a SQLite connection is not shared
    between threads at once). Waiting happens on the event loop, never in a worker thread, so
    queued requests cannot starve the thread pool the handlers run in."""
    pool: asyncio.Queue[Store] = request.app.state.stores
    store = await pool.get()
    try:
        yield store
    finally:
        pool.put_nowait(store)


def theme_pack(request: Request) -> ThemePack:
    pack: ThemePack = request.app.state.pack
    return pack


def search_filters(
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    outlet: str | None = None,
    lang: str | None = None,
    theme: str | None = None,
    entity: Annotated[str | None, Query(description="entity id or canonical name")] = None,
    scope: Annotated[
        str | None, Query(pattern="^(in|out)?$", description="in | out: foreign policy or not")
    ] = None,
) -> SearchFilters:
    """Empty values mean "any" (an HTML form sends every field)."""
    return SearchFilters(
        since=since or None,
        until=until or None,
        outlet=outlet or None,
        lang=lang or None,
        theme=theme or None,
        entity=entity or None,
        scope=scope or None,
    )


StoreDep = Annotated[Store, Depends(open_store)]
Filters = Annotated[SearchFilters, Depends(search_filters)]
Pack = Annotated[ThemePack, Depends(theme_pack)]


def listed(items: Sequence[Any], output: Format, name: str) -> Any:
    """The list itself for JSON, else a download of it."""
    if output == "json":
        return items
    chosen = ExportFormat(output)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", name)[:60] or "export"
    return Response(
        export(items, chosen, safe),
        media_type=MEDIA_TYPES[chosen],
        headers={"Content-Disposition": f'attachment; filename="{safe}.{chosen}"'},
    )


@router.get("/documents", response_model=list[DocRow], responses=EXPORTS)
def documents(
    store: StoreDep,
    filters: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
    output: FormatQuery = "json",
) -> Any:
    """Stored documents, newest first, with the filters applied."""
    return listed(store.views().documents(filters, limit, offset), output, "documents")


@router.get("/documents/{doc_id}", responses=NOT_FOUND)
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """One document in the analyze contract, with its copies and its story."""
    view = queries.document(store, doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {
        **view.document.contract_dict(),
        "date_source": view.document.date_source,
        "original": view.original,
        "reprints": view.reprints,
        "story": view.story,
        "engagement": [
            {"observed_at": observed, **asdict(counts)} for observed, counts in view.engagement
        ],
    }


@router.get("/search", response_model=list[SearchHit], responses=EXPORTS)
def search_documents(
    store: StoreDep,
    filters: Filters,
    pack: Pack,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    mode: SearchMode = SearchMode.hybrid,
    limit: Limit = 20,
    output: FormatQuery = "json",
) -> Any:
    """Words in any form or language: bm25 over lemmas, e5 meaning, or both fused."""
    return listed(search(store, q, mode, limit, filters, pack=pack), output, "search")


@router.get("/entities", response_model=list[EntityRow], responses=EXPORTS)
def entities(
    store: StoreDep,
    filters: Filters,
    type: Literal["PER", "ORG", "LOC"] | None = None,
    limit: Limit = 100,
    output: FormatQuery = "json",
) -> Any:
    """Linked entities by the number of documents that mention them."""
    return listed(store.views().entities(filters, limit, type), output, "entities")


@router.get("/entities/{entity_id}", response_model=queries.EntityProfile, responses=NOT_FOUND)
def entity(
    store: StoreDep, filters: Filters, entity_id: str, period: PeriodQuery = "week"
) -> queries.EntityProfile:
    """One entity: mentions over time, quotes, positions, co-mentioned entities."""
    profile = queries.entity(store, entity_id, filters, period)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return profile


@router.get("/quotes", response_model=list[QuoteRow], responses=EXPORTS)
def quotes(
    store: StoreDep,
    filters: Filters,
    speaker: Annotated[str | None, Query(description="speaker id or name")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    output: FormatQuery = "json",
) -> Any:
    """Who said what: quotes with speaker and role, filtered by speaker, theme, entity, dates."""
    return listed(store.views().quotes(filters, speaker, limit, offset), output, "quotes")


@router.get("/themes", response_model=list[dict[str, Any]], responses=EXPORTS)
def themes(store: StoreDep, filters: Filters, pack: Pack, output: FormatQuery = "json") -> Any:
    """Per theme: original reports and distinct stories."""
    names = theme_names(pack)
    rows = [
        {
            "id": c.theme_id,
            "name": names.get(c.theme_id, c.theme_id),
            "documents": c.documents,
            "stories": c.stories,
        }
        for c in store.theme_counts(filters)
    ]
    return listed(rows, output, "themes")


@router.get("/themes/timeline", response_model=list[PeriodCount], responses=EXPORTS)
def theme_timeline(
    store: StoreDep, filters: Filters, period: PeriodQuery = "week", output: FormatQuery = "json"
) -> Any:
    """Reports and distinct stories per period and theme (key = theme id)."""
    return listed(store.views().theme_series(filters, period), output, "theme_timeline")


@router.get("/themes/{theme_id}/documents", response_model=list[SearchHit], responses=EXPORTS)
def theme_documents(
    store: StoreDep,
    filters: Filters,
    theme_id: str,
    limit: Limit = 20,
    output: FormatQuery = "json",
) -> Any:
    """Documents tagged with a theme, strongest evidence first."""
    return listed(store.theme_documents(theme_id, limit, filters), output, f"theme_{theme_id}")


@router.get("/outlets", response_model=list[OutletRow], responses=EXPORTS)
def outlets(store: StoreDep, filters: Filters, output: FormatQuery = "json") -> Any:
    return listed(store.views().outlets(filters), output, "outlets")


@router.get("/outlets/timeline", response_model=list[PeriodCount], responses=EXPORTS)
def outlet_timeline(
    store: StoreDep, filters: Filters, period: PeriodQuery = "week", output: FormatQuery = "json"
) -> Any:
    """Original reports per period and outlet (key = outlet)."""
    return listed(store.views().series(filters, period, "outlet"), output, "outlet_timeline")


@router.get("/stats", response_model=Stats)
def stats(store: StoreDep) -> Stats:
    return store.stats()


@router.get("/partners", response_model=list[queries.PartnerShare], responses=EXPORTS)
def partners(
    store: StoreDep, filters: Filters, period: PeriodQuery = "week", output: FormatQuery = "json"
) -> Any:
    """Share of attention to each partner group per period (the multi-vector picture)."""
    return listed(queries.partner_balance(store, filters, period).shares, output, "partners")


@router.get("/network", response_model=queries.Network)
def network(
    store: StoreDep,
    filters: Filters,
    top: Annotated[int, Query(ge=2, le=150)] = 40,
    min_documents: Annotated[int, Query(ge=1, le=1_000_000_000)] = 2,
) -> queries.Network:
    """Entity co-occurrence: nodes with a layout, edges weighted by shared documents."""
    return queries.network(store, filters, top, min_documents)


@router.get("/health", response_model=list[HealthRow], responses=EXPORTS)
def health(store: StoreDep, filters: Filters, output: FormatQuery = "json") -> Any:
    """Documents per outlet per day, reprints, dates inferred, undated."""
    return listed(store.views().health(filters), output, "health")


@router.get("/alerts", response_model=list[Alert], responses=EXPORTS)
def alerts(
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    limit: Limit = 50,
    output: FormatQuery = "json",
) -> Any:
    """Stored alerts, latest day first: spikes of themes, entities and speakers, new entities."""
    return listed(store.collection().alerts(limit, since or None), output, "alerts")


@router.get("/conflicts", response_model=list[Conflict], responses=EXPORTS)
def conflicts(
    store: StoreDep,
    entity: Annotated[str | None, Query(description="subject entity id")] = None,
    limit: Limit = 200,
    output: FormatQuery = "json",
) -> Any:
    """Two sources' different figures for one subject, measure, kind and time."""
    return listed(store.conflicts(entity or None, limit), output, "conflicts")


@router.get("/entities/{entity_id}/series", response_model=list[Series])
def series(store: StoreDep, entity_id: str) -> list[Series]:
    """The entity's measures over time: the same claim stated for several periods."""
    return store.series(entity_id)


@router.get("/failures", response_model=list[Failure], responses=EXPORTS)
def failures(store: StoreDep, output: FormatQuery = "json") -> Any:
    """Documents that could not be ingested, with the stage and the reason."""
    return listed(store.failures(), output, "failures")
