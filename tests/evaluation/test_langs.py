"""Kazakh and English on real documents labelled twice and adjudicated (eval/langs)."""

import pytest

from narrascope import jsonlines
from narrascope.evaluation.langs import (
    FOLDER,
    LANGUAGES,
    LanguageScores,
    evaluate_detection,
    evaluate_language,
    knowledge_base_identity,
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_gold_points_into_each_document(lang: str) -> None:
    docs = {row["id"]: row["text"] for row in jsonlines.records(FOLDER / f"{lang}_docs.jsonl")}
    gold = list(jsonlines.records(FOLDER / f"gold_{lang}.jsonl"))
    assert len(docs) >= 30 and [row["id"] for row in gold] == list(docs)
    for row in gold:
        text = docs[row["id"]]
        assert all(item["surface"] in text for item in row["entities"]), row["id"]
        assert all(quote["content"] in text for quote in row["quotes"]), row["id"]


@pytest.fixture(scope="module")
def held_out() -> dict[str, LanguageScores]:
    return {lang: evaluate_language(lang, "test") for lang in LANGUAGES}


@pytest.mark.slow
def test_held_out_half_stays_at_what_this_change_reached(
    held_out: dict[str, LanguageScores],
) -> None:
    """Regression floors at today's values on the half not tuned on; the issue's 0.85 floors
    are met by Kazakh entities only so far (README)."""
    kk, en = held_out["kk"], held_out["en"]
    assert kk.detected == kk.documents and en.detected == en.documents
    assert kk.entities.f1 >= 0.85, kk.misses
    assert en.entities.f1 >= 0.80, en.misses
    assert kk.linked / kk.linkable >= 0.95 and en.linked / en.linkable >= 0.95
    assert kk.quote_f1 >= 0.67, kk.quote_misses
    assert en.quote_f1 >= 0.77, en.quote_misses
    assert kk.speaker_accuracy >= 0.80 and en.speaker_accuracy >= 0.70


def test_language_detection_on_real_passages() -> None:
    groups = evaluate_detection()
    assert groups["ru-cyrl"] == (50, 50) and groups["en-latn"] == (40, 40)
    assert groups["kk-latn"] == (20, 20)
    right = sum(r for r, _ in groups.values())
    assert right >= 190


@pytest.mark.slow
def test_every_known_person_is_one_entity_in_russian_kazakh_and_english() -> None:
    people, same = knowledge_base_identity()
    assert same == people > 30
