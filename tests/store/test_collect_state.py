"""The collection state contract (queue, responses, cursors, engagement, alerts, daily counts),
run on SQLite and on PostgreSQL."""

from narrascope.records import Document, Engagement, Entity, Theme
from narrascope.store.sql.collect import Alert, StoredResponse
from narrascope.store.sql.documents import SqlStore


def test_queue_moves_items_and_counts_each_url_once(any_store: SqlStore) -> None:
    state = any_store.collection()
    items = [("https://a.kz/1", {"title": "Один"}), ("https://a.kz/2", {})]
    assert state.enqueue("a", items) == 2
    assert state.enqueue("a", [*items, ("https://a.kz/3", {"n": 3})]) == 1
    assert state.known(["https://a.kz/1", "https://b.kz/9"]) == {"https://a.kz/1"}
    assert [item.url for item in state.queued("new", 10)] == [
        "https://a.kz/1",
        "https://a.kz/2",
        "https://a.kz/3",
    ]
    assert state.queued("new", 1)[0].meta == {"title": "Один"}
    state.mark(["https://a.kz/1"], "done")
    assert state.count("new") == 2 and state.count("done") == 1


def test_transient_failures_are_retried_then_given_up(any_store: SqlStore) -> None:
    state = any_store.collection()
    state.enqueue("a", [("https://a.kz/x", {}), ("https://a.kz/y", {})])
    assert state.fail("https://a.kz/y", "HTTP 404", transient=False) is True
    assert state.fail("https://a.kz/x", "timeout", transient=True) is False
    state.requeue_retries()
    assert [item.url for item in state.queued("new", 10)] == ["https://a.kz/x"]
    assert state.fail("https://a.kz/x", "timeout", transient=True) is False
    assert state.fail("https://a.kz/x", "timeout", transient=True) is True
    assert state.count("failed") == 2


def test_responses_and_source_cursors_are_replaced_not_added(any_store: SqlStore) -> None:
    state = any_store.collection()
    state.enqueue("a", [("https://a.kz/1", {})])
    body = "Текст статьи 100%".encode()
    first = StoredResponse(
        url="https://a.kz/1?amp",
        content_type="text/html",
        etag='"v1"',
        last_modified=None,
        body=b"x",
    )
    state.save_response("https://a.kz/1", first, "fetched")
    second = StoredResponse(
        url="https://a.kz/1", content_type="text/html", etag='"v2"', last_modified="Mon", body=body
    )
    state.save_response("https://a.kz/1", second, None)
    assert state.response("https://a.kz/1") == second
    assert state.response("https://a.kz/none") is None
    assert state.count("fetched") == 1
    state.set_source_state("tg", {"last_id": 5})
    state.set_source_state("tg", {"last_id": 9, "pages": ["?before=105"]})
    assert state.source_state("tg") == {"last_id": 9, "pages": ["?before=105"]}
    assert state.source_state("other") == {}


def test_engagement_keeps_only_changes(any_store: SqlStore) -> None:
    state = any_store.collection()
    assert state.record_engagement([("p1", Engagement(views=10))]) == 1
    assert state.record_engagement([("p1", Engagement(views=10))]) == 0
    history = state.engagement("p1")
    assert [seen for _, seen in history] == [Engagement(views=10)]


def day_doc(doc_id: str, day: str, outlet: str, entity: str) -> Document:
    text = f"{entity} выступил с заявлением."
    return Document(
        id=doc_id,
        source=doc_id,
        text=text,
        outlet=outlet,
        published=f"{day}T09:00:00",
        entities=[
            Entity(
                text=entity,
                start=0,
                end=len(entity),
                type="PER",
                normal=entity,
                id=entity,
                name=entity,
            )
        ],
        themes=[Theme(id="mediation", score=0.8, evidence=[])],
    )


def test_daily_counts_first_mentions_and_alerts(any_store: SqlStore) -> None:
    any_store.upsert(
        [
            day_doc("1", "2024-11-26", "A", "per:old"),
            day_doc("2", "2024-11-27", "A", "per:old"),
            day_doc("3", "2024-11-27", "B", "per:new"),
            day_doc("4", "2024-11-27", "C", "per:new"),
        ]
    )
    state = any_store.collection()
    counts = sorted(state.daily_counts("entity", "2024-11-26", "2024-11-27"))
    assert counts == [
        ("per:new", "per:new", "2024-11-27", 2, 2),
        ("per:old", "per:old", "2024-11-26", 1, 1),
        ("per:old", "per:old", "2024-11-27", 1, 1),
    ]
    themes = sorted(state.daily_counts("theme", "2024-11-26", "2024-11-27"))
    assert [row[2:] for row in themes] == [("2024-11-26", 1, 1), ("2024-11-27", 3, 3)]
    assert list(state.first_mentions("2024-11-27")) == [("per:new", "per:new", 2)]
    alert = Alert(
        id="entity:per:new:2024-11-27",
        kind="new_entity",
        key="per:new",
        label="per:new",
        day="2024-11-27",
        count=2,
        baseline=0.0,
        z=None,
        outlets=2,
    )
    assert [a.id for a in state.add_alerts([alert])] == [alert.id]
    assert state.add_alerts([alert]) == []
    state.mark_delivered([alert.id])
    stored = state.alerts(since="2024-11-01")
    assert [a.key for a in stored] == ["per:new"] and stored[0].delivered_at is not None
    assert state.alerts(since="2024-12-01") == []
