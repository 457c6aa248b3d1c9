"""The source of a speech clause, read from its syntax (slovnet's parser, inside natasha).

Proximity picks the wrong person: in "Президент Турции обвинил премьер-министра Греции, заявив…"
the nearest name is the one blamed. The dependency tree says who speaks:
- a speech verb's subject ("аким города Бакытжан Сагинтаев сказал"), or the subject of the verb
  it is coordinated with ("заявил и добавил");
- with no subject, where it was said ("как заявили в ведомстве", "говорится в сообщении
  пресс-службы Акорды"): the body named there;
- a speech noun's genitive ("по словам губернатора Сакарьи", "по мнению экспертов").
The source is the head's phrase without the clauses hanging from it, so "работники апартаментов,
где жили …" ends before "где". Only sentences holding a cue are parsed, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from narrascope.nlp import _compat  # noqa: F401 - must precede natasha

SUBJECT = frozenset(["nsubj", "nsubj:pass"])
PHRASE = frozenset(
    [
        "amod",
        "nmod",
        "appos",
        "flat:name",
        "flat",
        "flat:foreign",
        "det",
        "case",
        "nummod",
        "conj",
        "cc",
        "compound",
        "fixed",
    ]
)  # what belongs to a speaker's noun phrase; clauses (acl, parataxis, ccomp) do not
WHERE_SAID = frozenset(
    [
        "сообщение",
        "заявление",
        "пресс-релиз",
        "релиз",
        "письмо",
        "ответ",
        "обращение",
        "послание",
        "телеграмма",
        "статья",
        "публикация",
        "материал",
        "доклад",
        "отчёт",
        "отчет",
        "блог",
        "пост",
    ]
)
SPEECH_NOUNS = frozenset(["слово", "мнение", "данные", "оценка", "информация", "заявление"])
MAX_SENTENCE_CHARS = 1500


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    head: int  # index of the head word, -1 for the root
    rel: str
    pos: str
    feats: dict[str, str]


@dataclass(frozen=True, slots=True)
class Source:
    start: int  # the source phrase, in text offsets
    end: int
    head: Word  # its head word (offsets in text)
    where: bool  # named as where it was said ("в ведомстве"), not as a subject


@cache
def _parser() -> tuple[Any, Any, Any]:
    from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsSyntaxParser(embedding), NewsMorphTagger(embedding)


@lru_cache(maxsize=4096)
def parse(sentence: str) -> tuple[Word, ...]:
    from natasha import Doc

    segmenter, syntax, morph = _parser()
    doc = Doc(sentence)
    doc.segment(segmenter)
    doc.parse_syntax(syntax)
    doc.tag_morph(morph)
    index = {token.id: position for position, token in enumerate(doc.tokens)}
    return tuple(
        Word(
            start=token.start,
            end=token.stop,
            text=token.text,
            head=index.get(token.head_id, -1),
            rel=token.rel,
            pos=token.pos,
            feats=dict(token.feats or {}),
        )
        for token in doc.tokens
    )


def children(words: tuple[Word, ...], head: int) -> list[int]:
    return [i for i, word in enumerate(words) if word.head == head]


def phrase(words: tuple[Word, ...], head: int) -> tuple[int, int]:
    """The head's noun phrase: its subtree through phrase relations only."""
    members, todo = {head}, [head]
    while todo:
        for child in children(words, todo.pop()):
            if child in members:
                continue  # the parser's heads need not form a tree
            if words[child].rel in PHRASE and words[child].pos != "PUNCT":
                members.add(child)
                todo.append(child)
    ordered = sorted(members)
    return words[ordered[0]].start, words[ordered[-1]].end


def lemma(word: Word) -> str:
    from narrascope.nlp.lemmas import first_lemma

    return first_lemma(word.text)


def source_of(words: tuple[Word, ...], cue: int) -> tuple[int, bool] | None:
    """The index of the source's head word for the cue at index `cue`, and whether it is named
    as where something was said."""
    for _ in range(3):  # the cue, then the verbs it is coordinated with or hangs from
        found = subject_or_place(words, cue)
        if found is not None:
            return found
        if words[cue].rel not in ("conj", "xcomp", "advcl") or words[cue].head < 0:
            return None
        cue = words[cue].head
    return None


def subject_or_place(words: tuple[Word, ...], cue: int) -> tuple[int, bool] | None:
    below = children(words, cue)
    if words[cue].pos == "NOUN":  # "по словам X", "по мнению X"
        genitive = [c for c in below if words[c].rel == "nmod"]
        return (genitive[0], False) if genitive else None
    subjects = [c for c in below if words[c].rel in SUBJECT]
    if subjects:
        return subjects[0], False
    for child in below:
        word = words[child]
        if word.rel != "obl" or not any(words[c].rel == "case" for c in children(words, child)):
            continue
        if lemma(word) in WHERE_SAID:  # "говорится в сообщении пресс-службы Акорды"
            genitive = [c for c in children(words, child) if words[c].rel == "nmod"]
            if genitive:
                return genitive[0], True
            continue
        preposition = next(
            words[c].text.lower() for c in children(words, child) if words[c].rel == "case"
        )
        if preposition in ("в", "во") and word.feats.get("Case") == "Loc":
            return child, True  # "как заявили в ведомстве"
    return None


def sentence_around(text: str, position: int) -> tuple[int, int]:
    """The sentence (razdel's, never across a line break) that holds `position`."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    for start, stop in line_sentences(line):
        if line_start + start <= position < line_start + stop:
            return line_start + start, line_start + stop
    return line_start, line_start + len(line)


@lru_cache(maxsize=256)
def line_sentences(line: str) -> tuple[tuple[int, int], ...]:
    from razdel import sentenize

    return tuple((sentence.start, sentence.stop) for sentence in sentenize(line))


def parsed_sentence(text: str, position: int) -> tuple[int, tuple[Word, ...]] | None:
    """The words of the sentence holding `position`, and where it starts; None when too long."""
    start, end = sentence_around(text, position)
    if end - start > MAX_SENTENCE_CHARS:
        return None
    return start, parse(text[start:end])


def speech_source(text: str, cue_start: int) -> Source | None:
    """The source of the speech cue starting at `cue_start`, read from its whole sentence."""
    parsed = parsed_sentence(text, cue_start)
    if parsed is None:
        return None
    start, words = parsed
    cue = next((i for i, w in enumerate(words) if w.start == cue_start - start), None)
    if cue is None:
        return None
    found = source_of(words, cue)
    if found is None:
        return None
    head, where = found
    low, high = phrase(words, head)
    word = words[head]
    shifted = Word(
        word.start + start, word.end + start, word.text, word.head, word.rel, word.pos, word.feats
    )
    return Source(low + start, high + start, shifted, where)


def governing_position(words: tuple[Word, ...], head: int, name: Word) -> int:
    """ "заместитель акима города Алматы Сапарбек Туякбаев": the parser hangs the name on
    "акима", but a name in apposition agrees in case with its position, so the position is the
    noun up the genitive chain in the name's case ("заместитель"), not the one it governs."""
    case = name.feats.get("Case")
    position = head
    while case and words[position].feats.get("Case") != case and words[position].rel == "nmod":
        parent = words[position].head
        if not 0 <= parent < position or words[parent].pos != "NOUN":
            break
        position = parent
    return position if words[position].feats.get("Case") == case else head


def position_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The position written in apposition to the name at [start, end): "Аким Нур-Султана" before
    "Алтай Кульгинов", "заместитель директора института" after "Рустем Мустафин,"."""
    parsed = parsed_sentence(text, start)
    if parsed is None:
        return None
    offset, words = parsed
    name = [i for i, w in enumerate(words) if start <= w.start + offset < end]
    if not name:
        return None
    for index in name:
        head = words[index].head
        if words[index].rel == "appos" and head >= 0 and head not in name:
            low, _ = phrase(words, governing_position(words, head, words[index]))
            if low + offset < start:
                return low + offset, start
    for index in name:
        for child in children(words, index):
            if words[child].rel == "appos" and child not in name and words[child].pos == "NOUN":
                low, high = phrase(words, child)
                return low + offset, high + offset
    return None
