"""Who said what in Kazakh and English: the speech clauses of each language, their content, and
the speaker the clause names (linked as `names` linked it), with the title before the name.

English: "“…,” Tokayev said", "he said: “…”", "X said/noted/stressed that …", "According to X,
…", "…, X said.", "X called for/urged …". Kazakh: "«…», – деді X", "X: «…»", "X … деп атап
өтті/мәлімдеді/хабарлады", "X-тың сөзінше, …", "… екенін атап өтті", "X … шақырды/ұсынды". Who
speaks is `speakers_kk_en`'s part.
"""

from __future__ import annotations

import re

from narrascope.nlp.speakers_kk_en import (
    SUBJECT_CHARS,
    Clause,
    antecedent,
    is_outlet,
    is_title,
    named_source,
    people_over_their_bodies,
    previous_speaker,
    role_before,
    sentence_end,
    spokesperson,
    subject_end,
    subjects,
)
from narrascope.nlp.speech import sentence_start
from narrascope.records import Entity, Quote

QUOTED = re.compile(r"[«“\"](?P<content>[^«»“”\"]{12,}?)[»”\"]")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[»”\"]?|$)")
SPEECH_VERBS = {
    "en": (
        r"said|says|told|noted|added|stressed|emphasi[sz]ed|underlined|underscored|stated|"
        r"explained|announced|declared|wrote|remarked|observed|believes|insisted|warned|"
        r"pointed out|reiterated|recalled|confirmed|assured|highlighted|affirmed|argued|"
        r"expressed (?:hope|confidence|concern)|informed|reported|agreed|described|"
        r"saying|emphasi[sz]ing|stressing|noting|adding|arguing|claiming|stating|underlining|"
        r"explaining|recalling|warning|pointing out|recogni[sz]ed|recogni[sz]es"
    ),
    "kk": (
        r"деді|дейді|айтты|айтып|атап өтті|атап өтіп|атап көрсетті|мәлімдеді|мәлімдеп|хабарлады|"
        r"хабарлайды|жазды|"
        r"жеткізді|түсіндірді|сендірді|баса айтты|пікір білдірді|мәлім етті|ескертті|"
        r"қосты|есептейді|санайды|жазылған|делінген|делген|айтылған"
    ),
}
CALL_VERBS = {
    "en": (
        r"called (?:on|for)|calls (?:on|for)|urged|urges|proposed|proposes|invited|suggested|"
        r"expressed (?:his |her |their )?(?:wish|hope) for"
    ),
    "kk": r"шақырды|ұсынды|тапсырды|ұсыныс жасады|өтінді",
}
MIN_WORDS = 3
# "…шақырамыз", "…білдіреміз": a body's statement goes on in the first person plural
WE_SAY_KK = re.compile(
    r"(?:шақырамыз|сұраймыз|ұсынамыз|білдіреміз|санаймыз|сенеміз|қолдаймыз|мәлімдейміз)\.?\s*$"
)
REPORTED_KK = re.compile(
    rf"^\s*(?:Бұл туралы|Бұл жөнінде)\s.+?(?:{SPEECH_VERBS['kk']})|\sосылай\s+(?:дейді|деді|"
    rf"{SPEECH_VERBS['kk']})"
)
# "said Ankara was ready": a clause after the verb, told by its finite verb, without "that"
FINITE = r"(?:is|are|was|were|will|would|has|have|had|can|could|should|must|may|might|did|does)"
# Kazakh content before the verb: a clause made a noun, in the accusative ("маңыздылығын атап
# өтті", "айналып бара жатқанын мәлімдеді", "білдіретіні туралы мәлімдеді")
ACCUSATIVE = (
    r"[а-яәғқңөұүһі-]+(?:ғанын|генін|қанын|кенін|атынын|етінін|йтынын|йтінін|уын|уін|ығын|ігін"
    r"|екенін|екендігін|тынын|тінін|лығын|лігін|дығын|дігін|атыны|етіні|йтыны|йтіні)"
)


def find_quotes_kk_en(text: str, entities: list[Entity], lang: str) -> list[Quote]:
    quoted = direct_clauses(text, lang)
    quoted += unopened_clauses(text, lang, quoted)
    quoted += speech_paragraphs(text, lang)
    attributions = [(c.start, c.end) for c in quoted if c.start >= c.content[1]]
    reported = [
        c
        for c in reported_clauses(text, lang)
        if not any(s <= c.content[0] < e for s, e in attributions)  # "…," X told Y on Monday.
    ]
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for clause in in_order(quoted, reported, lang):
        start, end = trimmed(text, *clause.content)
        if any(s < end and start < e for s, e in taken):
            continue
        quote = attributed(text, start, end, clause, entities, lang, quotes)
        if len(quote.text.split()) < MIN_WORDS:
            continue
        taken.append((start, end))
        quotes.append(quote)
    return sorted(quotes, key=lambda quote: quote.start)


def in_order(quoted: list[Clause], reported: list[Clause], lang: str) -> list[Clause]:
    """Clauses in text order; in Kazakh quoted speech first: a Kazakh reported clause spans its
    whole sentence from the subject, so a sentence inside quotation marks would read as one."""
    if lang == "kk":
        return sorted(quoted, key=lambda c: c.content) + sorted(reported, key=lambda c: c.content)
    return sorted(quoted + reported, key=lambda c: c.content)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' ,:–—-"«“':
        start += 1
    while end > start and text[end - 1] in ' ,.–—-"»”':
        end -= 1
    return start, end


def direct_clauses(text: str, lang: str) -> list[Clause]:
    """Quotation marks with a speech verb right after them (the clause up to the sentence's
    end) or right before them (the clause back to the sentence's start)."""
    verbs = SPEECH_VERBS[lang]
    after = re.compile(rf"^[,.]?\s*[–—-]?\s*(?:\S+\s+){{0,6}}?(?:{verbs})\b", re.IGNORECASE)
    before = re.compile(rf"(?:{verbs})\b[^.!?«“\"]{{0,80}}?[:,]?\s*$", re.IGNORECASE)
    clauses = []
    for match in QUOTED.finditer(text):
        start, end = match.span("content")
        rest = text[match.end() : match.end() + 120]
        if after.search(rest):
            stop = sentence_end(text, match.end())
            clauses.append(Clause(match.end(), stop, (start, end)))
            continue
        lead_start = sentence_start(text, match.start())
        lead = text[lead_start : match.start()]
        if before.search(lead) or (lang == "kk" and lead.rstrip().endswith(":")):
            clauses.append(Clause(lead_start, match.start(), (start, end)))
    return clauses


def unopened_clauses(text: str, lang: str, quoted: list[Clause]) -> list[Clause]:
    """ "…», – деді X" whose opening mark the scraper lost or turned ("айтты.»Түркітілдес …"):
    the content runs back to the mark before it or to the paragraph's start."""
    if lang != "kk":
        return []
    verbs = SPEECH_VERBS[lang]
    clauses = []
    for match in re.finditer(rf"[»”\"]\s*,?\s*[–—-]?\s*(?:{verbs})\b", text):
        if any(c.content[0] <= match.start() <= c.content[1] + 1 for c in quoted):
            continue
        opening = max(text.rfind(mark, 0, match.start()) for mark in '«»“"\n')
        clauses.append(
            Clause(match.end(), sentence_end(text, match.end()), (opening + 1, match.start()))
        )
    return clauses


FIRST_PERSON_KK = re.compile(
    r"(?<!\w)(?:біз|біздің|бізге|бізді|бізбен|менің|маған|мені|сіздің|сізге|сізді)(?!\w)"
    r"|\w{3,}(?:мыз|міз|ймыз|йміз|мын|мін|ймын|ймін)(?!\w)",
    re.IGNORECASE,
)
FIRST_PERSON_SHARE = 2  # markers a paragraph needs to read as speech


def speech_paragraphs(text: str, lang: str) -> list[Clause]:
    """Kazakh speech whose quotation marks were lost and that has no attribution of its own: a
    paragraph in the first person, with no quotation marks, is the speaker before going on."""
    if lang != "kk":
        return []
    clauses = []
    for paragraph in re.finditer(r"[^\n]+", text):
        body = paragraph.group()
        if any(mark in body for mark in '«»“”"'):
            continue
        if len(FIRST_PERSON_KK.findall(body)) >= FIRST_PERSON_SHARE:
            start = paragraph.start()
            clauses.append(Clause(start, start, (start, min(paragraph.end(), start + 400))))
    return clauses


def reported_clauses(text: str, lang: str) -> list[Clause]:
    """Speech without quotation marks, sentence by sentence; "Бұл туралы X мәлімдеді" and
    "X осылай дейді" report the sentence before."""
    clauses = []
    previous: tuple[int, int] | None = None
    for sentence in SENTENCE.finditer(text):
        start, end = sentence.span()
        if lang == "kk" and previous is not None and REPORTED_KK.search(sentence.group()):
            clauses.append(Clause(start, end, previous))
        elif lang == "kk" and WE_SAY_KK.search(sentence.group()):
            clauses.append(Clause(start, start, (start, end)))  # the speaker before speaks on
        else:
            found = (indirect_en if lang == "en" else indirect_kk)(text, start, end)
            if found is not None:
                clauses.append(found)
        previous = (start, end)
    return clauses


def indirect_en(text: str, start: int, end: int) -> Clause | None:
    sentence = text[start:end]
    verbs, calls = SPEECH_VERBS["en"], CALL_VERBS["en"]
    according = re.match(r"\s*According to (?P<who>[^,]{2,80}),\s*(?P<content>.+)", sentence)
    if according:
        return Clause(start, start + according.end("who"), shift(according.span("content"), start))
    that = re.search(rf"\b(?:{verbs})\b(?:\s+\w+){{0,3}}?\s+that\s+(?P<content>.+)", sentence)
    if that:
        return Clause(start, start + that.start("content"), shift(that.span("content"), start))
    bare = re.search(
        rf"\b(?:{verbs})\b,?\s+(?P<content>(?!that\b)(?:(?:\S+\s+){{0,8}}?{FINITE}\b|"
        rf"(?:he|she|they|we|it|I)\s+\w+).+)",
        sentence,
    )
    if bare:
        return Clause(start, start + bare.start("content"), shift(bare.span("content"), start))
    plain = re.search(
        r"\b(?:said|says)\s+(?P<content>(?!(?:that|in|on|at|during|"
        r"after|before|with|to|for|about|from|by|while|when|last|this|yesterday|today|earlier|"
        r"later|also)\b)\S.+)",
        sentence,
    )
    if plain and len(plain.group("content").split()) >= 4:
        return Clause(start, start + plain.start("content"), shift(plain.span("content"), start))
    call = re.search(rf"\b(?:{calls})\b\s+(?P<content>.+)", sentence)
    if call:
        return Clause(start, start + call.start("content"), shift(call.span("content"), start))
    tail = re.search(rf",\s+(?P<who>[^,]{{2,60}}?)\s+(?:{verbs})\.?\s*$", sentence)
    if tail:
        return Clause(start + tail.start("who"), end, (start, start + tail.start()))
    return None


def indirect_kk(text: str, start: int, end: int) -> Clause | None:
    sentence = text[start:end]
    verbs, calls = SPEECH_VERBS["kk"], CALL_VERBS["kk"]
    words = re.search(
        r"(?P<who>\S+(?:\s\S+){0,3}?)\s+(?:сөзінше|айтуынша|пікірінше|мәліметінше|хабарлауынша|"
        r"(?:[\w-]+\s+)?(?:деректерге|мәліметтерге|деректеріне|мәліметіне|хабарламасына)\s+сәйкес|"
        r"(?:мәліметі|дерегі|хабарлауы|хабарламасы)\s+бойынша),\s*(?P<content>.+)",
        sentence,
    )
    if words:
        return Clause(start, start + words.end("who"), shift(words.span("content"), start))
    said = re.search(rf"\s+деп\s+(?:[\w-]+\s+){{0,3}}?(?:{verbs})\b", sentence)
    if said and re.search(r"\w", sentence[said.end() :]):
        # "…, деп хабарлайды Ақорданың баспасөз қызметі": the source after the verb
        return Clause(start + said.end(), end, (start, start + said.start()))
    if said:
        return subject_first(start, start + said.start(), end)
    nominal = re.search(
        rf"{ACCUSATIVE}(?=\s+(?:туралы\s+)?(?:[\w-]+\s+){{0,2}}?(?:{verbs})\b)", sentence
    )
    if nominal:
        return subject_first(start, start + nominal.end(), end)
    call = re.search(rf"\b(?:{calls})\b", sentence)
    if call:
        return subject_first(start, start + call.start(), end)
    return None


def subject_first(start: int, content_end: int, end: int) -> Clause:
    """Kazakh puts the speaker first: "Мемлекет басшысы [CONTENT] деп атап өтті". The subject
    is looked for in the whole sentence around the content; the content is what stands between
    the first comma-free phrase that names a speaker and the verb."""
    return Clause(start, end, (start, content_end))


def shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by


def attributed(
    text: str,
    start: int,
    end: int,
    clause: Clause,
    entities: list[Entity],
    lang: str,
    earlier: list[Quote],
) -> Quote:
    """The quote with the person or body its clause names, outside the content; a pronoun or a
    title alone is the person `antecedent` finds."""
    named = [
        e for e in entities if e.type in ("PER", "ORG") and clause.start <= e.start < clause.end
    ]
    speakers = [e for e in named if not (start <= e.start < end)]
    if lang == "kk" and clause.content[0] == clause.start:
        first_words = text[start : start + SUBJECT_CHARS].split()[:2]
        if any(is_title(word.strip(",.").lower(), lang) for word in first_words):
            # "Президент ҰҚШҰ … айналғанын атап өтті": the title is the subject, not the name after
            named = [e for e in named if e.type == "PER" and e.start <= start + SUBJECT_CHARS]
            speakers = named
            title_words = 1 + (not is_title(first_words[0].lower(), lang))
            skip = len(" ".join(first_words[:title_words]))
            start, end = trimmed(text, start + skip, end) if not named else (start, end)
        subject = [e for e in named if e.start <= start + SUBJECT_CHARS]  # the sentence's subject
        speakers = subject or speakers
        if subject:
            start, end = trimmed(text, max(start, subject_end(text, subject[0], end)), end)
    if lang == "en" and clause.end <= start:
        speakers = subjects(text, speakers)  # "The head of the EU Council said": no subject
    speakers = people_over_their_bodies(text, speakers)
    if clause.start == clause.end:  # a statement going on: its speaker is the one before
        speaker = previous_speaker(entities, earlier, clause.start)
    else:
        speaker = speakers[0] if speakers else antecedent(text, clause, entities, lang, earlier)
    if speaker is not None and is_outlet(speaker) and named_source(speakers, speaker):
        speaker = named_source(speakers, speaker)  # "деп хабарлайды Egemen.kz Ақордаға сілтеме"
    elif speaker is not None and is_outlet(speaker):
        opening = sentence_start(text, min(clause.start, clause.content[0]))
        sentence = [
            e for e in entities if e.type in ("PER", "ORG") and opening <= e.start < clause.end
        ]
        speaker = named_source(sentence, speaker) or speaker
    if speaker is not None and speaker.type == "ORG":
        speaker = spokesperson(text, speaker, entities, lang) or speaker
    quote = Quote(text=text[start:end], start=start, end=end)
    if speaker is None:
        return quote
    quote.speaker, quote.speaker_id = speaker.name, speaker.id
    quote.speaker_span = (speaker.start, speaker.end)
    quote.role = role_before(text, speaker, lang) if speaker.type == "PER" else None
    return quote
