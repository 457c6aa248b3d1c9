"""Document language from its script: Kazakh-only letters, Cyrillic, Latin."""

from __future__ import annotations

from narrascope.pipeline import Stage
from narrascope.records import Document

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Share of Kazakh-only letters among Cyrillic ones above which a text is Kazakh: Russian text
# quoting a Kazakh name ("Ана тілі") stays well below it.
KAZAKH_SHARE = 0.02


def detect_language(text: str) -> str | None:
    cyrillic = latin = kazakh = 0
    for char in text:
        if char in KAZAKH_LETTERS:
            kazakh += 1
            cyrillic += 1
        elif "\u0400" <= char <= "\u04ff":
            cyrillic += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    if cyrillic == 0 and latin == 0:
        return None
    if cyrillic >= latin:
        return "kk" if kazakh / cyrillic > KAZAKH_SHARE else "ru"
    return "en"


class DetectLanguage(Stage):
    name = "lang"
    requires = ("text",)
    assigns = ("lang",)

    def apply(self, doc: Document) -> Document:
        doc.lang = detect_language(doc.text or "")
        return doc
