"""Document language from its script: Kazakh-only letters, Cyrillic, Latin."""

from __future__ import annotations

import re

from narrascope.pipeline import Stage
from narrascope.records import Document

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# Share of Cyrillic words with a Kazakh-only letter above which a text is Kazakh. Kazakh prose
# has one in most words; Russian text quoting a name ("газете «Ана тілі»") stays far below.
KAZAKH_WORD_SHARE = 0.25


def detect_language(text: str) -> str | None:
    cyrillic = CYRILLIC_WORD.findall(text)
    latin = len(LATIN_WORD.findall(text))
    if not cyrillic and not latin:
        return None
    if len(cyrillic) < latin:
        return "en"
    kazakh = sum(1 for word in cyrillic if KAZAKH_LETTERS.intersection(word))
    return "kk" if kazakh / len(cyrillic) > KAZAKH_WORD_SHARE else "ru"


class DetectLanguage(Stage):
    name = "lang"
    requires = ("text",)
    assigns = ("lang",)

    def apply(self, doc: Document) -> Document:
        doc.lang = detect_language(doc.text or "")
        return doc
