"""Metadata written in the text itself: forward headers, section labels, bylines, dates, outlets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
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
# Only the label ignores case, and the name ends the line or a comma follows it: "Автор статьи
# рассматривает …" and "Автор Lazygit Jesse Duffield рассуждает …" are sentences, not bylines.
LABELLED_AUTHOR = re.compile(
    rf"^(?i:автор|текст|подготовил[аи]?|by)\s*[:—–-]?\s*(?P<name>{PERSON})\s*(?:$|,)"
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
        and byline(next_line) is None
    )


@dataclass(slots=True, frozen=True)
class Byline:
    name: str
    role: str | None = None  # the position written after the name, if any


def byline(line: str) -> Byline | None:
    """The person a byline line names ("Мирас Жиенбаев, руководитель …", "Автор: …")."""
    line = line.strip()
    labelled = LABELLED_AUTHOR.match(line)
    if labelled:
        return Byline(labelled.group("name"))
    if is_body(line) or line.endswith((".", "!", "?")):
        return None
    match = BYLINE.match(line)
    if match is None:
        return None
    role = " ".join((match.group("role") or "").split())
    if (role and is_clause(role)) or not can_be_nominative(match.group("name").split()[0]):
        return None
    return Byline(match.group("name"), None if not role or is_place(role) else role)


CLAUSE_PARTS = frozenset({"VERB", "GRND", "ADJS", "PRED", "NPRO"})


def is_clause(phrase: str) -> bool:
    """A predicate or a pronoun makes it a sentence ("…, судя по всему, подходил к работе …",
    "…, нам нужен выходной"), not a position."""
    words = re.findall(r"[а-яё]+", phrase.lower())
    return any(analyzer().parse(word)[0].tag.POS in CLAUSE_PARTS for word in words)


def is_place(phrase: str) -> bool:
    """ "Тамила Языкова, Нур-Султан": a reporter's dateline, not a position."""
    found = knowledge_base().lookup(phrase)
    if found is not None:
        return found.type == "LOC"
    words = phrase.split()
    return len(words) == 1 and any("Geox" in p.tag for p in analyzer().parse(words[0])[:1])


def can_be_nominative(word: str) -> bool:
    """A byline names its author in the nominative; "Создателю Флибусты …" is a dedication."""
    if not re.search("[а-яё]", word.lower()):
        return True
    return any("nomn" in parse.tag for parse in analyzer().parse(word))


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
