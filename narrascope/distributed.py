"""Ingest with the model stages on a Dask cluster: `ingest --workers N` or `--dask tcp://host:8786`.

The stages that learn from earlier documents run here, in input order, exactly as in one process:
extraction, cleaning (outlet templates), language and reprints before, story grouping after.
Each batch's model stages (entities, quotes, figures, themes, embeddings), which read one
document at a time, go to a worker; a worker builds them once and keeps them for every batch it
gets. Batches come back and are stored in input order, a few in flight per worker, so the store
ends up the same as after a single-process run and memory stays bounded by the window.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from narrascope.nlp.themepack import ThemePack
from narrascope.pipeline import BatchResult, Pipeline, StageTiming
from narrascope.records import Document, Failure
from narrascope.service import (
    BATCH_SIZE,
    Progress,
    RunReport,
    batched,
    count_batch,
    enrichment,
    ordered_head,
    ordered_tail,
    split_batch,
    store_batch,
    stored_people,
)
from narrascope.store.protocol import Store

if TYPE_CHECKING:
    from distributed import Client, Future

BATCHES_PER_WORKER = 2  # in flight at once: one being enriched, one waiting
# One thread per worker: the models run on one core each, and workers are the parallelism.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_worker_pipelines: dict[str, Pipeline] = {}


def enrich(docs: list[Document], pack: ThemePack | None) -> tuple[BatchResult, dict[str, Any]]:
    """Runs on a worker: the model stages over one batch, built on the worker's first batch."""
    key = pack.digest if pack is not None else ""
    pipeline = _worker_pipelines.get(key)
    if pipeline is None:
        pipeline = _worker_pipelines[key] = Pipeline(enrichment(pack), upstream=ordered_head())
    pipeline.timings = {}
    result = pipeline.run(docs)
    return result, pipeline.timings


@contextmanager
def dask_client(workers: int | None = None, address: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `address`, or of a local cluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if address:
        with Client(address) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=WORKER_ENV,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def ingest(
    inputs: Iterable[Document | Failure],
    store: Store,
    client: Client,
    clean: bool = True,
    progress: Progress | None = None,
    pack: ThemePack | None = None,
) -> RunReport:
    report = RunReport()
    head_stages = ordered_head(clean, store.templates(), store.duplicates())
    head = Pipeline(head_stages)
    tail = Pipeline(
        ordered_tail(store.stories(), stored_people(store), store.events()),
        upstream=[*head_stages, *enrichment(pack)],
    )
    shared_pack = client.scatter(pack, broadcast=True) if pack is not None else None
    window = BATCHES_PER_WORKER * max(1, len(client.nthreads()))
    pending: deque[tuple[Future[Any], list[Failure]]] = deque()
    started = time.perf_counter()

    def finish() -> None:
        future, failures = pending.popleft()
        enriched, timings = future.result()
        merge_timings(report.stages, timings)
        grouped = tail.run(enriched.documents)
        failures = failures + enriched.failures + grouped.failures
        storing = report.stages.setdefault("store", StageTiming())
        store_batch(store, grouped.documents, failures, storing)
        count_batch(report, grouped.documents, failures, started, progress)

    for batch in batched(inputs, BATCH_SIZE):
        docs, read_failures = split_batch(batch)
        prepared = head.run(docs)
        future = client.submit(enrich, prepared.documents, shared_pack, pure=False)
        pending.append((future, read_failures + prepared.failures))
        while len(pending) >= window:
            finish()
    while pending:
        finish()
    merge_timings(report.stages, {**head.timings, **tail.timings})
    return report


def merge_timings(total: dict[str, StageTiming], part: dict[str, StageTiming]) -> None:
    for name, timing in part.items():
        into = total.setdefault(name, StageTiming())
        into.docs += timing.docs
        into.chars += timing.chars
        into.seconds += timing.seconds
