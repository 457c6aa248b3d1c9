"""Speakers of quotations: the person named in the attribution clause, else its subject resolved
to the latest person named before it, and the position written beside the name."""

from __future__ import annotations

import re

from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.speech import (
    DESCRIPTORS,
    PREPOSITIONS,
    PRONOUNS,
    SINGULAR_REFERENCES,
    WORD,
    Attribution,
    is_speech_word,
)
from narrascope.records import Entity


def find_speaker(
    text: str, clause: Attribution, entities: list[Entity], after: bool
) -> tuple[str | None, tuple[int, int] | None, str | None, str | None]:
    """The person (else organisation) named in the clause, else its subject: a noun or pronoun
    in the nominative that no preposition governs; a singular pronoun or descriptor stands for
    the latest person named before it."""
    named = [e for e in entities if clause.start <= e.start < clause.end]
    people = [e for e in named if e.type == "PER"]
    if people:
        person = people[0] if after else people[-1]
        return person.name, (person.start, person.end), person.id, role_of(text, person, clause)
    words = list(WORD.finditer(text, clause.start, clause.end))
    organisations = [e for e in named if e.type == "ORG"]
    described = any(
        analyzer().parse(w.group().lower())[0].normal_form in DESCRIPTORS for w in words
    )
    if organisations and not described:
        body = organisations[0] if after else organisations[-1]
        return body.name, (body.start, body.end), body.id, None
    for position, match in enumerate(words):
        if not is_subject(match.group(), words[position - 1].group() if position else ""):
            continue
        lower = match.group().lower()
        earlier = [e for e in entities if e.type == "PER" and e.end <= match.start()]
        if earlier and lower in SINGULAR_REFERENCES:
            person = earlier[-1]
            return person.name, (match.start(), match.end()), person.id, None
        return descriptor(text, match), (match.start(), match.end()), None, None
    return None, None, None, None


def is_subject(word: str, previous: str) -> bool:
    if previous.lower() in PREPOSITIONS or word.lower() in PREPOSITIONS or is_speech_word(word):
        return False
    lower = word.lower()
    if lower in PRONOUNS:
        return True
    return any(
        {"NOUN", "nomn"} <= p.tag.grammemes or {"NPRO", "nomn"} <= p.tag.grammemes
        for p in analyzer().parse(lower)[:2]
    )


def descriptor(text: str, match: re.Match[str]) -> str:
    """The descriptor as written with what qualifies it ("Эксперты в Киеве")."""
    tail = re.match(r"[\w-]+(?:\s+в\s+[\w-]+)?", text[match.start() : match.start() + 60])
    return tail.group() if tail else match.group()


def role_of(text: str, person: Entity, clause: Attribution) -> str | None:
    """The position written right before the name or after it between commas."""
    before = re.sub(
        r"^\s*(?:по (?:словам|мнению|данным|оценке)|как \w+)\s+",
        "",
        text[clause.start : person.start],
        flags=re.I,
    ).rstrip(" –—")
    words = before.split()
    role_words: list[str] = []
    for word in reversed(words):
        if word.endswith(":") or is_speech_word(word):
            break
        role_words.insert(0, word)
    role = " ".join(drop_circumstance(role_words))
    if not role:
        after = re.match(r",\s*([^,.;«»]+)", text[person.end : person.end + 200])
        role = after.group(1) if after else ""
    role = role.strip(" ,–—")
    if not role or not is_common_word(role.split()[0]) or not reads_as_position(role):
        return None
    return nominative_title(role)


MAX_ROLE_WORDS = 20  # "директор Института мировой экономики и политики (ИМЭП) при Фонде …"


def reads_as_position(role: str) -> bool:
    """A position is a noun phrase: not too long, and without a verb ("поздравили", "поделился")
    that would make it a clause."""
    words = WORD.findall(role)
    if len(words) > MAX_ROLE_WORDS:
        return False
    return not any(
        {"VERB", "INFN", "GRND"} & analyzer().parse(word.lower())[0].tag.grammemes for word in words
    )


def drop_circumstance(words: list[str]) -> list[str]:
    """ "в своем выступлении директор …" → "директор …": a position starts at a descriptor or
    at a noun that no preposition governs, with the adjectives before it."""
    for index, word in enumerate(words):
        previous = words[index - 1] if index else ""
        lemma = analyzer().parse(word.lower())[0].normal_form
        if (
            lemma in DESCRIPTORS
            or (index == 0 and is_common_word(word))
            or (
                is_subject(word, previous)
                and previous.lower() not in PREPOSITIONS
                and index > 0
                and analyzer().parse(previous.lower())[0].tag.POS != "ADJF"
            )
        ):
            return words[index:]
    return words


def is_common_word(word: str) -> bool:
    """A position starts with a common noun or adjective, not with a name."""
    parse = analyzer().parse(word.lower())[0]
    if parse.normal_form in DESCRIPTORS:
        return True
    names = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"}
    return bool({"NOUN", "ADJF"} & parse.tag.grammemes) and not names & parse.tag.grammemes


def nominative_title(phrase: str) -> str:
    """A position as a speaker's role: lowercase first ("Президента Грузии" → "президент
    Грузии"), in the nominative."""
    return nominative_role(phrase[:1].lower() + phrase[1:])


def nominative_role(role: str) -> str:
    """Each comma-separated part with its head noun and the adjectives before it in the
    nominative: "павлодарского политолога, докторанта кафедры" → "павлодарский политолог,
    докторант кафедры"."""
    return ", ".join(nominative_phrase(part.strip()) for part in role.split(","))


def nominative_phrase(phrase: str) -> str:
    words = phrase.split()
    for index, word in enumerate(words):
        parse = analyzer().parse(word)[0]
        if index == len(words) - 1 and "ADJF" in parse.tag:  # "армянских военных": a noun last
            parse = next((p for p in analyzer().parse(word) if "NOUN" in p.tag), parse)
        if "NOUN" in parse.tag:
            head = parse.inflect({"nomn"})
            if head is None:
                return phrase
            words[index] = head.word
            gender = head.tag.gender if head.tag.number != "plur" else None
            grammemes = {g for g in (head.tag.number, gender) if g} | {"nomn"}
            for before in range(index):
                adjective = analyzer().parse(words[before])[0]
                agreed = adjective.inflect(grammemes) if "ADJF" in adjective.tag else None
                if agreed is not None:
                    words[before] = agreed.word
            return " ".join(words)
        if "ADJF" not in parse.tag:
            return phrase
    return phrase
