"""Ingest with the model stages on Dask workers stores exactly what one process stores."""

import gzip
import itertools
from pathlib import Path

import numpy as np
import pytest

from narrascope import distributed, service
from narrascope.ingest.files import read_inputs
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import SEEDS, SHARED

pytestmark = pytest.mark.slow
POSTS = SHARED / "eval" / "news" / "telegram_ru_posts" / "posts.jsonl.gz"


def stored(store: SqliteStore) -> tuple[list[dict[str, object]], list[tuple[object, ...]]]:
    docs = [store.get(doc_id).as_dict() for doc_id, _, _ in store.texts()]  # type: ignore[union-attr]
    passages = store.conn.execute('SELECT doc_id, start, "end", vector FROM passages ORDER BY seq')
    return docs, [tuple(row) for row in passages]


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    with gzip.open(POSTS, "rt", encoding="utf-8") as posts:
        # two batches, a reprint in the second of a post in the first: order across batches matters
        lines = list(itertools.islice(posts, 80))
    (corpus / "posts.jsonl").write_text("".join(lines), encoding="utf-8")

    single = SqliteStore(str(tmp_path / "single.db"))
    alone = service.ingest(read_inputs([str(corpus)]), single)
    spread = SqliteStore(str(tmp_path / "dask.db"))
    with distributed.dask_client(workers=2) as client:
        assert len(client.nthreads()) == 2
        together = distributed.ingest(read_inputs([str(corpus)]), spread, client)

    assert together.documents == alone.documents == 85 and together.failures == alone.failures
    assert {"ner", "embed", "stories", "store"} <= set(together.stages)
    assert stored(spread) == stored(single)
    ids, vectors = spread.document_vectors()
    assert (ids, vectors.tobytes()) == (
        single.document_vectors()[0],
        single.document_vectors()[1].tobytes(),
    )
    assert any(doc["duplicate_of"] for doc in stored(spread)[0]) and np.isfinite(vectors).all()
