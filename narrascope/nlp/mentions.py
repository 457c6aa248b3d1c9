"""Corrections of entity mention boundaries and types, as ordered small rules.

Each rule takes the text and the mentions found so far and returns new mentions; none looks for
a particular name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from narrascope.nlp.kb import knowledge_base, lemma_key
from narrascope.nlp.lemmas import analyzer, first_lemma
from narrascope.nlp.speech import DESCRIPTORS

SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|енко|ский|ская|бек|ұлы|улы|кызы)$")
HONORIFICS = frozenset(["елбасы"])  # "Leader of the Nation", Nazarbayev's title by law
PARENTHESIS = re.compile(r"\s*\(([^()]+)\)")
ABBREVIATION = re.compile(r"[А-ЯЁA-Z]{2,5}")
EDGE_PUNCTUATION = " \t\n\u00a0«»\"'“”„()[],;:—–-/"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    type: str


def split_lines(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name never runs across a line break: keep the longest part."""
    result: list[Mention] = []
    for mention in mentions:
        piece = text[mention.start : mention.end]
        if "\n" not in piece:
            result.append(mention)
            continue
        offset, parts = mention.start, []
        for part in piece.split("\n"):
            parts.append(Mention(offset, offset + len(part), mention.type))
            offset += len(part) + 1
        result.append(max(parts, key=lambda m: len(text[m.start : m.end].strip())))
    return result


def split_parenthetical(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Союз координационных советов (СКС)", "Ши Тао (Shi Tao)": two names of one entity."""
    result: list[Mention] = []
    for mention in mentions:
        piece = text[mention.start : mention.end]
        match = PARENTHESIS.search(piece)
        if match is None or match.start() == 0:
            result.append(mention)
            continue
        result.append(Mention(mention.start, mention.start + match.start(), mention.type))
        inner_start = mention.start + match.start(1)
        result.append(Mention(inner_start, inner_start + len(match.group(1)), mention.type))
        rest = mention.start + match.end()
        if text[rest : mention.end].strip():
            result.append(Mention(rest, mention.end, mention.type))
    return result


def trim(text: str, mentions: list[Mention]) -> list[Mention]:
    """No mention starts or ends with spaces, quotes, brackets or separators."""
    result = []
    for mention in mentions:
        start, end = mention.start, mention.end
        while start < end and text[start] in EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCTUATION:
            end -= 1
        if end > start:
            result.append(Mention(start, end, mention.type))
    return result


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Surface forms learned from a corpus's training part (scripts/learn_ner_lexicon.py)."""

    relabel: dict[str, str]
    drop: frozenset[str]
    add: dict[str, str]
    add_pattern: re.Pattern[str] | None


@cache
def lexicon(convention: str) -> Lexicon:
    path = files("narrascope").joinpath(f"data/ner_lexicon_{convention}.json")
    data = json.loads(path.read_text("utf-8"))
    surfaces = sorted(data["add"], key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, surfaces)) + r")(?!\w)")
        if surfaces
        else None
    )
    return Lexicon(data["relabel"], frozenset(data["drop"]), data["add"], pattern)


def apply_lexicon(text: str, mentions: list[Mention], learned: Lexicon) -> list[Mention]:
    """Drop and relabel what natasha gets wrong in a corpus's convention; add what it misses."""
    result = [
        Mention(m.start, m.end, learned.relabel.get(text[m.start : m.end], m.type))
        for m in mentions
        if text[m.start : m.end] not in learned.drop
    ]
    if learned.add_pattern is not None:
        for match in learned.add_pattern.finditer(text):
            start, end = match.span()
            overlapping = [m for m in result if m.start < end and start < m.end]
            if all(start <= m.start and m.end <= end for m in overlapping):
                result = [m for m in result if m not in overlapping]
                result.append(Mention(start, end, learned.add[match.group()]))
    return result


def merge_genitive_tail(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Верховный суд" + "Испании", "Палаты представителей" + "Конгресса", "МИД" + "РФ": an
    organisation followed by what it belongs to (`owned_by`) is one organisation."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    result: list[Mention] = []
    for mention in ordered:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.type == "ORG"
            and mention.type in ("ORG", "LOC")
            and text[previous.end : mention.start] == " "
            and owned_by(text[mention.start : mention.end], mention.type)
        ):
            result[-1] = Mention(previous.start, mention.end, "ORG")
        else:
            result.append(mention)
    return result


def owned_by(name: str, kind: str) -> bool:
    """Whether `name`, right after an organisation, says whose it is: a genitive ("Верховный суд
    Испании"), or a country's abbreviation, which does not inflect ("МИД РФ", "Сенат США"). An
    organisation's abbreviation stays apart: it is an entity of its own ("Центр политических
    исследований ИФПР"), or a list ("ШОС ЕС")."""
    if ABBREVIATION.fullmatch(name):
        return kind == "LOC"
    return is_genitive(name.split()[0])


def is_genitive(word: str) -> bool:
    if word.isupper():
        return False
    return any("gent" in parse.tag for parse in analyzer().parse(word)[:2])


Rule = Callable[[str, list[Mention]], list[Mention]]


def drop_lone_positions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Аким также подчеркнул": a capitalised post opening a sentence is no one's name, though
    pymorphy knows Аким as a first name; the speaker rules resolve it to its holder."""
    return [m for m in mentions if m.type != "PER" or not post_read_as_name(text[m.start : m.end])]


def post_read_as_name(word: str) -> bool:
    """A post ("Аким") that pymorphy reads first as a first name; "Президента" stays, to be
    linked as a bare title."""
    if " " in word:
        return False
    parse = analyzer().parse(word.lower())[0]
    return "Name" in parse.tag and parse.normal_form in DESCRIPTORS


def drop_leading_title(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Елбасы Нурсултан Абишевич Назарбаев", "Президент Токаев": the title the tagger took
    into a person's name is not part of it."""
    result = []
    for mention in mentions:
        first = re.match(r"[\w-]+\s+", text[mention.start : mention.end])
        if mention.type == "PER" and first and is_title(first.group().strip()):
            mention = Mention(mention.start + first.end(), mention.end, mention.type)
        result.append(mention)
    return result


def is_title(word: str) -> bool:
    return word.lower() in HONORIFICS or first_lemma(word) in DESCRIPTORS


def split_place_from_name(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Аким Нур-Султана Алтай Кульгинов": the tagger glues the place a post is of to the
    name after it; a known place followed by two capitalised words, the last a surname by its
    ending, is a place and a person."""
    result = []
    for mention in mentions:
        words = list(re.finditer(r"\S+", text[mention.start : mention.end]))
        if mention.type != "PER" and len(words) >= 3 and reads_as_person(words[1:]):
            place = words[0]
            if is_place(place.group()):
                result.append(Mention(mention.start, mention.start + place.end(), "LOC"))
                result.append(Mention(mention.start + words[1].start(), mention.end, "PER"))
                continue
        result.append(mention)
    return result


def is_place(word: str) -> bool:
    """A city, a country or a region the knowledge base knows, as written or inflected."""
    kb = knowledge_base()
    known = kb.lookup(word)
    found = known.id if known else kb.by_lemmas.get(lemma_key(word)) or ""
    return found.startswith(("city:", "country:", "region:"))


def reads_as_person(words: list[re.Match[str]]) -> bool:
    if len(words) != 2 or not all(w.group()[:1].isupper() for w in words):
        return False  # Kazakh first names ("Алтай") are often no Name to pymorphy: the surname
    return SURNAME.search(words[-1].group()) is not None


RULES: list[Rule] = [
    split_lines,
    split_parenthetical,
    trim,
    drop_lone_positions,
    drop_leading_title,
    split_place_from_name,
]


@dataclass(frozen=True, slots=True)
class Conventions:
    """How a corpus draws entity boundaries, learned from its training part.

    nerel (the default) keeps an organisation with its country ("Верховный суд Испании") and a
    lexicon learned on NEREL's train and dev sets; factrueval keeps them apart and learns from
    factRuEval's dev set.
    """

    lexicon: str
    merge_genitive: bool
    adjectives: bool  # "казахстанский" as a mention of Kazakhstan


CONVENTIONS = {
    "nerel": Conventions(lexicon="nerel", merge_genitive=True, adjectives=True),
    "factrueval": Conventions(lexicon="factrueval", merge_genitive=False, adjectives=False),
}
DEFAULT_CONVENTION = "nerel"


def correct_mentions(
    text: str, mentions: list[Mention], convention: str = DEFAULT_CONVENTION, learned: bool = True
) -> list[Mention]:
    """The rules in order; `learned=False` leaves out the lexicon (used to learn it)."""
    rules = CONVENTIONS[convention]
    for rule in RULES:
        mentions = rule(text, mentions)
    if rules.merge_genitive:
        mentions = merge_genitive_tail(text, mentions)
    if learned:
        mentions = apply_lexicon(text, mentions, lexicon(rules.lexicon))
    return sorted(set(mentions), key=lambda m: (m.start, -m.end))
