"""Collection speed against the local fixture server: a feed of N article pages (the five
seeds, each under N/5 URLs), fetched and run through the whole pipeline into SQLite.

Prints requests/s of the fetch phase, documents/s of the whole run, a second (incremental)
run's time and the peak RSS. Usage: python bench/collect_bench.py [N]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrascope.collect.collector import collect_once
from narrascope.collect.sources import load_sources
from narrascope.store.sqlite.store import SqliteStore
from tests.sites import SiteServer

SOURCES = """
[fetch]
rate = {rate}
per_host = 8
concurrency = 16
allow_private = ["127.0.0.1"]

[[source]]
name = "Bench"
kind = "rss"
url = "{base}/many.xml?route=news&n={n}"
max_items = {n}
"""


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    site = SiteServer().start()
    folder = Path(tempfile.mkdtemp())
    sources = folder / "sources.toml"
    sources.write_text(SOURCES.format(base=site.base, n=count, rate=1000), encoding="utf-8")
    config = load_sources(sources)
    store = SqliteStore(str(folder / "bench.db"))
    phases: dict[str, float] = {}
    started = time.perf_counter()

    def progress(phase: str, done: int, total: int | None) -> None:
        phases[phase] = time.perf_counter() - started

    report = collect_once(config, store, progress=progress)
    total = time.perf_counter() - started
    again_started = time.perf_counter()
    again = collect_once(config, store)
    again_seconds = time.perf_counter() - again_started
    fetch_seconds = phases["fetch"] - phases["discover"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"items: {count}; documents stored: {report.documents}; failures: {len(report.failures)}")
    print(
        f"fetch phase: {report.requests} requests in {fetch_seconds:.2f} s"
        f" ({report.requests / fetch_seconds:.0f} req/s, 8 in flight to one host)"
    )
    print(
        f"whole run (discover, fetch, clean ... embed, store): {total:.1f} s"
        f" ({report.documents / total:.1f} docs/s)"
    )
    print(
        f"second run (nothing new): {again_seconds:.2f} s, {again.requests} requests,"
        f" {again.documents} documents"
    )
    print(f"peak RSS: {peak_mb:.0f} MB")
    store.close()
    site.stop()


if __name__ == "__main__":
    main()
