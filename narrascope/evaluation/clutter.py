"""Clutter left and body lost on a real outlet's stream, line by line against labels made by hand
(eval/clutter_zakon: two passes and an adjudicated gold; GUIDELINE.md says how), and readers'
comments appended after each article the way scrapers append them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope import jsonlines
from narrascope.records import Document
from narrascope.service import BATCH_SIZE
from narrascope.text.clean import Clean
from narrascope.text.templates import MemoryTemplates

WORD = re.compile(r"\w+")
KEPT_SHARE = 0.8  # a body line counts as kept when this share of its words is still there


@dataclass(slots=True)
class ClutterScores:
    lines: int = 0
    clutter: int = 0
    clutter_left: int = 0
    body: int = 0
    body_lost: int = 0
    comment_lines: int = 0
    comment_lines_left: int = 0
    body_lost_with_comments: int = 0
    left: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def squeeze(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def kept(line: str, clean_words: set[str]) -> bool:
    words = WORD.findall(line.lower())
    return not words or sum(word in clean_words for word in words) / len(words) >= KEPT_SHARE


def left_over(line: str, clean_lines: set[str], clean: str) -> bool:
    squeezed = squeeze(line)
    return squeezed in clean_lines if squeezed else line.strip() in clean


Cleaner = Callable[[dict[str, str]], dict[str, str]]  # raw text by id -> clean text by id


def clean_in_order(texts: dict[str, str]) -> dict[str, str]:
    """The cleaning stage as ingest runs it: in stream order, learning the outlet's templates."""
    stage = Clean(MemoryTemplates())
    docs = [Document(id=i, source=i, text=t, outlet="zakon.kz") for i, t in texts.items()]
    done: dict[str, str] = {}
    for start in range(0, len(docs), BATCH_SIZE):
        for doc in stage.apply_batch(docs[start : start + BATCH_SIZE]):
            if isinstance(doc, Document):
                done[doc.id] = doc.text or ""
    return done


def with_comments(article: dict[str, Any]) -> str:
    return str(article["text"]).rstrip("\n") + "\n" + str(article["comments_raw"])


def evaluate(
    stream: Path, gold: Path, half: int | None = 1, clean: Cleaner = clean_in_order
) -> ClutterScores:
    """half 0: the tuning half (even positions in the stream), 1: the scored half, None: both."""
    articles: dict[str, dict[str, Any]] = {r["id"]: r for r in jsonlines.records(stream)}
    plain = clean({doc_id: a["text"] for doc_id, a in articles.items()})
    commented = clean({i: with_comments(a) for i, a in articles.items() if a.get("comments_raw")})
    order = {doc_id: position for position, doc_id in enumerate(articles)}
    labels: dict[str, list[dict[str, Any]]] = {}
    for row in jsonlines.records(gold):
        if half is None or order[row["doc"]] % 2 == half:
            labels.setdefault(row["doc"], []).append(row)
    scores = ClutterScores()
    for doc_id, rows in labels.items():
        article = articles[doc_id]
        score_lines(scores, article["text"], rows, plain[doc_id])
        if doc_id in commented:
            score_comments(scores, article, rows, commented[doc_id])
    return scores


def score_lines(scores: ClutterScores, text: str, rows: list[dict[str, Any]], clean: str) -> None:
    lines = text.split("\n")
    clean_lines = {squeeze(line) for line in clean.split("\n")}
    clean_words = set(WORD.findall(clean.lower()))
    for row in rows:
        line = lines[row["line"]]
        scores.lines += 1
        if row["label"] == "body":
            scores.body += 1
            if not kept(line, clean_words):
                scores.body_lost += 1
                scores.lost.append(f"{row['doc']}:{row['line']} {line[:80]}")
        else:
            scores.clutter += 1
            if left_over(line, clean_lines, clean):
                scores.clutter_left += 1
                scores.left.append(f"{row['doc']}:{row['line']} [{row['label']}] {line[:80]}")


def score_comments(
    scores: ClutterScores, article: dict[str, Any], rows: list[dict[str, Any]], cleaned: str
) -> None:
    clean_lines = {squeeze(line) for line in cleaned.split("\n")}
    clean_words = set(WORD.findall(cleaned.lower()))
    for line in article["comments_raw"].split("\n"):
        if squeeze(line):
            scores.comment_lines += 1
            if left_over(line, clean_lines, cleaned):
                scores.comment_lines_left += 1
                scores.left.append(f"{article['id']} [comment] {line[:80]}")
    lines = article["text"].split("\n")
    body = [lines[row["line"]] for row in rows if row["label"] == "body"]
    scores.body_lost_with_comments += sum(not kept(line, clean_words) for line in body)
