"""Agreement of the two labelling passes over eval/langs (kk, en) and the gold built from them.

Entities: an item is (surface, type); one pass against the other as F1, and of the items both
give, the share with the same knowledge-base id. Quotes: one pass's quote matches the other's
when either content holds at least half of the other's characters (`same_quote`); F1 of the
matches, and of matched quotes the share with the same speaker (same knowledge-base id, or the
same name).

Gold: what both passes give stands; eval/langs/adjudication_{lang}.jsonl decides the rest, one
line per document: {"id", "entities": {"add": [items], "drop": [[surface, type]]}, "quotes":
{"add": [quotes], "drop": [content of A's quote]}, "notes"}. The base is pass A's labels, minus
what neither agreement nor adjudication keeps: an item only A gives stays unless adjudication
drops it; an item only B gives joins only when adjudication adds it.

    .venv/bin/python scripts/langs_gold.py [--disputes]  # --disputes: write disputes_{lang}.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.kb import knowledge_base, surface_key

FOLDER = Path(__file__).resolve().parent.parent / "eval" / "langs"
LANGUAGES = ("kk", "en")


def read(name: str) -> dict[str, dict[str, Any]]:
    path = FOLDER / name
    return {row["id"]: row for row in jsonlines.records(path)} if path.exists() else {}


def key(item: dict[str, Any]) -> tuple[str, str]:
    return item["surface"], item["type"]


def overlap(first: str, second: str) -> int:
    """Characters of the shorter text found in the longer one as a whole or by its longest
    shared run (a cut of 400 characters, a dropped full stop)."""
    short, long = sorted((first, second), key=len)
    if short in long:
        return len(short)
    best = 0
    for start in range(0, len(short), 20):
        for end in range(len(short), start + best, -20):
            if short[start:end] in long:
                best = max(best, end - start)
                break
    return best


def same_quote(first: dict[str, Any], second: dict[str, Any]) -> bool:
    shorter = min(len(first["content"]), len(second["content"]))
    return overlap(first["content"], second["content"]) * 2 >= shorter > 0


def same_speaker(first: dict[str, Any], second: dict[str, Any]) -> bool:
    if first.get("speaker_kb_id") or second.get("speaker_kb_id"):
        return bool(first.get("speaker_kb_id") == second.get("speaker_kb_id"))
    return (first.get("speaker") or "").lower() == (second.get("speaker") or "").lower()


def pairs(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[tuple[int, int]]:
    matched, used = [], set()
    for i, quote in enumerate(first):
        j = next(
            (j for j, other in enumerate(second) if j not in used and same_quote(quote, other)),
            None,
        )
        if j is not None:
            matched.append((i, j))
            used.add(j)
    return matched


def agreement(lang: str) -> dict[str, float]:
    first, second = read(f"labels_a_{lang}.jsonl"), read(f"labels_b_{lang}.jsonl")
    both = shared = ids_same = ids_both = 0
    quotes_matched = quotes_total = speakers_same = 0
    for doc_id, row in first.items():
        a = {key(i): i.get("kb_id") for i in row["entities"]}
        b = {key(i): i.get("kb_id") for i in second[doc_id]["entities"]}
        common = a.keys() & b.keys()
        shared += len(common)
        both += len(a) + len(b)
        ids_both += sum(1 for k in common if a[k] or b[k])
        ids_same += sum(1 for k in common if (a[k] or b[k]) and a[k] == b[k])
        qa, qb = row["quotes"], second[doc_id]["quotes"]
        matched = pairs(qa, qb)
        quotes_matched += len(matched)
        quotes_total += len(qa) + len(qb)
        speakers_same += sum(same_speaker(qa[i], qb[j]) for i, j in matched)
    return {
        "documents": len(first),
        "entity_f1": 2 * shared / both if both else 1.0,
        "link_agreement": ids_same / ids_both if ids_both else 1.0,
        "quote_f1": 2 * quotes_matched / quotes_total if quotes_total else 1.0,
        "speaker_agreement": speakers_same / quotes_matched if quotes_matched else 1.0,
    }


def disputes(lang: str) -> list[dict[str, Any]]:
    """Per document, what only one pass gives or the passes give differently."""
    first, second = read(f"labels_a_{lang}.jsonl"), read(f"labels_b_{lang}.jsonl")
    result = []
    for doc_id, row in first.items():
        a = {key(i): i for i in row["entities"]}
        b = {key(i): i for i in second[doc_id]["entities"]}
        qa, qb = row["quotes"], second[doc_id]["quotes"]
        matched = pairs(qa, qb)
        result.append(
            {
                "id": doc_id,
                "entities_only_a": [a[k] for k in a.keys() - b.keys()],
                "entities_only_b": [b[k] for k in b.keys() - a.keys()],
                "entities_other_id": [
                    {"surface": k[0], "type": k[1], "a": a[k].get("kb_id"), "b": b[k].get("kb_id")}
                    for k in a.keys() & b.keys()
                    if a[k].get("kb_id") != b[k].get("kb_id")
                ],
                "quotes_only_a": [q for i, q in enumerate(qa) if i not in {m for m, _ in matched}],
                "quotes_only_b": [q for j, q in enumerate(qb) if j not in {n for _, n in matched}],
                "quotes_other_speaker": [
                    {"a": qa[i], "b": qb[j]} for i, j in matched if not same_speaker(qa[i], qb[j])
                ],
            }
        )
    return result


def gold(lang: str) -> list[dict[str, Any]]:
    first, decided = read(f"labels_a_{lang}.jsonl"), read(f"adjudication_{lang}.jsonl")
    second = read(f"labels_b_{lang}.jsonl")
    rows = []
    for doc_id, row in first.items():
        decision = decided.get(doc_id, {})
        entity_moves = decision.get("entities", {})
        dropped = {tuple(pair) for pair in entity_moves.get("drop", [])}
        b_keys = {key(i) for i in second[doc_id]["entities"]}
        entities = [i for i in row["entities"] if key(i) not in dropped]
        entities = [i for i in entities if key(i) in b_keys or key(i) not in dropped]
        present = {key(i) for i in entities}
        for item in entity_moves.get("add", []):
            if key(item) in present:
                entities = [e for e in entities if key(e) != key(item)]
            entities.append(item)
        quote_moves = decision.get("quotes", {})
        gone = set(quote_moves.get("drop", []))
        quotes = [q for q in row["quotes"] if q["content"] not in gone] + quote_moves.get("add", [])
        rows.append({"id": doc_id, "entities": entities, "quotes": quotes})
    return [with_known_ids(row) for row in rows]


def with_known_ids(row: dict[str, Any]) -> dict[str, Any]:
    """The guideline's kb_id is the knowledge base's id when it holds the entity: an item
    labelled null before the knowledge base gained the entity gets its id when its surface (or
    the speaker's name) is exactly one of the entity's names or aliases."""
    kb = knowledge_base()
    for item in row["entities"]:
        found = kb.by_surface.get(surface_key(item["surface"]))
        if item.get("kb_id") is None and found and kb.entities[found].type == item["type"]:
            item["kb_id"] = found
    for quote in row["quotes"]:
        if quote.get("speaker_kb_id") is None and quote.get("speaker"):
            found = kb.by_surface.get(surface_key(quote["speaker"]))
            if found and kb.entities[found].type == quote["speaker_type"]:
                quote["speaker_kb_id"] = found
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--disputes", action="store_true")
    args = parser.parse_args()
    for lang in LANGUAGES:
        if not (FOLDER / f"labels_b_{lang}.jsonl").exists():
            continue
        scores = agreement(lang)
        print(lang, ", ".join(f"{name} {value:.3f}" for name, value in scores.items()))
        if args.disputes:
            with (FOLDER / f"disputes_{lang}.jsonl").open("w", encoding="utf-8") as out:
                for row in disputes(lang):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if (FOLDER / f"adjudication_{lang}.jsonl").exists():
            with (FOLDER / f"gold_{lang}.jsonl").open("w", encoding="utf-8") as out:
                for row in gold(lang):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
