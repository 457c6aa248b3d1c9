"""The fetcher against the local fixture sites: every rule seen from the server's side."""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from narrascope.collect.fetch import FEED_TYPES, Fetched, Fetcher, FetchError
from narrascope.collect.netguard import AddressRefused, check_host, host_allowed
from narrascope.collect.sources import FetchSettings
from tests.sites import SiteServer

T = TypeVar("T")
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)


def settings(**changes: object) -> FetchSettings:
    values: dict[str, object] = {
        "rate": 50.0,
        "retries": 2,
        "backoff": 0.01,
        "timeout": 2.0,
        "max_bytes": 1_000_000,
        "allow_private": LOCAL,
    }
    return FetchSettings(**{**values, **changes})  # type: ignore[arg-type]


def run(site: SiteServer, job: Callable[[Fetcher], Awaitable[T]], **changes: object) -> T:
    async def main() -> T:
        async with Fetcher(settings(**changes), {"127.0.0.1"}) as fetcher:
            return await job(fetcher)

    return asyncio.run(main())


def get(site: SiteServer, path: str, **changes: object) -> Fetched:
    return run(site, lambda fetcher: fetcher.get(site.base + path), **changes)


def refusal(site: SiteServer, path: str, **changes: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        get(site, path, **changes)
    return caught.value


def test_article_is_fetched_with_the_project_user_agent(site: SiteServer) -> None:
    fetched = get(site, "/news/001.html")
    assert fetched.status == 200 and fetched.content_type == "text/html"
    assert "Казахстан сделают площадкой" in fetched.content.decode("utf-8")
    agent = site.log.requests[-1].headers["User-Agent"]
    assert agent.startswith("narrascope/") and "https://github.com/narrascope/narrascope" in agent


def test_robots_txt_is_read_once_and_obeyed(site: SiteServer) -> None:
    async def job(fetcher: Fetcher) -> list[str]:
        reasons = []
        for path in ("/private/memo.html", "/news/000.html", "/private/other.html"):
            try:
                await fetcher.get(site.base + path)
            except FetchError as error:
                reasons.append(error.reason)
        return reasons

    reasons = run(site, job)
    assert reasons == ["disallowed by robots.txt"] * 2
    assert site.log.paths() == ["/robots.txt", "/news/000.html"]


def test_server_errors_are_retried_with_backoff(site: SiteServer) -> None:
    fetched = get(site, "/flaky/004.html")
    assert fetched.status == 200
    assert site.log.paths().count("/flaky/004.html") == 3


def test_retries_give_up_and_say_the_failure_is_transient(site: SiteServer) -> None:
    error = refusal(site, "/flaky/004.html", retries=1)
    assert error.reason == "HTTP 500 after 2 attempts" and error.transient


def test_a_slow_server_times_out(site: SiteServer) -> None:
    site.log.slow_seconds = 2.0
    error = refusal(site, "/slow/page.html", timeout=0.5, retries=1)
    assert error.reason == "timed out after 2 attempts" and error.transient


def test_conditional_get_answers_304_while_the_feed_is_unchanged(site: SiteServer) -> None:
    first = run(site, lambda f: f.get(site.base + "/rss.xml", FEED_TYPES))
    assert first.status == 200 and first.etag
    again = run(site, lambda f: f.get(site.base + "/rss.xml", FEED_TYPES, etag=first.etag))
    assert again.not_modified and again.content == b""
    assert site.log.requests[-1].headers["If-None-Match"] == first.etag
    site.log.feed_updates += 1
    changed = run(site, lambda f: f.get(site.base + "/rss.xml", FEED_TYPES, etag=first.etag))
    assert changed.status == 200 and changed.etag != first.etag


def test_oversized_bodies_and_unwanted_content_types_are_refused(site: SiteServer) -> None:
    assert refusal(site, "/huge/page.html").reason == "body exceeds the 1000000-byte limit"
    assert refusal(site, "/media/photo.jpg").reason == "content type image/jpeg is not accepted"
    assert not refusal(site, "/news/404.html").transient


def test_redirects_are_followed_on_allowed_hosts_only(site: SiteServer) -> None:
    moved = get(site, "/moved/003.html")
    assert moved.url == site.base + "/news/003.html"
    away = refusal(site, "/away/article.html")
    assert away.reason == "host 198.51.100.7 is not among the allowed hosts"
    assert away.url == "http://198.51.100.7/article.html"
    assert refusal(site, "/loop/x.html").reason == "more than 5 redirects"


def test_loopback_is_refused_unless_allowed(site: SiteServer) -> None:
    error = refusal(site, "/news/000.html", allow_private=())
    assert "127.0.0.1 is a private, loopback or reserved address" in error.reason
    assert site.log.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "10.0.0.7",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "fd00::1",
        "224.0.0.1",
    ],
)
def test_private_and_reserved_addresses_are_refused(host: str) -> None:
    with pytest.raises(AddressRefused):
        asyncio.run(check_host(host, 80, ()))


def test_public_addresses_pass_and_allowed_networks_open_private_ones() -> None:
    asyncio.run(check_host("8.8.8.8", 443, ()))
    asyncio.run(check_host("10.0.0.7", 80, (ipaddress.ip_network("10.0.0.0/8"),)))


def test_hosts_of_a_site_are_allowed_by_its_domain() -> None:
    allowed = {"www.inform.kz"}
    assert host_allowed("www.inform.kz", allowed) and host_allowed("lenta.inform.kz", allowed)
    assert host_allowed("inform.kz", allowed)
    assert not host_allowed("inform.kz.evil.com", allowed) and not host_allowed("kz", allowed)


def test_requests_to_one_host_keep_the_rate(site: SiteServer) -> None:
    async def job(fetcher: Fetcher) -> None:
        await fetcher.get(site.base + "/news/000.html")  # robots.txt and a first page
        await asyncio.gather(*(fetcher.get(f"{site.base}/news/00{n}.html") for n in range(5)))

    run(site, job, rate=5.0)
    starts = [entry.at for entry in site.log.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(starts) == 7 and min(gaps) >= 0.18  # 1 / rate, less timer slack


def test_requests_in_flight_to_one_host_are_bounded(site: SiteServer) -> None:
    async def job(fetcher: Fetcher) -> None:
        await asyncio.gather(*(fetcher.get(f"{site.base}/delay/{n}.html") for n in range(6)))

    run(site, job, per_host=2)
    in_flight = [entry.in_flight for entry in site.log.requests if entry.path.startswith("/delay")]
    assert max(in_flight) == 2
