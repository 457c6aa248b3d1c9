"""The bundled example corpus that `make run` loads."""

import json

import pytest

from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import ROOT, ExamplesDb, seed_paths

EXAMPLES = ROOT / "examples"
CORPUS = EXAMPLES / "corpus"


def test_examples_are_small_and_attributed() -> None:
    size = sum(path.stat().st_size for path in EXAMPLES.rglob("*") if path.is_file())
    assert size < 5 * 1024 * 1024
    attribution = (EXAMPLES / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for name in ("seeds/", "nerel_wikinews.jsonl", "telegram_posts.jsonl", "CC BY"):
        assert name in attribution
    assert sorted(p.name for p in (CORPUS / "seeds").iterdir()) == [p.name for p in seed_paths()]


def test_example_records_carry_the_jsonl_fields() -> None:
    for name in ("nerel_wikinews.jsonl", "telegram_posts.jsonl"):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) >= 150
        for line in lines:
            record = json.loads(line)
            assert record["id"] and record["text"].strip()


@pytest.mark.slow
def test_whole_example_corpus_ingests_cleanly(examples_db: ExamplesDb) -> None:
    report = examples_db.report
    assert report.failures == []
    assert report.documents == 405
    store = SqliteStore(str(examples_db.path))
    assert store.count() == 405 + 2  # and the two hostile-markup fixtures
    found = {hit.source.rsplit("/", 1)[-1][:3] for hit in store.search("средней державы", limit=20)}
    assert {"002", "004"} <= found
    assert store.search("Токаеву")
    store.close()
