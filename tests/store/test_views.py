"""The analyst's read views, checked against the stored documents themselves (examples corpus
plus the hostile-markup fixture, whose content is known), on SQLite and on a PostgreSQL copy."""

import shutil
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from narrascope.records import Claim, Document
from narrascope.store.postgres.store import PgStore
from narrascope.store.protocol import SearchFilters
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import BACKENDS, ExamplesDb, new_store

pytestmark = pytest.mark.slow
ALL = SearchFilters()
DATED = SearchFilters(since="1900-01-01")


def copy_documents(source: SqlStore, target: SqlStore) -> None:
    ids = [doc_id for doc_id, _, _ in source.texts()]
    for start in range(0, len(ids), 100):
        target.upsert([source.get(doc_id) for doc_id in ids[start : start + 100]])  # type: ignore[misc]


@pytest.fixture(scope="module")
def examples(examples_db: ExamplesDb) -> Iterator[SqliteStore]:
    store = SqliteStore(str(examples_db.path))
    yield store
    store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def db(
    request: pytest.FixtureRequest,
    examples: SqliteStore,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        yield examples
        return
    store = new_store(request.param, request, tmp_path_factory.mktemp("views"))
    copy_documents(examples, store)
    yield store
    store.close()


def test_documents_newest_first_and_paged(db: SqlStore) -> None:
    views = db.views()
    first, second = views.documents(ALL, 50, 0), views.documents(ALL, 50, 50)
    dates = [row.published for row in first + second if row.published]
    assert dates == sorted(dates, reverse=True)
    assert not {row.id for row in first} & {row.id for row in second}
    assert views.count_documents(ALL) == db.count() == 407
    outlet = first[0].outlet
    assert outlet and all(
        r.outlet == outlet for r in views.documents(SearchFilters(outlet=outlet), 500, 0)
    )


def test_documents_by_id_keep_the_order_given(db: SqlStore) -> None:
    rows = db.views().documents_by_id(["hostile-html", "no-such-id", "hostile-script-title"])
    assert [row.id for row in rows] == ["hostile-html", "hostile-script-title"]
    assert "transport_corridors" in rows[0].themes


def test_entity_counts_match_the_stored_annotations(db: SqlStore) -> None:
    rows = db.views().entities(ALL, 20, None)
    assert [r.documents for r in rows] == sorted((r.documents for r in rows), reverse=True)
    top = rows[0]
    holding = [
        doc_id
        for doc_id, _, _ in db.texts()
        if any(e.id == top.id for e in db.get(doc_id).entities)  # type: ignore[union-attr]
    ]
    assert top.documents == len(holding)
    assert all(r.type == "PER" for r in db.views().entities(ALL, 10, "PER"))


def test_one_entity_and_who_is_named_with_it(db: SqlStore) -> None:
    tokayev = db.views().entity("person:tokayev")
    assert tokayev is not None and tokayev.name == "Касым-Жомарт Токаев"
    together = {row.id for row in db.views().co_mentions("person:tokayev", ALL, 50)}
    assert {"person:putin", "org:eaeu"} <= together  # both in the hostile fixture beside him
    assert db.views().entity("person:nobody") is None


def test_quotes_by_speaker_point_at_their_words(db: SqlStore) -> None:
    quotes = db.views().quotes(ALL, "person:nurtleu", 50, 0)
    assert quotes and all(q.speaker_id == "person:nurtleu" for q in quotes)
    quote = next(q for q in quotes if q.doc_id == "hostile-html")
    assert quote.text.startswith("Центральная Азия должна сама определять свою повестку")
    text = db.get("hostile-html").text  # type: ignore[union-attr]
    assert text[quote.start : quote.end] == quote.text  # type: ignore[index]
    by_name = db.views().quotes(ALL, quote.speaker, 50, 0)
    assert {q.doc_id for q in by_name} == {q.doc_id for q in quotes}


def test_theme_series_add_up_to_the_theme_counts(db: SqlStore) -> None:
    views = db.views()
    for period in ("day", "week", "month"):
        totals: dict[str, int] = {}
        for count in views.theme_series(ALL, period):
            totals[count.key] = totals.get(count.key, 0) + count.documents
        assert totals == {c.theme_id: c.documents for c in db.theme_counts(DATED)}
    weeks = {c.period for c in views.theme_series(ALL, "week")}
    assert "2025-10-20" in weeks  # the Monday of the hostile fixture's week


def test_group_series_counts_documents_per_group(db: SqlStore) -> None:
    groups = {"person:tokayev": "kz", "person:nurtleu": "kz", "person:putin": "ru"}
    counts = db.views().group_series(groups, ALL, "day")
    by_key = {(c.period, c.key): c.documents for c in counts}
    assert by_key[("2025-10-21", "kz")] == 1 and by_key[("2025-10-22", "kz")] == 1
    assert by_key[("2025-10-21", "ru")] >= 1
    assert db.views().group_series({}, ALL, "day") == []


def test_edges_are_unique_pairs_over_the_threshold(db: SqlStore) -> None:
    edges = db.views().edges(ALL, 30, 2)
    assert edges and all(e.source < e.target and e.documents >= 2 for e in edges)
    assert len({(e.source, e.target) for e in edges}) == len(edges)


def test_stories_outlets_and_health_account_for_every_document(db: SqlStore) -> None:
    views = db.views()
    total = db.count()
    assert sum(s.documents for s in views.stories(ALL, 10_000)) == total
    assert sum(o.documents for o in views.outlets(ALL)) == total
    health = views.health(ALL)
    assert sum(h.documents for h in health) == total
    undated = db.conn.execute("SELECT count(*) FROM documents WHERE published IS NULL")
    assert sum(h.undated for h in health) == undated.fetchone()[0]
    assert sum(h.reprints for h in health) == sum(
        o.documents - o.originals for o in views.outlets(ALL)
    )


def every_view(db: SqlStore) -> dict[str, Any]:
    views, tokayev = db.views(), "person:tokayev"
    groups = {"person:tokayev": "kz", "person:putin": "ru", "country:cn": "cn"}
    answers: dict[str, Any] = {
        "documents": views.documents(ALL, 500, 0),
        "documents_filtered": views.documents(SearchFilters(entity=tokayev, since="2025"), 50, 0),
        "count": views.count_documents(SearchFilters(theme="multivector")),
        "entities": views.entities(ALL, 100, None),
        "entities_typed": views.entities(DATED, 50, "ORG"),
        "entity": views.entity(tokayev),
        "co_mentions": views.co_mentions(tokayev, ALL, 50),
        "quotes": views.quotes(ALL, None, 500, 0),
        "edges": views.edges(ALL, 30, 2),
        "stories": views.stories(ALL, 500),
        "outlets": views.outlets(ALL),
        "health": views.health(ALL),
        "theme_counts": db.theme_counts(ALL),
        "theme_documents": db.theme_documents("multivector", 50),
        "speakers": db.speakers(200),
        "conflicts": db.conflicts(),
        "claim_series": db.series(tokayev),
        "summaries": db.summaries(["hostile-html", "hostile-script-title"]),
        "stats": db.stats(),
    }
    for period in ("day", "week", "month"):
        answers[f"series_{period}"] = views.series(ALL, period, "outlet")
        answers[f"themes_{period}"] = views.theme_series(ALL, period)
        answers[f"groups_{period}"] = views.group_series(groups, ALL, period)
    return answers


def conflicting_reports() -> list[Document]:
    """Two outlets' reports of one figure with different values, and the year before: a conflict
    and a series (the example corpus has neither)."""
    reports = []
    for doc_id, outlet, visits, year in (
        ("ledger-a", "akorda.kz", 23.0, "2024"),
        ("ledger-b", "kazinform", 25.0, "2024"),
        ("ledger-c", "kazinform", 19.0, "2023"),
    ):
        text = f"В {year} году Токаев совершил {visits:g} зарубежных визита."
        claim = Claim(
            value=visits, counted="визит", subject="Касым-Жомарт Токаев",
            subject_id="person:tokayev", period=year, approximate=False, sentence=text,
            start=28, end=30, measure="зарубежный визит · совершить", kind="total",
            low=visits - 0.5, high=visits + 0.5,
        )  # fmt: skip
        reports.append(
            Document(
                id=doc_id,
                source=doc_id,
                text=text,
                outlet=outlet,
                published="2025-01-10",
                claims=[claim],
            )
        )
    return reports


@pytest.mark.postgres
def test_both_backends_answer_every_view_alike(
    examples_db: ExamplesDb, postgres: Any, tmp_path: Path
) -> None:
    """The same documents give the same lists, counts and series on SQLite and PostgreSQL."""
    shutil.copy(examples_db.path, tmp_path / "examples.db")
    examples = SqliteStore(str(tmp_path / "examples.db"))
    examples.upsert(conflicting_reports())
    copy = PgStore(postgres.create_database("views_alike"))
    copy_documents(examples, copy)
    ours, theirs = every_view(copy), every_view(examples)
    copy.close()
    examples.close()
    for name, answer in theirs.items():
        assert ours[name] == answer, name
        assert answer, name  # nothing compared empty
    assert asdict(ours["stats"])["documents"] == 410
