"""Words a scraper glued together when it joined text nodes without spaces, split back.

"передаетZakon.kzсо ссылкой", "Токаевподписал", "законо бытовом", "вечером 13 апреляИран",
"…Акорды.Президент…": the space (or the paragraph break) was lost at the edge of a link, a bold
name or a paragraph. A split is made only where the token is not a word as written and each side
is: a known word (pymorphy3's dictionary, not its guesses), or a name, or another script. The
rules are conservative by design: on clean text (the NER corpora, 22k Telegram posts) they must
change next to nothing (tests/text/test_glue.py pins what they change on the NER corpora), since
a wrong split damages a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from narrascope.nlp.lemmas import NAME_GRAMMEMES, SURNAME, analyzer

TOKEN = re.compile(r"\S+")
# A token some rule below could split: a sentence end or a case or script change inside, a long
# capitalised word (a name with a verb after it), a word ending in a one-letter preposition.
# Plain words fail this one search and cost nothing more; every rule checks its own conditions.
CANDIDATE = re.compile(
    r"[а-яё]{2}[.!?][А-ЯЁ]|[а-яёa-z][А-ЯЁA-Z]|[а-яёА-ЯЁ][A-Za-z]|[A-Za-z][а-яёА-ЯЁ]"
    r"|^[«\"'(]*[А-ЯЁ][^\W\d_]{8}|^[«\"'(]*[^\W\d_]{4,}[овк]$"
)
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
# lower-case letters, a full stop, then a capitalised Cyrillic word: a sentence boundary lost
SENTENCE = re.compile(r"(?<=[а-яё]{2}[.!?])(?=[А-ЯЁ][а-яё])")
# a lower-case letter then a capital of the same script: a word boundary lost ("апреляИран")
CASE_EDGE = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ])|(?<=[a-z])(?=[A-Z])")
# Cyrillic next to Latin: "передаетZakon.kzсо"
SCRIPT_EDGE = re.compile(r"(?<=[а-яёА-ЯЁ])(?=[A-Za-z])|(?<=[A-Za-z])(?=[а-яёА-ЯЁ])")
OBLIQUE = frozenset({"gent", "datv", "ablt", "loct"})
GOVERNED = frozenset({"NOUN", "ADJF", "NPRO", "NUMR", "PRTF"})
# "с" is left out: "началос его" is a typo of "началось", not "начало с"
PREPOSITION_CASES = {"о": {"loct"}, "в": {"loct", "accs"}, "к": {"datv"}}
MIN_LEFT_CAPITAL = 6  # "Продолжение|Токаев" splits, "Евро|Союз" and "Каз|Мунай|Газ" do not
MIN_PART = 3
MIN_NAME, MIN_VERB = 4, 5  # "Токаев|подписал"; shorter tails make Kazakh names ("Атыраус|кую")
ABBREVIATIONS = frozenset(
    [
        "им",
        "мин",
        "зам",
        "нач",
        "ул",
        "пр",
        "просп",
        "пер",
        "пл",
        "обл",
        "г",
        "гг",
        "ст",
        "стр",
        "д",
        "корп",
        "кв",
        "тыс",
        "млн",
        "млрд",
        "трлн",
        "руб",
        "коп",
        "проф",
        "акад",
        "доц",
        "чл",
        "см",
        "рис",
        "табл",
        "т",
        "тт",
        "п",
        "пп",
        "р",
        "н",
        "э",
    ]
)
PUNCTUATION = re.compile(r"^([«\"'(]*)(.*?)([.,;:!?»\"')]*)$", re.S)
NOT_TEXT = re.compile(r"[/@#_=<>\\]|\d|www|https?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Repair:
    start: int  # offset in the text given
    token: str
    replacement: str
    reason: str


@lru_cache(maxsize=200_000)
def known(word: str) -> bool:
    """In pymorphy3's dictionary as written (its predictor's guesses do not count)."""
    lower = word.lower()
    return len(lower) >= 1 and analyzer().word_is_known(lower)


@lru_cache(maxsize=200_000)
def name_like(word: str) -> bool:
    """A capitalised word that reads as a name: a name reading in the dictionary, or the shape of
    a Russian-style surname (Токаев, Назарбаева)."""
    if not word[:1].isupper() or not word[1:].islower() or len(word) < MIN_PART:
        return False
    if SURNAME.match(word.lower()):
        return True
    return any(NAME_GRAMMEMES & p.tag.grammemes for p in analyzer().parse(word)[:3])


def inflected(word: str) -> bool:
    """Read in an oblique case: a brand's first half ("Яндекс.", "Сбер.") never is."""
    return any(p.tag.case in OBLIQUE for p in analyzer().parse(word)[:3])


def word_or_name(part: str) -> bool:
    return len(part) >= 2 and (known(part) or name_like(part))


def split_case_edge(token: str) -> str | None:
    edges = [m.start() for m in CASE_EDGE.finditer(token)]
    if len(edges) != 1:
        return None  # "КазМунайГаз", "ТенгриНьюс" and other house styles
    left, right = token[: edges[0]], token[edges[0] :]
    if left[:1].isupper() and len(left) < MIN_LEFT_CAPITAL:
        return None
    if not right[1:].islower():
        return None  # "росСМИ": an acronym is written on, not glued
    if len(left) >= MIN_PART and known(left) and word_or_name(right) and len(right) >= MIN_PART:
        return f"{left} {right}"
    return None


def split_script_edge(token: str) -> str | None:
    """ "передаетZakon.kzсо": a Cyrillic word, then a Latin name, then a Cyrillic word."""
    parts = re.split(SCRIPT_EDGE, token)
    if len(parts) < 2:
        return None
    for index, part in enumerate(parts):
        edge_words = re.findall(r"\w+", part)
        if not edge_words or min(len(edge_words[0]), len(edge_words[-1])) < 2:
            return None  # "CodeCheсker", "spyware-cкрипты": a look-alike letter
        letters = "".join(edge_words)
        if CYRILLIC.search(letters):
            if not known(letters) or (len(letters) < MIN_PART and not function_word(letters)):
                return None  # a Cyrillic side must be a word as written ("Kokос" is not)
        elif len(letters) < MIN_PART or (index > 0 and not letters[:1].isupper()):
            return None  # "АтомID", "деньгиless": house styles; a glued name is capitalised
    return " ".join(parts)


def split_name_and_word(token: str) -> str | None:
    """ "Токаевподписал": a name run into the word after it, neither a word alone."""
    if not (CYRILLIC.match(token) and token[:1].isupper() and token[1:].isalpha()):
        return None
    if not token[1:].islower():
        return None
    for cut in range(MIN_NAME, len(token) - MIN_VERB + 1):
        left, right = token[:cut], token[cut:]
        if SURNAME.match(left.lower()) and known(right) and reported_act(right):
            return f"{left} {right}"
    return None


def reported_act(word: str) -> bool:
    """A verb in the indicative ("подписал", "заявил"), what follows a glued name in news."""
    tag = analyzer().parse(word)[0].tag
    return bool(tag.POS == "VERB" and tag.mood == "indc")


def function_word(word: str) -> bool:
    return analyzer().parse(word.lower())[0].tag.POS in {"PREP", "CONJ", "PRCL"}


def split_preposition(token: str, following: str | None, closing: str) -> str | None:
    """ "законо бытовом": a one-letter preposition run onto the word before it."""
    if following is None or closing or len(token) < 5 or not token.isalpha():
        return None
    if not token.islower():
        return None
    word, preposition = token[:-1], token[-1]
    cases = PREPOSITION_CASES.get(preposition)
    if not cases or not known(word) or known(token):
        return None
    parses = analyzer().parse(following.strip(".,;:!?»)").lower())[:3]
    if any(p.tag.case in cases and p.tag.POS in GOVERNED for p in parses):
        return f"{word} {preposition}"
    return None


def repair_token(token: str, following: str | None) -> tuple[str, str] | None:
    opening, core, closing = PUNCTUATION.match(token).groups()  # type: ignore[union-attr]
    if len(core) < 5 or NOT_TEXT.search(core) or known(core):
        return None
    attempts: tuple[tuple[str, Callable[[], str | None]], ...] = (
        ("words glued at a script change", lambda: split_script_edge(core)),
        ("words glued at a change of case", lambda: split_case_edge(core)),
        ("a name glued to the next word", lambda: split_name_and_word(core)),
        (
            "a preposition glued to the word before",
            lambda: split_preposition(core, following, closing),
        ),
    )
    for reason, attempt in attempts:
        if (split := attempt()) is not None:
            return opening + split + closing, reason
    return None


def sentence_repairs(token: str) -> str | None:
    """ "Акорды.Президент": a sentence boundary lost with a paragraph break."""
    if NOT_TEXT.search(token) or token.count(".") > 2:
        return None
    cut = SENTENCE.search(token)
    if cut is None:
        return None
    left, right = token[: cut.start()], token[cut.start() :]
    left_word = re.findall(r"[А-ЯЁа-яё]+", left)[-1]
    if left_word.lower() in ABBREVIATIONS or (left_word[:1].isupper() and not inflected(left_word)):
        return None  # "им.Жданова"; "Яндекс.Новости" is a name, "Акорды.Президент" two sentences
    right_word = re.match(r"[А-ЯЁа-яё]+", right)
    if right_word is None or not word_or_name(right_word.group()):
        return None
    return f"{left} {right}"


def find_repairs(text: str) -> list[Repair]:
    tokens = list(TOKEN.finditer(text))
    repairs = []
    for index, match in enumerate(tokens):
        token = match.group()
        if not CANDIDATE.search(token):
            continue
        fixed = sentence_repairs(token)
        if fixed is not None:
            repairs.append(Repair(match.start(), token, fixed, "sentence boundary lost"))
            continue
        following = tokens[index + 1].group() if index + 1 < len(tokens) else None
        found = repair_token(token, following)
        if found is not None:
            repairs.append(Repair(match.start(), token, found[0], found[1]))
    return repairs


def unglue(text: str) -> tuple[str, list[Repair]]:
    """The text with its glued words split, and each repair made."""
    repairs = find_repairs(text)
    pieces, last = [], 0
    for repair in repairs:
        pieces += [text[last : repair.start], repair.replacement]
        last = repair.start + len(repair.token)
    pieces.append(text[last:])
    return "".join(pieces), repairs
