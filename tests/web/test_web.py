"""The web UI end to end in headless Chromium (Debian's, driven by Playwright), one server over
the example corpus. Every test saves a screenshot to build/test-artifacts/screenshots/ and fails
on a script error, a dialog, a request to any host but the test server, or `window.__pwned`
set by the hostile-markup fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make browser` (part of make test)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    server = live_server
    context = browser.new_context(viewport={"width": 1300, "height": 900}, base_url=server)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    opened.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )

    def local_only(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            problems.append(f"request left the test server: {route.request.url}")
            route.abort()

    opened.route("**/*", local_only)
    yield opened
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    pwned = opened.evaluate("window.__pwned")
    context.close()
    assert problems == [] and pwned is None, (problems, pwned)


def charts_drawn(page: Page, expected: int) -> int:
    """Waits (without page-side eval, which the pages' CSP forbids) for the charts app.js drew."""
    drawn = page.locator("canvas[data-chart][data-drawn]")
    expect(drawn).to_have_count(expected)
    return drawn.count()


def test_search_swaps_results_in_and_filters_by_facet(page: Page) -> None:
    page.goto("/")
    assert page.locator("ol.docs li").count() == 30  # the newest documents before any query
    page.fill("input[name=q]", "средней державы")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*q=*", wait_until="commit")
    expect(page.locator("#results h2")).to_contain_text("средней державы")
    top = page.locator("#results ol.docs > li").all_inner_texts()[:4]
    assert sum("Средняя держава" in item for item in top) >= 2, top  # the seeds on middle power
    page.locator(".facets a", has_text="Безопасность").first.click()
    page.wait_for_url("**theme=security*", wait_until="commit")
    assert page.locator("#results ol.docs li").count() >= 1
    for chips in page.locator("#results ol.docs li").all():
        assert "Безопасность" in chips.inner_text()


def test_document_view_marks_entities_quotes_and_target_span(page: Page) -> None:
    page.goto("/documents/hostile-html?span=0-10#target")
    assert page.locator("#target.target").count() == 1
    assert page.locator(".text a.ent").count() >= 5
    assert page.locator(".text .quote").count() >= 1
    assert page.locator(".text .evidence").count() >= 1
    quote = page.locator(".side ul.quotes li").first.inner_text()
    assert "Нуртлеу" in quote
    page.locator(".text a.ent", has_text="Нуртлеу").first.click()
    page.wait_for_url("**/entities/person*nurtleu")
    assert "Мурат Нуртлеу" in page.locator("h1").inner_text()


def test_hostile_markup_stays_text(page: Page) -> None:
    page.goto("/documents/hostile-script-title")
    heading = page.locator("h1").inner_text()
    assert heading.startswith("<script>window.__pwned = 'title'</script><img src=x")
    assert "<svg onload=" in page.locator("p.meta").first.inner_text()
    assert "<iframe" in page.locator("#text").inner_text()
    assert page.locator("#text a[href^='javascript']").count() == 0
    page.goto("/quotes?speaker=person:tokayev")
    assert "<b onmouseover=" in page.locator("#quote-list").inner_text()
    page.goto("/health")
    assert "<svg onload=" in page.locator("table.grid").first.inner_text()


def test_entity_page_draws_mentions_over_time(page: Page) -> None:
    page.goto("/entities/person:tokayev")
    assert charts_drawn(page, 1) == 1
    assert page.locator("ul.quotes li").count() >= 1
    assert "Президент Республики Казахстан" in page.locator("aside.side").inner_text()


def test_entities_list_filters_by_type(page: Page) -> None:
    page.goto("/entities")
    page.select_option("select[name=type]", "PER")
    page.wait_for_url("**type=PER*", wait_until="commit")
    expect(page.locator("#entity-list tbody td:nth-child(2)").last).to_have_text("PER")
    types = page.locator("#entity-list tbody td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"PER"}


def test_quotes_explorer_filters_by_speaker_and_exports(page: Page) -> None:
    page.goto("/quotes")
    assert page.locator("#quote-list tbody tr").count() >= 10
    page.select_option("select[name=speaker]", "person:tokayev")
    page.wait_for_url("**speaker=person%3Atokayev*", wait_until="commit")
    expect(page.locator("#quote-list tbody td:first-child").last).to_have_text(
        "Касым-Жомарт Токаев"
    )
    speakers = page.locator("#quote-list tbody td:first-child").all_inner_texts()
    assert speakers and set(speakers) == {"Касым-Жомарт Токаев"}
    with page.expect_download() as download:
        page.locator("#quote-list .exports a", has_text="XLSX").click()
    assert download.value.suggested_filename == "quotes.xlsx"


def test_themes_dashboard_draws_reports_stories_and_outlets(page: Page) -> None:
    page.goto("/themes")
    assert charts_drawn(page, 2) == 2
    page.locator("table.grid a", has_text="Безопасность").click()
    page.wait_for_url("**theme=security*", wait_until="commit")
    assert charts_drawn(page, 3) == 3


def test_partner_balance_shows_every_group(page: Page) -> None:
    page.goto("/partners?period=month")
    assert charts_drawn(page, 2) == 2
    groups = page.locator("table.grid tbody td:first-child").all_inner_texts()
    assert groups == [
        "Россия",
        "Китай",
        "США",
        "Евросоюз",
        "Турция",
        "Центральная Азия",
        "Страны Залива",
    ]


def test_network_nodes_lead_to_entities(page: Page) -> None:
    page.goto("/network")
    assert page.locator("svg.network circle").count() >= 10
    assert page.locator("svg.network line").count() >= 10
    page.locator("svg.network a").first.click()
    page.wait_for_url("**/entities/*")


def test_ingest_health_shows_volumes_and_dates(page: Page) -> None:
    page.goto("/health")
    assert charts_drawn(page, 1) == 1
    assert page.locator("#share-inferred").inner_text().endswith("%")
    assert page.locator("table.grid").first.locator("tbody tr").count() >= 20


def test_english_switch_sticks(page: Page) -> None:
    page.goto("/themes")
    page.click("#ui-en")
    assert page.locator("h1").inner_text() == "Themes over time"
    page.locator("header nav a", has_text="Quotes").click()
    assert page.locator("h1").inner_text() == "Who said what"
    page.click("#ui-ru")
    assert page.locator("h1").inner_text() == "Кто что сказал"


def test_api_docs_page_loads_from_the_server(page: Page) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 15
