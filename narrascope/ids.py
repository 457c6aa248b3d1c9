"""Deterministic document ids: re-ingesting the same input upserts instead of duplicating."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urldefrag

import courlan

_SPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str | None:
    """Lower-cased host, tracking parameters (utm_*, fbclid...) and fragment dropped (courlan);
    other parameters kept: sites tell articles apart by them (?newsid=5). None if not a URL."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        normalized: str = courlan.normalize_url(url, strict=False)
    except ValueError:  # "http://[x/": not a URL urllib can split
        return None
    return urldefrag(normalized).url


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    host, _ = courlan.get_hostinfo(url)
    return str(host) if host else None


def normalize_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return _SPACE.sub(" ", text).strip()


def short_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def document_id(url: str | None, content: str) -> str:
    """sha256 of the canonical URL when there is one, else of the whitespace-normalised content."""
    canonical = canonical_url(url) if url else None
    if canonical:
        return short_hash("url:" + canonical)
    return short_hash("text:" + normalize_for_hash(content))


def entity_id(entity_type: str, normal: str) -> str:
    """Stable id for an entity known only by its normalised name (no knowledge-base link yet)."""
    key = normalize_for_hash(normal)
    slug = re.sub(r"[^\w]+", "_", key).strip("_")[:48]
    return f"{entity_type.lower()}:{slug}-{short_hash(entity_type + '|' + key)[:6]}"
