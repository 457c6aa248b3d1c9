"""A sanity figure for the embedder: a linear classifier on e5 vectors of labelled news.

tgcontest categories (8 classes, short news) and RIA rubrics (3 classes, full articles), each
scored by 5-fold stratified cross-validation of logistic regression on the document passage
vector (title and lead, as stored), beside always answering the majority class.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from narrascope import jsonlines
from narrascope.nlp.embed import LEAD_CHARS, default_embedder

SETS = {
    "tgcontest_categories": "tgcontest_categories/eval_half.jsonl",
    "ria_rubrics": "ria_rubrics/eval_half.jsonl.gz",
}


@dataclass(slots=True)
class TopicResult:
    name: str
    documents: int
    classes: int
    accuracy: float
    majority: float


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(jsonlines.records(path))


def evaluate(folder: Path) -> list[TopicResult]:
    embedder = default_embedder()
    results = []
    for name, relative in SETS.items():
        rows = read_rows(folder / relative)
        texts = [f"{row.get('title') or ''}. {row.get('text') or ''}"[:LEAD_CHARS] for row in rows]
        labels = np.array([row["label"] for row in rows])
        vectors = embedder.passages(texts)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        model = LogisticRegression(max_iter=2000, C=10.0)
        accuracy = float(cross_val_score(model, vectors, labels, cv=folds).mean())
        majority = Counter(labels.tolist()).most_common(1)[0][1] / len(labels)
        results.append(TopicResult(name, len(rows), len(set(labels)), accuracy, majority))
    return results
