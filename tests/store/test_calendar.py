"""The calendar contract, on SQLite and PostgreSQL: reports stored and grouped through the
store's own index, read back as events with their reports, filtered, replaced by retagging."""

from narrascope.dedup.events import GroupEvents
from narrascope.records import Document, Entity, Event
from narrascope.store.calendar import CalendarFilters
from narrascope.store.sql.documents import SqlStore

PUTIN = Entity(
    text="Путин", start=0, end=5, type="PER", normal="Путин", id="person:putin",
    name="Владимир Путин",
)  # fmt: skip


def report(doc_id: str, published: str, text: str, **fields: object) -> Document:
    event = Event(
        **{
            "type": "visit",
            "kind": "visit",
            "status": "happened",
            "date": published[:10],
            "participants": ["person:putin"],
            "place": "country:kz",
            "text": text,
            "start": 0,
            "end": len(text),
            **fields,
        }  # type: ignore[arg-type]
    )
    return Document(
        id=doc_id, source=doc_id, raw=text, text=text, published=published, outlet="t.me/x",
        entities=[PUTIN], events=[event],
    )  # fmt: skip


ANNOUNCED = report(
    "announced", "2024-11-25", "Путин прибудет в Казахстан с государственным визитом 27 ноября",
    type="announcement", status="planned", date="2024-11-27",
)  # fmt: skip
ARRIVED = report("arrived", "2024-11-27", "Путин прилетел в Казахстан с государственным визитом")
SIGNED = report(
    "signed", "2024-11-27", "Путин подписал совместное заявление", type="agreement",
    kind="agreement", title="совместное заявление", place=None,
)  # fmt: skip


def ingest(store: SqlStore, docs: list[Document]) -> None:
    stage = GroupEvents(store.events())
    store.upsert([stage.apply(doc) for doc in docs])


def test_a_planned_visit_becomes_one_that_happened(any_store: SqlStore) -> None:
    ingest(any_store, [ANNOUNCED])
    ingest(any_store, [ARRIVED, SIGNED])  # a later batch meets the stored report
    visit, signed = sorted(any_store.calendar(), key=lambda e: e.kind, reverse=True)
    assert (visit.kind, visit.status, visit.date) == ("visit", "happened", "2024-11-27")
    assert [r.doc_id for r in visit.reports] == ["announced", "arrived"]
    assert [r.status for r in visit.reports] == ["planned", "happened"]
    assert visit.names["person:putin"] == "Владимир Путин"
    assert (signed.kind, signed.titles) == ("agreement", ["совместное заявление"])


def test_the_calendar_is_filtered_by_days_entity_and_type(any_store: SqlStore) -> None:
    ingest(any_store, [ANNOUNCED, ARRIVED, SIGNED])
    calendar = any_store.calendar
    assert len(calendar(CalendarFilters(since="2024-11-27", until="2024-11-27"))) == 2
    assert calendar(CalendarFilters(until="2024-11-20")) == []
    assert len(calendar(CalendarFilters(entity="person:putin"))) == 2
    assert calendar(CalendarFilters(entity="person:tokayev")) == []
    assert [e.kind for e in calendar(CalendarFilters(kind="agreement"))] == ["agreement"]
    assert [e.kind for e in calendar(CalendarFilters(kind="announcement"))] == ["visit"]


def test_storing_again_or_retagging_replaces_a_documents_events(any_store: SqlStore) -> None:
    ingest(any_store, [ANNOUNCED, ARRIVED])
    first = [(e.event_id, len(e.reports)) for e in any_store.calendar()]
    ingest(any_store, [ANNOUNCED, ARRIVED])
    assert [(e.event_id, len(e.reports)) for e in any_store.calendar()] == first
    any_store.set_events([Document(id="arrived", source="arrived", events=[])])
    (visit,) = any_store.calendar()
    assert [r.doc_id for r in visit.reports] == ["announced"]
    assert visit.status == "planned"
