"""Reprint detection on real Telegram posts with altered copies mixed in.

The untouched posts are real posts that share no 8-word run with one another (the corpus's own
reposts and recurring ads are left out, since no gold says which of them copy which). Copies of
some of them follow: one in five verbatim, the others with a header and a footer line, a few words
changed and one sentence dropped, as reprints do; each is published after its original.
Precision and recall are over `duplicate_of` links.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass
from pathlib import Path

from narrascope import jsonlines
from narrascope.dedup.reprints import Deduplicate
from narrascope.ids import normalize_for_hash
from narrascope.records import Document
from narrascope.text.clean import clean_text

SENTENCE = re.compile(r"(?<=[.!?…])\s+")
HEADERS = ["Источник: {channel}", "{channel} сообщает:", "Перепост из {channel}", "ВАЖНО"]
FOOTERS = [
    "Подписывайтесь на наш канал",
    "Читайте нас в Telegram",
    "Больше новостей — по ссылке",
    "Реклама. Подробнее на сайте",
]
MIN_WORDS = 25  # shorter posts are one-liners whose altered copy is a different text
DISTINCT_WORDS = 8


@dataclass(slots=True)
class DedupScores:
    documents: int
    altered: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_posts(path: Path, limit: int) -> list[dict[str, str]]:
    posts = list(itertools.islice(jsonlines.records(path), limit))
    return [p for p in posts if p["text"].strip()]


def alter(text: str, channel: str, rng: random.Random) -> str:
    sentences = SENTENCE.split(text.strip())
    if len(sentences) >= 3:
        del sentences[rng.randrange(1, len(sentences))]
    words = " ".join(sentences).split(" ")
    for _ in range(3):
        position = rng.randrange(len(words))
        words[position] = rng.choice(["также", "сегодня", "вновь", "официально", "ранее"])
    header = rng.choice(HEADERS).format(channel=channel)
    return f"{header}\n{' '.join(words)}\n{rng.choice(FOOTERS)}"


def distinct(posts: list[dict[str, str]]) -> list[dict[str, str]]:
    """Posts sharing no 8-word run with any other post."""
    owners: dict[tuple[str, ...], set[int]] = {}
    for number, post in enumerate(posts):
        words = normalize_for_hash(post["text"]).split()
        for i in range(max(1, len(words) - DISTINCT_WORDS + 1)):
            owners.setdefault(tuple(words[i : i + DISTINCT_WORDS]), set()).add(number)
    shared = set().union(*(group for group in owners.values() if len(group) > 1))
    return [post for number, post in enumerate(posts) if number not in shared]


def corpus(
    posts: list[dict[str, str]], copies: int, seed: int
) -> list[tuple[Document, str | None]]:
    """Documents in ingest order with the id of their gold origin (None for originals)."""
    rng = random.Random(seed)
    base = distinct(posts)
    docs: list[tuple[Document, str | None]] = [
        (Document(id=p["id"], source=p["id"], text=p["text"], published=p["date"]), None)
        for p in base
    ]
    eligible = [p for p in base if len(p["text"].split()) >= MIN_WORDS]
    for number, post in enumerate(rng.sample(eligible, min(copies, len(eligible)))):
        text = post["text"] if number % 5 == 0 else alter(post["text"], post["source"], rng)
        copy = Document(id=f"copy-{number}", source="copy", text=text, published="2099-01-01")
        docs.append((copy, post["id"]))
    return docs


def evaluate(path: Path, posts: int = 3000, copies: int = 500, seed: int = 13) -> DedupScores:
    """Clean then deduplicate, as `ingest` does, and score the `duplicate_of` links."""
    docs = corpus(load_posts(path, posts), copies, seed)
    for doc, _ in docs:
        doc.text = clean_text(doc.text or "").text
    Deduplicate().apply_batch([doc for doc, _ in docs])
    predicted = {doc.id: doc.duplicate_of for doc, _ in docs if doc.duplicate_of}
    gold = {doc.id: origin for doc, origin in docs if origin}
    correct = sum(1 for doc_id, origin in predicted.items() if gold.get(doc_id) == origin)
    return DedupScores(
        documents=len(docs),
        altered=sum(1 for doc, _ in docs if doc.source == "copy"),
        precision=correct / len(predicted) if predicted else 0.0,
        recall=correct / len(gold) if gold else 0.0,
    )
