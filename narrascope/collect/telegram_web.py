"""Posts of a public Telegram channel from its web preview, https://t.me/s/NAME.

The page lists about twenty posts, oldest first, each a `div.tgme_widget_message` with
`data-post="NAME/ID"`, its text in `div.js-message_text` (a reply's quoted text and a link
preview's text are not the post's), the view count ("12.3K") and the time (`time[datetime]`);
`a.tme_messages_more[data-before]` points at the page of older posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from narrascope.collect.discover import utc_iso

PREVIEW_TEXT = "js-message_text"
_COUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([KkMm]?)\s*$")


class PreviewError(ValueError):
    """A page that is not a Telegram channel preview."""


@dataclass(slots=True, kw_only=True)
class Post:
    channel: str
    id: int
    url: str  # https://t.me/NAME/ID
    text: str
    published: str | None
    views: int | None
    forwarded_from: str | None


@dataclass(slots=True, kw_only=True)
class PreviewPage:
    posts: list[Post]  # with text, oldest first
    before: int | None  # cursor of the older page, if any
    seen: int  # posts on the page, with or without text


def parse_preview(content: str) -> PreviewPage:
    try:
        tree = lxml.html.fromstring(content)
    except (lxml.etree.ParserError, ValueError) as error:
        raise PreviewError(f"unreadable page: {error}") from None
    messages = [
        node
        for node in tree.iter("div")
        if node.get("data-post") and "tgme_widget_message" in _classes(node)
    ]
    if not messages and not tree.find_class("tgme_channel_info"):
        raise PreviewError("no tgme_widget_message posts: not a t.me/s/ channel page")
    posts = [post for node in messages if (post := _post(node)) is not None]
    more = tree.find_class("tme_messages_more")
    before = more[0].get("data-before") if more else None
    return PreviewPage(
        posts=sorted(posts, key=lambda post: post.id),
        before=int(before) if before and before.isdigit() else None,
        seen=len(messages),
    )


def _post(node: Any) -> Post | None:
    channel, _, number = node.get("data-post", "").partition("/")
    if not number.isdigit() or "service_message" in _classes(node):
        return None
    text_node = next(
        (
            el
            for el in node.iter("div")
            if PREVIEW_TEXT in _classes(el) and not _inside(el, node, "tgme_widget_message_reply")
        ),
        None,
    )
    text = _text(text_node) if text_node is not None else ""
    if not text.strip():
        return None
    views = node.find_class("tgme_widget_message_views")
    forwarded = node.find_class("tgme_widget_message_forwarded_from_name")
    times = [el.get("datetime") for el in node.iter("time") if el.get("datetime")]
    return Post(
        channel=channel,
        id=int(number),
        url=f"https://t.me/{channel}/{number}",
        text=text,
        published=utc_iso(times[-1]) if times else None,
        views=parse_count(views[0].text_content()) if views else None,
        forwarded_from=" ".join(forwarded[0].text_content().split()) if forwarded else None,
    )


def _text(node: Any) -> str:
    """The text with <br> as a newline (read without touching the tree: lxml refuses to set a
    control character that parsing let through)."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        if element.tag == "br":
            pieces.append("\n")
        elif isinstance(element.tag, str) and element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(node)
    lines = "".join(pieces).split("\n")
    return "\n".join(line.strip() for line in lines).strip()


def _inside(element: Any, root: Any, class_name: str) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not root:
        if class_name in _classes(parent):
            return True
        parent = parent.getparent()
    return False


def _classes(node: Any) -> set[str]:
    return set((node.get("class") or "").split())


def parse_count(value: str) -> int | None:
    """'401' → 401, '12.3K' → 12300, '1.1M' → 1100000."""
    match = _COUNT.match(value)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return round(number * scale)
