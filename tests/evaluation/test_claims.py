"""Claims and conflicts on real texts labelled by hand (eval/claims)."""

from pathlib import Path

import pytest

from narrascope.evaluation.claims import ClaimScores, ConflictScores, evaluate, evaluate_conflicts
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import ROOT

FOLDER = ROOT / "eval" / "claims"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def halves() -> list[ClaimScores]:
    return evaluate(FOLDER)


def test_every_labelled_figure_is_scored_in_one_half(halves: list[ClaimScores]) -> None:
    tuning, scored = halves
    assert tuning.gold + scored.gold == 183


def test_scored_half_stays_above_what_this_change_reached(halves: list[ClaimScores]) -> None:
    """Regression floors at today's values on the half not tuned on (the issue's 0.85 for the
    fields is not reached yet: subject and measure are the gap)."""
    _, scored = halves
    assert scored.recall >= 0.95, scored.errors
    assert scored.precision >= 0.75, scored.errors
    assert scored.accuracy("value") >= 0.88, scored.errors
    assert scored.accuracy("time") >= 0.69, scored.errors
    assert scored.accuracy("subject") >= 0.49, scored.errors
    assert scored.accuracy("measure") >= 0.55, scored.errors


@pytest.fixture(scope="module")
def conflicts(tmp_path_factory: pytest.TempPathFactory) -> ConflictScores:
    store = SqliteStore(str(Path(tmp_path_factory.mktemp("ledger")) / "ledger.db"))
    try:
        return evaluate_conflicts(FOLDER, store)
    finally:
        store.close()


def test_conflicts_stay_above_what_this_change_reached(conflicts: ConflictScores) -> None:
    """Regression floors at today's values over the labelled pool (the issue's precision 0.90
    is not reached: different measures named by one noun still meet)."""
    assert conflicts.precision >= 0.25, conflicts.wrong
    assert conflicts.recall >= 0.40, conflicts.missed
