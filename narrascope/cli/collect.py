"""CLI for following sources: `collect` (once), `watch` (on a schedule) and `alerts`."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from narrascope.cli.common import err, out, report_failures, store, theme_pack
from narrascope.collect import collector as collecting
from narrascope.collect.alerts import raise_alerts
from narrascope.collect.sources import USER_AGENT, AlertSettings, Config, SourcesError, load_sources

collect_app = typer.Typer()

SOURCES = typer.Argument(..., help="Sources file (TOML) / файл источников")
PHASES = {
    "discover": "discover / поиск",
    "fetch": "fetch / загрузка",
    "process": "process / анализ",
}


def sources_config(path: Path) -> Config:
    try:
        return load_sources(path)
    except SourcesError as error:
        err.print(f"[red]error[/red]: {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from error


def summary(report: collecting.CollectReport) -> str:
    return (
        f"{report.discovered} new items, {report.fetched} fetched, {report.not_modified} unchanged"
        f" (304), {report.documents} documents stored, {report.engagement} engagement updates,"
        f" {len(report.alerts)} alerts, {len(report.failures)} failed;"
        f" {report.requests} requests in {report.seconds:.1f} s"
    )


@collect_app.command()
def collect(sources: Path = SOURCES) -> None:
    """Collect new items from every source once / собрать новые материалы из источников."""
    config = sources_config(sources)
    db = store()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err) as bar:
        tasks = {phase: bar.add_task(label, total=None) for phase, label in PHASES.items()}

        def progress(phase: str, done: int, total: int | None) -> None:
            bar.update(tasks[phase], completed=done, total=total)

        report = collecting.collect_once(config, db, theme_pack(), progress)
    report_failures(report.failures)
    err.print(summary(report) + f"; database now holds {db.count()}")
    db.close()
    if report.failures:
        raise typer.Exit(1)


def seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", value.strip())
    if not match:
        raise typer.BadParameter(f"{value!r}: use 90, 90s, 15m, 2h or 1d")
    scale = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    return float(match.group(1)) * scale


@collect_app.command()
def watch(
    sources: Path = SOURCES,
    every: str = typer.Option("15m", "--every", help="Interval: 90s, 15m, 2h / интервал"),
    runs: int | None = typer.Option(
        None, "--runs", min=1, help="Stop after N runs / число запусков"
    ),
) -> None:
    """Collect on a schedule, only what is new; resumes after a crash / собирать по расписанию."""
    config = sources_config(sources)
    interval = seconds(every)
    db = store()

    def after_run(report: collecting.CollectReport) -> None:
        report_failures(report.failures)
        for alert in report.alerts:
            out.print(f"alert: {alert.kind} {escape(alert.label)} {alert.day} ({alert.count})")
        err.print(summary(report))

    try:
        collecting.watch(config, db, interval, runs, theme_pack(), after_run)
    except KeyboardInterrupt:
        err.print("stopped / остановлено")
    finally:
        db.close()


@collect_app.command()
def alerts(
    day: str | None = typer.Option(None, "--day", help="Detect for this day (YYYY-MM-DD) / день"),
    webhook: str | None = typer.Option(None, "--webhook", help="POST new alerts here / вебхук"),
    sources: Path | None = typer.Option(None, "--sources", help="Alert settings from this file"),
    limit: int = typer.Option(50, "--limit", min=1),
) -> None:
    """Detect spikes for a day and list stored alerts / всплески упоминаний."""
    config = sources_config(sources) if sources else None
    settings = config.alerts if config else AlertSettings()
    db = store()
    state = db.collection()
    if day is not None:
        target = webhook or settings.webhook
        added, problem = raise_alerts(state, settings, target, USER_AGENT, day)
        if target and problem:
            err.print(f"[red]error[/red]: webhook {escape(target)}: {escape(problem)}")
            raise typer.Exit(1)
        err.print(f"{len(added)} new alerts for {day}")
    for alert in state.alerts(limit):
        z = f"z={alert.z:.1f}" if alert.z is not None else "new"
        out.print(
            f"{alert.day}  {alert.kind:<10} {escape(alert.label)}  {alert.count}"
            f" (baseline {alert.baseline:.1f}/day, {z}, {alert.outlets} outlets)",
            highlight=False,
        )
    db.close()
