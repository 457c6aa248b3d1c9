"""Figures: numbers with what they count, in digits or in words, and the claims they make.

"23 зарубежных визита", "84 встречи", "четыре государства", "около десяти раз" (approximate),
"десятки стран" (approximate), "12,5%", "$3 млрд", "в 2024 году" (a year). Each figure is a
`Figure` (value, the phrase, offsets); each also yields a `Claim` naming the subject when the
sentence makes it clear, what is counted (its lemma), the value, the period (a year in the
sentence) and the sentence; the store flags one claim told with different values in two
documents as a conflict.
"""

from __future__ import annotations

import re

from narrascope.nlp.lemmas import WORD, analyzer
from narrascope.pipeline import Stage
from narrascope.records import Claim, Document, Entity, Figure

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
MULTIPLIER = re.compile(r"\s*(тыс\.?|тысяч\w*|млн\.?|миллион\w*|млрд\.?|миллиард\w*|трлн\.?)", re.I)
ENUMERATION = re.compile(r"[.)]\s")
COMPOUND = re.compile(r"-[а-яё]+", re.I)  # "25-летию"
COUNTED_WORDS = 2  # an adjective and the noun it qualifies: "23 зарубежных визита"


def number_word(word: str) -> tuple[float, bool] | None:
    """The value of a number word in any case, and whether it is approximate ("десятки")."""
    for parse in analyzer().parse(word.lower())[:2]:
        lemma = parse.normal_form
        if lemma in UNITS and ("NUMR" in parse.tag or lemma == "тысяча"):
            return float(UNITS[lemma]), False
        if lemma in APPROXIMATE_PLURALS and "plur" in parse.tag:
            return float(APPROXIMATE_PLURALS[lemma]), True
    return None


def find_figures(text: str, entities: list[Entity]) -> list[tuple[Figure, Claim]]:
    found: list[tuple[Figure, Claim]] = []
    taken: list[tuple[int, int]] = []
    for start, end, value, approximate in numbers(text):
        if any(s < end and start < e for s, e in taken):
            continue
        phrase_end, counted = counted_phrase(text, end)
        approximate = approximate or preceded_by_approximation(text, start)
        phrase_start = approximation_start(text, start) if approximate else start
        if phrase_start > 0 and text[phrase_start - 1] in "$€₸₽":
            phrase_start -= 1
        figure = Figure(
            value=value, text=text[phrase_start:phrase_end], start=phrase_start, end=phrase_end
        )
        found.append((figure, claim_of(text, figure, counted, approximate, entities)))
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


def counted_phrase(text: str, end: int) -> tuple[int, str]:
    """Where the phrase of a figure ends, and the lemma of what it counts."""
    compound = COMPOUND.match(text, end)
    if compound:
        return compound.end(), ""
    tail_unit = CURRENCY.match(text, end) or YEAR_AFTER.match(text, end)
    if tail_unit:
        return tail_unit.end(), analyzer().parse(tail_unit.group(1).lower())[0].normal_form
    position, counted = end, ""
    for match in list(WORD.finditer(text, end, end + 60))[:COUNTED_WORDS]:
        if text[position : match.start()].strip():
            break
        parse = analyzer().parse(match.group().lower())[0]
        if "ADJF" in parse.tag or "PRTF" in parse.tag:
            position = match.end()
            continue
        if "NOUN" in parse.tag:
            position, counted = match.end(), parse.normal_form
        break
    return position, counted


def preceded_by_approximation(text: str, start: int) -> bool:
    before = WORD.findall(text[max(0, start - 20) : start])
    return bool(before) and before[-1].lower() in APPROXIMATE_WORDS


def approximation_start(text: str, start: int) -> int:
    head = text[max(0, start - 20) : start]
    words = list(WORD.finditer(head))
    if words and words[-1].group().lower() in APPROXIMATE_WORDS:
        return start - len(head) + words[-1].start()
    return start


def claim_of(
    text: str, figure: Figure, counted: str, approximate: bool, entities: list[Entity]
) -> Claim:
    sentence_start = max(text.rfind(mark, 0, figure.start) for mark in ".!?\n") + 1
    stops = [i for i in (text.find(mark, figure.end) for mark in ".!?\n") if i != -1]
    sentence_end = min(stops) if stops else len(text)
    sentence = text[sentence_start:sentence_end].strip()
    subjects = [e for e in entities if sentence_start <= e.start < figure.start and e.type != "LOC"]
    year = re.search(r"\b(19|20)\d{2}\b", sentence)
    return Claim(
        value=figure.value,
        counted=counted,
        subject=subjects[-1].name if subjects else None,
        period=year.group() if year and counted not in ("год",) else None,
        approximate=approximate,
        sentence=sentence,
        start=figure.start,
        end=figure.end,
    )


class ExtractFigures(Stage):
    name = "figures"
    requires = ("text", "entities")
    assigns = ("figures", "claims")

    def apply(self, doc: Document) -> Document:
        """Russian only: its counted-word and number-word rules read Russian; in a Kazakh or
        English text they took dates and ages for figures ("September 17")."""
        if doc.lang in ("kk", "en"):
            doc.figures, doc.claims = [], []
            return doc
        found = find_figures(doc.text or "", doc.entities)
        doc.figures = [figure for figure, _ in found]
        doc.claims = [claim for _, claim in found]
        return doc
