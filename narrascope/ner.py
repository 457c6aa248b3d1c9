"""Named entities with natasha: segment, morphology, NER, normalisation to the nominative."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from narrascope import _compat  # noqa: F401 - must precede natasha
from narrascope.ids import entity_id
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity


@dataclass(frozen=True, slots=True)
class NatashaModels:
    segmenter: Any
    morph_vocab: Any
    morph_tagger: Any
    ner_tagger: Any


@cache
def natasha_models() -> NatashaModels:
    """Loaded once per process: the embedding and taggers ship inside the natasha package."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return NatashaModels(
        segmenter=Segmenter(),
        morph_vocab=MorphVocab(),
        morph_tagger=NewsMorphTagger(embedding),
        ner_tagger=NewsNERTagger(embedding),
    )


def natasha_spans(text: str, models: NatashaModels) -> list[Any]:
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph_tagger)
    doc.tag_ner(models.ner_tagger)
    for span in doc.spans:
        span.normalize(models.morph_vocab)
    return list(doc.spans)


def adapt_span(span: Any) -> Entity:
    normal = span.normal or span.text
    return Entity(
        text=span.text,
        start=span.start,
        end=span.stop,
        type=span.type,
        normal=normal,
        id=entity_id(span.type, normal),
        name=normal,
    )


class RecognizeEntities(Stage):
    name = "ner"
    requires = ("text",)
    assigns = ("entities",)

    def setup(self) -> None:
        self.models = natasha_models()

    def apply(self, doc: Document) -> Document:
        doc.entities = [adapt_span(span) for span in natasha_spans(doc.text or "", self.models)]
        return doc
