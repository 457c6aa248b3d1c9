"""The knowledge base shipped as a domain pack (narrascope/data/kb/*.yaml).

Entities have stable ids, names in ru/kk/en, aliases and abbreviations, a type, for people their
positions with dates, and for countries the Russian adjective ("казахстанский"). Lookups accept a
mention's surface, its normal form or the lemmas of its words, so inflected and normalised forms
meet the same entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

import yaml

from narrascope.nlp.lemmas import WORD, analyzer, word_lemmas

QUOTES = re.compile(r"[«»\"“”„]")


@dataclass(frozen=True, slots=True)
class Position:
    role: str
    country: str | None = None
    since: str | None = None
    until: str | None = None

    def held_on(self, day: str | None) -> bool:
        if day is None:
            return self.until is None
        return (self.since or "") <= day[:10] and (self.until is None or day[:10] < self.until)


@dataclass(frozen=True, slots=True)
class KbEntity:
    id: str
    type: str
    names: dict[str, str]
    aliases: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    adjective: str | None = None
    bare_country: str | None = None
    bare_role: str | None = None  # for people: the post whose holder the bare titles mean
    bare_titles: tuple[str, ...] = ()
    country: str | None = None  # ISO code the entity acts for, when the pack says so
    media: bool = False  # a news outlet: it relays what others say

    @property
    def name(self) -> str:
        return self.names.get("ru") or next(iter(self.names.values()))

    @property
    def affiliation(self) -> str | None:
        """The country an entity speaks for: its own code, the pack's `country`, or for a person
        the country of the latest dated position."""
        if self.id.startswith("country:"):
            return self.id.removeprefix("country:").upper()
        if self.country:
            return self.country
        dated = sorted((p.since or "", p.country) for p in self.positions if p.country)
        return dated[-1][1] if dated else None


def surface_key(text: str) -> str:
    return " ".join(QUOTES.sub("", text).lower().replace("ё", "е").split())


def lemma_key(text: str) -> str:
    return " ".join(word_lemmas(match.group())[0] for match in WORD.finditer(QUOTES.sub("", text)))


HOME_COUNTRY = re.compile(r"\bРеспублики Казахстан\b")


def home_country_variants(aliases: tuple[str, ...]) -> list[str]:
    """ "… Республики Казахстан" is written "… РК" and "… Казахстана" as often as in full."""
    variants = list(aliases)
    for alias in aliases:
        if HOME_COUNTRY.search(alias):
            variants += [HOME_COUNTRY.sub(short, alias) for short in ("РК", "Казахстана")]
    return list(dict.fromkeys(variants))


@dataclass
class KnowledgeBase:
    entities: dict[str, KbEntity]
    by_surface: dict[str, str] = field(default_factory=dict)
    by_lemmas: dict[str, str] = field(default_factory=dict)
    alias_by_lemmas: dict[str, str] = field(default_factory=dict)  # lemma key -> alias as written
    adjectives: dict[str, str] = field(default_factory=dict)  # adjective form -> entity id
    bare: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (country, title) -> ids

    def __post_init__(self) -> None:
        for entity in self.entities.values():
            for title in entity.bare_titles:
                key = (entity.bare_country or "", surface_key(title))
                self.bare.setdefault(key, []).append(entity.id)
            for alias in home_country_variants((*entity.names.values(), *entity.aliases)):
                self.by_surface.setdefault(surface_key(alias), entity.id)
                if len(alias) > 3:  # short abbreviations match by surface only
                    self.by_lemmas.setdefault(lemma_key(alias), entity.id)
                    self.alias_by_lemmas.setdefault(lemma_key(alias), alias)
            if entity.adjective:
                for form in adjective_forms(entity.adjective):
                    self.adjectives.setdefault(form, entity.id)

    @cached_property
    def distinctive(self) -> re.Pattern[str]:
        """Aliases safe to find by exact surface: abbreviations ("ЕАЭС", "СВМДА", "C5+") and
        names of two or more words ("MIND Maqsut Narikbayev University", "The Astana Times")."""
        aliases = {
            alias
            for entity in self.entities.values()
            if entity.type in ("ORG", "LOC")
            for alias in (*entity.names.values(), *entity.aliases)
            if is_abbreviation(alias) or len(alias.split()) >= 2
        }
        ordered = sorted(aliases, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")

    @cached_property
    def surnames(self) -> dict[str, str]:
        """Every case form of the people's one-word Russian surnames ("Путин", "Путина",
        "Путиным") -> the person's id; a surname that is also a common word or a woman's first
        name ("Мамин", "Карин") is left to the tagger."""
        forms: dict[str, str] = {}
        for entity in self.entities.values():
            if entity.type != "PER":
                continue
            for alias in (*entity.names.values(), *entity.aliases):
                if CYRILLIC.fullmatch(alias) and len(alias) >= 5 and not reads_as_word(alias):
                    for ending in CASE_ENDINGS if alias[-1] not in VOWELS else ("",):
                        forms.setdefault(alias + ending, entity.id)
        return forms

    def by_title(self, country: str, title: str, day: str | None) -> KbEntity | None:
        """Who or what a bare title means in a text about `country` on `day`."""
        candidates = [self.entities[i] for i in self.bare.get((country, surface_key(title)), [])]
        people = [e for e in candidates if e.positions]
        if not people:
            return candidates[0] if len(candidates) == 1 else None
        holding = [
            e for e in people if any(p.role == e.bare_role and p.held_on(day) for p in e.positions)
        ]
        return holding[0] if len(holding) == 1 else None

    def holder(self, country: str, title: str, day: str | None) -> KbEntity | None:
        """The one person whose position in `country` on `day` has the title's head word
        ("Президент" of BY: Александр Лукашенко)."""
        words = lemma_key(title).split()
        if not words:
            return None
        found = {
            entity.id: entity
            for entity in self.entities.values()
            for position in entity.positions
            if position.country == country
            and position.held_on(day)
            and lemma_key(position.role).split()[:1] == words[:1]
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def nominative(self, text: str) -> str | None:
        """The alias a mention inflects, as written in the knowledge base ("Республики
        Казахстан" → "Республика Казахстан"); None when the mention is no known alias."""
        if surface_key(text) in self.by_surface:
            return text
        return self.alias_by_lemmas.get(lemma_key(text)) if len(text) > 3 else None

    def lookup(self, *texts: str) -> KbEntity | None:
        for text in texts:
            found = self.by_surface.get(surface_key(text))
            if found is None and len(text) > 3:
                found = self.by_lemmas.get(lemma_key(text))
            if found is not None:
                return self.entities[found]
        return None


CYRILLIC = re.compile(r"[А-ЯЁ][а-яё]+")
VOWELS = "аеёиоуыэюя"
CASE_ENDINGS = ("", "а", "у", "ым", "ом", "е")


def reads_as_word(alias: str) -> bool:
    return any(
        "ADJF" in p.tag or ("Name" in p.tag and "femn" in p.tag)
        for p in analyzer().parse(alias.lower())
    )


def is_abbreviation(alias: str) -> bool:
    letters = alias.rstrip("+").replace("-", "")
    return 2 <= len(letters) <= 10 and letters.isupper() and letters.isalnum()


def adjective_forms(lemma: str) -> set[str]:
    parse = next((p for p in analyzer().parse(lemma) if "ADJF" in p.tag), None)
    if parse is None:
        return {lemma}
    return {form.word.replace("ё", "е") for form in parse.lexeme if "ADJF" in form.tag}


def entity_from_yaml(item: dict[str, Any]) -> KbEntity:
    positions = tuple(
        Position(
            role=p["role"],
            country=p.get("country"),
            since=str(p["since"]) if p.get("since") else None,
            until=str(p["until"]) if p.get("until") else None,
        )
        for p in item.get("positions") or []
    )
    return KbEntity(
        id=item["id"],
        type=item["type"],
        names={lang: str(name) for lang, name in item["name"].items()},
        aliases=tuple(str(alias) for alias in item.get("aliases") or []),
        positions=positions,
        adjective=item.get("adjective"),
        bare_country=(item.get("bare") or {}).get("country"),
        bare_role=(item.get("bare") or {}).get("role"),
        bare_titles=tuple((item.get("bare") or {}).get("titles") or ()),
        country=item.get("country"),
        media=bool(item.get("media")),
    )


@cache
def knowledge_base() -> KnowledgeBase:
    """Loaded once per process from the packaged YAML files."""
    folder = files("narrascope").joinpath("data/kb")
    entities: dict[str, KbEntity] = {}
    for name in ("kazakhstan.yaml", "countries.yaml"):
        for item in yaml.safe_load(folder.joinpath(name).read_text("utf-8")):
            entity = entity_from_yaml(item)
            entities.setdefault(entity.id, entity)
    return KnowledgeBase(entities)
