"""What every CLI module shares: the consoles and the database chosen with --db."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from narrascope.nlp.themepack import ThemePack, ThemePackError, load_pack
from narrascope.records import Failure
from narrascope.store.factory import SERVER_SCHEMES, open_store, resolve_db
from narrascope.store.protocol import Store, StoreUnavailable

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
state: dict[str, str | None] = {"db": None, "themes": None}


def store() -> Store:
    try:
        return open_store(state["db"])
    except StoreUnavailable as error:
        err.print(f"[red]error[/red]: {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from error


def existing_store() -> Store | None:
    """The database when it already exists (a server's always does); `analyze` reads it but never
    creates a file."""
    target = resolve_db(state["db"])
    path = target.removeprefix("sqlite:///")
    return store() if target.startswith(SERVER_SCHEMES) or Path(path).exists() else None


def theme_pack() -> ThemePack:
    """The pack named by --themes (or NARRASCOPE_THEMES), else the bundled one; exit 2 if bad."""
    path = state["themes"]
    try:
        return load_pack(Path(path) if path else None)
    except ThemePackError as error:
        err.print(f"[red]error[/red]: {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from error


def report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        err.print(
            f"[red]error[/red]: {escape(failure.source)}: {escape(f'[{failure.stage}]')} "
            f"{escape(failure.reason)}",
            highlight=False,
        )


class ScopeChoice(StrEnum):
    in_ = "in"
    out = "out"


SCOPE = typer.Option(
    None,
    "--scope",
    help="in: about foreign policy, out: domestic / о внешней политике (in) или нет (out)",
)
