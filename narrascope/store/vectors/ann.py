"""An IVF index (faiss) over the passage matrix, proposing candidates for exact scoring.

Inverted lists over about sqrt(rows) k-means cells, vectors stored as 8-bit scalars; a query
visits NPROBE cells. Rows added since the index was trained are added to it in place; it is
trained again when the matrix has grown GROWTH times since, or when a passage was replaced
(the row numbers it holds would no longer be the matrix's). Saved beside the SQLite file as
`<db>.vectors.ivf` with the generation and row count it covers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

from narrascope.store.vectors.files import IndexFiles

NPROBE = 32
GROWTH = 4
TRAINING_ROWS_PER_CELL = 40
SEED = 20261122


class ApproximateIndex:
    def __init__(self, base: Path | None) -> None:
        self.files = (
            None if base is None else IndexFiles(Path(f"{base}.ivf"), Path(f"{base}.ivf.json"))
        )
        self.index: Any = None
        self.generation = -1
        self.trained_rows = 0
        self._loaded = False

    def follow(self, matrix: np.ndarray, generation: int) -> None:
        """In step with the matrix, whose rows are only ever appended within a generation."""
        if not self._loaded:
            self._load()
            self._loaded = True
        rows = len(matrix)
        fresh = self.index is not None and self.generation == generation
        if fresh and self.index.ntotal <= rows < GROWTH * self.trained_rows:
            if self.index.ntotal == rows:
                return
            self.index.add(np.ascontiguousarray(matrix[self.index.ntotal :]))
        else:
            self.index = trained(matrix)
            self.generation, self.trained_rows = generation, rows
        self._save()

    def search(self, query: np.ndarray, count: int) -> np.ndarray:
        """Row numbers of up to `count` passages nearest the query."""
        _, found = self.index.search(query[None, :].astype(np.float32), count)
        rows: np.ndarray = found[0]
        return rows[rows >= 0]

    def _load(self) -> None:
        def parse(path: Path, meta: dict[str, Any]) -> tuple[Any, int, int]:
            return faiss.read_index(str(path)), int(meta["generation"]), int(meta["trained_rows"])

        found = None if self.files is None else self.files.read(parse)
        if found is None:
            return  # none yet, or a damaged file: trained again
        self.index, self.generation, self.trained_rows = found
        faiss.extract_index_ivf(self.index).nprobe = NPROBE

    def _save(self) -> None:
        if self.files is None:
            return
        meta = {"generation": self.generation, "trained_rows": self.trained_rows}
        self.files.write(lambda path: faiss.write_index(self.index, path), meta)


def trained(matrix: np.ndarray) -> Any:
    rows, dim = matrix.shape
    cells = int(np.clip(np.sqrt(rows), 1, 4096))
    index = faiss.index_factory(dim, f"IVF{cells},SQ8", faiss.METRIC_INNER_PRODUCT)
    sample_size = min(rows, cells * TRAINING_ROWS_PER_CELL)
    sample = np.random.default_rng(SEED).choice(rows, sample_size, replace=False)
    index.train(np.ascontiguousarray(matrix[np.sort(sample)]))
    index.add(np.ascontiguousarray(matrix))
    faiss.extract_index_ivf(index).nprobe = NPROBE
    return index
