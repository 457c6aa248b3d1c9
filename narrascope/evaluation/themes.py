"""Themes scored on real documents labelled by hand (`eval/scope/gold.jsonl`), behind the scope
gate, with one threshold per theme.

For each document the best e5 similarity of its keyword sentences to each theme is computed once.
On the tuning half each theme's threshold is the one that maximises that theme's F1 over the
documents the scope model lets through (a theme with fewer than MIN_TUNE_EXAMPLES labelled
examples there keeps the pack's global threshold, itself the best micro-F1 threshold); the test
half is scored with them. Beside it: the method as it was before the scope gate (no gate, one
global threshold), and keywords alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.evaluation.scope import Confusion, GoldDoc, features
from narrascope.nlp.embed import Embedder, default_embedder
from narrascope.nlp.scope import ScopeModel, load_model
from narrascope.nlp.themepack import ThemePack, load_pack
from narrascope.nlp.themes import PrototypeIndex, candidates

THRESHOLDS = tuple(round(0.78 + 0.005 * step, 3) for step in range(37))
MIN_TUNE_EXAMPLES = 5
MIN_REPORTED = 10  # labelled examples a theme needs to get its own P/R line


@dataclass(slots=True)
class Scored:
    gold: GoldDoc
    similarity: np.ndarray  # best similarity per theme over keyword sentences (-1: no keyword)
    passes: bool  # the scope model lets it through


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
    thresholds: dict[str, float]
    gated: Method
    ungated: Method
    keywords_only: Method
    support: dict[str, int] = field(default_factory=dict)


def similarities(docs: list[GoldDoc], pack: ThemePack, embedder: Embedder) -> list[np.ndarray]:
    prototypes = PrototypeIndex(pack, embedder)
    result = []
    for gold in docs:
        sentences = candidates(gold.doc, pack)
        best = np.full(len(pack.themes), -1.0)
        if sentences:
            sims = prototypes.similarity(embedder.queries([s.text[:600] for s in sentences]))
            for row, sentence in enumerate(sentences):
                for index in sentence.themes:
                    best[index] = max(best[index], sims[row, index])
        result.append(best)
    return result


def predicted(doc: Scored, ids: list[str], thresholds: dict[str, float], gate: bool) -> set[str]:
    if gate and not doc.passes:
        return set()
    return {ids[i] for i, value in enumerate(doc.similarity) if value >= thresholds[ids[i]]}


def score(docs: list[Scored], ids: list[str], thresholds: dict[str, float], gate: bool) -> Method:
    per_theme = {theme_id: Confusion() for theme_id in ids}
    out_given = out_all = in_right = in_all = 0
    for doc in docs:
        guess = predicted(doc, ids, thresholds, gate)
        for theme_id in ids:
            per_theme[theme_id].add(theme_id in doc.gold.themes, theme_id in guess)
        if not doc.gold.in_scope:
            out_all += 1
            out_given += bool(guess)
        elif doc.gold.themes:
            in_all += 1
            in_right += bool(guess & doc.gold.themes)
    micro = Confusion()
    for cell in per_theme.values():
        micro.tp, micro.fp, micro.fn = micro.tp + cell.tp, micro.fp + cell.fp, micro.fn + cell.fn
    return Method(micro, per_theme, (out_given, out_all), (in_right, in_all))


def best_global(docs: list[Scored], ids: list[str], gate: bool) -> float:
    def quality(threshold: float) -> tuple[float, float]:
        uniform = dict.fromkeys(ids, threshold)
        return score(docs, ids, uniform, gate).micro.f1, -threshold

    return max(THRESHOLDS, key=quality)


def per_theme_thresholds(docs: list[Scored], ids: list[str], fallback: float) -> dict[str, float]:
    chosen = {}
    for theme_id in ids:
        examples = sum(theme_id in doc.gold.themes and doc.passes for doc in docs)
        if examples < MIN_TUNE_EXAMPLES:
            chosen[theme_id] = fallback
            continue
        others = dict.fromkeys(ids, 2.0)
        chosen[theme_id] = max(
            THRESHOLDS,
            key=lambda t: (
                score(docs, ids, {**others, theme_id: t}, True).per_theme[theme_id].f1,
                t,
            ),
        )
    return chosen


def evaluate(
    docs: list[GoldDoc], pack: ThemePack | None = None, model: ScopeModel | None = None
) -> ThemeReport:
    pack, model = pack or load_pack(), model or load_model()
    ids = [theme.id for theme in pack.themes]
    vectors, counts = features(docs)
    passes = [
        model.probability(v, c) >= model.threshold for v, c in zip(vectors, counts, strict=True)
    ]
    scored = [
        Scored(gold, similarity, passed)
        for gold, similarity, passed in zip(
            docs, similarities(docs, pack, default_embedder()), passes, strict=True
        )
    ]
    tune = [doc for doc in scored if not doc.gold.test]
    test = [doc for doc in scored if doc.gold.test]
    ungated_threshold = best_global(tune, ids, gate=False)
    global_threshold = best_global(tune, ids, gate=True)
    thresholds = per_theme_thresholds(tune, ids, global_threshold)
    return ThemeReport(
        documents=len(scored),
        tune=len(tune),
        test=len(test),
        global_threshold=global_threshold,
        thresholds=thresholds,
        gated=score(test, ids, thresholds, gate=True),
        ungated=score(test, ids, dict.fromkeys(ids, ungated_threshold), gate=False),
        keywords_only=score(test, ids, dict.fromkeys(ids, -0.5), gate=False),
        support={theme_id: sum(theme_id in doc.themes for doc in docs) for theme_id in ids},
    )


def write_thresholds(path: Path, report: ThemeReport) -> None:
    """Put the calibrated thresholds in the pack file, line by line, comments kept."""
    lines = path.read_text(encoding="utf-8").splitlines()
    result: list[str] = []
    for line in lines:
        if line.strip().startswith("threshold:") and line.startswith("    "):
            continue  # a theme's old threshold; written again below its id
        if line.startswith("  threshold:"):
            line = f"  threshold: {report.global_threshold}"
        result.append(line)
        if line.startswith("  - id: "):
            theme_id = line.removeprefix("  - id: ").strip()
            if theme_id in report.thresholds:
                result.append(f"    threshold: {report.thresholds[theme_id]}")
    path.write_text("\n".join(result) + "\n", encoding="utf-8")


@dataclass(slots=True)
class ScopeReport:
    tune: int
    test: int
    model: Confusion
    foreign_actor: Confusion  # baseline: in scope when any foreign actor is linked
    threshold: float


def evaluate_scope(docs: list[GoldDoc], model: ScopeModel | None = None) -> ScopeReport:
    model = model or load_model()
    vectors, counts = features(docs)
    judged, baseline = Confusion(), Confusion()
    for gold, vector, count in zip(docs, vectors, counts, strict=True):
        if gold.test:
            judged.add(gold.in_scope, model.probability(vector, count) >= model.threshold)
            baseline.add(gold.in_scope, bool(count[:3].sum() > 0))
    tested = sum(doc.test for doc in docs)
    return ScopeReport(len(docs) - tested, tested, judged, baseline, model.threshold)
