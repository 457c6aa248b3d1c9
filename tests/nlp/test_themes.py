import json
import os
from pathlib import Path

import numpy as np
import pytest

from narrascope import service
from narrascope.ingest.files import read_inputs
from narrascope.nlp.themepack import load_pack
from narrascope.nlp.themes import Sentence, candidates, judge
from narrascope.records import Document, Entity
from tests.conftest import GOLDEN, seed_paths

PACK = load_pack()
INDEX = {theme.id: i for i, theme in enumerate(PACK.themes)}


def similarity_row(**scores: float) -> list[float]:
    row = [0.5] * len(PACK.themes)
    for theme_id, value in scores.items():
        row[INDEX[theme_id]] = value
    return row


def test_russian_sentences_are_compared_only_when_they_hold_a_keyword() -> None:
    text = "Погода была хорошей. Казахстан построит атомную электростанцию на Балхаше."
    doc = Document(id="d", source="d", text=text, lang="ru")
    found = candidates(doc, PACK)
    assert [s.text for s in found] == ["Казахстан построит атомную электростанцию на Балхаше."]
    assert INDEX["nuclear"] in found[0].themes


def test_an_organisation_the_linker_knows_counts_as_a_keyword() -> None:
    text = "Совет директоров Всемирного банка принял решение о займе Казахстану."
    entity = Entity(
        text="Всемирного банка",
        start=17,
        end=33,
        type="ORG",
        normal="Всемирный банк",
        id="org:world_bank",
        name="Всемирный банк",
    )
    unlinked = Document(id="d", source="d", text=text, lang="ru")
    linked = Document(id="d", source="d", text=text, lang="ru", entities=[entity])
    assert candidates(unlinked, PACK) == []
    assert INDEX["multilateral_institutions"] in candidates(linked, PACK)[0].themes


def test_kazakh_sentences_are_gated_by_kazakh_keywords_and_the_rest_compared_openly() -> None:
    text = "Қазақстан атом электр станциясын салады. Бұл маңызды шешім."
    doc = Document(id="d", source="d", text=text, lang="kk")
    keyword, other = candidates(doc, PACK)
    assert keyword.themes == (INDEX["nuclear"],) and not keyword.open
    assert other.themes == () and other.open


def test_a_keyword_sentence_is_evidence_only_above_the_threshold() -> None:
    sentences = [
        Sentence(0, 10, "…", (INDEX["nuclear"],)),
        Sentence(11, 30, "…", (INDEX["nuclear"], INDEX["security"])),
    ]
    nuclear = PACK.get("nuclear")
    assert nuclear is not None
    above = PACK.threshold_of(nuclear) + 0.01  # the theme's own calibrated threshold
    similarity = np.array(
        [similarity_row(nuclear=above), similarity_row(nuclear=above + 0.02, security=0.1)]
    )
    themes = judge(sentences, similarity, PACK)
    assert [(t.id, t.evidence) for t in themes] == [("nuclear", [(0, 10), (11, 30)])]
    assert themes[0].score == round(above + 0.02, 3)
    assert judge(sentences, np.array([similarity_row(), similarity_row()]), PACK) == []


def test_an_open_sentence_needs_the_stricter_threshold() -> None:
    sentence = [Sentence(0, 5, "…", (), open=True)]
    between = (PACK.threshold + PACK.lead_threshold) / 2
    assert judge(sentence, np.array([similarity_row(nuclear=between)]), PACK) == []
    strong = np.array([similarity_row(nuclear=PACK.lead_threshold)])
    assert [t.id for t in judge(sentence, strong, PACK)] == ["nuclear"]


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    results = list(service.analyze(read_inputs([str(p) for p in seed_paths()])))
    docs = [doc for doc in results if isinstance(doc, Document)]
    assert len(docs) == 5
    return docs


@pytest.mark.slow
def test_seed_themes_match_golden_files(seed_docs: list[Document]) -> None:
    """Each seed's themes with the evidence sentences spelled out; UPDATE_GOLDEN=1 rewrites."""
    folder = GOLDEN / "themes"
    for doc in seed_docs:
        text = doc.text or ""
        rendered = {
            theme.id: {
                "score": theme.score,
                "evidence": [text[start:end] for start, end in theme.evidence],
            }
            for theme in doc.themes
        }
        path = folder / (Path(doc.source).stem + ".json")
        content = json.dumps(rendered, ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("UPDATE_GOLDEN"):
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == content, f"{path.name} differs"


@pytest.mark.slow
def test_seeds_get_the_themes_their_authors_wrote_about(seed_docs: list[Document]) -> None:
    by_seed = {Path(doc.source).name[:3]: {t.id for t in doc.themes} for doc in seed_docs}
    assert "middle_power" in by_seed["002"]
    assert "mediation" in by_seed["001"]
    assert "track_two" in by_seed["000"]
    assert "transport_corridors" in by_seed["003"] | by_seed["004"]


def test_kazakh_and_english_keywords_match_by_their_beginnings() -> None:
    from narrascope.nlp.themes import stem_themes

    ids = [theme.id for theme in PACK.themes]
    english = "The sides discussed security, the Middle Corridor and trade turnover."
    kazakh = "Тараптар аймақтық қауіпсіздікті және ШЫҰ-ның рөлін талқылады."
    assert {ids[i] for i in stem_themes(english, PACK, "en")} >= {
        "security",
        "transport_corridors",
        "economic_diplomacy",
    }
    assert {ids[i] for i in stem_themes(kazakh, PACK, "kk")} >= {
        "security",
        "multilateral_institutions",
    }
    assert "climate_energy" not in {ids[i] for i in stem_themes("a warm welcome", PACK, "en")}
