"""Who said what: direct and indirect speech with its speaker and the speaker's position.

1. direct speech: a quotation in «…», „…“, “…” or "…" (across sentences too) attributed by a
   speech verb after it ("…», – отметил директор ИМЭП Ержан Салтыбаев.") or before it
   ("Президент заявил: «…»");
2. indirect speech in each sentence: "X подчеркнул, что …", "По мнению X, …", "как сообщил X, …";
3. the speaker: the person named in the attribution clause, else the descriptor or pronoun there
   ("эксперт", "он"), resolved to the latest person named before it in the document;
4. the role: the position written beside the name ("директор ИМЭП Ержан Салтыбаев",
   "Рустем Мустафин, заместитель директора …").
Speech verbs are a lexicon of lemmas (pymorphy3), so every form of a verb counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.linking import main_country
from narrascope.nlp.speakers import find_speaker, nominative_role, role_of
from narrascope.nlp.speech import SPEECH_VERBS, WORD, Attribution, is_speech_word
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity, Quote

QUOTED = re.compile(r"«[^«»]{2,}?»|„[^„“]{2,}?“|“[^“”]{2,}?”|\"[^\"]{2,}?\"")
AFTER = re.compile(r"^\s*[,.!?…]?\s*[–—-]\s*((?:[\w-]+\s+){0,3}?)([\w-]+)")
BEFORE = re.compile(r"[\w-]+((?:\s+[\w-]+){0,3})\s*(?:(:)|,?\s+(что))\s*$")
ACCORDING = re.compile(
    r"\b(?:по (?:словам|мнению|данным|оценке|информации)|как (?:сообщил\w*|"
    r"заявил\w*|отметил\w*|сказал\w*|пишет|сообщает))\s+([^,]+),",
    re.I,
)
APPOSITION_CHARS = 160  # how far "По мнению политолога, докторанта …, Бориса Поломорчука," may run
THAT = re.compile(r",?\s*(?:(о|об)\s+том,?\s*)?(что|чтобы|будто)\b")
COLON = re.compile(r"\s*((?:[\w-]+\s+){0,3}?)[\w-]*\s*:\s*")
MIN_QUOTE_WORDS = 3  # «Ана тілі» is a name in quotes, not a quotation


def find_quotes(text: str, entities: list[Entity], published: str | None = None) -> list[Quote]:
    quotes = direct_quotes(text, entities)
    taken = [(q.start, q.end) for q in quotes]
    for quote in indirect_quotes(text, entities):
        if not any(s < quote.end and quote.start < e for s, e in taken):
            quotes.append(quote)
    resolved = [
        resolve_title(text, quote, entities, published)
        for quote in sorted(quotes, key=lambda q: q.start)
    ]
    return [with_document_role(text, quote, resolved, entities) for quote in resolved]


def with_document_role(
    text: str, quote: Quote, quotes: list[Quote], entities: list[Entity]
) -> Quote:
    """A speaker named bare at the quote ("— сказал Нуртлеу") keeps the position the document
    gives them elsewhere: at another quote, or written before another mention of them
    ("Министр иностранных дел Казахстана Мурат Нуртлеу открыл …")."""
    if quote.role or quote.speaker_id is None:
        return quote
    for other in quotes:
        if other.speaker_id == quote.speaker_id and other.role:
            return replace(quote, role=other.role)
    for mention in entities:
        if mention.id == quote.speaker_id:
            role = role_of(text, mention, Attribution(sentence_start(text, mention.start), 0))
            if role:
                return replace(quote, role=role)
    return quote


def resolve_title(text: str, quote: Quote, entities: list[Entity], published: str | None) -> Quote:
    """ "Глава государства заявил", "Президент отметил": in a text about Kazakhstan, the holder
    of the post on the document's date (knowledge base), not merely the last person named."""
    if quote.speaker_span is None:
        return quote
    kb = knowledge_base()
    country = main_country(entities, kb)
    start, end = quote.speaker_span
    for title in (text[start : end + 12], text[start:end]):
        words = title.split()
        for size in (2, 1):
            holder = kb.by_title(country, " ".join(words[:size]), published)
            if holder is not None and holder.type == "PER":
                span = (start, start + len(" ".join(words[:size])))
                return replace(
                    quote,
                    speaker=holder.name,
                    speaker_id=holder.id,
                    speaker_span=span,
                    role=quote.role or nominative_role(" ".join(words[:size]).lower()),
                )
    return quote


def sentence_start(text: str, position: int) -> int:
    ends = [text.rfind(mark, 0, position) for mark in (". ", "! ", "? ", "\n")]
    return max(
        (found + (1 if text[found] == "\n" else 2) for found in ends if found >= 0), default=0
    )


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quotations, with «…» nested inside «…» as Russian texts do (a quotation that
    names «Давос» or «Астана клуб» is still one quotation)."""
    spans: list[tuple[int, int]] = []
    depth, opened = 0, 0
    for index, char in enumerate(text):
        if char == "«":
            if depth == 0:
                opened = index
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, index + 1))
    for match in QUOTED.finditer(text):
        if not match.group().startswith("«") and not any(s <= match.start() < e for s, e in spans):
            spans.append(match.span())
    return sorted(spans)


def direct_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    quotes = []
    for span_start, span_end in quotation_spans(text):
        inner_start, inner_end = span_start + 1, span_end - 1
        if len(WORD.findall(text[inner_start:inner_end])) < MIN_QUOTE_WORDS:
            continue
        clause = attribution_after(text, span_end) or attribution_before(text, span_start)
        if clause is not None:
            quotes.append(make_quote(text, inner_start, inner_end, clause, entities))
    return quotes


def attribution_after(text: str, end: int) -> Attribution | None:
    """ "…», – отметил директор ИМЭП Ержан Салтыбаев." (a few words may precede the verb)."""
    tail = text[end : end + 200]
    match = AFTER.match(tail)
    if match is None or not is_speech_word(match.group(2)):
        return None
    stop = re.search(r"[.;!?]|\n|$", tail[match.end() :])
    clause_end = end + match.end() + (stop.start() if stop else 0)
    return Attribution(end + match.end(2), clause_end)


def attribution_before(text: str, start: int) -> Attribution | None:
    """ "Президент заявил: «…»", "сказал ей: «…»", "Токаев отметил, что «…»"."""
    head = text[max(0, start - 200) : start]
    tail = BEFORE.search(head)
    if tail is None:
        return None
    colon = tail.group(2) is not None
    marker = tail.start(2) if colon else tail.start(3)
    words = list(WORD.finditer(head, 0, marker))[-4 if colon else -1 :]
    match = next((w for w in reversed(words) if is_speech_word(w.group())), None)
    if match is None:
        return None
    offset = start - len(head)
    clause_start = max(head.rfind(mark, 0, match.start()) for mark in '.!?\n;»"') + 1
    return Attribution(offset + clause_start, offset + match.start())


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """razdel's sentences, never across a line break."""
    from razdel import sentenize

    offset = 0
    for line in text.split("\n"):
        for sentence in sentenize(line):
            yield offset + sentence.start, offset + sentence.stop
        offset += len(line) + 1


def indirect_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    quotes = []
    for start, end in sentences(text):
        sentence = text[start:end]
        for rule in (according_to, reported_clause, parenthetical):
            quote = rule(text, start, sentence, entities)
            if quote is not None:
                quotes.append(quote)
                break
    return quotes


def content_end(start: int, sentence: str) -> int:
    return start + len(sentence.rstrip(' .!?…\n»"”'))


def according_to(text: str, start: int, sentence: str, entities: list[Entity]) -> Quote | None:
    """ "По мнению X, …", "как сообщил X, …": the rest of the sentence is what X says."""
    match = ACCORDING.search(sentence)
    if match is None:
        return None
    clause = Attribution(start + match.start(1), start + match.end(1))
    named = [
        e
        for e in entities
        if e.type == "PER" and clause.start <= e.start < clause.start + APPOSITION_CHARS
    ]
    if named and named[0].end > clause.end:  # the name comes after an apposition with commas
        comma = text.find(",", named[0].end, start + len(sentence))
        if comma != -1:
            clause = Attribution(clause.start, named[0].end)
            begin = comma + 1
        else:
            begin = start + match.end()
    else:
        begin = start + match.end()
    if content_end(start, sentence) - begin < 10:
        return None
    return make_quote(text, begin, content_end(start, sentence), clause, entities, after=True)


def reported_clause(text: str, start: int, sentence: str, entities: list[Entity]) -> Quote | None:
    """ "X подчеркнул, что …" and "X признал: …": content to the end of the sentence."""
    for word in WORD.finditer(sentence):
        if not is_speech_word(word.group()):
            continue
        that = THAT.match(sentence, word.end())
        colon = COLON.match(sentence, word.end()) if that is None else None
        if that is None and (colon is None or ":" not in colon.group()):
            continue
        begin = start + (that.start(that.lastindex or 1) if that else colon.end())  # type: ignore[union-attr]
        if that is not None and that.group(1):
            begin = start + that.start(1)
        clause = Attribution(
            start + sentence_clause_start(sentence, word.start()), start + word.start()
        )
        quote = make_quote(text, begin, content_end(start, sentence), clause, entities)
        if quote.speaker is None:
            after = Attribution(start + word.end(), begin)
            quote = make_quote(
                text, begin, content_end(start, sentence), after, entities, after=True
            )
        return quote
    return None


def parenthetical(text: str, start: int, sentence: str, entities: list[Entity]) -> Quote | None:
    """ "Эта тенденция, говорят эксперты, сохранится", "…, утверждает Пастухов.": the sentence
    around the attribution is what is said."""
    for match in re.finditer(r",\s*([\w-]+)\s+([^,.;]{2,80}?)(?=[,.;!?]|$)", sentence):
        if match.start() < 5 or not is_finite_speech_verb(match.group(1)):
            continue
        if not names_someone(start + match.start(2), start + match.end(2), text, entities):
            continue
        clause = Attribution(start + match.start(2), start + match.end(2))
        return make_quote(text, start, content_end(start, sentence), clause, entities, after=True)
    return None


def names_someone(start: int, end: int, text: str, entities: list[Entity]) -> bool:
    """Whether an attribution clause names a person or an animate noun ("эксперты")."""
    if any(e.type == "PER" and start <= e.start < end for e in entities):
        return True
    return any(
        {"NOUN", "anim", "nomn"} <= p.tag.grammemes
        for word in WORD.findall(text[start:end])
        for p in analyzer().parse(word.lower())[:1]
    )


def is_finite_speech_verb(word: str) -> bool:
    return any(
        p.normal_form in SPEECH_VERBS and "VERB" in p.tag
        for p in analyzer().parse(word.lower())[:2]
    )


def sentence_clause_start(sentence: str, cue: int) -> int:
    """Where the subject of a speech verb may start: the sentence, or after its last semicolon."""
    return sentence.rfind(";", 0, cue) + 1


def make_quote(
    text: str,
    start: int,
    end: int,
    clause: Attribution,
    entities: list[Entity],
    after: bool = False,
) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    speaker, span, speaker_id, role = find_speaker(text, clause, entities, after)
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=speaker,
        speaker_id=speaker_id,
        speaker_span=span,
        role=role,
    )


class ExtractQuotes(Stage):
    name = "quotes"
    requires = ("text", "entities")
    assigns = ("quotes",)

    def apply(self, doc: Document) -> Document:
        doc.quotes = find_quotes(doc.text or "", doc.entities, doc.published)
        return doc
