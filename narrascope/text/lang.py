"""Document language: Russian, Kazakh, English, or another language by its ISO 639-1 code.

lingua (its n-gram models ship inside the wheel) decides among the languages a Central Asian
stream mixes, read on the words only: links, markdown link targets, handles, hashtags and code
are removed first, for a Russian post full of URLs is not English. Low-accuracy mode (trigrams)
keeps the models small (28 MB resident for all three script groups). lingua knows Kazakh in
Cyrillic only and has no Kyrgyz, so two script facts correct it: Latin text written with the
Kazakh Latin alphabets' letters is Kazakh, and Cyrillic text lingua calls Kazakh that has none
of the letters Kazakh has and Kyrgyz lacks (ә ғ қ ұ һ і) but Kyrgyz's ө ү ң is Kyrgyz.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from narrascope.pipeline import Stage
from narrascope.records import Document

SCRIPT_LANGUAGES = {
    "cyrillic": "RUSSIAN KAZAKH UKRAINIAN BELARUSIAN BULGARIAN MACEDONIAN SERBIAN MONGOLIAN",
    "latin": "ENGLISH TURKISH AZERBAIJANI GERMAN FRENCH SPANISH ITALIAN POLISH",
    "other": "CHINESE ARABIC PERSIAN",
}
# A guess closer than this to the runner-up is no guess (lingua's relative distance); the
# script's main language stands then: a short Russian post is not Bulgarian.
MIN_RELATIVE_DISTANCE = 0.1
FALLBACK = {"cyrillic": "ru", "latin": "en"}
NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|\]\([^)]*\)|`[^`]*`|[@#][\w.]+|\S+@\S+\.\w+", re.UNICODE
)
LETTERS = re.compile(r"[^\W\d_]+")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
KAZAKH_ONLY = frozenset("әғқұһіӘҒҚҰҺІ")  # Kazakh letters Kyrgyz does not have
KYRGYZ_LETTERS = frozenset("өүңӨҮҢ")
# Letters only the Kazakh Latin alphabets (2018, 2021) have among the Latin-script languages of
# the region; and letters or spellings that say the text is Uzbek (oʻ, gʻ), Turkmen (ň, ž) or
# German (ß) instead.
KAZAKH_LATIN = frozenset("áǵńóúýÁǴŃÓÚÝñūÑŪ")
NOT_KAZAKH_LATIN = re.compile(r"[ʻʼ‘’'][a-z]|[oOgG][ʻ‘’']|[ňžßŇŽ]")
KAZAKH_LATIN_SHARE = 0.04  # of Latin words holding such a letter or a Kazakh q
KAZAKH_Q = re.compile(r"[aeioyuı]q|q[aeioyı]")  # "Qazaqstan", "halyq"; not "SQL" or "quote"
MIN_LETTERS = 3


@cache
def detector(script: str) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in SCRIPT_LANGUAGES[script].split()]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
        .build()
    )


def script_of(words: list[str]) -> str:
    """The script most of the words are written in: lingua then chooses among its languages, so
    a Russian post naming Go and GitHub stays Russian. Each distinct word counts once: a list
    of "Python 3.6", "Python 3.7" is one Latin word."""
    distinct = set(words)
    cyrillic = sum(1 for word in distinct if CYRILLIC_WORD.fullmatch(word))
    latin = sum(1 for word in distinct if LATIN_WORD.fullmatch(word))
    if max(cyrillic, latin) * 2 < len(distinct):
        return "other"
    return "cyrillic" if cyrillic >= latin else "latin"


def is_kazakh_latin(words: list[str], text: str) -> bool:
    if NOT_KAZAKH_LATIN.search(text):
        return False
    latin = [word for word in words if word.isascii() or KAZAKH_LATIN.intersection(word)]
    if not latin:
        return False
    marked = sum(1 for word in latin if KAZAKH_LATIN.intersection(word) or KAZAKH_Q.search(word))
    return marked / len(latin) >= KAZAKH_LATIN_SHARE


def is_kyrgyz(words: list[str]) -> bool:
    cyrillic = "".join(word for word in words if CYRILLIC_WORD.fullmatch(word))
    return not KAZAKH_ONLY.intersection(cyrillic) and bool(KYRGYZ_LETTERS.intersection(cyrillic))


def detect_language(text: str) -> str | None:
    cleaned = NOT_WORDS.sub(" ", text)
    words = LETTERS.findall(cleaned)
    if sum(map(len, words)) < MIN_LETTERS:
        return None
    plain = " ".join(words)
    script = script_of(words)
    if script == "latin" and is_kazakh_latin(words, cleaned):
        return "kk"
    found = detector(script).detect_language_of(plain)
    if found is None:
        return FALLBACK.get(script)
    code = str(found.iso_code_639_1.name).lower()
    if code == "kk" and is_kyrgyz(words):
        return "ky"
    return code


class DetectLanguage(Stage):
    name = "lang"
    requires = ("text",)
    assigns = ("lang",)

    def apply(self, doc: Document) -> Document:
        doc.lang = detect_language(doc.text or "")
        return doc
