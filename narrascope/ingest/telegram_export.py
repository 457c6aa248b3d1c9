"""Telegram Desktop exports ("Export chat history" → JSON, the file `result.json`) as documents.

One document per text message of the channel: id `tg-<channel id>-<message id>` (the same id
whatever file or folder it is read from, so re-importing stores nothing twice), the channel as
outlet, the UTC time from `date_unixtime`, `forwarded_from` as given, views and forwards when
present. Rich text (a list of plain
strings and `{type, text}` pieces: bold, links, mentions, hashtags) becomes its plain text.
Service messages (pins, joins) and posts with no text (a photo alone) are not documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from narrascope.records import Document, Engagement, Failure

STAGE = "ingest"


class ExportError(ValueError):
    """A file or message that is not what a Telegram Desktop export holds."""


def is_export(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("messages"), list)


def parse_export(source: str, content: str) -> Iterator[Document | Failure]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        yield Failure(source=source, stage=STAGE, reason=f"invalid JSON: {error}")
        return
    if not is_export(data):
        reason = "a JSON file that is not a Telegram Desktop export (no 'messages' list)"
        yield Failure(source=source, stage=STAGE, reason=reason)
        return
    channel = data.get("name") if isinstance(data.get("name"), str) else None
    channel_id = data.get("id")
    for index, message in enumerate(data["messages"]):
        where = f"{source}#{message.get('id', index) if isinstance(message, dict) else index}"
        try:
            doc = message_document(where, message, channel, channel_id)
        except (ExportError, ValueError, TypeError, OverflowError) as error:
            yield Failure(source=where, stage=STAGE, reason=f"{type(error).__name__}: {error}")
            continue
        if doc is not None:
            yield doc


def message_document(
    source: str, message: Any, channel: str | None, channel_id: Any
) -> Document | None:
    if not isinstance(message, dict):
        raise ExportError("a message must be an object")
    if message.get("type") != "message":
        return None
    text = plain_text(message.get("text", ""))
    if not text.strip():
        return None
    if "id" not in message:
        raise ExportError("a message without an id")
    forwarded = message.get("forwarded_from")
    return Document(
        id=f"tg-{channel_id}-{message['id']}" if channel_id is not None else f"tg-{message['id']}",
        source=source,
        outlet=channel,
        published=published(message),
        date_source="source",
        forwarded_from=forwarded if isinstance(forwarded, str) else None,
        raw=text,
        raw_format="text",
        engagement=engagement(message),
    )


def engagement(message: dict[str, Any]) -> Engagement | None:
    """Views and forwards when the export carries them (channel exports of recent clients)."""
    counts = {key: message.get(key) for key in ("views", "forwards")}
    if not any(isinstance(value, int) for value in counts.values()):
        return None
    return Engagement(**{k: v if isinstance(v, int) else None for k, v in counts.items()})


def plain_text(text: Any) -> str:
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        raise ExportError("message text is neither a string nor a list of pieces")
    pieces = []
    for piece in text:
        if isinstance(piece, str):
            pieces.append(piece)
        elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
            pieces.append(piece["text"])
        else:
            raise ExportError("a piece of message text without 'text'")
    return "".join(pieces)


def published(message: dict[str, Any]) -> str:
    """UTC from `date_unixtime` (exports since 2021); `date` alone is the exporter's local time."""
    if message.get("date_unixtime") is not None:
        moment = datetime.fromtimestamp(int(message["date_unixtime"]), UTC)
        return moment.isoformat()
    date = message.get("date")
    if not isinstance(date, str):
        raise ExportError("a message without a date")
    return datetime.fromisoformat(date).isoformat()
