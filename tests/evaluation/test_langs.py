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
    """Regression floors at today's values on the half not tuned on; of the issue's 0.85
    floors only Kazakh entities are met so far (README)."""
    kk, en = held_out["kk"], held_out["en"]
    assert kk.detected == kk.documents and en.detected == en.documents
    assert kk.entities.f1 >= 0.86, kk.misses
    assert en.entities.f1 >= 0.82, en.misses
    assert kk.linked / kk.linkable >= 0.95 and en.linked / en.linkable >= 0.95
    assert kk.quote_f1 >= 0.71, kk.quote_misses
    assert en.quote_f1 >= 0.81, en.quote_misses
    assert kk.speaker_accuracy >= 0.75 and en.speaker_accuracy >= 0.76


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


@pytest.mark.slow
def test_kazakh_and_english_themes_on_the_held_out_half() -> None:
    """e8086a1 scored kk 0.358 and en 0.430 on the same half (the issue's 0.85 is far)."""
    from narrascope.evaluation.themes_langs import evaluate

    kk, en = evaluate()
    assert kk.test + kk.tune == 70 and en.test + en.tune == 63
    assert kk.calibrated.f1 >= 0.50 and en.calibrated.f1 >= 0.63
