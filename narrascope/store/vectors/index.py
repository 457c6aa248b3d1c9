"""Nearest-neighbour search over stored passage vectors, persisted beside an SQLite file.

The `passages` table is the truth; the index is a float32 matrix saved as `<db>.vectors.npy`
with the document id of each row in `<db>.vectors.json`, brought in step before every query:
rows added since (higher `seq`) are appended, and a deleted passage (counted by a trigger in
`vector_generation`) rebuilds it; without a file (PostgreSQL, `:memory:`) it lives in memory.
A document scores its lead similarity plus BODY_WEIGHT times the better of its best body passage
and its lead: on the BSNLP queries the lead alone scored
nDCG@10 0.788, the best passage alone 0.753 and this blend 0.803, and the blend finds what a
long article says past its lead.

Up to EXACT_ROWS passages every document is scored exactly (a matrix product, then a maximum
per document over rows grouped by document). Above it, reading the whole matrix per query costs
more than the search budget (2 GB at 1M posts), so an IVF index (faiss, 8-bit scalar
quantisation, a quarter of the matrix) proposes the passages nearest the query and the
documents owning them are then scored exactly, the same way; `bench/scale_bench.py` prints its
recall@10 against exact search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from narrascope.records import Passage
from narrascope.store.sql.base import Connection, marks
from narrascope.store.vectors.ann import ApproximateIndex
from narrascope.store.vectors.files import IndexFiles

BODY_WEIGHT = 0.3
EXACT_ROWS = 100_000
CANDIDATE_PASSAGES = 40  # passages the approximate index proposes per wanted document
LOOKUP_CHUNK = 500  # document ids per IN (...) list
READ_PAGE = 20_000  # passages read per query when the index catches up with the table
# A query's matrix-vector product runs on one BLAS thread: waking OpenBLAS's threads right after
# e5's OpenMP threads made the two pools spin against each other on 2 cores (10k documents:
# semantic search p95 108 ms with both, 19 ms with one BLAS thread).
THREADS = ThreadpoolController()


def store_passages(conn: Connection, docs: Sequence[tuple[str, Sequence[Passage]]]) -> None:
    """Replace documents' passages, except those stored the same (so re-ingest keeps the index)."""
    wanted = {
        doc_id: [(p.start, p.end, np.asarray(p.vector, dtype="<f4").tobytes()) for p in passages]
        for doc_id, passages in docs
        if passages
    }
    stored: dict[str, list[tuple[object, ...]]] = {doc_id: [] for doc_id in wanted}
    ids = list(wanted)
    for begin in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[begin : begin + LOOKUP_CHUNK]
        rows = conn.execute(
            'SELECT doc_id, start, "end", vector FROM passages'
            f" WHERE doc_id IN ({marks(len(chunk))}) ORDER BY seq",
            chunk,
        )
        for row in rows:
            stored[row[0]].append(tuple(row)[1:])
    changed = [doc_id for doc_id, rows in wanted.items() if stored[doc_id] != rows]
    conn.executemany("DELETE FROM passages WHERE doc_id = ?", [(doc_id,) for doc_id in changed])
    conn.executemany(
        'INSERT INTO passages (doc_id, start, "end", vector) VALUES (?, ?, ?, ?)',
        [(doc_id, *row) for doc_id in changed for row in wanted[doc_id]],
    )


@dataclass(frozen=True, slots=True)
class IndexState:
    max_seq: int
    generation: int


@dataclass(frozen=True, slots=True)
class Layout:
    """Rows grouped by document, each document's lead row first; built once per index state."""

    documents: np.ndarray  # distinct document ids, sorted
    owner: np.ndarray  # each row's position in `documents`
    order: np.ndarray  # row numbers grouped by document
    starts: np.ndarray  # where each document's rows begin in `order`
    sizes: np.ndarray  # how many rows each document has
    has_lead: np.ndarray  # whether a document's first row is its title and lead

    @classmethod
    def of(cls, ids: list[str], leads: list[bool]) -> Layout:
        documents, owner = np.unique(np.asarray(ids), return_inverse=True)
        is_lead = np.asarray(leads, dtype=bool)
        order = np.lexsort((np.arange(len(ids)), ~is_lead, owner))
        grouped = owner[order]
        starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        return cls(documents, owner, order, starts, sizes, is_lead[order[starts]])

    def rows_of(self, picked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the picked documents, grouped, and where each group begins."""
        sizes = self.sizes[picked]
        group_starts = np.cumsum(sizes) - sizes
        positions = np.repeat(self.starts[picked] - group_starts, sizes) + np.arange(sizes.sum())
        return self.order[positions], group_starts


class VectorIndex:
    def __init__(self, conn: Connection, cache: Path | None, exact_rows: int = EXACT_ROWS) -> None:
        self.conn = conn
        self.files = (
            None
            if cache is None
            else IndexFiles(Path(f"{cache}.vectors.npy"), Path(f"{cache}.vectors.json"))
        )
        self.exact_rows = exact_rows
        self.ids: list[str] = []  # document id of each row
        self.leads: list[bool] = []  # whether each row is its document's title and lead
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.state = IndexState(0, -1)
        self._loaded = False
        self._layout: tuple[IndexState, Layout] | None = None
        self.approximate = ApproximateIndex(None if cache is None else Path(f"{cache}.vectors"))

    def current(self) -> IndexState:
        max_seq = self.conn.execute("SELECT coalesce(max(seq), 0) FROM passages").fetchone()[0]
        generation = self.conn.execute("SELECT n FROM vector_generation").fetchone()[0]
        return IndexState(int(max_seq), int(generation))

    def refresh(self) -> None:
        if not self._loaded:
            self._load()
            self._loaded = True
        now = self.current()
        if now == self.state:
            return
        if now.generation == self.state.generation and now.max_seq >= self.state.max_seq:
            last = self._append(self.state.max_seq) or self.state.max_seq
        else:
            self.ids, self.leads, self.matrix = [], [], np.zeros((0, 0), dtype=np.float32)
            last = self._append(0)
        self.state = IndexState(last, now.generation)
        self._save()

    def _append(self, after_seq: int) -> int:
        """Reads the rows past `after_seq` a page at a time into one matrix allocated once (at
        1M posts, holding every row as Python bytes before stacking doubled the 2 GB); returns
        the last seq read (0 when none)."""
        count = self.conn.execute(
            "SELECT count(*) FROM passages WHERE seq > ?", (after_seq,)
        ).fetchone()[0]
        held, last = len(self.ids), after_seq
        matrix: np.ndarray | None = None
        while len(self.ids) < held + count:
            rows = self.conn.execute(
                "SELECT doc_id, start, vector, seq FROM passages WHERE seq > ? ORDER BY seq"
                " LIMIT ?",
                (last, min(READ_PAGE, held + count - len(self.ids))),
            ).fetchall()
            if not rows:
                break
            page = np.stack([np.frombuffer(row[2], dtype="<f4") for row in rows])
            if matrix is None:
                matrix = np.empty((held + count, page.shape[1]), dtype=np.float32)
                if held:
                    matrix[:held] = self.matrix
            matrix[len(self.ids) : len(self.ids) + len(rows)] = page
            self.ids += [str(row[0]) for row in rows]
            self.leads += [row[1] == 0 for row in rows]
            last = int(rows[-1][3])
        if matrix is None:
            return 0
        self.matrix = matrix[: len(self.ids)]
        return last

    def nearest(
        self, vector: np.ndarray, limit: int, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """(doc id, score) of the best documents, best first."""
        self.refresh()
        if not self.ids or limit <= 0:
            return []
        layout = self.layout()
        query = np.asarray(vector, dtype=np.float32)
        picked = self.candidates(query, limit, layout, allowed)
        if picked is not None and picked.size == 0:
            return []
        scores, picked = self.scores(query, layout, picked)
        count = min(limit, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        ranked = sorted(top, key=lambda row: (-scores[row], picked[row]))
        documents = layout.documents
        return [
            (str(documents[picked[row]]), float(scores[row]))
            for row in ranked
            if np.isfinite(scores[row])
        ]

    def candidates(
        self, query: np.ndarray, limit: int, layout: Layout, allowed: set[str] | None
    ) -> np.ndarray | None:
        """Documents worth scoring (positions in the layout), or None for all of them."""
        permitted = None
        if allowed is not None:
            permitted = np.flatnonzero(np.isin(layout.documents, list(allowed)))
            if layout.sizes[permitted].sum() <= self.exact_rows:
                return permitted
        if len(self.ids) <= self.exact_rows:
            return None
        self.approximate.follow(self.matrix, self.state.generation)
        wanted = limit * CANDIDATE_PASSAGES * (1 if permitted is None else 4)
        proposed = np.unique(layout.owner[self.approximate.search(query, wanted)])
        if permitted is None:
            return proposed
        kept = np.intersect1d(proposed, permitted)
        return kept if len(kept) >= limit else permitted

    def scores(
        self, query: np.ndarray, layout: Layout, picked: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Blended score of each picked document (all when None), and the documents scored."""
        with THREADS.limit(limits=1, user_api="blas"):
            if picked is None:
                picked = np.arange(len(layout.documents))
                similarity = (self.matrix @ query)[layout.order]
                group_starts = layout.starts
            else:
                rows, group_starts = layout.rows_of(picked)
                similarity = self.matrix[rows] @ query
        best = np.maximum.reduceat(similarity, group_starts)
        lead = np.where(layout.has_lead[picked], similarity[group_starts], -np.inf)
        return lead + BODY_WEIGHT * np.maximum(best, lead), picked

    def layout(self) -> Layout:
        if self._layout is None or self._layout[0] != self.state:
            self._layout = (self.state, Layout.of(self.ids, self.leads))
        return self._layout[1]

    def _load(self) -> None:
        def parse(path: Path, meta: dict[str, Any]) -> tuple[Any, ...]:
            ids = [str(doc_id) for doc_id in meta["ids"]]
            leads = [bool(flag) for flag in meta["leads"]]
            state = IndexState(int(meta["max_seq"]), int(meta["generation"]))
            return ids, leads, np.load(path), state

        found = None if self.files is None else self.files.read(parse)
        if found is None:
            return  # none yet, or a damaged file: rebuilt from the table
        ids, leads, matrix, state = found
        if len(ids) == len(leads) == len(matrix):
            self.ids, self.leads, self.matrix, self.state = ids, leads, matrix, state

    def _save(self) -> None:
        if self.files is None:
            return
        meta = {
            "max_seq": self.state.max_seq,
            "generation": self.state.generation,
            "ids": self.ids,
            "leads": self.leads,
        }

        def write_matrix(path: str) -> None:
            with open(path, "wb") as handle:
                np.save(handle, self.matrix)

        self.files.write(write_matrix, meta)
