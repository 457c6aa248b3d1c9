import pytest

from narrascope.evaluation.quotes import evaluate
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.quotes import find_quotes, quotation_spans
from narrascope.nlp.speakers import nominative_role
from narrascope.nlp.speech import is_speech_word
from narrascope.records import Quote
from tests.conftest import SHARED


def quotes_of(text: str) -> list[Quote]:
    return find_quotes(text, recognize(text, natasha_models()))


def speaker_text(text: str, quote: Quote) -> str | None:
    return text[quote.speaker_span[0] : quote.speaker_span[1]] if quote.speaker_span else None


@pytest.mark.parametrize("word", ["заявил", "отметила", "подчеркнув", "говорившего", "считает"])
def test_speech_verbs_are_recognised_in_any_form(word: str) -> None:
    assert is_speech_word(word)


def test_dash_attributed_quote_with_the_speakers_position() -> None:
    text = (
        "«Клуб мог бы стать площадкой для откровенного диалога», – отметил директор "
        "Института мировой экономики и политики Ержан Салтыбаев."
    )
    [quote] = quotes_of(text)
    assert quote.text == "Клуб мог бы стать площадкой для откровенного диалога"
    assert quote.speaker == "Ержан Салтыбаев" and quote.speaker_id == "person:saltybaev"
    assert quote.role == "директор Института мировой экономики и политики"


def test_colon_introduced_quote_and_nested_quotation_marks() -> None:
    text = "Президент Токаев заявил: «Форум «Астана» останется нашей площадкой для диалога»."
    [quote] = quotes_of(text)
    assert quote.text == "Форум «Астана» останется нашей площадкой для диалога"
    assert quote.speaker == "Касым-Жомарт Токаев" and speaker_text(text, quote) == "Токаев"


@pytest.mark.parametrize(
    ("text", "speaker", "content_start"),
    [
        (
            "Политолог Рустем Мустафин подчеркнул, что Казахстан укрепил свои позиции.",
            "Рустем Мустафин",
            "что Казахстан",
        ),
        (
            "По мнению эксперта Рустема Мустафина, баланс интересов сохранится.",
            "Рустем Мустафин",
            "баланс",
        ),
        ("Эта тенденция, говорят эксперты, сохранится и в будущем.", "эксперты", "Эта тенденция"),
    ],
)
def test_indirect_speech(text: str, speaker: str, content_start: str) -> None:
    [quote] = quotes_of(text)
    assert quote.speaker == speaker
    assert quote.text.startswith(content_start)


def test_a_pronoun_speaks_for_the_latest_person_named() -> None:
    text = (
        "Эксперт Борис Поломорчук выступил в Астане. Он подчеркнул, что диалог важен для "
        "всего региона."
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Борис Поломорчук" and speaker_text(text, quote) == "Он"


def test_names_in_quotation_marks_and_unattributed_quotes_are_not_quotations() -> None:
    text = (
        "Интервью газете «Ана тілі» вышло вчера. Статья «Второй трек дипломатии» вызвала интерес."
    )
    assert quotes_of(text) == []
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        "«Ана тілі»",
        "«Второй трек дипломатии»",
    ]


def test_roles_are_put_in_the_nominative() -> None:
    assert nominative_role("павлодарского политолога, докторанта кафедры") == (
        "павлодарский политолог, докторант кафедры"
    )


@pytest.mark.slow
def test_adaq_quotes_and_speakers() -> None:
    """The issue's floors: quote F1 >= 0.80 and speaker accuracy >= 0.80 on ADAQ."""
    scores = evaluate(SHARED / "eval" / "quotes" / "adaq_ru" / "eval_half.jsonl")
    assert scores.f1 >= 0.80, scores
    assert scores.speaker_accuracy >= 0.80, scores


@pytest.mark.parametrize(
    ("published", "speaker"),
    [(None, "Касым-Жомарт Токаев"), ("2015-06-01", "Нурсултан Назарбаев")],
)
def test_the_head_of_state_speaks_through_the_knowledge_base(
    published: str | None, speaker: str
) -> None:
    text = (
        "Казахстан и Китай подписали соглашение. Министр Мурат Нуртлеу выступил первым. "
        "Глава государства заявил: «Мы продолжим реформы в нашей стране»."
    )
    quotes = find_quotes(text, recognize(text, natasha_models()), published)
    assert [(q.speaker, speaker_text(text, q)) for q in quotes] == [(speaker, "Глава государства")]
