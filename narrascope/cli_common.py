"""What every CLI module shares: the consoles and the database chosen with --db."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from narrascope.store import Store, open_store, resolve_db

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
state: dict[str, str | None] = {"db": None}


def store() -> Store:
    return open_store(state["db"])


def existing_store() -> Store | None:
    """The database when it already exists; `analyze` reads it but never creates one."""
    target = resolve_db(state["db"])
    path = target.removeprefix("sqlite:///")
    return open_store(target) if Path(path).exists() else None
