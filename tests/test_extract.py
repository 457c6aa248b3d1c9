import re

import pytest

from narrascope.extract import Extract, ExtractError
from narrascope.records import Document
from tests.conftest import FIXTURES

PAGE = FIXTURES / "html" / "wday.ru.model.html"
GOLD = FIXTURES / "html" / "wday.ru.model.gold.txt"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def token_f1(found: str, gold: str) -> float:
    from collections import Counter

    overlap = sum((Counter(tokens(found)) & Counter(tokens(gold))).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(tokens(found)), overlap / len(tokens(gold))
    return 2 * precision * recall / (precision + recall)


def test_real_page_yields_main_text_and_metadata() -> None:
    doc = Document(
        id="p", source=str(PAGE), raw=PAGE.read_text(encoding="utf-8"), raw_format="html"
    )
    Extract().apply(doc)
    assert doc.text is not None
    assert token_f1(doc.text, GOLD.read_text(encoding="utf-8")) > 0.8
    assert doc.title and "модель" in doc.title
    assert doc.published == "2018-10-11"
    assert doc.outlet


def test_metadata_given_with_the_input_wins() -> None:
    doc = Document(
        id="p",
        source="x",
        raw=PAGE.read_text(encoding="utf-8"),
        raw_format="html",
        title="Свой заголовок",
        outlet="wday.ru",
    )
    Extract().apply(doc)
    assert doc.title == "Свой заголовок" and doc.outlet == "wday.ru"


def test_text_passes_through_and_outlet_comes_from_url() -> None:
    doc = Document(id="t", source="x", raw="Текст", url="https://www.zakon.kz/news/1")
    Extract().apply(doc)
    assert doc.text == "Текст" and doc.outlet == "zakon.kz"


def test_html_without_text_is_an_error() -> None:
    doc = Document(
        id="e", source="x", raw="<html><body><script>x()</script></body></html>", raw_format="html"
    )
    with pytest.raises(ExtractError):
        Extract().apply(doc)
