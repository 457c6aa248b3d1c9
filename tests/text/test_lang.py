import pytest

from narrascope.text.lang import detect_language
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Президент Токаев дал интервью газете «Ана тілі».", "ru"),
        ("Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев сөз сөйледі.", "kk"),
        ("Kazakhstan positions itself as a middle power.", "en"),
        ("12345 — 678", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_every_seed_is_russian() -> None:
    for path in SEEDS.glob("*.txt"):
        assert detect_language(path.read_text(encoding="utf-8")) == "ru", path.name
