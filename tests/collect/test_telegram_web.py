"""Channel posts read from t.me/s/ preview pages in Telegram's markup."""

from __future__ import annotations

import pytest

from narrascope.collect.telegram_web import PreviewError, parse_count, parse_preview
from tests.sites import SITES


def page(name: str) -> str:
    return (SITES / "tme" / name).read_text(encoding="utf-8")


def test_newest_page_posts_with_views_times_and_the_older_page_cursor() -> None:
    preview = parse_preview(page("newest.html"))
    assert preview.before == 105 and preview.seen == 4  # a photo without text is not a post
    assert [(post.id, post.views, post.published) for post in preview.posts] == [
        (106, 7300, "2024-11-27T01:48:08+00:00"),
        (107, 1_200_000, "2024-11-27T12:36:01+00:00"),
        (108, 412, "2024-11-27T13:35:42+00:00"),
    ]
    first = preview.posts[0]
    assert (
        first.url == "https://t.me/kz_foreign_digest/106" and first.channel == "kz_foreign_digest"
    )
    assert first.text.startswith("⚡️Москва и Астана работают над расширением")
    assert "<b>" not in first.text and "Топор Live. Подписаться" in first.text


def test_older_page_forward_reply_and_service_message() -> None:
    preview = parse_preview(page("older.html"))
    assert preview.before is None
    assert [post.id for post in preview.posts] == [101, 103, 104]  # 102 is a service message
    reply, forwarded = preview.posts[1], preview.posts[2]
    assert reply.text.startswith("⚡️Путин в ходе госвизита")  # the quoted reply is not its text
    assert "Путин прибудет в Казахстан…" not in reply.text
    assert forwarded.forwarded_from == "РИА Новости" and reply.forwarded_from is None


def test_line_breaks_survive_as_newlines() -> None:
    post = parse_preview(page("older.html")).posts[0]
    assert "27 ноября, сообщила пресс-служба Токаева.\n\nЛидеры" in post.text


@pytest.mark.parametrize(
    ("shown", "count"),
    [
        ("401", 401),
        ("12.3K", 12_300),
        ("25K", 25_000),
        ("1.1M", 1_100_000),
        ("", None),
        ("x", None),
    ],
)
def test_view_counts(shown: str, count: int | None) -> None:
    assert parse_count(shown) == count


def test_a_page_that_is_not_a_preview_is_refused() -> None:
    with pytest.raises(PreviewError, match=r"not a t\.me/s/ channel page"):
        parse_preview("<html><body><p>Just a page</p></body></html>")
