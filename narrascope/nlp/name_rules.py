"""Names the knowledge base does not hold, in Kazakh and English: runs of capitalised words,
typed by what surrounds them (`data/names/words.yaml`).

A run holding an organisation's head noun ("Ministry", "ұйымы") is an organisation; one right
after a person's title ("Foreign Minister Murat Nurtleu", "хатшысы Айбек Смадияров"), or of two
or three capitalised words the text treats as a person (the surname written again alone, a
speech verb or a title right after, a Kazakh surname's ending), is a person; a single word is a
place where its preposition or Kazakh locative ending says so. A capitalised word at a
sentence's start, a run in capitals ("MODERN EFFECTIVE STATE") and a title alone are no name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.spelling import KAZAKH_ENDING, base_form, kazakh_base, spelt_like_known

WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*")

SENTENCE_END = re.compile(r"[.!?…:;\n]\s*$|^\s*$")

CONNECTORS = {"en": frozenset({"of", "the", "for", "and", "de", "al"}), "kk": frozenset()}

DEMONYM = re.compile(r"(?:ian|ean|stani|ese)$")  # Jordanian, European, Kazakhstani, Chinese

SPEECH_AFTER = {
    "en": re.compile(
        r"[,)]?\s+(?:has\s+|had\s+)?(?:said|says|told|noted|added|stressed|announced)"
    ),
    "kk": re.compile(r"\s+(?:деді|айтты|атап|мәлімдеді|хабарлады)"),
}

KAZAKH_LOCATIVE = re.compile(r"(?:ндағы|ндегі|дағы|дегі|тағы|тегі|нда|нде|да|де|та|те)$")

NAME_WORDS = 3  # a run of more capitalised words than this is no unknown person
SITE = r"(?:kz|KZ|ru|tv|com|uz|kg|info|news)"  # the suffixes of the sites outlets are named by

CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]* $")  # the surname alone follows no name

PATRONYMIC = re.compile(r"(?:ұлы|улы|қызы|кызы|ович|евич|овна|евна)")

KAZAKH_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ұлы|улы|қызы|кызы|оғлы|оглы|бек|бай|баев|беков)"
    + KAZAKH_ENDING
    + "$"
)


@dataclass(frozen=True, slots=True)
class Words:
    org_heads: frozenset[str]
    person_titles: frozenset[str]
    place_heads: frozenset[str]
    descriptors: frozenset[str]
    place_prepositions: frozenset[str]
    not_names: frozenset[str]


@cache
def vocabulary(lang: str) -> Words:
    path = resources.files("narrascope") / "data" / "names" / "words.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))[lang]
    return Words(**{field: frozenset(data[field]) for field in Words.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    type: str
    normal: str
    id: str | None = None


def capitalised_runs(text: str, lang: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised words with nothing but a space (or an English connector) between."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    for match in WORD.finditer(text):
        word = match.group()
        joined = current and text[(pending or current)[-1].end() : match.start()] == " "
        if word[0].isupper() and (joined or not current):
            current += [*pending, match]
            pending = []
            continue
        if current and joined and word in CONNECTORS[lang]:
            pending.append(match)
            continue
        if current:
            runs.append(current)
        current, pending = ([match], []) if word[0].isupper() else ([], [])
    if current:
        runs.append(current)
    return runs


def outside(run: list[re.Match[str]], taken: list[tuple[int, int]]) -> list[list[re.Match[str]]]:
    """The parts of a run no known name covers ("Ресей" before "Владимир Путин"), each from a
    capitalised word to a capitalised word."""
    parts: list[list[re.Match[str]]] = [[]]
    for word in run:
        if any(s < word.end() and word.start() < e for s, e in taken):
            parts.append([])
        else:
            parts[-1].append(word)
    trimmed = []
    for part in parts:
        while part and not part[0].group()[0].isupper():
            part = part[1:]
        while part and not part[-1].group()[0].isupper():
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed


def coordinated(run: list[re.Match[str]], lang: str) -> list[list[re.Match[str]]]:
    """ "Afghan President Ashraf Ghani and Afghan Foreign Minister Haneef Atmar": two names; a
    run holding an organisation's head noun keeps its "and" ("Ministry of Trade and
    Integration")."""
    if any(m.group().lower() in vocabulary(lang).org_heads for m in run):
        return [run]
    parts: list[list[re.Match[str]]] = [[]]
    for word in run:
        if word.group() == "and":
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def after_title(run: list[re.Match[str]], lang: str) -> tuple[list[re.Match[str]], bool]:
    """ "Foreign Minister Murat Nurtleu", "German Chancellor Olaf Scholz": the name is what
    follows the run's last title word; whether there was one."""
    known = vocabulary(lang)
    titles = [i for i, m in enumerate(run[:-1]) if m.group().lower() in known.person_titles]
    heads = [i for i, m in enumerate(run) if m.group().lower() in known.org_heads]
    if not titles or (heads and heads[-1] > titles[-1]):
        return run, False  # "State Department Spokesman Ned Price": the title comes after
    rest = run[titles[-1] + 1 :]
    if not rest[0].group()[0].isupper():
        return run, False  # "Minister of Foreign Affairs" is a title, not a name after one
    return rest, True


def at_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 3) : start].rstrip("«\"“'( ") + " "))


def unknown_name(
    text: str, run: list[re.Match[str]], lang: str, titled: bool = False
) -> Found | None:
    if any(m.group().lower() in vocabulary(lang).org_heads for m in run):
        while run and run[0].group().lower() in ENGLISH_STOP_WORDS:
            run = run[1:]  # "The Foreign Ministry" is the body "Foreign Ministry"
    else:
        run = without_descriptors(run, lang)
    if not run:
        return None
    words = [m.group() for m in run]
    if len(words) > 1 and all(w.isupper() for w in words):
        return None  # a heading or a slogan in capitals
    lowered = [w.lower() for w in words]
    start, end = run[0].start(), run[-1].end()
    if lang == "en":
        end -= len(words[-1]) - len(base_form(words[-1], lang))
    normal = text[start:end]
    if any(w in vocabulary(lang).org_heads for w in lowered):
        return Found(start, end, "ORG", normal)
    if lang == "en" and lowered[-1] in vocabulary(lang).place_heads:
        return Found(start, end, "LOC", normal)
    before = text[max(0, start - 40) : start].split()
    previous = before[-1].lower().strip(",") if before else ""  # "Президент." ends a sentence
    titled = titled or previous in vocabulary(lang).person_titles or title_beside(text, start, lang)
    if len(words) == 1:
        known = spelt_like_known(words[0], lang)
        if known is not None:
            entity = knowledge_base().entities[known[0]]
            return Found(
                start, run[0].end() if lang == "kk" else end, entity.type, known[1], entity.id
            )
    if len(words) == 1 and not titled:
        if at_sentence_start(text, start):
            return None
        return place_by_context(text, start, end, previous, lang)
    if lang == "kk" and len(words) > 2 and not PATRONYMIC.search(words[2].lower()):
        run, words = run[:2], words[:2]  # "Ақан Рахметуллин Кабулды": the name is two words
        end = run[-1].end()
        normal = text[start:end]
    capitalised = all(w[0].isupper() for w in words)  # "Scylla and Charybdis" is no person
    capitalised = capitalised and not any(w in vocabulary(lang).not_names for w in lowered)
    if capitalised and len(words) <= NAME_WORDS and (titled or person_cue(text, words, end, lang)):
        return Found(start, end, "PER", kazakh_base(normal) if lang == "kk" else normal)
    return None


APPOSITIVE_TITLE = re.compile(r"\b([A-Za-z]+) (?:of|for) (?:the )?(?:[A-Z][\w’'-]* ?){1,3}, $")


def title_beside(text: str, start: int, lang: str) -> bool:
    """ "U.S. Ambassador to Kazakhstan Daniel Rosenblum": a title a few words before, in the
    same phrase (no punctuation between)."""
    before = text[max(0, start - 60) : start]
    phrase = re.split(r"[,.;:()\n«»“”\"]", before)[-1].split()
    titles = vocabulary(lang).person_titles
    if lang != "en":
        return False
    if phrase and any(w.lower() in titles for w in phrase[-4:]) and phrase[-1][0].isupper():
        return True
    # "the Chancellor of Germany, Olaf Scholz": the title and its country, then a comma
    appositive = APPOSITIVE_TITLE.search(before)
    return appositive is not None and appositive.group(1).lower() in titles


def person_cue(text: str, words: list[str], end: int, lang: str) -> bool:
    """Two or three capitalised words are a person when the text treats them as one: the
    surname written again alone, a speech verb right after, or (Kazakh) a surname's ending."""
    surname = base_form(words[-1], lang)
    if lang == "kk":
        return bool(KAZAKH_SURNAME.search(surname.lower()) or SPEECH_AFTER[lang].match(text, end))
    alone = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
    for match in alone.finditer(text):
        if not CAPITALISED_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            return True
    return bool(SPEECH_AFTER[lang].match(text, end)) or titled_after(text, end, lang)


def titled_after(text: str, end: int, lang: str) -> bool:
    """ "Klaus Schwab, Founder and Executive Chairman of the WEF": a title right after."""
    if not text.startswith(",", end):
        return False
    following = text[end + 1 : end + 60].split()[:4]
    return any(word.lower().strip(",.") in vocabulary(lang).person_titles for word in following)


def without_descriptors(run: list[re.Match[str]], lang: str) -> list[re.Match[str]]:
    """A run without the words before a name that are no name: "The", "Kazakh", "Jordanian",
    "Foreign", a month; what is left may be nothing ("Kazakh Foreign Minister")."""
    index = 0
    while index < len(run) and is_descriptor(run[index].group(), lang):
        index += 1
    run = run[index:]
    while run and lang == "en" and is_trailing_descriptor(run[-1].group().lower()):
        run = run[:-1]  # "Central Asian", "on September"
    return run


def is_trailing_descriptor(word: str) -> bool:
    known = vocabulary("en")
    return bool(DEMONYM.search(word)) or word in known.descriptors or word in CONNECTORS["en"]


def is_descriptor(word: str, lang: str) -> bool:
    lowered = word.lower()
    if lang != "en":
        return lowered in vocabulary(lang).person_titles
    return (
        lowered in ENGLISH_STOP_WORDS
        or lowered in vocabulary(lang).person_titles
        or lowered in vocabulary(lang).descriptors
        or bool(DEMONYM.search(lowered))
    )


def place_by_context(text: str, start: int, end: int, previous: str, lang: str) -> Found | None:
    """A single capitalised word nothing else types is a place where the context says so: an
    English "in/to/from Berlin", a Kazakh locative "Кабулдағы", "Варшавада"."""
    word = text[start:end]
    if lang == "en" and previous in vocabulary(lang).place_prepositions and not word.isupper():
        return Found(start, end, "LOC", word)
    match = KAZAKH_LOCATIVE.search(word)
    if lang == "kk" and match and len(word) - len(match.group()) >= 3:
        return Found(start, end, "LOC", word[: match.start()])
    return None
