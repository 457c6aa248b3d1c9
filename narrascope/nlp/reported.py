"""Reported statements the "X сказал, что …" rules miss, as news agencies write them:

- "Об этом сообщили в пресс-службе Акорды." after the statement: the sentence before is what
  was said;
- "…, сообщает zakon.kz со ссылкой на пресс-службу МВД": the source the outlet relays; an
  outlet that relays another outlet names that outlet ("…, пишет Lenta.ru");
- calls and instructions: "Мамин поручил акиматам продолжить …", "МИД призывает граждан …";
- announcements named by a noun: "Минобороны сообщило о попытке атаковать позиции";
- "По ее словам, …": the possessive points to the person named before.
Each rule finds the content and the clause that names the source; the speaker comes from the
clause as for every quote (`sources.make_quote`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.speech import WORD, Attribution, content_end
from narrascope.records import Entity

ABOUT_THIS = re.compile(r"(?:Об этом|О чем|О чём)(?:\s+же)?\b", re.IGNORECASE)
ABOUT_THIS_REACH = 8  # words of circumstance before the verb: "Об этом на заседании правительства"
RELAYED = re.compile(
    r",\s*(?:[–—-]\s*)?(сообщает|сообщают|передает|передаёт|пишет|пишут|информирует|"
    r"сообщили|сообщило|сообщила|сообщил|говорится|отмечается|сообщается|указывается)"
    r"\s+([^,;]{2,120}?)(?=[.;]?\s*$)",
)
VIA = re.compile(r"\bсо ссылкой на\s+(.{2,100})$")
DOMAIN = re.compile(r"\b[\w-]+\.(?:ru|kz|com|net|org|ua|by|uz|kg|info)\b")
OUTLET_SHAPE = re.compile(DOMAIN.pattern + r"|\b[A-Z][\w]+")
CALL_VERBS = frozenset(
    [
        "поручить",
        "поручать",
        "призвать",
        "призывать",
        "предложить",
        "предлагать",
        "потребовать",
        "требовать",
        "рекомендовать",
        "попросить",
        "просить",
    ]
)
ANNOUNCE_VERBS = frozenset(
    ["сообщить", "сообщать", "заявить", "заявлять", "объявить", "объявлять", "информировать"]
)
CALL_OR_ANNOUNCE_STEM = re.compile(
    r"(?:поруч|призв|призыв|предл|потреб|требу|рекоменд|попрос|прос|сообщ|заяв|объяв|информир)",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(
    r"\b[Пп]о (его|ее|её|их) (?:словам|мнению|оценке|признанию|убеждению|данным|информации),\s*"
)
SAY = frozenset(
    [
        "сказать",
        "рассказать",
        "отметить",
        "подчеркнуть",
        "пояснить",
        "напомнить",
        "добавить",
        "уточнить",
        "говориться",
        "сообщаться",
        "написать",
        "передать",
        "пожаловаться",
    ]
)
LEAD_WORDS = 2  # words before "по его словам" that still leave it opening the sentence
CALL_REACH = 12  # words after the verb within which its infinitive must come
Found = tuple[int, int, Attribution]  # content start, content end, attribution


@lru_cache(maxsize=200_000)
def is_verb_of(word: str, lemmas: frozenset[str]) -> bool:
    return any(
        p.normal_form in lemmas and {"VERB", "GRND", "PRTS"} & p.tag.grammemes
        for p in analyzer().parse(word.lower())[:2]
    )


def about_this(
    text: str, sentence: tuple[int, int], previous: tuple[int, int] | None
) -> Found | None:
    """ "Об этом сообщили в ведомстве": the statement is the sentence before."""
    start, end = sentence
    match = ABOUT_THIS.match(text, start, end)
    if match is None or previous is None:
        return None
    words = list(WORD.finditer(text, match.end(), end))[:ABOUT_THIS_REACH]
    verb = next((w for w in words if is_verb_of(w.group(), ANNOUNCE_VERBS | SAY)), None)
    if verb is None:
        return None
    relay = RELAYED.search(text[previous[0] : previous[1]].rstrip())
    stop = previous[0] + relay.start() if relay else sentence_end(text, previous)
    return previous[0], stop, Attribution(verb.end(), end, verb.span())


def relayed(
    text: str, sentence: tuple[int, int], entities: list[Entity], outlet: str | None = None
) -> Found | None:
    """ "CONTENT, сообщает X" at the end of a sentence, X a source or an outlet "со ссылкой на"
    its source (which then speaks); the text's own outlet relaying is no statement."""
    start, end = sentence
    match = RELAYED.search(text[start:end].rstrip())
    if match is None:
        return None
    clause_start, clause_end = start + match.start(2), start + match.end(2)
    via = VIA.search(text[clause_start:clause_end])
    if via is not None:
        clause_start = clause_start + via.start(1)
        speaker = subject_person(text, start, start + match.start(), entities)
        if speaker is not None:  # "Гутерриш обратился …, сообщает zakon.kz со ссылкой на ТАСС"
            return start, start + match.start(), Attribution(speaker.start, speaker.end)
    elif own_outlet(text[clause_start:clause_end], outlet):
        return None
    named = any(e.type in ("PER", "ORG") and clause_start <= e.start < clause_end for e in entities)
    if not named and OUTLET_SHAPE.search(text, clause_start, clause_end) is None:
        return None
    cue = (start + match.start(1), start + match.end(1))
    return start, start + match.start(), Attribution(clause_start, clause_end, None if via else cue)


def outlet_relayed(text: str, clause: Attribution) -> re.Match[str] | None:
    """ "со ссылкой на ktk.kz": an outlet named by its site, which the tagger does not tag."""
    return DOMAIN.search(text, clause.start, clause.end)


def subject_person(text: str, start: int, end: int, entities: list[Entity]) -> Entity | None:
    """The person a relayed sentence is about as its subject: named in the nominative before
    its verb ("Генеральный секретарь ООН Антониу Гутерриш обратился …")."""
    for entity in entities:
        if entity.type == "PER" and start <= entity.start < end:
            last = entity.text.split()[-1]
            nominative = any("nomn" in p.tag for p in analyzer().parse(last)[:1])
            return entity if nominative else None
    return None


def own_outlet(clause: str, outlet: str | None) -> bool:
    """ "передает корреспондент zakon.kz": the outlet the text comes from, or its reporter."""
    lower = clause.lower()
    if re.search(r"\bкорреспондент|\bредакци|\bнаш\w* (?:издани|сайт|портал)", lower):
        return True
    stem = (outlet or "").lower().split(".")[0]
    return len(stem) >= 3 and stem in lower


def call_or_announcement(text: str, sentence: tuple[int, int]) -> Found | None:
    """ "X поручил акиматам продолжить …" (an infinitive follows), "X сообщил о попытке …"."""
    start, end = sentence
    if CALL_OR_ANNOUNCE_STEM.search(text, start, end) is None:
        return None  # the morphology below is the stage's costly part: most sentences skip it
    words = list(WORD.finditer(text, start, end))
    for index, word in enumerate(words):
        if is_verb_of(word.group(), CALL_VERBS):
            following = words[index + 1 : index + 1 + CALL_REACH]
            if any(is_infinitive(w.group()) for w in following) and following:
                clause = Attribution(start, word.start(), (word.start(), word.end()))
                return following[0].start(), sentence_end(text, sentence), clause
        elif is_verb_of(word.group(), ANNOUNCE_VERBS) and index + 1 < len(words):
            after = words[index + 1]
            if after.group().lower() in ("о", "об") and after.start() - word.end() <= 1:
                clause = Attribution(start, word.start(), (word.start(), word.end()))
                return after.start(), sentence_end(text, sentence), clause
    return None


def is_infinitive(word: str) -> bool:
    return any("INFN" in p.tag for p in analyzer().parse(word.lower())[:2])


def possessive(text: str, sentence: tuple[int, int]) -> tuple[int, int, re.Match[str]] | None:
    """ "По ее словам, CONTENT": (content start, end, the match whose group 1 is the pronoun)."""
    start, end = sentence
    match = POSSESSIVE.search(text, start, end)
    if match is None or len(WORD.findall(text, start, match.start())) > LEAD_WORDS:
        return None  # "Также, по ее словам, …", "Там, по его словам, …" still open it
    return match.end(), sentence_end(text, sentence), match


def sentence_end(text: str, sentence: tuple[int, int]) -> int:
    return content_end(sentence[0], text[sentence[0] : sentence[1]])
