"""Normal forms of place and organisation names from pymorphy3 alone.

Their head noun and the adjectives before it go to the nominative and the rest stays as written
("Центра политических исследований" → "Центр политических исследований", "Донецкой области" →
"Донецкая область"), so they need no morphology tagger; people's names, whose case a single
surname does not show ("Токаева"), still go through natasha's tagger in context.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from narrascope.nlp.lemmas import analyzer

SEPARATOR = re.compile(r"(\s+)")
PROPER = frozenset({"Geox", "Orgn", "Name", "Surn"})


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    return tuple(analyzer().parse(word.lower())[:6])


def inflectable(word: str) -> bool:
    letters = word.replace("-", "")
    return (
        bool(letters)
        and letters.isalpha()
        and not letters.isupper()
        and any("а" <= c <= "я" or c == "ё" for c in letters.lower())
    )


def shape(original: str, word: str) -> str:
    """The inflected word with the capitals of the original ("Касым-Жомарт")."""
    if original.isupper():
        return word.upper()
    parts, originals = word.split("-"), original.split("-")
    if len(parts) == len(originals):
        return "-".join(
            p.capitalize() if o[:1].isupper() else p for p, o in zip(parts, originals, strict=True)
        )
    return word.capitalize() if original[:1].isupper() else word


def normalize_name(text: str) -> str:
    """A place's or an organisation's name with its head in the nominative."""
    pieces = SEPARATOR.split(text)
    pieces[::2] = head_words(pieces[::2])
    return "".join(pieces)


def head_words(words: list[str]) -> list[str]:
    """Leading adjectives and the first noun in the nominative; the rest as written."""
    head = next((i for i, w in enumerate(words) if inflectable(w) and is_noun(w)), None)
    if head is None or any(not adjective_parse(w) for w in words[:head]):
        return words
    noun = noun_parse(words[head], tuple(words[:head]))
    nominative = noun.inflect({"nomn", noun.tag.number or "sing"})
    if nominative is None:
        return words
    result = list(words)
    result[head] = shape(words[head], nominative.word)
    agree = {g for g in (nominative.tag.gender, nominative.tag.number) if g} | {"nomn"}
    if nominative.tag.number == "plur":
        agree.discard(nominative.tag.gender)
    for index in range(head):
        adjective = adjective_parse(words[index])
        form = adjective.inflect(agree) if adjective is not None else None
        if form is not None:
            result[index] = shape(words[index], form.word)
    return result


def noun_parse(word: str, before: tuple[str, ...] = ()) -> Any:
    """The noun reading that agrees with the adjectives before it ("Международного банка" is a
    bank's genitive, not a jar); without adjectives, a singular nominative when the word has one
    ("Раисина" is left alone), else a singular reading ("Германии" is not a plural); a capitalised
    word prefers its readings as a place or a name."""
    nouns = [p for p in parses(word) if "NOUN" in p.tag]
    if before:
        agreeing = [n for n in nouns if all(agrees(n, w) for w in before)]
        if agreeing:
            return agreeing[0]
    proper = [p for p in nouns if PROPER & p.tag.grammemes]
    if word[:1].isupper() and proper:  # "Берлина" is the city's genitive, not a carriage
        nouns = proper
    singular = [p for p in nouns if "sing" in p.tag or "Sgtm" in p.tag]
    return next((p for p in singular if "nomn" in p.tag), (singular or nouns or [None])[0])


def is_noun(word: str) -> bool:
    """Read as a noun first: "Кураховского" may be a surname, but it is an adjective first."""
    first = parses(word)[:1]
    return bool(first) and "NOUN" in first[0].tag


def agrees(noun: Any, adjective: str) -> bool:
    tag = noun.tag
    return any(
        p.tag.case == tag.case
        and p.tag.number == tag.number
        and (tag.number == "plur" or p.tag.gender in (None, tag.gender))
        for p in parses(adjective)
        if "ADJF" in p.tag or "PRTF" in p.tag
    )


def adjective_parse(word: str) -> Any:
    if not inflectable(word):
        return None
    return next((p for p in parses(word) if {"ADJF"} & p.tag.grammemes or "PRTF" in p.tag), None)
