"""JSON Lines as the format defines them: one JSON value per line, and a line ends at "\\n" only.

`str.splitlines` also breaks at U+2028, U+2029 and U+0085, which are valid unescaped inside a
JSON string (scraped HTML and text carry them), so it cuts a record in two. Every reader here
splits the bytes at b"\\n" and decodes each line by itself, reading a stream (plain or gzip) one
line at a time: a dump of any size is read in bounded memory. Writers escape those separators,
so even a reader that splits on them gets whole lines.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

LINE_LIMIT = 64 * 1024 * 1024  # one record; a longer line is skipped as one named failure
GZIP_MAGIC = b"\x1f\x8b"
_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
_SEPARATOR_TABLE = str.maketrans(_SEPARATORS)


@dataclass(slots=True, frozen=True)
class Line:
    number: int  # 1-based
    data: bytes | None  # None: longer than the limit, skipped


def opened(stream: BinaryIO) -> BinaryIO:
    """The stream itself, or its decompressed content when it starts as gzip (any members)."""
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(cast(Any, stream))
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return cast(BinaryIO, gzip.GzipFile(fileobj=buffered, mode="rb"))
    return cast(BinaryIO, buffered)


def lines(stream: BinaryIO, limit: int | None = None) -> Iterator[Line]:
    """Non-blank lines, each without its end of line; never holds more than one line."""
    limit = LINE_LIMIT if limit is None else limit
    number = 0
    while chunk := stream.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Line(number, None)
            continue
        if chunk.strip():
            yield Line(number, chunk.rstrip(b"\r\n"))


def decode_line(data: bytes, first: bool = False) -> str:
    """UTF-8, as JSON Lines prescribes (a byte-order mark may open the first line)."""
    return data.decode("utf-8-sig" if first else "utf-8")


def records(path: Path) -> Iterator[Any]:
    """Every value of a JSON Lines file (gzip or not), in order; a bad line raises, naming it."""
    with path.open("rb") as raw:
        stream = opened(raw)
        for line in lines(stream):
            if line.data is None:
                raise ValueError(f"{path}:{line.number}: longer than {LINE_LIMIT} bytes")
            try:
                yield json.loads(decode_line(line.data, line.number == 1))
            except ValueError as error:
                raise ValueError(f"{path}:{line.number}: {error}") from error


def dumps(value: Any) -> str:
    """One JSON line: UTF-8 kept readable, the Unicode line separators escaped."""
    return json.dumps(value, ensure_ascii=False).translate(_SEPARATOR_TABLE)
