"""The time a claim is about, on sentences of the zakon.kz stream and the Telegram posts."""

import pytest

from narrascope.nlp.claim_time import claim_time


def time_of(
    sentence: str, figure: str, published: str | None = "2020-07-14"
) -> tuple[str | None, bool]:
    found = claim_time(sentence, sentence.index(figure), published)
    return found.value, found.stated


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("С 1 июня по 13 июля на водоемах страны утонуло 104 человека (-8%, в 2019 году 133)",
         "104", ("2020-06-01/2020-07-13", True)),
        ("С 1 июня по 13 июля на водоемах страны утонуло 104 человека (-8%, в 2019 году 133)",
         "133", ("2019", True)),
        ("За сутки выявлено 1 856 заболевших коронавирусом", "1 856", ("2020-07-14", True)),
        ("Накануне представитель администрации сказал, что нужно 160 тысяч", "160",
         ("2020-07-13", True)),
        ("За II квартал 561 тыс. казахстанцев получили АСП", "561",
         ("2020-04-01/2020-06-30", True)),
        ("Общее число заразившихся с 19 февраля достигло 237 878", "237",
         ("2020-02-19/2020-07-14", True)),
        ("Только за крайнюю неделю, с 6 по 12 июля, на воде погибло 27 человек", "27",
         ("2020-07-06/2020-07-12", True)),
        ("Товарооборот в июне 2023 года составил $3 млрд", "$3", ("2023-06", True)),
        ("За 2018-2019 годы судом приговорены 1096 взяточников", "1096", ("2018/2019", True)),
        ("В новой поликлинике Темиртау два этажа", "два", ("2020-07-14", False)),
    ],
)  # fmt: skip
def test_the_nearest_time_of_the_clause_resolved_against_the_date(
    sentence: str, figure: str, expected: tuple[str | None, bool]
) -> None:
    assert time_of(sentence, figure) == expected


def test_an_undated_document_states_only_absolute_times() -> None:
    assert time_of("в 2024 году совершил 23 зарубежных визита", "23", None) == ("2024", True)
    assert time_of("за сутки выявлено 57 случаев", "57", None) == (None, False)
