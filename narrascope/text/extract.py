"""HTML to main text and metadata with trafilatura; text inputs pass through unchanged."""

from __future__ import annotations

from typing import Any, ClassVar

import htmldate
import trafilatura
from trafilatura.settings import set_date_params

from narrascope.ids import url_host
from narrascope.pipeline import Stage
from narrascope.records import Document

# One document's clean text beyond this (about a 500-page book) is refused: the NLP stages hold
# a document whole, and a feed item, page or post never comes near it.
MAX_DOCUMENT_CHARS = 1_000_000


class ExtractError(ValueError):
    pass


class Extract(Stage):
    name = "extract"
    requires = ("raw", "raw_format")
    assigns: ClassVar[tuple[str, ...]] = (
        "text",
        "title",
        "author",
        "published",
        "date_source",
        "outlet",
    )

    def apply(self, doc: Document) -> Document:
        if doc.raw is None:
            raise ExtractError("no raw content")
        if doc.raw_format != "html":
            doc.text = doc.raw
        else:
            fill_from_html(doc, extract_html(doc.raw, doc.url))
        if len(doc.text or "") > MAX_DOCUMENT_CHARS:
            raise ExtractError(
                f"text of {len(doc.text or ''):,} characters is over the"
                f" {MAX_DOCUMENT_CHARS:,}-character limit for one document"
            )
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
        date_extraction_params=set_date_params(extensive=False),
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
    if doc.published is None:
        doc.published, doc.date_source = page_date(doc.raw or "", found)
    doc.outlet = doc.outlet or found.get("sitename") or url_host(found.get("url")) or None
    doc.url = doc.url or found.get("url") or None


def page_date(html: str, found: dict[str, Any]) -> tuple[str | None, str | None]:
    """The page's own dated markup or URL first; else htmldate's extensive guess from the text."""
    if found.get("date"):
        return found["date"], "page"
    guessed = htmldate.find_date(
        html, extensive_search=True, original_date=True, url=found.get("url")
    )
    return (guessed, "inferred") if guessed else (None, None)
