"""Diplomatic events on real reports labelled by hand (eval/events; the guideline is beside the
labels): event F1 (type, main participants and date right), agreement items recall, and whether
reports of one event share one `event_id`.

The documents go through `analyze` as a user's would, in one batch, so `event_id` is grouped
across them. A gold event's evidence is found in the clean text (exactly, else by the best
partial alignment: cleaning drops Telegram's markup). Documents at even positions of
`docs.jsonl` tune, odd ones are scored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from narrascope import jsonlines
from narrascope.records import Document, Event, Failure
from narrascope.service import analyze

HALVES = ("tuning", "scored")
SAME_SURNAME = 70  # rapidfuzz ratio of two surnames' stems


@dataclass(slots=True)
class EventScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    agreements: int = 0
    agreements_found: int = 0
    pairs: int = 0  # pairs of matched reports in two documents that gold or extraction groups
    pairs_agreed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def agreement_recall(self) -> float:
        return self.agreements_found / self.agreements if self.agreements else 0.0

    @property
    def grouping(self) -> float:
        return self.pairs_agreed / self.pairs if self.pairs else 0.0


@dataclass(slots=True)
class Match:
    doc_id: str
    group: str
    event_id: str | None


def analysed(docs_file: Path) -> list[Document]:
    rows = list(jsonlines.records(docs_file))
    inputs = [
        Document(
            id=row["id"],
            source=row["id"],
            raw=row["text"],
            title=row.get("title"),
            outlet=row.get("outlet"),
            published=row.get("published"),
        )
        for row in rows
    ]
    results = list(analyze(inputs))
    failed = [r for r in results if isinstance(r, Failure)]
    if failed:
        raise ValueError(f"documents failed: {failed}")
    return [r for r in results if isinstance(r, Document)]


def evaluate(folder: Path) -> tuple[EventScores, EventScores]:
    docs = analysed(folder / "docs.jsonl")
    order = {row["id"]: i for i, row in enumerate(jsonlines.records(folder / "docs.jsonl"))}
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in jsonlines.records(folder / "gold.jsonl"):
        gold[row["doc"]].append(row)
    scores = (EventScores(), EventScores())
    matches: tuple[list[Match], list[Match]] = ([], [])
    for doc in docs:
        half = order[doc.id] % 2
        matches[half].extend(score_document(doc, gold.get(doc.id, []), scores[half]))
    for half in (0, 1):
        score_grouping(matches[half], scores[half])
    return scores


def score_document(doc: Document, gold: list[dict[str, Any]], scores: EventScores) -> list[Match]:
    text = doc.text or ""
    names = {e.id: e.name for e in doc.entities}
    scores.gold += len(gold)
    scores.predicted += len(doc.events)
    free = list(doc.events)
    found: list[Match] = []
    for item in gold:
        span = evidence_span(text, item["evidence"])
        candidates = [e for e in free if agrees(item, e, names)]
        candidates.sort(key=lambda e: not (e.start < span[1] and span[0] < e.end))
        if candidates:
            free.remove(candidates[0])
            scores.matched += 1
            found.append(Match(doc.id, item["group"], candidates[0].event_id))
        else:
            scores.errors.append(f"{doc.id} missed {describe(item)}")
        if item["type"] == "agreement":
            scores.agreements += 1
            scores.agreements_found += any(
                e.kind == "agreement" and e.start < span[1] and span[0] < e.end for e in doc.events
            )
    for event in free:
        scores.errors.append(
            f"{doc.id} extra {event.type} {event.date} {event.participants} «{event.text[:80]}»"
        )
    return found


def evidence_span(text: str, evidence: str) -> tuple[int, int]:
    at = text.find(evidence)
    if at != -1:
        return at, at + len(evidence)
    plain = evidence.replace("*", "")
    alignment = fuzz.partial_ratio_alignment(plain, text)
    if alignment is None:
        return 0, 0
    return alignment.dest_start, alignment.dest_end


def agrees(item: dict[str, Any], event: Event, names: dict[str, str]) -> bool:
    kind = item.get("kind") or item["type"]
    if (event.type, event.kind) != (item["type"], kind):
        return False
    if not same_date(item.get("date"), event.date):
        return False
    gold = item.get("participants") or []
    if not gold:
        return True
    extracted = list(event.participants)
    if not any(is_participant(gold[0], p, names) for p in extracted):
        return False
    in_gold = sum(any(is_participant(g, p, names) for g in gold) for p in extracted)
    return in_gold * 2 >= len(extracted)


def same_date(gold: str | None, extracted: str | None) -> bool:
    if gold is None:
        return True
    if extracted is None:
        return False
    if len(gold) == 10:
        return extracted[:10] == gold
    return extracted.startswith(gold)


def is_participant(gold: str, extracted: str, names: dict[str, str]) -> bool:
    """A knowledge-base id is compared as it is; a name by its surname's stem."""
    if gold == extracted:
        return True
    if ":" in gold and " " not in gold:
        return False
    name = names.get(extracted, "")
    return bool(name) and fuzz.ratio(surname(name), surname(gold)) >= SAME_SURNAME


def surname(name: str) -> str:
    """The last word's stem: "Шольц" and the tagger's "Шолец" are one surname."""
    return name.split()[-1].lower().replace("ё", "е")[:6] if name.split() else ""


def score_grouping(matches: list[Match], scores: EventScores) -> None:
    for a, b in combinations(matches, 2):
        if a.doc_id == b.doc_id:
            continue
        gold_same = a.group == b.group
        extracted_same = a.event_id is not None and a.event_id == b.event_id
        if gold_same or extracted_same:
            scores.pairs += 1
            scores.pairs_agreed += gold_same and extracted_same
            if not (gold_same and extracted_same):
                scores.errors.append(
                    f"grouped {'by gold' if gold_same else 'by extraction'} only:"
                    f" {a.doc_id} {a.group} {a.event_id} / {b.doc_id} {b.group} {b.event_id}"
                )


def describe(item: dict[str, Any]) -> str:
    return (
        f"{item['type']}/{item.get('kind')} {item.get('date')} {item.get('participants')}"
        f" «{item['evidence'][:80]}»"
    )
