"""The speaker of a Kazakh or English quote (`quotes_kk_en`): the person or body its clause
names, and who a pronoun or a title alone stands for.

The clause's subject speaks: in English the name before the speech verb that no preposition
governs ("During talks with Sergey Lavrov, Tleuberdi said"); in Kazakh the sentence's first
name. An outlet relaying a source the sentence names is not the speaker; a body followed by a
title is the person the text names with that title ("деді СІМ баспасөз хатшысы"). A pronoun or a
title alone is the speaker just before, the person the text first introduced with that title,
the holder of a bare title the document names ("Мемлекет басшысы"), or the subject of the
sentence before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.name_rules import SITE, vocabulary
from narrascope.nlp.speech import sentence_start
from narrascope.records import Entity, Quote


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int  # the attribution clause: where the speaker is looked for
    content: tuple[int, int]


def sentence_end(text: str, position: int) -> int:
    found = [i for i in (text.find(mark, position) for mark in (". ", "!", "?", "\n")) if i >= 0]
    return min(found) + 1 if found else len(text)


PRONOUNS = {
    "en": frozenset({"he", "she", "they", "him", "her"}),
    "kk": frozenset({"ол", "оның", "олар"}),
}


SUBJECT_CHARS = 60


def is_outlet(entity: Entity) -> bool:
    known = knowledge_base().entities.get(entity.id)
    return bool(known and known.media) or bool(re.fullmatch(rf"[\w-]+\.{SITE}", entity.text))


def named_source(named: list[Entity], outlet: Entity) -> Entity | None:
    """ "Еліміздің сыртқы істер министрлігі … пікір білдірді, деп хабарлайды El.kz": an
    outlet relaying a source the sentence names is not the speaker; the source is."""
    return next((e for e in named if e is not outlet and not is_outlet(e)), None)


def people_over_their_bodies(text: str, speakers: list[Entity]) -> list[Entity]:
    """ "деді ҚР СІМ Мұхтар Тілеуберді", "MFA spokesperson Aibek Smadiyarov": a body written
    right before a person, in the same phrase, is the person's employer; the person speaks."""
    if len(speakers) < 2 or speakers[0].type != "ORG":
        return speakers
    body, person = speakers[0], speakers[1]
    between = text[body.end : person.start]
    if person.type == "PER" and len(between) <= 40 and not re.search(r"[,.;:«»\"]", between):
        return [person, *speakers[2:]]
    return speakers


def spokesperson(text: str, body: Entity, entities: list[Entity], lang: str) -> Entity | None:
    """ "деді СІМ баспасөз хатшысы": a body followed by a person's title is that person, named
    where the text writes the same title before a name ("баспасөз хатшысы Айбек Смадияров")."""
    following = text[body.end : body.end + 60].split()[:3]
    titles = vocabulary(lang).person_titles
    last = next((i for i, word in enumerate(following) if word.lower() in titles), None)
    if last is None:
        return None
    title = " ".join(following[: last + 1])
    for match in re.finditer(re.escape(title) + r"\s+", text):
        person = next((e for e in entities if e.type == "PER" and e.start == match.end()), None)
        if person is not None:
            return person
    return None


OBJECT_WORDS = frozenset({"with", "to", "by", "from", "of", "for", "and", "on", "at", "in"})


def subjects(text: str, speakers: list[Entity]) -> list[Entity]:
    """English names before a speech verb that no preposition governs, nearest the verb first
    ("During talks with Sergey Lavrov, Tleuberdi said"): the subject of the clause."""
    free = []
    for entity in speakers:
        before = text[max(0, entity.start - 30) : entity.start].split()
        before = [w.lower() for w in before if w.lower() not in ("the", "a", "an")]
        if before[-2:] == ["according", "to"] or not before or before[-1] not in OBJECT_WORDS:
            free.append(entity)
    return free[::-1]


def subject_end(text: str, subject: Entity, end: int) -> int:
    """Where the content begins after a Kazakh subject: past its name and the press-service
    or title words that go with it ("Ақорданың баспасөз қызметі")."""
    match = re.match(
        r"(?:\s+(?:баспасөз\s+қызметі|[а-яәғқңөұүһі-]+сы|[а-яәғқңөұүһі-]+сі))*,?",
        text[subject.end : end],
    )
    return subject.end + (match.end() if match else 0)


def previous_speaker(entities: list[Entity], earlier: list[Quote], before: int) -> Entity | None:
    spoken = sorted(
        (q for q in earlier if q.speaker_span and q.end <= before + 1), key=lambda q: q.end
    )
    if not spoken:
        return None
    return next((e for e in entities if (e.start, e.end) == spoken[-1].speaker_span), None)


def antecedent(
    text: str, clause: Clause, entities: list[Entity], lang: str, earlier: list[Quote]
) -> Entity | None:
    """Who "he", "ол" or a title alone ("Қазақстанның Тұңғыш президенті") is: the speaker of
    the quote just before, else the person the sentence before begins with (its subject, in
    Kazakh and English alike), else the last person named."""
    attribution = text[clause.start : clause.end].lower().split()
    pronoun = any(word.strip(",.") in PRONOUNS[lang] for word in attribution)
    titled = any(is_title(word.strip(",."), lang) for word in attribution)
    if not (pronoun or titled):
        return None
    people = [e for e in entities if e.type == "PER" and e.end <= clause.start]
    spoke = previous_speaker(entities, earlier, clause.start)
    if spoke is not None and spoke.type == "PER":
        return spoke
    titled_person = holder_of_title(text, attribution, people, lang) or bare_holder(
        attribution, entities
    )
    if titled_person is not None:
        return titled_person
    sentence = sentence_start(text, len(text[: sentence_start(text, clause.start)].rstrip()) - 1)
    opening = [e for e in people if sentence <= e.start]
    return opening[0] if opening else (people[-1] if people else None)


def is_title(word: str, lang: str) -> bool:
    """A person's title, also with a Kazakh ending ("Министрдің", "президентінің")."""
    titles = vocabulary(lang).person_titles
    if word in titles or lang != "kk":
        return word in titles
    return any(word.startswith(TITLE_STEM.sub("", title)) for title in titles if len(title) > 5)


TITLE_STEM = re.compile(r"(?:сы|сі|ы|і)$")


def bare_holder(attribution: list[str], entities: list[Entity]) -> Entity | None:
    """ "Мемлекет басшысы", "the Head of State": of the knowledge-base people that bare title
    means, the one the document names."""
    kb = knowledge_base()
    written = " ".join(word.strip(",.") for word in attribution)
    named = {e.id: e for e in entities if e.type == "PER"}
    holders = {
        person_id
        for (_, title), ids in kb.bare.items()
        if title in written
        for person_id in ids
        if person_id in named
    }
    return named[next(iter(holders))] if len(holders) == 1 else None


def holder_of_title(
    text: str, attribution: list[str], people: list[Entity], lang: str
) -> Entity | None:
    """ "the Kazakh Foreign Minister stated", "деді Президент": the person the text first
    introduces with the same title ("Foreign Minister Mukhtar Tleuberdi", "Қазақстан
    Президенті Қасым-Жомарт Тоқаев")."""
    for index, word in enumerate(attribution):
        word = word.strip(",.")
        if not is_title(word, lang):
            continue
        stem = TITLE_STEM.sub("", word) if lang == "kk" else word
        qualifier = attribution[index - 1].strip(",.") if index else ""
        for person in people:
            before = text[max(0, person.start - 60) : person.start].lower().split()
            if before and before[-1].startswith(stem):
                if lang == "en" and qualifier and len(before) > 1 and before[-2] != qualifier:
                    continue
                return person
    return None


def role_before(text: str, speaker: Entity, lang: str) -> str | None:
    """The title written right before the name: "Kazakh Foreign Minister Murat Nurtleu" →
    "foreign minister", "Сыртқы істер министрі Қайрат Абдрахманов" → "сыртқы істер министрі"."""
    words = text[max(0, speaker.start - 80) : speaker.start].split()[-5:]
    titles = vocabulary(lang).person_titles
    last = max((i for i, w in enumerate(words) if w.lower().strip(",") in titles), default=None)
    if last is None or last != len(words) - 1:
        return None
    first = last
    while (
        first > 0
        and not words[first - 1].endswith((",", ".", ":"))
        and (words[first - 1][0].islower() or lang == "en")
    ):
        if lang == "en" and words[first - 1].lower() not in vocabulary(lang).descriptors | titles:
            break
        first -= 1
    role = [w for w in words[first : last + 1] if w.lower() not in ("kazakh", "the")]
    return " ".join(role).lower() or None
