"""Whom a claim is about: the entity that owns the figure, not the outlet or source relaying it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.linking import main_country
from narrascope.records import Entity, Figure, Quote

SOURCE_CUE = re.compile(
    r"(по данным|по словам|по информации|со ссылкой на|как пишет|сообщ\w+|переда\w+|пишет|в эфире)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)
PLACE_PREPOSITION = re.compile(r"(?:^|\s)(в|во|на)\s+$", re.I)
FIRST_PERSON = re.compile(r"\b(я|мы|нам|нас|наш\w*|мной)\b", re.I)


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence's offsets in the text."""

    start: int
    end: int


def subject_of(
    text: str,
    sentence: Sentence,
    figure: Figure,
    entities: list[Entity],
    quote: Quote | None,
    speakers: list[tuple[int, int]],
) -> Entity | None:
    """The nearest entity before the figure in its sentence that is not the outlet, source or
    speaker relaying it (`speakers`: the spans naming the document's speakers); "я"/"мы" in a
    quote is its speaker; else the nearest in the paragraph; else the document's country."""
    owners = [
        e
        for e in entities
        if not is_relay(text, e)
        and not e.text[:1].islower()
        and not any(start <= e.start < end for start, end in speakers)
    ]
    before = [e for e in owners if sentence.start <= e.start < figure.start]
    actors_before = [e for e in before if not is_place_of(text, e)]
    if actors_before:
        return actors_before[-1]
    actors_after = [
        e for e in owners if figure.end <= e.start < sentence.end and e.type in ("PER", "ORG")
    ]
    if actors_after or before:
        return actors_after[0] if actors_after else before[-1]
    if (
        quote is not None
        and quote.speaker_id
        and FIRST_PERSON.search(text[sentence.start : figure.start])
    ):
        return Entity(
            text=quote.speaker or "", start=-1, end=-1, type="PER", normal=quote.speaker or "",
            id=quote.speaker_id, name=quote.speaker or "",
        )  # fmt: skip
    paragraph = text.rfind("\n", 0, sentence.start) + 1
    in_paragraph = [e for e in owners if paragraph <= e.start < sentence.start]
    if in_paragraph:
        return in_paragraph[-1]
    country = f"country:{main_country(entities, knowledge_base()).lower()}"
    return next((e for e in entities if e.id == country), None)


def is_place_of(text: str, entity: Entity) -> bool:
    """A place named as where something happens ("в Алматы", "на Украине")."""
    return entity.type == "LOC" and bool(
        PLACE_PREPOSITION.search(text[max(0, entity.start - 4) : entity.start])
    )


def is_relay(text: str, entity: Entity) -> bool:
    """An outlet, or a source named by "по данным", "сообщает" …: who relays, not who owns."""
    known = knowledge_base().entities.get(entity.id)
    if known is not None and known.media:
        return True
    return bool(SOURCE_CUE.search(text[max(0, entity.start - 25) : entity.start]))
