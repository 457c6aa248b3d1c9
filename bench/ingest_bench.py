"""Ingest the 22k real Telegram posts into a fresh database; print throughput and peak memory.

Also times the baseline on the first --baseline posts: bare natasha NER and one e5 passage
embedding per post, the budget the whole pipeline is held to.

Usage: python bench/ingest_bench.py [--limit N] [--baseline N] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from narrascope import jsonlines, service
from narrascope.ingest.files import document_from_json
from narrascope.records import Document, Failure
from narrascope.store.sqlite.store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "news" / "telegram_ru_posts" / "posts.jsonl.gz"


def posts(limit: int | None) -> Iterator[Document | Failure]:
    for lineno, post in enumerate(itertools.islice(jsonlines.records(CORPUS), limit), start=1):
        record = {
            "id": post["id"],
            "text": post["text"],
            "published": post["date"],
            "outlet": post["source"],
        }
        yield document_from_json(f"{CORPUS.name}:{lineno}", record)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N posts")
    parser.add_argument("--baseline", type=int, default=2000, help="posts for the baseline")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(str(Path(folder) / "bench.db"))
        started = time.perf_counter()
        report = service.ingest(posts(args.limit), store, progress=progress)
        total = time.perf_counter() - started
        stored = store.count()
        store.close()
        db_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    print(file=sys.stderr)
    stages = {
        name: {
            "docs": t.docs,
            "seconds": round(t.seconds, 2),
            "docs_per_s": round(t.docs / t.seconds, 1) if t.seconds else None,
            "chars_per_s": round(t.chars / t.seconds) if t.seconds else None,
        }
        for name, t in report.stages.items()
    }
    results = {
        "corpus": str(CORPUS.relative_to(ROOT.parent)),
        "documents": report.documents,
        "stored": stored,
        "failures": len(report.failures),
        "chars": report.chars,
        "seconds": round(total, 1),
        "docs_per_s": round(report.documents / total, 1),
        "chars_per_s": round(report.chars / total),
        "peak_rss_mb": round(peak_rss_mb()),
        "database_mb": round(db_mb, 1),
        "stages": stages,
        "baseline": baseline(args.baseline) if args.baseline > 0 else {},
        "machine": f"{platform.machine()} {platform.python_version()}, 1 process, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}",
    }
    print(f"{'stage':<10}{'docs/s':>10}{'chars/s':>12}{'seconds':>10}")
    for name, row in stages.items():
        print(f"{name:<10}{row['docs_per_s']:>10}{row['chars_per_s']:>12}{row['seconds']:>10}")
    print(
        f"{'total':<10}{results['docs_per_s']:>10}{results['chars_per_s']:>12}{results['seconds']:>10}"
    )
    print(
        f"documents {report.documents}, failures {len(report.failures)}, "
        f"peak RSS {results['peak_rss_mb']} MB, database {results['database_mb']} MB"
    )
    for name, rate in results["baseline"].items():
        print(f"baseline {name}: {rate}")
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def baseline(limit: int) -> dict[str, float]:
    """docs/s of bare natasha NER, of one e5 embedding per post, of both, and of our pipeline,
    all on the same first `limit` posts."""
    from narrascope.evaluation.ner import stock_natasha
    from narrascope.nlp.embed import default_embedder

    texts = [doc.raw or "" for doc in posts(limit) if isinstance(doc, Document)]
    tagger, embedder = stock_natasha(), default_embedder()
    started = time.perf_counter()
    for text in texts:
        tagger(text)
    ner = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(texts), service.BATCH_SIZE):
        embedder.passages(texts[start : start + service.BATCH_SIZE])
    embed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(str(Path(folder) / "baseline.db"))
        started = time.perf_counter()
        service.ingest(posts(limit), store)
        ours = time.perf_counter() - started
        store.close()
    return {
        "posts": len(texts),
        "natasha_ner_docs_per_s": round(len(texts) / ner, 1),
        "e5_passage_docs_per_s": round(len(texts) / embed, 1),
        "natasha_plus_e5_docs_per_s": round(len(texts) / (ner + embed), 1),
        "narrascope_ingest_docs_per_s": round(len(texts) / ours, 1),
        "ratio_to_natasha_plus_e5": round((ner + embed) / ours, 2),
    }


def progress(done: int, failed: int) -> None:
    if done % 1024 < service.BATCH_SIZE:
        print(f"\r{done} documents, {failed} failures", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
