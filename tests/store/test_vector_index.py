import shutil
from pathlib import Path

import numpy as np
import pytest

from narrascope.records import Document, Passage
from narrascope.store.sqlite.store import SqliteStore
from narrascope.store.vectors import index as vector_index
from tests.conftest import ExamplesDb


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


def test_the_index_reads_the_table_a_page_at_a_time(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_index, "READ_PAGE", 2)
    store.upsert([doc("a", unit(1), unit(0, 1)), doc("b", unit(0, 0, 1))])
    assert [hit.id for hit in store.vector_search(unit(0, 0, 1), 1)] == ["b"]
    store.upsert([doc(name, unit(0, 0, 0, i + 1, 1)) for i, name in enumerate("cdefg")])
    index = store.searcher.index
    index.refresh()
    assert index.ids == ["a", "a", "b", "c", "d", "e", "f", "g"]
    rows = store.conn.execute("SELECT vector FROM passages ORDER BY seq").fetchall()
    assert np.array_equal(index.matrix, np.stack([np.frombuffer(r[0], "<f4") for r in rows]))


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


def test_above_the_exact_limit_the_ivf_index_proposes_and_ranking_holds(
    examples_db: ExamplesDb, tmp_path: Path
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(examples_db.path, path)
    store = SqliteStore(str(path))
    leads = store.conn.execute("SELECT vector FROM passages WHERE start = 0 LIMIT 40").fetchall()
    queries = [np.frombuffer(row[0], dtype="<f4") for row in leads]
    exact = [[hit.id for hit in store.vector_search(query, 10)] for query in queries]
    index = store.searcher.index
    index.exact_rows = 50
    approximate = [[hit.id for hit in store.vector_search(query, 10)] for query in queries]
    assert index.approximate.index.ntotal == len(index.ids) > 50
    assert Path(f"{path}.vectors.ivf").exists()
    overlap = [len(set(a) & set(e)) / len(e) for a, e in zip(approximate, exact, strict=True)]
    assert sum(overlap) / len(overlap) >= 0.95
    assert all(a[0] == e[0] for a, e in zip(approximate, exact, strict=True))
    store.close()


def test_the_ivf_index_follows_added_and_replaced_passages(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    store = SqliteStore(str(path))
    store.searcher.index.exact_rows = 2
    store.upsert([doc("a", unit(1)), doc("b", unit(0, 1)), doc("c", unit(0, 0, 1))])
    assert store.vector_search(unit(0, 1), 1)[0].id == "b"
    approximate = store.searcher.index.approximate
    trained = approximate.index
    store.upsert([doc("d", unit(0, 0, 0, 1))])
    assert store.vector_search(unit(0, 0, 0, 1), 1)[0].id == "d"
    assert approximate.index is trained and trained.ntotal == 4  # added in place
    store.upsert([doc("a", unit(0, 0, 0, 0, 1))])  # replaced: row numbers change, trained again
    assert store.vector_search(unit(0, 0, 0, 0, 1), 1)[0].id == "a"
    assert approximate.index is not trained and approximate.index.ntotal == 4
    store.close()
    reopened = SqliteStore(str(path))
    reopened.searcher.index.exact_rows = 2
    assert reopened.vector_search(unit(0, 1), 1)[0].id == "b"
    assert reopened.searcher.index.approximate.trained_rows == 4  # read back, not trained again
    reopened.close()
