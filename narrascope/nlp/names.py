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
from narrascope.nlp.kb import KnowledgeBase, knowledge_base
from narrascope.nlp.known_names import bare_titles, known_names
from narrascope.nlp.linking import coverage, main_country
from narrascope.nlp.name_rules import (
    SITE,
    Found,
    after_title,
    at_sentence_start,
    capitalised_runs,
    coordinated,
    outside,
    unknown_name,
)
from narrascope.nlp.spelling import (
    KAZAKH_CASE,
    name_pattern,
    names_by_spelling,
    spelling_key,
)
from narrascope.records import Entity

DOMAIN_NAME = re.compile(rf"(?<![\w.@/])[A-Za-z][\w-]+\.{SITE}(?!\w|\.\w)")

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
    # initials with a surname ("М.Чавушоглу"); outlets named by their site ("Egemen.kz")
    found += unclaimed(INITIAL_AND_SURNAME, text, found, "PER")
    found += unclaimed(DOMAIN_NAME, text, found, "ORG")
    taken = [(f.start, f.end) for f in found]
    for run in capitalised_runs(text, lang):
        for part in (p for whole in outside(run, taken) for p in coordinated(whole, lang)):
            named, titled = after_title(part, lang)
            name = unknown_name(text, named, lang, titled)
            if name is not None:
                found.append(name)
    found = with_first_names(text, found, kb)
    found += surnames_again(text, lang, found)
    found = surnames_joined(found)
    found = initials_joined(found)
    entities = [as_entity(text, f, kb) for f in found]
    country = main_country(entities, kb)
    entities = [titled_body(e, kb, country, published) for e in entities]
    return sorted(entities, key=lambda e: (e.start, -e.end))


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


def unclaimed(pattern: re.Pattern[str], text: str, found: list[Found], kind: str) -> list[Found]:
    """The pattern's matches no earlier name covers, as names of `kind`."""
    covered = coverage(found)
    return [
        Found(match.start(), match.end(), kind, match.group())
        for match in pattern.finditer(text)
        if not covered(*match.span())
    ]


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
    full = by_surname(found)
    if not full:
        return []
    covered = coverage(found)
    pattern = name_pattern(set(full), lang)
    again = []
    for match in pattern.finditer(text):
        if covered(*match.span()):
            continue
        end = match.end() if lang == "kk" else match.end("name")
        person = full[match.group("name")]
        again.append(Found(match.start(), end, "PER", person.normal, person.id))
    return again


def by_surname(found: list[Found]) -> dict[str, Found]:
    """The people named in full, by their surname (the last one named of a surname)."""
    return {f.normal.split()[-1]: f for f in found if f.type == "PER" and " " in f.normal}


def surnames_joined(found: list[Found]) -> list[Found]:
    """A single word that is the surname of a person the text names in full is that person:
    one typed a place by its preposition ("according to Smadiyarov"), or a person by the title
    before it ("Сарапшы Смирновтың айтуынша")."""
    surnames = by_surname(found)
    result = []
    for name in found:
        alone = name.id is None and " " not in name.normal and name.type in ("LOC", "PER")
        person = surnames.get(name.normal) if alone else None
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
    for code, name in country_names():
        for prefix in (f"{name} ", f"{name}'s ", f"{name}’s "):
            if title.startswith(prefix):
                owner, title = code, title.removeprefix(prefix)
        if title.endswith(f" of {name}"):
            owner, title = code, title.removesuffix(f" of {name}")
    found = kb.by_title(owner, title, published)
    return replace(entity, id=found.id, name=found.name) if found else entity


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """(ISO code, name) of every country in each of its languages, in knowledge-base order."""
    return tuple(
        (place.id.split(":")[1].upper(), name)
        for place in knowledge_base().entities.values()
        if place.id.startswith("country:")
        for name in place.names.values()
    )


def as_entity(text: str, found: Found, kb: KnowledgeBase) -> Entity:
    """The entity of a name: the knowledge base's (by its id, or a person spelt otherwise), or
    one with a stable id from its normal form."""
    if found.id is None and found.type == "PER":
        same = names_by_spelling().get(spelling_key(found.normal))
        if same and kb.entities[same].type == "PER":
            found = replace(found, id=same)
    known = kb.entities[found.id] if found.id is not None else None
    return Entity(
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        type=known.type if known else found.type,
        normal=found.normal,
        id=known.id if known else entity_id(found.type, found.normal),
        name=known.name if known else found.normal,
    )
