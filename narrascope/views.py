"""Read-side records: what the store answers to the analyst's questions (lists, counts, series).

Plain dataclasses of plain values, so one list serves JSON, CSV, XLSX and JSON Lines alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Period = Literal["day", "week", "month"]


@dataclass(slots=True, kw_only=True)
class DocRow:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    lang: str | None
    url: str | None
    duplicate_of: str | None
    story_id: str | None
    lead: str  # the first characters of the clean text, for lists of untitled posts
    themes: list[str] = field(default_factory=list)
    scope: str | None = None  # "in" | "out" | None (never judged)


@dataclass(slots=True, kw_only=True)
class EntityRow:
    id: str
    name: str
    type: str
    documents: int
    mentions: int


@dataclass(slots=True, kw_only=True)
class QuoteRow:
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    speaker_id: str | None
    speaker: str | None
    role: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True, kw_only=True)
class PeriodCount:
    """Documents (and distinct stories) in one period, optionally for one key (theme, outlet…)."""

    period: str
    key: str
    documents: int
    stories: int = 0


def series(
    counts: Sequence[PeriodCount],
    value: Callable[[PeriodCount], float] = lambda count: count.documents,
    periods: list[str] | None = None,
) -> tuple[list[str], dict[str, list[float]]]:
    """Periods (those given, else every one counted) and one row of values per key over them,
    zeros filled in, the keys with the largest totals first: what any chart of counts draws."""
    labels = periods or sorted({count.period for count in counts})
    by_key: dict[str, dict[str, float]] = defaultdict(dict)
    for count in counts:
        by_key[count.key][count.period] = value(count)
    order = sorted(by_key, key=lambda key: -sum(by_key[key].values()))
    return labels, {key: [by_key[key].get(p, 0) for p in labels] for key in order}


@dataclass(slots=True, kw_only=True)
class Edge:
    source: str
    source_name: str
    target: str
    target_name: str
    documents: int


@dataclass(slots=True, kw_only=True)
class OutletRow:
    outlet: str
    documents: int
    originals: int
    first: str | None
    last: str | None


@dataclass(slots=True, kw_only=True)
class HealthRow:
    """Ingest health of one outlet on one day."""

    day: str
    outlet: str
    documents: int
    reprints: int
    dates_inferred: int  # dates guessed from free text, not given by the input, markup or URL
    undated: int


@dataclass(slots=True, kw_only=True)
class StoryRow:
    """One story (or a lone report) in a window: its reports and where they ran."""

    story: str  # story id, or the document id of a report with no story
    documents: int  # reports, reprints included
    outlets: int
    first_doc: str  # the earliest report
    first_published: str | None
