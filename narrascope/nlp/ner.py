"""Named entities: natasha's NER, corrected by rules and a lexicon, normalised to the nominative.

Numbered steps:
1. natasha segments the text and tags entities (slovnet NER over navec embeddings);
2. `mentions` rules: a span never crosses a line; "Name (Other name)" is two mentions;
3. morphology (the costly part of natasha) is tagged only around the first mention of each
   surface the knowledge base does not already give in the nominative ("Казахстана" is the
   alias "Казахстан" inflected);
4. normal forms: people and places word by word (natasha); organisations inflect only their head
   noun and the adjectives before it, so "Центра политических исследований" becomes
   "Центр политических исследований" and not "Центр политические исследования";
5. what the tagger missed: abbreviations and multi-word names from the knowledge base, other
   occurrences of a name it found, and adjectives of countries ("казахстанский") as mentions of
   the country (see `linking`);
6. linking to the knowledge base and, inside the document, short forms to full ones.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from narrascope.ids import entity_id
from narrascope.nlp import _compat  # noqa: F401 - must precede natasha
from narrascope.nlp.fast_tagger import accelerate
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.lemmas import analyzer
from narrascope.nlp.linking import country_adjectives, kb_mentions, link_entities, repeated_mentions
from narrascope.nlp.mentions import CONVENTIONS, DEFAULT_CONVENTION, Mention, correct_mentions
from narrascope.nlp.names import recognize_names
from narrascope.nlp.normal import normalize_name
from narrascope.pipeline import Stage
from narrascope.records import Document, Entity

NOUNS = ("NOUN", "PROPN")
NAMES_LANGUAGES = ("kk", "en")  # natasha reads Russian; these get `names`
FEMININE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)а$")
CONTEXT_CHARS = 12  # about one word of context on each side of a mention, for the morphology tagger
MODIFIERS = ("ADJ", "VERB")  # adjectives and participles agree with the head noun


@dataclass(frozen=True, slots=True)
class NatashaModels:
    segmenter: Any
    morph_vocab: Any
    morph_tagger: Any
    ner_tagger: Any


@cache
def natasha_models() -> NatashaModels:
    """Loaded once per process: the embedding and taggers ship inside the natasha package."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return NatashaModels(
        segmenter=Segmenter(),
        morph_vocab=MorphVocab(),
        morph_tagger=accelerate(NewsMorphTagger(embedding)),
        ner_tagger=accelerate(NewsNERTagger(embedding)),
    )


def recognize(
    text: str,
    models: NatashaModels,
    convention: str = DEFAULT_CONVENTION,
    published: str | None = None,
) -> list[Entity]:
    found = [Mention(s.start, s.stop, s.type) for s in models.ner_tagger(text).spans]  # 1.
    mentions = correct_mentions(text, found, convention)  # 2.
    normals = normal_forms(text, mentions, models)  # 3., 4.
    entities = [entity(text, m, normal) for m, normal in zip(mentions, normals, strict=True)]
    kb = knowledge_base()
    entities += kb_mentions(text, entities, kb)  # 5.
    entities += repeated_mentions(text, entities)
    if CONVENTIONS[convention].adjectives:
        entities += country_adjectives(text, entities, kb)
    ordered = sorted(entities, key=lambda e: (e.start, -e.end))
    return link_entities(ordered, kb, text, published)  # 6.


def normal_forms(text: str, mentions: list[Mention], models: NatashaModels) -> list[str]:
    """The normal form of each mention, found once per distinct surface and type.

    A name is normalised once, at its first mention: on NEREL a third of the names the tagger
    would see are repeats of a surface already seen in the same text.
    """
    keys = [(text[m.start : m.end], m.type) for m in mentions]
    firsts: dict[tuple[str, str], Mention] = {}
    for key, mention in zip(keys, mentions, strict=True):
        firsts.setdefault(key, mention)
    kb = knowledge_base()
    known = {key: kb.nominative(key[0]) or by_head(*key) for key in firsts}
    tokens = tag_morphology(
        text, [firsts[key] for key, normal in known.items() if not normal], models
    )
    normals = {
        key: normal or normal_form(text, firsts[key], tokens, models)
        for key, normal in known.items()
    }
    return [normals[key] for key in keys]


def by_head(surface: str, kind: str) -> str | None:
    """Places and organisations are normalised by their head without the tagger (`normal`)."""
    return normalize_name(surface) if kind != "PER" else None


def tag_morphology(text: str, mentions: list[Mention], models: NatashaModels) -> list[Any]:
    """Tokens with morphology for a window of context around each mention.

    Whole-document segmentation and tagging cost as much as NER itself; the case of a name is
    decided by the few words around it, so only those windows are tokenised and tagged, in
    batches of windows of similar length (a batch is padded to its longest).
    """
    from natasha.doc import DocToken, inject_morph

    windows = merge_windows(text, mentions)
    token_lists = [
        [
            DocToken(start + t.start, start + t.stop, t.text)
            for t in models.segmenter.tokenize(text[start:end])
        ]
        for start, end in windows
    ]
    by_length = sorted(token_lists, key=len)
    markups = models.morph_tagger.map([[t.text for t in tokens] for tokens in by_length])
    for tokens, markup in zip(by_length, markups, strict=True):
        inject_morph(tokens, markup.tokens)
    return [token for tokens in token_lists for token in tokens]


def merge_windows(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        start = text.rfind(" ", 0, max(0, mention.start - CONTEXT_CHARS)) + 1
        end = text.find(" ", mention.end + CONTEXT_CHARS)
        end = len(text) if end == -1 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def normal_form(text: str, mention: Mention, tokens: list[Any], models: NatashaModels) -> str:
    first = bisect.bisect_left(tokens, mention.start, key=lambda t: t.start)
    inside = []
    for token in tokens[first:]:
        if token.start >= mention.end:
            break
        if token.stop <= mention.end:
            inside.append(token)
    return normalize(inside, mention.type, models.morph_vocab) or text[mention.start : mention.end]


def entity(text: str, mention: Mention, normal: str) -> Entity:
    return Entity(
        text=text[mention.start : mention.end],
        start=mention.start,
        end=mention.end,
        type=mention.type,
        normal=normal,
        id=entity_id(mention.type, normal),
        name=normal,
    )


def normalize(tokens: list[Any], kind: str, vocab: Any) -> str:
    from natasha.norm import inflect_word, recover_shapes, recover_spaces

    if not tokens or any(t.pos is None for t in tokens):
        return ""
    inflect = range(len(tokens)) if kind != "ORG" else org_head(tokens)
    words = [inflect_word(vocab, t) if i in inflect else t.text for i, t in enumerate(tokens)]
    if kind == "PER":
        words = feminine_surname(masculine_surname(words), tokens)
    return str(recover_spaces(recover_shapes(words, tokens), tokens))


def masculine_surname(words: list[str]) -> list[str]:
    """ "Рустема Мустафина" is a man: the tagger may read the surname as a woman's nominative."""
    if len(words) < 2 or not FEMININE_SURNAME.search(words[-1]):
        return words
    first = analyzer().parse(words[0])
    if any({"Name", "masc"} <= p.tag.grammemes for p in first[:1]):
        return [*words[:-1], words[-1][:-1]]
    return words


def feminine_surname(words: list[str], tokens: list[Any]) -> list[str]:
    """ "Салтанат Досжанова", "Гульнар Кулкаева": a woman's first name (the tagger's or the
    dictionary's reading) in the nominative as written makes a surname in -ова/-ина her
    nominative, not a man's genitive."""
    if len(words) < 2 or len(tokens) != len(words):
        return words
    written_first, written_last = tokens[0].text, tokens[-1].text
    if words[0].lower() != written_first.lower() or not FEMININE_SURNAME.search(written_last):
        return words
    tagged = (tokens[0].feats or {}).get("Gender")
    first = analyzer().parse(written_first)[:1]
    woman = tagged == "Fem" or any({"Name", "femn"} <= p.tag.grammemes for p in first)
    if not woman:
        return words  # "Сапарбек Туякбаева": a man's name, however the surname is written
    return [*words[:-1], written_last.lower() if words[-1].islower() else written_last]


def org_head(tokens: list[Any]) -> set[int]:
    """Indices of the leading modifiers and the head noun of an organisation name."""
    head: set[int] = set()
    for index, token in enumerate(tokens):
        head.add(index)
        if token.pos not in MODIFIERS:
            break
    return head if tokens[max(head)].pos in NOUNS else set()


class RecognizeEntities(Stage):
    name = "ner"
    requires = ("text",)
    assigns = ("entities",)

    def __init__(self, convention: str = DEFAULT_CONVENTION) -> None:
        self.convention = convention

    def setup(self) -> None:
        self.models = natasha_models()

    def apply(self, doc: Document) -> Document:
        if doc.lang in NAMES_LANGUAGES:
            doc.entities = recognize_names(doc.text or "", doc.lang or "", published=doc.published)
        else:
            doc.entities = recognize(doc.text or "", self.models, self.convention, doc.published)
        return doc
