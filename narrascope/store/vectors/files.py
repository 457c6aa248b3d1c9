"""An index file and its JSON description beside the database, read and replaced as a pair."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

Loaded = TypeVar("Loaded")


@dataclass(frozen=True, slots=True)
class IndexFiles:
    data: Path
    meta: Path

    def read(self, parse: Callable[[Path, dict[str, Any]], Loaded]) -> Loaded | None:
        """`parse(data path, description)`; None when a file is missing or damaged (the caller
        then builds the index again from the table)."""
        if not (self.data.exists() and self.meta.exists()):
            return None
        try:
            return parse(self.data, json.loads(self.meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, RuntimeError):
            return None

    def write(self, write_data: Callable[[str], None], meta: dict[str, Any]) -> None:
        """Both files written aside, then moved into place."""
        write_data(f"{self.data}.tmp")
        Path(f"{self.meta}.tmp").write_text(json.dumps(meta), encoding="utf-8")
        os.replace(f"{self.data}.tmp", self.data)
        os.replace(f"{self.meta}.tmp", self.meta)
