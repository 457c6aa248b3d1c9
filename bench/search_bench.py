"""Search speed: embedding throughput, and query latency at 10k and 100k documents.

Embedding: the title+lead passage of real Telegram posts, in batches as the pipeline sends them.
Latency: a database of N documents is filled from the 22k real posts (texts repeated with new ids
past 22k) with real e5 vectors for the first posts and, past them, those vectors plus small noise
(latency does not depend on the values), one passage per document as for a post; then every
query runs in each mode and p50/p95 are printed. The first vector query, which loads or builds
the index file, is timed apart.

    .venv/bin/python bench/search_bench.py [--sizes 10000 100000] [--embed 512]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from narrascope import jsonlines
from narrascope.analytics.search import SearchMode, search
from narrascope.nlp import _compat  # noqa: F401  (pymorphy2 alias for natasha)
from narrascope.nlp.embed import LEAD_CHARS, default_embedder
from narrascope.nlp.lemmas import lemma_text
from narrascope.store.protocol import Store
from narrascope.store.sqlite.store import SqliteStore

POSTS = Path(__file__).resolve().parents[2] / "shared/eval/news/telegram_ru_posts/posts.jsonl.gz"
QUERIES = [
    "средняя держава",
    "middle power",
    "орта держава",
    "Trans-Caspian route",
    "санкции против России",
    "переговоры о прекращении огня",
    "курс доллара",
    "нефть ОПЕК",
    "выборы в США",
    "ядерное оружие",
    "искусственный интеллект",
    "Central Asia cooperation",
    "Қазақстан сыртқы саясаты",
    "ипотека ставка",
    "мигранты Москва",
    "беспилотники ПВО",
    "climate change",
    "Токаев",
    "визит Путина в Казахстан",
    "ШОС саммит",
]


def read_posts() -> list[dict[str, str]]:
    return list(jsonlines.records(POSTS))


def embedding_rate(posts: list[dict[str, str]], count: int) -> float:
    embedder = default_embedder()
    texts = [post["text"][:LEAD_CHARS] for post in posts[:count]]
    embedder.passages(texts[:8])  # warm-up
    started = time.perf_counter()
    for start in range(0, len(texts), 64):
        embedder.passages(texts[start : start + 64])
    return len(texts) / (time.perf_counter() - started)


def fill(path: Path, posts: list[dict[str, str]], size: int, real: np.ndarray) -> None:
    store = SqliteStore(str(path))
    rng = np.random.default_rng(0)
    with store.transaction() as conn:
        for index in range(size):
            post = posts[index % len(posts)]
            cursor = conn.execute(
                "INSERT INTO documents (id, source, outlet, published, lang, raw_format, text,"
                " annotations, ingested_at) VALUES (?, ?, ?, ?, 'ru', 'text', ?, '{}', '')",
                (f"d{index}", "bench", post.get("source"), post["date"], post["text"]),
            )
            conn.execute(
                "INSERT INTO documents_fts (rowid, title, body) VALUES (?, '', ?)",
                (cursor.lastrowid, lemma_text(post["text"])),
            )
            vector = real[index % len(real)]
            if index >= len(real):
                vector = vector + rng.normal(0, 0.01, vector.shape).astype(np.float32)
                vector /= np.linalg.norm(vector)
            conn.execute(
                'INSERT INTO passages (doc_id, start, "end", vector) VALUES (?, 0, ?, ?)',
                (f"d{index}", len(post["text"]), np.asarray(vector, "<f4").tobytes()),
            )
    store.close()


def latencies(path: Path) -> dict[str, tuple[float, float]]:
    store = SqliteStore(str(path))
    started = time.perf_counter()
    store.vector_search(default_embedder().queries(["прогрев"])[0], 1)
    elapsed = time.perf_counter() - started
    print(f"  first vector query (builds and saves the index): {elapsed:.2f} s", flush=True)
    result = mode_latencies(store, QUERIES)
    store.close()
    return result


def mode_latencies(store: Store, queries: list[str]) -> dict[str, tuple[float, float]]:
    """p50 and p95 in milliseconds of each search mode over the queries, three times each."""
    result = {}
    for mode in SearchMode:
        times = []
        for query in queries * 3:
            begun = time.perf_counter()
            search(store, query, mode, 10)
            times.append((time.perf_counter() - begun) * 1000)
        times.sort()
        result[mode.value] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--embed", type=int, default=512, help="posts embedded for the rate")
    args = parser.parse_args()
    posts = read_posts()
    if args.embed:
        rate = embedding_rate(posts, args.embed)
        print(f"embedding (title+lead, batches of 64): {rate:.1f} docs/s on {args.embed} posts")
    real = default_embedder().passages([post["text"][:LEAD_CHARS] for post in posts[:300]])
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            started = time.perf_counter()
            fill(path, posts, size, real)
            print(f"{size} documents (filled in {time.perf_counter() - started:.0f} s)", flush=True)
            for mode, (p50, p95) in latencies(path).items():
                print(f"  {mode:9s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
