"""Direct speech whose quotation marks the scraper lost, from real zakon.kz articles."""

from tests.nlp.test_reported import article_quotes, quote_with


def test_speech_closed_by_a_dash_and_a_speech_verb_is_a_quote() -> None:
    _, quotes = article_quotes("zakon-2020-07-14-003")
    quote = quote_with(quotes, "Нами подготовлен приказ о начале учебного года")
    assert quote.speaker == "Асхат Аймагамбетов"
    assert not quote.text.startswith("Министр образования")  # the narration stays out


def test_a_pronoun_resolves_to_the_person_of_its_gender() -> None:
    _, quotes = article_quotes("zakon-2020-07-04-022")
    quote = quote_with(quotes, "следует избегать близких контактов и во дворах")
    assert quote.speaker == "Айжан Есмагамбетова"
