"""Telegram Desktop exports (result.json): text messages become documents, the rest is named."""

import json
from pathlib import Path

from narrascope.ingest.files import read_inputs
from narrascope.ingest.telegram_export import parse_export
from narrascope.records import Document, Engagement, Failure
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "telegram" / "result.json"


def test_text_messages_become_documents_with_channel_time_and_forward() -> None:
    items = list(read_inputs([str(EXPORT)]))
    docs = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [doc.id for doc in docs] == [
        "tg-1001234567890-9002",
        "tg-1001234567890-9003",
        "tg-1001234567890-9005",
    ]  # the pin (service) and the photo without text are not documents
    first, forwarded, reply = docs
    assert first.outlet == "Tengrinews.kz" and first.published == "2025-10-20T09:05:00+00:00"
    assert first.date_source == "source" and first.source.endswith("result.json#9002")
    assert first.raw == (
        "Касым-Жомарт Токаев провёл переговоры с президентом Узбекистана Шавкатом Мирзиёевым. "
        "Стороны договорились расширить транспортное сотрудничество в рамках Транскаспийского"
        " маршрута. Подробнее #Казахстан"
    )
    assert forwarded.forwarded_from == "Akorda Press" and first.forwarded_from is None
    assert first.engagement == Engagement(views=15400, forwards=37) and reply.engagement is None
    assert reply.raw and reply.raw.startswith("@tengrinews Товарооборот")
    assert [(f.source.rsplit("#", 1)[1], f.reason) for f in failures] == [
        ("9006", "ExportError: a message without a date")
    ]


def test_a_json_file_that_is_no_export_is_named(tmp_path: Path) -> None:
    other = tmp_path / "config.json"
    other.write_text(json.dumps({"settings": []}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"messages": [', encoding="utf-8")
    reasons = {
        Path(f.source).name: f.reason
        for f in read_inputs([str(tmp_path)])
        if isinstance(f, Failure)
    }
    assert "not a Telegram Desktop export" in reasons["config.json"]
    assert reasons["broken.json"].startswith("invalid JSON")


def test_message_pieces_that_are_not_text_are_named() -> None:
    content = json.dumps(
        {
            "id": 1,
            "messages": [
                {
                    "id": 5,
                    "type": "message",
                    "date": "2025-10-20T10:00:00",
                    "text": [{"type": "bold"}],
                },
                "not a message",
            ],
        }
    )
    failures = [item for item in parse_export("x.json", content) if isinstance(item, Failure)]
    assert [f.source for f in failures] == ["x.json#5", "x.json#1"]
    assert "without 'text'" in failures[0].reason and "must be an object" in failures[1].reason
