"""Same-story grouping on tgcontest pairs judged by people: for each pair, both articles go
through embedding and story grouping alone, and the pair counts as right when they share a
non-null story_id exactly when the judges said they report the same story."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrascope import jsonlines
from narrascope.dedup.stories import GroupStories, MemoryStories
from narrascope.nlp.embed import Embed, Embedder
from narrascope.records import Document


@dataclass(slots=True)
class StoryScores:
    pairs: int
    accuracy: float
    same_recall: float
    different_recall: float


def evaluate(path: Path, embedder: Embedder | None = None) -> StoryScores:
    rows = list(jsonlines.records(path))
    embed = Embed(embedder)
    right = same_right = different_right = 0
    for row in rows:
        docs = [
            Document(
                id=f"{row['id']}-{n}",
                source=row[f"url_{n}"],
                title=row[f"title_{n}"],
                text=row[f"text_{n}"],
            )
            for n in (1, 2)
        ]
        embed.apply_batch(docs)
        GroupStories(MemoryStories()).apply_batch(docs)
        predicted = docs[0].story_id is not None and docs[0].story_id == docs[1].story_id
        correct = predicted == row["same_story"]
        right += correct
        same_right += correct and row["same_story"]
        different_right += correct and not row["same_story"]
    same = sum(1 for row in rows if row["same_story"])
    return StoryScores(
        pairs=len(rows),
        accuracy=right / len(rows),
        same_recall=same_right / max(same, 1),
        different_recall=different_right / max(len(rows) - same, 1),
    )
