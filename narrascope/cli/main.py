"""Command line: a thin layer over `narrascope.service`.

Exit codes: 0 all well, 1 some documents failed (each named on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from narrascope import jsonlines, service
from narrascope.cli.calendar import calendar_app
from narrascope.cli.collect import collect_app
from narrascope.cli.common import (
    err,
    existing_store,
    out,
    report_failures,
    state,
    store,
    theme_pack,
)
from narrascope.cli.eval import eval_app
from narrascope.cli.search import search_app
from narrascope.cli.web import web_app
from narrascope.ingest.files import ReadProgress, read_inputs
from narrascope.records import Document, Failure

app = typer.Typer(
    help="narrascope: what the media say about foreign policy / что СМИ говорят о внешней политике",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    telegram = "telegram"  # a Telegram Desktop export, result.json


class AnalyzeFormat(StrEnum):
    jsonl = "jsonl"


PATHS = typer.Argument(..., help="Files, folders or - for stdin / файлы, папки или - (stdin)")
INPUT_FORMAT = typer.Option(
    InputFormat.auto, "--input-format", help="Input format / формат входа (auto: by extension)"
)
NO_CLEAN = typer.Option(
    False, "--no-clean", help="Keep the text as given / оставить текст как есть"
)


@app.callback()
def main_options(
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="NARRASCOPE_DB",
        help="SQLite path or sqlite:/// URL (default data/narrascope.db) / путь к базе",
    ),
    themes: str | None = typer.Option(
        None,
        "--themes",
        envvar="NARRASCOPE_THEMES",
        help="Theme pack YAML (default: the bundled Kazakhstan pack) / файл тем",
    ),
) -> None:
    state["db"] = db
    state["themes"] = themes


class SpeedColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        docs = task.fields.get("docs", 0)
        return Text(f"{docs / elapsed:.1f} docs/s" if elapsed > 0 else "… docs/s")


@app.command()
def ingest(
    paths: list[str] = PATHS,
    input_format: InputFormat = INPUT_FORMAT,
    no_clean: bool = NO_CLEAN,
    workers: int = typer.Option(
        0,
        "--workers",
        min=0,
        help="Run the models on N local Dask workers / модели на N локальных процессах Dask",
    ),
    dask: str | None = typer.Option(
        None,
        "--dask",
        metavar="tcp://HOST:8786",
        help="Run the models on this Dask cluster / модели на этом кластере Dask",
    ),
) -> None:
    """Ingest documents into the database / загрузить документы в базу."""
    db = store()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[docs]} docs, {task.fields[lines]} lines"),
        SpeedColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=False) as bar:
        reading = ReadProgress()
        inputs = read_inputs(paths, input_format.value, reading)
        task = bar.add_task("ingest", total=None, docs=0, lines=0)
        pack = theme_pack()

        def progress(done: int, _failed: int) -> None:
            bar.update(
                task,
                total=reading.total_bytes,
                completed=reading.bytes_read,
                docs=done,
                lines=reading.lines,
            )

        if workers or dask:
            from narrascope import distributed

            with distributed.dask_client(workers, dask) as client:
                report = distributed.ingest(inputs, db, client, not no_clean, progress, pack)
        else:
            report = service.ingest(inputs, db, not no_clean, progress, pack)
    report_failures(report.failures)
    rate = report.documents / report.seconds if report.seconds else 0.0
    err.print(
        f"stored {report.documents} documents ({rate:.1f} docs/s), "
        f"{len(report.failures)} failed; database now holds {db.count()}"
    )
    db.close()
    if report.failures:
        raise typer.Exit(1)


@app.command()
def analyze(
    paths: list[str] = PATHS,
    output_format: AnalyzeFormat = typer.Option(AnalyzeFormat.jsonl, "--format"),
    input_format: InputFormat = INPUT_FORMAT,
    no_clean: bool = NO_CLEAN,
) -> None:
    """Print one JSON object per document without storing / разобрать без сохранения."""
    failures: list[Failure] = []
    stored = existing_store()
    items = service.analyze(
        read_inputs(paths, input_format.value), not no_clean, stored, theme_pack()
    )
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            report_failures([item])
        else:
            sys.stdout.write(jsonlines.dumps(item.contract_dict()) + "\n")
    sys.stdout.flush()
    if stored is not None:
        stored.close()
    if failures:
        raise typer.Exit(1)


@app.command("explain-clean")
def explain_clean(
    paths: list[str] = PATHS,
    input_format: InputFormat = INPUT_FORMAT,
) -> None:
    """Show each removed block and why, and the metadata read from the text /
    показать удалённые блоки и причины."""
    failures: list[Failure] = []
    for item in read_inputs(paths, input_format.value):
        try:
            if isinstance(item, Failure):
                raise ValueError(item.reason)
            sys.stdout.write(service.explain_clean(item))
        except ValueError as error:
            failures.append(Failure(source=item.source, stage="clean", reason=str(error)))
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id / id документа")) -> None:
    """Show one stored document as JSON / показать документ."""
    db = store()
    doc = db.get(doc_id)
    reprints = db.reprints(doc_id)
    story = db.story(doc.story_id) if doc is not None and doc.story_id else []
    db.close()
    if doc is None:
        err.print(f"no document with id {doc_id!r} / документ не найден")
        raise typer.Exit(1)
    sys.stdout.write(
        json.dumps(stored_view(doc, reprints, story), ensure_ascii=False, indent=2) + "\n"
    )


def stored_view(doc: Document, reprints: list[str], story: list[str]) -> dict[str, Any]:
    data = doc.contract_dict()
    data["section"] = doc.section
    data["raw_format"] = doc.raw_format
    data["reprints"] = reprints
    data["story"] = story
    return data


@app.command()
def stats() -> None:
    """Counts of documents, entities, failures / сводка по базе."""
    db = store()
    summary = db.stats()
    db.close()
    out.print(f"documents / документов: {summary.documents}")
    out.print(f"entity mentions / упоминаний сущностей: {summary.entities}")
    out.print(f"failures / ошибок: {summary.failures}")
    table = Table("outlet / издание", "documents")
    for outlet, count in list(summary.by_outlet.items())[:15]:
        table.add_row(outlet, str(count))
    out.print(table)
    out.print("languages / языки: " + ", ".join(f"{k}: {v}" for k, v in summary.by_lang.items()))


@app.command()
def speakers(limit: int = typer.Option(50, "--limit", min=1)) -> None:
    """Who is quoted, under which position, first and last seen / кто и в какой должности."""
    db = store()
    rows = db.speakers(limit)
    db.close()
    table = Table("speaker / спикер", "role / должность", "first", "last", "documents")
    for row in rows:
        table.add_row(
            row.speaker,
            row.role or "—",
            row.first_seen or "—",
            row.last_seen or "—",
            str(row.count),
        )
    out.print(table if rows else "no quotes stored / цитат нет")


@app.command()
def conflicts(
    subject: str | None = typer.Option(
        None, help="Only this entity id / только по этому объекту (person:tokayev)"
    ),
    limit: int = typer.Option(200, min=1, help="At most this many / не больше"),
) -> None:
    """Two sources give different figures for one claim / расхождения в цифрах."""
    db = store()
    rows = db.conflicts(subject, limit)
    db.close()
    for row in rows:
        unit = f" {row.unit}" if row.unit else ""
        out.print(
            f"{row.subject} · {row.measure}{unit} · {row.kind} · {row.period}: "
            f"{row.first_value:g} ({row.first_source}, {row.first_doc}) ≠ "
            f"{row.second_value:g} ({row.second_source}, {row.second_doc})",
            highlight=False,
        )
        out.print(f"  {row.first_sentence}\n  {row.second_sentence}", highlight=False)
    if not rows:
        out.print("no conflicting figures / расхождений нет")


@app.command()
def failures() -> None:
    """Documents that failed, with stage and reason / документы с ошибками."""
    db = store()
    rows = db.failures()
    db.close()
    for failure in rows:
        sys.stdout.write(f"{failure.source}\t{failure.stage}\t{failure.reason}\n")


app.add_typer(eval_app, name="eval")
app.add_typer(search_app)
app.add_typer(web_app)
app.add_typer(collect_app)
app.add_typer(calendar_app)


def main() -> None:
    app()
