"""Exact nearest-neighbour search over stored passage vectors, persisted beside an SQLite file.

The `passages` table is the truth; the index is a float32 matrix saved as `<db>.vectors.npy`
with the document id of each row in `<db>.vectors.json`, brought in step before every query:
rows added since (higher `seq`) are appended, and a deleted passage (counted by a trigger in
`vector_generation`) rebuilds it; without a file (PostgreSQL, `:memory:`) it lives in memory.
A document scores its lead similarity plus BODY_WEIGHT times the better of its best body passage
and its lead: on the BSNLP queries the lead alone scored
nDCG@10 0.788, the best passage alone 0.753 and this blend 0.803, and the blend finds what a
long article says past its lead. Brute force with numpy answers 100k documents in milliseconds
(`bench/search_bench.py`), so no approximate index is needed at this scale.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.records import Passage
from narrascope.sql import Connection

BODY_WEIGHT = 0.3


def store_passages(conn: Connection, doc_id: str, passages: Sequence[Passage]) -> None:
    """Replace a document's passages, unless they are the same (so re-ingest keeps the index)."""
    if not passages:
        return
    rows = [(p.start, p.end, np.asarray(p.vector, dtype="<f4").tobytes()) for p in passages]
    stored = conn.execute(
        'SELECT start, "end", vector FROM passages WHERE doc_id = ? ORDER BY seq', (doc_id,)
    ).fetchall()
    if [tuple(row) for row in stored] == rows:
        return
    conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
    conn.executemany(
        'INSERT INTO passages (doc_id, start, "end", vector) VALUES (?, ?, ?, ?)',
        [(doc_id, *row) for row in rows],
    )


@dataclass(frozen=True, slots=True)
class IndexState:
    count: int
    max_seq: int
    generation: int


class VectorIndex:
    def __init__(self, conn: Connection, cache: Path | None) -> None:
        self.conn = conn
        self.base = cache
        self.ids: list[str] = []  # document id of each row
        self.leads: list[bool] = []  # whether each row is its document's title and lead
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.state = IndexState(0, 0, -1)
        self._loaded = False
        self._layout: tuple[IndexState, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def current(self) -> IndexState:
        count, max_seq = self.conn.execute(
            "SELECT count(*), coalesce(max(seq), 0) FROM passages"
        ).fetchone()
        generation = self.conn.execute("SELECT n FROM vector_generation").fetchone()[0]
        return IndexState(int(count), int(max_seq), int(generation))

    def refresh(self) -> None:
        if not self._loaded:
            self._load()
            self._loaded = True
        now = self.current()
        if now == self.state:
            return
        if now.generation == self.state.generation and now.max_seq >= self.state.max_seq:
            self._append(self.state.max_seq)
        else:
            self.ids, self.leads, self.matrix = [], [], np.zeros((0, 0), dtype=np.float32)
            self._append(0)
        self.state = now if len(self.ids) == now.count else self.current()
        self._save()

    def _append(self, after_seq: int) -> None:
        rows = self.conn.execute(
            "SELECT doc_id, start, vector FROM passages WHERE seq > ? ORDER BY seq", (after_seq,)
        ).fetchall()
        if not rows:
            return
        added = np.stack([np.frombuffer(row[2], dtype="<f4") for row in rows])
        self.matrix = added if self.matrix.size == 0 else np.vstack([self.matrix, added])
        self.ids += [str(row[0]) for row in rows]
        self.leads += [row[1] == 0 for row in rows]

    def nearest(
        self, vector: np.ndarray, limit: int, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """(doc id, score) of the best documents, best first."""
        self.refresh()
        if not self.ids or limit <= 0:
            return []
        documents, owner, leads = self.layout()
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        lead = np.full(len(documents), -np.inf, dtype=np.float32)
        body = np.full(len(documents), -np.inf, dtype=np.float32)
        np.maximum.at(lead, owner[leads], sims[leads])
        np.maximum.at(body, owner[~leads], sims[~leads])
        scores = lead + BODY_WEIGHT * np.maximum(body, lead)
        if allowed is not None:
            scores[~np.isin(documents, list(allowed))] = -np.inf
        count = min(limit, len(documents))
        top = np.argpartition(-scores, count - 1)[:count]
        ranked = sorted(top, key=lambda row: -scores[row])
        return [
            (str(documents[row]), float(scores[row])) for row in ranked if np.isfinite(scores[row])
        ]

    def layout(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distinct document ids, each row's document, each row's lead flag (cached per state)."""
        if self._layout is None or self._layout[0] != self.state:
            documents, owner = np.unique(np.asarray(self.ids), return_inverse=True)
            self._layout = (self.state, (documents, owner, np.asarray(self.leads, dtype=bool)))
        return self._layout[1]

    def _paths(self) -> tuple[Path, Path] | None:
        if self.base is None:
            return None
        return Path(f"{self.base}.vectors.npy"), Path(f"{self.base}.vectors.json")

    def _load(self) -> None:
        paths = self._paths()
        if paths is None or not (paths[0].exists() and paths[1].exists()):
            return
        try:
            meta = json.loads(paths[1].read_text(encoding="utf-8"))
            matrix = np.load(paths[0])
            ids = [str(doc_id) for doc_id in meta["ids"]]
            leads = [bool(flag) for flag in meta["leads"]]
            state = IndexState(int(meta["count"]), int(meta["max_seq"]), int(meta["generation"]))
        except (OSError, ValueError, KeyError):
            return  # a damaged index file is rebuilt from the table
        if len(ids) == len(leads) == len(matrix) == state.count:
            self.ids, self.leads, self.matrix, self.state = ids, leads, matrix, state

    def _save(self) -> None:
        paths = self._paths()
        if paths is None:
            return
        matrix_path, meta_path = paths
        meta = {
            "count": self.state.count,
            "max_seq": self.state.max_seq,
            "generation": self.state.generation,
            "ids": self.ids,
            "leads": self.leads,
        }
        with open(f"{matrix_path}.tmp", "wb") as handle:
            np.save(handle, self.matrix)
        Path(f"{meta_path}.tmp").write_text(json.dumps(meta), encoding="utf-8")
        os.replace(f"{matrix_path}.tmp", matrix_path)
        os.replace(f"{meta_path}.tmp", meta_path)
