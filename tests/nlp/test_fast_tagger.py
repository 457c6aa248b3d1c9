import itertools
from functools import cache
from typing import Any

import pytest

from narrascope import jsonlines
from narrascope.evaluation.ner import stock_natasha
from narrascope.nlp.ner import natasha_models
from tests.conftest import SEEDS, SHARED

pytestmark = pytest.mark.slow


@cache
def texts() -> list[str]:
    """The seeds and the first twenty documents of each NER dev set: real, varied lengths."""
    found = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for corpus in ("factrueval2016", "nerel"):
        rows = jsonlines.records(SHARED / "eval" / "ner" / corpus / "dev_full.jsonl")
        found += [row["text"] for row in itertools.islice(rows, 20)]
    return found


def spans(markup: Any) -> list[tuple[int, int, str]]:
    return [(s.start, s.stop, s.type) for s in markup.spans]


def test_ner_spans_are_those_of_stock_natasha_one_text_at_a_time() -> None:
    fast, stock = natasha_models().ner_tagger, stock_natasha()
    assert fast.infer.model.head.crf is not stock.infer.model.head.crf
    for text in texts():
        assert spans(fast(text)) == spans(stock(text))


def test_ner_spans_are_those_of_stock_natasha_in_padded_batches() -> None:
    """Texts of different lengths in one batch: the Viterbi must stop at each text's end."""
    fast, stock = natasha_models().ner_tagger, stock_natasha()
    paragraphs = [p for text in texts()[:8] for p in text.split("\n\n") if p.strip()][:40]
    assert [spans(m) for m in fast.map(paragraphs)] == [spans(m) for m in stock.map(paragraphs)]


def test_morphology_tags_are_those_of_the_stock_tagger_in_padded_batches() -> None:
    from natasha import NewsEmbedding, NewsMorphTagger

    fast, stock = natasha_models().morph_tagger, NewsMorphTagger(NewsEmbedding())
    sentences = [p.split() for text in texts()[:8] for p in text.split("\n") if p.strip()][:60]

    def tags(tagger: Any) -> list[list[tuple[str, dict[str, str]]]]:
        return [[(t.pos, t.feats) for t in m.tokens] for m in tagger.map(sentences)]

    assert tags(fast) == tags(stock)
