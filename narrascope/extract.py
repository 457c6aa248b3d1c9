"""HTML to main text and metadata with trafilatura; text inputs pass through unchanged."""

from __future__ import annotations

from typing import Any, ClassVar

import trafilatura

from narrascope.ids import url_host
from narrascope.pipeline import Stage
from narrascope.records import Document


class ExtractError(ValueError):
    pass


class Extract(Stage):
    name = "extract"
    requires = ("raw", "raw_format")
    assigns: ClassVar[tuple[str, ...]] = ("text", "title", "author", "published", "outlet")

    def apply(self, doc: Document) -> Document:
        if doc.raw is None:
            raise ExtractError("no raw content")
        if doc.raw_format != "html":
            doc.text = doc.raw
        else:
            fill_from_html(doc, extract_html(doc.raw, doc.url))
        if doc.outlet is None:
            doc.outlet = url_host(doc.url)
        return doc


def extract_html(html: str, url: str | None) -> dict[str, Any]:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
    )
    found: dict[str, Any] = (
        result.as_dict() if isinstance(result, trafilatura.settings.Document) else {}
    )
    if not (found.get("text") or "").strip():
        raise ExtractError("trafilatura found no main text in the HTML")
    return found


def fill_from_html(doc: Document, found: dict[str, Any]) -> None:
    doc.text = found["text"]
    doc.title = doc.title or found.get("title") or None
    doc.author = doc.author or found.get("author") or None
    doc.published = doc.published or found.get("date") or None
    doc.outlet = doc.outlet or found.get("sitename") or url_host(found.get("url")) or None
    doc.url = doc.url or found.get("url") or None
