"""What a feed, a news sitemap or a listing page points at: article URLs with what they say
about each (title, date), newest first where the source says.
"""

from __future__ import annotations

import io
import re
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html
from courlan import extract_links
from courlan.filters import extension_filter, is_not_crawlable, type_filter

from narrascope.ids import canonical_url, url_host


class DiscoverError(ValueError):
    """A feed, sitemap or page that cannot be read for links."""


@dataclass(slots=True, kw_only=True)
class Item:
    url: str  # canonical
    title: str | None = None
    published: str | None = None  # ISO 8601 UTC, as the source gives it
    summary: str | None = None


@dataclass(slots=True, kw_only=True)
class Sitemap:
    items: list[Item]
    children: list[str]  # a sitemap index points at other sitemaps


def feed_items(content: bytes, limit: int) -> list[Item]:
    """RSS or Atom entries (feedparser reads from a stream: it never fetches anything itself)."""
    try:
        parsed = feedparser.parse(io.BytesIO(content), sanitize_html=True)
    except ValueError as error:  # feedparser's strict parser on some malformed namespaces (fuzz)
        raise DiscoverError(f"not a feed: {error}") from error
    if parsed.bozo and not parsed.entries:
        raise DiscoverError(f"not a feed: {parsed.get('bozo_exception', 'unreadable')}")
    items = []
    for entry in parsed.entries:
        url = canonical_url(entry.get("link") or "")
        if url is None:
            continue
        items.append(
            Item(
                url=url,
                title=_clean(entry.get("title")),
                published=_feed_date(entry),
                summary=_clean(entry.get("summary")),
            )
        )
    return _newest(items)[:limit]


def _feed_date(entry: Any) -> str | None:
    # dict.get: FeedParserDict.get would map a missing key to the other one, with a warning
    moment = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(timegm(moment), UTC).isoformat()


SAFE_XML = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


def sitemap_entries(content: bytes, limit: int) -> Sitemap:
    """A <urlset> (with Google News tags when present) or a <sitemapindex>."""
    try:
        root = lxml.etree.fromstring(content.strip(), parser=SAFE_XML)
    except lxml.etree.XMLSyntaxError as error:
        raise DiscoverError(f"not a sitemap: {error}") from None
    if root is None:
        raise DiscoverError("not a sitemap: empty document")
    tag = lxml.etree.QName(root).localname
    if tag == "sitemapindex":
        children = [loc for loc in _texts(root, "sitemap", "loc") if canonical_url(loc)]
        return Sitemap(items=[], children=children)
    if tag != "urlset":
        raise DiscoverError(f"not a sitemap: root element <{tag}>")
    items = []
    for node in root:
        if not isinstance(node.tag, str) or lxml.etree.QName(node).localname != "url":
            continue
        fields = {
            lxml.etree.QName(el).localname: (el.text or "").strip()
            for el in node.iter()
            if isinstance(el.tag, str)  # entity references are left unexpanded, as nodes
        }
        url = canonical_url(fields.get("loc", ""))
        if url is None:
            continue
        date = fields.get("publication_date") or fields.get("lastmod")
        items.append(Item(url=url, title=fields.get("title") or None, published=utc_iso(date)))
    return Sitemap(items=_newest(items)[:limit], children=[])


def _texts(root: Any, parent: str, child: str) -> list[str]:
    values = []
    for node in root:
        if isinstance(node.tag, str) and lxml.etree.QName(node).localname == parent:
            for el in node:
                if isinstance(el.tag, str) and lxml.etree.QName(el).localname == child:
                    values.append((el.text or "").strip())
    return values


def listing_items(
    content: str, page_url: str, pattern: re.Pattern[str] | None, limit: int
) -> list[Item]:
    """Links of a section page that lead to articles on the same site, in page order.

    Internal links that courlan's filters take for content (navigation, tags, feeds and media
    dropped); `pattern`, when the sources file gives one, must also match the URL."""
    links = extract_links(content, url=page_url, no_filter=True)
    ordered = _page_order(content, page_url, links)
    host = url_host(page_url)
    items = []
    for link in ordered:
        url = canonical_url(link)
        if url is None or url == canonical_url(page_url) or url_host(url) != host:
            continue
        if not _looks_like_content(url) or (pattern is not None and not pattern.search(url)):
            continue
        items.append(Item(url=url))
    return items[:limit]


def _looks_like_content(url: str) -> bool:
    return (
        type_filter(url, strict=True, with_nav=False)
        and extension_filter(url)
        and not is_not_crawlable(url)
    )


CHROME = {"nav", "header", "footer", "aside"}


def _page_order(content: str, page_url: str, links: set[str]) -> list[str]:
    """courlan returns a set; keep the page's order, leaving out the site's menus and footer."""
    try:
        tree = lxml.html.fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return []
    seen: dict[str, None] = {}
    wanted = {canonical_url(link) for link in links}
    for element in tree.iter("a"):
        if any(parent.tag in CHROME for parent in element.iterancestors()):
            continue
        try:
            href = canonical_url(urljoin(page_url, (element.get("href") or "").strip()))
        except ValueError:
            continue
        if href is not None and href in wanted and href not in seen:
            seen[href] = None
    return list(seen)


def _newest(items: list[Item]) -> list[Item]:
    dated = sorted(
        (item for item in items if item.published),
        key=lambda item: item.published or "",
        reverse=True,
    )
    return dated + [item for item in items if not item.published]


def utc_iso(value: str | None) -> str | None:
    """An ISO 8601 time in UTC ("Z" read as +00:00); a time without zone as given; None if
    it does not parse."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat()


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = lxml.html.fromstring(f"<div>{value}</div>").text_content() if "<" in value else value
    text = " ".join(text.split())
    return text or None
