"""hypothesis against the collection parsers: whatever a server sends, each parser returns
items or raises its own error, never anything else."""

from __future__ import annotations

import feedparser
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from narrascope.collect.discover import DiscoverError, feed_items, listing_items, sitemap_entries
from narrascope.collect.telegram_web import PreviewError, parse_count, parse_preview
from narrascope.ids import canonical_url
from tests.sites import SITES

PAGE = (SITES / "tme" / "newest.html").read_text(encoding="utf-8")
FEED = (SITES / "rss.xml").read_text(encoding="utf-8").replace("{BASE}", "https://kaz.example")
MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "</div>",
        "<br/>",
        "&amp;",
        "&#0;",
        "<!DOCTYPE x [<!ENTITY e 'e'>]>",
        "&e;",
        "<item>",
        "<link>",
        'data-post="a/1"',
        "tgme_widget_message",
        "\x00",
        "\ufeff",
        "К",
    ]
)


def mangled(base: str) -> st.SearchStrategy[str]:
    """The real document cut, spliced with markup fragments and noise."""
    return st.builds(
        lambda cut, insert, noise: base[:cut] + insert + noise + base[cut:],
        st.integers(0, len(base)),
        st.lists(MARKUP, max_size=6).map("".join),
        st.text(max_size=40),
    )


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | mangled(FEED).map(str.encode))
@example(b"http://127.0.0.1:9/feed.xml")
@example(b"<rss><channel><item><link>http://[x/a</link></item></channel></rss>")
def test_feeds(content: bytes) -> None:
    try:
        items = feed_items(content, limit=50)
    except DiscoverError:
        return
    assert all(canonical_url(item.url) == item.url for item in items)


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=400)
    | mangled((SITES / "sitemap-news.xml").read_text("utf-8")).map(str.encode)
)
def test_sitemaps(content: bytes) -> None:
    try:
        sitemap = sitemap_entries(content, limit=50)
    except DiscoverError:
        return
    assert len(sitemap.items) <= 50


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300) | mangled((SITES / "section.html").read_text("utf-8")))
def test_listing_pages(content: str) -> None:
    items = listing_items(content, "https://kaz.example/section/", None, limit=20)
    assert all(item.url.startswith("https://kaz.example/") for item in items)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | mangled(PAGE))
def test_preview_pages(content: str) -> None:
    try:
        preview = parse_preview(content)
    except PreviewError:
        return
    assert all(post.text.strip() and post.id >= 0 for post in preview.posts)


@given(st.text(max_size=20))
def test_view_counts(shown: str) -> None:
    count = parse_count(shown)
    assert count is None or count >= 0


def test_a_parser_crash_is_a_feed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzz test once made feedparser's strict parser raise ValueError ("too many values to
    unpack") on a mangled namespace; the source gets a DiscoverError, the run goes on."""

    def crash(*_: object, **__: object) -> None:
        raise ValueError("too many values to unpack (expected 2)")

    monkeypatch.setattr(feedparser, "parse", crash)
    with pytest.raises(DiscoverError, match="not a feed"):
        feed_items(FEED.encode(), limit=5)
