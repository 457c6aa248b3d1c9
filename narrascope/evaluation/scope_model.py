"""The scope model's training recipe, shared by `scripts/train_scope.py` and the theme evaluation.

A logistic regression over the lead's e5 vector and the evidence counts, standardised, with
balanced class weights, scored by five-fold cross-validation. The theme evaluation calibrates
its thresholds on the tuning half, where the shipped model was trained: there its decisions are
in-sample and almost never wrong, so the gate the thresholds are tuned behind would be cleaner
than the one unseen documents meet. `out_of_fold` gives the tuning half the decisions of models
that did not see each document.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from narrascope.nlp.scope import data_dir

SEED = 25


def classifier(c: float) -> Pipeline:
    return make_pipeline(
        StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    )


def folds() -> StratifiedKFold:
    return StratifiedKFold(5, shuffle=True, random_state=SEED)


def out_of_fold(x: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """Each row's in-scope probability from the model trained on the other four folds."""
    return np.asarray(cross_val_predict(classifier(c), x, y, cv=folds(), method="predict_proba"))[
        :, 1
    ]


def shipped_c() -> float:
    """The regularisation the shipped model was trained with."""
    with np.load(data_dir() / "kazakhstan.npz") as stored:
        return float(stored["c"])
