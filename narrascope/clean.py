"""Text-level normalisation: Unicode form, line ends, control characters, blank-line runs.

Offsets of every later stage point into the text this stage writes; `--no-clean` skips it so
that offsets refer to the text exactly as given.
"""

from __future__ import annotations

import re
import unicodedata

from narrascope.pipeline import Stage
from narrascope.records import Document

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", ",")
TITLE_MAX_CHARS = 200


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_RUN.sub("\n\n", text).strip()


def heading_line(text: str) -> str | None:
    """The first line when it reads as a heading: short, and not ending like a sentence."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first or len(first) > TITLE_MAX_CHARS or first.endswith(_SENTENCE_END):
        return None
    return first


class Clean(Stage):
    name = "clean"
    requires = ("text",)
    assigns = ("text", "title")

    def apply(self, doc: Document) -> Document:
        doc.text = normalize_text(doc.text or "")
        if not doc.text:
            raise ValueError("no text left after cleaning")
        if doc.title is None:
            doc.title = heading_line(doc.text)
        return doc
