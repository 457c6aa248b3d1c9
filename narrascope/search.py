"""Search in three modes over one store: bm25 over lemmas, e5 vectors, or both fused.

Hybrid search fuses the two rankings by reciprocal rank (Cormack et al. 2009), which needs no
score calibration between bm25 and cosine; each side contributes its top `CANDIDATES`.
The query is embedded as an e5 "query:" and documents as "passage:", so an English or Kazakh
query meets Russian documents.
"""

from __future__ import annotations

from enum import StrEnum

from narrascope.embed import Embedder, default_embedder
from narrascope.store import SearchFilters, SearchHit, Store

RRF_K = 60
CANDIDATES = 50


class SearchMode(StrEnum):
    fts = "fts"
    semantic = "semantic"
    hybrid = "hybrid"


def search(
    store: Store,
    query: str,
    mode: SearchMode = SearchMode.hybrid,
    limit: int = 10,
    filters: SearchFilters | None = None,
    embedder: Embedder | None = None,
) -> list[SearchHit]:
    if not query.strip() or limit <= 0:
        return []
    if mode is SearchMode.fts:
        return store.search(query, limit, filters)
    vector = (embedder or default_embedder()).queries([query])[0]
    if mode is SearchMode.semantic:
        return store.vector_search(vector, limit, filters)
    depth = max(CANDIDATES, limit)
    rankings = [store.search(query, depth, filters), store.vector_search(vector, depth, filters)]
    return fuse(rankings, limit)


def fuse(rankings: list[list[SearchHit]], limit: int) -> list[SearchHit]:
    """Reciprocal-rank fusion: score = sum of 1 / (RRF_K + rank) over the rankings."""
    scores: dict[str, float] = {}
    first: dict[str, SearchHit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            scores[hit.id] = scores.get(hit.id, 0.0) + 1.0 / (RRF_K + rank)
            first.setdefault(hit.id, hit)
    ordered = sorted(scores, key=lambda doc_id: (-scores[doc_id], doc_id))[:limit]
    fused = []
    for doc_id in ordered:
        hit = first[doc_id]
        fused.append(
            SearchHit(
                id=hit.id,
                source=hit.source,
                title=hit.title,
                outlet=hit.outlet,
                published=hit.published,
                score=round(scores[doc_id], 6),
            )
        )
    return fused
