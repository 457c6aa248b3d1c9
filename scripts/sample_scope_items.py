"""Draw a second batch of Telegram posts for the scope and theme labels (eval/scope).

The first batch (eval/scope/README.md) left the themes with few in-scope examples each. This
batch draws, at random (seed 26), posts the dataset's silver labels call political, business or
finances, 200-2500 characters long, that name a state or an international organisation (so most
are about relations between states, and some only name one in passing: both kinds are
labelled); posts already labelled and repeated texts are left out.

    .venv/bin/python scripts/sample_scope_items.py ../shared/eval OUT.jsonl [--count 240]

OUT holds id, source and text for the annotators; it is not kept in the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from narrascope import jsonlines

FOLDER = Path(__file__).resolve().parent.parent / "eval" / "scope"
TELEGRAM = Path("news") / "telegram_ru_posts" / "posts.jsonl.gz"
CATEGORIES = {"political", "business", "finances"}
ACTOR = re.compile(
    r"\b(США|Китай|Китая|КНР|Казахстан|Узбекистан|Кыргызстан|Киргизи|Таджикистан|Туркмен|"
    r"Центральн\w+ Ази|Турци|Иран|Израил|Индия|Индии|Япони|Германи|Франци|Британи|Евросоюз|ЕС|"
    r"НАТО|ООН|ШОС|ОДКБ|ЕАЭС|БРИКС|СНГ|МАГАТЭ|ОПЕК|G20|G7|Украин|Белорус|Грузи|Армени|"
    r"Азербайджан|Сири|Палестин|Египт|Саудовск|Катар|Пакистан|Афганистан|Монголи|КНДР|Корея|"
    r"Вашингтон|Пекин|Брюссел|Анкар|Тегеран|Киев|Минск|Астан|посол|МИД|саммит|визит|санкци)"
)
MIN_CHARS, MAX_CHARS = 200, 2500


def labelled_ids() -> set[str]:
    ids: set[str] = set()
    for name in ("gold.jsonl", "labels_a.jsonl", "labels_b.jsonl"):
        path = FOLDER / name
        if path.exists():
            ids |= {row["id"] for row in jsonlines.records(path)}
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shared_eval", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=240)
    args = parser.parse_args()
    known = labelled_ids()
    seen_texts: set[str] = set()
    pool = []
    with gzip.open(args.shared_eval / TELEGRAM, "rt", encoding="utf-8") as posts:
        for line in posts:
            row = json.loads(line)
            text = row["text"]
            if row["id"] in known or text in seen_texts:
                continue
            seen_texts.add(text)
            if (
                row["category_silver"] in CATEGORIES
                and MIN_CHARS <= len(text) <= MAX_CHARS
                and ACTOR.search(text)
            ):
                pool.append(row)
    chosen = random.Random(26).sample(pool, min(args.count, len(pool)))
    with args.out.open("w", encoding="utf-8") as out:
        for row in chosen:
            item = {"id": row["id"], "source": "tg", "text": row["text"]}
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(pool)} candidates, {len(chosen)} drawn into {args.out}")


if __name__ == "__main__":
    main()
