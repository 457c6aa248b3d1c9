"""Entity linking against gold mention → entity assignments.

Two golds:
- BSNLP: each gold mention carries the organisers' cross-lingual entity id ("PER-Donald-Trump");
- the seeds: tests/gold/linking_seeds.json, written by us, mention → knowledge-base id or
  canonical name.
A predicted entity is scored when its span is a gold mention. For BSNLP, gold entities and our ids
are matched one to one across all the documents (each gold entity takes the id most of its
mentions got, and an id serves one gold entity only): a mention is right when it carries its
entity's id, so splitting an entity in two or merging two entities both cost.
"""

from __future__ import annotations

import ast
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.people import ResolvePeople
from narrascope.records import Document

BSNLP_TOPICS = ("nord_stream", "ec", "brexit", "trump")
DOCS_PER_TOPIC = 5


@dataclass(slots=True)
class LinkingScores:
    mentions: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.mentions if self.mentions else 0.0


def load_bsnlp(path: Path) -> list[dict[str, Any]]:
    """The first documents (by id) of the topics closest to the project's domain."""
    docs = sorted(jsonlines.records(path), key=lambda d: d["id"])
    chosen = []
    for topic in BSNLP_TOPICS:
        chosen += [d for d in docs if d["topic"] == topic][:DOCS_PER_TOPIC]
    return chosen


def as_list(value: Any) -> list[dict[str, Any]]:
    return ast.literal_eval(value) if isinstance(value, str) else list(value)


def bsnlp_pairs(
    docs: list[dict[str, Any]], people: ResolvePeople | None = None
) -> list[tuple[str, str]]:
    """(gold entity, our id) for every gold mention we found with the exact span; with
    `people`, the documents go through the across-document register in order, as ingest does."""
    pairs = []
    for doc in docs:
        # 2017 topics number entities per topic ("1" is the Commission in one, Trump in another)
        gold_ids = {
            e["mention"].lower(): f"{doc['topic']}:{e['cross_lingual_id']}"
            for e in as_list(doc["doc_entities"])
        }
        gold_spans = {(s["start"], s["end"]): s["text"] for s in as_list(doc["spans"])}
        entities = recognize(doc["text"], natasha_models())
        if people is not None:
            record = Document(id=doc["id"], source=doc["id"], text=doc["text"], entities=entities)
            entities = people.apply(record).entities
        for entity in entities:
            surface = gold_spans.get((entity.start, entity.end))
            if surface is not None and surface.lower() in gold_ids:
                pairs.append((gold_ids[surface.lower()], entity.id))
    return pairs


def one_to_one(pairs: list[tuple[str, str]]) -> LinkingScores:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, ours in pairs:
        votes[gold][ours] += 1
    taken: dict[str, str] = {}  # our id -> gold entity it serves
    for gold in sorted(votes, key=lambda g: -sum(votes[g].values())):
        for ours, _ in votes[gold].most_common():
            if ours not in taken:
                taken[ours] = gold
                break
    correct = sum(1 for gold, ours in pairs if taken.get(ours) == gold)
    return LinkingScores(mentions=len(pairs), correct=correct)


def evaluate_bsnlp(path: Path) -> tuple[LinkingScores, LinkingScores]:
    """Within each document (each gold entity keeps one id there), and across the documents
    of each topic (it keeps the same id in all five). The gold's ids say who is who only inside
    a topic: the 2017 topics number their entities ("1" is the Commission in one, Trump in
    another), so one id for Trump in two topics is right, not a merge; the documents still go
    through one register, so a wrong join across topics would show inside the later topic."""
    docs = load_bsnlp(path)
    per_document = [one_to_one(bsnlp_pairs([doc])) for doc in docs]
    within = LinkingScores(
        mentions=sum(s.mentions for s in per_document), correct=sum(s.correct for s in per_document)
    )
    people = ResolvePeople()  # one register for all twenty documents, in order
    pairs = {
        topic: bsnlp_pairs([d for d in docs if d["topic"] == topic], people)
        for topic in BSNLP_TOPICS
    }
    per_topic = [one_to_one(topic_pairs) for topic_pairs in pairs.values()]
    across = LinkingScores(
        mentions=sum(s.mentions for s in per_topic), correct=sum(s.correct for s in per_topic)
    )
    return within, across


def evaluate_seeds(seeds: Path, gold_path: Path) -> LinkingScores:
    """Every mention of the gold surfaces in the seeds' clean texts, against the gold entity."""
    from narrascope.text.clean import clean_text

    gold: dict[str, dict[str, str]] = json.loads(gold_path.read_text(encoding="utf-8"))
    mentions = correct = 0
    for name, expected in gold.items():
        text = clean_text((seeds / name).read_text(encoding="utf-8")).text
        for entity in recognize(text, natasha_models()):
            if entity.text in expected:
                mentions += 1
                correct += expected[entity.text] in (entity.id, entity.name)
    return LinkingScores(mentions=mentions, correct=correct)
