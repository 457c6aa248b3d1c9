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

from narrascope.nlp import reported
from narrascope.nlp.bodies import resolve_bodies
from narrascope.nlp.clause import Word
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.linking import main_country
from narrascope.nlp.quotes_kk_en import find_quotes_kk_en
from narrascope.nlp.sources import (
    acceptable,
    country_beside,
    make_quote,
    pronoun_speaker,
    quote_of,
    resolve_descriptor,
    written_position,
)
from narrascope.nlp.speakers import nominative_role, role_of
from narrascope.nlp.speech import (
    SPEECH_VERBS,
    WORD,
    Attribution,
    attribution_after,
    content_end,
    is_speech_word,
    sentence_start,
)
from narrascope.nlp.unquoted import unquoted_speech
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity, Quote

QUOTED = re.compile(r"«[^«»]{2,}?»|„[^„“]{2,}?“|“[^“”]{2,}?”|\"[^\"]{2,}?\"")
BEFORE = re.compile(r"[\w-]+((?:\s+[\w-]+){0,3})\s*(?:(:)|,?\s+(что))\s*$")
ACCORDING = re.compile(
    r"\b(?:по (?:словам|мнению|данным|оценке|информации|признанию|заявлению|сведениям)|"
    r"согласно (?:данным|наблюдениям|информации|оценкам|оценке|сведениям|прогнозу|прогнозам)|"
    r"как (?:сообщ\w*|заяв\w*|отмет\w*|отмеча\w*|сказал\w*|говор\w*|подчеркн\w*|"
    r"подчерк\w*|уточн\w*|поясн\w*|рассказ\w*|пиш\w*|считают|полагают|утвержда\w*))"
    r"\s+([^,]+),",
    re.I,
)
APPOSITION_CHARS = 160  # how far "По мнению политолога, докторанта …, Бориса Поломорчука," may run
THAT = re.compile(r",?\s*(?:(о|об)\s+том,?\s*)?(что|чтобы|будто)\b")
COLON = re.compile(r"\s*((?:[\w-]+\s+){0,3}?)[\w-]*\s*:\s*")
MIN_QUOTE_WORDS = 3  # «Ана тілі» is a name in quotes, not a quotation


def find_quotes(
    text: str, entities: list[Entity], published: str | None = None, outlet: str | None = None
) -> list[Quote]:
    """The quotes of a text; `outlet` is the text's own outlet, which relays and never speaks."""
    quotes = direct_quotes(text, entities)
    for start, end, clause in unquoted_speech(text, [(q.start, q.end) for q in quotes]):
        quotes.append(make_quote(text, start, end, clause, entities))
    taken = [(q.start, q.end) for q in quotes]
    for quote in indirect_quotes(text, entities, outlet):
        if not any(s < quote.end and quote.start < e for s, e in taken):
            quotes.append(quote)
    described = [
        resolve_descriptor(text, resolve_title(text, quote, entities, published), entities)
        for quote in sorted(quotes, key=lambda q: q.start)
    ]
    resolved = [acceptable(q, entities) for q in resolve_bodies(text, described, entities)]
    return with_document_roles(text, resolved, entities)


def with_document_roles(text: str, quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """A speaker keeps the fullest position the document gives them at any of their quotes
    ("директор Института мировой экономики и политики (ИМЭП) …" over "директор ИМЭП"), and one
    named bare ("— сказал Нуртлеу") the position written before another mention of them
    ("Министр иностранных дел Казахстана Мурат Нуртлеу открыл …")."""
    roles = {
        speaker_id: role
        for speaker_id in {quote.speaker_id for quote in quotes if quote.speaker_id}
        if (role := document_role(text, speaker_id, quotes, entities))
    }
    return [
        replace(quote, role=roles[quote.speaker_id]) if quote.speaker_id in roles else quote
        for quote in quotes
    ]


def document_role(
    text: str, speaker_id: str, quotes: list[Quote], entities: list[Entity]
) -> str | None:
    mentions = [m for m in entities if m.id == speaker_id and m.type == "PER"]  # a person's post
    roles = [quote.role for quote in quotes if quote.speaker_id == speaker_id and quote.role]
    roles += [role for mention in mentions if (role := written_position(text, mention))]
    if roles:
        return max(roles, key=len)
    for mention in mentions:
        role = role_of(text, mention, Attribution(sentence_start(text, mention.start), 0))
        if role:
            return role
    return None


def resolve_title(text: str, quote: Quote, entities: list[Entity], published: str | None) -> Quote:
    """ "Глава государства заявил", "Президент отметил": in a text about Kazakhstan, the holder
    of the post on the document's date (knowledge base), not merely the last person named."""
    if quote.speaker_span is None or (quote.speaker_id or "").startswith(("per:", "person:")):
        return quote
    kb = knowledge_base()
    start, end = quote.speaker_span
    beside = country_beside(entities, end)
    country = beside or main_country(entities, kb)
    for title in (text[start : end + 12], text[start:end]):
        words = title.split()
        for size in (2, 1):
            written = " ".join(words[:size])
            holder = kb.by_title(country, written, published)
            if holder is None and beside is not None:
                holder = kb.holder(beside, written, published)
            if holder is not None and holder.type == "PER":
                return replace(
                    quote,
                    speaker=holder.name,
                    speaker_id=holder.id,
                    speaker_span=(start, start + len(written)),
                    role=quote.role or nominative_role(written.lower()),
                )
    return quote


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
    cue = (offset + match.start(), offset + match.end())
    return Attribution(offset + clause_start, offset + match.start(), cue)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """razdel's sentences, never across a line break."""
    from razdel import sentenize

    offset = 0
    for line in text.split("\n"):
        for sentence in sentenize(line):
            yield offset + sentence.start, offset + sentence.stop
        offset += len(line) + 1


def indirect_quotes(text: str, entities: list[Entity], outlet: str | None = None) -> list[Quote]:
    quotes: list[Quote] = []
    previous: tuple[int, int] | None = None
    for start, end in sentences(text):
        quote = sentence_quote(text, (start, end), previous, entities, outlet)
        if (
            quote is not None
            and quotes
            and quotes[-1].start < quote.end
            and quote.start < quotes[-1].end
        ):
            quotes[-1] = quote  # "Об этом заявил X" names the source the relay before did not
        elif quote is not None:
            quotes.append(quote)
        previous = (start, end) if text[start:end].strip() else previous
    return quotes


def overlaps(first: Quote, second: Quote) -> bool:
    return first.start < second.end and second.start < first.end


def sentence_quote(
    text: str,
    span: tuple[int, int],
    previous: tuple[int, int] | None,
    entities: list[Entity],
    outlet: str | None = None,
) -> Quote | None:
    """The statement one sentence reports, by the first rule that reads it."""
    start, end = span
    sentence = text[start:end]
    found = reported.about_this(text, span, previous)
    if found is not None:
        return make_quote(text, found[0], found[1], found[2], entities, after=True)
    for rule in (according_to, reported_clause):
        quote = rule(text, start, sentence, entities)
        if quote is not None:
            return quote
    pronoun = reported.possessive(text, span)
    if pronoun is not None:
        return possessive_quote(text, pronoun, entities)
    found = reported.relayed(text, span, entities, outlet)
    if found is not None:  # "она отметила, что …, – сообщает РИА Новости": the relay relays
        inner = reported_clause(text, start, text[start : found[1]], entities)
        if inner is not None and inner.speaker is not None:
            return inner
    is_relay = found is not None
    found = found or reported.call_or_announcement(text, span)
    if found is not None:
        quote = make_quote(text, found[0], found[1], found[2], entities, after=True)
        site = (
            reported.outlet_relayed(text, found[2]) if is_relay and quote.speaker is None else None
        )
        if site is not None:  # "…, сообщает zakon.kz со ссылкой на ktk.kz"
            quote = replace(quote, speaker=site.group(), speaker_span=site.span())
        if quote.speaker is not None:  # a call or a relay with no one behind it is narration
            return quote
    return parenthetical(text, start, sentence, entities)


def possessive_quote(
    text: str, found: tuple[int, int, re.Match[str]], entities: list[Entity]
) -> Quote | None:
    """ "По ее словам, …": the latest person named before, of that gender."""
    start, end, match = found
    if end - start < 10:
        return None
    pronoun = match.group(1).lower()
    gender = {"его": "Masc", "ее": "Fem", "её": "Fem"}.get(pronoun)
    feats = {"Gender": gender} if gender else {}
    word = Word(match.start(1), match.end(1), pronoun, -1, "nmod", "PRON", feats)
    return quote_of(text, start, end, pronoun_speaker(word, entities))


def according_to(text: str, start: int, sentence: str, entities: list[Entity]) -> Quote | None:
    """ "По мнению X, …", "как сообщил X, …": the rest of the sentence is what X says."""
    match = ACCORDING.search(sentence)
    if match is None:
        return None
    cue_word = WORD.search(sentence, match.start() + len(match.group().split()[0]))
    cue = (start + cue_word.start(), start + cue_word.end()) if cue_word else None
    clause = Attribution(start + match.start(1), start + match.end(1), cue)
    named = [
        e
        for e in entities
        if e.type == "PER" and clause.start <= e.start < clause.start + APPOSITION_CHARS
    ]
    if named and named[0].end > clause.end:  # the name comes after an apposition with commas
        comma = text.find(",", named[0].end, start + len(sentence))
        if comma != -1:
            clause = Attribution(clause.start, named[0].end, cue)
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
        if not is_speech_word(word.group()) or is_first_person(word.group()):
            continue  # "Напомню, что …", "Напомним, что …": the writer's narration
        that = THAT.match(sentence, word.end())
        colon = COLON.match(sentence, word.end()) if that is None else None
        if that is None and (colon is None or ":" not in colon.group()):
            if not comma_content(sentence, word):
                continue
            colon = COMMA.match(sentence, word.end())
        begin = start + (that.start(that.lastindex or 1) if that else colon.end())  # type: ignore[union-attr]
        if that is not None and that.group(1):
            begin = start + that.start(1)
        cue = (start + word.start(), start + word.end())
        clause = Attribution(
            start + sentence_clause_start(sentence, word.start()), start + word.start(), cue
        )
        quote = make_quote(text, begin, content_end(start, sentence), clause, entities)
        if quote.speaker is None:
            after = Attribution(start + word.end(), begin, cue)
            quote = make_quote(
                text, begin, content_end(start, sentence), after, entities, after=True
            )
        return quote
    return None


COMMA = re.compile(r",\s*")
SUBJECT_WORDS = 3


def comma_content(sentence: str, verb: re.Match[str]) -> bool:
    """ "Она уточнила, в перечень входят …": a short subject, the verb, a comma, a clause."""
    before = sentence[: verb.start()].split()
    return (
        0 < len(before) <= SUBJECT_WORDS
        and sentence[verb.end() : verb.end() + 1] == ","
        and is_finite_speech_verb(verb.group())
        and len(WORD.findall(sentence[verb.end() :])) >= MIN_QUOTE_WORDS + 1
    )


def parenthetical(text: str, start: int, sentence: str, entities: list[Entity]) -> Quote | None:
    """ "Эта тенденция, говорят эксперты, сохранится", "…, утверждает Пастухов.": the sentence
    around the attribution is what is said."""
    for match in re.finditer(r",\s*([\w-]+)\s+([^,.;]{2,80}?)(?=[,.;!?]|$)", sentence):
        if match.start() < 5 or not is_finite_speech_verb(match.group(1)):
            continue
        if not names_someone(start + match.start(2), start + match.end(2), text, entities):
            continue
        cue = (start + match.start(1), start + match.end(1))
        clause = Attribution(start + match.start(2), start + match.end(2), cue)
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


def is_first_person(word: str) -> bool:
    parse = analyzer().parse(word.lower())[0]
    return "VERB" in parse.tag and "1per" in parse.tag


def is_finite_speech_verb(word: str) -> bool:
    return any(
        p.normal_form in SPEECH_VERBS and "VERB" in p.tag
        for p in analyzer().parse(word.lower())[:2]
    )


def sentence_clause_start(sentence: str, cue: int) -> int:
    """Where the subject of a speech verb may start: the sentence, or after its last semicolon."""
    return sentence.rfind(";", 0, cue) + 1


class ExtractQuotes(Stage):
    name = "quotes"
    requires = ("text", "entities")
    assigns = ("quotes",)

    def apply(self, doc: Document) -> Document:
        if doc.lang in ("kk", "en"):
            doc.quotes = find_quotes_kk_en(doc.text or "", doc.entities, doc.lang or "")
        else:
            doc.quotes = find_quotes(doc.text or "", doc.entities, doc.published, doc.outlet)
        return doc
