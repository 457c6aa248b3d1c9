"""Themes of Kazakh and English documents, scored on real ones labelled twice and adjudicated
(`eval/langs/themes_gold.jsonl`, the scope guideline of `eval/scope`).

A Kazakh or English sentence is gated by the theme's keywords in its language (`stems`) or by
a knowledge-base organisation the theme names, and needs the language's `keyword_thresholds`;
any other sentence is compared with every theme and needs the language's `lead_thresholds`.
Per language, first the keyword threshold and then the lead threshold are the middle of the
best-F1 plateau on the tuning half (documents the scope model lets through); the test half is
scored with them, beside the pack's guess before (Russian per-theme thresholds, lead 0.87) and
beside the gated sentences alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope import jsonlines
from narrascope.evaluation.langs import FOLDER, LANGUAGES
from narrascope.evaluation.scope import Confusion, GoldDoc, features, is_test
from narrascope.evaluation.themes import best_similarities, plateau_middle
from narrascope.nlp.embed import default_embedder
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.scope import load_model
from narrascope.nlp.themepack import ThemePack, load_pack
from narrascope.records import Document

GOLD = FOLDER / "themes_gold.jsonl"
OPEN_GRID = np.round(np.arange(0.80, 0.951, 0.005), 3)


@dataclass(slots=True)
class LanguageThemes:
    lang: str
    tune: int
    test: int
    lead_threshold: float
    keyword_threshold: float
    calibrated: Confusion  # micro over themes, test half
    guessed: Confusion  # the pack's lead threshold before calibration
    gated_only: Confusion  # sentences naming a theme's organisation only
    out_with_theme: tuple[int, int]
    in_with_right_theme: tuple[int, int]


def read_gold(lang: str, gold: Path = GOLD) -> list[GoldDoc]:
    labels = {row["id"]: row for row in jsonlines.records(gold)}
    stage = RecognizeEntities()
    stage.setup()
    docs = []
    for row in jsonlines.records(FOLDER / f"{lang}_docs.jsonl"):
        label = labels.get(row["id"])
        if label is None:
            continue
        doc = Document(id=row["id"], source=lang, title=row.get("title"), text=row["text"])
        doc.lang = lang
        docs.append(
            GoldDoc(
                row["id"],
                lang,
                label["scope"] == "in",
                frozenset(label["themes"]),
                stage.apply(doc),
            )
        )
    return docs


def confusion(guess: np.ndarray, gold: np.ndarray) -> Confusion:
    return Confusion(
        tp=int((guess & gold).sum()), fp=int((guess & ~gold).sum()), fn=int((~guess & gold).sum())
    )


def evaluate_language(lang: str, pack: ThemePack | None = None) -> LanguageThemes:
    pack = pack or load_pack()
    docs = read_gold(lang)
    ids = [theme.id for theme in pack.themes]
    gold = np.array([[theme_id in doc.themes for theme_id in ids] for doc in docs])
    in_scope = np.array([doc.in_scope for doc in docs])
    model = load_model()
    vectors, counts = features(docs)
    passes = np.array(
        [model.probability(v, c) >= model.threshold for v, c in zip(vectors, counts, strict=True)]
    )
    gated, open_best = best_similarities(docs, pack, default_embedder())
    own = np.array([pack.threshold_of(theme) for theme in pack.themes])
    test = np.array([is_test(doc.id) for doc in docs])

    def predict(lead: float, keyword: float | None = None) -> np.ndarray:
        gate = own if keyword is None else keyword
        return np.asarray(((gated >= gate) | (open_best >= lead)) & passes[:, None])

    keyword = plateau_middle(
        [confusion(predict(2.0, t)[~test], gold[~test]).f1 for t in OPEN_GRID], OPEN_GRID
    )
    scores = [confusion(predict(t, keyword)[~test], gold[~test]).f1 for t in OPEN_GRID]
    chosen = plateau_middle(scores, OPEN_GRID)
    guess = predict(chosen, keyword)[test]
    given, labelled = guess.any(axis=1), in_scope[test] & gold[test].any(axis=1)
    right = (guess & gold[test]).any(axis=1)
    return LanguageThemes(
        lang=lang,
        tune=int((~test).sum()),
        test=int(test.sum()),
        lead_threshold=chosen,
        keyword_threshold=keyword,
        calibrated=confusion(guess, gold[test]),
        guessed=confusion(predict(pack.lead_threshold)[test], gold[test]),
        gated_only=confusion(predict(2.0)[test], gold[test]),
        out_with_theme=(int((given & ~in_scope[test]).sum()), int((~in_scope[test]).sum())),
        in_with_right_theme=(int((right & labelled).sum()), int(labelled.sum())),
    )


def evaluate() -> list[LanguageThemes]:
    return [evaluate_language(lang) for lang in LANGUAGES]


def write_lead_thresholds(path: Path, results: list[LanguageThemes]) -> None:
    """Put the calibrated per-language thresholds in the pack file, comments kept."""
    lead = ", ".join(f"{r.lang}: {r.lead_threshold}" for r in results)
    keyword = ", ".join(f"{r.lang}: {r.keyword_threshold}" for r in results)
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("  lead_thresholds:", "  keyword_thresholds:"))
    ]
    at = next(i for i, line in enumerate(lines) if line.startswith("  lead_threshold:"))
    lines[at + 1 : at + 1] = [
        f"  lead_thresholds: {{{lead}}}",
        f"  keyword_thresholds: {{{keyword}}}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
