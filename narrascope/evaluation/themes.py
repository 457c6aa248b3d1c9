"""Theme assignment scored on hand-labelled real news (eval/themes_ru.jsonl).

Every document's best similarity per theme is computed once, for keyword sentences (the method)
and for all sentences (meaning alone); thresholds are then swept on the tune half and scored on
the test half (halves by SHA-256 of the id), beside keywords alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope import jsonlines
from narrascope.nlp.embed import Embedder, default_embedder
from narrascope.nlp.themepack import ThemePack, load_pack
from narrascope.nlp.themes import PrototypeIndex, Sentence, candidates, sentences_of
from narrascope.records import Document

THRESHOLDS = tuple(round(0.78 + 0.005 * step, 3) for step in range(37))


@dataclass(slots=True)
class Labelled:
    id: str
    themes: frozenset[str]
    gated: np.ndarray  # best similarity per theme over keyword sentences (-1: no keyword)
    open: np.ndarray  # best similarity per theme over all sentences

    @property
    def test(self) -> bool:
        return hashlib.sha256(self.id.encode()).digest()[0] % 2 == 1


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

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


@dataclass(slots=True)
class ThemeReport:
    documents: int
    tune: int
    test: int
    threshold: float
    open_threshold: float
    method: Scores
    keywords_only: Scores
    meaning_only: Scores
    per_theme: dict[str, Scores] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)


def read_labelled(path: Path) -> list[tuple[str, str, frozenset[str]]]:
    rows = list(jsonlines.records(path))
    return [(row["id"], row["text"], frozenset(row["themes"])) for row in rows]


def similarities(
    rows: Iterable[tuple[str, str, frozenset[str]]], pack: ThemePack, embedder: Embedder
) -> list[Labelled]:
    prototypes = PrototypeIndex(pack, embedder)
    result = []
    for doc_id, text, themes in rows:
        doc = Document(id=doc_id, source=doc_id, text=text, lang="ru")
        gated_sentences = candidates(doc, pack)
        every = [Sentence(s, e, t, ()) for s, e, t in sentences_of(text)]
        vectors = embedder.queries([s.text for s in every]) if every else None
        open_best = np.full(len(pack.themes), -1.0)
        gated_best = np.full(len(pack.themes), -1.0)
        if vectors is not None:
            sims = prototypes.similarity(vectors)
            open_best = sims.max(axis=0)
            by_start = {s.start: row for row, s in enumerate(every)}
            for sentence in gated_sentences:
                row = by_start[sentence.start]
                for index in sentence.themes:
                    gated_best[index] = max(gated_best[index], sims[row, index])
        result.append(Labelled(doc_id, themes, gated_best, open_best))
    return result


def score(
    docs: Iterable[Labelled], ids: list[str], predict: str, threshold: float
) -> tuple[Scores, dict[str, Scores]]:
    total, per_theme = Scores(), {theme_id: Scores() for theme_id in ids}
    for doc in docs:
        values = doc.gated if predict != "open" else doc.open
        floor = -0.5 if predict == "keywords" else threshold
        predicted = {ids[i] for i, value in enumerate(values) if value >= floor}
        for theme_id in ids:
            cell = per_theme[theme_id]
            gold, guess = theme_id in doc.themes, theme_id in predicted
            cell.tp += gold and guess
            cell.fp += guess and not gold
            cell.fn += gold and not guess
    for cell in per_theme.values():
        total.tp, total.fp, total.fn = total.tp + cell.tp, total.fp + cell.fp, total.fn + cell.fn
    return total, per_theme


def best_threshold(docs: list[Labelled], ids: list[str], predict: str) -> float:
    return max(THRESHOLDS, key=lambda t: (score(docs, ids, predict, t)[0].f1, -t))


def evaluate(path: Path, pack: ThemePack | None = None) -> ThemeReport:
    pack = pack or load_pack()
    ids = [theme.id for theme in pack.themes]
    docs = similarities(read_labelled(path), pack, default_embedder())
    tune = [doc for doc in docs if not doc.test]
    test = [doc for doc in docs if doc.test]
    threshold = best_threshold(tune, ids, "gated")
    open_threshold = best_threshold(tune, ids, "open")
    method, per_theme = score(test, ids, "gated", threshold)
    support = {theme_id: sum(theme_id in doc.themes for doc in docs) for theme_id in ids}
    return ThemeReport(
        documents=len(docs),
        tune=len(tune),
        test=len(test),
        threshold=threshold,
        open_threshold=open_threshold,
        method=method,
        keywords_only=score(test, ids, "keywords", 0.0)[0],
        meaning_only=score(test, ids, "open", open_threshold)[0],
        per_theme=per_theme,
        support=support,
    )
