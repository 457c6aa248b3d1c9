"""Latin letters typed inside a Cyrillic word ("Мейiржан" with a Latin i for the Kazakh і, "Aстана"
with a Latin A): the Cyrillic letter they look like, so that names are found and linked.

A word changes only when it holds at least two Cyrillic letters and every Latin letter in it has a
Cyrillic twin; one letter becomes one letter, so offsets do not move.
"""

from __future__ import annotations

import re

TWINNED_LATIN = "aceopxyiACEHIKMOPTXYB"
LATIN_TWINS = str.maketrans(TWINNED_LATIN, "асеорхуіАСЕНІКМОРТХУВ")
MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+\b")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
TWINNED = frozenset(TWINNED_LATIN)


def cyrillic_twins(text: str) -> str:
    return MIXED_WORD.sub(one_script, text)


def one_script(match: re.Match[str]) -> str:
    word = match.group()
    if len(CYRILLIC.findall(word)) < 2 or not set(LATIN.findall(word)) <= TWINNED:
        return word
    return word.translate(LATIN_TWINS)
