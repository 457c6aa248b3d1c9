"""Claims: what a figure asserts, in the fields a ledger compares.

A claim knows its subject (the linked entity the sentence gives it), its measure (what is counted
or measured, the lemma and the unit), its kind (a level, a change "вырос на", a total, a share, a
rank), the time it is about (`claim_time`), its bound (exact, about, at least, at most) and the
interval of values it allows after rounding, and its source (the speaker when it is quoted).
Figures that are no claim (years, dates, times of day, codes such as COVID-19, phone numbers,
durations) make none.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from narrascope.nlp.claim_subject import Sentence, subject_of
from narrascope.nlp.claim_time import MONTH, claim_time
from narrascope.nlp.figures import NUMBER, FigureReading, counted_phrase, find_figures
from narrascope.nlp.lemmas import WORD, analyzer
from narrascope.pipeline import Stage
from narrascope.records import Claim, Document, Figure

TIME_UNITS = frozenset(["год", "месяц", "неделя", "день", "сутки", "час", "минута", "лето"])
WINDOW_BEFORE = re.compile(
    r"\b(за|через|в течени[еи]|на|спустя|еще|ещё|достигш\w+)\s+(?:\w+\s+)?$", re.I
)
ABOUT = frozenset(["около", "примерно", "порядка", "приблизительно", "ориентировочно"])
AT_LEAST = frozenset(["более", "свыше", "больше", "минимум"])
AT_MOST = frozenset(["менее", "меньше", "почти", "максимум"])
CHANGE = re.compile(
    r"(вырос|выросл|увелич|сниз|сократ|повыс|пониз|упал|подорож|подешев|прибав|укреп|ослаб|"
    r"прирост|рост|снижен|падени|подня|опусти|добав)",
    re.I,
)
DECREASE = re.compile(r"(сниз|сократ|пониз|упал|подешев|ослаб|падени|опусти|уменьш|минус)", re.I)
TOTAL = re.compile(r"\b(всего|в общей сложности|итого|общ\w+ сумм\w*|суммарн\w*|совокупн\w*)", re.I)
DATE_AFTER = re.compile(rf"\s*(?:[-–]\s*\d{{1,2}}\s+)?{MONTH}\b", re.I)
CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
PHONE_AROUND = re.compile(r"\d\)\s*$|^\s*[-–]\d{2}\b|\(\d{3,5}\)\s*$")
ORDINAL = re.compile(r"\d-(?!кратн)[а-яё]+$", re.I)
CLOCK_AFTER = re.compile(r"[:.]\d{2}\b")
CLOCK_BEFORE = re.compile(r"\b\d{1,2}[:.]$")
SIGN_BEFORE = re.compile(r"(?:^|[^\d])[+−-]$")
RANGE_TAIL = re.compile(r"\s*[-–]\s*\d+(?:[.,]\d+)?")
PHONE_AFTER = re.compile(r"\s*\(\d{3,5}\)\s*\d")
CODE_AFTER = re.compile(r"\s*[А-ЯЁA-Z]{2,}\b(?![а-яё])")
CODE_BEFORE = re.compile(r"(?:[A-Za-zА-Яа-яЁё]-|№\s*)$")
SENTENCE_MARK = ".!?\n"
CLAUSE_MARK = ",;:—–(\n"


def sentence_around(text: str, start: int, end: int) -> Sentence:
    """The sentence holding the span; a dot between digits ("12.5", "17.00") ends none."""
    left = start
    while left > 0 and not ends_sentence(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and not ends_sentence(text, right):
        right += 1
    return Sentence(left, right)


def ends_sentence(text: str, at: int) -> bool:
    if text[at] not in SENTENCE_MARK:
        return False
    if text[at] == "." and 0 < at < len(text) - 1:
        if text[at - 1].isdigit() and text[at + 1].isdigit():
            return False
        if text[at + 1] not in ' \n"»)':
            return False
    return True


def is_claim(text: str, figure: Figure, reading: FigureReading) -> bool:
    before, after = text[max(0, figure.start - 12) : figure.start], text[figure.end :]
    if CLOCK.match(figure.text) or ORDINAL.search(figure.text):
        return False  # "17.00"; "17-й", "46-летний", "к 25-летию" (but "25-кратного" counts)
    if reading.counted in TIME_UNITS and WINDOW_BEFORE.search(
        text[max(0, figure.start - 30) : figure.start]
    ):
        return False  # "за последние девять дней", "через две недели": when, not how much
    number = NUMBER.search(figure.text)
    after_number = figure.text[number.end() :] if number else ""
    if DATE_AFTER.match(after_number + after) or CODE_BEFORE.search(before):
        return False
    if CLOCK_AFTER.match(after) or CLOCK_BEFORE.search(before):
        return False
    if PHONE_AROUND.search(before) or PHONE_AROUND.match(after[:6]) or PHONE_AFTER.match(after):
        return False
    if CODE_AFTER.match(after_number + after):
        return False  # "245 УК", "21 ДУИС": an article or a code
    year = 1900 <= figure.value <= 2100 and figure.value.is_integer()
    return not (year and reading.counted in ("", "год"))


def bound_of(text: str, figure: Figure, reading: FigureReading) -> str:
    """From the words before the number, inside the figure ("более 600 млн") or before it."""
    number = NUMBER.search(figure.text)
    lead = figure.text[: number.start()] if number else ""
    before = text[max(0, figure.start - 25) : figure.start] + " " + lead
    last_two = [w.lower() for w in WORD.findall(before)][-2:]
    if any(w in AT_LEAST for w in last_two):
        return "at_least"
    if any(w in AT_MOST for w in last_two):
        return "at_most"
    return "about" if reading.approximate or any(w in ABOUT for w in last_two) else "exact"


def value_interval(figure: Figure, bound: str) -> tuple[float | None, float | None]:
    """The values the written figure allows: half its last written digit either side ("3,3 тыс."
    → 3250…3350), a tenth more for "about", open on one side for "more than"/"less than"."""
    digits = NUMBER.search(figure.text)
    step = 1.0
    if digits:
        whole, decimals = re.sub(r"\s", "", digits.group(1)), digits.group(2) or ""
        written = float(f"{whole}.{decimals}" if decimals else whole)
        scale = figure.value / written if written else 1.0
        step = scale * 10.0 ** -len(decimals)
    low, high = figure.value - step / 2, figure.value + step / 2
    if bound == "about":
        spread = max(abs(figure.value) * 0.1, step / 2)
        low, high = figure.value - spread, figure.value + spread
    if bound == "at_least":
        return low, None
    if bound == "at_most":
        return None, high
    return low, high


def kind_of(text: str, sentence: Sentence, figure: Figure, unit: str, counted: str) -> str:
    clause = text[clause_start(text, sentence, figure.start) : figure.start]
    before = text[max(sentence.start, figure.start - 3) : figure.start]
    words = [w.lower() for w in WORD.findall(clause)]
    if SIGN_BEFORE.search(before) or (words[-1:] == ["на"] and CHANGE.search(clause)):
        return "change"
    if counted in ("место", "позиция") or text[figure.end : figure.end + 8].strip().startswith(
        "мест"
    ):
        return "rank"
    if unit == "%":
        return "share"
    if not unit or TOTAL.search(clause):
        return "total"
    return "level"


def is_decrease(text: str, sentence: Sentence, figure: Figure) -> bool:
    """A change that goes down: "-8%", "снизился на 2%", "упали в цене на 0,76%"."""
    before = text[max(sentence.start, figure.start - 2) : figure.start]
    clause = text[clause_start(text, sentence, figure.start) : figure.start]
    return before.endswith(("-", "−")) or bool(DECREASE.search(clause))


def clause_start(text: str, sentence: Sentence, at: int, marks_of: str = CLAUSE_MARK) -> int:
    marks = [text.rfind(mark, sentence.start, at) for mark in marks_of]
    return max([sentence.start, *(m + 1 for m in marks if m != -1)])


def measured_noun(text: str, start: int, at: int) -> str:
    """What a figure with a unit measures: the nearest nominative noun of its clause before it,
    with the genitive noun that follows ("курс доллара", "доля переработки"), else the nearest
    noun."""
    words = list(WORD.finditer(text, start, at))
    nearest = ""
    for index in range(len(words) - 1, -1, -1):
        if words[index].group()[0].isupper():
            continue
        parses = [p for p in analyzer().parse(words[index].group().lower()) if "NOUN" in p.tag]
        first = analyzer().parse(words[index].group().lower())[0]
        if (
            "NOUN" not in first.tag
            or first.normal_form in TIME_UNITS
            or re.fullmatch(MONTH, first.normal_form)
        ):
            continue
        nominative = next((p for p in parses if "nomn" in p.tag), None)
        if nominative is not None:
            head = with_complement(nominative.normal_form, words[index + 1 : index + 2])
            return " ".join([*adjectives_before(words[:index]), head])
        nearest = nearest or parses[0].normal_form
    return nearest


def adjectives_before(words: list[re.Match[str]]) -> list[str]:
    """The adjectives right before a noun, as lemmas: "ключевая ставка" → ["ключевой"]."""
    found: list[str] = []
    for word in reversed(words):
        parse = analyzer().parse(word.group().lower())[0]
        if "ADJF" not in parse.tag:
            break
        found.insert(0, str(parse.normal_form))
    return found


def genitive_after(text: str, end: int) -> str:
    """The whole a share is of: "82 % полигонов" → полигон."""
    following = WORD.match(text, end + len(text[end:]) - len(text[end:].lstrip()))
    if following is None:
        return ""
    parse = analyzer().parse(following.group().lower())[0]
    return str(parse.normal_form) if "NOUN" in parse.tag and "gent" in parse.tag else ""


def with_complement(lemma: str, following: list[re.Match[str]]) -> str:
    if following:
        parse = analyzer().parse(following[0].group().lower())[0]
        if "NOUN" in parse.tag and "gent" in parse.tag:
            return f"{lemma} {following[0].group().lower()}"
    return lemma


def predicate(text: str, sentence: Sentence, figure: Figure) -> str:
    """The verb or short participle of the figure's clause nearest it ("совершил", "выявлено")."""
    start = clause_start(text, sentence, figure.start)
    stops = [text.find(mark, figure.end, sentence.end) for mark in CLAUSE_MARK]
    end = min([sentence.end, *(s for s in stops if s != -1)])
    best: tuple[int, str] | None = None
    for match in WORD.finditer(text, start, end):
        parse = analyzer().parse(match.group().lower())[0]
        if {"VERB"} & parse.tag.grammemes or "PRTS" in parse.tag:
            distance = abs(match.start() - figure.start)
            if best is None or distance < best[0]:
                best = (distance, parse.normal_form)
    return best[1] if best else ""


def claim_of(
    doc: Document,
    figure: Figure,
    reading: FigureReading,
    sentence: Sentence,
    speakers: list[tuple[int, int]],
    previous: FigureReading | None = None,
) -> Claim | None:
    """`speakers` are the spans naming the document's speakers; `previous` is the reading of
    the figure before this one in its sentence, which a bare number with no measure of its own
    continues ("104 человека (-8%, в 2019 году 133)")."""
    text = doc.text or ""
    if not is_claim(text, figure, reading):
        return None
    range_tail = RANGE_TAIL.match(text, figure.end)
    if range_tail and not reading.unit and not reading.counted:
        reading = replace(
            counted_phrase(text, range_tail.end())[1], approximate=reading.approximate
        )
    if reading.counted in TIME_UNITS:  # years are no claims: "54 года" is an age in years
        reading = replace(reading, counted="", unit=reading.counted, phrase="")  # "54 года"
    unit = reading.unit
    counted = (
        reading.counted
        or (unit == "%" and genitive_after(text, figure.end))
        or measured_noun(text, clause_start(text, sentence, figure.start, ",;:(\n"), figure.start)
    ).replace("ё", "е")
    if not counted and not unit and previous is not None:
        reading, counted, unit = previous, previous.counted, previous.unit
    if not counted and not unit:
        return None
    kind = kind_of(text, sentence, figure, unit, reading.counted)
    quote = next((q for q in doc.quotes if q.start <= figure.start < q.end), None)
    subject = subject_of(text, sentence, figure, doc.entities, quote, speakers)
    bound = bound_of(text, figure, reading)
    low, high = value_interval(figure, bound)
    value = figure.value
    if kind == "change" and is_decrease(text, sentence, figure):
        value, low, high = (
            -value,
            (-high if high is not None else None),
            (-low if low is not None else None),
        )
    time = claim_time(text[sentence.start : sentence.end], figure.start - sentence.start,
                      doc.published)  # fmt: skip
    phrase = reading.phrase or counted
    measure = f"{phrase} · {predicate(text, sentence, figure)}" if kind == "total" else phrase
    return Claim(
        value=value,
        counted=head_noun(counted),
        subject=subject.name if subject else None,
        subject_id=subject.id if subject else None,
        period=time.value,
        time_stated=time.stated,
        approximate=bound != "exact",
        bound=bound,
        low=None if low is None or math.isinf(low) else low,
        high=None if high is None or math.isinf(high) else high,
        unit=unit,
        measure=measure.strip(" ·"),
        kind=kind,
        speaker_id=quote.speaker_id if quote else None,
        sentence=text[sentence.start : sentence.end].strip(),
        start=figure.start,
        end=figure.end,
    )


def head_noun(phrase: str) -> str:
    """The noun of a measure phrase: "ключевой ставка" → "ставка", "курс доллара" → "курс"."""
    words = phrase.split()
    nouns = [w for w in words if "NOUN" in analyzer().parse(w)[0].tag]
    return nouns[0] if nouns else (words[-1] if words else "")


def claims_of(doc: Document) -> list[Claim]:
    if doc.lang in ("kk", "en"):
        return []
    text = doc.text or ""
    speakers = [q.speaker_span for q in doc.quotes if q.speaker_span is not None]
    claims: list[Claim] = []
    previous: tuple[Sentence, FigureReading] | None = None
    for figure, reading in find_figures(text):
        sentence = sentence_around(text, figure.start, figure.end)
        before = previous[1] if previous and previous[0] == sentence else None
        claim = claim_of(doc, figure, reading, sentence, speakers, before)
        if claim is not None:
            claims.append(claim)
            if claim.counted and not claim.unit:  # a bare number continues a count, not a share
                previous = (sentence, replace(reading, counted=claim.counted, unit=""))
    return claims


class ExtractClaims(Stage):
    name = "claims"
    requires = ("text", "entities", "quotes", "figures")
    assigns = ("claims",)

    def apply(self, doc: Document) -> Document:
        doc.claims = claims_of(doc)
        return doc
