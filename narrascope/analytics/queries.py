"""Read-side use-cases shared by the API, the web UI and the digest: what an analyst asks of the
store, in one place, so the three layers show the same numbers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import networkx as nx

from narrascope.analytics.partners import PartnerGroup, entity_groups, partner_groups
from narrascope.nlp.kb import Position, knowledge_base
from narrascope.nlp.themes import sentences_of
from narrascope.records import IN_SCOPE, Document, Engagement, Failure
from narrascope.store.protocol import SearchFilters, Store
from narrascope.views import DocRow, Edge, EntityRow, HealthRow, Period, PeriodCount, QuoteRow

HEALTH_DAYS = 120  # the ingest-health chart shows this many days up to the latest


@dataclass(slots=True, kw_only=True)
class DocumentPage:
    rows: list[DocRow]
    total: int
    limit: int
    offset: int


@dataclass(slots=True, kw_only=True)
class DocumentView:
    document: Document
    original: DocRow | None  # the earlier copy this one reprints
    reprints: list[DocRow]
    story: list[DocRow]  # other reports of the same story
    engagement: list[tuple[str, Engagement]]  # (observed at, counts), oldest first


@dataclass(slots=True, kw_only=True)
class RoleSeen:
    role: str | None
    quotes: int
    first: str | None
    last: str | None


@dataclass(slots=True, kw_only=True)
class EntityProfile:
    entity: EntityRow
    names: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)  # from the knowledge base
    timeline: list[PeriodCount] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    roles: list[RoleSeen] = field(default_factory=list)  # positions as quoted in the press
    co_mentioned: list[EntityRow] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class PartnerShare:
    period: str
    group: str
    documents: int
    share: float  # of all partner attention in the period


@dataclass(slots=True, kw_only=True)
class PartnerBalance:
    groups: list[PartnerGroup]
    shares: list[PartnerShare]
    totals: dict[str, int]  # group id → documents over the whole window

    def counts(self) -> list[PeriodCount]:
        """Documents per period and group, as any series of counts."""
        return [
            PeriodCount(period=s.period, key=s.group, documents=s.documents) for s in self.shares
        ]


@dataclass(slots=True, kw_only=True)
class Node:
    id: str
    name: str
    type: str
    documents: int
    x: float
    y: float


@dataclass(slots=True, kw_only=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]


@dataclass(slots=True, kw_only=True)
class Health:
    rows: list[HealthRow]
    failures: list[Failure]
    documents: int
    dated: int
    inferred: int

    @property
    def inferred_share(self) -> float:
        return self.inferred / self.dated if self.dated else 0.0


def documents(store: Store, filters: SearchFilters, limit: int, offset: int) -> DocumentPage:
    views = store.views()
    rows = views.documents(filters, limit, offset)
    return DocumentPage(rows=rows, total=views.count_documents(filters), limit=limit, offset=offset)


def document(store: Store, doc_id: str) -> DocumentView | None:
    doc = store.get(doc_id)
    if doc is None:
        return None
    views = store.views()
    original = views.documents_by_id([doc.duplicate_of]) if doc.duplicate_of else []
    story_ids = store.story(doc.story_id) if doc.story_id else []
    return DocumentView(
        document=doc,
        original=original[0] if original else None,
        reprints=views.documents_by_id(store.reprints(doc_id)),
        story=views.documents_by_id([i for i in story_ids if i != doc_id]),
        engagement=store.collection().engagement(doc_id),
    )


def entity(
    store: Store, entity_id: str, filters: SearchFilters, period: Period = "week"
) -> EntityProfile | None:
    views = store.views()
    row = views.entity(entity_id)
    if row is None:
        return None
    profile = EntityProfile(entity=row)
    known = knowledge_base().entities.get(entity_id)
    if known is not None:
        profile.names = dict(known.names)
        profile.aliases = list(known.aliases)
        profile.positions = list(known.positions)
    profile.timeline = views.group_series({entity_id: entity_id}, filters, period)
    profile.quotes = views.quotes(filters, entity_id, 200, 0)
    profile.roles = roles_seen(profile.quotes)
    profile.co_mentioned = views.co_mentions(entity_id, filters, 20)
    return profile


def roles_seen(quotes: list[QuoteRow]) -> list[RoleSeen]:
    by_role: dict[str | None, list[str | None]] = defaultdict(list)
    for quote in quotes:
        by_role[quote.role].append(quote.published)
    seen = []
    for role, dates in by_role.items():
        known = sorted(day for day in dates if day)
        seen.append(
            RoleSeen(
                role=role,
                quotes=len(dates),
                first=known[0] if known else None,
                last=known[-1] if known else None,
            )
        )
    return sorted(seen, key=lambda r: -r.quotes)


def partner_balance(
    store: Store, filters: SearchFilters, period: Period = "week", pack: str = "kazakhstan"
) -> PartnerBalance:
    """Attention per partner group over documents about foreign policy only: a flood report
    naming Kyrgyzstan's aid counts, a crime report naming a foreigner does not."""
    in_scope = replace(filters, scope=filters.scope or IN_SCOPE)
    counts = store.views().group_series(entity_groups(pack), in_scope, period)
    per_period: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for count in counts:
        per_period[count.period] += count.documents
        totals[count.key] += count.documents
    shares = [
        PartnerShare(
            period=c.period,
            group=c.key,
            documents=c.documents,
            share=round(c.documents / per_period[c.period], 4),
        )
        for c in counts
    ]
    return PartnerBalance(groups=list(partner_groups(pack)), shares=shares, totals=dict(totals))


def network(store: Store, filters: SearchFilters, top: int = 40, min_documents: int = 2) -> Network:
    """Co-occurrence among the most mentioned entities, laid out by a seeded force layout
    (Kamada-Kawai: stable for the same graph, spreads hubs better than springs)."""
    views = store.views()
    edges = views.edges(filters, top, min_documents)
    graph = nx.Graph()
    for edge in edges:
        graph.add_edge(edge.source, edge.target, weight=edge.documents)
    layout = nx.kamada_kawai_layout(graph, weight=None) if graph.number_of_nodes() > 1 else {}
    nodes = []
    for node_id, position in sorted(layout.items()):
        row = views.entity(node_id)
        nodes.append(
            Node(
                id=node_id,
                name=row.name if row else node_id,
                type=row.type if row else "",
                documents=row.documents if row else 0,
                x=round(float(position[0]), 4),
                y=round(float(position[1]), 4),
            )
        )
    return Network(nodes=nodes, edges=edges)


def health(store: Store, filters: SearchFilters) -> Health:
    rows = store.views().health(filters)
    undated = sum(row.undated for row in rows)
    total = sum(row.documents for row in rows)
    return Health(
        rows=rows,
        failures=store.failures(),
        documents=total,
        dated=total - undated,
        inferred=sum(row.dates_inferred for row in rows),
    )


def lead_sentence(text: str, title: str | None) -> tuple[int, int, str]:
    """The first sentence of the body that is not the title repeated."""
    found = sentences_of(text)
    heading = " ".join((title or "").split()).rstrip(".")
    for start, end, sentence in found:
        if " ".join(sentence.split()).rstrip(".") != heading:
            return start, end, sentence
    return found[0]


def recent_days(days: list[str], window: int = HEALTH_DAYS) -> list[str]:
    """Every calendar day of the last `window` days up to the latest one given, so a day an
    outlet published nothing shows as a gap, not as a missing bar."""
    valid = sorted(day for day in days if len(day) == 10 and day[4] == "-")
    if not valid:
        return []
    last = date.fromisoformat(valid[-1])
    first = max(date.fromisoformat(valid[0]), last - timedelta(days=window - 1))
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
