"""A document's clean text cut into segments, each knowing which annotations cover it, so a
template can mark entities, quotes, figures and theme evidence without searching the text again.
The text itself is never interpreted: templates escape every segment."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from narrascope.records import Document, Entity, is_authored


@dataclass(slots=True, kw_only=True)
class Segment:
    text: str
    start: int
    entity: Entity | None = None
    quote: int | None = None  # index into doc.quotes
    speaker: bool = False  # inside the mention that names a quote's speaker
    figure: bool = False
    themes: list[str] = field(default_factory=list)  # ids of themes this is evidence for
    target: bool = False  # the span a link (a digest line, a search hit) points at
    anchor: str | None = None  # an id for links: "target", "q-START" (quote), "e-START" (evidence)

    @property
    def classes(self) -> str:
        marks = [
            *(["quote"] if self.quote is not None else []),
            *(["speaker"] if self.speaker else []),
            *(["figure"] if self.figure else []),
            *(["evidence"] if self.themes else []),
            *(["target"] if self.target else []),
        ]
        return " ".join(marks)


def covering(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    return next((i for i, (s, e) in enumerate(spans) if s <= start and end <= e), None)


def segments(doc: Document, target: tuple[int, int] | None = None) -> list[Segment]:
    text = doc.text or ""
    entity_spans = [(e.start, e.end) for e in doc.entities]
    quote_spans = [(q.start, q.end) for q in doc.quotes if not is_authored(q, text)]
    speaker_spans = [q.speaker_span for q in doc.quotes if q.speaker_span]
    figure_spans = [(f.start, f.end) for f in doc.figures]
    evidence = [(s, e, theme.id) for theme in doc.themes for s, e in theme.evidence]
    spans = [*entity_spans, *quote_spans, *speaker_spans, *figure_spans]
    spans += [(s, e) for s, e, _ in evidence] + ([target] if target else [])
    cuts = sorted({0, len(text), *(p for span in spans for p in span if 0 <= p <= len(text))})
    found = []
    for start, end in itertools.pairwise(cuts):
        entity = covering(entity_spans, start, end)
        found.append(
            Segment(
                text=text[start:end],
                start=start,
                entity=doc.entities[entity] if entity is not None else None,
                quote=covering(quote_spans, start, end),
                speaker=covering(speaker_spans, start, end) is not None,
                figure=covering(figure_spans, start, end) is not None,
                themes=sorted({tid for s, e, tid in evidence if s <= start and end <= e}),
                target=target is not None and target[0] <= start and end <= target[1],
                anchor=anchor_at(start, target, quote_spans, evidence),
            )
        )
    return found


def anchor_at(
    start: int,
    target: tuple[int, int] | None,
    quote_spans: list[tuple[int, int]],
    evidence: list[tuple[int, int, str]],
) -> str | None:
    if target is not None and target[0] == start:
        return "target"
    if any(s == start for s, _ in quote_spans):
        return f"q-{start}"
    if any(s == start for s, _, _ in evidence):
        return f"e-{start}"
    return None
