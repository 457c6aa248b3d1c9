import pytest

from narrascope.clean import Clean, heading_line, normalize_text
from narrascope.records import Document


def test_normalize_text() -> None:
    raw = "\ufeffЗаголовок  \r\n\r\n\r\n\r\nТекст\u200b статьи.\x07\t \nЕщё"
    assert normalize_text(raw) == "Заголовок\n\nТекст статьи.\nЕщё"


def test_normalize_composes_unicode() -> None:
    assert normalize_text("и\u0306") == "й"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Казахстан и Китай\nТекст.", "Казахстан и Китай"),
        (
            "\n\n«Второй трек» дипломатии не пострадает\n\n9688",
            "«Второй трек» дипломатии не пострадает",
        ),
        ("Это обычное предложение, а не заголовок.\nДальше", None),
        ("x" * 250, None),
    ],
)
def test_heading_line(text: str, title: str | None) -> None:
    assert heading_line(text) == title


def test_clean_keeps_a_given_title_and_rejects_empty_text() -> None:
    doc = Clean().apply(Document(id="a", source="s", text="Первая строка\nВторая", title="Дано"))
    assert doc.title == "Дано"
    with pytest.raises(ValueError, match="no text"):
        Clean().apply(Document(id="b", source="s", text="\u200b \n"))
