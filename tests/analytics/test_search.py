import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope import service
from narrascope.analytics.search import SearchMode, fuse, search
from narrascope.cli.main import app
from narrascope.ingest.files import read_inputs
from narrascope.store.protocol import SearchFilters, SearchHit
from narrascope.store.sqlite.store import SqliteStore
from tests.conftest import ROOT, seed_paths

POSTS = ROOT / "examples" / "corpus" / "telegram_posts.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds among 80 real Telegram posts, ingested once."""
    folder = tmp_path_factory.mktemp("search")
    posts = folder / "posts.jsonl"
    posts.write_text("".join(POSTS.read_text(encoding="utf-8").splitlines(True)[:80]), "utf-8")
    db = folder / "search.db"
    store = SqliteStore(str(db))
    report = service.ingest(read_inputs([*map(str, seed_paths()), str(posts)]), store)
    assert not report.failures
    store.close()
    return db


@pytest.fixture
def store(corpus: Path) -> Iterator[SqliteStore]:
    db = SqliteStore(str(corpus))
    return db
    db.close()


def seed_ids(store: SqliteStore, *prefixes: str) -> set[str]:
    rows = store.conn.execute("SELECT id, source FROM documents").fetchall()
    return {row[0] for row in rows if Path(row[1]).name[:3] in prefixes}


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    def hits(*ids: str) -> list[SearchHit]:
        return [
            SearchHit(id=i, source=i, title=None, outlet=None, published=None, score=0) for i in ids
        ]

    fused = fuse([hits("a", "b", "c"), hits("b", "d", "c")], 3)
    assert [hit.id for hit in fused] == ["b", "c", "a"]
    assert fused[0].score == round(1 / 62 + 1 / 61, 6)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "seeds"),
    [
        ("middle power", ("002", "004", "000")),
        ("орта держава", ("002", "004", "000")),
        ("Trans-Caspian route", ("003", "004", "002")),
        ("peace talks mediation platform", ("001", "004")),
    ],
)
def test_english_and_kazakh_queries_find_russian_documents(
    store: SqliteStore, query: str, seeds: tuple[str, ...]
) -> None:
    top = [hit.id for hit in search(store, query, SearchMode.hybrid, 3)]
    assert set(top) & seed_ids(store, *seeds), top


@pytest.mark.slow
def test_hybrid_search_keeps_exact_word_matches_on_top(store: SqliteStore) -> None:
    fts = [hit.id for hit in search(store, "средней державы", SearchMode.fts, 3)]
    hybrid = [hit.id for hit in search(store, "средней державы", SearchMode.hybrid, 3)]
    assert set(fts) <= seed_ids(store, "000", "002", "004")
    assert hybrid[0] in fts


@pytest.mark.slow
def test_filters_hold_in_every_mode(store: SqliteStore) -> None:
    theme = SearchFilters(theme="middle_power")
    for mode in SearchMode:
        found = {hit.id for hit in search(store, "Казахстан", mode, 20, theme)}
        assert found
        assert found <= seed_ids(store, "000", "002", "004")
    outlet = store.conn.execute(
        "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    for mode in SearchMode:
        hits = search(store, "новости", mode, 50, SearchFilters(outlet=outlet))
        assert all(hit.outlet == outlet for hit in hits)
    dated = SearchFilters(since="2024-11-01", until="2024-11-30")
    for mode in SearchMode:
        hits = search(store, "Россия", mode, 50, dated)
        assert hits
        assert all(
            hit.published and "2024-11-01" <= hit.published[:10] <= "2024-11-30" for hit in hits
        )
    assert search(store, "Токаев", SearchMode.semantic, 5, SearchFilters(lang="kk")) == []
    tokayev = search(
        store, "визит", SearchMode.hybrid, 10, SearchFilters(entity="Касым-Жомарт Токаев")
    )
    assert tokayev
    assert {hit.id for hit in tokayev} <= seed_ids(store, "000", "001", "002", "003", "004")


@pytest.mark.slow
def test_cli_search_retag_themes_and_topics(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(
        app, ["--db", str(corpus), "search", "middle power", "--format", "jsonl", "--limit", "3"]
    )
    assert found.exit_code == 0, found.output
    assert len(found.stdout.splitlines()) == 3
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: test\nversion: 2\nthemes:\n  - id: tokayev_visits\n"
        "    description: {ru: Визиты президента Токаева за рубеж}\n"
        "    keywords: [визит, Токаев]\n",
        encoding="utf-8",
    )
    retagged = runner.invoke(app, ["--db", str(corpus), "retag", "--themes", str(pack)])
    assert retagged.exit_code == 0, retagged.output
    assert "re-tagged 85 documents" in retagged.stdout
    db = SqliteStore(str(corpus))
    stored = {t.theme_id for t in db.theme_counts()}
    db.close()
    assert stored <= {"tokayev_visits"}
    restored = runner.invoke(app, ["--db", str(corpus), "retag"])  # back to the bundled pack
    assert restored.exit_code == 0
    themes = runner.invoke(app, ["--db", str(corpus), "themes"])
    assert "middle_power" in themes.stdout
    topics = runner.invoke(
        app, ["--db", str(corpus), "topics", "--format", "jsonl", "--since", "2000-01-01"]
    )
    assert topics.exit_code == 0, topics.output
    for line in topics.stdout.splitlines():
        topic = json.loads(line)
        assert topic["size"] == len(topic["documents"]) >= 3
        assert topic["label"]


def test_a_broken_theme_pack_is_a_usage_error(tmp_path: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text("themes: [", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "x.db"), "retag", "--themes", str(pack)]
    )
    assert result.exit_code == 2
    assert "broken.yaml" in result.output
