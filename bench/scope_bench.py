"""Ingest of a real, mostly domestic stream: this checkout beside a baseline checkout, in one run.

Stream: the 108 zakon.kz articles of ../shared/eval/streams (COVID-19, courts, crime, weather,
some diplomacy) and --posts real Telegram posts taken at an even stride through all 22k,
ingested into a fresh SQLite database with the whole pipeline (models loaded before the clock
starts). Rounds alternate between the two
checkouts, each in a fresh process with its checkout first on sys.path; the fastest round of each
is kept (noise only ever adds time). Also printed: the share of documents judged in scope, the
documents with a theme and the passages embedded.

Usage: python bench/scope_bench.py --baseline /tmp/base [--rounds 2] [--posts 400]
(make a baseline checkout with `git worktree add /tmp/base <commit>`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def stream(posts: int) -> list[dict[str, str]]:
    from narrascope import jsonlines

    rows = [
        {"id": row["id"], "text": row["text"], "outlet": "zakon.kz", "published": row["published"]}
        for row in jsonlines.records(EVAL / "streams" / "zakon_2020-07" / "articles.jsonl")
    ]
    telegram = EVAL / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
    every = list(jsonlines.records(telegram))
    stride = max(1, len(every) // posts)  # spread over all 24 channels, not the first two
    for row in every[::stride][:posts]:
        if row.get("text"):
            rows.append(
                {
                    "id": row["id"],
                    "text": row["text"],
                    "outlet": row["source"],
                    "published": row["date"],
                }
            )
    return rows


def one_round(posts: int) -> dict[str, float]:
    from narrascope import service
    from narrascope.ingest.files import document_from_json
    from narrascope.nlp.embed import default_embedder
    from narrascope.nlp.ner import natasha_models
    from narrascope.store.sqlite.store import SqliteStore

    rows = stream(posts)
    natasha_models()
    default_embedder().passages(["разогрев"])
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(str(Path(folder) / "bench.db"))
        docs = (document_from_json(f"bench:{i}", row) for i, row in enumerate(rows, start=1))
        started = time.perf_counter()
        report = service.ingest(docs, store)
        seconds = time.perf_counter() - started
        themed = store.conn.execute("SELECT count(DISTINCT doc_rowid) FROM doc_themes").fetchone()[
            0
        ]
        passages = store.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(documents)")]
        in_scope = (
            store.conn.execute("SELECT count(*) FROM documents WHERE scope = 'in'").fetchone()[0]
            if "scope" in columns
            else report.documents
        )
        store.close()
    return {
        "docs": report.documents,
        "seconds": seconds,
        "in_scope": in_scope,
        "themed": themed,
        "passages": passages,
    }


def measured(checkout: Path, posts: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT / 'bench')!r}); "
        f"import scope_bench; print(json.dumps(scope_bench.one_round({posts})))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--posts", type=int, default=400)
    args = parser.parse_args()
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.rounds):
        for name, checkout in (("baseline", args.baseline), ("this checkout", ROOT)):
            result = measured(checkout, args.posts)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = result
    heads = ("docs", "seconds", "docs/s", "in scope", "themed", "passages")
    print(f"{'':14} " + " ".join(f"{head:>8}" for head in heads))
    for name, result in best.items():
        print(
            f"{name:14} {result['docs']:8.0f} {result['seconds']:8.1f} "
            f"{result['docs'] / result['seconds']:8.2f} {result['in_scope']:8.0f} "
            f"{result['themed']:8.0f} {result['passages']:8.0f}"
        )
    speedup = best["baseline"]["seconds"] / best["this checkout"]["seconds"]
    print(f"speed-up: {speedup:.2f}x")


if __name__ == "__main__":
    main()
