"""Alerts on real posts: Russian channels about Kazakhstan, quiet for a month until Putin's
state visit to Astana on 27 November 2024 (30 posts that day)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope import service
from narrascope.cli.main import app
from narrascope.collect.alerts import detect_alerts, post_alerts
from narrascope.collect.sources import AlertSettings
from narrascope.ingest.files import read_inputs
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import SHARED
from tests.sites import SiteServer

pytestmark = pytest.mark.slow

POSTS = SHARED / "eval" / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
WORDS = ("Казахстан", "Токаев", "Астан")


@pytest.fixture(scope="module")
def visit_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("alerts")
    posts = folder / "posts.jsonl"
    with gzip.open(POSTS, "rt", encoding="utf-8") as lines, posts.open("w") as out:
        for line in lines:
            post = json.loads(line)
            if "2024-10-20" <= post["date"][:10] <= "2024-11-27" and any(
                word in post["text"] for word in WORDS
            ):
                record = {"id": post["id"], "text": post["text"], "published": post["date"]}
                out.write(json.dumps({**record, "outlet": post["source"]}) + "\n")
    db = folder / "visit.db"
    store = SqliteStore(str(db))
    service.ingest(read_inputs([str(posts)]), store)
    store.close()
    return db


def test_the_state_visit_is_a_spike_of_putin_kazakhstan_and_tokayev(visit_db: Path) -> None:
    store = SqliteStore(str(visit_db))
    alerts = detect_alerts(store.collection(), AlertSettings(), day="2024-11-27")
    by_label = {(alert.kind, alert.label): alert for alert in alerts}
    kazakhstan = by_label[("entity", "Казахстан")]
    assert kazakhstan.count >= 10 and kazakhstan.z is not None and kazakhstan.z >= 3.0
    assert kazakhstan.outlets >= 5 and kazakhstan.baseline < 2.0
    assert ("entity", "Касым-Жомарт Токаев") in by_label
    assert ("speaker", "Владимир Путин") in by_label  # his quotes, not only his name
    assert all(alert.day == "2024-11-27" and alert.count >= 5 for alert in alerts)
    mentioned = store.conn.execute(
        "SELECT count(DISTINCT d.id) FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid"
        " WHERE m.entity_id = ? AND d.published LIKE '2024-11-27%' AND d.duplicate_of IS NULL",
        (kazakhstan.key,),
    ).fetchone()[0]
    assert kazakhstan.count == mentioned
    store.close()


def test_a_quiet_day_raises_no_spike(visit_db: Path) -> None:
    store = SqliteStore(str(visit_db))
    quiet = detect_alerts(store.collection(), AlertSettings(), day="2024-11-13")
    assert [alert for alert in quiet if alert.kind != "new_entity"] == []
    store.close()


def test_alerts_are_stored_once_and_posted_to_the_webhook(
    visit_db: Path, site: SiteServer, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(visit_db.read_bytes())
    runner = CliRunner()
    hook = f"{site.base}/hook"
    first = runner.invoke(
        app, ["--db", str(db), "alerts", "--day", "2024-11-27", "--webhook", hook]
    )
    assert first.exit_code == 0, first.output
    assert "entity     Казахстан" in first.output
    [payload] = site.log.hooks
    assert payload["source"] == "narrascope"
    assert any(alert["label"] == "Казахстан" for alert in payload["alerts"])
    again = runner.invoke(
        app, ["--db", str(db), "alerts", "--day", "2024-11-27", "--webhook", hook]
    )
    assert again.exit_code == 0 and "0 new alerts" in again.output
    assert len(site.log.hooks) == 1  # nothing new, nothing posted
    store = SqliteStore(str(db))
    stored = store.collection().alerts()
    assert stored and all(alert.delivered_at for alert in stored)
    store.close()


def test_an_unreachable_webhook_is_reported() -> None:
    problem = post_alerts("http://127.0.0.1:9/hook", [], "narrascope-test")
    assert problem is not None and "ConnectError" in problem


def test_alerts_page_and_api_link_each_alert_to_its_documents(
    visit_db: Path, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app

    db = tmp_path / "ui.db"
    db.write_bytes(visit_db.read_bytes())
    store = SqliteStore(str(db))
    state = store.collection()
    state.add_alerts(detect_alerts(state, AlertSettings(), day="2024-11-27"))
    store.close()
    with TestClient(create_app(str(db))) as client:
        listed = client.get("/api/alerts").json()
        assert {"Казахстан", "Касым-Жомарт Токаев"} <= {alert["label"] for alert in listed}
        page = client.get("/alerts?ui=en").text
        assert "/?since=2024-11-27&amp;until=2024-11-27&amp;entity=country%3Akz" in page
        assert "speaker&#39;s quotes" in page or "speaker's quotes" in page
        csv = client.get("/api/alerts?format=csv")
        assert csv.status_code == 200 and "Казахстан" in csv.text
