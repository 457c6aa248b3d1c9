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

PARENTHESIS = re.compile(r"\s*\(([^()]+)\)")
EDGE_PUNCTUATION = " \t\n«»\"'“”„()[],;:"


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
    """"Союз координационных советов (СКС)", "Ши Тао (Shi Tao)": two names of one entity."""
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
    """Surface forms learned from the gold corpora's training parts (scripts/learn_ner_lexicon.py)."""

    relabel: dict[str, str]
    drop: frozenset[str]
    add: dict[str, str]
    add_pattern: re.Pattern[str] | None


@cache
def lexicon() -> Lexicon:
    data = json.loads(files("narrascope").joinpath("data/ner_lexicon.json").read_text("utf-8"))
    surfaces = sorted(data["add"], key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, surfaces)) + r")(?!\w)")
        if surfaces
        else None
    )
    return Lexicon(data["relabel"], frozenset(data["drop"]), data["add"], pattern)


def apply_lexicon(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop and relabel what natasha gets wrong in the corpora's convention; add what it misses."""
    learned = lexicon()
    result = [
        Mention(m.start, m.end, learned.relabel.get(text[m.start : m.end], m.type))
        for m in mentions
        if text[m.start : m.end] not in learned.drop
    ]
    if learned.add_pattern is not None:
        for match in learned.add_pattern.finditer(text):
            if not any(m.start < match.end() and match.start() < m.end for m in result):
                result.append(Mention(match.start(), match.end(), learned.add[match.group()]))
    return result


Rule = Callable[[str, list[Mention]], list[Mention]]
RULES: list[Rule] = [split_lines, split_parenthetical, trim]


def correct_mentions(text: str, mentions: list[Mention], learned: bool = True) -> list[Mention]:
    """The rules in order; `learned=False` leaves out the lexicon (used to learn it)."""
    for rule in [*RULES, apply_lexicon] if learned else RULES:
        mentions = rule(text, mentions)
    return sorted(set(mentions), key=lambda m: (m.start, -m.end))
