"""Topic discovery: cluster recent documents by meaning, label clusters, flag uncovered ones.

Stored e5 vectors of original reports (reprints left out) are grouped by average-linkage
agglomerative clustering under a cosine distance cut; each cluster is labelled by its most
distinctive lemmas (class-based TF-IDF: a cluster's documents joined into one text), and a
cluster whose documents mostly carry no pack theme is flagged as a possible new narrative.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from narrascope.nlp.lemmas import WORD, word_lemmas
from narrascope.store.protocol import SearchFilters, Store

DISTANCE = 0.16  # cosine distance cut; same-story pairs sit below 0.09 (stories.py)
MIN_SIZE = 3
RECENT_DAYS = 30
LABEL_TERMS = 6
UNCOVERED_SHARE = 0.5  # a cluster is "new" when fewer than this share of its documents has a theme
MAX_DOCUMENTS = 5000  # agglomerative clustering is quadratic in memory


@dataclass(slots=True)
class Topic:
    label: list[str]
    size: int
    documents: list[str]
    themes: dict[str, int] = field(default_factory=dict)
    new: bool = False
    first: str | None = None
    last: str | None = None


def label_words(text: str) -> str:
    """Lemmas worth a label: words of four letters or more, no digits."""
    lemmas = (word_lemmas(match.group())[0] for match in WORD.finditer(text))
    return " ".join(lemma for lemma in lemmas if len(lemma) >= 4 and lemma.isalpha())


def default_since(store: Store) -> str | None:
    latest = store.latest_published()
    if not latest:
        return None
    return (date.fromisoformat(latest[:10]) - timedelta(days=RECENT_DAYS)).isoformat()


def clusters(vectors: np.ndarray, distance: float) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
    )
    labels: np.ndarray = model.fit_predict(vectors)
    return labels


def discover(
    store: Store,
    filters: SearchFilters | None = None,
    distance: float = DISTANCE,
    min_size: int = MIN_SIZE,
) -> list[Topic]:
    if filters is None or filters.empty:
        filters = SearchFilters(since=default_since(store))
    ids, vectors = store.document_vectors(filters)
    ids, vectors = ids[-MAX_DOCUMENTS:], vectors[-MAX_DOCUMENTS:]
    labels = clusters(vectors, distance)
    groups = [
        [ids[row] for row in np.flatnonzero(labels == label)]
        for label, size in Counter(labels.tolist()).most_common()
        if size >= min_size
    ]
    if not groups:
        return []
    summaries = store.summaries([doc_id for group in groups for doc_id in group])
    texts = [label_words(" ".join(summaries[doc_id].text for doc_id in group)) for group in groups]
    vectorizer = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+")
    weights = vectorizer.fit_transform(texts).toarray()
    vocabulary = vectorizer.get_feature_names_out()
    topics = []
    for group, row in zip(groups, weights, strict=True):
        themes = Counter(t for doc_id in group for t in summaries[doc_id].themes)
        covered = sum(bool(summaries[doc_id].themes) for doc_id in group)
        dates = sorted(d for doc_id in group if (d := summaries[doc_id].published))
        topics.append(
            Topic(
                label=[str(vocabulary[i]) for i in np.argsort(-row)[:LABEL_TERMS] if row[i] > 0],
                size=len(group),
                documents=group,
                themes=dict(themes.most_common()),
                new=covered < UNCOVERED_SHARE * len(group),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
            )
        )
    return topics
