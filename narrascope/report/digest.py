"""The digest: what the press said in a window, as lines that each link to their source.

A line quoted or drawn from a document (a story's lead, a theme's evidence, a quote) links to
that document and the exact span in the web UI (`/documents/ID?span=START-END#target`); a line
that counts links to the UI list it counts. `build` gathers, the renderers only lay out.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from narrascope.analytics import queries
from narrascope.analytics.partners import partner_groups
from narrascope.nlp.themepack import ThemePack, theme_names
from narrascope.report.charts import ChartData
from narrascope.store.calendar import CalendarFilters
from narrascope.store.protocol import SearchFilters, Store
from narrascope.views import Period, PeriodCount, QuoteRow, series
from narrascope.web.i18n import Words, translator

TOP_STORIES = 8
TOP_THEMES = 6
EVIDENCE_PER_THEME = 3
TOP_QUOTES = 10
TOP_EVENTS = 12


@dataclass(slots=True, kw_only=True)
class Line:
    text: str  # exactly the source's words at `span` when the line cites a document
    heading: str | None = None  # the document's title, shown before the text
    note: str = ""  # who / where / when, shown beside the text
    quoted: bool = False  # direct speech: shown in «»
    doc_id: str | None = None
    span: tuple[int, int] | None = None
    page: str | None = None  # a UI path for lines that count rather than cite

    @property
    def shown(self) -> str:
        return f"«{self.text}»" if self.quoted else self.text

    def url(self, base: str) -> str:
        if self.doc_id is not None:
            target = f"?span={self.span[0]}-{self.span[1]}#target" if self.span else ""
            return f"{base}/documents/{self.doc_id}{target}"
        return f"{base}{self.page or '/'}"


@dataclass(slots=True, kw_only=True)
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    chart: ChartData | None = None


@dataclass(slots=True, kw_only=True)
class Digest:
    title: str
    lang: str
    filters: SearchFilters
    sections: list[Section]


def build(store: Store, filters: SearchFilters, pack: ThemePack, lang: str = "ru") -> Digest:
    t = translator(lang)
    names = theme_names(pack, lang)
    title = f"{t('digest')}: {filters.since} — {filters.until}"
    extra = [names.get(filters.theme, filters.theme) if filters.theme else None, filters.entity]
    title += "".join(f" · {item}" for item in extra if item)
    sections = [
        overview(store, filters, names, t),
        top_stories(store, filters, t),
        events_section(store, filters, t),
        *theme_sections(store, filters, names, t),
        key_quotes(store, filters, t),
        partner_section(store, filters, lang, t),
    ]
    return Digest(title=title, lang=lang, filters=filters, sections=sections)


def period_of(filters: SearchFilters) -> Period:
    since, until = filters.since or "", filters.until or ""
    return "day" if since[:7] == until[:7] else "week"


def query_string(filters: SearchFilters) -> str:
    pairs = [(k, getattr(filters, k)) for k in ("since", "until", "theme", "entity")]
    return urlencode([(key, value) for key, value in pairs if value])


def overview(store: Store, filters: SearchFilters, names: dict[str, str], t: Words) -> Section:
    views = store.views()
    total = views.count_documents(filters)
    outlets = views.outlets(filters)
    stories = views.stories(filters, 100_000)
    originals = sum(row.originals for row in outlets)
    line = Line(
        text=t("overview_line").format(
            documents=total, originals=originals, outlets=len(outlets), stories=len(stories)
        ),
        page=f"/?{query_string(filters)}",
    )
    section = Section(title=t("overview"), lines=[line])
    by_theme = views.theme_series(filters, period_of(filters))
    if by_theme:
        section.chart = chart_of(
            by_theme, t("themes_title"), lambda key: names.get(key, key), "line"
        )
    return section


def top_stories(store: Store, filters: SearchFilters, t: Words) -> Section:
    section = Section(title=t("top_stories"))
    for row in store.views().stories(filters, TOP_STORIES):
        doc = store.get(row.first_doc)
        if doc is None or not doc.text:
            continue
        start, end, sentence = queries.lead_sentence(doc.text, doc.title)
        note = t("story_note").format(documents=row.documents, outlets=row.outlets)
        section.lines.append(
            Line(
                text=sentence,
                heading=doc.title,
                note=f"{doc.outlet or ''}, {(doc.published or '')[:10]} · {note}",
                doc_id=doc.id,
                span=(start, end),
            )
        )
    return section


def theme_sections(
    store: Store, filters: SearchFilters, names: dict[str, str], t: Words
) -> list[Section]:
    sections = []
    for count in store.theme_counts(filters)[:TOP_THEMES]:
        name = names.get(count.theme_id, count.theme_id)
        scoped = replace(filters, theme=count.theme_id)
        summary = Line(
            text=t("theme_line").format(documents=count.documents, stories=count.stories),
            page=f"/themes?{query_string(scoped)}",
        )
        section = Section(title=f"{t('theme')}: {name}", lines=[summary])
        for hit in store.theme_documents(count.theme_id, EVIDENCE_PER_THEME, filters):
            doc = store.get(hit.id)
            theme = (
                next((th for th in doc.themes if th.id == count.theme_id), None) if doc else None
            )
            if doc is None or theme is None or not theme.evidence:
                continue
            start, end = theme.evidence[0]
            section.lines.append(
                Line(
                    text=(doc.text or "")[start:end].strip(),
                    note=f"{doc.outlet or ''}, {(doc.published or '')[:10]}",
                    doc_id=doc.id,
                    span=(start, end),
                )
            )
        sections.append(section)
    return sections


def events_section(store: Store, filters: SearchFilters, t: Words) -> Section:
    """The period's events, most reported first, each citing its first report of the period."""
    found = store.calendar(
        CalendarFilters(since=filters.since, until=filters.until, entity=filters.entity)
    )
    ranked = sorted(found, key=lambda e: (-len(e.reports), e.date or ""))[:TOP_EVENTS]
    section = Section(title=t("events_of_period"))
    for event in ranked:
        within = [r for r in event.reports if in_period(r.published, filters)]
        if not within:
            continue
        first = within[0]
        who = ", ".join(event.names.get(p, p) for p in event.participants[:4])
        where = f", {event.names.get(event.place, event.place)}" if event.place else ""
        section.lines.append(
            Line(
                text=first.text,
                heading=f"{event.date or '—'} · {t('event_kind_' + event.kind)}: {who}{where}",
                note=f"{t('event_status_' + event.status)} · {t('reports')}: {len(event.reports)}",
                doc_id=first.doc_id,
                span=(first.start, first.end),
            )
        )
    return section


def in_period(published: str | None, filters: SearchFilters) -> bool:
    day = (published or "")[:10]
    return bool(day) and (filters.since or "") <= day <= (filters.until or "9999")


def key_quotes(store: Store, filters: SearchFilters, t: Words) -> Section:
    """One quote for each of the most quoted named speakers."""
    quotes = store.views().quotes(filters, None, 2000, 0)
    by_speaker: OrderedDict[str, list[QuoteRow]] = OrderedDict()
    for quote in quotes:
        if quote.speaker_id:
            by_speaker.setdefault(quote.speaker_id, []).append(quote)
    ranked = sorted(by_speaker.values(), key=lambda said: -len(said))[:TOP_QUOTES]
    section = Section(title=t("quotes_title"))
    for said in ranked:
        quote = max(said, key=lambda q: len(q.text))
        who = ", ".join(part for part in (quote.speaker, quote.role) if part)
        section.lines.append(
            Line(
                text=quote.text,
                quoted=True,
                note=f"{who} · {quote.outlet or ''}, {(quote.published or '')[:10]}",
                doc_id=quote.doc_id,
                span=(quote.start, quote.end),
            )
        )
    return section


def partner_section(store: Store, filters: SearchFilters, lang: str, t: Words) -> Section:
    balance = queries.partner_balance(store, filters, period_of(filters))
    names = {group.id: group.name(lang) for group in partner_groups()}
    total = sum(balance.totals.values())
    section = Section(title=t("partners_title"))
    for group_id, documents in sorted(balance.totals.items(), key=lambda item: -item[1]):
        section.lines.append(
            Line(
                text=t("partner_line").format(
                    group=names.get(group_id, group_id),
                    share=100 * documents / total,
                    documents=documents,
                ),
                page=f"/partners?{query_string(filters)}",
            )
        )
    counts = balance.counts()
    if counts:
        section.chart = chart_of(counts, t("partners"), lambda key: names.get(key, key), "stacked")
    return section


def chart_of(counts: list[PeriodCount], title: str, name: Words, kind: str) -> ChartData:
    labels, rows = series(counts)
    top = {name(key): data for key, data in list(rows.items())[:8]}
    return ChartData(title=title, labels=labels, series=top, kind=kind)
