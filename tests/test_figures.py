import pytest

from narrascope.figures import Claim, conflicts, find_figures, number_word


def figures_of(text: str) -> list[tuple[float, str, str, bool]]:
    return [(f.value, f.text, c.counted, c.approximate) for f, c in find_figures(text, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("совершил 23 зарубежных визита", (23.0, "23 зарубежных визита", "визит", False)),
        ("провел 84 встречи", (84.0, "84 встречи", "встреча", False)),
        ("посетил четыре государства", (4.0, "четыре государства", "государство", False)),
        ("около десяти раз принял гостей", (10.0, "около десяти раз", "раз", True)),
        ("о десятках стран мира", (10.0, "десятках стран", "страна", True)),
        ("рост на 12,5% за год", (12.5, "12,5%", "%", False)),
        ("инвестиции на $3 млрд", (3e9, "$3 млрд", "", False)),
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


def claim(value: float, counted: str = "визит") -> Claim:
    return Claim(
        value=value,
        counted=counted,
        subject="Касым-Жомарт Токаев",
        period="2024",
        approximate=False,
        sentence="",
        start=0,
        end=0,
    )


def test_the_same_claim_with_different_values_is_a_conflict() -> None:
    found = conflicts({"a": [claim(23)], "b": [claim(23)], "c": [claim(25)]})
    assert [(first, second.value, other, third.value) for first, second, other, third in found] == [
        ("a", 23, "c", 25)
    ]
    assert conflicts({"a": [claim(23)], "b": [claim(30, "встреча")]}) == []
