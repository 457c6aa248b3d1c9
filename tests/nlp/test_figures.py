import pytest

from narrascope.nlp.figures import ExtractFigures, find_figures, number_word
from narrascope.records import Document


def figures_of(text: str) -> list[tuple[float, str, str, bool]]:
    return [(f.value, f.text, r.counted or r.unit, r.approximate) for f, r in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("совершил 23 зарубежных визита", (23.0, "23 зарубежных визита", "визит", False)),
        ("провел 84 встречи", (84.0, "84 встречи", "встреча", False)),
        ("посетил четыре государства", (4.0, "четыре государства", "государство", False)),
        ("около десяти раз принял гостей", (10.0, "около десяти раз", "раз", True)),
        ("о десятках стран мира", (10.0, "десятках стран", "страна", True)),
        ("рост на 12,5% за год", (12.5, "12,5%", "%", False)),
        ("инвестиции на $3 млрд", (3e9, "$3 млрд", "доллар", False)),
        ("в 2024 году", (2024.0, "2024 году", "год", False)),
        ("1 500 тонн зерна", (1500.0, "1 500 тонн", "тонна", False)),
    ],
)
def test_figures_with_what_they_count(text: str, expected: tuple[float, str, str, bool]) -> None:
    assert figures_of(text)[0] == expected


def test_number_words_in_any_case() -> None:
    assert number_word("двадцати") == (20.0, False)
    assert number_word("сотни") == (100.0, True)
    assert number_word("государства") is None


def test_list_numbers_are_not_figures_but_compounds_are() -> None:
    text = "1. Первый пункт про 5 трендов.\n2. Второй пункт.\nК 25-летию службы."
    assert [f[1] for f in figures_of(text)] == ["5 трендов", "25-летию"]


def test_kazakh_and_english_texts_get_no_figures_from_the_russian_rules() -> None:
    text = "Tokayev told visiting German Chancellor Olaf Scholz on September 17 in Astana."
    doc = ExtractFigures().apply(Document(id="en", source="", text=text, lang="en"))
    assert doc.figures == [] and doc.claims == []
