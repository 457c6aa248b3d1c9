"""Scale curve on both backends: storing and indexing N documents, search p50/p95, peak memory;
and Dask ingest with 1 and 2 workers.

Documents: `--sample` real Telegram posts go through the whole pipeline once (clean, reprints,
entities, quotes, figures, themes, e5 passages); the store is then filled to N by copies of them
with new ids, dates spread over a year and their passage vectors plus small noise. So storage
and indexing (documents, mentions, quotes, claims, themes, full-text, passages) are measured at
N, while the models are not run N times (at ~5 docs/s on this machine 100k would take 6 hours;
their speed is `ingest_bench.py`'s and the Dask part's). Each (size, backend) runs in its own
process, so its peak RSS is its own. PostgreSQL is a throw-away local server (`pg_local`).

    .venv/bin/python bench/scale_bench.py [--sizes 10000 100000] [--backends sqlite postgresql]
        [--sample 128] [--dask-posts 512]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from search_bench import mode_latencies  # bench/ is the script's folder

from narrascope import distributed, service
from narrascope.analytics.search import SearchMode, search
from narrascope.ingest.files import read_inputs
from narrascope.nlp.embed import default_embedder
from narrascope.records import Document
from narrascope.store.factory import open_store
from narrascope.store.postgres.local import LocalPostgres
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sqlite.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
POSTS = ROOT.parent / "shared/eval/news/telegram_ru_posts/posts.jsonl.gz"
QUERIES = [
    "средняя держава",
    "санкции против России",
    "переговоры о прекращении огня",
    "курс доллара",
    "нефть ОПЕК",
    "выборы в США",
    "ядерное оружие",
    "Токаев",
    "визит Путина в Казахстан",
    "ШОС саммит",
    "Central Asia cooperation",
    "беспилотники ПВО",
]
BATCH = 500
WORD = re.compile(r"[^\W\d_]{5,}")


def sample_queries(sample: list[Document], count: int = 6) -> list[str]:
    """Two words from the title (or text) of `count` evenly spaced sample posts: queries that
    match thousands of copies at 1M, where most of QUERIES match none of the 128 posts."""
    picked = sample[:: max(1, len(sample) // count)][:count]
    words = [WORD.findall(f"{doc.title or ''} {doc.text or ''}")[:2] for doc in picked]
    return [" ".join(pair) for pair in words if pair]


def posts_file(folder: Path, count: int, skip: int = 0) -> Path:
    path = folder / f"posts-{skip}-{count}.jsonl"
    with gzip.open(POSTS, "rt", encoding="utf-8") as lines:
        path.write_text("".join(itertools.islice(lines, skip, skip + count)), encoding="utf-8")
    return path


def annotated_sample(count: int) -> list[Document]:
    with tempfile.TemporaryDirectory() as folder:
        pipeline = service.build_pipeline()
        report = service.RunReport()
        inputs = read_inputs([str(posts_file(Path(folder), count))])
        return [doc for docs, _ in service.process(inputs, pipeline, report) for doc in docs]


def copy_of(sample: list[Document], index: int) -> Document:
    """The index-th document of the bench corpus: a sample document under a new id and date."""
    doc = sample[index % len(sample)]
    rng = np.random.default_rng(index)
    day = f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}T{index % 24:02d}:00:00"
    passages = [
        replace(p, vector=noised(p.vector, rng) if index >= len(sample) else p.vector)
        for p in doc.passages
    ]
    return replace(
        doc,
        id=f"{doc.id}-{index}",
        source=f"bench/{index}",
        published=day,
        passages=passages,
        story_id=None,
        duplicate_of=None,
    )


def noised(vector: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    moved = np.asarray(vector, np.float32) + rng.normal(0, 0.01, len(vector)).astype(np.float32)
    return moved / np.linalg.norm(moved)


def one(size: int, target: str, sample_path: Path) -> dict[str, object]:
    """Fill a store to `size` and time searches; runs in its own process."""
    sample: list[Document] = pickle.loads(sample_path.read_bytes())
    store = open_store(target)
    assert isinstance(store, SqlStore)
    started = time.perf_counter()
    for begin in range(0, size, BATCH):
        store.upsert([copy_of(sample, i) for i in range(begin, min(size, begin + BATCH))])
    stored = time.perf_counter() - started
    result: dict[str, object] = {"store_s": stored, "docs_per_s": size / stored}
    result["store_peak_mb"] = peak_mb()
    begun = time.perf_counter()
    search(store, "прогрев индекса", SearchMode.semantic, 10)
    result["first_s"] = time.perf_counter() - begun
    queries = QUERIES + sample_queries(sample)
    result.update(mode_latencies(store, queries))
    result["fts_found"] = sum(bool(store.search(query)) for query in queries), len(queries)
    result["recall"] = vector_recall(store)
    store.close()
    result["peak_mb"] = peak_mb()
    return result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vector_recall(store: SqlStore) -> tuple[float, float]:
    """Mean share of the exact top 10 that vector search returns, over the queries: as documents,
    and as the sample posts they copy (thousands of near-identical copies tie for a place)."""
    index = store.searcher.index
    vectors = default_embedder().queries(QUERIES)
    found = [[doc for doc, _ in index.nearest(vector, 10)] for vector in vectors]
    index.exact_rows, limit = sys.maxsize, index.exact_rows
    exact = [[doc for doc, _ in index.nearest(vector, 10)] for vector in vectors]
    index.exact_rows = limit

    def share(of: list[str], among: list[str]) -> float:
        return len(set(of) & set(among)) / max(1, len(set(among)))

    def posts(ids: list[str]) -> list[str]:
        return [doc_id.rsplit("-", 1)[0] for doc_id in ids]

    pairs = list(zip(found, exact, strict=True))
    return (
        float(np.mean([share(f, e) for f, e in pairs])),
        float(np.mean([share(posts(f), posts(e)) for f, e in pairs])),
    )


def scale(sizes: list[int], backends: list[str], sample_count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        sample = annotated_sample(sample_count)
        print(f"sample: {len(sample)} real posts through the pipeline in "
              f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
        sample_path = Path(folder) / "sample.pickle"
        sample_path.write_bytes(pickle.dumps(sample))
        server = LocalPostgres().start() if "postgresql" in backends else None
        try:
            for size, backend in itertools.product(sizes, backends):
                if backend == "sqlite":
                    target = str(Path(folder) / f"scale-{size}.db")
                else:
                    assert server is not None
                    target = server.create_database(f"scale_{size}")
                child = subprocess.run(
                    [sys.executable, __file__, "--one", str(size), target, str(sample_path)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                found = json.loads(child.stdout.strip().splitlines()[-1])
                print(
                    f"{size:>8} {backend:10s} store {found['store_s']:7.0f} s"
                    f" ({found['docs_per_s']:6.0f} docs/s, peak {found['store_peak_mb']:5.0f} MB)"
                    f"  first vector query {found['first_s']:5.1f} s"
                    f"  search peak {found['peak_mb']:5.0f} MB"
                    f"  vector recall@10 vs exact: documents {found['recall'][0]:.3f},"
                    f" posts copied {found['recall'][1]:.3f}",
                    flush=True,
                )
                for mode in SearchMode:
                    p50, p95 = found[mode.value]
                    print(f"{'':20s} {mode.value:9s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
                print(f"{'':20s} fts found documents for {found['fts_found'][0]} of"
                      f" {found['fts_found'][1]} queries", flush=True)  # fmt: skip
        finally:
            if server is not None:
                server.stop()


def dask_rates(count: int) -> None:
    """Each worker count twice over: from cluster start (models load inside the time) and with
    the models already loaded on every worker (the rate of a long backfill)."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = posts_file(Path(folder), count, skip=1000)
        rates: dict[int, float] = {}
        for workers in (1, 2):
            store = SqliteStore(str(Path(folder) / f"dask{workers}.db"))
            begun = time.perf_counter()
            with distributed.dask_client(workers) as client:
                client.run(distributed.enrich, [], None)
                ready = time.perf_counter() - begun
                report = distributed.ingest(read_inputs([str(inputs)]), store, client)
            store.close()
            rates[workers] = report.documents / report.seconds
            print(
                f"dask {workers} worker(s): {report.documents} posts in {report.seconds:.0f} s"
                f" = {rates[workers]:.2f} docs/s with models loaded; cluster start and model"
                f" load {ready:.0f} s; from start {report.documents / (ready + report.seconds):.2f}"
                " docs/s",
                flush=True,
            )
        print(f"dask 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x", flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        size, target, sample = sys.argv[2:5]
        print(json.dumps(one(int(size), target, Path(sample))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--sample", type=int, default=128)
    parser.add_argument("--dask-posts", type=int, default=512)
    args = parser.parse_args()
    if args.sizes:
        scale(args.sizes, args.backends, args.sample)
    if args.dask_posts:
        dask_rates(args.dask_posts)


if __name__ == "__main__":
    main()
