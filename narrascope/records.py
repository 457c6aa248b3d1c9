"""The one record every stage reads and writes, and its annotations.

Annotations point into `Document.text` by character offsets (Python string indices, end
exclusive), so a highlighter or an exporter never has to search for a mention again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np

# The `analyze` output of DESIGN.md, in order; the record's other fields are stored only.
CONTRACT_FIELDS = (
    "source",
    "id",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "lang",
    "forwarded_from",
    "duplicate_of",
    "story_id",
    "text",
    "entities",
    "quotes",
    "figures",
    "themes",
    "events",
)


@dataclass(slots=True, kw_only=True)
class Entity:
    text: str
    start: int
    end: int
    type: str  # PER | ORG | LOC
    normal: str
    id: str
    name: str


@dataclass(slots=True, kw_only=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_span: tuple[int, int] | None = None
    role: str | None = None


def is_authored(quote: Quote, text: str) -> bool:
    """The whole text, named by no mention in it: a bylined piece, its author's statement."""
    return quote.speaker_span is None and (quote.start, quote.end) == (0, len(text))


@dataclass(slots=True, kw_only=True)
class Figure:
    value: float
    text: str
    start: int
    end: int


@dataclass(slots=True, kw_only=True)
class Claim:
    """What a figure asserts: Токаев (subject) made 23 (value) foreign visits (measure, a total)
    in 2024 (period). Two claims conflict when their subject, measure, unit, kind and period are
    the same, their sources differ and their value intervals [low, high] do not meet."""

    value: float
    counted: str  # lemma of what is counted or measured ("визит", "курс")
    subject: str | None
    period: str | None  # the time it is about: "2024", "2024-04", "2024-04-12", "A/B"
    approximate: bool
    sentence: str
    start: int
    end: int
    subject_id: str | None = None
    measure: str = ""  # the key claims are compared by ("зарубежный визит · совершить")
    unit: str = ""  # "%", "тенге", "тонна" … or "" for a count
    kind: str = "total"  # level | change | total | share | rank
    bound: str = "exact"  # exact | about | at_least | at_most
    low: float | None = None  # the values the written figure allows; None: unbounded
    high: float | None = None
    time_stated: bool = False  # the text gave the time; otherwise it is the document's day
    speaker_id: str | None = None  # who says it, when the figure is quoted


@dataclass(slots=True, kw_only=True)
class Event:
    """A diplomatic event the text reports; `start`/`end` is the span that reports it."""

    type: str  # visit | talks | summit | agreement | announcement | cancellation
    kind: str  # what happens: visit | talks | summit | agreement (also for plans, cancellations)
    status: str  # happened | planned | cancelled
    date: str | None  # ISO day, month or year; a week ahead as "start/end"
    participants: list[str]  # entity ids, the main one first
    place: str | None  # entity id
    text: str
    start: int
    end: int
    event_id: str | None = None  # shared by every report of one event
    title: str | None = None  # an agreement's document as written
    count: int | None = None  # documents signed, when the text only counts them

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, kw_only=True)
class Theme:
    id: str
    score: float
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Scope:
    """Whether a document is about foreign policy and international relations (nlp/scope.py)."""

    in_scope: bool
    score: float  # the model's probability
    reason: str  # the evidence, named


IN_SCOPE, OUT_OF_SCOPE = "in", "out"  # a scope as stored and filtered on


def in_scope(doc: Document) -> bool:
    """Documents never judged (stored before the scope stage existed) count as in scope."""
    return doc.scope is None or doc.scope.in_scope


@dataclass(slots=True, kw_only=True)
class Engagement:
    """Counts a source shows for a post (Telegram views, forwards, replies); None when not shown."""

    views: int | None = None
    forwards: int | None = None
    replies: int | None = None


@dataclass(slots=True)
class Passage:
    """A stretch of the clean text and its e5 passage vector, for semantic search."""

    start: int
    end: int
    vector: np.ndarray = field(compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Document:
    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    # The author linked as a person (the byline is outside `text`, so it has no offsets) and the
    # position the byline or forward header gives them; stored, not in the contract, where the
    # authored quote carries both (nlp/authorship.py).
    author_id: str | None = None
    author_role: str | None = None
    published: str | None = None  # ISO 8601
    # Where `published` came from: "source" (given with the input), "page" (the HTML's markup or
    # a dated URL), "inferred" (htmldate's guess from free text); stored, not in the contract.
    date_source: str | None = None
    lang: str | None = None
    forwarded_from: str | None = None
    section: str | None = (
        None  # rubric label ("Общество"); stored, not part of the analyze contract
    )
    duplicate_of: str | None = None
    story_id: str | None = None
    raw: str | None = None  # decoded input as received (HTML or text), kept for re-processing
    raw_format: str = "text"  # "text" | "html"
    text: str | None = None  # clean body text; every offset points into it
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # stored, not part of the analyze contract
    events: list[Event] = field(default_factory=list)
    scope: Scope | None = None  # stored, not part of the analyze contract
    # Passage embedding (float32, L2-normalised); stored beside the record, not in the contract.
    embedding: np.ndarray | None = field(default=None, compare=False, repr=False)
    # Search passages (the first is the title and lead, `embedding` itself); stored apart.
    passages: list[Passage] = field(default_factory=list, compare=False, repr=False)
    # Counts the source showed when the document was read; stored as an observation over time.
    engagement: Engagement | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        passages, self.passages = self.passages, []
        try:
            data = asdict(self)
        finally:
            self.passages = passages
        data.pop("passages")
        if self.embedding is not None:
            data["embedding"] = [float(value) for value in self.embedding]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["entities"] = [Entity(**item) for item in data.get("entities") or []]
        values["quotes"] = [_quote_from_dict(item) for item in data.get("quotes") or []]
        values["figures"] = [Figure(**item) for item in data.get("figures") or []]
        values["themes"] = [_theme_from_dict(item) for item in data.get("themes") or []]
        values["claims"] = [Claim(**item) for item in data.get("claims") or []]
        values["events"] = [Event(**item) for item in data.get("events") or []]
        if data.get("embedding") is not None:
            values["embedding"] = np.asarray(data["embedding"], dtype=np.float32)
        if data.get("engagement") is not None:
            values["engagement"] = Engagement(**data["engagement"])
        if data.get("scope") is not None:
            values["scope"] = Scope(**data["scope"])
        return cls(**values)

    def contract_dict(self) -> dict[str, Any]:
        """The `analyze` output of DESIGN.md: everything but the raw input."""
        everything = self.as_dict()
        data = {name: everything[name] for name in CONTRACT_FIELDS}
        for quote in data["quotes"]:
            span = quote["speaker_span"]
            quote["speaker_span"] = list(span) if span is not None else None
        for theme in data["themes"]:
            theme["evidence"] = [list(pair) for pair in theme["evidence"]]
        return data


def _quote_from_dict(item: dict[str, Any]) -> Quote:
    span = item.get("speaker_span")
    return Quote(**{**item, "speaker_span": tuple(span) if span is not None else None})


def _theme_from_dict(item: dict[str, Any]) -> Theme:
    evidence = [(int(start), int(end)) for start, end in item.get("evidence") or []]
    return Theme(id=item["id"], score=item["score"], evidence=evidence)


@dataclass(slots=True, kw_only=True)
class Failure:
    """A document that could not go through a stage: kept, named and explained."""

    source: str
    stage: str
    reason: str
    doc_id: str | None = None
