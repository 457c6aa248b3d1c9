"""Extraction quality on ../shared/eval/extraction, beside bare `trafilatura.extract`.

- scrapinghub_aeb: mean bag-of-tokens F1 of the extracted body against the gold body.
- trafilatura_snippets: share of snippets honoured (each `with` snippet present, each `without`
  snippet absent), as in trafilatura's own evaluation.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from narrascope import jsonlines
from narrascope.text.clean import clean_text
from narrascope.text.extract import ExtractError, extract_html

TOKEN = re.compile(r"\w+")
Extractor = Callable[[str, str | None], str]


def ours(html: str, url: str | None) -> str:
    try:
        return clean_text(extract_html(html, url)["text"]).text
    except (ExtractError, ValueError):
        return ""


def bare_trafilatura(html: str, url: str | None) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return trafilatura.extract(html, url=url) or ""


EXTRACTORS: dict[str, Extractor] = {"trafilatura": bare_trafilatura, "narrascope": ours}


def token_f1(found: str, gold: str) -> float:
    found_tokens, gold_tokens = Counter(tokenize(found)), Counter(tokenize(gold))
    overlap = sum((found_tokens & gold_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(found_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def snippets_honoured(found: str, with_: list[str], without: list[str]) -> tuple[int, int]:
    honoured = sum(1 for s in with_ if s in found) + sum(1 for s in without if s not in found)
    return honoured, len(with_) + len(without)


def read_jsonl_gz(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    yield from itertools.islice(jsonlines.records(path), limit)


@dataclass(slots=True)
class ExtractionScores:
    pages: int
    aeb_f1: dict[str, float]
    snippet_pages: int
    snippets: dict[str, float]


def evaluate(folder: Path, limit: int | None = None) -> ExtractionScores:
    f1_sums = dict.fromkeys(EXTRACTORS, 0.0)
    pages = 0
    for page in read_jsonl_gz(folder / "scrapinghub_aeb" / "eval_half.jsonl.gz", limit):
        pages += 1
        for name, extract in EXTRACTORS.items():
            f1_sums[name] += token_f1(extract(page["html"], page["url"]), page["gold_text"])
    honoured = dict.fromkeys(EXTRACTORS, 0)
    total = snippet_pages = 0
    for page in read_jsonl_gz(folder / "trafilatura_snippets" / "eval_half.jsonl.gz", limit):
        snippet_pages += 1
        for name, extract in EXTRACTORS.items():
            good, count = snippets_honoured(
                extract(page["html"], page["url"]), page["with"], page["without"]
            )
            honoured[name] += good
        total += count
    return ExtractionScores(
        pages=pages,
        aeb_f1={name: f1_sums[name] / max(pages, 1) for name in EXTRACTORS},
        snippet_pages=snippet_pages,
        snippets={name: honoured[name] / max(total, 1) for name in EXTRACTORS},
    )
