"""Figures: numbers with what they count, in digits or in words, and the claims they make.

"23 зарубежных визита", "84 встречи", "четыре государства", "около десяти раз" (approximate),
"десятки стран" (approximate), "12,5%", "$3 млрд", "в 2024 году" (a year). Each figure is a
`Figure` (value, the phrase, offsets) read with what it counts, its unit and whether it is
approximate (`FigureReading`); `claims` turns the readings into claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from narrascope.nlp.lemmas import WORD, analyzer
from narrascope.pipeline import Stage
from narrascope.records import Document, Figure

UNITS = {
    "ноль": 0,
    "один": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "тысяча": 1000,
}
APPROXIMATE_PLURALS = {"десяток": 10, "сотня": 100, "тысяча": 1000, "миллион": 1_000_000}
MULTIPLIERS = {
    "тыс": 1e3,
    "тысяча": 1e3,
    "млн": 1e6,
    "миллион": 1e6,
    "млрд": 1e9,
    "миллиард": 1e9,
    "трлн": 1e12,
    "триллион": 1e12,
}
APPROXIMATE_WORDS = frozenset(
    ["около", "почти", "примерно", "порядка", "свыше", "более", "менее", "около"]
)
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d+))?(?![\w])")
YEAR_AFTER = re.compile(r"\s*(годах|году|года|годы|год|гг?\.)")
CURRENCY = re.compile(r"\s*(%|процент\w*|\$|долл\w*|евро|тенге|руб\w*|юан\w*)", re.I)
MULTIPLIER = re.compile(
    r"\s*(тысяч\w*|тыс\.?|миллион\w*|млн\.?|миллиард\w*|млрд\.?|триллион\w*|трлн\.?)(?!\w)", re.I
)
ENUMERATION = re.compile(r"[.)]\s")
COMPOUND = re.compile(r"-[а-яё]+", re.I)  # "25-летию"
UNIT_STEMS = {"процент": "%", "долл": "доллар", "тенг": "тенге", "руб": "рубль", "юан": "юань"}
COUNTED_WORDS = 4  # adjectives and the noun they qualify: "23 зарубежных визита"


@dataclass(slots=True, frozen=True)
class FigureReading:
    counted: str  # lemma of the noun counted ("визит"), "" when the figure has a unit or none
    unit: str  # lemma of the unit ("%", "тенге", "тонна"), or ""
    phrase: str  # lemmas of the counted phrase ("зарубежный визит")
    approximate: bool


def number_word(word: str) -> tuple[float, bool] | None:
    """The value of a number word in any case, and whether it is approximate ("десятки")."""
    for parse in analyzer().parse(word.lower())[:2]:
        lemma = parse.normal_form
        if lemma in UNITS and ("NUMR" in parse.tag or lemma == "тысяча"):
            return float(UNITS[lemma]), False
        if lemma in APPROXIMATE_PLURALS and "plur" in parse.tag:
            return float(APPROXIMATE_PLURALS[lemma]), True
    return None


def find_figures(text: str) -> list[tuple[Figure, FigureReading]]:
    found: list[tuple[Figure, FigureReading]] = []
    taken: list[tuple[int, int]] = []
    for start, end, value, approximate in numbers(text):
        if any(s < end and start < e for s, e in taken):
            continue
        phrase_end, reading = counted_phrase(text, end)
        approximate = approximate or preceded_by_approximation(text, start)
        phrase_start = approximation_start(text, start) if approximate else start
        if phrase_start > 0 and text[phrase_start - 1] in "$€₸₽":
            phrase_start -= 1
            reading = FigureReading("", unit_lemma(text[phrase_start]), "", False)
        figure = Figure(
            value=value, text=text[phrase_start:phrase_end], start=phrase_start, end=phrase_end
        )
        found.append((figure, replace(reading, approximate=approximate)))
        taken.append((phrase_start, phrase_end))
    return found


def numbers(text: str) -> list[tuple[int, int, float, bool]]:
    """(start, end, value, approximate) of every number written in digits or in words."""
    result = []
    for match in NUMBER.finditer(text):
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        if at_line_start and ENUMERATION.match(text, match.end()):
            continue  # "1. Самопозиционирование…": the number of a list item
        value = float(
            match.group(1).replace(" ", "").replace("\u00a0", "")
            + (f".{match.group(2)}" if match.group(2) else "")
        )
        end = match.end()
        multiplier = MULTIPLIER.match(text, end)
        if multiplier:
            key = multiplier.group(1).lower().rstrip(".")
            value *= next(v for k, v in MULTIPLIERS.items() if key.startswith(k[:3]))
            end = multiplier.end()
        result.append((match.start(), end, value, False))
    for match in WORD.finditer(text):
        word = number_word(match.group())
        if word is not None:
            result.append((match.start(), match.end(), word[0], word[1]))
    return sorted(result)


def counted_phrase(text: str, end: int) -> tuple[int, FigureReading]:
    """Where the phrase of the figure ending at `end` ends, and what it counts or its unit."""
    nothing = FigureReading("", "", "", False)
    compound = COMPOUND.match(text, end)
    if compound:
        return compound.end(), nothing
    unit = CURRENCY.match(text, end)
    if unit:
        return unit.end(), replace(nothing, unit=unit_lemma(unit.group(1)))
    year = YEAR_AFTER.match(text, end)
    if year:
        return year.end(), FigureReading("год", "", "год", False)
    lemmas: list[str] = []
    position = end
    for match in list(WORD.finditer(text, end, end + 80))[:COUNTED_WORDS]:
        if text[position : match.start()].strip():
            break
        parse = analyzer().parse(match.group().lower())[0]
        if "ADJF" in parse.tag or "PRTF" in parse.tag:
            lemmas.append(parse.normal_form)
            position = match.end()
            continue
        if "NOUN" in parse.tag:
            phrase = " ".join([*lemmas, parse.normal_form])
            return match.end(), FigureReading(parse.normal_form, "", phrase, False)
        break
    return end, nothing


def unit_lemma(word: str) -> str:
    if word in "$%€₸₽":
        return {"$": "доллар", "%": "%", "€": "евро", "₸": "тенге", "₽": "рубль"}[word]
    lemma = str(analyzer().parse(word.lower())[0].normal_form)
    return next((unit for stem, unit in UNIT_STEMS.items() if lemma.startswith(stem)), lemma)


def preceded_by_approximation(text: str, start: int) -> bool:
    before = WORD.findall(text[max(0, start - 20) : start])
    return bool(before) and before[-1].lower() in APPROXIMATE_WORDS


def approximation_start(text: str, start: int) -> int:
    head = text[max(0, start - 20) : start]
    words = list(WORD.finditer(head))
    if words and words[-1].group().lower() in APPROXIMATE_WORDS:
        return start - len(head) + words[-1].start()
    return start


class ExtractFigures(Stage):
    name = "figures"
    requires = ("text",)
    assigns = ("figures",)

    def apply(self, doc: Document) -> Document:
        """Russian only: its counted-word and number-word rules read Russian; in a Kazakh or
        English text they took dates and ages for figures ("September 17")."""
        doc.figures = (
            [] if doc.lang in ("kk", "en") else [f for f, _ in find_figures(doc.text or "")]
        )
        return doc
