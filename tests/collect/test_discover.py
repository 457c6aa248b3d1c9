"""Feeds, news sitemaps and section pages of the fixture sites read for article links."""

from __future__ import annotations

import pytest

from narrascope.collect.discover import DiscoverError, feed_items, listing_items, sitemap_entries
from tests.sites import SITES

BASE = "http://127.0.0.1:8080"


def fixture(name: str) -> bytes:
    return (SITES / name).read_text(encoding="utf-8").replace("{BASE}", BASE).encode("utf-8")


def test_feed_items_are_canonical_dated_in_utc_and_newest_first() -> None:
    items = feed_items(fixture("rss.xml"), limit=100)
    assert len(items) == 10
    oldest = items[-1]
    assert oldest.url == BASE + "/news/000.html"  # utm_* parameters dropped
    assert oldest.published == "2024-12-02T04:15:00+00:00"
    assert oldest.title == "«Второй трек» дипломатии не пострадает"
    assert oldest.summary == "Форумы – не единственный канал коммуникации"
    dates = [item.published or "" for item in items]
    assert dates == sorted(dates, reverse=True)
    assert [item.url for item in feed_items(fixture("rss.xml"), limit=2)] == [
        item.url for item in items[:2]
    ]


def test_feed_parser_never_fetches_a_url_given_as_content() -> None:
    with pytest.raises(DiscoverError):
        feed_items(b"http://127.0.0.1:9/feed.xml", limit=10)


def test_sitemap_index_points_at_its_sitemaps() -> None:
    index = sitemap_entries(fixture("sitemap_index.xml"), limit=10)
    assert index.items == [] and index.children == [BASE + "/sitemap-news.xml"]


def test_news_sitemap_gives_titles_and_publication_dates() -> None:
    sitemap = sitemap_entries(fixture("sitemap-news.xml"), limit=10)
    assert [(item.url, item.published) for item in sitemap.items] == [
        (BASE + "/news/002.html", "2024-12-06T05:00:00+00:00"),
        (BASE + "/news/000.html", "2024-12-02T04:15:00+00:00"),
    ]
    assert sitemap.items[0].title == "5 ключевых трендов во внешней политике Казахстана в 2024 году"


def test_sitemap_entities_are_not_expanded_and_junk_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&c;</loc></url></urlset>"""
    assert sitemap_entries(bomb, limit=10).items == []
    with pytest.raises(DiscoverError, match="not a sitemap"):
        sitemap_entries(b"<html><body>nope</body></html>", limit=10)
    with pytest.raises(DiscoverError, match="not a sitemap"):
        sitemap_entries(b"\x00\x01binary", limit=10)


def test_section_page_yields_its_articles_in_page_order() -> None:
    page = fixture("section.html").decode("utf-8")
    items = listing_items(page, BASE + "/section/politics/", None, limit=20)
    assert [item.url for item in items] == [
        BASE + "/news/003.html",
        BASE + "/news/001.html",
        BASE + "/reports/wday.html",
    ]


def test_section_page_links_can_be_narrowed_by_a_pattern() -> None:
    import re

    page = fixture("section.html").decode("utf-8")
    items = listing_items(page, BASE + "/section/politics/", re.compile(r"/news/"), limit=1)
    assert [item.url for item in items] == [BASE + "/news/003.html"]


def test_atom_entries_too() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Astana Times</title>
      <entry><title>Kazakhstan, China sign visa-free deal</title>
        <link rel="alternate" href="https://astanatimes.com/2023/05/visa-free/"/>
        <updated>2023-05-17T10:00:00+06:00</updated><id>urn:1</id></entry>
    </feed>"""
    [item] = feed_items(atom, limit=10)
    assert item.url == "https://astanatimes.com/2023/05/visa-free/"
    assert item.published == "2023-05-17T04:00:00+00:00"
    assert item.title == "Kazakhstan, China sign visa-free deal"
