"""The entity and quote stages per document, this checkout beside a baseline checkout, in one run.

Texts: the 108 real zakon.kz articles of ../shared/eval/streams and the first 500 real Telegram
posts. Each round times `ner.recognize` and then `quotes.find_quotes` over all texts; rounds
alternate between this checkout and the baseline, each in a fresh process with its checkout first
on sys.path, and the fastest round of each is kept (noise only ever adds time).

Usage: python bench/quotes_bench.py --baseline /tmp/base [--rounds 3] [--posts 500]
(make a baseline checkout with `git worktree add /tmp/base <commit>`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def texts(posts: int) -> list[str]:
    from narrascope import jsonlines

    stream = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"
    found = [row["text"] for row in jsonlines.records(stream)]
    telegram = EVAL / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
    for row, _ in zip(jsonlines.records(telegram), range(posts), strict=False):
        if row.get("text"):
            found.append(row["text"])
    return found


def one_round(posts: int) -> dict[str, float]:
    """Seconds for the entity stage and for the quote stage over the texts (models loaded)."""
    from narrascope.nlp.ner import natasha_models, recognize
    from narrascope.nlp.quotes import find_quotes

    corpus = texts(posts)
    models = natasha_models()
    recognize(corpus[0], models)
    started = time.perf_counter()
    entities = [recognize(text, models) for text in corpus]
    ner_seconds = time.perf_counter() - started
    started = time.perf_counter()
    quotes = sum(
        len(find_quotes(text, found)) for text, found in zip(corpus, entities, strict=True)
    )
    return {
        "docs": len(corpus),
        "ner": ner_seconds,
        "quotes": time.perf_counter() - started,
        "quote_count": quotes,
    }


def measured(checkout: Path, posts: int) -> dict[str, float]:
    """One round in a fresh process, so no cache carries over from an earlier round."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT / 'bench')!r}); "
        f"import quotes_bench; print(json.dumps(quotes_bench.one_round({posts})))"
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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--posts", type=int, default=500)
    args = parser.parse_args()
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.rounds):
        for name, checkout in (("baseline", args.baseline), ("now", ROOT)):
            result = measured(checkout, args.posts)
            kept = best.setdefault(name, result)
            for stage in ("ner", "quotes"):
                kept[stage] = min(kept[stage], result[stage])
            kept["quote_count"] = result["quote_count"]
    for name, result in best.items():
        docs = result["docs"]
        print(
            f"{name:9} {int(docs)} docs: entities {docs / result['ner']:7.1f} docs/s, "
            f"quotes {docs / result['quotes']:7.1f} docs/s "
            f"({result['ner'] / docs * 1000:.2f} + {result['quotes'] / docs * 1000:.2f} ms/doc, "
            f"{int(result['quote_count'])} quotes)"
        )


if __name__ == "__main__":
    main()
