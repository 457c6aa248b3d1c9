"""The whole entity stage beside bare natasha NER, the budget it is held to; prints docs/s.

Corpora: the factRuEval-2016 and NEREL test halves (news and Wikipedia-style texts) and the first
500 real Telegram posts. Taggers: natasha's NER as shipped; our stage (`ner.recognize`: NER,
rules, lexicon, knowledge base, morphology, normal forms, linking) on slovnet's own kernels; and
our stage as it runs, on `fast_tagger`'s kernels. Each is timed --rounds times, alternating, and
the fastest round is kept (the machine's noise only ever adds time). Word caches are emptied
before every round, so repeated rounds do not favour our stage.

Usage: python bench/ner_bench.py [--rounds 3] [--posts 500]
"""

from __future__ import annotations

import argparse
import itertools
import platform
import time
from collections.abc import Callable
from pathlib import Path

from narrascope import jsonlines
from narrascope.evaluation.ner import stock_natasha
from narrascope.nlp.lemmas import word_lemmas
from narrascope.nlp.ner import NatashaModels, natasha_models, recognize
from narrascope.nlp.normal import parses

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def corpora(posts: int) -> dict[str, list[str]]:
    def texts(path: Path) -> list[str]:
        return [row["text"] for row in jsonlines.records(path)]

    telegram = EVAL / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
    posts_texts = [row["text"] for row in itertools.islice(jsonlines.records(telegram), posts)]
    return {
        "factRuEval test half": texts(EVAL / "ner" / "factrueval2016" / "test_eval_half.jsonl"),
        "NEREL test half": texts(EVAL / "ner" / "nerel" / "test_eval_half.jsonl"),
        f"Telegram posts ({posts})": posts_texts,
    }


def stock_models() -> NatashaModels:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, Segmenter

    return NatashaModels(
        segmenter=Segmenter(),
        morph_vocab=MorphVocab(),
        morph_tagger=NewsMorphTagger(NewsEmbedding()),
        ner_tagger=stock_natasha(),
    )


def forget_words() -> None:
    """Empty the per-word morphology caches: every round meets its words for the first time."""
    from natasha import MorphVocab

    word_lemmas.cache_clear()
    parses.cache_clear()
    MorphVocab.parse.cache_clear()


def seconds(run: Callable[[str], object], texts: list[str]) -> float:
    forget_words()
    started = time.perf_counter()
    for text in texts:
        run(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--posts", type=int, default=500)
    args = parser.parse_args()
    stock, fast = stock_models(), natasha_models()
    runs: dict[str, Callable[[str], object]] = {
        "natasha NER (as shipped)": stock_natasha(),
        "entity stage, slovnet kernels": lambda text: recognize(text, stock),
        "entity stage": lambda text: recognize(text, fast),
    }
    print(f"{platform.processor() or platform.machine()}, rounds {args.rounds}, best kept")
    for corpus, texts in corpora(args.posts).items():
        for run in runs.values():
            run(texts[0])  # models and caches of the first text outside the timing
        rounds = [
            {name: seconds(run, texts) for name, run in runs.items()} for _ in range(args.rounds)
        ]
        best = {name: min(r[name] for r in rounds) for name in runs}
        chars = sum(map(len, texts)) / len(texts)
        print(f"\n{corpus}: {len(texts)} documents, {chars:.0f} chars each")
        budget = best["natasha NER (as shipped)"]
        for name, spent in best.items():
            print(f"  {name:32s} {len(texts) / spent:6.1f} docs/s  {budget / spent:.2f}x natasha")


if __name__ == "__main__":
    main()
