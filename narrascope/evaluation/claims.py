"""Claims on real text labelled by hand (eval/claims): is a figure a claim, and are its subject,
measure (counted noun and unit), kind, time, value and bound right.

`docs.jsonl` holds the clean texts the labels' offsets point into; `gold.jsonl` one label per
figure of `candidates.jsonl`. Documents at even positions are the tuning half, odd ones the
scored half. A gold claim is found when a predicted claim overlaps its figure; a field is right
when the found claim has it as labelled (a missed claim has every field wrong).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.authorship import LinkAuthor
from narrascope.nlp.claims import ExtractClaims
from narrascope.nlp.figures import ExtractFigures
from narrascope.nlp.kb import knowledge_base, lemma_key
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.quotes import ExtractQuotes
from narrascope.pipeline import Pipeline
from narrascope.records import Claim, Document
from narrascope.service import BATCH_SIZE
from narrascope.store.protocol import Conflict, Store
from narrascope.text.extract import Extract
from narrascope.text.lang import DetectLanguage

FIELDS = ("subject", "measure", "kind", "time", "value", "bound")
CORE = ("subject", "measure", "time", "value")  # the "claim fields right"


@dataclass(slots=True)
class ClaimScores:
    gold: int = 0  # gold claims
    found: int = 0  # gold claims a predicted claim overlaps
    predicted: int = 0  # predicted claims on labelled figures
    predicted_right: int = 0  # of those, on a gold claim
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.gold if self.gold else 0.0


def analysed(docs_file: Path) -> list[Document]:
    """The labelled texts through the stages claims read, their offsets unchanged."""
    stages = [Extract(), DetectLanguage(), RecognizeEntities(), ExtractQuotes(), LinkAuthor()]
    pipeline = Pipeline([*stages, ExtractFigures(), ExtractClaims()])
    rows = list(jsonlines.records(docs_file))
    docs = [
        Document(
            id=row["id"],
            source=row["id"],
            raw=row["text"],
            outlet=row.get("outlet"),
            published=row.get("published"),
        )
        for row in rows
    ]
    done: list[Document] = []
    for start in range(0, len(docs), BATCH_SIZE):
        done += pipeline.run(docs[start : start + BATCH_SIZE]).documents
    texts = {row["id"]: row["text"] for row in rows}
    moved = [doc.id for doc in done if doc.text != texts[doc.id]]
    if moved:
        raise ValueError(f"the texts of {moved} changed: the labels' offsets no longer hold")
    return done


def same_subject(gold: str | None, claim: Claim) -> bool:
    if gold is None or claim.subject is None:
        return gold is None and claim.subject is None
    known = knowledge_base().lookup(gold)
    if known is not None and known.id == claim.subject_id:
        return True
    gold_key, claim_key = lemma_key(gold), lemma_key(claim.subject)
    shorter, longer = sorted((gold_key, claim_key), key=len)
    return gold_key == claim_key or (len(shorter) >= 4 and shorter in longer)  # "ТОО «X»", "X"


def field_right(name: str, label: dict[str, Any], claim: Claim) -> bool:
    if name == "subject":
        return same_subject(label["subject"], claim)
    if name == "measure":
        unit = (label["unit"] or "").lower()
        counted = (label["counted"] or "").replace("ё", "е")
        return counted == claim.counted.replace("ё", "е") and unit == claim.unit.lower()
    if name == "time":
        return bool(label["time"] == claim.period)
    if name == "value":
        return abs(float(label["value"]) - claim.value) <= 1e-6 * max(1.0, abs(claim.value))
    return bool(label[name] == getattr(claim, name))


def evaluate(folder: Path) -> list[ClaimScores]:
    """Scores of the tuning half and of the scored half."""
    docs = {doc.id: doc for doc in analysed(folder / "docs.jsonl")}
    order = {row["id"]: i for i, row in enumerate(jsonlines.records(folder / "docs.jsonl"))}
    halves = [ClaimScores(), ClaimScores()]
    for label in jsonlines.records(folder / "gold.jsonl"):
        doc = docs[label["doc"]]
        scores = halves[order[label["doc"]] % 2]
        claim = next(
            (c for c in doc.claims if c.start < label["end"] and label["start"] < c.end), None
        )
        scores.predicted += claim is not None
        if not label["claim"]:
            if claim is not None:
                scores.errors.append(f"{doc.id} not a claim: {label['figure']!r}")
            continue
        scores.gold += 1
        if claim is None:
            scores.errors.append(f"{doc.id} missed: {label['figure']!r}")
            continue
        scores.found += 1
        scores.predicted_right += 1
        wrong = [name for name in FIELDS if not field_right(name, label, claim)]
        for name in FIELDS:
            scores.right[name] += name not in wrong
        scores.right["core"] += not set(wrong) & set(CORE)
        if wrong:
            scores.errors.append(f"{doc.id} {label['figure']!r}: " + "; ".join(
                f"{name} {gold_value(name, label)!r} ≠ {claim_value(name, claim)!r}"
                for name in wrong
            ))  # fmt: skip
    return halves


def gold_value(name: str, label: dict[str, Any]) -> object:
    if name == "measure":
        return (label["counted"], label["unit"] or "")
    return label["time" if name == "time" else name]


def claim_value(name: str, claim: Claim) -> object:
    if name == "measure":
        return (claim.counted, claim.unit)
    return claim.period if name == "time" else getattr(claim, name)


@dataclass(slots=True)
class ConflictScores:
    found: int = 0  # conflicts the ledger reports over the pool's texts
    labelled: int = 0  # of those, pairs of the pool
    right: int = 0  # of those, true conflicts
    true: int = 0  # true conflicts in the pool
    same_outlet_series: int = 0  # conflicts between two documents of one outlet, unquoted
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.labelled if self.labelled else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.true if self.true else 0.0


def evaluate_conflicts(folder: Path, store: Store) -> ConflictScores:
    """The ledger over the pool's texts, stored in `store` (empty), against the labelled pairs."""
    store.upsert(analysed(folder / "conflict_docs.jsonl"))
    labels = {row["pair"]: row["conflict"] for row in jsonlines.records(folder / "conflicts.jsonl")}
    pool = list(jsonlines.records(folder / "conflicts_pool.jsonl"))
    docs = {doc.id: doc for doc in map(store.get, {p[side]["doc"] for p in pool for side in "ab"})
            if doc is not None}  # fmt: skip
    scores = ConflictScores(true=sum(labels.values()))
    reported = store.conflicts(None, 100_000)
    scores.found = len(reported)
    flagged: set[int] = set()
    for conflict in reported:
        first, second = docs.get(conflict.first_doc), docs.get(conflict.second_doc)
        if first is not None and second is not None and first.outlet == second.outlet:
            scores.same_outlet_series += 1
        pair = next((p for p in pool if same_pair(p, conflict, docs)), None)
        if pair is None:
            continue
        flagged.add(pair["pair"])
        scores.labelled += 1
        if labels[pair["pair"]]:
            scores.right += 1
        else:
            scores.wrong.append(describe(pair))
    scores.missed = [describe(p) for p in pool if labels[p["pair"]] and p["pair"] not in flagged]
    return scores


def figure_values(figure: dict[str, Any], docs: dict[str, Document]) -> set[float]:
    doc = docs.get(figure["doc"])
    claims = doc.claims if doc is not None else []
    return {c.value for c in claims if c.start < figure["end"] and figure["start"] < c.end}


def same_pair(pair: dict[str, Any], conflict: Conflict, docs: dict[str, Document]) -> bool:
    """The conflict holds the pool pair's two figures, in either order."""
    first = (conflict.first_doc, conflict.first_value)
    second = (conflict.second_doc, conflict.second_value)
    a, b = pair["a"], pair["b"]
    a_values, b_values = figure_values(a, docs), figure_values(b, docs)
    return any(
        x[0] == a["doc"] and x[1] in a_values and y[0] == b["doc"] and y[1] in b_values
        for x, y in ((first, second), (second, first))
    )


def describe(pair: dict[str, Any]) -> str:
    a, b = pair["a"], pair["b"]
    return f"#{pair['pair']} {a['figure']!r} ({a['outlet']}) ≠ {b['figure']!r} ({b['outlet']})"
