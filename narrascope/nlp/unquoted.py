"""Direct speech whose quotation marks a scraper lost: "Мы планируем … сроки не изменятся, –
сообщил Асхат Аймагамбетов."

The dash after the speech and the speech verb behind it mark it as direct speech as surely as the
quotation marks did. The speech runs back from the dash over the sentences before it in the same
paragraph, and stops where the narration is: a sentence that attributes something itself (a
speech word, a colon, a quotation mark), the paragraph's start, or after `MAX_SENTENCES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from narrascope.nlp.speech import WORD, Attribution, attribution_after, is_speech_word

DASH = re.compile(r"[,.!?…]?\s*[–—-]\s+")
# chosen on the tuning half of eval/quotes_zakon: recall 0.824 (4), 0.835 (6), 0.840 (8 and 12)
MAX_SENTENCES = 8
MIN_WORDS = 4
SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+")
RELAY_VERBS = frozenset(["сообщает", "передает", "передаёт", "пишет", "информирует"])
SAID_THAT = re.compile(r"([\w-]+),\s+что\b")
NARRATION = re.compile(r"[:«»\"“”]")


def unquoted_speech(
    text: str, taken: list[tuple[int, int]]
) -> Iterator[tuple[int, int, Attribution]]:
    """(start, end, attribution) of each run of speech closed by a dash and a speech verb."""
    for match in DASH.finditer(text):
        end = match.start()
        if any(s <= end <= e + 2 for s, e in taken):
            continue  # the quotation marks are there: a direct quote already
        clause = attribution_after(text, end)
        if clause is None:
            continue
        start = speech_start(text, end)
        if relays_reported_speech(text, start, end, clause):
            continue  # "она отметила, что …, – сообщает РИА Новости": indirect speech, relayed
        if len(WORD.findall(text[start:end])) >= MIN_WORDS:
            yield start, end, clause


def relays_reported_speech(text: str, start: int, end: int, clause: Attribution) -> bool:
    verb = text[clause.cue[0] : clause.cue[1]].lower() if clause.cue else ""
    if verb not in RELAY_VERBS:
        return False
    return any(is_speech_word(m.group(1)) for m in SAID_THAT.finditer(text, start, end))


def speech_start(text: str, end: int) -> int:
    """Where the speech before a dash begins: back over the paragraph's sentences until one
    reads as narration."""
    paragraph = text.rfind("\n", 0, end) + 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, paragraph, end)]
    starts = [paragraph, *ends]
    chosen = starts[-1]
    for count, (begin, stop) in enumerate(
        zip(reversed(starts[:-1]), reversed(starts[1:]), strict=True), start=1
    ):
        if count >= MAX_SENTENCES or narration(text[begin:stop]):
            break
        chosen = begin
    return chosen


def narration(sentence: str) -> bool:
    """A sentence that attributes or introduces speech is the journalist's, not the speaker's."""
    return NARRATION.search(sentence) is not None or any(
        is_speech_word(word) for word in WORD.findall(sentence)
    )
