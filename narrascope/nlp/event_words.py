"""The words that report diplomatic events, read by lemma and tag (pymorphy3).

A trigger is a word whose lemma names an event kind ("визит", "переговоры", "саммит",
"подписать"); the words around it say whether the event happened, is planned ("посетит",
"предстоящий", "планирует") or is called off ("отменён", "перенесли"), and which documents an
agreement signs ("совместное заявление", "20 соглашений").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from narrascope.nlp.lemmas import analyzer

TRIGGERS = {
    "визит": "visit",
    "госвизит": "visit",
    "турне": "visit",
    "посетить": "visit",
    "посещение": "visit",
    "прибыть": "arrival",
    "прилететь": "arrival",
    "приехать": "arrival",
    "переговоры": "talks",
    "встреча": "talks",
    "встретиться": "talks",
    "беседа": "talks",
    "разговор": "call",
    "созвониться": "talks",
    "позвонить": "conversation",
    "разговаривать": "conversation",
    "поговорить": "conversation",
    "пообщаться": "conversation",
    "принять": "reception",
    "саммит": "summit",
    "форум": "summit",
    "конференция": "summit",
    "заседание": "summit",
    "сессия": "summit",
    "съезд": "summit",
    "конгресс": "summit",
    "cop29": "summit",
    "подписать": "agreement",
    "подписывать": "agreement",
    "подписание": "agreement",
    "заключить": "agreement",
}
DOCUMENTS = frozenset(
    [
        "соглашение",
        "меморандум",
        "заявление",
        "декларация",
        "договор",
        "протокол",
        "карта",
        "документ",
        "программа",
        "коммюнике",
        "резолюция",
        "контракт",
        "пакет",
        "договорённость",
        "договоренность",
        "конвенция",
        "хартия",
    ]
)
ADOPTED = frozenset(["декларация", "заявление", "коммюнике", "резолюция", "документ", "итоговый"])
RECEIVED = frozenset(
    [
        "министр",
        "посол",
        "делегация",
        "глава",
        "президент",
        "премьер",
        "генсек",
        "генеральный",
        "председатель",
        "спикер",
        "госсекретарь",
        "канцлер",
        "король",
        "эмир",
        "султан",
        "принц",
        "вице-президент",
        "вице-премьер",
    ]
)
PLAN_LEMMAS = frozenset(
    [
        "планировать",
        "намереваться",
        "ожидаться",
        "собираться",
        "готовиться",
        "предстоять",
        "намечать",
        "предстоящий",
        "будущий",
        "грядущий",
        "запланировать",
        "анонсировать",
        "ожидать",
        "пригласить",
        "приглашение",
    ]
)
CANCEL = re.compile(r"\b(отмен\w*|перенес\w*|перенос\w*|отлож\w*|сорва\w*)", re.I)
NOT_HELD = re.compile(r"\bне\s+(состоится|пройд[её]т|будет)", re.I)
PREVIEW = re.compile(
    r"\b(в преддверии|накануне предстоящ\w+|в рамках предстоящ\w+|подготов\w+ к|"
    r"в ближайшее время|перед вылетом|перед поездкой)",
    re.I,
)
NOT_RECEPTION = frozenset(
    ["участие", "приглашение", "решение", "мера", "закон", "меры", "поздравление"]
)
DOMESTIC_COUNTERPARTS = frozenset(
    ["губернатор", "аким", "мэр", "полпред", "врио", "глава", "региона", "руководитель", "области"]
)
CALL = re.compile(r"телефон|видеосвяз|созвон", re.I)
QUICK = re.compile(
    r"визит|посет|посещ|прибы|прилет|приех|переговор|встреч|встрет|бесед|разговор|созвон|"
    r"прин[яи]|прим[еу]т|саммит|форум|конференц|заседани|сесси|съезд|конгресс|cop29|"
    r"подпис|заключ|турне|позвон|разговарив|поговор|пообща",
    re.I,
)
NOT_EVENTS = frozenset(["пресс", "видео", "онлайн-конференция"])


@dataclass(slots=True, frozen=True)
class Reading:
    lemma: str
    tag: str  # pymorphy3's tag of the first parse


@lru_cache(maxsize=200_000)
def read(word: str) -> Reading:
    parse = analyzer().parse(word.lower())[0]
    return Reading(str(parse.normal_form).replace("ё", "е"), str(parse.tag))


def is_verb(reading: Reading) -> bool:
    return reading.tag.startswith(("VERB", "PRTS", "INFN", "PRTF"))


def is_future(reading: Reading) -> bool:
    return "futr" in reading.tag


def is_nominative(word: str) -> bool:
    """Some reading of the word is in the nominative ("Россия", "Казахстан", "Токио")."""
    if word.isupper():
        return False  # "КНДР": an abbreviation reads as every case
    return any("nomn" in p.tag or "Fixd" in p.tag for p in analyzer().parse(word.lower()))


def is_number(word: str) -> bool:
    return word.isdigit() or "NUMR" in read(word).tag or read(word).lemma in ("десяток", "ряд")
