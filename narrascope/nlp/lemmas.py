"""Lemmas for the full-text index.

The same function indexes documents and rewrites queries, so an inflected query ("средней
державы") meets every other form ("средняя держава"). pymorphy3's first parse is the lemma, but
its dictionary does not know most Central Asian surnames ("Токаев" parses as a form of "токай"),
so a capitalised word also yields the proper-name lemmas pymorphy3 offers and the base of a
Russian-style surname (-ов/-ев/-ин/-ын with its case ending): "Токаеву", "Токаевым" → "токаев".
A query word matches a document word when their lemma sets meet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3

from narrascope.nlp import _compat  # noqa: F401  (pymorphy3 fix for unnamed letters)

WORD = re.compile(r"\w+", re.UNICODE)
SURNAME = re.compile(r"^(\w{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ою|ых|ыми)?$")
NAME_GRAMMEMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn"})
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
MAX_QUERY_TERMS = 64


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def first_lemma(word: str) -> str:
    """The lemma of pymorphy's first reading of the lowercased word, as the rules compare it
    (no "ё" folding, unlike `word_lemmas`)."""
    return str(analyzer().parse(word.lower())[0].normal_form) if word else ""


@lru_cache(maxsize=500_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """The lemma first, then any proper-name readings of a capitalised word."""
    lower = word.lower().replace("ё", "е")
    if lower.isdigit() or not any("а" <= char <= "я" for char in lower):
        return (lower,)
    parses = analyzer().parse(lower)
    lemmas = [parses[0].normal_form.replace("ё", "е")]
    if word[0].isupper():
        lemmas += [
            p.normal_form.replace("ё", "е") for p in parses[:4] if NAME_GRAMMEMES & p.tag.grammemes
        ]
        surname = SURNAME.match(lower)
        if surname:
            lemmas.append(surname.group(1))
    return tuple(dict.fromkeys(lemmas))


def lemma_text(text: str) -> str:
    """Index form of a text: every lemma of every word, space-separated."""
    return " ".join(lemma for match in WORD.finditer(text) for lemma in word_lemmas(match.group()))


def function_word(word: str) -> bool:
    """A preposition, conjunction, particle or interjection by pymorphy3's first parse."""
    return analyzer().parse(word.lower())[0].tag.POS in FUNCTION_POS


def query_terms(query: str) -> list[tuple[str, ...]]:
    """Each query word as its set of lemmas, de-duplicated, in order; query syntax is ignored.
    Function words are dropped while another word remains: "в" of "выборы в США" is in most
    Russian documents, so it would make the any-word fallback match nearly all of them."""
    words = [match.group() for match in WORD.finditer(query)]
    content = [word for word in words if not function_word(word)] or words
    seen = dict.fromkeys(word_lemmas(word) for word in content)
    return list(seen)[:MAX_QUERY_TERMS]
