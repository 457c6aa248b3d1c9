"""Document vectors kept in the SQL store beside the documents, and the story index read from them.

Neighbours are selected by day with an index, so a lookup reads only the documents of a few days,
never the whole table.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.dedup.stories import STORY_WINDOW, UNDATED_NEIGHBOURS, StoryEntry

if TYPE_CHECKING:
    from narrascope.store.sql.base import Backend


COLUMNS = "doc_id, day, vector, story_id"


class SqlStories:
    def __init__(self, store: Backend) -> None:
        self.store = store
        self.conn = store.conn

    def get(self, doc_id: str) -> StoryEntry | None:
        row = self.conn.execute(f"SELECT {COLUMNS} FROM vectors WHERE doc_id = ?", (doc_id,))
        found = row.fetchone()
        return entry_from_row(found) if found else None

    def neighbours(self, day: date | None) -> list[StoryEntry]:
        if day is None:
            rows = self.conn.execute(
                f"SELECT {COLUMNS} FROM vectors ORDER BY seq DESC LIMIT ?", (UNDATED_NEIGHBOURS,)
            )
        else:
            rows = self.conn.execute(
                f"SELECT {COLUMNS} FROM vectors WHERE day BETWEEN ? AND ? OR day IS NULL",
                ((day - STORY_WINDOW).isoformat(), (day + STORY_WINDOW).isoformat()),
            )
        return [entry_from_row(row) for row in rows]

    def add(self, entry: StoryEntry) -> None:
        with self.store.transaction():
            self.conn.execute(
                "INSERT INTO vectors (doc_id, day, vector, story_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET day = excluded.day, vector = excluded.vector,"
                " story_id = excluded.story_id",
                (
                    entry.doc_id,
                    entry.day.isoformat() if entry.day else None,
                    np.asarray(entry.vector, dtype="<f4").tobytes(),
                    entry.story_id,
                ),
            )

    def assign(self, doc_id: str, story_id: str) -> None:
        with self.store.transaction():
            self.conn.execute(
                "UPDATE vectors SET story_id = ? WHERE doc_id = ?", (story_id, doc_id)
            )
            self.conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, doc_id))


def entry_from_row(row: Any) -> StoryEntry:
    doc_id, day, vector, story_id = tuple(row)
    return StoryEntry(
        doc_id=str(doc_id),
        day=date.fromisoformat(day) if isinstance(day, str) else None,
        vector=np.frombuffer(vector, dtype="<f4"),
        story_id=story_id if isinstance(story_id, str) else None,
    )
