"""CLI for looking: `serve` (web UI and API) and `report` (a digest in HTML, Markdown or PDF)."""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from narrascope.cli.common import SCOPE, ScopeChoice, err, out, state, store, theme_pack
from narrascope.store.protocol import SearchFilters

web_app = typer.Typer()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@web_app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on / адрес"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port / порт"),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="NARRASCOPE_TOKEN",
        help="API token, required off loopback / токен доступа (обязателен вне localhost)",
    ),
) -> None:
    """Serve the web UI and the JSON API / запустить веб-интерфейс и API."""
    import uvicorn

    from narrascope.web.app import create_app

    if not is_loopback(host) and not token:
        err.print(
            f"[red]error[/red]: serving on {escape(host)} needs --token (or NARRASCOPE_TOKEN) /"
            " вне localhost нужен токен",
            highlight=False,
        )
        raise typer.Exit(2)
    app = create_app(state["db"], theme_pack(), token=token)
    out.print(f"narrascope: http://{host}:{port}/  (API: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    pdf = "pdf"


@web_app.command()
def report(
    since: str = typer.Option(..., "--since", help="From date YYYY-MM-DD / с даты"),
    until: str = typer.Option(..., "--until", help="Up to date YYYY-MM-DD, inclusive / по дату"),
    theme: str | None = typer.Option(None, "--theme", help="Theme id / тема"),
    entity: str | None = typer.Option(None, "--entity", help="Entity id or name / сущность"),
    output_format: ReportFormat = typer.Option(ReportFormat.html, "--format"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write (default: stdout for html/md) / файл"
    ),
    base_url: str = typer.Option(
        "http://127.0.0.1:8000",
        "--base-url",
        help="Where `serve` runs: every sentence links there / адрес веб-интерфейса для ссылок",
    ),
    ui: str = typer.Option("ru", "--ui", help="Language of the digest ru|en / язык дайджеста"),
    scope: ScopeChoice | None = SCOPE,
) -> None:
    """A digest with charts; every sentence links to its source / дайджест со ссылками."""
    from narrascope.report.digest import build
    from narrascope.report.render import render

    chosen = scope.value if scope else None
    filters = SearchFilters(since=since, until=until, theme=theme, entity=entity, scope=chosen)
    db = store()
    built = build(db, filters, theme_pack(), ui if ui in ("ru", "en") else "ru")
    db.close()
    rendered = render(built, output_format.value, base_url)
    if output is None:
        if output_format is ReportFormat.pdf:
            err.print("[red]error[/red]: a PDF needs --output FILE / для PDF нужен --output")
            raise typer.Exit(2)
        out.file.write(rendered.decode("utf-8"))
        return
    output.write_bytes(rendered)
    out.print(f"wrote {escape(str(output))} ({len(rendered)} bytes)")
