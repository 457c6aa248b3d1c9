"""Scope on real zakon.kz articles: diplomacy in, crime and accidents out, and what out costs."""

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from narrascope import jsonlines
from narrascope.nlp.embed import Embed, default_embedder
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.scope import JudgeScope
from narrascope.nlp.themes import AssignThemes
from narrascope.records import Document
from narrascope.text.clean import clean_text
from tests.conftest import EVAL

STREAM = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"
DIPLOMACY = (
    "zakon-2020-07-04-040",  # presidents of Austria, Georgia and Belarus congratulate Kazakhstan
    "zakon-2020-07-14-043",  # the UN Secretary-General calls on Armenia and Azerbaijan
)
DOMESTIC = (
    "zakon-2020-07-04-018",  # a dacha thief detained in Nur-Sultan
    "zakon-2020-07-04-044",  # a road accident in Almaty
)


class CountingEmbedder:
    def __init__(self) -> None:
        self.inner = default_embedder()
        self.dim = self.inner.dim
        self.embedded: list[str] = []

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += texts
        return self.inner.passages(texts)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.queries(texts)


@pytest.fixture(scope="module")
def articles() -> dict[str, Document]:
    wanted = {*DIPLOMACY, *DOMESTIC}
    ner = RecognizeEntities()
    ner.setup()
    found = {}
    for row in jsonlines.records(STREAM):
        if row["id"] in wanted:
            text = clean_text(row["text"]).text
            doc = Document(id=row["id"], source=row["id"], title=row["title"], text=text, lang="ru")
            found[row["id"]] = ner.apply(doc)
    return found


def judged(doc: Document, embedder: CountingEmbedder | None = None) -> Document:
    """A judged copy: the module's articles stay as read."""
    return JudgeScope(embedder=embedder).apply(replace(doc))


def test_diplomacy_is_in_scope_and_crime_and_accidents_are_not(
    articles: dict[str, Document],
) -> None:
    for doc_id in DIPLOMACY:
        scope = judged(articles[doc_id]).scope
        assert scope is not None and scope.in_scope, (doc_id, scope)
        assert "foreign: " in scope.reason
    for doc_id in DOMESTIC:
        scope = judged(articles[doc_id]).scope
        assert scope is not None and not scope.in_scope, (doc_id, scope)
    congratulated = judged(articles[DIPLOMACY[0]]).scope
    assert congratulated is not None and "Беларусь" in congratulated.reason


def test_out_of_scope_gets_no_themes_and_only_its_lead_embedded_once(
    articles: dict[str, Document],
) -> None:
    embedder = CountingEmbedder()
    crime = judged(articles[DOMESTIC[0]], embedder)
    assert len(embedder.embedded) == 1  # the lead, for the decision
    crime = AssignThemes(embedder=embedder).apply(crime)
    crime = Embed(embedder).apply(crime)
    assert crime.themes == []
    assert len(embedder.embedded) == 1  # the lead is not embedded again, the body not at all
    assert [(p.start, p.end) for p in crime.passages] == [(0, min(400, len(crime.text or "")))]
    assert crime.embedding is not None and np.array_equal(crime.embedding, crime.passages[0].vector)


def test_in_scope_keeps_its_body_passages(articles: dict[str, Document]) -> None:
    doc = judged(articles[DIPLOMACY[1]])
    doc = Embed().apply(doc)
    assert len(doc.passages) > 1 or len(doc.text or "") <= 400


def test_a_stored_lead_vector_is_read_not_embedded(articles: dict[str, Document]) -> None:
    embedder = CountingEmbedder()
    first = judged(articles[DIPLOMACY[0]], embedder)
    again = JudgeScope(embedder=embedder).apply_batch([first])
    assert len(embedder.embedded) == 1
    assert isinstance(again[0], Document) and again[0].scope == first.scope
