"""The store contract: every test taking `any_store` runs on SQLite and on PostgreSQL."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.records import Claim, Document, Entity, Failure
from narrascope.store.factory import open_store, resolve_db
from narrascope.store.protocol import SearchFilters
from narrascope.store.sql import documents as sql_store
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sqlite.schema import MIGRATIONS
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import BACKENDS, new_store


def make_doc(doc_id: str, text: str, **fields: object) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", raw=text, text=text, **fields)  # type: ignore[arg-type]


DOCS = [
    make_doc("a", "Казахстан называют средней державой.", title="О статусе"),
    make_doc("b", "Средняя держава ищет баланс между Россией и Китаем."),
    make_doc(
        "c",
        "Президент Токаев провёл переговоры.",
        entities=[
            Entity(
                text="Токаев",
                start=10,
                end=16,
                type="PER",
                normal="Токаев",
                id="per:tokaev",
                name="Касым-Жомарт Токаев",
            )
        ],
    ),
]


def test_schema_is_migrated_once(tmp_path: Path) -> None:
    path = str(tmp_path / "m.db")
    SqliteStore(path).close()
    store = SqliteStore(path)
    assert store.schema_version() == MIGRATIONS[-1][0]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_upsert_is_idempotent(any_store: SqlStore) -> None:
    store = any_store
    store.upsert(DOCS)
    before = store.conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
    store.upsert(DOCS)
    after = store.conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
    assert store.count() == 3
    assert [tuple(r) for r in before] == [tuple(r) for r in after]
    assert [hit.id for hit in store.search("переговоры")] == ["c"]  # indexed once
    assert store.stats().entities == 1


def test_get_round_trips_the_document(any_store: SqlStore) -> None:
    store = any_store
    store.upsert(DOCS)
    assert store.get("c") == DOCS[2]
    assert store.get("missing") is None


def test_inflected_query_finds_other_forms(any_store: SqlStore) -> None:
    store = any_store
    store.upsert(DOCS)
    assert {hit.id for hit in store.search("средней державы")} == {"a", "b"}
    assert [hit.id for hit in store.search("Токаеву")] == ["c"]


def test_search_prefers_all_words_then_falls_back_to_any(any_store: SqlStore) -> None:
    store = any_store
    store.upsert(DOCS)
    assert [hit.id for hit in store.search("держава Китай")] == ["b"]
    assert {hit.id for hit in store.search("держава переговоры")} == {"a", "b", "c"}


def test_only_the_latest_matches_after_filters_are_ranked(
    any_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = any_store
    outlets = ["old.kz", "old.kz", "new.kz", "new.kz"]
    store.upsert(
        [make_doc(f"d{i}", "Саммит ШОС в Астане.", outlet=o) for i, o in enumerate(outlets)]
    )
    monkeypatch.setattr(sql_store, "FTS_CANDIDATES", 2)
    assert {hit.id for hit in store.search("саммит")} == {"d2", "d3"}
    assert {hit.id for hit in store.search("саммит", filters=SearchFilters(outlet="old.kz"))} == {
        "d0",
        "d1",
    }
    assert {hit.id for hit in store.search("саммит ООН")} == {"d2", "d3"}  # any-word fallback


@pytest.fixture(scope="module", params=BACKENDS)
def searched(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SqlStore]:
    """A store holding DOCS, only searched (so one serves every generated query)."""
    store = new_store(request.param, request, tmp_path_factory.mktemp("searched"))
    store.upsert(DOCS)
    yield store
    store.close()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=300)
    | st.sampled_from(
        [
            '"',
            "(",
            "NEAR(",
            "*",
            "a AND OR NOT b",
            "x' OR 1=1 --",
            "col:term",
            "^start",
            "{a b}",
            "-x",
            "ё" * 5000,
        ]
    )
)
def test_no_query_crashes_search(searched: SqlStore, query: str) -> None:
    hits = searched.search(query)
    assert all(hit.id in {"a", "b", "c"} for hit in hits)


def test_failures_are_kept_once_and_cleared_by_success(any_store: SqlStore) -> None:
    store = any_store
    failure = Failure(source="a.txt", stage="ner", reason="boom", doc_id="a")
    store.upsert([], [failure])
    store.upsert([], [failure])
    assert store.failures() == [failure]
    store.upsert([DOCS[0]])
    assert store.failures() == []


def test_failed_batch_leaves_nothing_half_written(any_store: SqlStore) -> None:
    store = any_store
    store.upsert(DOCS[:1])
    broken = make_doc("z", "текст")
    broken.source = None  # type: ignore[assignment]
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        store.upsert([DOCS[1], broken])
    assert store.count() == 1


def test_open_store_resolves_urls_and_env(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NARRASCOPE_DB", str(tmp_path / "env.db"))
    assert resolve_db(None) == str(tmp_path / "env.db")
    store = open_store(f"sqlite:///{tmp_path}/sub/url.db")
    store.close()
    assert (tmp_path / "sub" / "url.db").exists()


def test_template_index_counts_distinct_documents_per_outlet(any_store: SqlStore) -> None:
    store = any_store
    templates = store.templates()
    for doc_id in ("1", "2", "2", "3"):
        templates.observe("Канал", doc_id, ["sig", f"body{doc_id}"])
    templates.observe("Другой", "9", ["sig"])
    assert templates.frequent("Канал", "3", ["sig", "body1", "missing"]) == {"sig"}
    assert templates.frequent("Канал", "2", ["sig"]) == frozenset()  # only "1" and "2" by then
    assert templates.frequent("Другой", "9", ["sig"]) == frozenset()


def test_speaker_registry(any_store: SqlStore) -> None:
    from narrascope.records import Quote

    def quoted(doc_id: str, published: str, role: str) -> Document:
        doc = make_doc(doc_id, "Токаев заявил, что визитов было много.", published=published)
        doc.quotes = [
            Quote(
                text="визитов было много",
                start=20,
                end=38,
                speaker="Касым-Жомарт Токаев",
                speaker_id="person:tokayev",
                speaker_span=(0, 6),
                role=role,
            )
        ]
        return doc

    any_store.upsert(
        [
            quoted("a", "2024-01-05", "президент"),
            quoted("b", "2024-03-01", "президент"),
            quoted("c", "2024-02-01", "глава государства"),
        ]
    )
    registry = {(s.role, s.first_seen, s.last_seen, s.count) for s in any_store.speakers()}
    assert registry == {
        ("президент", "2024-01-05", "2024-03-01", 2),
        ("глава государства", "2024-02-01", "2024-02-01", 1),
    }


def visits_claim(value: float, **fields: object) -> Claim:
    """A claim as the claims stage makes it: "23 зарубежных визита" in 2024, exact."""
    values: dict[str, object] = {
        "value": value, "counted": "визит", "subject": "Касым-Жомарт Токаев",
        "subject_id": "person:tokayev", "period": "2024", "approximate": False,
        "sentence": f"{value:g} зарубежных визита", "start": 0, "end": 2,
        "measure": "зарубежный визит · совершить", "kind": "total",
        "low": value - 0.5, "high": value + 0.5,
    }  # fmt: skip
    values.update(fields)
    return Claim(**values)  # type: ignore[arg-type]


def claimed(doc_id: str, outlet: str, *claims: Claim) -> Document:
    doc = make_doc(doc_id, "Токаев совершил 23 зарубежных визита.", outlet=outlet)
    doc.published = "2025-01-10"
    doc.claims = list(claims)
    return doc


def test_a_conflict_is_two_sources_on_one_subject_measure_kind_and_time(
    any_store: SqlStore,
) -> None:
    any_store.upsert(
        [
            claimed("akorda", "akorda.kz", visits_claim(23)),
            claimed("agency", "kazinform", visits_claim(25)),
            claimed("same", "kazinform", visits_claim(27)),  # the agency's own figure again
            claimed("rounded", "tengri", visits_claim(23.4)),  # 23 after rounding
            claimed("about", "zakon", visits_claim(24, bound="about", low=21.6, high=26.4)),
            claimed("change", "ktk", visits_claim(5, kind="change", low=4.5, high=5.5)),
            claimed("year", "ktk", visits_claim(19, period="2023", low=18.5, high=19.5)),
            claimed("list", "vlast", visits_claim(30), visits_claim(40)),  # two things, one key
        ]
    )
    found = {frozenset((c.first_doc, c.second_doc)) for c in any_store.conflicts()}
    assert found == {
        frozenset(pair)
        for pair in [("akorda", "agency"), ("akorda", "same"), ("rounded", "agency"),
                     ("rounded", "same"), ("about", "same")]
    }  # fmt: skip
    first = next(c for c in any_store.conflicts() if c.second_doc == "agency")
    assert (first.first_source, first.second_source, first.period) == (
        "akorda.kz", "kazinform", "2024",
    )  # fmt: skip
    assert any_store.conflicts("person:nobody") == []
    assert any_store.get("akorda").claims[0] == visits_claim(23)  # type: ignore[union-attr]


def test_a_quoted_claim_is_its_speakers_and_a_series_is_one_measure_over_time(
    any_store: SqlStore,
) -> None:
    any_store.upsert(
        [
            claimed("q1", "kazinform", visits_claim(23, speaker_id="person:smadiyarov")),
            claimed("q2", "kazinform", visits_claim(25)),
            claimed("y23", "akorda.kz", visits_claim(19, period="2023")),
        ]
    )
    assert [(c.first_source, c.second_source) for c in any_store.conflicts()] == [
        ("person:smadiyarov", "kazinform")
    ]
    (series,) = any_store.series("person:tokayev")
    assert (series.measure, series.kind) == ("зарубежный визит · совершить", "total")
    assert [(p.period, p.value, p.doc_id) for p in series.points] == [
        ("2023", 19, "y23"), ("2024", 23, "q1"), ("2024", 25, "q2"),
    ]  # fmt: skip


def test_an_author_is_kept_and_counted_as_a_person_of_the_document(any_store: SqlStore) -> None:
    """The byline is outside the text: the author's link round-trips, and the author is a
    mention of the document, so the entity lists and entity filters find the piece."""
    column = make_doc(
        "col",
        "Казахстан остаётся средней державой.",
        author="Мирас Жиенбаев",
        author_id="person:zhienbayev",
        author_role="руководитель программы MIND",
    )
    any_store.upsert([column, DOCS[0]])
    assert any_store.get("col") == column
    people = any_store.views().entities(None, 10, "PER")
    assert [(row.id, row.name) for row in people] == [("person:zhienbayev", "Мирас Жиенбаев")]
    by_author = any_store.views().documents(SearchFilters(entity="person:zhienbayev"), 10, 0)
    assert [row.id for row in by_author] == ["col"]


def test_scope_is_stored_filtered_and_replaced_by_retagging(any_store: SqlStore) -> None:
    """The labels "in" and "out" filter; a document never judged counts as in scope;
    `set_tags` replaces the decision and the themes; `tag_inputs` gives what re-tagging reads."""
    from narrascope.records import Passage, Scope, Theme

    judged_in = make_doc(
        "in", "Визит министра в Пекин.", scope=Scope(in_scope=True, score=0.9, reason="foreign")
    )
    judged_out = make_doc(
        "out", "Паводок в Костанае.", scope=Scope(in_scope=False, score=0.1, reason="domestic")
    )
    vector = np.arange(4, dtype=np.float32)
    judged_in.passages = [Passage(0, 10, vector)]
    any_store.upsert([judged_in, judged_out, make_doc("never", "Без решения.")])
    assert any_store.get("out") == judged_out

    def listed(scope: str | None) -> list[str]:
        rows = any_store.views().documents(SearchFilters(scope=scope), 10, 0)
        return sorted(row.id for row in rows)

    assert (listed("in"), listed("out"), listed(None)) == (
        ["in", "never"],
        ["out"],
        ["in", "never", "out"],
    )
    assert {row.id: row.scope for row in any_store.views().documents(None, 10, 0)} == {
        "in": "in",
        "out": "out",
        "never": None,
    }
    inputs = {doc.id: doc for doc in any_store.tag_inputs()}
    assert inputs["in"].embedding is not None and list(inputs["in"].embedding) == [0, 1, 2, 3]
    assert inputs["out"].embedding is None and inputs["out"].text == "Паводок в Костанае."
    theme = Theme(id="security", score=0.9, evidence=[(0, 5)])
    any_store.set_tags([("out", Scope(in_scope=True, score=0.7, reason="re-judged"), [theme])])
    assert listed("out") == []
    stored = any_store.get("out")
    assert stored is not None and stored.scope == Scope(
        in_scope=True, score=0.7, reason="re-judged"
    )
    assert stored.themes == [theme]
