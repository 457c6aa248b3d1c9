"""Read inputs (files, directories, stdin, gzip, JSON Lines) into raw `Document` records.

Every input becomes either a Document carrying the decoded raw content, or a Failure naming the
input and the reason; one bad file never stops the others.
"""

from __future__ import annotations

import io
import json
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from narrascope import jsonlines
from narrascope.ids import document_id
from narrascope.ingest.telegram_export import parse_export
from narrascope.records import Document, Failure

STAGE = "ingest"
MAX_INPUT_BYTES = 64 * 1024 * 1024  # one file read whole (not JSON Lines): larger is refused
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}  # Telegram Desktop exports (result.json)
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
# Encodings we expect besides UTF-8; charset-normalizer arbitrates between them.
CYRILLIC_LEGACY = ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"]


class InputError(ValueError):
    """An input that cannot be read; the message says why."""


@dataclass(slots=True)
class ReadProgress:
    """How far reading has got: filled in while the inputs are read, for a progress bar."""

    total_bytes: int | None = None  # of the files named, on disk; None when stdin is read
    bytes_read: int = 0  # on disk (compressed bytes for gzip)
    lines: int = 0  # JSON Lines lines read


def read_inputs(
    paths: list[str], input_format: str = "auto", progress: ReadProgress | None = None
) -> Iterator[Document | Failure]:
    reading = progress if progress is not None else ReadProgress()
    targets = list(_targets(paths))
    files = [target for target in targets if isinstance(target, Path)]
    reading.total_bytes = None if "-" in targets else sum(_size(file) for file in files)
    for target in targets:
        if isinstance(target, Failure):
            yield target
        elif isinstance(target, Path):
            done = reading.bytes_read
            yield from _read_file(target, input_format, reading)
            reading.bytes_read = done + _size(target)
        else:
            yield from _read_stream("<stdin>", sys.stdin.buffer, input_format, reading)


def _targets(paths: list[str]) -> Iterator[Path | str | Failure]:
    for path in paths:
        if path == "-":
            yield path
        elif Path(path).is_dir():
            for file in sorted(Path(path).rglob("*")):
                if file.is_file() and _is_known(file) and not _is_hidden(file, Path(path)):
                    yield file
        elif Path(path).exists():
            yield Path(path)
        else:
            yield Failure(source=path, stage=STAGE, reason="no such file or directory")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_known(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in KNOWN_SUFFIXES


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(
    path: Path, input_format: str, reading: ReadProgress
) -> Iterator[Document | Failure]:
    with path.open("rb") as stream:
        yield from _read_stream(str(path), stream, input_format, reading)


def _read_stream(
    source: str, stream: BinaryIO, input_format: str, reading: ReadProgress
) -> Iterator[Document | Failure]:
    if named_kind(source, input_format) == "jsonl":
        yield from stream_jsonl(source, stream, reading)
        return
    try:
        data = read_bytes(stream)
        content = decode(data)
    except (InputError, OSError, EOFError, zlib.error) as error:
        yield Failure(source=source, stage=STAGE, reason=str(error) or type(error).__name__)
        return
    kind = input_kind(source, content, input_format)
    if kind == "telegram":
        yield from parse_export(source, content)
    else:
        yield from _single(source, content, kind)


def read_bytes(stream: BinaryIO) -> bytes:
    return inflate(stream.read(MAX_INPUT_BYTES + 1))


def inflate(data: bytes) -> bytes:
    """The bytes, gunzipped when they are gzip; refused past the size cap either way."""
    if data[:2] == jsonlines.GZIP_MAGIC:
        data = gunzip(data)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    return data


def gunzip(data: bytes) -> bytes:
    """Decompress every gzip member, stopping past the size cap (a gzip bomb is refused)."""
    out = bytearray()
    while data and len(out) <= MAX_INPUT_BYTES:
        inflater = zlib.decompressobj(wbits=31)
        out += inflater.decompress(data, MAX_INPUT_BYTES + 1 - len(out))
        if not inflater.eof:
            if len(out) > MAX_INPUT_BYTES:
                break
            raise InputError("truncated gzip stream")
        data = inflater.unused_data
    return bytes(out)


def decode(data: bytes) -> str:
    """UTF-8 when it decodes, else the best of the legacy Cyrillic code pages."""
    if not data.strip():
        raise InputError("empty input")
    if b"\x00" in data[:8192]:
        raise InputError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CYRILLIC_LEGACY).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable bytes: not UTF-8, cp1251 or koi8-r text")
    return str(best)


def named_kind(source: str, input_format: str) -> str | None:
    """The kind the format option or the file name gives; None when the content decides."""
    if input_format != "auto":
        return input_format
    suffix = Path(source.lower().removesuffix(".gz")).suffix
    for kind, suffixes in (
        ("jsonl", JSONL_SUFFIXES),
        ("telegram", JSON_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    return None


def input_kind(source: str, content: str, input_format: str) -> str:
    named = named_kind(source, input_format)
    if named is not None:
        return named
    start = content.lstrip()[:200].lower()
    return "html" if start.startswith(("<!doctype html", "<html")) else "text"


def _single(source: str, content: str, kind: str) -> Iterator[Document]:
    raw_format = "html" if kind == "html" else "text"
    yield Document(id=document_id(None, content), source=source, raw=content, raw_format=raw_format)


def stream_jsonl(
    source: str, stream: BinaryIO, reading: ReadProgress | None = None, whole_file: bool = True
) -> Iterator[Document | Failure]:
    """One document or one named failure per line, read one line at a time (gzip or not).

    A whole file is also refused once when it is binary or empty; lines already in memory
    (`whole_file=False`) only ever fail by line."""
    reading = reading if reading is not None else ReadProgress()
    start, lines_before, number = reading.bytes_read, reading.lines, 0
    try:
        for line in jsonlines.lines(jsonlines.opened(stream)):
            first, number = number == 0, line.number
            reading.lines = lines_before + number
            reading.bytes_read = start + _position(stream, reading.bytes_read - start)
            if whole_file and first and line.data is not None and b"\x00" in line.data[:8192]:
                yield Failure(source=source, stage=STAGE, reason="binary content (NUL bytes)")
                return
            yield json_line(f"{source}:{number}", line.data, number == 1)
    except (OSError, EOFError, zlib.error) as error:
        reason = f"{str(error) or type(error).__name__} (after line {number})"
        yield Failure(source=source, stage=STAGE, reason=reason)
        return
    if number == 0 and whole_file:
        yield Failure(source=source, stage=STAGE, reason="empty input")


def _position(stream: BinaryIO, fallback: int) -> int:
    try:
        return stream.tell()
    except OSError:  # a pipe
        return fallback


def json_line(where: str, data: bytes | None, first: bool = False) -> Document | Failure:
    if data is None:
        limit = jsonlines.LINE_LIMIT // (1024 * 1024)
        return Failure(source=where, stage=STAGE, reason=f"line longer than {limit} MB")
    try:
        try:
            text = jsonlines.decode_line(data, first)
        except UnicodeDecodeError:
            text = decode(data)  # not UTF-8 as the format asks: the legacy code pages
        return document_from_json(where, json.loads(text))
    except (InputError, ValueError, TypeError) as error:
        return Failure(source=where, stage=STAGE, reason=f"{type(error).__name__}: {error}")


def parse_jsonl(source: str, content: str) -> Iterator[Document | Failure]:
    """JSON Lines already in memory (lines end at "\\n" only)."""
    yield from stream_jsonl(source, io.BytesIO(content.encode("utf-8")), whole_file=False)


def document_from_json(source: str, record: Any) -> Document:
    if not isinstance(record, dict):
        raise InputError("a JSON line must be an object")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise InputError("no 'text' or 'html' field with content")
    url = _optional_str(record, "url")
    published = _optional_str(record, "published")
    given_id = record.get("id")
    doc_id = str(given_id) if given_id not in (None, "") else document_id(url, body)
    return Document(
        id=doc_id,
        source=source,
        url=url,
        title=_optional_str(record, "title"),
        published=published,
        date_source="source" if published else None,
        outlet=_optional_str(record, "outlet"),
        author=_optional_str(record, "author"),
        raw=body,
        raw_format="html" if body is html else "text",
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string")
    return value
