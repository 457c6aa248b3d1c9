"""Reading a big JSON Lines dump: documents read, seconds and peak memory, beside the reader of
commit 9163991 (before streaming) in the same run.

    .venv/bin/python bench/dump_bench.py [--gb 1.0] [--ingest-docs 100]

The dump is real Telegram posts from ../shared/eval (each copied under new ids until the file
reaches the size asked for). Every measurement runs in a fresh process, so its peak RSS
(ru_maxrss) is its own. The last one runs the whole ingest (pipeline and SQLite store) over a
dump of the same size that is blank lines but for a few hundred real posts: the cost of
the models stays out, the bounded memory of a file over the old 64 MB cap shows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTS = ROOT.parent / "shared" / "eval" / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
BASELINE = "9163991"


def write_dump(path: Path, size: int, docs: int | None = None) -> None:
    """Real posts, repeated under fresh ids up to `size` bytes; with `docs`, only that many
    posts and blank lines for the rest."""
    from narrascope import jsonlines

    posts = list(jsonlines.records(POSTS))
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for number in range(docs or sys.maxsize):
            post = posts[number % len(posts)]
            record = {
                "id": f"{post['id']}-{number}",
                "text": post["text"],
                "outlet": post["source"],
            }
            line = jsonlines.dumps(record) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            if written >= size:
                return
        blank = " " * (1 << 20) + "\n"
        while written < size:
            written += out.write(blank)


def baseline_reader():  # type: ignore[no-untyped-def]
    """The ingest module as it was at the baseline commit, its imports pointed at today's."""
    import narrascope.ids
    import narrascope.ingest.telegram_export
    import narrascope.records

    sys.modules["narrascope.telegram_export"] = narrascope.ingest.telegram_export
    source = subprocess.run(
        ["git", "show", f"{BASELINE}:narrascope/ingest.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spec = importlib.util.spec_from_loader("baseline_ingest", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "baseline_ingest.py", "exec"), module.__dict__)
    return module.read_inputs


def child(kind: str, path: str) -> None:
    from narrascope.records import Document

    started = time.perf_counter()
    docs = failures = 0
    if kind == "ingest":
        from narrascope import service
        from narrascope.ingest.files import read_inputs
        from narrascope.store.factory import open_store

        with tempfile.TemporaryDirectory() as folder:
            store = open_store(str(Path(folder) / "bench.db"))
            report = service.ingest(read_inputs([path], "jsonl"), store)
            docs, failures = report.documents, len(report.failures)
            store.close()
    else:
        if kind == "baseline":
            read_inputs = baseline_reader()
        else:
            from narrascope.ingest.files import read_inputs
        for item in read_inputs([path], "jsonl"):
            if isinstance(item, Document):
                docs += 1
            else:
                failures += 1
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": docs, "failures": failures, "seconds": seconds, "peak_mb": peak}))


def measure(kind: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().split("\n")[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gb", type=float, default=1.0)
    parser.add_argument("--ingest-docs", type=int, default=100)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    size = int(args.gb * (1 << 30))
    with tempfile.TemporaryDirectory() as folder:
        small, big, sparse = (Path(folder) / name for name in ("60mb", "big", "sparse"))
        for path, bytes_, docs in (
            (small, 60 << 20, None),
            (big, size, None),
            (sparse, size, args.ingest_docs),
        ):
            write_dump(path.with_suffix(".jsonl"), bytes_, docs)
        print(f"{'file':>22} {'reader':>9} {'docs':>9} {'failed':>6} {'seconds':>8} {'peak MB':>8}")
        runs = [
            ("60 MB of posts", small, "baseline"),
            ("60 MB of posts", small, "now"),
            (f"{args.gb:g} GB of posts", big, "baseline"),
            (f"{args.gb:g} GB of posts", big, "now"),
            (f"{args.gb:g} GB, {args.ingest_docs} posts", sparse, "ingest"),
        ]
        for label, path, kind in runs:
            found = measure(kind, path.with_suffix(".jsonl"))
            print(
                f"{label:>22} {kind:>9} {found['docs']:>9,} {found['failures']:>6} "
                f"{found['seconds']:>8.1f} {found['peak_mb']:>8.0f}"
            )


if __name__ == "__main__":
    main()
