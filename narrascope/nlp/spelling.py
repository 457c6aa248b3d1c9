"""How names are written in Kazakh and English: the endings Kazakh puts on a name, the
spellings one name has across transliterations, and the variants of the knowledge base's
Kazakh names.

Kazakh is agglutinative: a name takes a possessive and a case ending ("Тоқаевтың", "Астанада",
"Одағының"; after an abbreviation with a hyphen, "ШЫҰ-ға"). A Latin name has several spellings
(Tokayev, Tokaev; Kassym-Jomart, Kassym-Zhomart) and a Kazakh Cyrillic one its Russian form
(Тоқаев, Токаев): `spelling_key` gives them one key.
"""

from __future__ import annotations

import re
from functools import cache

from narrascope.nlp.kb import knowledge_base

# Kazakh endings a proper noun takes, longest first within each group: possessive, then case.
KAZAKH_POSSESSIVE = "(?:сы|сі|ы|і)?"

KAZAKH_CASES = (
    "ның|нің|дың|дің|тың|тің|ндағы|ндегі|дағы|дегі|тағы|тегі|нда|нде|нан|нен|дан|ден|тан|тен"
    "|ға|ге|қа|ке|на|не|ны|ні|ды|ді|ты|ті|да|де|та|те|мен|бен|пен|ша|ше|а|е|н"
)

KAZAKH_CASE = f"(?:{KAZAKH_CASES})?"

# after an abbreviation the ending takes a hyphen: "ШЫҰ-ға", "ҰҚШҰ-ның"
KAZAKH_ENDING = f"(?:-(?:{KAZAKH_CASES})|{KAZAKH_POSSESSIVE}{KAZAKH_CASE})"

KAZAKH_ENDING_ONLY = re.compile(KAZAKH_ENDING)

ENGLISH_POSSESSIVE = re.compile(r"['’]s?$")

# Case endings of two letters or more on a name's last word (one-letter ones are too often
# part of the name itself).
KAZAKH_NAME_CASE = re.compile(
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|ды|ді|ты|ті|мен|бен|пен|да|де"
    r"|дан|ден|тан|тен|нан|нен)$"
)

KAZAKH_HOME = "Қазақстан Республикасының "

KAZAKH_HOME_SHORT = ("Қазақстан Республикасы ", "ҚР ", "Қазақстанның ", "Қазақстан ")

KAZAKH_TO_RUSSIAN = str.maketrans("қғәөұүіңһёҚҒӘӨҰҮІҢҺЁ", "кгаоууинхеКГАОУУИНХЕ")

LATIN_SPELLINGS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yu", "iu"), ("ya", "ia"), ("y", "i"))

GLIDE = re.compile(r"(?<=[aeiou])y(?=[aeiou])")  # Tokayev / Tokaev, Mirziyoyev / Mirzioev
DOUBLED = re.compile(r"(\w)\1")


def ending(lang: str) -> str:
    """The regex of what may follow a name in the language; English only its possessive, which
    is no part of the name's mention."""
    return KAZAKH_ENDING if lang == "kk" else "(?:['’]s?)?"


def name_pattern(names: set[str] | frozenset[str], lang: str) -> re.Pattern[str]:
    """Any of the names as a whole word, longest first, with the language's ending (`ending`)."""
    body = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?P<name>{body})(?P<ending>{ending(lang)})(?![\w-])")


def base_form(word: str, lang: str) -> str:
    if lang == "en":
        return ENGLISH_POSSESSIVE.sub("", word)
    return word


def kazakh_base(name: str) -> str:
    """A Kazakh name without the case ending on its last word ("Си Цзиньпинді")."""
    match = KAZAKH_NAME_CASE.search(name)
    return name[: match.start()] if match and match.start() - name.rfind(" ") > 3 else name


def kazakh_variants(alias: str) -> list[str]:
    """ "Қазақстан Республикасының Сыртқы істер министрлігі" is as often "ҚР Сыртқы істер
    министрлігі", "Қазақстанның сыртқы істер министрлігі"; a name whose later words are in
    lower case may begin in lower case too."""
    variants = [alias, f"{alias} Республикасы"] if " " not in alias else [alias]
    if alias.isupper() and 2 <= len(alias) <= 6 and alias.isalpha():
        variants += [f"ҚР {alias}", f"Қазақстан {alias}"]  # "ҚР СІМ": the home country's body
    if alias.startswith(KAZAKH_HOME):
        rest = alias.removeprefix(KAZAKH_HOME)
        variants += [short + rest for short in KAZAKH_HOME_SHORT]
    for variant in list(variants):
        first, _, rest = variant.partition(" ")
        if rest and rest.islower():
            variants.append(first.lower() + " " + rest)
        elif " " in rest and rest.split(" ", 1)[1].islower() and rest[0].isupper():
            head, tail = rest.split(" ", 1)
            variants.append(f"{first} {head.lower()} {tail}")
    return variants


def spelling_key(name: str) -> str:
    """One key for the spellings of a name across transliterations: Tokayev, Tokaev;
    Kassym-Jomart, Kassym-Zhomart; Тоқаев, Токаев."""
    key = name.lower().translate(KAZAKH_TO_RUSSIAN).replace("-", " ").replace("’", "'")
    key = GLIDE.sub("", key.replace("'", ""))
    for written, spoken in LATIN_SPELLINGS:
        key = key.replace(written, spoken)
    return " ".join(DOUBLED.sub(r"\1", key).split())


@cache
def names_by_spelling() -> dict[str, str]:
    """Spelling key of every name and alias in the knowledge base -> the entity's id; a key two
    entities share is left out."""
    owners: dict[str, set[str]] = {}
    for entity in knowledge_base().entities.values():
        for alias in (*entity.names.values(), *entity.aliases):
            if len(alias) > 3:
                owners.setdefault(spelling_key(alias), set()).add(entity.id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def spelt_like_known(word: str, lang: str) -> tuple[str, str] | None:
    """(id, the name without its ending) of the knowledge-base entity a word is another
    spelling of ("Моңғолия", "НҰР-СҰЛТАН", "Қатарға")."""
    index = names_by_spelling()
    if lang != "kk":
        found = index.get(spelling_key(base_form(word, lang)))
        return (found, base_form(word, lang)) if found else None
    for cut in range(0, min(6, len(word) - 2)):
        stem = word[: len(word) - cut] if cut else word
        if cut and not KAZAKH_ENDING_ONLY.fullmatch(word[len(stem) :]):
            continue
        found = index.get(spelling_key(stem))
        if found:
            return found, stem
    return None
