"""Build eval/events/gold.jsonl from the two labelling passes and the adjudication; print agreement.

The passes (labels_a.jsonl, labels_b.jsonl) list the events of the same 72 documents. Two lines
of one document are the same label when their evidence spans meet and their type and kind
agree. A label both passes give with the same date and main participant stands (pass A's
wording); every other line of either pass is a dispute, and adjudication.jsonl decides it: one
line per disputed line, `{"key": "a|…" or "b|…", "keep": "yes" | "no", "label": {...}?,
"why": ...}`; `label` holds the fields the adjudicator corrects in a kept line. Where the
passes give one event differently, one of the two lines is kept.

Agreement is F1 of one pass against the other: lenient (same event: evidence and type) and
strict (also date and main participant, the fields event F1 scores). Grouping agreement: over
pairs of labels both passes share, in two documents, that either pass puts in one group.

    .venv/bin/python scripts/events_gold.py [--check]   # --check: print undecided disputes
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path
from typing import Any

from narrascope import jsonlines

FOLDER = Path(__file__).resolve().parent.parent / "eval" / "events"


def spans(labels: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for label in labels:
        at = texts[label["doc"]].find(label["evidence"])
        label["_span"] = (at, at + len(label["evidence"])) if at != -1 else (-1, -1)


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["doc"] != b["doc"] or (a["type"], a.get("kind")) != (b["type"], b.get("kind")):
        return False
    (s1, e1), (s2, e2) = a["_span"], b["_span"]
    return s1 < e2 and s2 < e1


def same_fields(a: dict[str, Any], b: dict[str, Any]) -> bool:
    first = (a["participants"] or [None])[0], (b["participants"] or [None])[0]
    return a.get("date") == b.get("date") and first[0] == first[1]


def pairs(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one: each line of A with the first free line of B describing the same event."""
    taken: set[int] = set()
    found: list[tuple[int, int]] = []
    for i, left in enumerate(a):
        for j, right in enumerate(b):
            if j not in taken and same_event(left, right):
                taken.add(j)
                found.append((i, j))
                break
    return found


def f1(matched: int, first: int, second: int) -> float:
    return 2 * matched / (first + second) if first + second else 1.0


def key_of(label: dict[str, Any]) -> str:
    return f"{label['doc']}|{label['type']}|{label.get('kind')}|{label['evidence'][:60]}"


def clean(label: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in label.items() if not k.startswith("_") and k != "why"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="print the undecided disputes")
    args = parser.parse_args()
    texts = {row["id"]: row["text"] for row in jsonlines.records(FOLDER / "docs.jsonl")}
    a = list(jsonlines.records(FOLDER / "labels_a.jsonl"))
    b = list(jsonlines.records(FOLDER / "labels_b.jsonl"))
    spans(a, texts)
    spans(b, texts)
    matched = pairs(a, b)
    strict = [(i, j) for i, j in matched if same_fields(a[i], b[j])]
    print(f"pass A {len(a)} events, pass B {len(b)}")
    print(f"agreement, same event (evidence, type): F1 {f1(len(matched), len(a), len(b)):.3f}")
    print(f"agreement, also date and main participant: F1 {f1(len(strict), len(a), len(b)):.3f}")
    together = 0
    agreed = 0
    for (i1, j1), (i2, j2) in combinations(matched, 2):
        if a[i1]["doc"] == a[i2]["doc"]:
            continue
        same_a, same_b = a[i1]["group"] == a[i2]["group"], b[j1]["group"] == b[j2]["group"]
        if same_a or same_b:
            together += 1
            agreed += same_a and same_b
    print(f"grouping agreement over shared labels: {agreed}/{together}")
    decided = (
        {row["key"]: row for row in jsonlines.records(FOLDER / "adjudication.jsonl")}
        if (FOLDER / "adjudication.jsonl").exists()
        else {}
    )
    gold = [clean(a[i]) for i, _ in strict]
    strict_a, strict_b = {i for i, _ in strict}, {j for _, j in strict}
    disputes = [("a", label) for i, label in enumerate(a) if i not in strict_a] + [
        ("b", label) for j, label in enumerate(b) if j not in strict_b
    ]
    undecided = 0
    for side, label in disputes:
        decision = decided.get(f"{side}|{key_of(label)}")
        if decision is None:
            undecided += 1
            if args.check:
                print(
                    json.dumps(
                        {"key": f"{side}|{key_of(label)}", **clean(label)}, ensure_ascii=False
                    )
                )
            continue
        if decision["keep"] == "yes":
            gold.append({**clean(label), **(decision.get("label") or {})})
    print(f"disputes: {len(disputes)} lines, {undecided} undecided")
    with (FOLDER / "gold.jsonl").open("w", encoding="utf-8") as out:
        for label in sorted(gold, key=lambda g: list(texts).index(g["doc"])):
            out.write(jsonlines.dumps(label) + "\n")
    print(f"gold: {len(gold)} events in {len({g['doc'] for g in gold})} documents")


if __name__ == "__main__":
    main()
