"""What the events stages cost: the first N real Telegram posts ingested into a fresh database
twice in one run, without the events stages (the baseline) and with them; prints each run's
docs/s, the stages' own seconds and their share of ingest time (the issue's budget: < 10 %).

Usage: python bench/events_bench.py [--limit N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from unittest import mock

from ingest_bench import posts  # type: ignore[import-not-found]

from narrascope import service
from narrascope.dedup.events import GroupEvents
from narrascope.nlp.events import ExtractEvents
from narrascope.pipeline import Stage
from narrascope.store.sqlite.store import SqliteStore

EVENT_STAGES = ("events", "event_groups")


def without_events(stages: list[Stage]) -> list[Stage]:
    return [s for s in stages if not isinstance(s, ExtractEvents | GroupEvents)]


def run(limit: int, events: bool) -> tuple[float, int, dict[str, float]]:
    enrichment, tail = service.enrichment, service.ordered_tail
    patches = (
        []
        if events
        else [
            mock.patch.object(service, "enrichment", lambda *a: without_events(enrichment(*a))),
            mock.patch.object(service, "ordered_tail", lambda *a: without_events(tail(*a))),
        ]
    )
    for patch in patches:
        patch.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = SqliteStore(str(Path(folder) / "bench.db"))
            started = time.perf_counter()
            report = service.ingest(posts(limit), store)
            seconds = time.perf_counter() - started
            store.close()
    finally:
        for patch in patches:
            patch.stop()
    return seconds, report.documents, {name: t.seconds for name, t in report.stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=3000, help="the first N posts")
    args = parser.parse_args()
    base_seconds, docs, _ = run(args.limit, events=False)
    seconds, docs_with, stages = run(args.limit, events=True)
    own = sum(stages.get(name, 0.0) for name in EVENT_STAGES)
    print(f"posts: {docs} (baseline) / {docs_with} (with events)")
    print(f"baseline, no events stages: {base_seconds:.1f} s, {docs / base_seconds:.1f} docs/s")
    print(f"with events stages:         {seconds:.1f} s, {docs_with / seconds:.1f} docs/s")
    for name in EVENT_STAGES:
        spent = stages.get(name, 0.0)
        print(f"  stage {name}: {spent:.2f} s, {docs_with / spent if spent else 0:.0f} docs/s")
    print(f"events stages' share of ingest time: {own / seconds:.1%}")
    print(f"difference of the two runs: {(seconds - base_seconds) / base_seconds:+.1%} (noisy)")


if __name__ == "__main__":
    main()
