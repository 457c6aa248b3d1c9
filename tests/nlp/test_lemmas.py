import pytest

from narrascope.nlp.lemmas import lemma_text, query_terms


def matches(query: str, text: str) -> bool:
    indexed = set(lemma_text(text).split())
    return all(set(lemmas) & indexed for lemmas in query_terms(query))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("средней державы", "Казахстан как средняя держава"),
        ("средняя держава", "в категорию «средних держав»"),
        ("Токаеву", "Президент Токаев посетил"),
        ("Токаев", "Дипломатическая деятельность Президента Токаева"),
        ("Назарбаевым", "встреча с Назарбаевым и Назарбаеву"),
        ("Казахстана", "Казахстан"),
        ("ёлка", "елки"),
    ],
)
def test_inflected_query_meets_other_forms(query: str, text: str) -> None:
    assert matches(query, text)


def test_different_words_do_not_meet() -> None:
    assert not matches("Китай", "Казахстан и Россия")


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "AND OR NOT", "'; DROP TABLE x; --", ""])
def test_query_syntax_is_dropped(query: str) -> None:
    for lemmas in query_terms(query):
        for lemma in lemmas:
            assert lemma.isalnum() or "_" in lemma


def test_function_words_are_dropped_while_another_word_remains() -> None:
    assert query_terms("выборы в США") == [("выборы",), ("сша",)]
    assert query_terms("санкции против России и Ирана") == [("санкция",), ("россия",), ("иран",)]
    assert query_terms("в") == [("в",)]
