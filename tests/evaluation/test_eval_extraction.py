import pytest

from narrascope.evaluation.extraction import evaluate, snippets_honoured, token_f1
from tests.conftest import SHARED


def test_token_f1() -> None:
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("", "a") == 0.0
    assert token_f1("a b", "a c") == pytest.approx(0.5)


def test_snippets_honoured() -> None:
    assert snippets_honoured("main text here", ["main text"], ["menu", "here"]) == (2, 3)


@pytest.mark.slow
def test_cleaning_never_loses_to_bare_trafilatura_on_a_sample() -> None:
    """Quality gate on the first pages of each set; the full run is `narrascope eval extraction`."""
    scores = evaluate(SHARED / "eval" / "extraction", limit=40)
    assert scores.aeb_f1["narrascope"] >= scores.aeb_f1["trafilatura"]
    assert scores.snippets["narrascope"] >= scores.snippets["trafilatura"]
