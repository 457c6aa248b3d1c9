"""Pick a backend by URL: the one module that imports both, so neither imports it back."""

from __future__ import annotations

import os
from pathlib import Path

from narrascope.store.protocol import Store

DEFAULT_DB = "data/narrascope.db"
SERVER_SCHEMES = ("postgresql://", "postgres://")


def resolve_db(db: str | None) -> str:
    return db or os.environ.get("NARRASCOPE_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Store:
    target = resolve_db(db)
    if target.startswith(SERVER_SCHEMES):
        from narrascope.store.postgres.store import PgStore  # psycopg loads only when asked for

        return PgStore(target)
    from narrascope.store.sqlite.store import SqliteStore

    path = target.removeprefix("sqlite:///") if target.startswith("sqlite:///") else target
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteStore(path)
