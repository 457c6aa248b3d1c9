"""The time a claim is about, read from its sentence and resolved against the document's date.

"12 апреля" → 2024-04-12, "в июне 2023 года" → 2023-06, "в 2024 году" → 2024, "за 2018-2019
годы" → 2018/2019, "с 6 по 12 июля" → 2020-07-06/2020-07-12, "за сутки" and "на сегодня" → the
document's day, "вчера" → the day before, "с начала года" → YYYY-01-01/<day>. The expression
nearest the figure wins; with none, the time is the document's day (and `stated` is false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
MONTH = (
    r"(январ[яеь]|феврал[яеь]|март[аеу]?|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|август[аеу]?"
    r"|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
YEAR_WORD = r"\s*(?:года|году|год|г\.?)"
DAY_RANGE = re.compile(
    rf"\bс\s+(\d{{1,2}})(?:\s+{MONTH})?\s+по\s+(\d{{1,2}})\s+{MONTH}(?:\s+(\d{{4}}){YEAR_WORD})?"
)
DAY = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+{MONTH}\b(?:\s+(\d{{4}}){YEAR_WORD})?")
NUMERIC_DAY = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
MONTH_OF = re.compile(rf"\b(?:в|за)\s+{MONTH}\b(?:\s+(\d{{4}}){YEAR_WORD})?")
YEARS = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\s*(?:годах|годы|годов|гг\.?)")
YEAR = re.compile(r"\b((?:19|20)\d{2})\s*(?:году|года|год|г\.|гг)")
RELATIVE_YEAR = re.compile(r"\b(?:в|за)\s+(прошлом|прошлый|этом|текущем|нынешнем)\s+год")
SINCE_NEW_YEAR = re.compile(r"\bс\s+начала\s+(?:этого\s+|текущего\s+)?года\b")
LAST_DAYS = re.compile(
    r"\bза\s+(?:последн\w+\s+|прошедш\w+\s+|минувш\w+\s+)?(\d+\s+|\w+\s+)?(сутки|суток|дн\w+|недел\w+|месяц\w*)\b"
)
TODAY = re.compile(
    r"\b(?:сегодня|на\s+сегодня(?:шний\s+день)?|на\s+данный\s+момент|на\s+текущий\s+момент|в\s+настоящее\s+время)\b"
)
YESTERDAY = re.compile(r"\b(?:вчера|накануне)\b")
SINCE_DAY = re.compile(rf"\bс\s+(\d{{1,2}})\s+{MONTH}\b(?:\s+(\d{{4}}){YEAR_WORD})?(?!\s+по\b)")
SINCE_YEAR = re.compile(r"\bс\s+((?:19|20)\d{2})\s*(?:года|г\.)")
QUARTER = re.compile(r"\b(iv|i{1,3}|[1-4])[-\s]?(?:й|го|м)?\s+квартал\w*(?:\s+(\d{4}))?")
HALF = re.compile(r"\b(перв|втор)\w+\s+полугоди\w+(?:\s+(\d{4}))?")
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MONTH_END = {3: 31, 6: 30, 9: 30, 12: 31}
SPAN_WORDS = {"один": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
              "семь": 7, "восемь": 8, "девять": 9, "десять": 10}  # fmt: skip


CLAUSE_MARKS = ",;()"


@dataclass(slots=True, frozen=True)
class ClaimTime:
    value: str | None
    stated: bool  # the text said it; otherwise it is the document's day


def month_number(word: str) -> int:
    return next(number for stem, number in MONTHS.items() if word.lower().startswith(stem))


def published_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def claim_time(sentence: str, at: int, published: str | None) -> ClaimTime:
    """The time of the figure at offset `at` of `sentence`: the nearest expression of its
    clause, else the nearest before it in the sentence, else the nearest after."""
    today = published_day(published)
    clause_start = max([-1, *(sentence.rfind(mark, 0, at) for mark in CLAUSE_MARKS)]) + 1
    stops = [i for i in (sentence.find(mark, at) for mark in CLAUSE_MARKS) if i != -1]
    clause_end = min(stops) if stops else len(sentence)
    found: list[tuple[int, int, str]] = []
    for match, value in expressions(sentence.lower(), today):
        if value is None or match.start() <= at < match.end():
            continue
        in_clause = clause_start <= match.start() and match.end() <= clause_end
        rank = 0 if in_clause else 1 if match.end() <= at else 2
        found.append((rank, abs(match.start() - at), value))
    if found:
        return ClaimTime(min(found)[2], True)
    return ClaimTime(today.isoformat() if today else None, False)


def expressions(sentence: str, today: date | None) -> list[tuple[re.Match[str], str | None]]:
    year = today.year if today else None
    result: list[tuple[re.Match[str], str | None]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: str | None) -> None:
        if not any(s < match.end() and match.start() < e for s, e in taken):
            result.append((match, value))
            taken.append(match.span())

    for match in DAY_RANGE.finditer(sentence):
        y = match.group(5) or year
        first_month = month_number(match.group(2) or match.group(4))
        last_month = month_number(match.group(4))
        first = f"{y}-{first_month:02d}-{int(match.group(1)):02d}"
        add(match, f"{first}/{y}-{last_month:02d}-{int(match.group(3)):02d}" if y else None)
    if today is not None:
        for match in SINCE_DAY.finditer(sentence):
            y = match.group(3) or year
            start = f"{y}-{month_number(match.group(2)):02d}-{int(match.group(1)):02d}"
            add(match, f"{start}/{today.isoformat()}")
        for match in SINCE_YEAR.finditer(sentence):
            add(match, f"{match.group(1)}-01-01/{today.isoformat()}")
    for match in QUARTER.finditer(sentence):
        y, q = match.group(2) or year, QUARTERS[match.group(1)]
        last = q * 3
        add(match, f"{y}-{last - 2:02d}-01/{y}-{last:02d}-{MONTH_END[last]}" if y else None)
    for match in HALF.finditer(sentence):
        y = match.group(2) or year
        months = ("01-01", "06-30") if match.group(1) == "перв" else ("07-01", "12-31")
        add(match, f"{y}-{months[0]}/{y}-{months[1]}" if y else None)
    for match in NUMERIC_DAY.finditer(sentence):
        add(match, f"{match.group(3)}-{match.group(2)}-{match.group(1)}")
    for match in DAY.finditer(sentence):
        y = match.group(3) or year
        add(
            match,
            f"{y}-{month_number(match.group(2)):02d}-{int(match.group(1)):02d}" if y else None,
        )
    for match in MONTH_OF.finditer(sentence):
        y = match.group(2) or year
        add(match, f"{y}-{month_number(match.group(1)):02d}" if y else None)
    for match in YEARS.finditer(sentence):
        add(match, f"{match.group(1)}/{match.group(2)}")
    for match in YEAR.finditer(sentence):
        add(match, match.group(1))
    if today is None or year is None:
        return result
    for match in RELATIVE_YEAR.finditer(sentence):
        add(match, str(year - 1 if match.group(1).startswith("прошл") else year))
    for match in SINCE_NEW_YEAR.finditer(sentence):
        add(match, f"{year}-01-01/{today.isoformat()}")
    for match in LAST_DAYS.finditer(sentence):
        add(match, window(match, today))
    for match in TODAY.finditer(sentence):
        add(match, today.isoformat())
    for match in YESTERDAY.finditer(sentence):
        add(match, (today - timedelta(days=1)).isoformat())
    return result


def window(match: re.Match[str], today: date) -> str:
    """ "за сутки" → the day; "за неделю", "за последние 9 дней" → the days up to it."""
    count_word, unit = (match.group(1) or "").strip(), match.group(2)
    count = int(count_word) if count_word.isdigit() else SPAN_WORDS.get(count_word, 1)
    if unit.startswith("сут") and count == 1:
        return today.isoformat()
    days = count * (7 if unit.startswith("недел") else 30 if unit.startswith("месяц") else 1)
    return f"{(today - timedelta(days=days - 1)).isoformat()}/{today.isoformat()}"
