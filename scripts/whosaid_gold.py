"""Build eval/quotes_zakon/gold.jsonl from the two labelling passes and the adjudication.

A quote of pass A and one of pass B are the same quote when their contents overlap by half of
the shorter; the gold content is their overlap, the speaker the one they agree on. Quotes only
one pass has, and speakers the passes disagree on, are settled in adjudication.jsonl (one line
each: the article, the start of the content, the decision). The supplementary passes (calls,
relayed outlets, advice; added after the first passes showed the guideline was silent on them)
are merged the same way. Prints the agreement figures the README reports.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from narrascope import jsonlines

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "eval" / "quotes_zakon"
STREAM = ROOT.parent / "shared" / "eval" / "streams" / "zakon_2020-07" / "articles.jsonl"

Label = dict[str, Any]


def load(*names: str) -> dict[str, Label]:
    return {row["id"]: row for name in names for row in jsonlines.records(FOLDER / name)}


def span(text: str, content: str) -> tuple[int, int]:
    start = text.find(content)
    if start < 0:
        raise ValueError(f"not in the text: {content[:60]!r}")
    return start, start + len(content)


def overlap(first: tuple[int, int], second: tuple[int, int]) -> int:
    return min(first[1], second[1]) - max(first[0], second[0])


def same_quote(first: tuple[int, int], second: tuple[int, int]) -> bool:
    shorter = min(first[1] - first[0], second[1] - second[0])
    return overlap(first, second) >= shorter / 2


def same_source(first: Label, second: Label) -> bool:
    if first["speaker_type"] != second["speaker_type"]:
        return False
    if first["speaker"] is None or second["speaker"] is None:
        return first["speaker"] == second["speaker"]
    a, b = words(first["speaker"]), words(second["speaker"])
    return a <= b or b <= a


def words(name: str) -> set[str]:
    return set(re.findall(r"[\w.-]+", name.lower()))


def key(doc_id: str, content: str) -> str:
    return f"{doc_id}|{content[:40]}"


def merge(
    text: str,
    doc_id: str,
    first: list[Label],
    second: list[Label],
    decisions: dict[str, Label],
    tally: dict[str, int],
) -> list[Label]:
    gold: list[Label] = []
    used: set[int] = set()
    for quote in first:
        here = span(text, quote["content"])
        index = next(
            (
                i
                for i, other in enumerate(second)
                if i not in used and same_quote(here, span(text, other["content"]))
            ),
            None,
        )
        if index is None:
            tally["first only"] += 1
            gold += decided(doc_id, quote, decisions)
            continue
        used.add(index)
        other = second[index]
        tally["matched"] += 1
        there = span(text, other["content"])
        start, end = max(here[0], there[0]), min(here[1], there[1])
        merged = {**quote, "content": text[start:end]}
        if same_source(quote, other):
            tally["same speaker"] += 1
            gold.append(merged)
        else:
            decision = decisions[key(doc_id, quote["content"])]
            gold.append({**merged, **decision.get("set", {})})
    for index, quote in enumerate(second):
        if index not in used:
            tally["second only"] += 1
            gold += decided(doc_id, quote, decisions)
    return gold


def decided(doc_id: str, quote: Label, decisions: dict[str, Label]) -> list[Label]:
    decision = decisions.get(key(doc_id, quote["content"]))
    if decision is None:
        raise KeyError(f"no adjudication for {key(doc_id, quote['content'])}")
    if decision["decision"] == "exclude":
        return []
    return [{**quote, **decision.get("set", {})}]


def main() -> None:
    texts = {row["id"]: row["text"] for row in jsonlines.records(STREAM)}
    decisions = {row["key"]: row for row in jsonlines.records(FOLDER / "adjudication.jsonl")}
    first = load("labels_a_1.jsonl", "labels_a_2.jsonl")
    second = load("labels_b_1.jsonl", "labels_b_2.jsonl")
    extra_first = load("supplement_a.jsonl")
    extra_second = load("supplement_b.jsonl")
    tally = {"matched": 0, "same speaker": 0, "first only": 0, "second only": 0}
    extra = {"matched": 0, "same speaker": 0, "first only": 0, "second only": 0}
    rows = []
    for doc_id, text in texts.items():
        quotes = merge(
            text, doc_id, first[doc_id]["quotes"], second[doc_id]["quotes"], decisions, tally
        )
        more = merge(
            text,
            doc_id,
            extra_first[doc_id]["quotes"],
            extra_second[doc_id]["quotes"],
            decisions,
            extra,
        )
        taken = [span(text, q["content"]) for q in quotes]
        quotes += [
            q for q in more if not any(overlap(span(text, q["content"]), t) > 0 for t in taken)
        ]
        quotes.sort(key=lambda q: span(text, q["content"]))
        people = first[doc_id]["people"]
        if canonical(people) != canonical(second[doc_id]["people"]):
            people = decisions[f"{doc_id}|people"]["set"]["people"]
        rows.append({"id": doc_id, "quotes": quotes, "people": people})
    (FOLDER / "gold.jsonl").write_text(
        "".join(jsonlines.dumps(row) + "\n" for row in rows), "utf-8"
    )
    for name, counts in (("first passes", tally), ("supplementary passes", extra)):
        both = counts["matched"]
        f1 = 2 * both / max(1, 2 * both + counts["first only"] + counts["second only"])
        print(
            f"{name}: {counts}; detection agreement F1 {f1:.3f}; "
            f"speaker agreement {counts['same speaker']}/{both}",
            file=sys.stderr,
        )
    print(
        f"gold: {sum(len(r['quotes']) for r in rows)} quotes in {len(rows)} articles",
        file=sys.stderr,
    )


def canonical(people: list[Label]) -> list[tuple[str, list[str]]]:
    return sorted((person["name"], sorted(person["mentions"])) for person in people)


if __name__ == "__main__":
    main()
