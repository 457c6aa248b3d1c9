"""The JSON API and the HTML pages over the example corpus, through FastAPI's test client."""

import json
from collections import defaultdict
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from narrascope.web.app import create_app
from tests.conftest import CONTRACT, ExamplesDb

pytestmark = pytest.mark.slow
PAGES = [
    "/",
    "/?q=средней+державы",
    "/entities",
    "/entities/person:tokayev",
    "/quotes",
    "/themes",
    "/themes?theme=security",
    "/partners",
    "/network",
    "/health",
    "/alerts",
    "/documents/hostile-script-title",
    "/documents/hostile-html",
    "/?ui=en",
]
LISTS = [
    "/api/documents",
    "/api/search?q=Токаев",
    "/api/entities",
    "/api/quotes",
    "/api/themes",
    "/api/themes/timeline",
    "/api/themes/security/documents",
    "/api/outlets",
    "/api/outlets/timeline",
    "/api/partners",
    "/api/health",
    "/api/alerts",
    "/api/failures",
]


@pytest.fixture(scope="module")
def client(examples_db: ExamplesDb) -> Iterator[TestClient]:
    with TestClient(create_app(str(examples_db.path))) as test_client:
        yield test_client


@pytest.mark.parametrize("url", LISTS)
def test_every_list_answers_json_and_exports(client: TestClient, url: str) -> None:
    listed = client.get(url)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    joiner = "&" if "?" in url else "?"
    jsonl = client.get(f"{url}{joiner}format=jsonl")
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in jsonl.headers["content-disposition"]
    assert [json.loads(line) for line in jsonl.text.splitlines()] == listed.json()
    xlsx = client.get(f"{url}{joiner}format=xlsx")
    assert xlsx.content[:2] == b"PK"  # a zip container
    csv = client.get(f"{url}{joiner}format=csv")
    assert len(csv.content.decode("utf-8-sig").splitlines()) >= min(1, len(listed.json()))


def test_a_document_in_the_contract_with_its_copies(client: TestClient) -> None:
    doc = client.get("/api/documents/hostile-html").json()
    assert set(CONTRACT) <= set(doc)
    assert {"original", "reprints", "story", "date_source"} <= set(doc)
    for entity in doc["entities"]:
        assert doc["text"][entity["start"] : entity["end"]] == entity["text"]
    assert client.get("/api/documents/no-such-id").status_code == 404


def test_filters_are_validated_and_applied(client: TestClient) -> None:
    assert client.get("/api/documents?since=21.10.2025").status_code == 422
    assert client.get("/api/documents?limit=0").status_code == 422
    dated = client.get("/api/documents?since=2025-10-21&until=2025-10-22&limit=100").json()
    assert {"hostile-script-title", "hostile-html"} <= {row["id"] for row in dated}
    assert all("2025-10-21" <= row["published"][:10] <= "2025-10-22" for row in dated)
    themed = client.get("/api/documents?theme=security&limit=1000").json()
    assert themed and all("security" in row["themes"] for row in themed)


def test_search_finds_the_seeds_across_languages(client: TestClient) -> None:
    for query in ("средней державы", "middle power"):
        hits = client.get("/api/search", params={"q": query, "limit": 10}).json()
        assert any(hit["source"].endswith(".txt") for hit in hits[:4]), query
    assert client.get("/api/search?q=").status_code == 422


def test_entity_profile_has_positions_quotes_and_company(client: TestClient) -> None:
    profile = client.get("/api/entities/person:tokayev").json()
    assert profile["entity"]["name"] == "Касым-Жомарт Токаев"
    assert profile["positions"][0]["role"] == "Президент Республики Казахстан"
    assert profile["quotes"] and all(q["speaker_id"] == "person:tokayev" for q in profile["quotes"])
    assert "person:putin" in {row["id"] for row in profile["co_mentioned"]}
    assert sum(point["documents"] for point in profile["timeline"]) >= 1
    assert client.get("/api/entities/person:nobody").status_code == 404


def test_quotes_filter_by_speaker_and_theme(client: TestClient) -> None:
    quotes = client.get("/api/quotes?speaker=person:nurtleu").json()
    assert quotes and {q["speaker_id"] for q in quotes} == {"person:nurtleu"}
    themed = client.get("/api/quotes?theme=regional_cooperation").json()
    assert "hostile-html" in {q["doc_id"] for q in themed}


def test_partner_shares_sum_to_one_per_period(client: TestClient) -> None:
    shares = client.get("/api/partners?period=month").json()
    by_period: dict[str, float] = defaultdict(float)
    for share in shares:
        by_period[share["period"]] += share["share"]
    assert by_period and all(abs(total - 1) < 0.01 for total in by_period.values())
    assert {"russia", "usa"} <= {share["group"] for share in shares}


def test_network_edges_join_named_nodes(client: TestClient) -> None:
    graph = client.get("/api/network?top=30").json()
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    assert graph["edges"] and all(
        e["source"] in names and e["target"] in names for e in graph["edges"]
    )
    assert all(-1.01 <= node["x"] <= 1.01 for node in graph["nodes"])


def test_openapi_lists_the_api_and_docs_are_served_locally(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for url in [*LISTS, "/api/documents/{doc_id}", "/api/entities/{entity_id}", "/api/stats"]:
        assert url.split("?")[0].replace("/security/", "/{theme_id}/") in paths
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_scraped_markup_escaped(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    for hostile in (
        "<script>window",
        "<img src=x",
        "<svg onload",
        "<b onmouseover",
        "<iframe",
        'href="javascript:',
    ):
        assert hostile not in html, (url, hostile)
    assert "cdn" not in html.lower()


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    html = client.get("/documents/hostile-script-title").text
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;" in html
    assert "&lt;svg onload=" in html


def test_a_token_guards_everything_when_set(examples_db: ExamplesDb) -> None:
    with TestClient(create_app(str(examples_db.path), token="s3cret")) as guarded:
        assert guarded.get("/api/stats").status_code == 401
        assert guarded.get("/").status_code == 401
        bearer = {"Authorization": "Bearer s3cret"}
        assert guarded.get("/api/stats", headers=bearer).status_code == 200
        assert (
            guarded.get("/api/stats", headers={"Authorization": "Bearer nope"}).status_code == 401
        )
        assert guarded.get("/?token=s3cret").status_code == 200
        assert guarded.get("/api/stats").status_code == 200  # the cookie set by the first visit


def test_what_schemathesis_found_stays_fixed(client: TestClient) -> None:
    """Two server errors its first run found: an offset past SQLite's integers, and a theme id
    that is no valid sheet or file name in an XLSX download."""
    assert client.get("/api/documents?offset=385057561400277794816").status_code == 422
    weird = client.get("/api/themes/\u00da\u00dea\u0091:[x]/documents?format=xlsx")
    assert weird.status_code == 200 and weird.content[:2] == b"PK"
    assert weird.headers["content-disposition"] == 'attachment; filename="theme__a_x_.xlsx"'
