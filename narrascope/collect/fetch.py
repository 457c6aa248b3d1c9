"""A polite HTTP fetcher: per-host rate and concurrency, robots.txt, retries with backoff,
conditional GET, size and content-type limits, and the address rules of `netguard`.

Redirects are followed by hand so every hop is checked against the allowed hosts and addresses.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import time
from collections import defaultdict
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from narrascope.collect.netguard import AddressRefused, check_address, check_host, host_allowed
from narrascope.collect.sources import FetchSettings
from narrascope.ids import canonical_url

MAX_REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream", "gzip", "text/html")


class FetchError(Exception):
    def __init__(self, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient  # worth trying again on a later run


@dataclass(slots=True, kw_only=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators still hold
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _HostGate:
    """Requests in flight and the earliest start of the next one, for one host."""

    slots: asyncio.Semaphore
    interval: float
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def turn(self) -> None:
        async with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class Fetcher:
    def __init__(
        self,
        settings: FetchSettings,
        allowed_hosts: set[str],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.allowed_hosts = {host.lower() for host in allowed_hosts}
        self.client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent},
            timeout=settings.timeout,
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: the address checks must hold
            transport=transport,
        )
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.gates: dict[str, _HostGate] = {}
        self.robots: dict[str, Protego | None] = {}
        self.robots_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.requests = 0

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.client.aclose()

    async def get(
        self,
        url: str,
        accept: tuple[str, ...] = HTML_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """The body of url (or 304), following allowed redirects; FetchError says why not."""
        target = canonical_url(url) or url
        for _ in range(MAX_REDIRECTS + 1):
            await self._admit(target)
            if self.settings.robots and not await self._robots_allow(target):
                raise FetchError(target, "disallowed by robots.txt")
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            fetched, location = await self._with_retries(target, headers, accept)
            if location is None:
                return fetched
            target = canonical_url(urljoin(target, location)) or urljoin(target, location)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    async def _admit(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        if not host_allowed(parts.hostname, self.allowed_hosts):
            raise FetchError(url, f"host {parts.hostname} is not among the allowed hosts")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            await check_host(parts.hostname, port, self.settings.allow_private)
        except AddressRefused as error:
            raise FetchError(url, str(error)) from None

    async def _with_retries(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...]
    ) -> tuple[Fetched, str | None]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return await self._request(url, headers, accept)
            except _Retry as retry:
                if attempt == attempts - 1:
                    raise FetchError(url, f"{retry} after {attempts} attempts", True) from None
                backoff = self.settings.backoff * 2**attempt
                await asyncio.sleep(min(max(retry.after or 0.0, backoff), 60.0))
        raise AssertionError("unreachable")

    async def _request(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...]
    ) -> tuple[Fetched, str | None]:
        gate = self._gate(url)
        async with self.slots, gate.slots:
            await gate.turn()
            self.requests += 1
            try:
                async with self.client.stream("GET", url, headers=headers) as response:
                    self._check_peer(url, response)
                    return await self._read(url, response, accept)
            except httpx.TimeoutException:
                raise _Retry("timed out") from None
            except httpx.TransportError as error:
                raise _Retry(f"{type(error).__name__}: {error}") from None

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return
        try:
            check_address(ipaddress.ip_address(peer[0]), self.settings.allow_private)
        except AddressRefused as error:
            raise FetchError(url, f"connected to {error}") from None

    async def _read(
        self, url: str, response: httpx.Response, accept: tuple[str, ...]
    ) -> tuple[Fetched, str | None]:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} without a Location")
            return Fetched(url=url, status=status), location
        if status in RETRY_STATUSES:
            raise _Retry(f"HTTP {status}", retry_after(response.headers.get("retry-after")))
        if status == 304:
            return Fetched(url=url, status=304), None
        if status != 200:
            raise FetchError(url, f"HTTP {status}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not any(kind in content_type for kind in accept):
            raise FetchError(url, f"content type {content_type} is not accepted")
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"body of {declared} bytes exceeds the {limit}-byte limit")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > limit:
                raise FetchError(url, f"body exceeds the {limit}-byte limit")
        fetched = Fetched(
            url=url,
            status=200,
            content=bytes(body),
            content_type=content_type,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        return fetched, None

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        if host not in self.gates:
            interval = 1.0 / self.settings.rate
            self.gates[host] = _HostGate(asyncio.Semaphore(self.settings.per_host), interval)
        return self.gates[host]

    async def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self.robots_locks[origin]:
            if origin not in self.robots:
                self.robots[origin] = await self._load_robots(origin)
        rules = self.robots[origin]
        if rules is None:
            return True
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            gate = self._gate(url)
            gate.interval = max(gate.interval, float(delay))
        allowed: bool = rules.can_fetch(url, self.settings.user_agent)
        return allowed

    async def _load_robots(self, origin: str) -> Protego | None:
        """Rules of the site; none when robots.txt is absent (4xx); refuse all when it fails."""
        try:
            fetched, location = await self._with_retries(
                origin + "/robots.txt", {}, ("text/plain", "text/html", "octet-stream")
            )
        except FetchError as error:
            if error.reason.startswith("HTTP 4") or "content type" in error.reason:
                return None
            return Protego.parse("User-agent: *\nDisallow: /")
        if location is not None:
            return None
        return Protego.parse(fetched.content.decode("utf-8", "replace"))


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    moment = email.utils.parsedate_to_datetime(value)
    return max(0.0, moment.timestamp() - time.time()) if moment else None
