"""Learn NER lexicons from the training parts of the gold corpora (never their test halves).

For each convention, runs the rule-corrected natasha mentions over that corpus's training parts
and writes narrascope/data/ner_lexicon_<convention>.json:
- relabel: surface forms natasha types differently from the gold most of the time;
- drop: surface forms natasha tags that the gold almost never marks as entities;
- add: surface forms marked in the gold most of the times they occur that natasha misses.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.nlp.mentions import Mention, correct_mentions
from narrascope.nlp.ner import natasha_models

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "ner"
OUT = ROOT / "narrascope" / "data"
SOURCES = {
    "factrueval": ["factrueval2016/dev_full.jsonl"],
    "nerel": ["nerel/train_full.jsonl.gz", "nerel/dev_full.jsonl"],
}
MIN_SUPPORT = 2
MIN_SHARE = 0.7


def read(relative: str) -> list[dict[str, Any]]:
    return list(jsonlines.records(EVAL / relative))


def main() -> None:
    for convention, sources in SOURCES.items():
        lexicon = learn(convention, sources)
        path = OUT / f"ner_lexicon_{convention}.json"
        path.write_text(
            json.dumps(lexicon, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(convention, {key: len(value) for key, value in lexicon.items()})


def learn(convention: str, sources: list[str]) -> dict[str, Any]:
    models = natasha_models()
    predicted_as: dict[str, Counter[str]] = defaultdict(Counter)  # surface -> outcome
    gold_types: dict[str, Counter[str]] = defaultdict(Counter)
    missed: Counter[str] = Counter()
    docs = [doc for source in sources for doc in read(source)]
    for number, doc in enumerate(docs):
        text = doc["text"]
        gold = {(s["start"], s["end"]): s["type"] for s in doc["spans"]}
        nested = {(s["start"], s["end"]) for s in doc.get("nested_spans", [])}
        found = [Mention(s.start, s.stop, s.type) for s in models.ner_tagger(text).spans]
        mentions = correct_mentions(text, found, convention, learned=False)
        covered = [(m.start, m.end) for m in mentions]
        for mention in mentions:
            surface = text[mention.start : mention.end]
            gold_type = gold.get((mention.start, mention.end))
            if gold_type is not None:
                predicted_as[surface][f"gold:{gold_type}|{mention.type}"] += 1
            elif (mention.start, mention.end) not in nested:
                predicted_as[surface]["spurious"] += 1
        for (start, end), kind in gold.items():
            surface = text[start:end]
            gold_types[surface][kind] += 1
            overlapping = [(s, e) for s, e in covered if s < end and start < e]
            if all(start <= s and e <= end for s, e in overlapping) and (start, end) not in covered:
                missed[surface] += 1
        if number % 100 == 0:
            print(f"{convention}: {number}/{len(docs)}")
    occurrences = count_occurrences(docs, set(missed))
    return {
        "relabel": relabels(predicted_as),
        "drop": drops(predicted_as),
        "add": additions(gold_types, missed, occurrences),
    }


def relabels(predicted_as: dict[str, Counter[str]]) -> dict[str, str]:
    result = {}
    for surface, outcomes in predicted_as.items():
        total = sum(outcomes.values())
        gold = Counter()
        for outcome, n in outcomes.items():
            if outcome.startswith("gold:"):
                gold_type, natasha_type = outcome[5:].split("|")
                gold[(gold_type, natasha_type)] += n
        for (gold_type, natasha_type), n in gold.items():
            if gold_type != natasha_type and n >= MIN_SUPPORT and n / total >= MIN_SHARE:
                result[surface] = gold_type
    return result


def drops(predicted_as: dict[str, Counter[str]]) -> list[str]:
    return sorted(
        surface
        for surface, outcomes in predicted_as.items()
        if outcomes["spurious"] >= MIN_SUPPORT
        and outcomes["spurious"] / sum(outcomes.values()) >= MIN_SHARE
    )


def count_occurrences(docs: list[dict[str, Any]], surfaces: set[str]) -> Counter[str]:
    """How often each surface form occurs as a whole word in the training texts."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for surface in surfaces:
            if surface in doc["text"]:
                counts[surface] += len(
                    re.findall(rf"(?<!\w){re.escape(surface)}(?!\w)", doc["text"])
                )
    return counts


def additions(
    gold_types: dict[str, Counter[str]], missed: Counter[str], occurrences: Counter[str]
) -> dict[str, str]:
    result = {}
    for surface, n_missed in missed.items():
        kind, n_gold = gold_types[surface].most_common(1)[0]
        if (
            n_missed >= MIN_SUPPORT
            and len(surface) >= 2
            and n_gold / max(occurrences[surface], 1) >= MIN_SHARE
            and n_gold / sum(gold_types[surface].values()) >= MIN_SHARE
        ):
            result[surface] = kind
    return result


if __name__ == "__main__":
    main()
