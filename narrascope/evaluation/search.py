"""Search relevance on the BSNLP documents: nDCG@10 for fts, semantic and hybrid.

The 551 Russian BSNLP documents (six annotated topics and two 2021 topics) are ingested once into
a cache database. Judgments (eval/search_queries.jsonl) grade a document 2 when it was read and
judged to answer the query (pooled from the top 10 of every mode), 1 when it belongs to the
query's BSNLP topic, 0 otherwise. Queries are in Russian, English and Kazakh.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from narrascope import jsonlines, service
from narrascope.analytics.search import SearchMode, search
from narrascope.ingest.files import read_inputs
from narrascope.store.factory import open_store
from narrascope.store.protocol import Store

FILES = ("annotated_eval_half.jsonl.gz", "unannotated_2021_raw.jsonl.gz")
DEPTH = 10


@dataclass(slots=True)
class Query:
    text: str
    lang: str
    topic: str
    relevant: frozenset[str]


@dataclass(slots=True)
class SearchReport:
    documents: int
    queries: int
    ndcg: dict[str, float] = field(default_factory=dict)  # mode -> mean nDCG@10
    by_lang: dict[str, dict[str, float]] = field(default_factory=dict)  # lang -> mode -> mean


def bsnlp_rows(folder: Path) -> list[dict[str, object]]:
    return [row for name in FILES for row in jsonlines.records(folder / name)]


def topics_of(rows: list[dict[str, object]]) -> dict[str, str]:
    return {str(row["id"]): str(row["topic"]) for row in rows}


def build_store(folder: Path, db_path: Path) -> Store:
    """The BSNLP documents in a database at db_path, ingested once and reused."""
    store = open_store(str(db_path))
    if store.count():
        return store
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as handle:
        for row in bsnlp_rows(folder):
            record = {
                "id": row["id"],
                "title": row["title"],
                "text": row["text"],
                "published": row.get("date") or None,
                "url": row.get("url") or None,
            }
            handle.write(jsonlines.dumps(record) + "\n")
        handle.flush()
        service.ingest(read_inputs([handle.name], "jsonl"), store)
    return store


def read_queries(path: Path) -> list[Query]:
    return [
        Query(item["query"], item["lang"], item["topic"], frozenset(item["relevant"]))
        for item in jsonlines.records(path)
    ]


def gain(doc_id: str, query: Query, topics: dict[str, str]) -> int:
    if doc_id in query.relevant:
        return 2
    return 1 if topics.get(doc_id) == query.topic else 0


def ndcg(ranked: list[str], query: Query, topics: dict[str, str]) -> float:
    def dcg(gains: list[int]) -> float:
        return float(sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains)))

    ideal_pool = [2] * len(query.relevant) + [1] * sum(
        1
        for doc_id, topic in topics.items()
        if topic == query.topic and doc_id not in query.relevant
    )
    ideal = dcg(ideal_pool[:DEPTH])
    return dcg([gain(doc_id, query, topics) for doc_id in ranked[:DEPTH]]) / ideal if ideal else 0.0


def evaluate(folder: Path, queries_path: Path, db_path: Path) -> SearchReport:
    topics = topics_of(bsnlp_rows(folder))
    store = build_store(folder, db_path)
    queries = read_queries(queries_path)
    report = SearchReport(documents=store.count(), queries=len(queries))
    per_lang: dict[str, dict[str, list[float]]] = {}
    for mode in SearchMode:
        scores = []
        for query in queries:
            ranked = [hit.id for hit in search(store, query.text, mode, DEPTH)]
            value = ndcg(ranked, query, topics)
            scores.append(value)
            per_lang.setdefault(query.lang, {}).setdefault(mode.value, []).append(value)
        report.ndcg[mode.value] = sum(scores) / len(scores) if scores else 0.0
    report.by_lang = {
        lang: {mode: sum(v) / len(v) for mode, v in modes.items()}
        for lang, modes in per_lang.items()
    }
    store.close()
    return report
