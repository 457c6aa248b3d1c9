"""Knowledge-base names in Kazakh and English text: every name and alias in any of its three
languages, inflected as Kazakh inflects a name ("Тоқаевтың", "ШЫҰ-ға"), in capitals ("ASTANA"),
spelt otherwise ("Моңғолия", "НҰР-СҰЛТАН"), two joined by a hyphen ("Палестина-Израиль"); and
the bodies its bare titles name ("сыртқы істер министрлігі", "the Foreign Ministry"), which
`names.titled_body` links.
"""

from __future__ import annotations

import re
from functools import cache

from narrascope.nlp.kb import KnowledgeBase, knowledge_base, surface_key
from narrascope.nlp.linking import coverage
from narrascope.nlp.name_rules import WORD, Found, vocabulary
from narrascope.nlp.spelling import kazakh_variants, name_pattern, spelt_like_known


@cache
def kazakh_forms(lang: str) -> tuple[frozenset[str], dict[str, str]]:
    """Every knowledge-base name and alias as written (with their Kazakh variants in Kazakh),
    and the surface key of each -> entity id."""
    kb = knowledge_base()
    written = {a for e in kb.entities.values() for a in (*e.names.values(), *e.aliases)}
    index = dict(kb.by_surface)
    if lang == "kk":
        for entity in kb.entities.values():
            for alias in (*entity.names.values(), *entity.aliases):
                for variant in kazakh_variants(alias):
                    written.add(variant)
                    index.setdefault(surface_key(variant), entity.id)
    return frozenset(written), index


def name_index(lang: str) -> dict[str, str]:
    return kazakh_forms(lang)[1]


@cache
def alias_pattern(lang: str) -> re.Pattern[str]:
    aliases = {alias for alias in kazakh_forms(lang)[0] if len(alias) > 1}
    return name_pattern(aliases, lang)


def known_names(text: str, lang: str, kb: KnowledgeBase) -> list[Found]:
    """Knowledge-base names as written (inflected as the language does), and in capitals
    ("ASTANA, Dec. 3 (Kazinform) –")."""
    found = []
    index = name_index(lang)
    for match in alias_pattern(lang).finditer(text):
        entity_key = index.get(surface_key(match.group("name")))
        if entity_key is None:
            continue
        if match.group("name").lower() in vocabulary(lang).person_titles:
            continue  # "Елбасы", "Elbasy": a title, though the knowledge base links it
        start, end = match.start(), match.end() if lang == "kk" else match.end("name")
        if lang == "en" and match.group("name").startswith(("the ", "The ")):
            start += 4  # "the West": the article is no part of the name
        entity = kb.entities[entity_key]
        found.append(Found(start, end, entity.type, match.group("name"), entity.id))
    found += hyphen_pairs(text, lang, found)
    covered = coverage(found)
    for match in WORD.finditer(text):
        word = match.group()
        if len(word) < 4 or not word.isupper() or covered(*match.span()):
            continue
        entity_key = kb.by_surface.get(surface_key(word))
        if entity_key is None:
            entity_key = (spelt_like_known(word, lang) or (None, ""))[0]
        if entity_key is not None and not is_abbreviation_alias(kb, entity_key, word):
            entity = kb.entities[entity_key]
            found.append(Found(match.start(), match.end(), entity.type, word, entity.id))
    return found


HYPHEN_PAIR = re.compile(r"(?<![\w-])([^\W\d_][\w’']*)-([^\W\d_][\w’']*)(?![\w-])")


def hyphen_pairs(text: str, lang: str, found: list[Found]) -> list[Found]:
    """ "Палестина-Израиль қақтығысы", "Kazakhstan-China": two names joined by a hyphen, each
    a mention of its own, when both are knowledge-base names."""
    covered = coverage(found)
    index = name_index(lang)
    kb = knowledge_base()
    pairs = []
    for match in HYPHEN_PAIR.finditer(text):
        if covered(*match.span()):
            continue
        ids = [index.get(surface_key(match.group(side))) for side in (1, 2)]
        if all(ids) and match.group(1)[0].isupper() and match.group(2)[0].isupper():
            for side, entity_key in zip((1, 2), ids, strict=True):
                entity = kb.entities[entity_key or ""]
                pairs.append(
                    Found(
                        match.start(side),
                        match.end(side),
                        entity.type,
                        match.group(side),
                        entity.id,
                    )
                )
    return pairs


def is_abbreviation_alias(kb: KnowledgeBase, entity_id: str, word: str) -> bool:
    """ "UN" is written in capitals anyway: only names otherwise in lower case count here."""
    entity = kb.entities[entity_id]
    return word in (*entity.names.values(), *entity.aliases)


def bare_titles(text: str, lang: str, kb: KnowledgeBase) -> list[Found]:
    """The knowledge base's bare titles of bodies in this language ("Сыртқы істер министрлігі",
    "сыртқы істер министрлігінің", "Foreign Ministry"), as organisations `titled_body` links."""
    found = []
    for match in bare_title_pattern(lang).finditer(text):
        name = match.group("name")
        found.append(
            Found(
                match.start(),
                match.end() if lang == "kk" else match.end("name"),
                "ORG",
                name[0].upper() + name[1:],
            )
        )
    return found


@cache
def bare_title_pattern(lang: str) -> re.Pattern[str]:
    titles = {
        title
        for entity in knowledge_base().entities.values()
        if entity.type == "ORG"
        for title in entity.bare_titles
        if (" " in title or title.isupper()) and (lang == "en") == title.isascii()
    }
    written = titles | {t[0].lower() + t[1:] for t in titles if lang == "kk"}
    return name_pattern(written, lang)
