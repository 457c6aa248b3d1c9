"""Speakers from the syntax of the speech clause (see `clause`), and the quote record itself.

The syntax gives the subject of the speech verb, the body a press service speaks for, where
something was said, a pronoun's antecedent; where it gives nothing usable, the older rules of
`speakers` (the person or organisation named in the clause, the nearest descriptor) decide.
"""

from __future__ import annotations

import re
from dataclasses import replace

from narrascope.nlp.bodies import BODY_NOUNS
from narrascope.nlp.clause import Source, Word, position_span, speech_source
from narrascope.nlp.lemmas import analyzer, first_lemma
from narrascope.nlp.reported import DOMAIN
from narrascope.nlp.speakers import (
    MAX_ROLE_WORDS,
    find_speaker,
    is_common_word,
    nominative_role,
    nominative_title,
    role_of,
)
from narrascope.nlp.speech import DESCRIPTORS, Attribution
from narrascope.records import Entity, Quote

VOICE_OF_BODY = frozenset(
    ["пресс-служба", "пресс-центр", "ведомство", "канцелярия", "аппарат", "служба", "сайт"]
)
GEOGRAPHY = ("country:", "city:", "region:")
SPEAKER_POS = frozenset(["NOUN", "ADJF"])
PARSE_SHARE = 0.05  # pymorphy's readings below this share are noise for "Тут" or "кто"
BODIES = frozenset(
    [
        "правительство",
        "министерство",
        "минздрав",
        "ведомство",
        "парламент",
        "суд",
        "полиция",
        "акимат",
        "мэрия",
        "прокуратура",
        "служба",
        "комитет",
        "департамент",
        "управление",
        "агентство",
        "посольство",
        "кремль",
        "сенат",
        "мажилис",
        "совет",
        "комиссия",
        "госдума",
        "администрация",
        "штаб",
        "пресс-служба",
        "пресс-центр",
        "оппозиция",
        "партия",
    ]
)
ONE_OF = re.compile(r"(?:один|одна|одно|одни|некоторые|многие)\s+из\s+([\w-]+)", re.IGNORECASE)
WHERE_PREPOSITION = re.compile(r"^(?:в|во|на|у)\s+", re.IGNORECASE)
SPEECH_BOUNDARY = re.compile(r"[\"»”]\s*,?\s*[–—-]\s")
MEDIA = frozenset(["газета", "издание", "телеканал", "портал", "журнал", "радиостанция"])
LATIN_NAME = re.compile(r"[A-Z][A-Za-z&.-]*(?:\s+[A-Z][A-Za-z&.-]*)*$")
FIRST_PERSON = frozenset(["я", "мы"])
Speaker = tuple[str | None, tuple[int, int] | None, str | None, str | None]
NO_SPEAKER: Speaker = (None, None, None, None)


def speaker_of_source(text: str, source: Source, entities: list[Entity]) -> Speaker | None:
    """The speaker the syntax names: the person in the subject's phrase (in the nominative, not
    one it is "of": "представители Джонни Деппа" are not Depp), the body a press service speaks
    for, a pronoun's antecedent, a group noun; None when the syntax gives no usable source."""
    inside = [e for e in entities if source.start <= e.start and e.end <= source.end]
    head = source.head
    holder = next((e for e in inside if e.start <= head.start < e.end), None)
    head_lemma = first_lemma(head.text)
    if holder is not None and holder.type == "LOC":
        if source.where and not holder.id.startswith(GEOGRAPHY) and not geographic(holder):
            return named(text, holder, source)  # "в Кремле считают": a seat of power
        return NO_SPEAKER  # a city or a country does not speak ("в Алматы сообщили")
    if holder is not None:
        return named(text, holder, source)
    people = [e for e in inside if e.type == "PER" and nominative(text, e)]
    if people and head.feats.get("Animacy") == "Anim":
        return named(text, people[0], source)
    organisations = [e for e in inside if e.type == "ORG"]
    if organisations and (head_lemma in VOICE_OF_BODY or source.where):
        return named(text, organisations[0], source)
    if head.pos == "PRON":
        return pronoun_speaker(head, entities)
    if head.pos == "NOUN" and head.feats.get("Animacy") == "Anim" and plural(head):
        return body_named(text, source)  # "по мнению экспертов ОЭСР" → "эксперты ОЭСР"
    if one_of(text[source.start : source.end]):  # "говорит одна из экс-гимнасток"
        return text[source.start : source.end], (source.start, source.end), None, None
    if head_lemma in MEDIA and head.end < source.end:  # "как пишет газета The Washington Post"
        if organisations_inside := [e for e in inside if e.type == "ORG"]:
            return named(text, organisations_inside[0], source)
        title = text[head.end : source.end].strip(' «»"')
        return title, (head.end + 1, source.end), None, None
    if head_lemma in BODY_NOUNS:
        return body_named(text, source)  # "по данным ведомства": see `bodies`
    if source.where and titled(head):  # "говорится в телеграмме Президента Грузии"
        title = nominative_title(text[source.start : source.end])
        return title, (source.start, source.end), None, None
    if source.where:
        if head_lemma in BODIES and head_lemma != "служба":
            return body_named(text, source)  # "в полиции сообщили"
        return latest_body(entities, source.start)
    if head.pos == "NOUN" and head.feats.get("Animacy") != "Anim":
        if head_lemma in BODIES:  # "Правительство заявило": a body the tagger did not tag
            return body_named(text, source)
        return NO_SPEAKER  # "исследования показали", "болезни": no one speaks
    return None  # a descriptor ("эксперт", "аким") or a name the tagger missed: the rules


def plural(word: Word) -> bool:
    return word.feats.get("Number") == "Plur"


def one_of(phrase: str) -> bool:
    """ "один из ректоров", "одна из экс-гимнасток": one of a group of people, unnamed."""
    match = ONE_OF.match(phrase)
    if match is None:
        return False
    return any("anim" in p.tag for p in analyzer().parse(match.group(1).lower())[:2])


def geographic(entity: Entity) -> bool:
    """A place name by the dictionary ("Уральск", "Алматы"), not a seat of power ("Кремль")."""
    return any("Geox" in p.tag for p in analyzer().parse(entity.text.split()[-1])[:2])


def body_named(text: str, source: Source) -> Speaker:
    """An untagged body by its phrase in the nominative ("в полиции" → "полиция")."""
    written = WHERE_PREPOSITION.sub("", text[source.start : source.end].strip())
    voice, _, body = written.partition(" ")
    if first_lemma(voice) in VOICE_OF_BODY and first_lemma(body.partition(" ")[0]) in BODIES:
        written = body  # "пресс-служба акимата" speaks for the akimat
    phrase = nominative_role(written)
    return phrase, (source.start, source.end), None, None


def written_position(text: str, person: Entity) -> str | None:
    """The position the syntax puts beside the name, in the nominative, when it reads as one."""
    span = position_span(text, person.start, person.end)
    if span is None:
        return None
    role = text[span[0] : span[1]].strip(" ,–—")
    if not role or not is_common_word(role.split()[0]) or len(role.split()) > MAX_ROLE_WORDS:
        return None
    return nominative_title(role)


def named(text: str, entity: Entity, source: Source) -> Speaker:
    role = None
    if entity.type == "PER":
        role = written_position(text, entity) or role_of(
            text, entity, Attribution(source.start, source.end)
        )
    return entity.name, (entity.start, entity.end), entity.id, role


def nominative(text: str, entity: Entity) -> bool:
    """Whether a name stands in the nominative (an apposition), not a genitive it governs."""
    words = entity.text.split()
    return any("nomn" in p.tag for p in analyzer().parse(words[-1])[:2])


def pronoun_speaker(head: Word, entities: list[Entity]) -> Speaker:
    """ "сказала она": the latest person named before, of the pronoun's gender."""
    lower = head.text.lower()
    written = (None, (head.start, head.end), None, None)  # where the source stands, unnamed
    if lower in FIRST_PERSON:
        return written
    gender = {"Masc": "masc", "Fem": "femn"}.get(head.feats.get("Gender", ""))
    earlier = [e for e in entities if e.type == "PER" and e.end <= head.start]
    agreeing = [p for p in earlier if gender is None or person_gender(p.name) in (gender, None)]
    candidates = agreeing or earlier  # a typo ("сказал она") still names someone
    if not candidates:
        return written
    person = candidates[-1]
    return person.name, (head.start, head.end), person.id, None


def person_gender(name: str) -> str | None:
    """The gender of a name in the nominative ("Есмагамбетова" is a woman, not "Есмагамбетов"
    in the genitive)."""
    for word in reversed(name.split()):
        for parse in analyzer().parse(word):
            grammemes = parse.tag.grammemes
            if {"Surn", "Name"} & grammemes and "nomn" in grammemes and parse.tag.gender:
                return str(parse.tag.gender)
    return None


def latest_body(entities: list[Entity], position: int) -> Speaker:
    """ "как заявили в ведомстве": the organisation named last before."""
    bodies = [e for e in entities if e.type == "ORG" and e.end <= position]
    if not bodies:
        return NO_SPEAKER
    body = bodies[-1]
    return body.name, (body.start, body.end), body.id, None


def make_quote(
    text: str,
    start: int,
    end: int,
    clause: Attribution,
    entities: list[Entity],
    after: bool = False,
) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    speaker = syntactic_speaker(text, clause, entities)
    if speaker is None:
        speaker = find_speaker(text, clause, entities, after)
    return quote_of(text, start, end, speaker)


def quote_of(text: str, start: int, end: int, speaker: Speaker) -> Quote:
    name, span, speaker_id, role = speaker
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=name,
        speaker_id=speaker_id,
        speaker_span=span,
        role=role,
    )


def syntactic_speaker(text: str, clause: Attribution, entities: list[Entity]) -> Speaker | None:
    """The speaker the clause's syntax names (see `clause`), None to fall back on the rules."""
    if clause.cue is None:
        return None
    source = speech_source(text, clause.cue[0])
    if source is None or SPEECH_BOUNDARY.search(text, source.end, clause.cue[0]):
        return None  # the parse reached into the quoted speech before "», – пояснил X, …"
    return speaker_of_source(text, source, entities)


def country_beside(entities: list[Entity], title_end: int) -> str | None:
    """ "Президент Республики Беларусь": the country named right after a title is its own, as
    its code."""
    country = country_of_title(entities, (title_end - 1, title_end))
    return country.split(":")[1].upper() if country else None


def resolve_descriptor(text: str, quote: Quote, entities: list[Entity]) -> Quote:
    """ "— сказал аким", "Врач отметил": the person the document gives that position ("Аким
    Нур-Султана Алтай Кульгинов"), the nearest before the quote, else the nearest after. A
    title with its country ("в телеграмме Президента Грузии") goes only to a person the
    document gives that title of that country ("Президент Грузии Саломе Зурабишвили")."""
    if quote.speaker_id is not None or quote.speaker is None or len(quote.speaker.split()) > 3:
        return quote
    span = quote.speaker_span or (quote.start, quote.start)
    country = country_of_title(entities, span)
    head = analyzer().parse(quote.speaker.split()[0].lower())[0]
    if "NOUN" not in head.tag or "anim" not in head.tag or "plur" in head.tag:
        return quote
    holders = [
        person
        for person in entities
        if person.type == "PER"
        and holds(text, person, head.normal_form)
        and (country is None or country in position_countries(text, person, entities))
    ]
    before = [p for p in holders if p.end <= quote.start]
    person = before[-1] if before else next((p for p in holders if p.start >= quote.end), None)
    if person is None and country is None and head.normal_form in DESCRIPTORS:
        earlier = [e for e in entities if named_person(e) and e.end <= span[1]]
        person = earlier[-1] if earlier else None  # else the latest person named
    if person is None:
        return quote
    return replace(
        quote, speaker=person.name, speaker_id=person.id, role=quote.role or quote.speaker.lower()
    )


def country_of_title(entities: list[Entity], span: tuple[int, int]) -> str | None:
    """The country a title names, inside its phrase or right after it ("Президент Республики
    Беларусь"), as a knowledge-base id."""
    start, end = span
    return next(
        (e.id for e in entities if e.id.startswith("country:") and start < e.start <= end + 2),
        None,
    )


def position_countries(text: str, person: Entity, entities: list[Entity]) -> set[str]:
    found = position_span(text, person.start, person.end)
    if found is None:
        return set()
    return {e.id for e in entities if found[0] <= e.start and e.end <= found[1]}


def titled(head: Word) -> bool:
    """A person's title heads the phrase: one animate common noun ("Президента", "главы")."""
    return (
        head.feats.get("Animacy") == "Anim"
        and head.feats.get("Number") == "Sing"
        and first_lemma(head.text) in DESCRIPTORS
    )


def named_person(entity: Entity) -> bool:
    """A PER mention that names someone: not one common word the tagger capitalised at a
    sentence's start ("Анестезиологов - 88 специалистов")."""
    words = entity.text.split()
    return entity.type == "PER" and not (len(words) == 1 and is_common_word(words[0]))


def holds(text: str, person: Entity, position: str) -> bool:
    """Whether the position written beside this mention has `position` as its head."""
    role = written_position(text, person)
    if not role:
        return False
    return bool(analyzer().parse(role.split()[0])[0].normal_form == position)


def acceptable(quote: Quote, entities: list[Entity]) -> Quote:
    """A speaker named by no entity must read as one: a noun or group in the nominative that
    is animate ("эксперты", "врач") or a body ("полиция", "правительство"), or a capitalised
    name the tagger missed; never a place, a genitive ("ведомства"), an adverb or a pronoun
    left over ("Тут", "кто"). The place in the text where the source is written stays."""
    if quote.speaker is None or quote.speaker_id is not None:
        return quote
    span = quote.speaker_span
    if span and any(e.type == "LOC" and e.start < span[1] <= e.end + 1 for e in entities):
        return replace(quote, speaker=None)  # the place itself, not "армянские военные"
    if one_of(quote.speaker) or DOMAIN.fullmatch(quote.speaker) or LATIN_NAME.match(quote.speaker):
        return quote  # "один из ректоров"; an outlet by its site, "ktk.kz", or its name
    first = quote.speaker.split()[0]
    parses = [p for p in analyzer().parse(first.lower()) if p.score >= PARSE_SHARE]
    nominative = [p for p in parses if "nomn" in p.tag and SPEAKER_POS & p.tag.grammemes]
    if not nominative:
        return replace(quote, speaker=None)
    name_like = first[:1].isupper() and any(
        {"Name", "Surn", "Orgn"} & p.tag.grammemes for p in parses
    )
    animate = any("anim" in p.tag or p.normal_form in BODIES for p in nominative)
    return (
        quote
        if animate or name_like or group_of_people(quote.speaker)
        else replace(quote, speaker=None)
    )


def group_of_people(phrase: str) -> bool:
    """ "армянские военные", "местные жители": adjectives before an animate plural noun."""
    words = phrase.split()
    if len(words) < 2 or "ADJF" not in analyzer().parse(words[0].lower())[0].tag:
        return False
    return any(
        {"NOUN", "anim", "plur", "nomn"} <= p.tag.grammemes for p in analyzer().parse(words[1])
    )
