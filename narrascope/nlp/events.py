"""Diplomatic events a document reports: visits, talks, summits, agreements signed, and the plans
and cancellations of them, each with its participants (linked entities), place, date and the
span that reports it.

A sentence holds an event when a trigger word names one (`event_words`) and the entities around
it make it diplomatic: a person or organisation the knowledge base knows, a state, or two actors.
"23 зарубежных визита" counts visits (a figure), it reports none. Reports of one event in one
document ("Путин прибыл с визитом … Визит Путина …") are merged; `dedup.events` gives reports
of one event across documents one `event_id`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.nlp.claim_subject import is_relay
from narrascope.nlp.claim_time import published_day
from narrascope.nlp.event_time import stated_date
from narrascope.nlp.event_words import (
    ADOPTED,
    CALL,
    CANCEL,
    DOCUMENTS,
    DOMESTIC_COUNTERPARTS,
    NOT_EVENTS,
    NOT_HELD,
    NOT_RECEPTION,
    PLAN_LEMMAS,
    PREVIEW,
    QUICK,
    RECEIVED,
    TRIGGERS,
    is_future,
    is_nominative,
    is_number,
    is_verb,
    read,
)
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import WORD
from narrascope.nlp.quotes import sentences
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity, Event

PLACE_BEFORE = re.compile(r"(?:^|\s)(?:в|во)\s+$", re.I)
SOURCE_AFTER_DASH = re.compile(r"[,.]?\s*[—–-]\s*$")
CLAUSE_MARKS = ",;:—–("
SUMMIT_CONTEXT = re.compile(
    r"международн|межгосударствен|межправительствен|глав государств|лидер|G20|G7|COP|ООН|"
    r"министр\w* иностранных",
    re.I,
)
DIPLOMATIC_POST = re.compile(
    r"президент|премьер|министр|глав\w* (?:МИД|государств|правительств|делегаци)|посол|"
    r"канцлер|госсекретар|генсек|генеральн\w+ секретар|лидер|делегаци|король|эмир|султан|"
    r"шейх|наследн\w+ принц|спецпредстав|спецпосланник|верховн\w+ представител",
    re.I,
)
NEGATED = re.compile(r"\bпланов\b[^.]*\bнет\b|\bне планиру|\bне намерен|\bне собира", re.I)
DOMESTIC_SESSIONS = frozenset(
    ["правительство", "суд", "акимат", "маслихат", "мажилис", "сенат", "коллегия"]
)
MAX_TITLE_WORDS = 14
ITEM_BREAK = re.compile(r"[,;:\n]|\s(?:и|а также)\s")
STATUS_TYPE = {"planned": "announcement", "cancelled": "cancellation"}


@dataclass(slots=True, frozen=True)
class Word:
    start: int
    end: int
    text: str


class ExtractEvents(Stage):
    name = "events"
    requires = ("text", "entities", "published")
    assigns = ("events",)

    def apply(self, doc: Document) -> Document:
        doc.events = find_events(doc.text or "", doc.entities, doc.published)
        return doc


def find_events(text: str, entities: list[Entity], published: str | None) -> list[Event]:
    if not QUICK.search(text):
        return []
    found: list[Event] = []
    stated: set[int] = set()  # ids of the events whose date the text gives
    for start, end in sentences(text):
        if not QUICK.search(text, start, end):
            continue
        words = [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
        near = [e for e in entities if start <= e.start < end]
        for index, word in enumerate(words):
            if QUICK.search(word.text):
                earlier = found[-1] if found else None
                found += events_at(
                    text, (start, end), words, index, near, published, earlier, stated
                )
    return merged(found, stated)


def events_at(
    text: str,
    sentence: tuple[int, int],
    words: list[Word],
    index: int,
    entities: list[Entity],
    published: str | None,
    earlier: Event | None,
    stated: set[int],
) -> list[Event]:
    """`earlier`: the document's event before, whose participants a sentence naming nobody
    continues ("Лидеры стран проведут переговоры") and whose date an undated plan takes ("будут
    приняты 20 соглашений" at the meeting reported). A report of what happened with no date is
    on the document's day until another report of it in the document dates it (`merged`)."""
    kind = trigger_kind(text, sentence, words, index, entities)
    if kind is None or NEGATED.search(text, sentence[0], sentence[1]):
        return []
    trigger = words[index]
    place = place_of(text, trigger, entities, kind)
    clause = clause_around(text, sentence, trigger)
    in_clause = [e for e in entities if clause[0] <= e.start < clause[1]]
    found = participants_of(text, sentence, trigger, in_clause, kind, place)
    if not found:
        found = participants_of(text, sentence, trigger, entities, kind, place)
    participants = [e.id for e in found] or (list(earlier.participants) if earlier else [])
    if not is_diplomatic(participants, place, text[sentence[0] : sentence[1]]):
        return []
    status = status_of(text, sentence, words, index)
    start, end = sentence
    at = trigger.start - start
    day = stated_date(text[start:end], at, published, status == "planned")
    dated = day is not None
    if day is None and status == "planned":
        inherited = earlier.date if earlier is not None else None
        day = inherited if inherited and len(inherited) == 10 else None
    elif day is None:
        today = published_day(published)
        day = today.isoformat() if today else None
    base = Event(
        type=STATUS_TYPE.get(status, kind),
        kind=kind,
        status=status,
        date=day,
        participants=participants,
        place=place.id if place else None,
        text=text[start:end],
        start=start,
        end=end,
    )
    if kind != "agreement":
        events = [base]
    else:
        events = [
            Event(
                **{
                    **base.as_dict(),
                    "text": text[s:e],
                    "start": s,
                    "end": e,
                    "title": title,
                    "count": count,
                }
            )
            for s, e, title, count in agreement_items(text, sentence, words, index)
        ]
    if dated:
        stated.update(id(event) for event in events)
    return events


def trigger_kind(
    text: str, sentence: tuple[int, int], words: list[Word], index: int, entities: list[Entity]
) -> str | None:
    word = words[index]
    reading = read(word.text)
    kind = TRIGGERS.get(reading.lemma)
    if kind is None or is_hyphen_part(text, word):
        return None
    following = [read(w.text).lemma for w in words[index + 1 : index + 4]]
    if kind == "arrival":
        return "visit" if destination_after(text, word, entities) else None
    if kind == "call":
        return "talks" if CALL.search(text, sentence[0], sentence[1]) else None
    if kind == "conversation":
        return "talks" if counterpart_after(text, word, entities) else None
    if kind == "reception":
        if any(lemma in DOCUMENTS or lemma in ADOPTED for lemma in following):
            return "agreement"
        received = any(lemma in RECEIVED for lemma in following[:2]) or any(
            e.type == "PER" and 0 < e.start - word.end < 30 for e in entities
        )
        return "talks" if received and not NOT_RECEPTION & set(following[:2]) else None
    if kind != "agreement" and counted(words, index):
        return None  # "23 зарубежных визита": a figure
    if kind == "summit" and not is_summit(text, sentence, following, entities):
        return None
    if kind == "talks" and DOMESTIC_COUNTERPARTS & set(following):
        return None  # "встречу с губернатором": a country's own business
    if kind == "talks" and any(
        is_international(e) and 0 < e.start - word.end < 30 for e in entities
    ):
        return "summit"  # "встреча лидеров ОДКБ"
    return kind


def is_hyphen_part(text: str, word: Word) -> bool:
    """ "пресс-конференция", "видеовстреча": a word glued to another by a hyphen."""
    if word.start > 0 and text[word.start - 1] == "-":
        before = WORD.findall(text[max(0, word.start - 12) : word.start - 1])
        return bool(before) and before[-1].lower() in NOT_EVENTS
    return False


def counted(words: list[Word], index: int) -> bool:
    before = [w.text for w in words[max(0, index - 3) : index]]
    return any(is_number(w) for w in before[-2:])


def counterpart_after(text: str, word: Word, entities: list[Entity]) -> bool:
    """ "позвонил Путину", "разговаривал с избранным президентом США Трампом"."""
    return any(e.type == "PER" and 0 < e.start - word.end < 45 for e in entities)


def destination_after(text: str, word: Word, entities: list[Entity]) -> bool:
    return any(
        e.type == "LOC"
        and 0 < e.start - word.end < 25
        and PLACE_BEFORE.search(text[word.end : e.start])
        for e in entities
    )


def is_summit(
    text: str, sentence: tuple[int, int], following: list[str], entities: list[Entity]
) -> bool:
    if following[:1] and following[0] in DOMESTIC_SESSIONS:
        return False
    international = any(is_international(e) for e in entities)
    countries = {e.id for e in entities if e.id.startswith("country:")}
    window = text[sentence[0] : sentence[1]]
    leaders = any(e.type == "PER" and e.id in knowledge_base().entities for e in entities)
    return international or leaders or len(countries) >= 2 or bool(SUMMIT_CONTEXT.search(window))


def is_international(entity: Entity) -> bool:
    known = knowledge_base().entities.get(entity.id)
    return (
        known is not None
        and entity.type == "ORG"
        and not known.media
        and not known.country
        and entity.id.startswith("org:")
    )


def place_of(text: str, trigger: Word, entities: list[Entity], kind: str) -> Entity | None:
    """Where: a place after "в"/"на"; the visit's destination after its trigger; a city before
    its country."""
    places = [
        e
        for e in entities
        if e.type == "LOC" and PLACE_BEFORE.search(text[max(0, e.start - 4) : e.start])
    ]
    if kind == "visit":
        after = [e for e in places if e.start > trigger.end]
        places = after or places
    cities = [e for e in places if not e.id.startswith(("country:", "region:"))]
    chosen = cities or places
    return chosen[0] if chosen else None


def participants_of(
    text: str,
    sentence: tuple[int, int],
    trigger: Word,
    entities: list[Entity],
    kind: str,
    place: Entity | None,
) -> list[Entity]:
    """People and organisations of the sentence (not outlets or sources), the main one first;
    the states when it names none."""
    actors = [
        e
        for e in entities
        if e.type in ("PER", "ORG")
        and not is_pronoun(e.text)
        and not is_relay(text, e)
        and not is_tail_source(text, e, sentence)
    ]
    if not actors:
        actors = [
            e
            for e in entities
            if e.id.startswith("country:")
            and (place is None or e.id != place.id)
            and is_nominative(e.text.split()[0])
        ]
    main = main_participant(actors, trigger, kind)
    ordered = ([main] if main else []) + [e for e in actors if main is None or e.id != main.id]
    return list({e.id: e for e in ordered}.values())


def is_pronoun(text: str) -> bool:
    """ "Это" read as a name."""
    return any(mark in read(text.split()[0]).tag for mark in ("NPRO", "PRCL", "CONJ"))


def main_participant(actors: list[Entity], trigger: Word, kind: str) -> Entity | None:
    if kind == "summit":
        international = [e for e in actors if is_international(e)]
        if international:
            return international[0]
    before = [e for e in actors if e.start < trigger.start]
    people = [e for e in before if e.type == "PER"]
    if people or before:
        return (people or before)[-1]
    return actors[0] if actors else None


def is_tail_source(text: str, entity: Entity, sentence: tuple[int, int]) -> bool:
    """ "…, — Кремль.": the source a Telegram post names at the end of its sentence."""
    rest = text[entity.end : sentence[1]].strip(' .»"*')
    return not rest and bool(SOURCE_AFTER_DASH.search(text[sentence[0] : entity.start]))


def is_diplomatic(participants: list[str], place: Entity | None, sentence: str) -> bool:
    """Someone the knowledge base knows (a leader, a ministry, an organisation, not an outlet),
    two states, or people the sentence gives a diplomatic post ("министр иностранных дел
    Японии Такеши Ивайя")."""
    kb = knowledge_base().entities
    known = [p for p in participants if p in kb and not kb[p].media]
    states = [p for p in participants if p.startswith("country:")]
    if known or len(states) >= 2:
        return True
    return bool(participants) and bool(DIPLOMATIC_POST.search(sentence))


def status_of(text: str, sentence: tuple[int, int], words: list[Word], index: int) -> str:
    start, end = clause_around(text, sentence, words[index])
    clause = text[start:end]
    if CANCEL.search(clause) or NOT_HELD.search(clause):
        return "cancelled"
    trigger = read(words[index].text)
    if trigger.tag.startswith("VERB"):
        return "planned" if is_future(trigger) else "happened"
    readings = [read(w.text) for w in words if start <= w.start < end]
    if PREVIEW.search(clause) or any(r.lemma in PLAN_LEMMAS for r in readings):
        return "planned"
    verbs = [r for r in readings if is_verb(r)]
    return "planned" if verbs and is_future(verbs[0]) else "happened"


def clause_around(text: str, sentence: tuple[int, int], word: Word) -> tuple[int, int]:
    marks = [text.rfind(mark, sentence[0], word.start) for mark in CLAUSE_MARKS]
    start = max([sentence[0], *(m + 1 for m in marks if m != -1)])
    stops = [text.find(mark, word.end, sentence[1]) for mark in CLAUSE_MARKS]
    return start, min([sentence[1], *(s for s in stops if s != -1)])


def agreement_items(
    text: str, sentence: tuple[int, int], words: list[Word], index: int
) -> list[tuple[int, int, str | None, int | None]]:
    """Each document signed (its span, its name as written, the number when only counted:
    "20 соглашений"); none when no document is named ("подписал указ"). A document noun
    after another with no "и" or comma between ("пакет документов", "протокол о продлении
    соглашения") is part of it."""
    nouns = [
        i
        for i in range(max(0, index - 4), len(words))
        if i != index and read(words[i].text).lemma in DOCUMENTS
    ]
    heads: list[int] = []
    for i in nouns:
        gap = text[words[heads[-1]].end : words[i].start] if heads else ","
        if i - 1 not in nouns and (ITEM_BREAK.search(gap) or not heads):
            heads.append(i)
    items: list[tuple[int, int, str | None, int | None]] = []
    for position, head in enumerate(heads):
        start = item_start(words, head)
        stop = heads[position + 1] if position + 1 < len(heads) else len(words)
        end = item_end(text, sentence, words, head, stop)
        title = text[words[start].start : end]
        items.append((words[start].start, end, title, number_before(words, head)))
    return items


def item_start(words: list[Word], noun: int) -> int:
    start = noun
    while start > 0 and (
        "ADJF" in read(words[start - 1].text).tag or is_number(words[start - 1].text)
    ):
        start -= 1
    return start


def item_end(text: str, sentence: tuple[int, int], words: list[Word], noun: int, stop: int) -> int:
    """The document's name runs to a clause mark, a verb, or the "и" before the next document."""
    end = words[noun].end
    for position in range(noun + 1, min(stop, noun + MAX_TITLE_WORDS)):
        word = words[position]
        if any(mark in text[end : word.start] for mark in ',;:.()—–«»"'):
            break
        if word.text.lower() == "и" and (
            position + 1 >= item_start(words, stop)
            or (position + 1 < len(words) and is_verb(read(words[position + 1].text)))
        ):
            break
        if is_verb(read(word.text)) and "PRTF" not in read(word.text).tag:
            break
        end = word.end
    return min(end, sentence[1])


def number_before(words: list[Word], noun: int) -> int | None:
    for word in reversed(words[max(0, noun - 3) : noun]):
        if word.text.isdigit():
            return int(word.text)
        if read(word.text).lemma == "десяток":
            return 10
    return None


def merged(events: list[Event], stated: set[int]) -> list[Event]:
    """Reports of one event in one document kept once (the first), their participants joined;
    an undated report takes the date another report of it gives ("позвонил Путину в
    пятницу")."""
    kept: list[Event] = []
    for event in events:
        same = next((k for k in kept if same_event(k, event, stated)), None)
        if same is None:
            kept.append(event)
            continue
        same.participants += [p for p in event.participants if p not in same.participants]
        same.place = same.place or event.place
        if id(same) not in stated and id(event) in stated:
            if not (same.date or "").startswith(event.date or "-"):
                same.date = event.date  # "в этом году" does not undo the day it happened
            stated.add(id(same))
    return kept


def same_event(a: Event, b: Event, stated: set[int]) -> bool:
    if (a.type, a.kind) != (b.type, b.kind):
        return False
    both_dated = id(a) in stated and id(b) in stated
    if a.date != b.date and (both_dated or (id(a) not in stated and id(b) not in stated)):
        return False
    if a.kind == "agreement" and (a.title or "").split()[:1] != (b.title or "").split()[:1]:
        return False
    shared = set(a.participants) & set(b.participants)
    same_place = a.kind == "visit" and a.place is not None and a.place == b.place
    return bool(shared) or same_place or not a.participants or not b.participants
