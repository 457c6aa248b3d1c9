"""Metadata written in the text itself: forward headers, section labels, bylines, dates, outlets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from narrascope.text.boilerplate import is_body

FORWARD = re.compile(
    r"^(?:forward(?:ed)? from|переслано от|пересланное сообщение от)\s*:?\s*(?P<who>.+)$",
    re.IGNORECASE,
)
CHANNEL_AND_AUTHOR = re.compile(r"^(?P<channel>.+?)\s*\((?P<author>[^()]+)\)\s*$")
NAME = r"[А-ЯЁA-Z][а-яёa-zәғқңөұүһі]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?"
PERSON = rf"{NAME}(?:\s+{NAME}){{1,2}}"
# The position after the name starts in lower case ("руководитель …", "директор ИМЭП"), or is short.
BYLINE = re.compile(
    rf"^(?P<name>{PERSON})(?:\s*,\s*(?P<role>[a-zа-яё][^.!?]{{2,220}}|[^.!?]{{3,40}}))?$"
)
LABELLED_AUTHOR = re.compile(
    rf"^(?:автор|текст|подготовил[аи]?|by)\s*[:—–-]?\s*(?P<name>{PERSON})\b", re.IGNORECASE
)
NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:[,\s]+(?:в\s+)?(?P<H>\d{1,2}):(?P<M>\d{2}))?"
)
MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
WORD_DATE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+(?P<month>[а-я]+)\s+(?P<y>\d{4})(?:\s*(?:г\.|года)?[,\s]+"
    r"(?:в\s+)?(?P<H>\d{1,2}):(?P<M>\d{2}))?",
    re.IGNORECASE,
)
DOMAIN_NAME = (
    r"[A-Za-z][A-Za-z0-9-]*\.(?:kz|ru|uz|kg|by|ua|com|org|net|info|media|news|tv|az|tj|tm)"
)
DOMAIN = re.compile(rf"\b(?P<domain>{DOMAIN_NAME})\b")
SELF_ATTRIBUTION = re.compile(rf"\bсообщает\s+(?P<domain>{DOMAIN_NAME})\b", re.IGNORECASE)
SECTION_MAX_WORDS = 3
SECTION_MAX_CHARS = 30


@dataclass(slots=True)
class Forward:
    channel: str
    author: str | None


def forward_header(line: str) -> Forward | None:
    match = FORWARD.match(line.strip())
    if not match:
        return None
    who = match.group("who").strip()
    pair = CHANNEL_AND_AUTHOR.match(who)
    if pair:
        return Forward(channel=pair.group("channel").strip(), author=pair.group("author").strip())
    return Forward(channel=who, author=None)


def is_section_label(line: str, next_line: str | None) -> bool:
    """A short label ("Общество", "Политика") standing above a longer heading."""
    words = line.split()
    return (
        0 < len(words) <= SECTION_MAX_WORDS
        and len(line) <= SECTION_MAX_CHARS
        and line[:1].isupper()
        and not any(char.isdigit() or char in '.,:;!?«»"' for char in line)
        and next_line is not None
        and len(next_line) > len(line) + 10
        and not next_line.rstrip().endswith((".", "!", "?", "…", ":", ";", ","))
        and byline_author(next_line) is None
    )


def byline_author(line: str) -> str | None:
    """The person named by a byline line ("Мирас Жиенбаев, руководитель …", "Автор: …")."""
    line = line.strip()
    labelled = LABELLED_AUTHOR.match(line)
    if labelled:
        return labelled.group("name")
    if is_body(line) or line.endswith((".", "!", "?")):
        return None
    match = BYLINE.match(line)
    return match.group("name") if match else None


def find_date(lines: Iterable[str]) -> str | None:
    """The first date written in the given (non-body) lines, as ISO 8601."""
    for line in lines:
        for match in NUMERIC_DATE.finditer(line):
            iso = iso_date(match.group("y"), match.group("m"), match.group("d"), match)
            if iso:
                return iso
        for match in WORD_DATE.finditer(line):
            month = month_number(match.group("month"))
            iso = iso_date(match.group("y"), str(month), match.group("d"), match) if month else None
            if iso:
                return iso
    return None


def month_number(word: str) -> int | None:
    word = word.lower()
    for number, stem in enumerate(MONTHS, start=1):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return number
    return None


def iso_date(year: str, month: str, day: str, match: re.Match[str]) -> str | None:
    y, m, d = int(year), int(month), int(day)
    if not (1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    date = f"{y:04d}-{m:02d}-{d:02d}"
    hour, minute = match.group("H"), match.group("M")
    if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
        return f"{date}T{int(hour):02d}:{minute}:00"
    return date


def outlet_from_text(text: str, credit_lines: Sequence[str]) -> str | None:
    """The outlet naming itself ("…, сообщает Zakon.kz") or a domain repeated in the credits."""
    own = SELF_ATTRIBUTION.search(text)
    if own:
        return own.group("domain")
    counts = Counter(m.group("domain") for line in credit_lines for m in DOMAIN.finditer(line))
    repeated = [domain for domain, n in counts.most_common(1) if n >= 2]
    return repeated[0] if repeated else None
