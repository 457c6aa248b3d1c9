"""One id per person across documents.

Inside one document `linking` joins "Маас" to "Хайко Маас". Across documents, a person the
knowledge base does not know got an id from however each document wrote the name: a surname
alone, an inflected or misspelt form ("Аймагабетов"), the full name. This stage, run in document
order, keeps a register of the people seen (seeded from the store) and gives a new mention the
id of the one known person it can be:
- the same surname up to a case ending or a misspelt letter (`linking.same_word`), and
- a first name that agrees when both are written (an initial agrees with its name).
It never joins when two known people fit, and never touches knowledge-base ids, so two people
the knowledge base keeps apart stay apart. The first id a person got is kept; the fullest name
becomes their name. Quotes follow their speaker's entity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.linking import same_word
from narrascope.pipeline import Stage
from narrascope.records import Document

KnownPeople = Callable[[], Iterable[tuple[str, str]]]  # (id, name) of the people stored


@dataclass(slots=True)
class Person:
    id: str
    name: str

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def first(self) -> str | None:
        words = self.name.split()
        return words[0] if len(words) > 1 else None


@dataclass
class PeopleIndex:
    """The people seen so far, by the first letters of their surname."""

    by_prefix: dict[str, list[Person]] = field(default_factory=dict)
    by_id: dict[str, Person] = field(default_factory=dict)

    def add(self, entity_id: str, name: str) -> None:
        known = self.by_id.get(entity_id)
        if known is not None:
            if len(name.split()) > len(known.name.split()):
                known.name = name
            return
        person = Person(entity_id, name)
        self.by_id[entity_id] = person
        self.by_prefix.setdefault(prefix(person.surname), []).append(person)

    def match(self, name: str) -> Person | None:
        """The one known person `name` can be, else None."""
        probe = Person("", name)
        candidates = [
            person
            for person in self.by_prefix.get(prefix(probe.surname), [])
            if same_word(person.surname, probe.surname) and first_names_agree(person, probe)
        ]
        distinct = {person.id: person for person in candidates}
        return next(iter(distinct.values())) if len(distinct) == 1 else None


def prefix(surname: str) -> str:
    return surname.lower().replace("ё", "е")[:3]


def first_names_agree(known: Person, new: Person) -> bool:
    if known.first is None or new.first is None:
        return True
    first, other = known.first.rstrip(".").lower(), new.first.rstrip(".").lower()
    if len(first) == 1 or len(other) == 1:
        return first[0] == other[0]
    return same_word(first, other)


class ResolvePeople(Stage):
    name = "people"
    requires = ("entities", "quotes")  # and the events, when a stage found them
    assigns = ("entities", "quotes", "events", "author", "author_id")

    def __init__(self, known: KnownPeople | None = None) -> None:
        self.known = known
        self.index: PeopleIndex | None = None

    def setup(self) -> None:
        if self.index is None:
            self.index = PeopleIndex()
            for entity_id, name in self.known() if self.known else ():
                if entity_id not in knowledge_base().entities:
                    self.index.add(entity_id, name)

    def apply(self, doc: Document) -> Document:
        self.setup()
        assert self.index is not None
        index, kb_ids = self.index, knowledge_base().entities
        mine = [(e.id, e.name) for e in doc.entities if e.type == "PER" and e.id not in kb_ids]
        if doc.author_id and doc.author and doc.author_id not in kb_ids:
            mine.append((doc.author_id, doc.author))
        target: dict[str, str] = {}
        for person_id, name in mine:
            if person_id not in target:
                known = index.by_id.get(person_id) or match_name(index, name)
                target[person_id] = known.id if known is not None else person_id
        for person_id, name in sorted(mine, key=lambda pair: -len(pair[1].split())):
            index.add(target[person_id], name)
        if doc.author_id in target:
            doc.author_id = target[doc.author_id]
            doc.author = index.by_id[doc.author_id].name
        doc.entities = [
            replace(e, id=target[e.id], name=index.by_id[target[e.id]].name)
            if e.id in target
            else e
            for e in doc.entities
        ]
        doc.quotes = [
            replace(
                q, speaker_id=target[q.speaker_id], speaker=index.by_id[target[q.speaker_id]].name
            )
            if q.speaker_id in target
            else q
            for q in doc.quotes
        ]
        for event in doc.events:
            moved = [target.get(p, p) for p in event.participants]
            event.participants = list(dict.fromkeys(moved))
        return doc


def match_name(index: PeopleIndex, name: str) -> Person | None:
    """A lone first name ("Сергей", "Мерей") is nobody's surname: it joins no one."""
    if len(name.split()) == 1 and is_first_name(name):
        return None
    return index.match(name)


def is_first_name(word: str) -> bool:
    parses = analyzer().parse(word)[:2]
    return any("Name" in p.tag for p in parses) and not any("Surn" in p.tag for p in parses)
