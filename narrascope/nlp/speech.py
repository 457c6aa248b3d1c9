"""The speech lexicon: verbs of saying (by lemma, so every form counts), descriptors of speakers,
pronouns, and the attribution clause a quotation points to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from narrascope.nlp.lemmas import analyzer

SPEECH_VERBS = frozenset(
    [
        "сказать",
        "говорить",
        "заявить",
        "заявлять",
        "отметить",
        "отмечать",
        "подчеркнуть",
        "подчёркивать",
        "подчеркивать",
        "сообщить",
        "сообщать",
        "добавить",
        "добавлять",
        "пояснить",
        "пояснять",
        "указать",
        "указывать",
        "признать",
        "признавать",
        "утверждать",
        "рассказать",
        "рассказывать",
        "напомнить",
        "напоминать",
        "объяснить",
        "объяснять",
        "заметить",
        "замечать",
        "резюмировать",
        "заключить",
        "считать",
        "полагать",
        "уверять",
        "предупредить",
        "предупреждать",
        "уточнить",
        "уточнять",
        "ответить",
        "отвечать",
        "прокомментировать",
        "комментировать",
        "констатировать",
        "акцентировать",
        "написать",
        "писать",
        "согласиться",
        "соглашаться",
        "настаивать",
        "призвать",
        "призывать",
        "убеждать",
        "отвергнуть",
        "опровергнуть",
        "обещать",
        "пообещать",
        "сообщаться",
        "спросить",
        "спрашивать",
        "признаться",
        "подытожить",
        "процитировать",
        "цитировать",
        "охарактеризовать",
        "оценить",
        "оценивать",
        "назвать",
        "называть",
        "прогнозировать",
        "предположить",
        "предполагать",
        "думать",
        "допускать",
        "допустить",
        "говориться",
        "сообщаться",
        "рассказываться",
        "отмечаться",
        "указываться",
        "заверить",
        "заверять",
        "возразить",
        "возражать",
    ]
)
SPEECH_ADJECTIVES = frozenset(["уверен", "уверена", "уверены", "убежден", "убеждена", "убеждены"])
DESCRIPTORS = frozenset(
    [
        "эксперт",
        "политолог",
        "аналитик",
        "глава",
        "президент",
        "министр",
        "директор",
        "представитель",
        "депутат",
        "посол",
        "дипломат",
        "спикер",
        "председатель",
        "губернатор",
        "премьер",
        "сенатор",
        "профессор",
        "исследователь",
        "руководитель",
        "лидер",
        "источник",
        "собеседник",
        "автор",
        "специалист",
        "экономист",
        "журналист",
        "политик",
        "аким",  # pymorphy reads "аким" as the first name Аким only
        "заместитель",
        "вице-министр",
        "премьер-министр",
        "пресс-секретарь",
        "советник",
        "начальник",
        "мэр",
        "консул",
        "генсек",
    ]
)
PRONOUNS = frozenset(["он", "она", "они", "я", "мы", "вы", "ты"])
SINGULAR_REFERENCES = frozenset(["он", "она"])
PREPOSITIONS = frozenset(
    [
        "в",
        "во",
        "на",
        "о",
        "об",
        "с",
        "со",
        "к",
        "ко",
        "по",
        "из",
        "от",
        "до",
        "за",
        "для",
        "при",
        "под",
        "над",
        "без",
        "у",
        "через",
        "про",
    ]
)
WORD = re.compile(r"[\w-]+")
# the attribution ends at a sentence end, not at an abbreviation's period ("и.о. главного врача")
CLAUSE_END = re.compile(r"[;!?]|\.(?=\s*$|\s+[^\w\s]|\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])|\n|$")
AFTER = re.compile(r"^\s*[,.!?…]?\s*[–—-]\s*((?:[\w-]+\s+){0,3}?)([\w-]+)")


@dataclass(slots=True)
class Attribution:
    start: int
    end: int  # the clause that names the speaker
    cue: tuple[int, int] | None = None  # the speech verb or noun ("словам") it hangs from


@lru_cache(maxsize=200_000)
def is_speech_word(word: str) -> bool:
    lower = word.lower()
    return lower in SPEECH_ADJECTIVES or any(
        p.normal_form in SPEECH_VERBS
        for p in analyzer().parse(lower)[:2]
        if {"VERB", "INFN", "GRND", "PRTS", "PRTF"} & p.tag.grammemes
    )


def content_end(start: int, sentence: str) -> int:
    """Where what a sentence says ends: before its final punctuation and closing quotes."""
    return start + len(sentence.rstrip(' .!?…\n»"”'))


def attribution_after(text: str, end: int) -> Attribution | None:
    """ "…», – отметил директор ИМЭП Ержан Салтыбаев." (a few words may precede the verb)."""
    tail = text[end : end + 200]
    match = AFTER.match(tail)
    if match is None or not is_speech_word(match.group(2)):
        return None
    stop = CLAUSE_END.search(tail[match.end() :])
    clause_end = end + match.end() + (stop.start() if stop else 0)
    cue = (end + match.start(2), end + match.end(2))
    return Attribution(end + match.end(2), clause_end, cue)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` begins: after the last ". ", "! ", "? " or line
    break before it."""
    ends = [text.rfind(mark, 0, position) for mark in (". ", "! ", "? ", "\n")]
    return max(
        (found + (1 if text[found] == "\n" else 2) for found in ends if found >= 0), default=0
    )
