"""Build eval/scope/gold.jsonl from the two labelling passes and the adjudication; print agreement.

Each pass (eval/scope/labels_a.jsonl, labels_b.jsonl) labels the same items: scope in/out and
the themes. Where the passes agree the label stands; where they differ, eval/scope/
adjudication.jsonl decides (one line per disputed id, written after reading both passes and the
text). Agreement: scope accuracy and Cohen's kappa; themes as micro-F1 of one pass against the
other over the items both put in scope.

    .venv/bin/python scripts/scope_gold.py [--check]   # --check: list disputes not adjudicated

The same for the Kazakh and English documents of eval/langs:

    .venv/bin/python scripts/scope_gold.py --folder eval/langs --a themes_a.jsonl \
        --b themes_b.jsonl --adjudication themes_adjudication.jsonl --out themes_gold.jsonl
"""

from __future__ import annotations

import argparse
from pathlib import Path

from narrascope import jsonlines

FOLDER = Path(__file__).resolve().parent.parent / "eval" / "scope"


def read(folder: Path, name: str) -> dict[str, dict[str, object]]:
    path = folder / name
    return {row["id"]: row for row in jsonlines.records(path)} if path.exists() else {}


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    total = len(pairs)
    observed = sum(a == b for a, b in pairs) / total
    first = sum(a for a, _ in pairs) / total
    second = sum(b for _, b in pairs) / total
    expected = first * second + (1 - first) * (1 - second)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def themes_of(row: dict[str, object]) -> frozenset[str]:
    return frozenset(row["themes"]) if row["scope"] == "in" else frozenset()  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--a", default="labels_a.jsonl")
    parser.add_argument("--b", default="labels_b.jsonl")
    parser.add_argument("--adjudication", default="adjudication.jsonl")
    parser.add_argument("--out", default="gold.jsonl")
    args = parser.parse_args()
    first, second, decided = (
        read(args.folder, args.a),
        read(args.folder, args.b),
        read(args.folder, args.adjudication),
    )
    ids = [doc_id for doc_id in first if doc_id in second]
    pairs = [(first[i]["scope"] == "in", second[i]["scope"] == "in") for i in ids]
    both_in = [i for i in ids if first[i]["scope"] == second[i]["scope"] == "in"]
    shared = sum(len(themes_of(first[i]) & themes_of(second[i])) for i in both_in)
    given = sum(len(themes_of(first[i])) + len(themes_of(second[i])) for i in both_in)
    print(
        f"{len(ids)} items labelled twice: scope agreement {sum(a == b for a, b in pairs)}/"
        f"{len(ids)}, kappa {kappa(pairs):.3f}; themes on {len(both_in)} items both put in "
        f"scope: F1 {2 * shared / given if given else 1:.3f}"
    )
    gold, disputed = [], []
    for doc_id in ids:
        a, b = first[doc_id], second[doc_id]
        if a["scope"] == b["scope"] and themes_of(a) == themes_of(b):
            chosen = a
        elif doc_id in decided:
            chosen = decided[doc_id]
        else:
            disputed.append(doc_id)
            continue
        gold.append(
            {
                "id": doc_id,
                "source": a.get("source") or doc_id.split("-")[0],
                "scope": chosen["scope"],
                "themes": sorted(themes_of(chosen)),
            }
        )
    print(f"{len(disputed)} disputes not adjudicated; {len(gold)} gold items")
    if args.check:
        for doc_id in disputed:
            print(doc_id, first[doc_id], second[doc_id])
        return
    if disputed:
        raise SystemExit("adjudicate every dispute first (--check lists them)")
    with (args.folder / args.out).open("w", encoding="utf-8") as out:
        out.writelines(jsonlines.dumps(row) + "\n" for row in gold)


if __name__ == "__main__":
    main()
