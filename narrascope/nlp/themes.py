"""Themes of a document: keywords pick the sentences, meaning decides.

A sentence that holds a theme keyword (matched on lemmas) or names one of the theme's
knowledge-base entities (an international organisation, linked by the entity stage) is compared
with the theme's prototypes (its descriptions in ru/en/kk and example sentences) by e5
embedding; when the best similarity clears the theme's calibrated threshold the sentence is
evidence and the theme applies. Only keyword sentences are embedded, which keeps the cost to a
few short passages per document; Kazakh and English documents, which Russian keywords cannot
reach, have all their sentences compared, against the stricter `lead_threshold`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from razdel import sentenize

from narrascope.nlp.embed import Embedder, default_embedder
from narrascope.nlp.spelling import KAZAKH_ENDING_ONLY
from narrascope.nlp.themepack import ThemePack, ThemeSpec, lemma_sequence, load_pack
from narrascope.pipeline import Stage
from narrascope.records import Document, Failure, Theme, in_scope

MAX_SENTENCE_CHARS = 600
MAX_OPEN_SENTENCES = 40  # sentences compared without a keyword, per non-Russian document
MAX_KEYWORD_SENTENCES = 30  # per document, in text order: bounds the cost of long documents


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    themes: tuple[int, ...]  # indexes of the pack themes whose keywords it holds
    open: bool = False  # compared with every theme (no keyword gate)


LINE = re.compile(r"[^\n]+")


def sentences_of(text: str) -> list[tuple[int, int, str]]:
    """Sentences with offsets; a line break always ends one (headlines, list items)."""
    found = []
    for line in LINE.finditer(text):
        for s in sentenize(line.group()):
            if any(char.isalpha() for char in s.text):
                found.append((line.start() + s.start, line.start() + s.stop, s.text))
    return found


def holds(sequence: tuple[str, ...], keyword: tuple[str, ...]) -> bool:
    width = len(keyword)
    return any(sequence[i : i + width] == keyword for i in range(len(sequence) - width + 1))


def keyword_themes(
    lemmas: tuple[str, ...], pack: ThemePack, entity_ids: frozenset[str] = frozenset()
) -> tuple[int, ...]:
    return tuple(
        index
        for index, theme in enumerate(pack.themes)
        if theme.entities & entity_ids or any(holds(lemmas, keyword) for keyword in theme.keywords)
    )


STEM_WORD = re.compile(r"[^\W_]+(?:[-+][^\W_]+)*")
SHORT_STEM = 3  # a stem this short is a whole word ("war", "oil", "шыұ"), with a Kazakh ending


def stem_matches(word: str, stem: str) -> bool:
    if len(stem) > SHORT_STEM:
        return word.startswith(stem)
    return word == stem or (
        word.startswith(stem) and bool(KAZAKH_ENDING_ONLY.fullmatch(word[len(stem) :]))
    )


def stem_themes(text: str, pack: ThemePack, lang: str) -> tuple[int, ...]:
    """Themes whose Kazakh or English keywords the sentence holds (`ThemeSpec.stems`)."""
    words = [w.lower() for w in STEM_WORD.findall(text)]
    found = []
    for index, theme in enumerate(pack.themes):
        for phrase in theme.stems.get(lang, ()):
            width = len(phrase)
            if any(
                all(stem_matches(words[i + k], phrase[k]) for k in range(width))
                for i in range(len(words) - width + 1)
            ):
                found.append(index)
                break
    return tuple(found)


def entities_within(doc: Document, start: int, end: int) -> frozenset[str]:
    return frozenset(e.id for e in doc.entities if e.id and start <= e.start and e.end <= end)


def candidates(doc: Document, pack: ThemePack) -> list[Sentence]:
    """Sentences worth comparing; none in a document judged out of scope (nlp/scope.py)."""
    if not in_scope(doc):
        return []
    text = doc.text or ""
    found: list[Sentence] = []
    open_left = MAX_OPEN_SENTENCES if doc.lang not in (None, "ru") else 0
    keyword_left = MAX_KEYWORD_SENTENCES
    for start, end, sentence in sentences_of(text):
        entity_ids = entities_within(doc, start, end)
        if doc.lang in ("kk", "en"):
            named = keyword_themes((), pack, entity_ids)
            themes = tuple(sorted(set(named) | set(stem_themes(sentence, pack, doc.lang or ""))))
        else:
            themes = keyword_themes(lemma_sequence(sentence), pack, entity_ids)
        if themes:
            if keyword_left:
                found.append(Sentence(start, end, sentence, themes))
                keyword_left -= 1
        elif open_left:
            found.append(Sentence(start, end, sentence, (), open=True))
            open_left -= 1
    return found


class PrototypeIndex:
    """Every prototype of a pack embedded once, and the theme each row belongs to."""

    def __init__(self, pack: ThemePack, embedder: Embedder) -> None:
        texts: list[str] = []
        owners: list[int] = []
        for index, theme in enumerate(pack.themes):
            texts += theme.prototypes
            owners += [index] * len(theme.prototypes)
        self.vectors = embedder.queries(texts)
        self.owners = np.asarray(owners)
        self.count = len(pack.themes)

    def similarity(self, vectors: np.ndarray) -> np.ndarray:
        """Best similarity of each vector to each theme: shape (len(vectors), themes)."""
        scores = vectors @ self.vectors.T
        best = np.full((len(vectors), self.count), -1.0, dtype=np.float32)
        for index in range(self.count):
            columns = self.owners == index
            if columns.any():
                best[:, index] = scores[:, columns].max(axis=1)
        return best


def judge(
    sentences: Sequence[Sentence], similarity: np.ndarray, pack: ThemePack, lang: str | None = None
) -> list[Theme]:
    evidence: dict[int, list[tuple[float, Sentence]]] = {}
    for row, sentence in enumerate(sentences):
        for index, theme in enumerate(pack.themes):
            gated = index in sentence.themes
            if not (gated or sentence.open):
                continue
            threshold = (
                pack.keyword_threshold_of(theme, lang) if gated else pack.lead_threshold_of(lang)
            )
            score = float(similarity[row, index])
            if score >= threshold:
                evidence.setdefault(index, []).append((score, sentence))
    themes = []
    for index, found in evidence.items():
        themes.append(
            Theme(
                id=pack.themes[index].id,
                score=round(max(score for score, _ in found), 3),
                evidence=[(sentence.start, sentence.end) for _, sentence in found],
            )
        )
    return sorted(themes, key=lambda theme: (-theme.score, theme.id))


class AssignThemes(Stage):
    name = "themes"
    requires = ("text", "lang")
    assigns = ("themes",)

    def __init__(self, pack: ThemePack | Path | None = None, embedder: Embedder | None = None):
        self.pack = pack if isinstance(pack, ThemePack) else load_pack(pack)
        self.embedder = embedder
        self.prototypes: PrototypeIndex | None = None

    def setup(self) -> None:
        if self.embedder is None:
            self.embedder = default_embedder()
        if self.prototypes is None:
            self.prototypes = PrototypeIndex(self.pack, self.embedder)

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        """One embedding call for the keyword sentences of the whole batch."""
        self.setup()
        try:
            found = [candidates(doc, self.pack) for doc in docs]
            similarity = self.similarity([s for doc_sentences in found for s in doc_sentences])
        except Exception:
            return super().apply_batch(docs)
        row = 0
        for doc, doc_sentences in zip(docs, found, strict=True):
            doc.themes = judge(
                doc_sentences, similarity[row : row + len(doc_sentences)], self.pack, doc.lang
            )
            row += len(doc_sentences)
        return list(docs)

    def apply(self, doc: Document) -> Document:
        self.setup()
        doc_sentences = candidates(doc, self.pack)
        doc.themes = judge(doc_sentences, self.similarity(doc_sentences), self.pack, doc.lang)
        return doc

    def similarity(self, sentences: Sequence[Sentence]) -> np.ndarray:
        assert self.embedder is not None
        assert self.prototypes is not None
        if not sentences:
            return np.zeros((0, len(self.pack.themes)), dtype=np.float32)
        texts = [s.text[:MAX_SENTENCE_CHARS] for s in sentences]
        unique = list(dict.fromkeys(texts))  # reprinted sentences are embedded once
        vectors = self.embedder.queries(unique)
        rows = {text: row for row, text in enumerate(unique)}
        return self.prototypes.similarity(vectors[[rows[text] for text in texts]])


__all__ = ["AssignThemes", "ThemeSpec", "candidates", "judge"]
