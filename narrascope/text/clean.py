"""Clean text as a careful editor would, and read the metadata written in it.

Works on text that is already extracted (files, feeds) and on trafilatura's output for HTML.
Numbered steps, each deciding line by line from general signals (see `boilerplate`):
1. normalise Unicode, line ends, control characters, Telegram markdown;
1b. words a scraper glued together split back (see `glue`);
2. header: forward line ("Forward from: …"), section label above the heading, the heading itself;
3. readers' comments appended after the article; boilerplate lines (counters, credits,
   placeholders, keyword captions, navigation, headlines, pointers elsewhere); clutter inside a
   line cut out (see `inline`);
4. repeated blocks inside the document (a forwarded post pasted twice) collapse to one copy;
5. lines an outlet repeats across many of its pages (learned per outlet, see `templates`);
6. bylines at the start or the end: the author, removed from the body;
7. dates and the outlet from the header and the removed lines.
Offsets of every later stage point into the text this stage writes; `--no-clean` skips it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from narrascope.ids import normalize_for_hash, short_hash
from narrascope.pipeline import Stage
from narrascope.records import Document, Failure
from narrascope.text import textmeta
from narrascope.text.boilerplate import classify, comments_start, is_body
from narrascope.text.glue import Repair, unglue
from narrascope.text.inline import pointer_line, trim
from narrascope.text.mixed_script import cyrillic_twins
from narrascope.text.templates import MAX_TEMPLATE_LINE, TemplateIndex

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_BLANK_LETTER = re.compile(r"[\u2800\u3164\u115f\u1160\uffa0]")  # "⠀": look blank, are letters
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?|tg)://[^)\s]+\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)(\s*)\1", re.S)
_SENTENCE_END = (".", "!", "?", "…", ":", ";", ",")
TITLE_MAX_CHARS = 200
# A repeated run is a pasted copy when it is long and mostly body paragraphs; shorter runs, or
# runs of list lines, are recurring questions, captions, list items or a meal plan's days.
REPEAT_MIN_CHARS = 200
HEADER_LINES = 4
BYLINE_WINDOW = 3


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LETTER.sub(" ", _CONTROL.sub("", text))
    text = cyrillic_twins(_TRAILING_SPACE.sub("", text))
    return _BLANK_RUN.sub("\n\n", text).strip()


def strip_markdown(text: str) -> str:
    """Telegram exports keep links and bold as markdown; keep the words, drop the markup."""
    return _MARKDOWN_EMPHASIS.sub(r"\2\3", _MARKDOWN_LINK.sub(r"\1", text))


def line_key(line: str) -> str:
    return short_hash(normalize_for_hash(line))


def template_keys(raw: str) -> set[str]:
    """Keys of the lines that could belong to an outlet template, as `clean_text` sees them."""
    lines, _ = prepared_lines(raw)
    return {line_key(line) for line in lines if line.strip() and len(line) <= MAX_TEMPLATE_LINE}


def heading_line(text: str) -> str | None:
    """The first line when it reads as a heading: short, and not ending like a sentence."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first or len(first) > TITLE_MAX_CHARS or first.endswith(_SENTENCE_END):
        return None
    return first


@dataclass(slots=True)
class Removed:
    line: int
    text: str
    reason: str


@dataclass(slots=True)
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    author_role: str | None = None
    published: str | None = None
    outlet: str | None = None
    forwarded_from: str | None = None
    section: str | None = None
    repairs: list[Repair] = field(default_factory=list)


def prepared_lines(raw: str) -> tuple[list[str], list[Repair]]:
    """Steps 1 and 1b: the normalised text with its glued words split, as lines."""
    text, repairs = _prepared(raw)
    return text.split("\n"), list(repairs)


@lru_cache(maxsize=256)
def _prepared(raw: str) -> tuple[str, tuple[Repair, ...]]:
    """A batch asks for each text three times (template keys learned, looked up, the text
    cleaned); the glue repair, the costly part, runs once."""
    text, repairs = unglue(normalize_text(strip_markdown(raw)))
    return text, tuple(repairs)


def clean_text(raw: str, frequent_templates: frozenset[str] = frozenset()) -> Cleaned:
    lines, repairs = prepared_lines(raw)
    reasons: list[str | None] = [None] * len(lines)
    found = Cleaned(text="", repairs=repairs)
    read_header(lines, reasons, found)  # 2.
    mark_comments(lines, reasons)  # 3a.
    for index in range(len(lines)):  # 3.
        if reasons[index] is None:
            reasons[index] = classify(lines, index)
    trim_inline(lines, reasons, found)  # 3b.
    mark_repeats(lines, reasons)  # 4.
    mark_templates(lines, reasons, frequent_templates)  # 5.
    read_bylines(lines, reasons, found)  # 6.
    found.removed += [Removed(i, lines[i], r) for i, r in enumerate(reasons) if r is not None]
    found.removed.sort(key=lambda removed: removed.line)
    kept = [line for line, reason in zip(lines, reasons, strict=True) if reason is None]
    found.text = _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip()
    read_date_and_outlet(lines, reasons, found)  # 7.
    return found


def mark_comments(lines: list[str], reasons: list[str | None]) -> None:
    start = comments_start(lines)
    for index in range(start if start is not None else len(lines), len(lines)):
        if lines[index].strip() and reasons[index] is None:
            reasons[index] = "readers' comments"


def trim_inline(lines: list[str], reasons: list[str | None], found: Cleaned) -> None:
    """Clutter inside kept lines is cut out; a line that only points elsewhere goes whole."""
    for index, line in enumerate(lines):
        if reasons[index] is not None or not line.strip():
            continue
        if pointer_line(line):
            reasons[index] = "pointer to elsewhere (subscribe, read more)"
            continue
        kept, pieces = trim(line)
        if pieces and not kept:
            reasons[index] = pieces[-1][1]
        elif pieces:
            lines[index] = kept
            found.removed += [Removed(index, piece, reason) for piece, reason in pieces]


def explanation(source: str, cleaned: Cleaned) -> str:
    """What `explain-clean` prints: the metadata read, each removed line with its reason."""
    fields = ("title", "author", "author_role", "published", "outlet", "forwarded_from", "section")
    lines = [f"== {source}"]
    lines += [f"{name}: {getattr(cleaned, name)}" for name in fields if getattr(cleaned, name)]
    if cleaned.repairs:
        lines.append(f"repaired {len(cleaned.repairs)} glued words / разделено склеенных слов:")
        lines += [f"  {r.token} -> {r.replacement} [{r.reason}]" for r in cleaned.repairs]
    lines.append(f"removed {len(cleaned.removed)} lines / удалено строк:")
    lines += [f"  line {r.line + 1} [{r.reason}] {r.text.strip()}" for r in cleaned.removed]
    lines.append(f"kept {len(cleaned.text)} characters / оставлено символов")
    return "\n".join(lines) + "\n"


def kept_indices(lines: Sequence[str], reasons: Sequence[str | None]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip() and reasons[i] is None]


def read_header(lines: list[str], reasons: list[str | None], found: Cleaned) -> None:
    candidates = kept_indices(lines, reasons)[:3]
    if candidates and (forward := textmeta.forward_header(lines[candidates[0]])):
        reasons[candidates[0]] = "forward header"
        found.forwarded_from, found.author = forward.channel, forward.author
        found.author_role = forward.channel if forward.author else None
        candidates = candidates[1:]
    if len(candidates) >= 2 and textmeta.is_section_label(
        lines[candidates[0]], lines[candidates[1]]
    ):
        reasons[candidates[0]] = "section label"
        found.section = lines[candidates[0]].strip()
        candidates = candidates[1:]
    if candidates:
        found.title = heading_line(lines[candidates[0]])


def mark_repeats(lines: list[str], reasons: list[str | None]) -> None:
    """Drop a run of lines that repeats an earlier run, when the run is long enough to be a
    pasted copy rather than a recurring question, caption or list item."""
    kept = kept_indices(lines, reasons)
    keys = [normalize_for_hash(lines[i]) for i in kept]
    earlier: dict[str, list[int]] = {}
    position = 0
    while position < len(keys):
        length = max(
            (run_length(keys, start, position) for start in earlier.get(keys[position], [])),
            default=0,
        )
        run = kept[position : position + length]
        chars = sum(len(lines[i]) for i in run)
        paragraphs = sum(1 for i in run if is_body(lines[i]))
        if length and chars >= REPEAT_MIN_CHARS and 2 * paragraphs >= length:
            for index in run:
                reasons[index] = "repeated block"
            position += length
            continue
        earlier.setdefault(keys[position], []).append(position)
        position += 1


def run_length(keys: Sequence[str], start: int, position: int) -> int:
    """How many keys from `position` on repeat those from `start` on, without overlapping."""
    length = 0
    while (
        position + length < len(keys)
        and start + length < position
        and keys[start + length] == keys[position + length]
    ):
        length += 1
    return length


def mark_templates(lines: list[str], reasons: list[str | None], frequent: frozenset[str]) -> None:
    """Lines the outlet repeats on many pages, but never a body paragraph and never the whole
    text: a post the outlet publishes again and again is a duplicate document, not boilerplate."""
    if not frequent:
        return
    kept = kept_indices(lines, reasons)
    template = [
        index
        for index in kept
        if len(lines[index]) <= MAX_TEMPLATE_LINE
        and not is_body(lines[index])
        and line_key(lines[index]) in frequent
    ]
    if len(template) < len(kept):
        for index in template:
            reasons[index] = "outlet template (recurs across the outlet's pages)"


def read_bylines(lines: list[str], reasons: list[str | None], found: Cleaned) -> None:
    kept = kept_indices(lines, reasons)
    title_offset = 1 if found.title and kept and lines[kept[0]].strip() == found.title else 0
    for index in kept[title_offset : title_offset + BYLINE_WINDOW]:
        if written := textmeta.byline(lines[index]):
            reasons[index] = "byline"
            take_byline(found, written)
            break
        if is_body(lines[index]):
            break
    kept = kept_indices(lines, reasons)
    if len(kept) > 1 and (written := textmeta.byline(lines[kept[-1]])):
        reasons[kept[-1]] = "byline"
        take_byline(found, written)


def take_byline(found: Cleaned, written: textmeta.Byline) -> None:
    if found.author is None:
        found.author, found.author_role = written.name, written.role


def read_date_and_outlet(lines: list[str], reasons: list[str | None], found: Cleaned) -> None:
    removed = [lines[i] for i, reason in enumerate(reasons) if reason is not None]
    header = [
        lines[i] for i in kept_indices(lines, reasons)[:HEADER_LINES] if not is_body(lines[i])
    ]
    found.published = textmeta.find_date(removed + header)
    found.outlet = textmeta.outlet_from_text(found.text, removed)


class Clean(Stage):
    name = "clean"
    requires = ("text",)
    assigns = (
        "text",
        "title",
        "author",
        "author_role",
        "published",
        "outlet",
        "forwarded_from",
        "section",
    )

    def __init__(self, templates: TemplateIndex | None = None) -> None:
        self.templates = templates

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        if self.templates is not None:
            for doc in docs:
                if doc.outlet:
                    self.templates.observe(doc.outlet, doc.id, template_keys(doc.text or ""))
        return super().apply_batch(docs)

    def apply(self, doc: Document) -> Document:
        frequent: frozenset[str] = frozenset()
        if self.templates is not None and doc.outlet:
            frequent = self.templates.frequent(doc.outlet, doc.id, template_keys(doc.text or ""))
        cleaned = clean_text(doc.text or "", frequent)
        if not cleaned.text:
            raise ValueError("no text left after cleaning")
        doc.text = cleaned.text
        doc.title = doc.title or cleaned.title
        if doc.author is None:
            doc.author, doc.author_role = cleaned.author, cleaned.author_role
        doc.published = doc.published or cleaned.published
        doc.outlet = doc.outlet or cleaned.outlet
        doc.forwarded_from = doc.forwarded_from or cleaned.forwarded_from
        doc.section = doc.section or cleaned.section
        return doc
