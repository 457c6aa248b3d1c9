"""Per-outlet template learning: lines that recur across many pages of one outlet are boilerplate
for that outlet (a channel's signature, a site's subscription prompt), whatever their wording.

A document is judged only by the pages seen before it, in the order they were first ingested,
so that ingesting the same input again cleans every document exactly as the first time did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

MIN_TEMPLATE_DOCS = 3  # distinct documents of one outlet a line must recur in
MAX_TEMPLATE_LINE = 300  # longer lines are body text, never learned as template


class TemplateIndex(Protocol):
    def observe(self, outlet: str, doc_id: str, keys: Iterable[str]) -> None:
        """Record that document doc_id of outlet contains these line keys (idempotent)."""

    def frequent(self, outlet: str, doc_id: str, keys: Iterable[str]) -> frozenset[str]:
        """The keys that recur in at least MIN_TEMPLATE_DOCS documents of outlet, counting
        doc_id and the documents first observed before it."""


class MemoryTemplates:
    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.order: dict[str, int] = {}

    def observe(self, outlet: str, doc_id: str, keys: Iterable[str]) -> None:
        self.order.setdefault(doc_id, len(self.order))
        for key in keys:
            self.docs[outlet, key].add(doc_id)

    def frequent(self, outlet: str, doc_id: str, keys: Iterable[str]) -> frozenset[str]:
        mine = self.order.get(doc_id, len(self.order))
        return frozenset(
            key
            for key in keys
            if sum(1 for d in self.docs.get((outlet, key), ()) if self.order[d] <= mine)
            >= MIN_TEMPLATE_DOCS
        )
