"""Who said what on the labelled zakon.kz stream (eval/quotes_zakon)."""

import pytest

from narrascope.evaluation.whosaid import WhoSaidScores, evaluate
from tests.conftest import EVAL, ROOT

STREAM = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"
GOLD = ROOT / "eval" / "quotes_zakon" / "gold.jsonl"


@pytest.fixture(scope="module")
def halves() -> list[WhoSaidScores]:
    return evaluate(STREAM, GOLD)


def test_the_gold_covers_every_article_and_points_into_the_text(
    halves: list[WhoSaidScores],
) -> None:
    tuning, scored = halves
    assert tuning.gold + scored.gold == 369
    assert not any("lost in the pipeline" in miss for miss in tuning.misses + scored.misses)


def test_scored_half_stays_above_what_this_change_reached(halves: list[WhoSaidScores]) -> None:
    """Regression floors at today's values on the half not tuned on (the issue's 0.90 floors
    are not reached yet; see the README)."""
    _, scored = halves
    assert scored.recall >= 0.81, scored.misses
    assert scored.precision >= 0.83, scored.misses
    assert scored.speaker_accuracy >= 0.81, scored.wrong
    assert scored.people_one_id >= 70, scored.shared_ids
    assert scored.bad_speakers == []
