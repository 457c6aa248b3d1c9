"""Stories: the same event told by different outlets, grouped by embedding similarity in time.

A document joins the story of its most similar neighbour published within a few days (title and
lead embeddings, cosine >= STORY_SIMILARITY), and a reprint joins its origin's story. A story gets
an id when its second document arrives ("story-" + the first document's id); a document alone
keeps story_id null, as the analyze contract says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

import numpy as np

from narrascope.pipeline import Stage
from narrascope.records import Document, Failure

# Calibrated with `narrascope eval stories` (tgcontest same-story pairs): accuracy stays within
# 0.87-0.89 for thresholds 0.90-0.925; the middle of that plateau is taken.
STORY_SIMILARITY = 0.91
STORY_WINDOW = timedelta(days=3)
UNDATED_NEIGHBOURS = 2000  # undated documents are compared with the latest ones only


@dataclass(slots=True, kw_only=True)
class StoryEntry:
    doc_id: str
    day: date | None
    vector: np.ndarray
    story_id: str | None = None


class StoryIndex(Protocol):
    def get(self, doc_id: str) -> StoryEntry | None: ...

    def neighbours(self, day: date | None) -> list[StoryEntry]:
        """Entries published within STORY_WINDOW of day (the latest ones when undated)."""

    def add(self, entry: StoryEntry) -> None: ...

    def assign(self, doc_id: str, story_id: str) -> None:
        """Put an already indexed document into a story."""


def day_of(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class MemoryStories:
    def __init__(self) -> None:
        self.entries: dict[str, StoryEntry] = {}

    def get(self, doc_id: str) -> StoryEntry | None:
        return self.entries.get(doc_id)

    def neighbours(self, day: date | None) -> list[StoryEntry]:
        if day is None:
            return list(self.entries.values())[-UNDATED_NEIGHBOURS:]
        return [
            e for e in self.entries.values() if e.day is None or abs(e.day - day) <= STORY_WINDOW
        ]

    def add(self, entry: StoryEntry) -> None:
        self.entries[entry.doc_id] = entry

    def assign(self, doc_id: str, story_id: str) -> None:
        self.entries[doc_id].story_id = story_id


class LayeredStories:
    """Reads a stored index and keeps new entries in memory (`analyze` never writes)."""

    def __init__(self, stored: StoryIndex) -> None:
        self.stored = stored
        self.fresh = MemoryStories()

    def get(self, doc_id: str) -> StoryEntry | None:
        return self.fresh.get(doc_id) or self.stored.get(doc_id)

    def neighbours(self, day: date | None) -> list[StoryEntry]:
        fresh = self.fresh.neighbours(day)
        seen = {entry.doc_id for entry in fresh}
        return [e for e in self.stored.neighbours(day) if e.doc_id not in seen] + fresh

    def add(self, entry: StoryEntry) -> None:
        self.fresh.add(entry)

    def assign(self, doc_id: str, story_id: str) -> None:
        entry = self.get(doc_id)
        if entry is not None:
            self.fresh.add(
                StoryEntry(doc_id=doc_id, day=entry.day, vector=entry.vector, story_id=story_id)
            )


class GroupStories(Stage):
    name = "stories"
    requires = ("embedding", "duplicate_of", "published")
    assigns = ("story_id",)

    def __init__(self, index: StoryIndex | None = None) -> None:
        self.index: StoryIndex = index if index is not None else MemoryStories()

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        results = super().apply_batch(docs)
        for doc in docs:  # a later document of the batch may have opened the story
            entry = self.index.get(doc.id)
            if entry is not None:
                doc.story_id = entry.story_id
        return results

    def apply(self, doc: Document) -> Document:
        if doc.embedding is None:
            raise ValueError("no embedding to group stories by")
        me = StoryEntry(doc_id=doc.id, day=day_of(doc.published), vector=doc.embedding)
        known = self.index.get(doc.id)
        if known is not None and known.story_id is not None:
            me.story_id = known.story_id
        else:
            anchor = self.anchor(doc, me)
            if anchor is not None:
                me.story_id = anchor.story_id or f"story-{anchor.doc_id}"
                if anchor.story_id is None:
                    self.index.assign(anchor.doc_id, me.story_id)
        doc.story_id = me.story_id
        self.index.add(me)
        return doc

    def anchor(self, doc: Document, me: StoryEntry) -> StoryEntry | None:
        """The origin of a reprint, else the most similar neighbour above the threshold."""
        if doc.duplicate_of is not None:
            origin = self.index.get(doc.duplicate_of)
            if origin is not None:
                return origin
        candidates = [entry for entry in self.index.neighbours(me.day) if entry.doc_id != doc.id]
        if not candidates:
            return None
        similarity = np.stack([entry.vector for entry in candidates]) @ me.vector
        best = int(np.argmax(similarity))
        return candidates[best] if similarity[best] >= STORY_SIMILARITY else None
