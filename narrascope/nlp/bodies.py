"""Bodies a text refers to by a common noun: "по данным ведомства", "как отмечают в компании",
"по информации университета", "…, – говорится в сообщении." name no one, yet an analyst reads
them as the organisation the text has been citing. The noun stands for the latest organisation
that spoke before it whose name has that noun ("университет" → "Университет Джонса Хопкинса"),
else, for the nouns any body can be called ("ведомство", "сообщение"), the latest organisation
that spoke, else the latest one named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from narrascope.nlp.kb import lemma_key
from narrascope.nlp.lemmas import first_lemma
from narrascope.records import Entity, Quote

BODY_NOUNS = frozenset(
    [
        "ведомство",
        "министерство",
        "университет",
        "институт",
        "компания",
        "корпорация",
        "организация",
        "агентство",
        "банк",
        "фонд",
        "посольство",
        "миссия",
        "стартап",
        "холдинг",
    ]
)
ANY_BODY = frozenset(["ведомство", "сообщение"])
UNOWNED_STATEMENT = re.compile(
    r"\W{0,4}(?:говорится|отмечается|сообщается|указывается) в (?:сообщении|заявлении|"
    r"пресс-релизе|релизе|документе)\s*(?:[.;]|$)"
)
PLACES = ("country:", "city:", "region:", "loc:")


def resolve_bodies(text: str, quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Each quote whose source is a body noun gets the organisation it stands for."""
    resolved: list[Quote] = []
    for quote in quotes:
        noun = body_noun(text, quote)
        body = (
            antecedent(noun, resolved, entities, quote.start, source_start(quote)) if noun else None
        )
        if body is not None:
            quote = replace(quote, speaker=body[0], speaker_id=body[1])
        resolved.append(quote)
    return resolved


def body_noun(text: str, quote: Quote) -> str | None:
    if quote.speaker_id is not None:
        return None
    if quote.speaker is None:
        return "сообщение" if UNOWNED_STATEMENT.match(text, quote.end) else None
    words = quote.speaker.split()
    if len(words) > 1:
        return None
    lemma = first_lemma(words[0])
    return lemma if lemma in BODY_NOUNS else None


def source_start(quote: Quote) -> int:
    """Where the source is written: after the quote when it follows it ("…, — сообщается на
    сайте ведомства"), else the quote's start."""
    span = quote.speaker_span
    return span[0] if span and span[0] > quote.start else quote.start


def antecedent(
    noun: str, earlier: list[Quote], entities: list[Entity], position: int, source: int
) -> tuple[str, str] | None:
    """The body a noun stands for: an earlier speaker, an organisation named before the quote,
    else one named in the quote itself before its source ("Министерство … опубликовало …, —
    сообщается на сайте ведомства")."""
    speakers = [
        (q.speaker, q.speaker_id)
        for q in reversed(earlier)
        if q.speaker and q.speaker_id and q.speaker_id.startswith("org:")
    ]
    organisations = [
        e for e in reversed(entities) if e.type == "ORG" and not e.id.startswith(PLACES)
    ]
    before = [(e.name, e.id) for e in organisations if e.end <= position]
    inside = [(e.name, e.id) for e in organisations if position <= e.start and e.end <= source]
    named = before + inside
    for name, body_id in speakers + named:
        if noun in lemma_key(name).split():
            return name, body_id
    if noun in ANY_BODY:
        return next(iter(speakers + named), None)
    return None
