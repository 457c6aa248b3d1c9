from narrascope import jsonlines
from narrascope.text.clean import clean_text
from narrascope.text.inline import pointer_line, trim
from narrascope.text.linkruns import link_run
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


def zakon_titles(count: int) -> list[str]:
    rows = jsonlines.records(STREAM)
    return [row["title"] for row, _ in zip(rows, range(count), strict=False)]


def test_related_article_list_run_into_a_paragraph_is_cut_out() -> None:
    """The shape the issue quotes from zakon.kz 2024 ("Продолжение■Заголовок15 апреля 2024
    15:29■…"), built from the stream's real titles: the label, titles and times go, the
    sentence before stays."""
    first, second, third = zakon_titles(3)
    line = (
        f"Глава государства провёл совещание. Продолжение■{first}15 апреля 2024 15:29■"
        f"{second}15 апреля 2024 14:02■{third}"
    )
    kept, removed = trim(line)
    assert kept == "Глава государства провёл совещание."
    assert removed[0][1] == "related-article list (titles, timestamps)"
    assert removed[0][0].startswith("Продолжение■")
    stamped = f"{first} 15.04.2024, 15:29 {second} 15.04.2024 14:02 Президент подписал указ."
    assert trim(stamped)[0] == "Президент подписал указ."


def test_dates_in_body_sentences_are_not_a_list() -> None:
    line = (
        "Встреча прошла 15 июля 2020 года в 15:29 в Акорде. Следующая назначена на "
        "16.07.2020, 10:00 в Астане, сообщили в пресс-службе."
    )
    assert trim(line) == (line, [])
    one_title = f"{zakon_titles(1)[0]} 15 апреля 2024 15:29"
    assert trim(one_title) == (one_title, [])


def test_no_line_of_the_real_streams_reads_as_a_link_list() -> None:
    """Neither 108 zakon.kz articles (whose lists were stripped) nor the body of 22k Telegram
    posts holds one; a pipe-separated line of platform links or code is not a title list."""
    posts = EVAL / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
    lines = [
        line
        for path in (STREAM, posts)
        for row in jsonlines.records(path)
        for line in (row.get("text") or "").split("\n")
    ]
    assert len(lines) > 130_000
    assert [line for line in lines if link_run(line)] == []
