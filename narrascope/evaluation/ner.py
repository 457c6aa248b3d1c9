"""NER quality on ../shared/eval/ner test halves: exact span + type, beside bare natasha.

Gold spans are the outermost entities of each corpus (`spans`); a prediction counts only when its
start, end and type all match one of them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.records import Entity

TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]
Tagger = Callable[[str], Iterable[Span]]
# corpus -> (test half, the convention learned from its training part)
CORPORA = {
    "factrueval2016": ("factrueval2016/test_eval_half.jsonl", "factrueval"),
    "nerel": ("nerel/test_eval_half.jsonl", "nerel"),
}


@dataclass(slots=True)
class Counts:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    docs: int = 0

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        for span in gold & predicted:
            self.tp[span[2]] += 1
        for span in predicted - gold:
            self.fp[span[2]] += 1
        for span in gold - predicted:
            self.fn[span[2]] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        kinds = [kind] if kind else list(TYPES)
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@cache
def stock_natasha() -> Any:
    """natasha's NER tagger as shipped: the baseline, without our faster kernels (`fast_tagger`)."""
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


def bare_natasha(text: str) -> list[Span]:
    return [(s.start, s.stop, s.type) for s in stock_natasha()(text).spans]


def ours(text: str, convention: str) -> list[Span]:
    return [entity_span(e) for e in recognize(text, natasha_models(), convention)]


def entity_span(entity: Entity) -> Span:
    return (entity.start, entity.end, entity.type)


def taggers(convention: str) -> dict[str, Tagger]:
    return {"natasha": bare_natasha, "narrascope": lambda text: ours(text, convention)}


def load(path: Path) -> list[dict[str, object]]:
    return list(jsonlines.records(path))


def evaluate(
    folder: Path, corpora: dict[str, tuple[str, str]] = CORPORA
) -> dict[str, dict[str, Counts]]:
    """Counts per corpus and tagger."""
    results: dict[str, dict[str, Counts]] = {}
    for corpus, (relative, convention) in corpora.items():
        docs = load(folder / relative)
        results[corpus] = {}
        for name, tagger in taggers(convention).items():
            counts = Counts()
            tagger("прогрев")  # load models outside the timing
            started = time.perf_counter()
            for doc in docs:
                predicted = set(tagger(str(doc["text"])))
                gold = {(s["start"], s["end"], s["type"]) for s in doc["spans"]}  # type: ignore[attr-defined]
                counts.add(gold, predicted)
            counts.seconds = time.perf_counter() - started
            counts.docs = len(docs)
            results[corpus][name] = counts
    return results
