"""When an event happens, from its sentence and the document's date.

The dates a claim reads (`claim_time.expressions`: "27 ноября", "в июне 2023 года", "в 2025
году", "вчера") and the ones news of events adds: a weekday ("в среду": the last one for what
happened, the next one for what is planned), "сегодня", "завтра", "послезавтра", "на следующей
неделе", "в следующем году". The expression nearest the trigger wins (`events` decides what an
undated report means).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from narrascope.nlp.claim_time import expressions, published_day

WEEKDAYS = {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5}
WEEKDAY = re.compile(
    r"\b(?:в|во)\s+(понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресенье)\b"
)
TOMORROW = re.compile(r"\b(послезавтра|завтра)\b")
TODAY = re.compile(r"\b(сегодня|в эти минуты|прямо сейчас)\b")
NEXT_WEEK = re.compile(r"\bна\s+(следующей|будущей|этой)\s+неделе\b")
NEXT_YEAR = re.compile(r"\bв\s+(следующем|будущем)\s+году\b")
CLAUSE_BREAK = re.compile(r"[;,]\s*(?:а|но)?\s|\s(?:а|но)\s")
NEXT_MONTH = re.compile(r"\bв\s+(следующем|будущем)\s+месяце\b")


def weekday_number(word: str) -> int:
    return next((n for stem, n in WEEKDAYS.items() if word.startswith(stem)), 6)


def relative_dates(sentence: str, today: date, planned: bool) -> list[tuple[re.Match[str], str]]:
    found: list[tuple[re.Match[str], str]] = []
    for match in WEEKDAY.finditer(sentence):
        shift = (weekday_number(match.group(1)) - today.weekday()) % 7
        day = today + timedelta(days=shift) if planned else today - timedelta(days=(-shift) % 7)
        found.append((match, day.isoformat()))
    for match in TOMORROW.finditer(sentence):
        found.append((match, (today + timedelta(days=len(match.group(1)) // 4)).isoformat()))
    for match in TODAY.finditer(sentence):
        found.append((match, today.isoformat()))
    for match in NEXT_WEEK.finditer(sentence):
        monday = today - timedelta(days=today.weekday())
        start = monday if match.group(1) == "этой" else monday + timedelta(days=7)
        found.append((match, f"{start.isoformat()}/{(start + timedelta(days=6)).isoformat()}"))
    for match in NEXT_MONTH.finditer(sentence):
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        found.append((match, f"{year}-{month:02d}"))
    for match in NEXT_YEAR.finditer(sentence):
        found.append((match, str(today.year + 1)))
    return found


def stated_date(sentence: str, at: int, published: str | None, planned: bool) -> str | None:
    """The date the sentence gives the event whose trigger is at offset `at`, if any."""
    today = published_day(published)
    lowered = sentence.lower()
    found: list[tuple[re.Match[str], str | None]] = list(expressions(lowered, today))
    if today is not None:
        found += relative_dates(lowered, today, planned)
    start, end = clause_of(lowered, at)
    dated = [
        (not start <= match.start() < end, abs(match.start() - at), value)
        for match, value in found
        if value is not None and possible(value, today, planned)
    ]
    if dated:
        return day_of(min(dated)[2])
    return None


def clause_of(sentence: str, at: int) -> tuple[int, int]:
    """The clause around `at`: "пообщается с Токаевым, а завтра поучаствует в сессии" dates
    the session, not the talk."""
    marks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, at)]
    after = CLAUSE_BREAK.search(sentence, at)
    return (marks[-1] if marks else 0), (after.start() if after else len(sentence))


def possible(value: str, today: date | None, planned: bool) -> bool:
    """What happened is not dated after the report, what is planned not before it ("пообещали
    выделять к 2035 году" dates no summit of 2024)."""
    if today is None:
        return True
    first, _, last = value.partition("/")
    start = first + {4: "-01-01", 7: "-01"}.get(len(first), "")
    end = (last or first) + {4: "-12-31", 7: "-31"}.get(len(last or first), "")
    return end >= today.isoformat() if planned else start <= today.isoformat()


def day_of(value: str) -> str:
    """A range's first day stands for it ("2024-11-27/2024-11-28" → 2024-11-27), except a
    week ahead, which is kept whole."""
    first, _, last = value.partition("/")
    week = len(first) == len(last) == 10 and (
        (date.fromisoformat(last) - date.fromisoformat(first)).days == 6
    )
    if week:
        return value
    return first
