"""Partner groups of the multi-vector picture (narrascope/data/partners/*.yaml).

Each group names countries and knowledge-base entities; `entity_groups` maps every linked entity
id that counts for a group (the country, its people and bodies) so the store can count documents
per group without knowing the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from narrascope.nlp.kb import knowledge_base


@dataclass(frozen=True, slots=True)
class PartnerGroup:
    id: str
    names: dict[str, str]
    countries: frozenset[str]
    entities: frozenset[str]

    def name(self, lang: str = "ru") -> str:
        return self.names.get(lang) or self.names.get("en") or self.id


@cache
def partner_groups(pack: str = "kazakhstan") -> tuple[PartnerGroup, ...]:
    text = files("narrascope").joinpath(f"data/partners/{pack}.yaml").read_text("utf-8")
    return tuple(
        PartnerGroup(
            id=item["id"],
            names={lang: str(name) for lang, name in item["name"].items()},
            countries=frozenset(item.get("countries") or ()),
            entities=frozenset(item.get("entities") or ()),
        )
        for item in yaml.safe_load(text)
    )


@cache
def entity_groups(pack: str = "kazakhstan") -> dict[str, str]:
    """Entity id → partner group id, for every knowledge-base entity that counts for a group."""
    groups = partner_groups(pack)
    found: dict[str, str] = {}
    for entity in knowledge_base().entities.values():
        for group in groups:
            if entity.id in group.entities or entity.affiliation in group.countries:
                found.setdefault(entity.id, group.id)
    return found
