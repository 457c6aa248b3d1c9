"""Build the bundled example corpus in examples/corpus/ from ../shared (run by `make examples`).

Takes the five founding seeds, Russian Wikinews articles from NEREL's train part (CC BY 2.5) and
news posts from the CC BY 4.0 Telegram corpus; deterministic, so re-running changes nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from narrascope import jsonlines

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "examples" / "corpus"
NEREL_DOCS = 150
TELEGRAM_POSTS = 250
TELEGRAM_CATEGORIES = {"political", "business", "finances"}


def write_jsonl(path: Path, rows: list[dict[str, str | None]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def nerel_rows() -> list[dict[str, str | None]]:
    nerel = SHARED / "eval/ner/nerel/train_full.jsonl.gz"
    records = sorted(jsonlines.records(nerel), key=lambda r: r["id"])
    rows: list[dict[str, str | None]] = []
    for record in records[:NEREL_DOCS]:
        title = record["text"].split("\n", 1)[0].strip()
        rows.append(
            {"id": record["id"], "title": title, "text": record["text"], "outlet": "Викиновости"}
        )
    return rows


def telegram_rows() -> list[dict[str, str | None]]:
    path = SHARED / "eval/news/telegram_ru_posts/posts.jsonl.gz"
    posts = list(jsonlines.records(path))
    news = [
        p for p in posts if p["category_silver"] in TELEGRAM_CATEGORIES and len(p["text"]) > 300
    ]
    step = max(1, len(news) // TELEGRAM_POSTS)
    return [
        {
            "id": post["id"],
            "text": post["text"],
            "published": post["date"],
            "outlet": post["source"],
        }
        for post in news[::step][:TELEGRAM_POSTS]
    ]


def main() -> None:
    (OUT / "seeds").mkdir(parents=True, exist_ok=True)
    for seed in sorted((SHARED / "corpus/seeds").glob("*.txt")):
        shutil.copyfile(seed, OUT / "seeds" / seed.name)
    write_jsonl(OUT / "nerel_wikinews.jsonl", nerel_rows())
    write_jsonl(OUT / "telegram_posts.jsonl", telegram_rows())
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"examples/corpus/: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
