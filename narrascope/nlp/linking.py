"""Entity linking: every mention gets the id and canonical name of the entity it names.

1. the knowledge base, by surface, normal form or lemmas;
2. inside one document, a short form joins the full form it abbreviates ("Токаев",
   "Касым-Жомарт Кемелевич" → "Касым-Жомарт Токаев"), and so does a misspelling of the same
   surname ("Поломарчук" beside "Поломорчук", rapidfuzz);
3. anything else keeps a stable id made from its normal form.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Protocol

from rapidfuzz import fuzz

from narrascope.ids import entity_id
from narrascope.nlp.kb import QUOTES, KnowledgeBase
from narrascope.nlp.lemmas import WORD, word_lemmas
from narrascope.records import Entity

NAME_WORD = re.compile(r"[\w-]+")
PATRONYMIC = re.compile(  # in any case: "Абишевич", "Акжигитовича", "Сергеевной"
    r"(?:(?:ович|евич)(?:а|у|ем|е)?|(?:ичн|евн|овн)(?:а|ы|е|у|ой)|улы|кызы|оглы)$"
)
SURNAME_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?![\w-])")
SURNAME_SIMILARITY = 85  # rapidfuzz ratio above which two surnames are one spelt two ways


DEFAULT_COUNTRY = "KZ"  # the domain pack's country, for texts that name no country at all


def link_entities(
    entities: list[Entity], kb: KnowledgeBase, text: str = "", published: str | None = None
) -> list[Entity]:
    linked = [link_to_kb(spelt_out(entity), kb) for entity in entities]
    country = main_country(linked, kb)
    linked = [link_title(entity, linked, kb, text, country, published) for entity in linked]
    return join_people(linked, frozenset(kb.entities))


def main_country(entities: list[Entity], kb: KnowledgeBase) -> str:
    """The domain's country whenever the text mentions it or its people and bodies; otherwise
    the country the text names most."""
    home = f"country:{DEFAULT_COUNTRY.lower()}"
    for entity in entities:
        known = kb.entities.get(entity.id)
        if entity.id == home or (known is not None and known.bare_country == DEFAULT_COUNTRY):
            return DEFAULT_COUNTRY
    counts = Counter(e.id for e in entities if e.id.startswith("country:"))
    return counts.most_common(1)[0][0].split(":")[1].upper() if counts else DEFAULT_COUNTRY


def link_title(
    entity: Entity,
    entities: list[Entity],
    kb: KnowledgeBase,
    text: str,
    country: str,
    published: str | None,
) -> Entity:
    """ "Президент", "Глава государства", "Правительство": the country's own, in a text about
    that country, unless another country is named right beside the title."""
    if entity.id in kb.entities:
        return entity
    beside = [
        e
        for e in entities
        if e is not entity
        and e.id.startswith("country:")
        and (0 <= e.start - entity.end <= 2 or 0 <= entity.start - e.end <= 2)
    ]
    if any(e.id != f"country:{country.lower()}" for e in beside):
        return entity
    found = kb.by_title(country, entity.normal, published) or kb.by_title(
        country, entity.text, published
    )
    return replace(entity, id=found.id, name=found.name) if found else entity


CONTRACTIONS = {
    "минобороны": "Министерство обороны",
    "минздрав": "Министерство здравоохранения",
    "минфин": "Министерство финансов",
    "минюст": "Министерство юстиции",
    "минтруд": "Министерство труда",
    "минэнерго": "Министерство энергетики",
    "минсельхоз": "Министерство сельского хозяйства",
    "минэкономики": "Министерство экономики",
    "минпросвещения": "Министерство просвещения",
    "минобрнауки": "Министерство образования и науки",
    "минтранс": "Министерство транспорта",
    "минкультуры": "Министерство культуры",
    "минэкологии": "Министерство экологии",
    "минкомсвязи": "Министерство связи",
}


def spelt_out(entity: Entity) -> Entity:
    """ "Минобороны Армении" is "Министерство обороны Армении": one name, one id, however the
    text contracts it (the standard contractions of ministries' names)."""
    words = entity.normal.split()
    full = CONTRACTIONS.get(words[0].lower()) if entity.type == "ORG" and words else None
    if full is None:
        return entity
    normal = " ".join([full, *words[1:]])
    return replace(entity, normal=normal, name=normal, id=entity_id("ORG", normal))


def link_to_kb(entity: Entity, kb: KnowledgeBase) -> Entity:
    found = kb.lookup(entity.normal, entity.text)
    if found is not None:
        return replace(entity, id=found.id, name=found.name)
    country = kb.adjectives.get(entity.text.lower().replace("ё", "е"))
    if country is not None:
        adjective = kb.entities[country]
        return replace(
            entity,
            normal=adjective.adjective or entity.normal,
            id=adjective.id,
            name=adjective.name,
        )
    return entity


def join_people(entities: list[Entity], known: frozenset[str] = frozenset()) -> list[Entity]:
    """Short, inflected and misspelt forms of a person join the document's most frequent full
    form; a one-word organisation joins the longer name it heads ("Комиссия" → "Европейская
    комиссия"), an abbreviation the name it abbreviates ("ДП Алматы" → "Департамент полиции
    Алматы"), unless the knowledge base knows the short form."""
    people = [e for e in entities if e.type == "PER"]
    frequency = Counter(e.name for e in people)
    full_names = sorted(
        {e.name for e in people if len(e.name.split()) >= 2},
        # a name and patronymic ("Адильжан Акжигитович") joins the full name, never heads it
        key=lambda name: (is_patronymic(name.split()[-1]), -frequency[name], -len(name), name),
    )
    canonical: dict[str, Entity] = {}
    for name in full_names:  # most frequent first: each later variant joins an earlier name
        entity = next(e for e in people if e.name == name)
        head = next((canonical[other] for other in canonical if abbreviates(entity, other)), entity)
        canonical[name] = head
    organisations = [e for e in entities if e.type == "ORG" and len(e.name.split()) >= 2]
    result = []
    for entity in entities:
        target = None
        if entity.type == "PER":
            target = canonical.get(entity.name) or next(
                (canonical[name] for name in canonical if abbreviates(entity, name)), None
            )
        elif entity.type == "ORG" and entity.id not in known:
            if len(entity.name.split()) == 1:
                target = organisation_head(entity, organisations, known)
            target = target or expansion(entity, organisations)
        result.append(replace(entity, id=target.id, name=target.name) if target else entity)
    return result


def organisation_head(
    short: Entity, organisations: list[Entity], known: frozenset[str] = frozenset()
) -> Entity | None:
    """The longer name a bare head noun stands for: the only one it heads, else the only one
    the knowledge base knows ("Европейская комиссия" over a tagger's "Союз Европейская
    комиссия")."""
    lemma = word_lemmas(short.name)[0]
    heads = {o.id: o for o in organisations if word_lemmas(o.name.split()[-1])[0] == lemma}
    if len(heads) > 1:
        heads = {i: o for i, o in heads.items() if i in known}
    return next(iter(heads.values())) if len(heads) == 1 else None


FUNCTION_WORDS = frozenset(["по", "и", "в", "на", "при", "для", "с", "о", "об", "РК"])


def initials(name: str) -> str:
    """ "Департамент уголовно-исполнительной системы по …" → "ДУИС…"."""
    parts = [p for word in name.split() if word not in FUNCTION_WORDS for p in word.split("-")]
    return "".join(part[0].upper() for part in parts if part and part[0].isalpha())


def expansion(short: Entity, organisations: list[Entity]) -> Entity | None:
    """The one organisation of the document whose name an abbreviation stands for: its
    initials, then the words that follow it ("ДП Алматы", "КГД", "Минобороны Армении")."""
    abbreviation, *rest = short.name.split()
    if not is_abbreviation_word(abbreviation):
        return None
    found = {
        o.id: o
        for o in organisations
        if o.id != short.id
        and not is_abbreviation_word(o.name.split()[0])
        and initials(o.name).startswith(abbreviation.upper())
        and all(any(same_word(r, w) for w in o.name.split()) for r in rest)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def is_abbreviation_word(word: str) -> bool:
    letters = word.replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def abbreviates(short: Entity, full_name: str) -> bool:
    """Whether `short` names the person called `full_name` with fewer, inflected or misspelt
    words ("Маас", "Мишель Обамой", "Тереза Мей" beside "Тереза Мэй")."""
    if short.name == full_name:
        return False
    short_words, full_words = NAME_WORD.findall(short.name), full_name.split()
    if not short_words:
        return False
    if len(short_words) == 1:
        return same_word(short_words[0], full_words[-1]) or same_word(short_words[0], full_words[0])
    if len(short_words[0]) == 1 and len(full_words) >= 2:  # "В.Орбан", "С. Туякбаев"
        initial = short_words[0].lower() == full_words[0][:1].lower()
        return initial and same_word(short_words[-1], full_words[-1])
    if not same_word(short_words[0], full_words[0]):
        return False
    # "Касым-Жомарт Кемелевич" (name and patronymic) or the same surname spelt another way
    return is_patronymic(short_words[-1]) or same_word(short_words[-1], full_words[-1])


def same_word(first: str, second: str) -> bool:
    """The same name up to a case ending or a misspelt letter."""
    first, second = first.lower(), second.lower()
    if first == second:
        return True
    stem = min(len(first), len(second)) - 2
    if stem >= 3 and first[:stem] == second[:stem] and abs(len(first) - len(second)) <= 2:
        return True
    return fuzz.ratio(first, second) >= SURNAME_SIMILARITY


def is_patronymic(word: str) -> bool:
    return PATRONYMIC.search(word.lower()) is not None


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def coverage(entities: Sequence[Span]) -> Callable[[int, int], bool]:
    """Whether a span [start, end) meets any of `entities`: the furthest end among the entities
    that start before `end`, found by bisection (a long text has thousands of mentions)."""
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    furthest = list(accumulate((e.end for e in ordered), max))

    def covered(start: int, end: int) -> bool:
        index = bisect.bisect_left(starts, end)
        return index > 0 and furthest[index - 1] > start

    return covered


def kb_mentions(text: str, taken: list[Entity], kb: KnowledgeBase) -> list[Entity]:
    """Knowledge-base abbreviations and multi-word names the tagger missed."""
    covered = coverage(taken)
    found: list[Entity] = []
    for match in kb.distinctive.finditer(text):
        if covered(match.start(), match.end()):  # matches of one pattern never overlap
            continue
        entity = kb.lookup(match.group())
        if entity is not None:
            found.append(
                Entity(
                    text=match.group(),
                    start=match.start(),
                    end=match.end(),
                    type=entity.type,
                    normal=match.group(),
                    id=entity.id,
                    name=entity.name,
                )
            )
    return found + surname_mentions(text, coverage(taken + found), kb)


def surname_mentions(
    text: str, covered: Callable[[int, int], bool], kb: KnowledgeBase
) -> list[Entity]:
    """Surnames of the knowledge base's people the tagger missed ("Путин прибыл …" at the start
    of a headline)."""
    found: list[Entity] = []
    for match in SURNAME_WORD.finditer(text):
        person_id = kb.surnames.get(match.group())
        if person_id is None or covered(match.start(), match.end()):
            continue
        person = kb.entities[person_id]
        found.append(
            Entity(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                type="PER",
                normal=person.name,
                id=person.id,
                name=person.name,
            )
        )
    return found


def repeated_mentions(text: str, taken: list[Entity]) -> list[Entity]:
    """A name found in a document is the same name wherever else it is written there.

    The tagger reads each occurrence in its own context and misses some ("Газпром" at a sentence
    start, a surname alone in a list). Every whole-word occurrence of a found name that nothing
    covers becomes a mention like the name's first one, if it is quoted as that one was: «Астана»
    after "форум" names the forum, not the city.
    """
    firsts: dict[tuple[str, bool], Entity] = {}
    for entity in taken:
        if len(entity.text) > 1 and any(char.isupper() for char in entity.text):
            firsts.setdefault((entity.text, quoted(text, entity.start, entity.end)), entity)
    if not firsts:
        return []
    surfaces = sorted({surface for surface, _ in firsts}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, surfaces)) + r")(?!\w|-\w)")
    covered = coverage(taken)
    found: list[Entity] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        first = firsts.get((match.group(), quoted(text, start, end)))
        if first is not None and not covered(start, end):
            found.append(replace(first, start=start, end=end))
    return found


def quoted(text: str, start: int, end: int) -> bool:
    return bool(QUOTES.fullmatch(text[start - 1 : start]) and QUOTES.fullmatch(text[end : end + 1]))


def country_adjectives(text: str, taken: list[Entity], kb: KnowledgeBase) -> list[Entity]:
    """ "казахстанский", "китайской": an adjective of a country refers to the country; its normal
    form stays the adjective, so such mentions are told apart from the country's name."""
    covered = coverage(taken)
    found: list[Entity] = []
    for match in WORD.finditer(text):
        word = match.group()
        entity_key = kb.adjectives.get(word.lower().replace("ё", "е"))
        if entity_key is None or covered(match.start(), match.end()):
            continue
        country = kb.entities[entity_key]
        found.append(
            Entity(
                text=word,
                start=match.start(),
                end=match.end(),
                type="LOC",
                normal=country.adjective or word,
                id=country.id,
                name=country.name,
            )
        )
    return found
