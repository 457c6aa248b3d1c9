from pathlib import Path

import numpy as np
import pytest

from narrascope.records import Document, Passage
from narrascope.sqlite_store import SqliteStore


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def doc(doc_id: str, *vectors: np.ndarray) -> Document:
    passages = [Passage(i * 10, i * 10 + 9, vector) for i, vector in enumerate(vectors)]
    return Document(id=doc_id, source=doc_id, text="x" * 100, passages=passages)


def test_the_lead_counts_most_and_a_body_passage_still_lifts_a_document(
    store: SqliteStore,
) -> None:
    store.upsert([doc("a", unit(1), unit(0, 1)), doc("b", unit(0, 0, 1)), doc("c", unit(0, 1))])
    hits = store.vector_search(unit(0, 1), 3)
    assert [hit.id for hit in hits] == ["c", "a", "b"]
    assert [hit.score for hit in hits] == pytest.approx([1.3, 0.3, 0.0], abs=1e-6)


def test_the_index_file_follows_the_table(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    first = SqliteStore(str(path))
    first.upsert([doc("a", unit(1))])
    assert [hit.id for hit in first.vector_search(unit(1), 5)] == ["a"]
    assert Path(f"{path}.vectors.npy").exists()
    first.upsert([doc("b", unit(0, 1))])  # appended on the next query
    assert {hit.id for hit in first.vector_search(unit(1), 5)} == {"a", "b"}
    first.upsert([doc("a", unit(0, 0, 1))])  # replaced: the index is rebuilt
    assert first.vector_search(unit(0, 0, 1), 1)[0].id == "a"
    assert first.vector_search(unit(0, 0, 1), 1)[0].score > 0.99
    first.close()
    second = SqliteStore(str(path))  # reads the saved index, still in step
    hits = second.vector_search(unit(0, 0, 1), 5)
    assert hits[0].id == "a"
    assert len(hits) == 2
    second.close()


def test_re_storing_the_same_passages_keeps_the_index(store: SqliteStore) -> None:
    store.upsert([doc("a", unit(1))])
    store.vector_search(unit(1), 1)
    before = store.searcher.index.current()
    store.upsert([doc("a", unit(1))])
    assert store.searcher.index.current() == before


def test_a_damaged_index_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    store = SqliteStore(str(path))
    store.upsert([doc("a", unit(1))])
    store.vector_search(unit(1), 1)
    store.close()
    Path(f"{path}.vectors.json").write_text("{broken", encoding="utf-8")
    reopened = SqliteStore(str(path))
    assert [hit.id for hit in reopened.vector_search(unit(1), 1)] == ["a"]
    reopened.close()
