"""The cleaning stage alone, as ingest runs it (batches of 64 in stream order, learning the
outlet's templates), beside the stage of a baseline commit in the same run.

    .venv/bin/python bench/clean_bench.py [--posts 3000] [--baseline 9163991] [--runs 2]

Input: the first N real Telegram posts of ../shared/eval and the 108 zakon.kz articles. The
baseline is checked out into a temporary git worktree and run in its own process.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
POSTS = EVAL / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
ZAKON = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"


def texts(posts: int) -> dict[str, str]:
    with gzip.open(POSTS, "rt", encoding="utf-8") as lines:
        found = {
            f"post-{i}": json.loads(line)["text"]
            for i, line in enumerate(itertools.islice(lines, posts))
        }
    with ZAKON.open(encoding="utf-8") as lines:
        found |= {row["id"]: row["text"] for row in map(json.loads, lines)}
    return found


def child(posts: int, runs: int) -> None:
    """Runs the checkout first on PYTHONPATH. The cleaner moved into text/ after 9163991, and the
    editable install maps the new subpackages to this checkout, so the old name is tried first
    and the module's file is checked to come from the checkout asked for."""
    import importlib

    checkout = Path(os.environ["PYTHONPATH"]).resolve()
    try:
        clean = importlib.import_module("narrascope.clean")
        templates = importlib.import_module("narrascope.templates")
    except ImportError:
        clean = importlib.import_module("narrascope.text.clean")
        templates = importlib.import_module("narrascope.text.templates")
    assert Path(clean.__file__ or "").resolve().is_relative_to(checkout), clean.__file__
    Clean, MemoryTemplates = clean.Clean, templates.MemoryTemplates
    from narrascope.records import Document

    found = texts(posts)

    def run(items: dict[str, str]) -> float:
        stage = Clean(MemoryTemplates())
        docs = [Document(id=i, source=i, text=t, outlet="bench") for i, t in items.items()]
        started = time.perf_counter()
        for start in range(0, len(docs), 64):
            stage.apply_batch(docs[start : start + 64])
        return time.perf_counter() - started

    run(dict(itertools.islice(found.items(), 50)))  # models and dictionaries loaded
    seconds = min(run(found) for _ in range(runs))
    print(json.dumps({"docs": len(found), "seconds": seconds}))


def measure(checkout: Path, posts: int, runs: int) -> dict[str, float]:
    """The child in its own process, with `checkout`'s narrascope first on the path."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(posts), str(runs)],
        env={**os.environ, "PYTHONPATH": str(checkout)},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().split("\n")[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--baseline", default="9163991")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs=2, type=int, metavar=("POSTS", "RUNS"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(baseline), args.baseline],
            cwd=ROOT,
            check=True,
        )
        try:
            for name, checkout in ((args.baseline, baseline), ("now", ROOT)):
                found = measure(checkout, args.posts, args.runs)
                rate = found["docs"] / found["seconds"]
                seconds = found["seconds"]
                print(f"{name:>10}: {found['docs']:,} docs, {seconds:.2f} s, {rate:,.0f} docs/s")
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=True
            )


if __name__ == "__main__":
    main()
