"""A body named by a common noun speaks as the organisation the text cites (sentences of
zakon.kz's stream, shortened)."""

import pytest

from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "12 июля Минобороны Азербайджана сообщило о попытке подразделений ВС Армении "
            "атаковать позиции армии республики. По данным ведомства, в результате столкновений "
            "погибли четверо азербайджанских военнослужащих.",
            "в результате",
            "Министерство обороны Азербайджана",
        ),
        (
            "Об этом сообщает Университет Джонса Хопкинса, который суммирует данные властей. "
            "По данным университета, число заразившихся в мире превысило 13 миллионов.",
            "число",
            "Университет Джонса Хопкинса",
        ),
        (
            "Защитные средства будут распределены среди медицинских учреждений, - говорится в "
            "сообщении МИД РК.\nМИД Казахстана выразил признательность за гуманитарный груз.\n"
            "Груз включает 600 тысяч масок и 20 тысяч защитных костюмов, - говорится в "
            "сообщении.",
            "Груз",
            "Министерство иностранных дел Республики Казахстан",
        ),
        (
            "Министерство здравоохранения Казахстана опубликовало новые данные. Число "
            "заболевших выросло на 1500 человек за сутки, — сообщается на сайте ведомства.",
            "Министерство",
            "Министерство здравоохранения Казахстана",
        ),
    ],
)
def test_a_body_noun_speaks_as_the_body_cited(text: str, content: str, speaker: str) -> None:
    quotes = find_quotes(text, recognize(text, natasha_models()))
    [quote] = [q for q in quotes if q.text.startswith(content)]
    assert quote.speaker == speaker


def test_a_body_noun_with_no_organisation_before_it_stays_a_noun_in_the_nominative() -> None:
    text = "По данным ведомства, в результате столкновений погибли четверо военнослужащих."
    [quote] = find_quotes(text, recognize(text, natasha_models()))
    assert (quote.speaker, quote.speaker_id) == ("ведомство", None)
