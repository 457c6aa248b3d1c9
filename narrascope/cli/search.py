"""CLI for finding things: search, themes, retag, topics (thin over search, service, topics)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from narrascope import jsonlines, service
from narrascope.analytics.search import SearchMode, search
from narrascope.analytics.topics import DISTANCE, MIN_SIZE, default_since, discover
from narrascope.cli.common import SCOPE, ScopeChoice, out, state, store, theme_pack
from narrascope.nlp.themepack import theme_names
from narrascope.store.protocol import SearchFilters

search_app = typer.Typer()

SINCE = typer.Option(None, "--since", help="From date YYYY-MM-DD / с даты")
UNTIL = typer.Option(None, "--until", help="Up to date YYYY-MM-DD, inclusive / по дату")
OUTLET = typer.Option(None, "--outlet", help="Outlet / издание")
LANG = typer.Option(None, "--lang", help="Language ru|kk|en / язык")
THEME = typer.Option(None, "--theme", help="Theme id, e.g. middle_power / тема")
ENTITY = typer.Option(None, "--entity", help="Entity id or canonical name / сущность")

THEMES_FILE = typer.Option(
    None, "--themes", help="Theme pack YAML (default: the bundled pack) / файл тем"
)


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@search_app.command("search")
def search_command(
    query: str = typer.Argument(..., help="Words in any form or language / слова, любой язык"),
    mode: SearchMode = typer.Option(SearchMode.hybrid, "--mode", help="fts | semantic | hybrid"),
    limit: int = typer.Option(10, "--limit", min=1, max=1000),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    outlet: str | None = OUTLET,
    lang: str | None = LANG,
    theme: str | None = THEME,
    entity: str | None = ENTITY,
    scope: ScopeChoice | None = SCOPE,
) -> None:
    """Search: bm25 over lemmas, meaning (e5), or both fused / поиск по словам и смыслу."""
    db = store()
    filters = SearchFilters(
        since=since,
        until=until,
        outlet=outlet,
        lang=lang,
        theme=theme,
        entity=entity,
        scope=scope.value if scope else None,
    )
    hits = search(db, query, mode, limit, filters, pack=theme_pack())
    db.close()
    if output_format is OutputFormat.jsonl:
        for hit in hits:
            row = {"id": hit.id, "source": hit.source, "title": hit.title, "score": hit.score}
            sys.stdout.write(jsonlines.dumps(row) + "\n")
        return
    table = Table("id", "score", "title / заголовок", "outlet / издание", "published")
    for hit in hits:
        table.add_row(
            hit.id, f"{hit.score:.3f}", hit.title or "—", hit.outlet or "—", hit.published or "—"
        )
    out.print(table if hits else "nothing found / ничего не найдено")


@search_app.command()
def retag(themes_file: Path | None = THEMES_FILE) -> None:
    """Re-tag stored documents with the theme pack, no re-ingest / перетегировать темы."""
    if themes_file is not None:
        state["themes"] = str(themes_file)
    pack = theme_pack()
    db = store()
    report = service.retag(db, pack)
    db.close()
    out.print(
        f"re-tagged {report.documents} documents: {report.in_scope} about foreign policy, "
        f"{report.tagged} with themes (pack {pack.name} v{pack.version}) / перетегировано "
        f"документов: о внешней политике {report.in_scope}, с темами {report.tagged}"
    )
    for theme_id, count in sorted(report.themes.items(), key=lambda item: -item[1]):
        out.print(f"  {theme_id}: {count}")


@search_app.command()
def themes(
    since: str | None = SINCE,
    until: str | None = UNTIL,
    outlet: str | None = OUTLET,
    lang: str | None = LANG,
    scope: ScopeChoice | None = SCOPE,
) -> None:
    """Documents and stories per theme / документы и сюжеты по темам."""
    db = store()
    chosen = scope.value if scope else None
    filters = SearchFilters(since=since, until=until, outlet=outlet, lang=lang, scope=chosen)
    counts = db.theme_counts(filters)
    db.close()
    names = theme_names(theme_pack())
    table = Table("theme / тема", "name / название", "reports / сообщения", "stories / сюжеты")
    for count in counts:
        name = names.get(count.theme_id, "—")
        table.add_row(count.theme_id, name, str(count.documents), str(count.stories))
    out.print(table if counts else "no themes yet / тем пока нет")


@search_app.command()
def topics(
    since: str | None = typer.Option(None, "--since", help="Default: last 30 days of data"),
    until: str | None = UNTIL,
    outlet: str | None = OUTLET,
    distance: float = typer.Option(DISTANCE, "--distance", min=0.01, max=1.0),
    min_size: int = typer.Option(MIN_SIZE, "--min-size", min=2),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
    scope: ScopeChoice | None = SCOPE,
) -> None:
    """Cluster recent documents into topics; flag those no theme covers / темы и новые нарративы."""
    db = store()
    since = since or default_since(db)
    chosen = scope.value if scope else None
    filters = SearchFilters(since=since, until=until, outlet=outlet, scope=chosen)
    found = discover(db, filters, distance, min_size)
    db.close()
    if output_format is OutputFormat.jsonl:
        for topic in found:
            row = {
                "label": topic.label,
                "size": topic.size,
                "new": topic.new,
                "themes": topic.themes,
                "first": topic.first,
                "last": topic.last,
                "documents": topic.documents,
            }
            sys.stdout.write(jsonlines.dumps(row) + "\n")
        return
    table = Table("size", "label / ключевые слова", "themes / темы", "new? / новый?", "dates")
    for topic in found:
        themes_text = ", ".join(f"{k} {v}" for k, v in list(topic.themes.items())[:3]) or "—"
        dates = f"{(topic.first or '?')[:10]} – {(topic.last or '?')[:10]}"
        new = "NEW / НОВЫЙ" if topic.new else ""
        table.add_row(str(topic.size), " ".join(topic.label), themes_text, new, dates)
    out.print(table if found else f"no topics since {since} / тем не найдено (--since)")
