import re

import pytest

from narrascope.records import Document
from narrascope.text.extract import Extract, ExtractError
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


ARTICLE = (
    "<html><head>{meta}<title>Астана принимает форум</title></head><body><article>"
    + "<p>Министр иностранных дел Казахстана открыл в Астане международный форум по региональной"
    " безопасности; в его работе участвуют делегации из всех стран Центральной Азии.</p>"
    * 3
    + "</article></body></html>"
)


def test_a_date_from_the_pages_metadata_is_marked_page() -> None:
    doc = Document(
        id="p", source=str(PAGE), raw=PAGE.read_text(encoding="utf-8"), raw_format="html"
    )
    Extract().apply(doc)
    assert (doc.published, doc.date_source) == ("2018-10-11", "page")


def test_a_dated_url_counts_as_the_page_saying_so() -> None:
    html = ARTICLE.format(meta="")
    doc = Document(
        id="u",
        source="x",
        raw=html,
        raw_format="html",
        url="https://example.kz/news/2025/10/22/forum",
    )
    Extract().apply(doc)
    assert (doc.published, doc.date_source) == ("2025-10-22", "page")


def test_a_date_guessed_from_the_text_is_marked_inferred() -> None:
    """htmldate's extensive search reads "22 октября 2025 года" in free text as 2025-01-01:
    exactly the kind of guess the ingest-health page counts."""
    html = ARTICLE.format(meta="").replace(
        "</article>", "</article><div>Опубликовано: 22 октября 2025 года</div>"
    )
    doc = Document(id="t", source="x", raw=html, raw_format="html")
    Extract().apply(doc)
    assert doc.date_source == "inferred" and (doc.published or "").startswith("2025")


def test_no_date_anywhere_leaves_it_empty_and_a_given_date_is_kept() -> None:
    bare = Document(id="n", source="x", raw=ARTICLE.format(meta=""), raw_format="html")
    Extract().apply(bare)
    assert (bare.published, bare.date_source) == (None, None)
    meta = '<meta property="article:published_time" content="2025-10-21T09:00:00+05:00">'
    given = Document(
        id="g",
        source="x",
        raw=ARTICLE.format(meta=meta),
        raw_format="html",
        published="2025-01-02",
        date_source="source",
    )
    Extract().apply(given)
    assert (given.published, given.date_source) == ("2025-01-02", "source")
