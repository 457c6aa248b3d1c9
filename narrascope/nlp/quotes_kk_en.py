"""Who said what in Kazakh and English: the speech clauses of each language, their content, and
the speaker the clause names (linked as `names` linked it), with the title before the name.

English: "“…,” Tokayev said", "he said: “…”", "X said/noted/stressed that …", "According to X,
…", "…, X said.", "X called for/urged …". Kazakh: "«…», – деді X", "X: «…»", "X … деп атап
өтті/мәлімдеді/хабарлады", "X-тың сөзінше, …", "… екенін атап өтті", "X … шақырды/ұсынды". The
speaker is the person or body the clause names; a pronoun ("he", "ол") or a bare title ("the
President", "Мемлекет басшысы") is the last person named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.name_rules import vocabulary
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
PRONOUNS = {
    "en": frozenset({"he", "she", "they", "him", "her"}),
    "kk": frozenset({"ол", "оның", "олар"}),
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


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int  # the attribution clause: where the speaker is looked for
    content: tuple[int, int]


def find_quotes_kk_en(text: str, entities: list[Entity], lang: str) -> list[Quote]:
    quoted = direct_clauses(text, lang)
    quoted += unopened_clauses(text, lang, quoted)
    attributions = [(c.start, c.end) for c in quoted if c.start >= c.content[1]]
    reported = [
        c
        for c in reported_clauses(text, lang)
        if not any(s <= c.content[0] < e for s, e in attributions)  # "…," X told Y on Monday.
    ]
    clauses = quoted + reported
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for clause in sorted(clauses, key=lambda c: c.content):
        start, end = trimmed(text, *clause.content)
        if any(s < end and start < e for s, e in taken):
            continue
        quote = attributed(text, start, end, clause, entities, lang, quotes)
        if len(quote.text.split()) < MIN_WORDS:
            continue
        taken.append((start, end))
        quotes.append(quote)
    return quotes


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
        return subject_first(text, start, start + said.start(), end)
    nominal = re.search(
        rf"{ACCUSATIVE}(?=\s+(?:туралы\s+)?(?:[\w-]+\s+){{0,2}}?(?:{verbs})\b)", sentence
    )
    if nominal:
        return subject_first(text, start, start + nominal.end(), end)
    call = re.search(rf"\b(?:{calls})\b", sentence)
    if call:
        return subject_first(text, start, start + call.start(), end)
    return None


def subject_first(text: str, start: int, content_end: int, end: int) -> Clause:
    """Kazakh puts the speaker first: "Мемлекет басшысы [CONTENT] деп атап өтті". The subject
    is looked for in the whole sentence around the content; the content is what stands between
    the first comma-free phrase that names a speaker and the verb."""
    return Clause(start, end, (start, content_end))


def shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by


def sentence_start(text: str, position: int) -> int:
    cut = max(text.rfind(mark, 0, position) for mark in (". ", "! ", "? ", "\n"))
    return cut + 1 if cut >= 0 else 0


def sentence_end(text: str, position: int) -> int:
    found = [i for i in (text.find(mark, position) for mark in (". ", "!", "?", "\n")) if i >= 0]
    return min(found) + 1 if found else len(text)


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
    if speaker is not None and is_outlet(speaker):
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


SUBJECT_CHARS = 60
SITE = re.compile(r"[\w-]+\.(?:kz|KZ|ru|tv|com|uz|kg|info|news)")


def is_outlet(entity: Entity) -> bool:
    known = knowledge_base().entities.get(entity.id)
    return bool(known and known.media) or bool(SITE.fullmatch(entity.text))


def named_source(named: list[Entity], outlet: Entity) -> Entity | None:
    """ "Еліміздің сыртқы істер министрлігі … пікір білдірді, деп хабарлайды El.kz": an
    outlet relaying a source the sentence names is not the speaker; the source is."""
    return next((e for e in named if e is not outlet and not is_outlet(e)), None)


def people_over_their_bodies(text: str, speakers: list[Entity]) -> list[Entity]:
    """ "деді ҚР СІМ Мұхтар Тілеуберді", "MFA spokesperson Aibek Smadiyarov": a body written
    right before a person, in the same phrase, is the person's employer; the person speaks."""
    if len(speakers) < 2 or speakers[0].type != "ORG":
        return speakers
    body, person = speakers[0], speakers[1]
    between = text[body.end : person.start]
    if person.type == "PER" and len(between) <= 40 and not re.search(r"[,.;:«»\"]", between):
        return [person, *speakers[2:]]
    return speakers


def spokesperson(text: str, body: Entity, entities: list[Entity], lang: str) -> Entity | None:
    """ "деді СІМ баспасөз хатшысы": a body followed by a person's title is that person, named
    where the text writes the same title before a name ("баспасөз хатшысы Айбек Смадияров")."""
    following = text[body.end : body.end + 60].split()[:3]
    titles = vocabulary(lang).person_titles
    last = next((i for i, word in enumerate(following) if word.lower() in titles), None)
    if last is None:
        return None
    title = " ".join(following[: last + 1])
    for match in re.finditer(re.escape(title) + r"\s+", text):
        person = next((e for e in entities if e.type == "PER" and e.start == match.end()), None)
        if person is not None:
            return person
    return None


OBJECT_WORDS = frozenset({"with", "to", "by", "from", "of", "for", "and", "on", "at", "in"})


def subjects(text: str, speakers: list[Entity]) -> list[Entity]:
    """English names before a speech verb that no preposition governs, nearest the verb first
    ("During talks with Sergey Lavrov, Tleuberdi said"): the subject of the clause."""
    free = []
    for entity in speakers:
        before = text[max(0, entity.start - 30) : entity.start].split()
        before = [w.lower() for w in before if w.lower() not in ("the", "a", "an")]
        if before[-2:] == ["according", "to"] or not before or before[-1] not in OBJECT_WORDS:
            free.append(entity)
    return free[::-1]


def subject_end(text: str, subject: Entity, end: int) -> int:
    """Where the content begins after a Kazakh subject: past its name and the press-service
    or title words that go with it ("Ақорданың баспасөз қызметі")."""
    match = re.match(
        r"(?:\s+(?:баспасөз\s+қызметі|[а-яәғқңөұүһі-]+сы|[а-яәғқңөұүһі-]+сі))*,?",
        text[subject.end : end],
    )
    return subject.end + (match.end() if match else 0)


def previous_speaker(entities: list[Entity], earlier: list[Quote], before: int) -> Entity | None:
    spoken = [q for q in earlier if q.speaker_span and q.end <= before + 1]
    if not spoken:
        return None
    return next((e for e in entities if (e.start, e.end) == spoken[-1].speaker_span), None)


def antecedent(
    text: str, clause: Clause, entities: list[Entity], lang: str, earlier: list[Quote]
) -> Entity | None:
    """Who "he", "ол" or a title alone ("Қазақстанның Тұңғыш президенті") is: the speaker of
    the quote just before, else the person the sentence before begins with (its subject, in
    Kazakh and English alike), else the last person named."""
    attribution = text[clause.start : clause.end].lower().split()
    pronoun = any(word.strip(",.") in PRONOUNS[lang] for word in attribution)
    titled = any(is_title(word.strip(",."), lang) for word in attribution)
    if not (pronoun or titled):
        return None
    people = [e for e in entities if e.type == "PER" and e.end <= clause.start]
    spoke = previous_speaker(entities, earlier, clause.start)
    if spoke is not None and spoke.type == "PER":
        return spoke
    titled_person = holder_of_title(text, attribution, people, lang) or bare_holder(
        attribution, entities
    )
    if titled_person is not None:
        return titled_person
    sentence = sentence_start(text, len(text[: sentence_start(text, clause.start)].rstrip()) - 1)
    opening = [e for e in people if sentence <= e.start]
    return opening[0] if opening else (people[-1] if people else None)


def is_title(word: str, lang: str) -> bool:
    """A person's title, also with a Kazakh ending ("Министрдің", "президентінің")."""
    titles = vocabulary(lang).person_titles
    if word in titles or lang != "kk":
        return word in titles
    return any(word.startswith(TITLE_STEM.sub("", title)) for title in titles if len(title) > 5)


TITLE_STEM = re.compile(r"(?:сы|сі|ы|і)$")


def bare_holder(attribution: list[str], entities: list[Entity]) -> Entity | None:
    """ "Мемлекет басшысы", "the Head of State": of the knowledge-base people that bare title
    means, the one the document names."""
    kb = knowledge_base()
    written = " ".join(word.strip(",.") for word in attribution)
    named = {e.id: e for e in entities if e.type == "PER"}
    holders = {
        person_id
        for (_, title), ids in kb.bare.items()
        if title in written
        for person_id in ids
        if person_id in named
    }
    return named[next(iter(holders))] if len(holders) == 1 else None


def holder_of_title(
    text: str, attribution: list[str], people: list[Entity], lang: str
) -> Entity | None:
    """ "the Kazakh Foreign Minister stated", "деді Президент": the person the text first
    introduces with the same title ("Foreign Minister Mukhtar Tleuberdi", "Қазақстан
    Президенті Қасым-Жомарт Тоқаев")."""
    for index, word in enumerate(attribution):
        word = word.strip(",.")
        if not is_title(word, lang):
            continue
        stem = TITLE_STEM.sub("", word) if lang == "kk" else word
        qualifier = attribution[index - 1].strip(",.") if index else ""
        for person in people:
            before = text[max(0, person.start - 60) : person.start].lower().split()
            if before and before[-1].startswith(stem):
                if lang == "en" and qualifier and len(before) > 1 and before[-2] != qualifier:
                    continue
                return person
    return None


def role_before(text: str, speaker: Entity, lang: str) -> str | None:
    """The title written right before the name: "Kazakh Foreign Minister Murat Nurtleu" →
    "foreign minister", "Сыртқы істер министрі Қайрат Абдрахманов" → "сыртқы істер министрі"."""
    words = text[max(0, speaker.start - 80) : speaker.start].split()[-5:]
    titles = vocabulary(lang).person_titles
    last = max((i for i, w in enumerate(words) if w.lower().strip(",") in titles), default=None)
    if last is None or last != len(words) - 1:
        return None
    first = last
    while (
        first > 0
        and not words[first - 1].endswith((",", ".", ":"))
        and (words[first - 1][0].islower() or lang == "en")
    ):
        if lang == "en" and words[first - 1].lower() not in vocabulary(lang).descriptors | titles:
            break
        first -= 1
    role = [w for w in words[first : last + 1] if w.lower() not in ("kazakh", "the")]
    return " ".join(role).lower() or None
