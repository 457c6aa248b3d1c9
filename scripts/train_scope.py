"""Train the scope model on the tuning half of eval/scope/gold.jsonl; write data/scope/*.npz.

A logistic regression (scikit-learn) over the lead's e5 vector and the evidence counts, with
balanced class weights; C by five-fold cross-validation on the tuning half, and the threshold
that maximises F1 on the cross-validated probabilities of that half. The standardisation is
folded into the weights, so the package needs numpy only. The test half is never read here.

    .venv/bin/python scripts/train_scope.py [--data ../shared/eval]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from narrascope.evaluation.scope import GOLD, features, read_gold
from narrascope.evaluation.scope_model import classifier, out_of_fold
from narrascope.nlp.scope import data_dir

C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = np.round(np.arange(0.2, 0.81, 0.01), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    tune = [gold for gold in read_gold(args.data, args.gold) if not gold.test]
    vectors, counts = features(tune)
    x = np.hstack([vectors, counts])
    y = np.array([gold.in_scope for gold in tune])
    best = None
    for c in C_GRID:
        probability = out_of_fold(x, y, c)
        for threshold in THRESHOLDS:
            f1 = f1_score(y, probability >= threshold)
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, c, float(threshold))
    assert best is not None
    f1, c, threshold = best
    fitted = classifier(c).fit(x, y)
    scaler, regression = fitted.steps[0][1], fitted.steps[1][1]
    weights = regression.coef_[0] / scaler.scale_
    bias = regression.intercept_[0] - float(weights @ scaler.mean_)
    out = data_dir() / "kazakhstan.npz"
    np.savez(
        out,
        weights=weights.astype(np.float32),
        bias=np.float64(bias),
        threshold=np.float64(threshold),
        c=np.float64(c),
        trained_on=np.int64(len(tune)),
    )
    print(
        f"{len(tune)} tuning documents ({int(y.sum())} in scope): C={c}, threshold "
        f"{threshold:.2f}, cross-validated F1 {f1:.3f} -> {out}"
    )


if __name__ == "__main__":
    main()
