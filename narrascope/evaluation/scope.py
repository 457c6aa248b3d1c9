"""The scope decision and the themes, scored on real documents labelled by hand (`eval/scope`).

The gold names each document by id; its text is read where it lives: zakon.kz's stream and the
Telegram posts in ../shared/eval, the other articles in eval/themes_ru.jsonl. A document is in
the test half when the first byte of its id's SHA-256 is odd (as in `evaluation.themes`): the
model is trained and its threshold chosen on the other half (`scripts/train_scope.py`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope import jsonlines
from narrascope.nlp.embed import default_embedder, passage_text
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.scope import ScopeModel, Vocabulary, evidence, load_model, load_vocabulary
from narrascope.records import Document
from narrascope.text.clean import clean_text

REPO_EVAL = Path(__file__).resolve().parents[2] / "eval"
GOLD = REPO_EVAL / "scope" / "gold.jsonl"
ZAKON = Path("streams") / "zakon_2020-07" / "articles.jsonl"
TELEGRAM = Path("news") / "telegram_ru_posts" / "posts.jsonl.gz"


@dataclass(slots=True)
class GoldDoc:
    id: str
    source: str
    in_scope: bool
    themes: frozenset[str]
    doc: Document

    @property
    def test(self) -> bool:
        return is_test(self.id)


def is_test(doc_id: str) -> bool:
    return hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 1


def texts(shared_eval: Path, wanted: set[str]) -> dict[str, tuple[str | None, str]]:
    """(title, clean text) of each wanted id, from wherever it lives."""
    found: dict[str, tuple[str | None, str]] = {}
    for row in jsonlines.records(REPO_EVAL / "themes_ru.jsonl"):
        if row["id"] in wanted:
            found[row["id"]] = (None, row["text"])
    for row in jsonlines.records(shared_eval / ZAKON):
        if row["id"] in wanted:
            found[row["id"]] = (row.get("title"), clean_text(row["text"]).text)
    with gzip.open(shared_eval / TELEGRAM, "rt", encoding="utf-8") as posts:
        for line in posts:
            row = json.loads(line)
            if row["id"] in wanted and row["id"] not in found:
                found[row["id"]] = (None, row["text"])
    return found


def read_gold(shared_eval: Path, gold: Path = GOLD) -> list[GoldDoc]:
    rows = list(jsonlines.records(gold))
    written = texts(shared_eval, {row["id"] for row in rows})
    missing = [row["id"] for row in rows if row["id"] not in written]
    if missing:
        raise ValueError(f"{gold}: no text for {len(missing)} documents, e.g. {missing[:3]}")
    stage = RecognizeEntities()
    stage.setup()
    result = []
    for row in rows:
        title, text = written[row["id"]]
        doc = Document(id=row["id"], source=row["source"], title=title, text=text, lang="ru")
        result.append(
            GoldDoc(
                id=row["id"],
                source=row["source"],
                in_scope=row["scope"] == "in",
                themes=frozenset(row["themes"]),
                doc=stage.apply(doc),
            )
        )
    return result


def features(
    docs: list[GoldDoc], vocabulary: Vocabulary | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The lead vectors (one row per document) and the evidence counts the model reads."""
    vocabulary = vocabulary or load_vocabulary()
    kb = knowledge_base()
    vectors = default_embedder().passages([passage_text(gold.doc) for gold in docs])
    counts = np.stack([evidence(gold.doc, vocabulary, kb).counts(kb) for gold in docs])
    return vectors, counts


@dataclass(slots=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, guess: bool) -> None:
        self.tp += gold and guess
        self.fp += guess and not gold
        self.fn += gold and not guess
        self.tn += not gold and not guess

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


@dataclass(slots=True)
class ScopeReport:
    tune: int
    test: int
    model: Confusion
    foreign_actor: Confusion  # baseline: in scope when any foreign actor is linked
    threshold: float


def evaluate_scope(docs: list[GoldDoc], model: ScopeModel | None = None) -> ScopeReport:
    model = model or load_model()
    vectors, counts = features(docs)
    judged, baseline = Confusion(), Confusion()
    for gold, vector, count in zip(docs, vectors, counts, strict=True):
        if gold.test:
            judged.add(gold.in_scope, model.probability(vector, count) >= model.threshold)
            baseline.add(gold.in_scope, bool(count[:3].sum() > 0))
    tested = sum(doc.test for doc in docs)
    return ScopeReport(len(docs) - tested, tested, judged, baseline, model.threshold)
