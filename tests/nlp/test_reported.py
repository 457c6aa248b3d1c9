"""Reported statements as a real outlet writes them (zakon.kz, July 2020)."""

from narrascope import jsonlines
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.quotes import find_quotes
from narrascope.records import Quote
from tests.conftest import EVAL

STREAM = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"


def article_quotes(doc_id: str) -> tuple[str, list[Quote]]:
    text = next(row["text"] for row in jsonlines.records(STREAM) if row["id"] == doc_id)
    return text, find_quotes(text, recognize(text, natasha_models()), "2020-07-14", "zakon.kz")


def quote_with(quotes: list[Quote], words: str) -> Quote:
    return next(quote for quote in quotes if words in quote.text)


def test_about_this_takes_the_sentence_before() -> None:
    _, quotes = article_quotes("zakon-2020-07-14-004")
    quote = quote_with(quotes, "Студенты Казахстана продолжат учиться дистанционно")
    assert quote.speaker == "Асхат Аймагамбетов"
    assert quote.role == "министр образования и науки"


def test_an_instruction_is_a_statement_of_who_gave_it() -> None:
    _, quotes = article_quotes("zakon-2020-07-14-018")
    quote = quote_with(quotes, "на период строгого карантина оказывать")
    assert quote.speaker == "Аскар Мамин"


def test_a_relayed_outlet_is_the_source_of_what_it_reports() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-001")
    quote = quote_with(quotes, "Тогда от лихорадки умерли 8 человек")
    assert quote.speaker == "Lenta.ru"


def test_possessive_according_to_her_is_the_woman_named_before() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-030")
    quote = quote_with(quotes, "вопрос с лекарствами и их недостатком отрабатывается")
    assert quote.speaker == "Ирина Смирнова"


def test_according_to_her_after_a_connective_still_opens_the_statement() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-030")
    quote = quote_with(quotes, "волонтеры занимаются поиском спонсоров")
    assert quote.speaker == "Ирина Смирнова"


def test_about_this_reaches_past_the_place_of_the_briefing() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-004")
    quote = quote_with(quotes, "Большая часть алматинцев сохранят свои рабочие")
    assert quote.speaker == "Сапарбек Туякбаев"


def test_an_outlet_relayed_by_its_site_speaks() -> None:
    _, quotes = article_quotes("zakon-2020-07-14-047")
    quote = quote_with(quotes, "Южная Корея отнесла Казахстан")
    assert quote.speaker == "ktk.kz"


def test_according_to_the_observations_of() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-034")
    quote = quote_with(quotes, "происходят большие и зачастую негативные перемены")
    assert quote.speaker == "астрологи"


def test_said_in_a_bodys_statement_after_a_comma() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-036")
    quote = quote_with(quotes, "За этот период Казахстан обязан развить")
    assert quote.speaker == "Министерство сельского хозяйства РК"


def test_an_impersonal_report_in_a_channels_story() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-048")
    quote = quote_with(quotes, "педагогов одной из школ города заставляли")
    assert quote.speaker == "Первый канал"


def test_a_gerund_after_the_attribution_speaks_for_its_subject() -> None:
    """ "…», - пояснил Жайдар Инкербаев, подчеркнув, что …": not the quoted sentence's subject."""
    _, quotes = article_quotes("zakon-2020-07-04-026")
    quote = quote_with(quotes, "административная и уголовная ответственность возлагаются")
    assert quote.speaker == "Жайдар Инкербаев"


def test_a_newspaper_speaks_by_its_name() -> None:
    text, quotes = article_quotes("zakon-2020-07-04-032")
    quote = quote_with(quotes, "за сутки в стране зафиксировано")
    assert quote.speaker == "The Washington Post"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "The Washington Post"


def test_the_outlet_own_byline_is_not_a_statement() -> None:
    text, quotes = article_quotes("zakon-2020-07-14-004")
    assert not any(quote.speaker and "zakon" in quote.speaker.lower() for quote in quotes)
    assert "передает корреспондент zakon.kz" in text
