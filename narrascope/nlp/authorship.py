"""The author of a bylined piece: linked as a person, and speaking the piece.

An expert's column ("Мирас Жиенбаев, руководитель программы …") or the post of an author's
channel ("Forward from: Многовекторность 2.0 (Гусейнов Эльданиз)") is its author's statement:
the author gets a person id (the knowledge base's, the id of the same person named in the text,
or a new one) and the piece becomes one quote spanning the whole text, spoken by the author under
the position the byline gives; `author` becomes the linked person's name. A bare credit
("Автор: …") with no position is a reporter's: the author is linked, but a news report is an
account of other people's words, not the reporter's statement, so it adds no quote (the speaker
registry would otherwise list every journalist).
"""

from __future__ import annotations

from dataclasses import replace

from narrascope.ids import entity_id
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.linking import same_word
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity, Quote, is_authored

FIRST_PERSON = frozenset({"я", "мы", "мне", "меня", "нам", "нас", "мной", "нами"})


def name_order(name: str) -> str:
    """ "Гусейнов Эльданиз" → "Эльданиз Гусейнов": a byline may put the surname first."""
    words = name.split()
    if len(words) == 2 and is_tagged(words[0], "Surn") and is_tagged(words[1], "Name"):
        return f"{words[1]} {words[0]}"
    return name


def is_tagged(word: str, grammeme: str) -> bool:
    return any(grammeme in parse.tag for parse in analyzer().parse(word)[:2])


def same_person(name: str, entity: Entity) -> bool:
    """The entity's surname is the author's, and a first name written in both agrees."""
    mine, theirs = name.split(), entity.name.split()
    if not same_word(mine[-1], theirs[-1]):
        return False
    return len(mine) == 1 or len(theirs) == 1 or same_word(mine[0], theirs[0])


def linked_author(name: str, entities: list[Entity]) -> tuple[str, str]:
    """(id, canonical name) of the author."""
    known = knowledge_base().lookup(name)
    if known is not None:
        return known.id, known.name
    mentioned = next((e for e in entities if e.type == "PER" and same_person(name, e)), None)
    if mentioned is not None:
        return mentioned.id, mentioned.name
    return entity_id("PER", name), name


def authored_quote(doc: Document) -> Quote:
    text = doc.text or ""
    return Quote(
        text=text,
        start=0,
        end=len(text),
        speaker=doc.author,
        speaker_id=doc.author_id,
        speaker_span=None,
        role=doc.author_role,
    )


class LinkAuthor(Stage):
    name = "authorship"
    requires = ("text", "entities", "quotes")
    assigns = ("author", "author_id", "quotes")

    def apply(self, doc: Document) -> Document:
        if not doc.author or not doc.text:
            return doc
        doc.author_id, doc.author = linked_author(name_order(doc.author.strip()), doc.entities)
        doc.quotes = [q for q in doc.quotes if not is_authored(q, doc.text)]
        if doc.author_role:
            doc.quotes = [authored_quote(doc), *(author_speaks(q, doc) for q in doc.quotes)]
        return doc


def author_speaks(quote: Quote, doc: Document) -> Quote:
    """In an authored piece, speech nobody else is named for ("Нужно признать, что …") or that
    "я"/"мы" say is the author's."""
    if quote.speaker is not None:
        return quote
    span = quote.speaker_span
    if span is not None and (doc.text or "")[span[0] : span[1]].lower() not in FIRST_PERSON:
        return quote
    return replace(quote, speaker=doc.author, speaker_id=doc.author_id, role=doc.author_role)
