"""Theme packs: the YAML files analysts edit, read into lemmatised keywords and prototypes.

A pack lists themes with names and descriptions in ru/en/kk, keywords written as plain words
(lemmatised here, so any inflected form matches), knowledge-base ids whose mentions count as
keywords (an organisation is named in many ways and cases: the linker knows them all) and
example sentences. The descriptions and
examples are the prototypes a sentence is compared with by meaning. Thresholds calibrated on
labelled examples (`narrascope eval themes`) live in the pack, so a user's theme gets the
pack's default until it is calibrated too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from narrascope.nlp.lemmas import WORD, word_lemmas

LANGS = ("ru", "en", "kk")
THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_PACK = "kazakhstan"


class ThemePackError(ValueError):
    """A pack file that cannot be used, with the file and the reason."""


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    id: str
    names: dict[str, str]
    descriptions: dict[str, str]
    keywords: tuple[tuple[str, ...], ...]  # lemma sequences
    examples: tuple[str, ...]
    threshold: float | None = None
    entities: frozenset[str] = frozenset()  # knowledge-base ids that count as keywords
    # Kazakh and English keywords: lower-case word beginnings, a phrase word by word ("rare
    # earth" holds "rare earths"; "қауіпсіздік" holds "қауіпсіздігі" … by its beginning)
    stems: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @property
    def prototypes(self) -> list[str]:
        return [*self.descriptions.values(), *self.examples]


@dataclass(frozen=True, slots=True)
class ThemePack:
    name: str
    version: str
    themes: tuple[ThemeSpec, ...]
    threshold: float
    lead_threshold: float
    digest: str = field(default="")
    lead_thresholds: dict[str, float] = field(default_factory=dict)  # calibrated per language
    keyword_thresholds: dict[str, float] = field(default_factory=dict)  # the same, gated

    def lead_threshold_of(self, lang: str | None) -> float:
        """What a sentence without a keyword must reach, in a Kazakh or English document."""
        return self.lead_thresholds.get(lang or "", self.lead_threshold)

    def keyword_threshold_of(self, theme: ThemeSpec, lang: str | None) -> float:
        """What a keyword sentence must reach: the language's own calibration, else the
        theme's (calibrated on Russian)."""
        return self.keyword_thresholds.get(lang or "", self.threshold_of(theme))

    def get(self, theme_id: str) -> ThemeSpec | None:
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def threshold_of(self, theme: ThemeSpec) -> float:
        return theme.threshold if theme.threshold is not None else self.threshold


def lemma_sequence(text: str) -> tuple[str, ...]:
    """The first lemma of each word: what keywords and sentences are matched on."""
    return tuple(word_lemmas(match.group())[0] for match in WORD.finditer(text))


def default_pack_path() -> Path:
    return Path(str(resources.files("narrascope") / "data" / "themes" / f"{DEFAULT_PACK}.yaml"))


@cache
def load_pack(path: Path | None = None) -> ThemePack:
    source = path or default_pack_path()
    try:
        raw = source.read_bytes()
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as error:
        raise ThemePackError(f"{source}: cannot read the theme pack: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ThemePackError(f"{source}: a theme pack is a mapping with a list under 'themes'")
    themes = tuple(parse_theme(source, item) for item in data["themes"])
    ids = [theme.id for theme in themes]
    if len(set(ids)) != len(ids):
        repeated = sorted({theme_id for theme_id in ids if ids.count(theme_id) > 1})
        raise ThemePackError(f"{source}: theme ids repeat: {repeated}")
    calibration = data.get("calibration") or {}
    return ThemePack(
        name=str(data.get("pack") or source.stem),
        version=str(data.get("version", "1")),
        themes=themes,
        threshold=float(calibration.get("threshold", 0.86)),
        lead_threshold=float(calibration.get("lead_threshold", 0.9)),
        digest=hashlib.sha256(raw).hexdigest()[:12],
        lead_thresholds={
            str(lang): float(value)
            for lang, value in (calibration.get("lead_thresholds") or {}).items()
        },
        keyword_thresholds={
            str(lang): float(value)
            for lang, value in (calibration.get("keyword_thresholds") or {}).items()
        },
    )


def theme_names(pack: ThemePack, lang: str = "ru") -> dict[str, str]:
    """Each theme's name in the interface language, its id where the pack names it not."""
    return {theme.id: theme.names.get(lang) or theme.id for theme in pack.themes}


def parse_theme(source: Path, item: Any) -> ThemeSpec:
    if not isinstance(item, dict) or not THEME_ID.match(str(item.get("id", ""))):
        raise ThemePackError(f"{source}: every theme needs an id of lowercase letters, digits, _")
    theme_id = str(item["id"])
    descriptions = item.get("description") or {}
    if not isinstance(descriptions, dict) or not any(descriptions.get(lang) for lang in LANGS):
        raise ThemePackError(f"{source}: theme {theme_id} needs a description in ru, en or kk")
    keywords = tuple(
        sequence for word in item.get("keywords") or [] if (sequence := lemma_sequence(str(word)))
    )
    threshold = item.get("threshold")
    return ThemeSpec(
        id=theme_id,
        names={lang: str(name) for lang, name in (item.get("name") or {}).items()},
        descriptions={lang: str(descriptions[lang]) for lang in LANGS if descriptions.get(lang)},
        keywords=keywords,
        examples=tuple(str(example) for example in item.get("examples") or []),
        threshold=float(threshold) if threshold is not None else None,
        entities=frozenset(str(entity_id) for entity_id in item.get("entities") or []),
        stems={
            str(lang): tuple(tuple(str(phrase).lower().split()) for phrase in phrases)
            for lang, phrases in (item.get("stems") or {}).items()
        },
    )
