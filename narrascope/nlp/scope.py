"""Is a document about foreign policy and international relations? A scored decision and its why.

A small logistic model, trained on real documents labelled by hand (`eval/scope`,
`scripts/train_scope.py`), reads two things: the e5 vector of the title and lead (the passage
`embed` stores anyway, so it is computed here once and reused), and what the text says, counted:
foreign countries, foreign people and international organisations the knowledge base links,
Kazakhstan's foreign-policy bodies, and the pack's diplomatic vocabulary. The weights and the
threshold chosen on the tuning half ship in `data/scope/`; the reason names the evidence. Only
in-scope documents get themes and body passages (`themes`, `embed`): most of a real stream is
domestic news, and those stages are the costly ones.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from narrascope.nlp.embed import Embedder, default_embedder, passage_text
from narrascope.nlp.kb import KnowledgeBase, knowledge_base
from narrascope.nlp.themepack import lemma_sequence
from narrascope.pipeline import Stage, failure_of
from narrascope.records import Document, Failure, Scope

HOME = "KZ"
FEATURES = (
    "foreign_countries",
    "foreign_people",
    "international_orgs",
    "foreign_policy_bodies",
    "diplomatic_words",
    "diplomatic_share",
)
MAX_REASON_ITEMS = 3


@dataclass(frozen=True, slots=True)
class Vocabulary:
    words: frozenset[str]  # lemmas of diplomatic vocabulary
    bodies: frozenset[str]  # knowledge-base ids of the home country's foreign-policy bodies
    international: frozenset[str]  # knowledge-base ids of international organisations


@dataclass(frozen=True, slots=True)
class ScopeModel:
    weights: np.ndarray  # one per embedding dimension, then one per feature
    bias: float
    threshold: float
    vocabulary: Vocabulary

    def probability(self, vector: np.ndarray, counts: np.ndarray) -> float:
        logit = float(self.weights @ np.concatenate([vector, counts]) + self.bias)
        return 1.0 / (1.0 + math.exp(-logit))


def data_dir() -> Path:
    return Path(str(resources.files("narrascope") / "data" / "scope"))


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    data = yaml.safe_load((path or data_dir() / "kazakhstan.yaml").read_text(encoding="utf-8"))
    words = frozenset(lemma for word in data["diplomatic_words"] for lemma in lemma_sequence(word))
    return Vocabulary(
        words=words,
        bodies=frozenset(data["foreign_policy_bodies"]),
        international=frozenset(data["international_organisations"]),
    )


@cache
def load_model(path: Path | None = None) -> ScopeModel:
    with np.load(path or data_dir() / "kazakhstan.npz") as stored:
        return ScopeModel(
            weights=stored["weights"].astype(np.float32),
            bias=float(stored["bias"]),
            threshold=float(stored["threshold"]),
            vocabulary=load_vocabulary(),
        )


@dataclass(slots=True)
class Evidence:
    """What the text says that bears on scope, by name, and the counts the model reads."""

    foreign: Counter[str]
    bodies: Counter[str]
    words: Counter[str]
    total_words: int

    def counts(self, kb: KnowledgeBase) -> np.ndarray:
        countries = sum(1 for i in self.foreign if i.startswith("country:"))
        people = sum(1 for i in self.foreign if kb.entities[i].type == "PER")
        organisations = len(self.foreign) - countries - people
        hits = sum(self.words.values())
        share = 1000 * hits / max(self.total_words, 50)
        values = (countries, people, organisations, len(self.bodies), hits, share)
        return np.log1p(np.asarray(values, dtype=np.float32))

    def reason(self, kb: KnowledgeBase, probability: float) -> str:
        parts = [f"p={probability:.2f}"]
        if self.foreign:
            names = [kb.entities[i].name for i, _ in self.foreign.most_common(MAX_REASON_ITEMS)]
            parts.append("foreign: " + ", ".join(names))
        if self.bodies:
            parts.append(", ".join(kb.entities[i].name for i in self.bodies))
        if self.words:
            top = self.words.most_common(MAX_REASON_ITEMS)
            parts.append("diplomatic words: " + ", ".join(f"{w} ×{n}" for w, n in top))
        return "; ".join(parts)


def is_foreign(entity_id: str, vocabulary: Vocabulary, kb: KnowledgeBase) -> bool:
    """A foreign country, a person or body acting for one, or an international organisation;
    the home country's own institutes and media (no affiliation in the knowledge base) are not."""
    if entity_id in vocabulary.international:
        return True
    known = kb.entities.get(entity_id)
    if known is None or known.id.startswith(("city:", "region:")):
        return False
    return known.affiliation not in (None, HOME)


def evidence(doc: Document, vocabulary: Vocabulary, kb: KnowledgeBase) -> Evidence:
    linked = [e.id for e in doc.entities if e.id in kb.entities]
    lemmas = lemma_sequence(doc.text or "")
    return Evidence(
        foreign=Counter(i for i in linked if is_foreign(i, vocabulary, kb)),
        bodies=Counter(i for i in linked if i in vocabulary.bodies),
        words=Counter(lemma for lemma in lemmas if lemma in vocabulary.words),
        total_words=len(lemmas),
    )


def judge(doc: Document, vector: np.ndarray, model: ScopeModel) -> Scope:
    kb = knowledge_base()
    found = evidence(doc, model.vocabulary, kb)
    probability = model.probability(vector, found.counts(kb))
    return Scope(
        in_scope=probability >= model.threshold,
        score=round(probability, 3),
        reason=found.reason(kb, probability),
    )


class JudgeScope(Stage):
    name = "scope"
    requires = ("text", "title", "entities")
    assigns = ("scope", "embedding")

    def __init__(self, model: ScopeModel | None = None, embedder: Embedder | None = None):
        self.model = model
        self.embedder = embedder

    def setup(self) -> None:
        if self.embedder is None:
            self.embedder = default_embedder()
        if self.model is None:
            self.model = load_model()

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        """The leads of the whole batch in one embedding call; a lead embedded before (a stored
        document being re-tagged) is not embedded again."""
        if not docs:
            return []
        self.setup()
        assert self.embedder is not None
        fresh = [doc for doc in docs if doc.embedding is None]
        try:
            leads = [passage_text(doc) for doc in fresh]
            embedded = self.embedder.passages(leads) if leads else np.zeros((0, 0))
        except Exception:
            return super().apply_batch(docs)
        computed = {id(doc): vector for doc, vector in zip(fresh, embedded, strict=True)}
        results: list[Document | Failure] = []
        for doc in docs:
            vector = doc.embedding if doc.embedding is not None else computed[id(doc)]
            try:
                results.append(self.judged(doc, vector))
            except Exception as error:
                results.append(failure_of(doc, self.name, error))
        return results

    def apply(self, doc: Document) -> Document:
        self.setup()
        assert self.embedder is not None
        if doc.embedding is not None:
            return self.judged(doc, doc.embedding)
        return self.judged(doc, self.embedder.passages([passage_text(doc)])[0])

    def judged(self, doc: Document, vector: np.ndarray) -> Document:
        assert self.model is not None
        doc.embedding = vector
        doc.scope = judge(doc, vector, self.model)
        return doc
