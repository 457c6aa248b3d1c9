"""Clutter inside a line: what a scraper ran into a paragraph, cut out with its reason.

Lines that lost their breaks carry the page's furniture inside them: a "read also" link with its
title ("Читайте также: Локдаун продлен в Казахстане до 2 августа Кроме того, …"), a pointer to
elsewhere after the last sentence ("…, читайте здесь."), an embed's button text ("Посмотреть эту
публикацию в Instagram"), a related-article list (see `linkruns`). Each is found by general
signals (the pointer's words, the title's end where a new sentence starts without a full stop)
and removed; the sentences around it stay.
"""

from __future__ import annotations

import re

from narrascope.nlp.lemmas import analyzer
from narrascope.text.linkruns import link_run

POINTER_VERB = (
    r"(?:читайте|смотрите|слушайте|узнайте|подробнее|подробности|переходите|"
    r"подписывайтесь|подписывайся|подпишитесь|присоединяйтесь|следите)"
)
ELSEWHERE = (
    r"(?:здесь|тут|по ссылке|на сайте|в (?:нашем |официальном )?(?:telegram|телеграм|instagram|"
    r"инстаграм|facebook|youtube)[\w-]*|в канале|на канал\w*)"
)
# one sentence that only sends the reader elsewhere
POINTER = re.compile(
    rf"^(?:.{{0,80}}\b{POINTER_VERB}\b.{{0,80}}\b{ELSEWHERE}\b.{{0,40}}"
    rf"|(?:все|больше|другие|свежие|главные)\s+(?:новост|материал)\w*\b"
    rf".{{0,80}}\b{ELSEWHERE}\b.{{0,40}}"
    rf"|{POINTER_VERB}[!.]?"
    rf"|.{{0,120}}\bможно (?:посмотреть|прочитать|ознакомиться|узнать)\b"
    rf".{{0,80}}\bпо ссылке\b.{{0,40}})$",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"\S.*?(?:[.!?]+[»\"”)]*(?=\s|$)|$)")
READ_ALSO = re.compile(r"(?:Читайте|Смотрите) также:\s+", re.IGNORECASE)
EMBED = re.compile(
    r"\s*(?:Посмотреть эту публикацию в Instagram|View this post on Instagram|"
    r"Смотреть видео на YouTube|Публикация от [^\n]{1,60}? (?:PDT|PST|UTC))\s*"
)
TITLE_WORDS = (3, 16)
SENTENCE_START_POS = frozenset({"PREP", "CONJ", "ADVB", "PRCL", "NPRO", "INTJ"})


def sentences(line: str) -> list[str]:
    return [s for s in SENTENCE.findall(line) if s.strip()]


def is_pointer(sentence: str) -> bool:
    return POINTER.match(sentence.strip()) is not None


def pointer_line(line: str) -> bool:
    """Every sentence of the line sends the reader elsewhere ("Больше новостей в Telegram…")."""
    found = sentences(line)
    return bool(found) and len(line.split()) <= 40 and all(is_pointer(s) for s in found)


def starts_sentence(word: str) -> bool:
    """A capitalised function word ("Кроме", "В"): a sentence begins there."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    parse = analyzer().parse(word)[0]
    return parse.tag.POS in SENTENCE_START_POS


def read_also_span(line: str) -> tuple[int, int] | None:
    """ "Читайте также: <title>" up to where the next sentence begins without a full stop."""
    match = READ_ALSO.search(line)
    if match is None:
        return None
    words = list(re.finditer(r"\S+", line[match.end() :]))
    low, high = TITLE_WORDS
    for index in range(low, min(high, len(words)) + 1):
        if index < len(words) and starts_sentence(words[index].group()):
            return match.start(), match.end() + words[index].start()
    return None


def cut(line: str, start: int, end: int) -> str:
    """The line without [start, end): the two sides joined by one space, the rest untouched."""
    before, after = line[:start].rstrip(), line[end:].lstrip()
    return f"{before} {after}" if before and after else before + after


def trim(line: str) -> tuple[str, list[tuple[str, str]]]:
    """The line without its inline clutter, and each piece removed with its reason."""
    removed: list[tuple[str, str]] = []
    run = link_run(line)
    if run is not None:
        removed.append((line[run[0] : run[1]].strip(), "related-article list (titles, timestamps)"))
        line = cut(line, *run)
    span = read_also_span(line)
    if span is not None:
        removed.append((line[span[0] : span[1]].strip(), "read-also link inside a paragraph"))
        line = cut(line, *span)
    for embed in list(EMBED.finditer(line))[::-1]:
        removed.append((embed.group().strip(), "embedded post's button text"))
        line = cut(line, embed.start(), embed.end())
    found = [m for m in SENTENCE.finditer(line) if m.group().strip()]
    pointers = [m for m in found if is_pointer(m.group())]
    if pointers and len(pointers) < len(found):
        for match in pointers[::-1]:
            removed.append((match.group().strip(), "pointer to elsewhere inside a paragraph"))
            line = cut(line, match.start(), match.end())
    return (line.strip() if removed else line), removed
