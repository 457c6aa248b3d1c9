import pytest

from narrascope import jsonlines
from narrascope.text.glue import find_repairs, unglue
from tests.conftest import EVAL


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        (
            "Глава государства, передаетZakon.kzсо ссылкой.",
            "Глава государства, передает Zakon.kz со ссылкой.",
        ),
        ("Токаевподписал законо бытовом насилии.", "Токаев подписал закон о бытовом насилии."),
        ("вечером 13 апреляИран атаковал", "вечером 13 апреля Иран атаковал"),
        (
            "сообщение пресс-службы Акорды.Президент отметил",
            "сообщение пресс-службы Акорды. Президент отметил",
        ),
        # real glue in the zakon.kz stream and in NEREL
        ("полевой госпиталь.Управление приобретает", "полевой госпиталь. Управление приобретает"),
        (
            "Додон им это прямо запретилЭксперт прокомментировал",
            "Додон им это прямо запретил Эксперт прокомментировал",
        ),
        ("В частностив день 60-летия", "В частности в день 60-летия"),
    ],
)
def test_glued_words_are_split(glued: str, repaired: str) -> None:
    assert unglue(glued)[0] == repaired


@pytest.mark.parametrize(
    "clean",
    [
        "в Яндекс.Новостях, СберМаркет, КазМунайГаз, ЕвроСоюз, АрселорМиттал, росСМИ, iPhone",
        "им.Жданова, ул.Рябиновой, Мин.Воды",
        "Kokос, CodeCheсker, spyware-cкрипты, АтомID, деньгиless",  # look-alike letters, styles
        "Имангали Тасмагамбетов, Атыраускую область, Тедрос Аданом, села Сергокала",
        "что-то началос его турне; латте и капучино.\nВ это время",
    ],
)
def test_names_house_styles_and_look_alikes_stay_whole(clean: str) -> None:
    assert find_repairs(clean) == []


@pytest.mark.slow
def test_clean_ner_texts_are_left_alone() -> None:
    """On 1,075 NER texts (246k words, written with spaces) every repair is a real glue."""
    texts = [
        row["text"]
        for name in ("factrueval2016", "nerel")
        for path in sorted((EVAL / "ner" / name).glob("*.jsonl*"))
        for row in jsonlines.records(path)
    ]
    repaired = {
        text[r.start : r.start + len(r.token)]
        for text in dict.fromkeys(texts)
        for r in find_repairs(text)
    }
    assert repaired == {
        "металлоискателейВпервые",
        "запретилЭксперт",
        "кустарниковДеревья",
        "указов.Присутствовавший",
        "частностив",
        "срокДанный",
        "видеВидео",
        "Тихонова.Еще",
    }
