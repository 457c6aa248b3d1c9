"""Build eval/events/gold.jsonl from labelling pass A and its corrections; print the agreement
of pass A with a second, independent pass.

Gold is pass A (labels_a.jsonl) with corrections.jsonl applied: one line per corrected label,
`{"line": N, "set": {field: value}, "why": ...}`, written after reading the label, the text and
the guideline (a date the text does not tell; a forum's name listed as a participant).

Agreement with the second pass (labels_b.jsonl, or --b FILE): two lines of one document are
one label when their evidence spans meet and their type and kind agree. F1 of one pass against
the other, lenient (the same event) and strict (also the date and the main participant, the
fields event F1 scores); grouping: over pairs of shared labels in two documents that either pass
puts in one group, the share both do.

    .venv/bin/python scripts/events_gold.py [--b labels_b.jsonl]
"""

from __future__ import annotations

import argparse
from itertools import combinations
from pathlib import Path
from typing import Any

from narrascope import jsonlines

FOLDER = Path(__file__).resolve().parent.parent / "eval" / "events"


def with_spans(labels: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for label in labels:
        at = texts[label["doc"]].find(label["evidence"])
        label["_span"] = (at, at + len(label["evidence"])) if at != -1 else (-1, -1)


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["doc"] != b["doc"] or (a["type"], a.get("kind")) != (b["type"], b.get("kind")):
        return False
    (s1, e1), (s2, e2) = a["_span"], b["_span"]
    return s1 < e2 and s2 < e1


def same_fields(a: dict[str, Any], b: dict[str, Any]) -> bool:
    first_a = (a["participants"] or [None])[0]
    first_b = (b["participants"] or [None])[0]
    return a.get("date") == b.get("date") and first_a == first_b


def pairs(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one: each line of A with the first free line of B describing the same event."""
    taken: set[int] = set()
    found: list[tuple[int, int]] = []
    for i, left in enumerate(a):
        j = next(
            (j for j, right in enumerate(b) if j not in taken and same_event(left, right)), None
        )
        if j is not None:
            taken.add(j)
            found.append((i, j))
    return found


def f1(matched: int, first: int, second: int) -> float:
    return 2 * matched / (first + second) if first + second else 1.0


def agreement(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    matched = pairs(a, b)
    strict = [(i, j) for i, j in matched if same_fields(a[i], b[j])]
    print(f"pass A {len(a)} events, pass B {len(b)}")
    print(f"agreement, same event (evidence, type): F1 {f1(len(matched), len(a), len(b)):.3f}")
    print(f"agreement, also date and main participant: F1 {f1(len(strict), len(a), len(b)):.3f}")
    together = agreed = 0
    for (i1, j1), (i2, j2) in combinations(matched, 2):
        if a[i1]["doc"] == a[i2]["doc"]:
            continue
        same_a, same_b = a[i1]["group"] == a[i2]["group"], b[j1]["group"] == b[j2]["group"]
        if same_a or same_b:
            together += 1
            agreed += same_a and same_b
    print(f"grouping agreement over shared labels: {agreed}/{together}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--b", default="labels_b.jsonl", help="the second pass, in eval/events")
    args = parser.parse_args()
    texts = {row["id"]: row["text"] for row in jsonlines.records(FOLDER / "docs.jsonl")}
    a = list(jsonlines.records(FOLDER / "labels_a.jsonl"))
    if (FOLDER / args.b).exists():
        b = list(jsonlines.records(FOLDER / args.b))
        with_spans(a, texts)
        with_spans(b, texts)
        agreement(a, b)
    else:
        print(f"no second pass ({args.b}): agreement not measured")
    corrections = {row["line"]: row for row in jsonlines.records(FOLDER / "corrections.jsonl")}
    gold = [
        {k: v for k, v in label.items() if not k.startswith("_") and k != "why"}
        | corrections.get(i, {}).get("set", {})
        for i, label in enumerate(a)
    ]
    order = list(texts)
    with (FOLDER / "gold.jsonl").open("w", encoding="utf-8") as out:
        for label in sorted(gold, key=lambda g: order.index(g["doc"])):
            out.write(jsonlines.dumps(label) + "\n")
    documents = len({g["doc"] for g in gold})
    print(f"corrections: {len(corrections)}; gold: {len(gold)} events in {documents} documents")


if __name__ == "__main__":
    main()
