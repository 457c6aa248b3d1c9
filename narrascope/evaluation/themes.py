"""Themes scored on real documents labelled by hand (`eval/scope/gold.jsonl`), behind the scope
gate, with one threshold per theme.

For each document the best e5 similarity of its keyword sentences to each theme is computed once.
(Comparing every sentence of an in-scope document, with a second, stricter per-theme threshold for
sentences without the theme's keywords, was tried: test micro-F1 0.650 against 0.654, at twice the
sentences embedded, so Russian sentences still need a keyword.)
On the tuning half each theme's threshold is the one that maximises that theme's F1 over the
documents the scope model lets through, out of fold (`gate_decisions`); a theme with fewer than
MIN_TUNE_EXAMPLES labelled examples there keeps the pack's global threshold, itself the best
micro-F1 threshold. The test half is scored with them. Beside it: the method as it was before
the scope gate (no gate, one global threshold), and keywords alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.evaluation.scope import Confusion, GoldDoc, features
from narrascope.evaluation.scope_model import out_of_fold, shipped_c
from narrascope.nlp.embed import Embedder, default_embedder
from narrascope.nlp.scope import ScopeModel, load_model
from narrascope.nlp.themepack import ThemePack, load_pack
from narrascope.nlp.themes import PrototypeIndex, candidates

THRESHOLDS = np.round(np.arange(0.78, 0.961, 0.005), 3)
MIN_TUNE_EXAMPLES = 5
MIN_REPORTED = 10  # labelled examples a theme needs to get its own P/R line


@dataclass(slots=True)
class Method:
    """One way of predicting themes, scored on the test half."""

    micro: Confusion
    per_theme: dict[str, Confusion]
    out_with_theme: tuple[int, int]  # gold out-of-scope documents given any theme / all of them
    in_with_right_theme: tuple[int, int]  # gold in-scope documents with a theme: one right / all


@dataclass(slots=True)
class ThemeReport:
    documents: int
    tune: int
    test: int
    global_threshold: float
    thresholds: dict[str, float]  # the themes calibrated on their own
    gated: Method
    ungated: Method
    keywords_only: Method
    support: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Matrix:
    """Per document and theme: the best similarity of a sentence holding one of the theme's
    keywords (-1 when there is none), and the gold labels."""

    similarity: np.ndarray
    gold: np.ndarray  # bool, documents × themes
    passes: np.ndarray  # bool per document: the scope model lets it through
    in_scope: np.ndarray  # bool per document, gold

    def rows(self, mask: np.ndarray) -> Matrix:
        return Matrix(
            self.similarity[mask], self.gold[mask], self.passes[mask], self.in_scope[mask]
        )


def similarities(docs: list[GoldDoc], pack: ThemePack, embedder: Embedder) -> np.ndarray:
    return best_similarities(docs, pack, embedder)[0]


def best_similarities(
    docs: list[GoldDoc], pack: ThemePack, embedder: Embedder
) -> tuple[np.ndarray, np.ndarray]:
    """Per document and theme: the best similarity of a keyword sentence (-1 when none) and of
    a sentence compared without a keyword (Kazakh and English only; -1 when none)."""
    prototypes = PrototypeIndex(pack, embedder)
    gated = np.full((len(docs), len(pack.themes)), -1.0)
    open_best = np.full((len(docs), len(pack.themes)), -1.0)
    for row, gold in enumerate(docs):
        sentences = candidates(gold.doc, pack)
        if not sentences:
            continue
        sims = prototypes.similarity(embedder.queries([s.text[:600] for s in sentences]))
        for position, sentence in enumerate(sentences):
            for index in sentence.themes:
                gated[row, index] = max(gated[row, index], sims[position, index])
            if sentence.open:
                open_best[row] = np.maximum(open_best[row], sims[position])
    return gated, open_best


def predict(matrix: Matrix, thresholds: np.ndarray | float, gate: bool) -> np.ndarray:
    found = matrix.similarity >= thresholds
    return found & matrix.passes[:, None] if gate else found


def method(matrix: Matrix, guess: np.ndarray, ids: list[str]) -> Method:
    per_theme = {}
    for index, theme_id in enumerate(ids):
        cell = Confusion()
        cell.tp = int((guess[:, index] & matrix.gold[:, index]).sum())
        cell.fp = int((guess[:, index] & ~matrix.gold[:, index]).sum())
        cell.fn = int((~guess[:, index] & matrix.gold[:, index]).sum())
        per_theme[theme_id] = cell
    micro = Confusion(
        tp=sum(c.tp for c in per_theme.values()),
        fp=sum(c.fp for c in per_theme.values()),
        fn=sum(c.fn for c in per_theme.values()),
    )
    given = guess.any(axis=1)
    labelled_in = matrix.in_scope & matrix.gold.any(axis=1)
    right = (guess & matrix.gold).any(axis=1)
    return Method(
        micro,
        per_theme,
        (int((given & ~matrix.in_scope).sum()), int((~matrix.in_scope).sum())),
        (int((right & labelled_in).sum()), int(labelled_in.sum())),
    )


def f1(guess: np.ndarray, gold: np.ndarray) -> float:
    tp = int((guess & gold).sum())
    wrong = int((guess ^ gold).sum())
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def best_global(matrix: Matrix, gate: bool) -> float:
    """The one threshold with the best micro-F1 (see `plateau_middle` for ties)."""
    scores = [f1(predict(matrix, float(t), gate), matrix.gold) for t in THRESHOLDS]
    return plateau_middle(scores)


def plateau_middle(scores: list[float], grid: np.ndarray = THRESHOLDS) -> float:
    """The middle of the best-scoring run of thresholds (the lower middle when the run is
    even): a threshold at the run's strict edge sits beside a cliff where the F1 falls, and a
    few labels more or less move it over."""
    best = max(scores)
    runs: list[list[int]] = []
    for index, score in enumerate(scores):
        if score == best:
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
    widest = max(runs, key=len)
    return float(grid[widest[(len(widest) - 1) // 2]])


def per_theme_thresholds(matrix: Matrix, ids: list[str]) -> dict[str, float]:
    """Each theme's own best-F1 threshold over what the scope gate lets through, for the themes
    with enough labelled examples there (the others keep the pack's global threshold)."""
    chosen = {}
    for index, theme_id in enumerate(ids):
        gold = matrix.gold[:, index]
        if (gold & matrix.passes).sum() < MIN_TUNE_EXAMPLES:
            continue
        similarity = matrix.similarity[:, index]
        scores = [f1((similarity >= t) & matrix.passes, gold) for t in THRESHOLDS]
        chosen[theme_id] = plateau_middle(scores)
    return chosen


def gate_decisions(docs: list[GoldDoc], is_test: np.ndarray, model: ScopeModel) -> np.ndarray:
    """The shipped model's decisions on the test half; on the tuning half, where it was trained,
    the decisions of the cross-validation models that did not see each document."""
    vectors, counts = features(docs)
    shipped = np.array(
        [model.probability(v, c) >= model.threshold for v, c in zip(vectors, counts, strict=True)]
    )
    tune = ~is_test
    x = np.hstack([vectors, counts])[tune]
    y = np.array([gold.in_scope for gold in docs])[tune]
    shipped[tune] = out_of_fold(x, y, shipped_c()) >= model.threshold
    return shipped


def evaluate(
    docs: list[GoldDoc], pack: ThemePack | None = None, model: ScopeModel | None = None
) -> ThemeReport:
    pack, model = pack or load_pack(), model or load_model()
    ids = [theme.id for theme in pack.themes]
    is_test = np.array([gold.test for gold in docs])
    matrix = Matrix(
        similarity=similarities(docs, pack, default_embedder()),
        gold=np.array([[theme_id in gold.themes for theme_id in ids] for gold in docs]),
        passes=gate_decisions(docs, is_test, model),
        in_scope=np.array([gold.in_scope for gold in docs]),
    )
    tune, test = matrix.rows(~is_test), matrix.rows(is_test)
    before = best_global(tune, gate=False)
    fallback = best_global(tune, gate=True)
    thresholds = per_theme_thresholds(tune, ids)
    chosen = np.array([thresholds.get(theme_id, fallback) for theme_id in ids])
    return ThemeReport(
        documents=len(docs),
        tune=int((~is_test).sum()),
        test=int(is_test.sum()),
        global_threshold=fallback,
        thresholds=thresholds,
        gated=method(test, predict(test, chosen, gate=True), ids),
        ungated=method(test, predict(test, before, gate=False), ids),
        keywords_only=method(test, predict(test, -0.5, gate=False), ids),
        support={theme_id: sum(theme_id in doc.themes for doc in docs) for theme_id in ids},
    )


def write_thresholds(path: Path, report: ThemeReport) -> None:
    """Put the calibrated thresholds in the pack file, line by line, comments kept."""
    lines = path.read_text(encoding="utf-8").splitlines()
    result: list[str] = []
    for line in lines:
        if line.startswith("    ") and line.strip().startswith("threshold:"):
            continue  # a theme's old threshold; written again below its id
        if line.startswith("  threshold:"):
            line = f"  threshold: {report.global_threshold}"
        result.append(line)
        if line.startswith("  - id: "):
            theme_id = line.removeprefix("  - id: ").strip()
            if theme_id in report.thresholds:
                result.append(f"    threshold: {report.thresholds[theme_id]}")
    path.write_text("\n".join(result) + "\n", encoding="utf-8")
