"""Names in Kazakh and English text: the knowledge base's names in every language, inflected as
each language inflects them, and the names it does not hold (`name_rules`).

natasha reads Russian only. No Kazakh or English tagger ships its model inside a PyPI package
from its authors (spaCy's English models are re-uploaded by third parties only; kazstem needs
HFST binaries and resources built outside its wheel, and is GPL), so names here come from the
knowledge base and rules. The passes, in order, each over what the earlier ones left:
1. knowledge-base names and aliases, as written or inflected ("Тоқаевтың", "ШЫҰ-ға",
   "Tokayev's"), in capitals ("ASTANA"), or spelt otherwise ("Моңғолия", "Kassym-Zhomart");
2. the bodies its bare titles name ("сыртқы істер министрлігі", "the Foreign Ministry"), linked
   to the country the text is about unless the name holds another;
3. organisations whose name holds a place ("Ауғанстанның сыртқы істер министрлігі");
4. initials with a surname, outlets named by their site ("Egemen.kz");
5. capitalised runs (`name_rules`), and surnames written again alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from narrascope.ids import entity_id
from narrascope.nlp.kb import KnowledgeBase, knowledge_base, surface_key
from narrascope.nlp.linking import main_country
from narrascope.nlp.name_rules import (
    WORD,
    Found,
    after_title,
    at_sentence_start,
    capitalised_runs,
    outside,
    unknown_name,
    vocabulary,
)
from narrascope.nlp.spelling import (
    KAZAKH_CASE,
    kazakh_variants,
    name_pattern,
    names_by_spelling,
    spelling_key,
    spelt_like_known,
)
from narrascope.records import Entity

DOMAIN_NAME = re.compile(
    r"(?<![\w.@/])[A-Za-z][\w-]+\.(?:kz|KZ|ru|tv|com|uz|kg|info|news)(?!\w|\.\w)"
)

INITIAL_AND_SURNAME = re.compile(
    r"(?<![\w.])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]{2,}(?:-[\w]+)?"
)

KAZAKH_ORG_HEADS = (
    "министрлігі|комитеті|агенттігі|кеңесі|ұйымы|одағы|банкі|қоры|университеті|институты"
    "|партиясы|компаниясы|корпорациясы|парламенті|сенаты|мәжілісі|үкіметі|әкімдігі|соты"
    "|ассамблеясы|құрылымы|хатшылығы|комиссиясы|палатасы"
)

KAZAKH_ORG_HEAD = re.compile(rf"(?P<head>{KAZAKH_ORG_HEADS})(?:н)?{KAZAKH_CASE}")

CAPITALISED = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]*"
ABBREVIATION = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}"

ORGANISATION_SPAN = {
    # a capitalised name, up to three words, and an organisation's head noun, all in one phrase;
    # after an abbreviation the words may be capitalised ("БҰҰ Бас ассамблеясының")
    "kk": re.compile(
        rf"(?<![\w-])(?:{CAPITALISED}(?: [a-zа-яёәғқңөұүһі-]+){{0,3}}?|{ABBREVIATION}(?:-\w+)?"
        rf"(?: [\w-]+){{0,3}}?) (?:{KAZAKH_ORG_HEADS})(?:н)?{KAZAKH_CASE}(?![\w-])"
    ),
    "en": re.compile(
        rf"(?<![\w-])(?:{CAPITALISED} ){{0,3}}(?:Ministry|Court|Council|Committee|Agency|Office"
        rf"|Administration|Embassy|Government|Parliament|Bank)(?: of(?: the)? {CAPITALISED}"
        rf"(?: {CAPITALISED})?)?(?:['’]s)?(?![\w-])"
    ),
}


def recognize_names(
    text: str, lang: str, kb: KnowledgeBase | None = None, published: str | None = None
) -> list[Entity]:
    kb = kb or knowledge_base()
    found = known_names(text, lang, kb) + bare_titles(text, lang, kb)
    found = organisations_around_places(text, lang, found)
    found += initialled(text, found) + outlets_by_domain(text, found)
    taken = [(f.start, f.end) for f in found]
    for run in capitalised_runs(text, lang):
        for part in outside(run, taken):
            named, titled = after_title(part, lang)
            name = unknown_name(text, named, lang, titled)
            if name is not None:
                found.append(name)
    found = with_first_names(text, found, kb)
    found += surnames_again(text, lang, found)
    found = people_not_places(found)
    found = initials_joined(found)
    entities = [as_entity(text, f, kb) for f in found]
    country = main_country(entities, kb)
    entities = [titled_body(e, kb, country, published) for e in entities]
    return sorted(entities, key=lambda e: (e.start, -e.end))


@cache
def name_index_written(lang: str) -> frozenset[str]:
    kb = knowledge_base()
    written = {a for e in kb.entities.values() for a in (*e.names.values(), *e.aliases)}
    if lang == "kk":
        written |= {v for a in list(written) for v in kazakh_variants(a)}
    return frozenset(written)


@cache
def name_index(lang: str) -> dict[str, str]:
    """Surface key of every knowledge-base name, alias and their Kazakh variants -> entity id."""
    kb = knowledge_base()
    index = dict(kb.by_surface)
    if lang == "kk":
        for entity in kb.entities.values():
            for alias in (*entity.names.values(), *entity.aliases):
                for variant in kazakh_variants(alias):
                    index.setdefault(surface_key(variant), entity.id)
    return index


@cache
def alias_pattern(lang: str) -> re.Pattern[str]:
    aliases = {alias for alias in name_index_written(lang) if len(alias) > 1}
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
    taken = [(f.start, f.end) for f in found]
    for match in WORD.finditer(text):
        word = match.group()
        if len(word) < 4 or not word.isupper():
            continue
        if any(s < match.end() and match.start() < e for s, e in taken):
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
    taken = [(f.start, f.end) for f in found]
    index = name_index(lang)
    kb = knowledge_base()
    pairs = []
    for match in HYPHEN_PAIR.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
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


def organisations_around_places(text: str, lang: str, found: list[Found]) -> list[Found]:
    """An organisation's name that holds a place's ("Foreign Ministry of Kazakhstan",
    "Ауғанстанның сыртқы істер министрлігі", "Supreme Court of Kazakhstan") is one name, the
    organisation's; the place inside it is no mention of its own."""
    pattern = ORGANISATION_SPAN[lang]
    places = [f for f in found if f.type == "LOC" or f.id is None]
    others = [f for f in found if f not in places]
    organisations: list[Found] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        inner = [o for o in others if o.start < end and start < o.end]
        organ = lang == "kk" and len(inner) == 1 and inner[0].start == start and inner[0].end < end
        if inner and not organ:
            continue
        starts_with_place = any(p.start == start and p.type == "LOC" for p in places)
        if at_sentence_start(text, start) and not starts_with_place:
            continue  # "Бұл туралы сыртқы істер министрлігінің": the capital is the sentence's
        if lang == "en" and not any(start <= p.start and p.end <= end for p in places):
            continue  # the other English organisations are capitalised runs
        if lang == "en":  # the name ends with the place it holds, without a possessive
            end = max(p.end for p in places if start <= p.start and p.end <= end)
        organisations.append(Found(start, end, "ORG", base_name(text[start:end], lang)))

    def inside(name: Found) -> bool:
        return any(o.start <= name.start and name.end <= o.end for o in organisations)

    kept = [o for o in others if not inside(o)] + [p for p in places if not inside(p)]
    return kept + organisations


def base_name(name: str, lang: str) -> str:
    if lang == "kk":
        last = name.rsplit(" ", 1)[-1]
        match = KAZAKH_ORG_HEAD.fullmatch(last)
        if match:
            return name[: len(name) - len(last)] + match.group("head")
    return name


def outlets_by_domain(text: str, found: list[Found]) -> list[Found]:
    """ "Egemen.kz", "Tengrinews.kz", "ERNUR.KZ": an outlet named by its site."""
    taken = [(f.start, f.end) for f in found]
    outlets = []
    for match in DOMAIN_NAME.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            outlets.append(Found(match.start(), match.end(), "ORG", match.group()))
    return outlets


def initialled(text: str, found: list[Found]) -> list[Found]:
    """ "М.Чавушоглу", "А. Смадияров": an initial and a surname are a person."""
    taken = [(f.start, f.end) for f in found]
    people = []
    for match in INITIAL_AND_SURNAME.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            people.append(Found(match.start(), match.end(), "PER", match.group()))
    return people


def with_first_names(text: str, found: list[Found], kb: KnowledgeBase) -> list[Found]:
    """A name of one or two words right before a knowledge-base person is their first names in
    another spelling ("Kassym-Zhomart Tokayev", "Recep Tayyip Erdogan"): one mention of them."""
    people = {f.start: f for f in found if f.id and kb.entities[f.id].type == "PER"}
    merged, dropped = [], set()
    for name in found:
        if name.id is not None or name.type != "PER" or len(name.normal.split()) > 2:
            continue
        if "." in name.normal:
            continue
        after = next((p for s, p in people.items() if 0 < s - name.end <= 1), None)
        if after is not None and text[name.end : after.start] == " ":
            merged.append(replace(after, start=name.start))
            dropped |= {id(name), id(after)}
    return [f for f in found if id(f) not in dropped] + merged


def surnames_again(text: str, lang: str, found: list[Found]) -> list[Found]:
    """A person the knowledge base does not hold, named in full once, is the same person where
    the text later writes the surname alone ("Umarov", "Дәуітоғлының")."""
    full = {f.normal.split()[-1]: f for f in found if f.type == "PER" and " " in f.normal}
    if not full:
        return []
    taken = [(f.start, f.end) for f in found]
    pattern = name_pattern(set(full), lang)
    again = []
    for match in pattern.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        end = match.end() if lang == "kk" else match.end("name")
        person = full[match.group("name")]
        again.append(Found(match.start(), end, "PER", person.normal, person.id))
    return again


def people_not_places(found: list[Found]) -> list[Found]:
    """A single word typed a place by its preposition ("according to Smadiyarov") that is the
    surname of a person the text names is that person."""
    surnames = {f.normal.split()[-1]: f for f in found if f.type == "PER" and " " in f.normal}
    result = []
    for name in found:
        person = surnames.get(name.normal) if name.type == "LOC" and name.id is None else None
        result.append(replace(person, start=name.start, end=name.end) if person else name)
    return result


def initials_joined(found: list[Found]) -> list[Found]:
    """ "А.Смадияров" is the "Айбек Смадияров" the text names in full, when the initial fits."""
    full = [f for f in found if f.type == "PER" and " " in f.normal]
    result = []
    for name in found:
        initial, dot, surname = name.normal.partition(".")
        same = [
            f
            for f in full
            if dot
            and name.type == "PER"
            and f.normal.split()[-1] == surname.strip()
            and f.normal.startswith(initial)
        ]
        result.append(replace(same[0], start=name.start, end=name.end) if same else name)
    return result


def titled_body(entity: Entity, kb: KnowledgeBase, country: str, published: str | None) -> Entity:
    """ "Сыртқы істер министрлігі", "the Foreign Ministry": the body of the country the text is
    about (the knowledge base's bare titles), or of the country its name holds."""
    if entity.id in kb.entities or entity.type != "ORG":
        return entity
    owner, title = country, entity.normal
    for place in kb.entities.values():
        if not place.id.startswith("country:"):
            continue
        for name in place.names.values():
            for prefix in (f"{name} ", f"{name}'s ", f"{name}’s "):
                if title.startswith(prefix):
                    owner, title = place.id.split(":")[1].upper(), title.removeprefix(prefix)
            if title.endswith(f" of {name}"):
                owner, title = place.id.split(":")[1].upper(), title.removesuffix(f" of {name}")
    found = kb.by_title(owner, title, published)
    return replace(entity, id=found.id, name=found.name) if found else entity


def as_entity(text: str, found: Found, kb: KnowledgeBase) -> Entity:
    if found.id is None and found.type == "PER":
        same = names_by_spelling().get(spelling_key(found.normal))
        if same and kb.entities[same].type == "PER":
            found = replace(found, id=same)
    if found.id is not None:
        known = kb.entities[found.id]
        return Entity(
            text=text[found.start : found.end],
            start=found.start,
            end=found.end,
            type=known.type,
            normal=found.normal,
            id=known.id,
            name=known.name,
        )
    return Entity(
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        type=found.type,
        normal=found.normal,
        id=entity_id(found.type, found.normal),
        name=found.normal,
    )
