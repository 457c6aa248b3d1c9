"""Entities and quotes in Kazakh and English, scored on real documents labelled by hand
(`eval/langs`: GUIDELINE.md, two passes, an adjudicated gold per language).

A document goes through the stages ingest runs on its text (language, entities, quotes). An
entity item is right when a predicted entity has the same surface and type; its link is right
when that entity has the gold knowledge-base id. A gold quote is found when a predicted quote
covers half of its content; its speaker is right as in `whosaid`. The documents are split in
halves as the scope gold is (`scope.is_test`): rules are tuned on one, scored on the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.evaluation.quotes import covers
from narrascope.evaluation.scope import Confusion, is_test
from narrascope.evaluation.whosaid import locate
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.quotes import ExtractQuotes
from narrascope.records import Document, Quote
from narrascope.text.lang import DetectLanguage, detect_language

FOLDER = Path(__file__).resolve().parents[2] / "eval" / "langs"
LANGUAGES = ("kk", "en")


@dataclass(slots=True)
class LanguageScores:
    lang: str
    documents: int = 0
    detected: int = 0  # documents whose language was detected right
    entities: Confusion = field(default_factory=Confusion)
    linked: int = 0  # gold items with a knowledge-base id, found with that id
    linkable: int = 0  # gold items with a knowledge-base id, found
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    quotes: Confusion = field(default_factory=Confusion)  # tp: gold quotes found
    predicted_right: int = 0
    predicted: int = 0
    with_speaker: int = 0  # found gold quotes whose gold has a speaker
    speaker_right: int = 0
    quote_misses: list[str] = field(default_factory=list)
    speaker_wrong: list[str] = field(default_factory=list)

    @property
    def quote_precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def quote_f1(self) -> float:
        p, r = self.quote_precision, self.quotes.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_speaker if self.with_speaker else 0.0


def gold_path(lang: str, folder: Path = FOLDER) -> Path:
    gold = folder / f"gold_{lang}.jsonl"
    return gold if gold.exists() else folder / f"labels_a_{lang}.jsonl"


def analysed(rows: Iterable[dict[str, Any]]) -> list[Document]:
    stages = [DetectLanguage(), RecognizeEntities(), ExtractQuotes()]
    for stage in stages:
        stage.setup()
    docs = []
    for row in rows:
        doc = Document(id=row["id"], source=row.get("outlet") or "", text=row["text"])
        for stage in stages:
            doc = stage.apply(doc)
        docs.append(doc)
    return docs


def score_entities(scores: LanguageScores, doc: Document, gold: list[dict[str, Any]]) -> None:
    wanted = {(item["surface"], item["type"]): item.get("kb_id") for item in gold}
    predicted: dict[tuple[str, str], str] = {}
    for entity in doc.entities:
        predicted.setdefault((entity.text, entity.type), entity.id)
    for key, kb_id in wanted.items():
        if key in predicted:
            scores.entities.tp += 1
            if kb_id:
                scores.linkable += 1
                scores.linked += predicted[key] == kb_id
        else:
            scores.entities.fn += 1
            scores.misses.append(f"{doc.id}: {key[0]} ({key[1]})")
    for key in predicted.keys() - wanted.keys():
        scores.entities.fp += 1
        scores.extra.append(f"{doc.id}: {key[0]} ({key[1]})")


def score_quotes(scores: LanguageScores, doc: Document, gold: list[dict[str, Any]]) -> None:
    text = doc.text or ""
    spans = [(item, locate(text, item["content"])) for item in gold]
    located = [(item, span) for item, span in spans if span is not None]
    for item, (start, end) in located:
        found = next((q for q in doc.quotes if covers(q, start, end)), None)
        if found is None:
            scores.quotes.fn += 1
            scores.quote_misses.append(f"{doc.id}: {item['content'][:90]}")
            continue
        scores.quotes.tp += 1
        if item.get("speaker"):
            scores.with_speaker += 1
            if same_speaker(item, found):
                scores.speaker_right += 1
            else:
                scores.speaker_wrong.append(
                    f"{doc.id}: {item['speaker']} / {found.speaker}: {item['content'][:60]}"
                )
    for quote in doc.quotes:
        scores.predicted += 1
        scores.predicted_right += any(
            covers(quote, start, end)
            or (min(quote.end, end) - max(quote.start, start)) * 2 >= quote.end - quote.start
            for _, (start, end) in located
        )


def same_speaker(gold: dict[str, Any], quote: Quote) -> bool:
    if quote.speaker is None:
        return False
    if gold.get("speaker_kb_id"):
        return bool(gold["speaker_kb_id"] == quote.speaker_id)
    known = knowledge_base().entities.get(quote.speaker_id or "")
    if known is not None:  # the gold names it in its own language and script
        written = {name.lower() for name in (*known.names.values(), *known.aliases)}
        return gold["speaker"].lower() in written
    expected, predicted = gold["speaker"].lower(), quote.speaker.lower()
    return (
        expected.split()[-1] == predicted.split()[-1]
        or expected in predicted
        or predicted in expected
    )


def evaluate_language(lang: str, half: str = "test", folder: Path = FOLDER) -> LanguageScores:
    gold = {row["id"]: row for row in jsonlines.records(gold_path(lang, folder))}
    rows = [
        row
        for row in jsonlines.records(folder / f"{lang}_docs.jsonl")
        if row["id"] in gold and (half == "all" or is_test(row["id"]) == (half == "test"))
    ]
    scores = LanguageScores(lang)
    for doc in analysed(rows):
        scores.documents += 1
        scores.detected += doc.lang == lang
        score_entities(scores, doc, gold[doc.id]["entities"])
        score_quotes(scores, doc, gold[doc.id]["quotes"])
    return scores


def knowledge_base_identity() -> tuple[int, int]:
    """People of the knowledge base whose ru, kk and en names, each read in a sentence of its
    own language, all get the person's id: (people, people with one id everywhere)."""
    kb = knowledge_base()
    frames = {
        "ru": "Вчера {} сделал заявление.",
        "kk": "Кеше {} мәлімдеме жасады.",
        "en": "Yesterday {} made a statement.",
    }
    stage = RecognizeEntities()
    stage.setup()
    people = [e for e in kb.entities.values() if e.type == "PER"]
    same = 0
    for person in people:
        ids = set()
        for lang, frame in frames.items():
            name = person.names.get(lang) or person.name
            doc = Document(id="identity", source="", text=frame.format(name), lang=lang)
            ids |= {e.id for e in stage.apply(doc).entities if e.type == "PER"}
        same += ids == {person.id}
    return len(people), same


LANG_ID = FOLDER.parent / "lang_id" / "gold.jsonl"


def evaluate_detection(path: Path = LANG_ID) -> dict[str, tuple[int, int]]:
    """Language detection on real passages labelled ru, kk (Cyrillic and Latin), en or other:
    (right, all) per "lang-script" group."""
    groups: dict[str, tuple[int, int]] = {}
    for row in jsonlines.records(path):
        found = detect_language(row["text"])
        guess = found if found in ("ru", "kk", "en") else "other"
        group = f"{row['lang']}-{row['script']}"
        right, total = groups.get(group, (0, 0))
        groups[group] = (right + (guess == row["lang"]), total + 1)
    return groups
