import pytest

from narrascope import jsonlines
from narrascope.nlp.ner import RecognizeEntities, natasha_models, recognize
from narrascope.records import Document
from tests.conftest import SHARED


@pytest.mark.parametrize(
    ("text", "mention", "normal"),
    [
        (
            "Доклад Центра политических исследований вышел.",
            "Центра политических исследований",
            "Центр политических исследований",
        ),
        (
            "В докладе Германского института международных отношений сказано.",
            "Германского института международных отношений",
            "Германский институт международных отношений",
        ),
        (
            "Встреча с Рустемом Мустафиным прошла в Астане.",
            "Рустемом Мустафиным",
            "Рустем Мустафин",
        ),
        ("Делегация прибыла из Казахстана.", "Казахстана", "Казахстан"),
    ],
)
def test_names_are_normalised_to_the_nominative_as_written(
    text: str, mention: str, normal: str
) -> None:
    entities = {e.text: e for e in recognize(text, natasha_models())}
    assert entities[mention].normal == normal
    assert text[entities[mention].start : entities[mention].end] == mention


def test_stage_fills_entities_with_offsets_into_the_text() -> None:
    stage = RecognizeEntities()
    stage.setup()
    doc = stage.apply(Document(id="d", source="s", text="Президент Токаев посетил Пекин."))
    assert {(e.text, e.type) for e in doc.entities} == {("Токаев", "PER"), ("Пекин", "LOC")}


@pytest.mark.slow
def test_a_name_repeated_in_a_text_keeps_one_normal_form() -> None:
    """The first NEREL test text names "Надежда Иванова" and repeats "Иванова" in several cases."""
    path = SHARED / "eval" / "ner" / "nerel" / "test_eval_half.jsonl"
    text = next(jsonlines.records(path))["text"]
    normals: dict[tuple[str, str], set[str]] = {}
    for e in recognize(text, natasha_models()):
        normals.setdefault((e.text, e.type), set()).add(e.normal)
    assert ("Иванова", "PER") in normals
    assert all(len(forms) == 1 for forms in normals.values())


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_a_text_without_words_has_no_entities(text: str) -> None:
    assert recognize(text, natasha_models()) == []


def test_a_womans_surname_stays_hers() -> None:
    """zakon.kz: "рассказала и.о. главного врача Гульнар Кулкаева", "Салтанат Досжанова"; a
    man's genitive still goes to his nominative."""
    names = {
        e.text: e.name
        for text in (
            "Об этом рассказала и.о. главного врача Гульнар Кулкаева.",
            "Как отметила Салтанат Досжанова, процедура безопасна.",
            "По словам Рустема Мустафина, всё хорошо.",
        )
        for e in recognize(text, natasha_models())
        if e.type == "PER"
    }
    assert names["Гульнар Кулкаева"] == "Гульнар Кулкаева"
    assert names["Салтанат Досжанова"] == "Салтанат Досжанова"
    assert names["Рустема Мустафина"] == "Рустем Мустафин"
