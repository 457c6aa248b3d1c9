from narrascope import jsonlines
from narrascope.text.clean import clean_text
from narrascope.text.inline import pointer_line, trim
from tests.conftest import EVAL

STREAM = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"


def article(doc_id: str) -> dict:  # type: ignore[type-arg]
    return next(row for row in jsonlines.records(STREAM) if row["id"] == doc_id)


def test_pointer_lines_of_a_real_outlet() -> None:
    assert pointer_line("Больше новостей в Telegram-канале «zakon.kz». Подписывайся!")
    assert pointer_line("Все новости по теме коронавируса читайте здесь.")
    assert pointer_line("Напомним, видео с места происшествия можно посмотреть по ссылке.")
    assert not pointer_line(
        "С перечнем можно ознакомиться в опубликованном на официальном сайте постановлении."
    )
    assert not pointer_line("Ответ можно прочитать здесь, сказал он.")


def test_read_also_link_and_pointer_inside_real_paragraphs_are_cut_out() -> None:
    """zakon.kz 14 July: whole articles on one line, with "Читайте также: <title>" inside."""
    line = article("zakon-2020-07-14-019")["text"]
    kept, removed = trim(line)
    assert (
        "Читайте также: Локдаун продлен в Казахстане до 2 августа",
        "read-also link inside a paragraph",
    ) in removed
    assert "сказал Мамин. Кроме того, премьер-министр поручил" in kept
    kept, removed = trim(
        "Как будет проходить обучение, читайте здесь. Что касается второй четверти."
    )
    assert kept == "Что касается второй четверти." and len(removed) == 1


def test_readers_comments_appended_after_a_real_article_go() -> None:
    row = article("zakon-2020-07-04-005")
    cleaned = clean_text(row["text"].rstrip("\n") + "\n" + row["comments_raw"])
    assert cleaned.text == clean_text(row["text"]).text
    assert {r.reason for r in cleaned.removed} >= {"readers' comments"}
