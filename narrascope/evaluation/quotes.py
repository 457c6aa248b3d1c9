"""Quotations on ADAQ (ru): a gold quote is found when a predicted quote covers at least half of
its content span; the speaker is right when `speaker_span` overlaps the gold source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.quotes import find_quotes
from narrascope.records import Quote


@dataclass(slots=True)
class QuoteScores:
    gold: int
    predicted: int
    found: int  # gold quotes covered
    correct_predictions: int
    speakers: int  # found gold quotes that have a gold source
    speakers_right: int

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers if self.speakers else 0.0


def covers(quote: Quote, start: int, end: int) -> bool:
    overlap = min(quote.end, end) - max(quote.start, start)
    return overlap >= (end - start) / 2


def evaluate(path: Path) -> QuoteScores:
    rows: list[dict[str, Any]] = list(jsonlines.records(path))
    scores = QuoteScores(0, 0, 0, 0, 0, 0)
    for row in rows:
        text = row["text"]
        contents = [(s["start"], s["end"]) for s in row["spans"] if s["label"] == "content"]
        sources = [(s["start"], s["end"]) for s in row["spans"] if s["label"] == "source"]
        predicted = find_quotes(text, recognize(text, natasha_models()))
        scores.gold += len(contents)
        scores.predicted += len(predicted)
        scores.correct_predictions += sum(
            1 for q in predicted if any(covers(q, s, e) for s, e in contents)
        )
        for start, end in contents:
            match = next((q for q in predicted if covers(q, start, end)), None)
            if match is None:
                continue
            scores.found += 1
            if sources:
                scores.speakers += 1
                span = match.speaker_span
                scores.speakers_right += span is not None and any(
                    span[0] < e and s < span[1] for s, e in sources
                )
    return scores


@dataclass(slots=True)
class HolderScores:
    holders: int
    found: int

    @property
    def recall(self) -> float:
        return self.found / self.holders if self.holders else 0.0


def holder_recall(path: Path) -> HolderScores:
    """RuOpinionNE: share of opinion holders written in the sentence that some predicted quote
    names as its speaker (speaker_span overlapping the holder)."""
    scores = HolderScores(0, 0)
    for row in jsonlines.records(path):
        holders = [
            (span["start"], span["end"])
            for opinion in row["opinions"]
            if isinstance(opinion["source"], list)
            for span in opinion["source"]
            if span.get("start") is not None
        ]
        if not holders:
            continue
        text = row["text"]
        spans = [q.speaker_span for q in find_quotes(text, recognize(text, natasha_models()))]
        for start, end in holders:
            scores.holders += 1
            scores.found += any(s is not None and s[0] < end and start < s[1] for s in spans)
    return scores
