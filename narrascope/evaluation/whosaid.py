"""Who said what on a real outlet's stream, against labels made by hand (eval/quotes_zakon: two
passes and an adjudicated gold; GUIDELINE.md says how).

The articles go through the stages ingest runs (clean in stream order, language, entities,
quotes, the people register). A gold quote is found when a predicted quote covers half of its
content located in the clean text; its speaker is right when the predicted speaker is the same
person (knowledge-base id or surname), the same organisation (id, one name's lemmas inside the
other's, or its initials) or the same group noun. People: every gold mention found among the
predicted entities, and the ids it got across all articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.evaluation.quotes import covers
from narrascope.nlp.kb import knowledge_base, lemma_key
from narrascope.nlp.lemmas import word_lemmas
from narrascope.nlp.linking import initials, is_abbreviation_word
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.people import ResolvePeople
from narrascope.nlp.quotes import ExtractQuotes
from narrascope.pipeline import Pipeline
from narrascope.records import Document, Entity, Quote
from narrascope.service import BATCH_SIZE
from narrascope.text.clean import Clean
from narrascope.text.extract import Extract
from narrascope.text.lang import DetectLanguage
from narrascope.text.templates import MemoryTemplates

SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class WhoSaidScores:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    predicted_right: int = 0
    with_speaker: int = 0
    speaker_right: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    bad_speakers: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    people: int = 0
    people_one_id: int = 0
    mentions: int = 0
    mentions_on_main_id: int = 0
    shared_ids: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_speaker if self.with_speaker else 0.0


def analysed(stream: Path) -> list[Document]:
    """The stream's articles as ingest leaves them (clean, language, entities, quotes)."""
    stages = [Extract(), Clean(MemoryTemplates()), DetectLanguage(), RecognizeEntities()]
    stages += [ExtractQuotes(), ResolvePeople()]
    pipeline = Pipeline(stages)
    docs = [
        Document(
            id=row["id"],
            source=row["id"],
            raw=row["text"],
            raw_format="text",
            outlet=row.get("outlet") or "zakon.kz",
            published=row.get("published"),
        )
        for row in jsonlines.records(stream)
    ]
    done: list[Document] = []
    for start in range(0, len(docs), BATCH_SIZE):
        done += pipeline.run(docs[start : start + BATCH_SIZE]).documents
    return done


def locate(text: str, content: str) -> tuple[int, int] | None:
    """Where a labelled string stands in the clean text, whatever the cleaner did to spaces."""
    found = text.find(content)
    if found != -1:
        return found, found + len(content)
    words = content.split()
    if not words:
        return None
    pattern = r"\s*".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    return match.span() if match else None


def lemmas(text: str) -> set[str]:
    return set(lemma_key(text).split())


def same_speaker(gold: dict[str, Any], quote: Quote) -> bool:
    if quote.speaker is None:
        return False
    known = knowledge_base().lookup(gold["speaker"])
    if known is not None and known.id == quote.speaker_id:
        return True
    kind = gold["speaker_type"]
    if kind == "PER":
        gold_surname = word_lemmas(gold["speaker"].split()[-1])[0]
        return gold_surname == word_lemmas(quote.speaker.split()[-1])[0]
    predicted, expected = lemmas(quote.speaker), lemmas(gold["speaker"])
    if kind == "ORG":
        written = bool(predicted) and (predicted <= expected or expected <= predicted)
        return written or abbreviates(gold["speaker"], quote.speaker)
    return bool(predicted & expected)


def abbreviates(first: str, second: str) -> bool:
    """ "ВОЗ" and "Всемирная организация здравоохранения", "КЧС" and "Комитет по чрезвычайным
    ситуациям МВД РК": one name is the other's initials."""
    for short, full in ((first, second), (second, first)):
        word = short.split()[0]
        if is_abbreviation_word(word) and initials(full).startswith(word.upper()):
            return True
    return False


def bad_speaker(doc: Document, quote: Quote) -> str | None:
    """A speaker no analyst would accept: a place, the relaying outlet, an unresolved pronoun,
    a lowercase word that is not a nominative group noun."""
    if quote.speaker is None:
        return None
    speaker = quote.speaker
    if quote.speaker_id and quote.speaker_id.startswith(("country:", "loc:", "city:")):
        return "place"
    if doc.outlet and lemma_key(doc.outlet.split(".")[0]) in lemma_key(speaker):
        return "outlet"
    if speaker.lower() in {"он", "она", "они", "я", "мы", "вы"}:
        return "pronoun"
    return None


def evaluate(
    stream: Path, gold: Path, halves: tuple[int | None, ...] = (0, 1)
) -> list[WhoSaidScores]:
    """Scores of each half: 0 the tuning half (even positions in the stream), 1 the scored
    half, None both."""
    docs = {doc.id: doc for doc in analysed(stream)}
    order = {row["id"]: position for position, row in enumerate(jsonlines.records(stream))}
    return [score_half(docs, order, gold, half) for half in halves]


def score_half(
    docs: dict[str, Document], order: dict[str, int], gold: Path, half: int | None
) -> WhoSaidScores:
    scores = WhoSaidScores()
    ids_of_person: dict[str, Counter[str]] = defaultdict(Counter)
    for row in jsonlines.records(gold):
        if half is not None and order[row["id"]] % 2 != half:
            continue
        doc = docs.get(row["id"])
        if doc is None:
            scores.misses += [f"{row['id']}: lost in the pipeline"]
            continue
        score_quotes(scores, doc, row["quotes"])
        for person in row["people"]:
            ids_of_person[person["name"]].update(mention_ids(doc, person["mentions"]))
    score_people(scores, ids_of_person)
    return scores


def score_quotes(scores: WhoSaidScores, doc: Document, gold: list[dict[str, Any]]) -> None:
    text = doc.text or ""
    located = [(g, locate(text, g["content"])) for g in gold]
    spans = [span for _, span in located if span is not None]
    for label, span in located:
        scores.gold += 1
        scores.by_kind[label["kind"]] += 1
        match = next((q for q in doc.quotes if span and covers(q, *span)), None)
        if match is None:
            scores.misses.append(f"{doc.id} [{label['kind']}] {label['content'][:70]}")
            continue
        scores.found += 1
        scores.found_by_kind[label["kind"]] += 1
        if label["speaker_type"] != "NONE" and label["speaker"]:
            scores.with_speaker += 1
            if same_speaker(label, match):
                scores.speaker_right += 1
            else:
                scores.wrong.append(f"{doc.id} {label['speaker']!r} got {match.speaker!r}")
    for quote in doc.quotes:
        scores.predicted += 1
        scores.predicted_right += any(covers(quote, s, e) for s, e in spans)
        reason = bad_speaker(doc, quote)
        if reason:
            scores.bad_speakers.append(f"{doc.id} {quote.speaker!r} ({reason})")


def mention_ids(doc: Document, mentions: list[str]) -> Counter[str]:
    """The ids of the predicted PER entities at each labelled mention (each place once)."""
    text = doc.text or ""
    places = {
        match.span()
        for mention in mentions
        for match in re.finditer(rf"(?<![\w-]){re.escape(mention)}(?![\w-])", text)
    }
    found: Counter[str] = Counter()
    for start, end in places:
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in places):
            continue
        entity = at(doc.entities, start, end)
        found[entity.id if entity is not None else "(none)"] += 1
    return found


def at(entities: list[Entity], start: int, end: int) -> Entity | None:
    return next((e for e in entities if e.type == "PER" and e.start < end and start < e.end), None)


def score_people(scores: WhoSaidScores, ids_of_person: dict[str, Counter[str]]) -> None:
    """One id per person: each person's mentions on one id, and no id shared by two people."""
    owners: dict[str, set[str]] = defaultdict(set)
    for person, ids in ids_of_person.items():
        for entity_id in ids:
            if entity_id != "(none)":
                owners[entity_id].add(person)
    for person, ids in ids_of_person.items():
        if not ids:
            continue
        scores.people += 1
        main, count = ids.most_common(1)[0]
        scores.mentions += sum(ids.values())
        scores.mentions_on_main_id += count if main != "(none)" else 0
        alone = main != "(none)" and owners[main] == {person}
        scores.people_one_id += len(ids) == 1 and alone
        if main != "(none)" and len(owners[main]) > 1:
            scores.shared_ids.append(f"{main}: {sorted(owners[main])}")
