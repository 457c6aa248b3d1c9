"""Related-article lists a scraper ran into a paragraph: titles with their timestamps.

A page's "more on this" block, flattened, reads "Продолжение■Заголовок15 апреля 2024 15:29■
Заголовок■…": a label, then titles one after another, each set off by a separator glyph or
closed by the time it was posted. Two general signals find it without knowing the outlet:
- a run of two or more separator-delimited pieces that read as titles (short, no full stop
  inside, a timestamp or nothing after them);
- two or more timestamps ("15 апреля 2024 15:29", "15.04.2024, 15:29") in one line, each right
  after a title-sized stretch that holds no sentence end.
A body sentence keeps its date: a date with "года в" before the time, or a single timestamp, is
not a list.
"""

from __future__ import annotations

import re

MONTHS = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
)
TIMESTAMP = re.compile(
    rf"(?:\b\d{{1,2}}\s+{MONTHS}\s+\d{{4}}|\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}})"
    r",?\s*(?:в\s+)?\d{1,2}:\d{2}\b|\b(?:Сегодня|Вчера|Today|Yesterday),?\s+\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"\s*[■▪□●►◆◾◼]\s*")
MIN_RUN = 2
TITLE_CHARS = (8, 200)
TITLE_WORDS = 25
LABEL_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?…][»\"”)]*\s+")
_INNER_SENTENCE_END = re.compile(r"[.!?…][»\"”)]*\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_LABEL = re.compile(rf"(?:^|[.!?]\s+)((?:\S+\s*){{1,{LABEL_WORDS}}})$")


def is_title(piece: str) -> bool:
    """A stretch that reads as one headline: title-sized, with no sentence ending inside and
    none after it but a question or exclamation mark."""
    piece = TIMESTAMP.sub("", piece).strip()
    low, high = TITLE_CHARS
    return (
        low <= len(piece) <= high
        and len(piece.split()) <= TITLE_WORDS
        and _INNER_SENTENCE_END.search(piece) is None
        and not piece.endswith((".", ":", ";", ","))
    )


def separator_run(line: str) -> tuple[int, int] | None:
    """The longest run of separator-delimited titles, with the short label in front of it."""
    cuts = [0, *(p for m in SEPARATOR.finditer(line) for p in (m.start(), m.end())), len(line)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    if len(pieces) <= MIN_RUN:
        return None
    best: tuple[int, int] | None = None
    run: list[tuple[int, int]] = []
    for start, end in [*pieces, (len(line), len(line))]:
        if end > start and is_title(line[start:end]):
            run.append((start, end))
            continue
        if len(run) >= MIN_RUN and (best is None or run[-1][1] - run[0][0] > best[1] - best[0]):
            best = (run[0][0], run[-1][1])
        run = []
    if best is None:
        return None
    return with_label(line, best, pieces)


def with_label(line: str, span: tuple[int, int], pieces: list[tuple[int, int]]) -> tuple[int, int]:
    """The label before a run ("Продолжение", "Читайте также") goes with it."""
    start, end = span
    before = [p for p in pieces if p[1] <= start]
    if before:
        label_start, label_end = before[-1]
        label = line[label_start:label_end]
        tail = _LABEL.search(label)
        if tail is not None and not tail.group(1).rstrip().endswith((".", "!", "?")):
            start = label_start + tail.start(1)
    return start, end


def timestamp_run(line: str) -> tuple[int, int] | None:
    """Titles each closed by a timestamp, two or more in a row."""
    stamps = list(TIMESTAMP.finditer(line))
    if len(stamps) < MIN_RUN:
        return None
    best: tuple[int, int] | None = None
    run_start: int | None = None
    previous_end = 0
    count = 0
    for stamp in stamps:
        title_start = title_before(line, previous_end, stamp.start())
        adjacent = not line[previous_end : title_start or 0].strip()
        if title_start is not None and (run_start is None or adjacent):
            run_start = title_start if run_start is None else run_start
            count += 1
        else:
            run_start, count = title_start, (1 if title_start is not None else 0)
        longer = best is None or stamp.end() - (run_start or 0) > best[1] - best[0]
        if count >= MIN_RUN and run_start is not None and longer:
            best = (run_start, stamp.end())
        previous_end = stamp.end()
    return best


def title_before(line: str, floor: int, stamp_start: int) -> int | None:
    """Where the title that a timestamp closes begins: the stretch after `floor`, or after the
    last sentence end before the timestamp, when it is title-sized."""
    stretch = line[floor:stamp_start]
    offset = max((end.end() for end in _SENTENCE_END.finditer(stretch)), default=0)
    start = floor + offset + (len(stretch[offset:]) - len(stretch[offset:].lstrip()))
    if start == stamp_start or not is_title(line[start:stamp_start]):
        return None
    return start


def link_run(line: str) -> tuple[int, int] | None:
    """The span of a related-article list inside the line, if it holds one."""
    found = [span for span in (separator_run(line), timestamp_run(line)) if span is not None]
    if not found:
        return None
    return min(start for start, _ in found), max(end for _, end in found)
