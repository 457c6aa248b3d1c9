"""Reports of one event share one event_id: a plan and its happening, two outlets' reports;
another meeting the same day, or a year's summary, stay apart."""

from narrascope.dedup.events import GroupEvents, MemoryEvents
from narrascope.records import Document, Event


def report(doc_id: str, published: str, **fields: object) -> Document:
    event = Event(
        **{
            "type": "visit",
            "kind": "visit",
            "status": "happened",
            "date": published[:10],
            "participants": ["person:putin"],
            "place": "country:kz",
            "text": "…",
            "start": 0,
            "end": 1,
            **fields,
        }  # type: ignore[arg-type]
    )
    return Document(id=doc_id, source=doc_id, text="…", published=published, events=[event])


def grouped(docs: list[Document]) -> list[str | None]:
    stage = GroupEvents(MemoryEvents())
    return [stage.apply(doc).events[0].event_id for doc in docs]


def test_a_plan_and_the_reports_that_it_happened_are_one_event() -> None:
    ids = grouped(
        [
            report("announced", "2024-11-25", type="announcement", status="planned",
                   date="2024-11-27", participants=["person:putin", "person:tokayev"]),
            report("arrived", "2024-11-27"),
            report("elsewhere", "2024-11-27", place="city:astana"),
            report("next-day", "2024-11-28", date="2024-11-27"),
        ]
    )  # fmt: skip
    assert len(set(ids)) == 1 and ids[0] is not None


def test_other_meetings_other_places_and_a_whole_year_stay_apart() -> None:
    ids = grouped(
        [
            report("talks", "2024-11-27", kind="talks", type="talks",
                   participants=["person:putin", "person:tokayev"]),
            report("governor", "2024-11-27", kind="talks", type="talks",
                   participants=["person:putin", "per:governor"]),
            report("india", "2024-11-27", place="country:in"),
            report("kz", "2024-11-27"),
            report("year", "2024-11-28", date="2024"),
        ]
    )  # fmt: skip
    assert len(set(ids)) == 5


def test_regrouping_the_same_reports_keeps_their_ids() -> None:
    index = MemoryEvents()
    docs = [report("a", "2024-11-27"), report("b", "2024-11-27")]
    first = [GroupEvents(index).apply(doc).events[0].event_id for doc in docs]
    again = [GroupEvents(index).apply(doc).events[0].event_id for doc in docs]
    assert first == again and first[0] == first[1]
