"""Collect from the sources file: discover new items, fetch them, run them through the pipeline.

Three phases, each leaving the queue consistent (see sql_collect): discovery queues URLs not
seen before (a feed answering 304 costs nothing), fetching keeps each body compressed and moves
the item to `fetched`, processing turns fetched items into documents and marks them `done`.
A run killed anywhere is resumed by the next one; re-running finds nothing new.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from narrascope.collect.alerts import raise_alerts
from narrascope.collect.discover import (
    DiscoverError,
    Item,
    feed_items,
    listing_items,
    sitemap_entries,
)
from narrascope.collect.fetch import FEED_TYPES, HTML_TYPES, Fetched, Fetcher, FetchError
from narrascope.collect.sources import Config, Source
from narrascope.collect.telegram_web import PreviewError, parse_preview
from narrascope.ids import canonical_url, document_id
from narrascope.ingest import files as ingest
from narrascope.nlp.themepack import ThemePack
from narrascope.pipeline import Pipeline
from narrascope.records import Document, Engagement, Failure
from narrascope.service import BATCH_SIZE, batched, build_pipeline, stored_people
from narrascope.store.protocol import CollectState, Store
from narrascope.store.sql.collect import Alert, QueuedItem, StoredResponse

STAGE = "collect"
FETCH_CHUNK = 200  # items fetched concurrently before the queue is read again
MAX_CHILD_SITEMAPS = 5

Progress = Callable[[str, int, int | None], None]  # (phase, done, total if known)


@dataclass(slots=True)
class CollectReport:
    discovered: int = 0  # new items queued
    not_modified: int = 0  # feeds, sitemaps and pages unchanged since the last run (304)
    fetched: int = 0
    documents: int = 0
    engagement: int = 0  # posts whose counts changed
    failures: list[Failure] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    unsaved: list[Failure] = field(default_factory=list)  # not yet in the quarantine table

    def fail(self, source: str, stage: str, reason: str) -> None:
        failure = Failure(source=source, stage=stage, reason=reason)
        self.failures.append(failure)
        self.unsaved.append(failure)


def collect_once(
    config: Config,
    store: Store,
    pack: ThemePack | None = None,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CollectReport:
    started = time.perf_counter()
    report = CollectReport()
    state = store.collection()
    state.requeue_retries()
    asyncio.run(_discover_and_fetch(config, state, report, progress, transport))
    _save_failures(store, report)  # before processing, so a killed run keeps them too
    exports = [source for source in config.sources if source.kind == "telegram_export"]
    _process(store, state, report, pack, progress, exports)
    webhook = config.alerts.webhook
    report.alerts, problem = raise_alerts(state, config.alerts, webhook, config.fetch.user_agent)
    if webhook and problem:
        report.fail(webhook, "alerts", problem)
    _save_failures(store, report)
    report.seconds = time.perf_counter() - started
    return report


def _save_failures(store: Store, report: CollectReport) -> None:
    store.upsert([], report.unsaved)
    report.unsaved.clear()


def watch(
    config: Config,
    store: Store,
    every: float,
    runs: int | None = None,
    pack: ThemePack | None = None,
    after_run: Callable[[CollectReport], None] | None = None,
) -> None:
    """collect_once every `every` seconds (from the start of one run to the next), `runs` times
    or until interrupted; each run takes only what is new, and resumes what a crash left."""
    done = 0
    while runs is None or done < runs:
        started = time.monotonic()
        report = collect_once(config, store, pack)
        done += 1
        if after_run:
            after_run(report)
        if runs is None or done < runs:
            time.sleep(max(0.0, every - (time.monotonic() - started)))


async def _discover_and_fetch(
    config: Config,
    state: CollectState,
    report: CollectReport,
    progress: Progress | None,
    transport: httpx.AsyncBaseTransport | None,
) -> None:
    async with Fetcher(config.fetch, config.allowed_hosts(), transport) as fetcher:
        web = [source for source in config.sources if source.kind != "telegram_export"]
        await asyncio.gather(*(_discover(fetcher, state, source, report) for source in web))
        if progress:
            progress("discover", report.discovered, report.discovered)
        total = state.count("new")
        while items := state.queued("new", FETCH_CHUNK):
            await asyncio.gather(*(_fetch_item(fetcher, state, item, report) for item in items))
            if progress:
                progress("fetch", report.fetched + _failed(report, "fetch"), total)
        report.requests = fetcher.requests


async def _discover(
    fetcher: Fetcher, state: CollectState, source: Source, report: CollectReport
) -> None:
    where = f"{source.name} <{source.url}>"
    try:
        if source.kind == "telegram":
            await _discover_posts(fetcher, state, source, report)
            return
        fetched = await _conditional(fetcher, state, source.url or "", report)
        if source.kind == "sitemap":
            items = await _sitemap_items(fetcher, state, source, fetched, report)
        elif fetched is None:
            return
        elif source.kind == "rss":
            items = feed_items(fetched.content, source.max_items)
        else:
            page = ingest.decode(fetched.content)
            items = listing_items(page, fetched.url, source.links, source.max_items)
    except (FetchError, DiscoverError, PreviewError, ingest.InputError) as error:
        reason = error.reason if isinstance(error, FetchError) else str(error)
        report.fail(where, STAGE, reason)
        return
    queued = [(item.url, _meta(item)) for item in items]
    report.discovered += state.enqueue(source.name, queued)


async def _sitemap_items(
    fetcher: Fetcher,
    state: CollectState,
    source: Source,
    fetched: Fetched | None,
    report: CollectReport,
) -> list[Item]:
    """A sitemap's URLs, or its children's when it is an index; the children are read (each
    conditionally) even when the index itself is unchanged, since news sitemaps change under
    a steady index."""
    cursor = state.source_state(source.name)
    if fetched is not None:
        sitemap = sitemap_entries(ingest.inflate(fetched.content), source.max_items)
        items, children = sitemap.items, sitemap.children[:MAX_CHILD_SITEMAPS]
        state.set_source_state(source.name, {**cursor, "children": children})
    else:
        items, children = [], list(cursor.get("children", []))
    for child in children:
        child_fetched = await _conditional(fetcher, state, child, report)
        if child_fetched is not None:
            items += sitemap_entries(ingest.inflate(child_fetched.content), source.max_items).items
    return items[: source.max_items]


async def _conditional(
    fetcher: Fetcher, state: CollectState, url: str, report: CollectReport
) -> Fetched | None:
    """The body if it changed since the last run (ETag / Last-Modified), else None."""
    previous = state.response(url)
    fetched = await fetcher.get(
        url,
        FEED_TYPES,
        etag=previous.etag if previous else None,
        last_modified=previous.last_modified if previous else None,
    )
    if fetched.not_modified:
        report.not_modified += 1
        return None
    state.save_response(url, _stored(fetched), item_state=None)
    return fetched


async def _discover_posts(
    fetcher: Fetcher, state: CollectState, source: Source, report: CollectReport
) -> None:
    """Newest preview page first, then older ones until the last post seen before."""
    cursor = state.source_state(source.name)
    last_seen = int(cursor.get("last_id", 0))
    newest = last_seen
    page_url = source.url or ""
    for _ in range(source.pages):
        fetched = await fetcher.get(page_url, HTML_TYPES)
        state.save_response(page_url, _stored(fetched), item_state=None)
        page = parse_preview(ingest.decode(fetched.content))
        counts = [
            (document_id(post.url, ""), Engagement(views=post.views))
            for post in page.posts
            if post.views is not None
        ]
        report.engagement += state.record_engagement(counts)
        fresh = [post for post in page.posts if post.id > last_seen]
        queued = [
            (
                post.url,
                {
                    "kind": "post",
                    "text": post.text,
                    "published": post.published,
                    "views": post.views,
                    "forwarded_from": post.forwarded_from,
                },
            )
            for post in fresh
        ]
        report.discovered += state.enqueue(source.name, queued, state="fetched")
        newest = max([newest, *(post.id for post in page.posts)])
        oldest = min((post.id for post in page.posts), default=0)
        if page.before is None or oldest <= last_seen + 1:
            break
        page_url = f"{source.url}?before={page.before}"
    state.set_source_state(source.name, {**cursor, "last_id": newest})


async def _fetch_item(
    fetcher: Fetcher, state: CollectState, item: QueuedItem, report: CollectReport
) -> None:
    try:
        fetched = await fetcher.get(item.url, HTML_TYPES)
    except FetchError as error:
        if state.fail(item.url, error.reason, error.transient):
            report.fail(item.url, "fetch", error.reason)
        return
    final = canonical_url(fetched.url) or fetched.url
    if final != item.url and state.known([final]):
        state.mark([item.url], "done", reason=f"redirects to {final}, queued on its own")
        return
    state.save_response(item.url, _stored(fetched), item_state="fetched")
    report.fetched += 1


def _process(
    store: Store,
    state: CollectState,
    report: CollectReport,
    pack: ThemePack | None,
    progress: Progress | None,
    exports: list[Source],
) -> None:
    pipeline = build_pipeline(
        True, store.templates(), store.duplicates(), store.stories(), pack, stored_people(store)
    )
    total = state.count("fetched")
    while items := state.queued("fetched", BATCH_SIZE):
        docs: list[Document] = []
        failures: list[Failure] = []
        for item in items:
            try:
                docs.append(item_document(item, state))
            except (ingest.InputError, KeyError, ValueError) as error:
                failures.append(Failure(source=item.url, stage=STAGE, reason=str(error)))
        result = pipeline.run(docs)
        failures += result.failures
        store.upsert(result.documents, failures)
        failed = {failure.source for failure in failures}
        state.mark([item.url for item in items if item.url not in failed], "done")
        state.mark([item.url for item in items if item.url in failed], "failed")
        report.documents += len(result.documents)
        report.failures += failures
        if progress:
            progress("process", report.documents, total)
    for source in exports:
        _import_export(store, state, source, pipeline, report)


def _import_export(
    store: Store, state: CollectState, source: Source, pipeline: Pipeline, report: CollectReport
) -> None:
    """A Telegram Desktop export, read again only when the file changed."""
    path = Path(source.path or "")
    try:
        mark = {"size": path.stat().st_size, "mtime": path.stat().st_mtime_ns}
    except OSError as error:
        report.fail(str(path), STAGE, str(error))
        return
    if state.source_state(source.name).get("file") == mark:
        return
    inputs = ingest.read_inputs([str(path)], "telegram")
    for batch in batched(inputs, BATCH_SIZE):
        docs = [item for item in batch if isinstance(item, Document)]
        for doc in docs:
            doc.outlet = doc.outlet or source.name
        result = pipeline.run(docs)
        failures = [item for item in batch if isinstance(item, Failure)] + result.failures
        store.upsert(result.documents, failures)
        report.documents += len(result.documents)
        report.failures += failures
    state.set_source_state(source.name, {"file": mark})


def item_document(item: QueuedItem, state: CollectState) -> Document:
    meta = item.meta
    doc_id = document_id(item.url, "")
    published = meta.get("published")
    common: dict[str, Any] = {
        "id": doc_id,
        "source": item.url,
        "url": item.url,
        "outlet": item.source,
        "published": published,
        "date_source": "source" if published else None,
    }
    if meta.get("kind") == "post":
        return Document(
            **common,
            forwarded_from=meta.get("forwarded_from"),
            raw=meta["text"],
            raw_format="text",
            engagement=Engagement(views=meta.get("views")),
        )
    response = state.response(item.url)
    if response is None:
        raise KeyError(f"no stored response for {item.url}")
    is_html = "html" in (response.content_type or "html") or "xml" in (response.content_type or "")
    final = canonical_url(response.url) or item.url  # after redirects: one id for one page
    common.update(id=document_id(final, ""), url=final)
    return Document(
        **common,
        title=meta.get("title"),
        raw=ingest.decode(response.body),
        raw_format="html" if is_html else "text",
    )


def _stored(fetched: Fetched) -> StoredResponse:
    return StoredResponse(
        url=fetched.url,
        content_type=fetched.content_type,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        body=fetched.content,
    )


def _meta(item: Item) -> dict[str, Any]:
    meta = {"kind": "article", "title": item.title, "published": item.published}
    return {key: value for key, value in meta.items() if value is not None}


def _failed(report: CollectReport, stage: str) -> int:
    return sum(failure.stage == stage for failure in report.failures)
