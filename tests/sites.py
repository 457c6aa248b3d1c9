"""A local web server on 127.0.0.1 serving the fixture sites (tests/fixtures/sites/README.md).

It logs every request (method, path, headers, time, requests in flight) so tests can check what
the fetcher did: which paths it asked for, with which validators, how fast and how many at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
WDAY = Path(__file__).resolve().parent / "fixtures" / "html" / "wday.ru.model.html"
CHANNEL = "kz_foreign_digest"
HUGE_BYTES = 12 * 1024 * 1024
FEEDS = {
    "/rss.xml": "application/rss+xml; charset=utf-8",
    "/sitemap_index.xml": "application/xml",
    "/sitemap-news.xml": "application/xml",
}


@dataclass
class Logged:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    in_flight: int


@dataclass
class SiteLog:
    requests: list[Logged] = field(default_factory=list)
    hooks: list[Any] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    slow_seconds: float = 3.0
    feed_updates: int = 0  # bump to change the feeds (new ETags) and the channel (a new post)

    def paths(self) -> list[str]:
        return [entry.path for entry in self.requests]


def seed_article(number: str) -> str | None:
    matches = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not matches:
        return None
    lines = [line.strip() for line in matches[0].read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    title, paragraphs = lines[0], lines[1:]
    body = "\n".join(f"        <p>{html.escape(line)}</p>" for line in paragraphs)
    template = (SITES / "article.html").read_text(encoding="utf-8")
    return template.replace("{TITLE}", html.escape(title)).replace("{BODY}", body)


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        payload = self.rfile.read(length)
        self._log("POST")
        self.server.log.hooks.append(json.loads(payload))
        self._send(204, b"", "text/plain")

    def do_GET(self) -> None:
        log = self.server.log
        with log.lock:
            log.in_flight += 1
        try:
            self._log("GET")
            self._route()
        finally:
            with log.lock:
                log.in_flight -= 1

    def _log(self, method: str) -> None:
        log = self.server.log
        with log.lock:
            log.counts[self.path] += 1
            log.requests.append(
                Logged(
                    method, self.path, dict(self.headers.items()), time.monotonic(), log.in_flight
                )
            )

    def _route(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        log = self.server.log
        if path == "/robots.txt":
            self._send(200, (SITES / "robots.txt").read_bytes(), "text/plain")
        elif path in FEEDS:
            self._feed(path)
        elif path == "/section/politics/":
            self._send(200, (SITES / "section.html").read_bytes(), "text/html; charset=utf-8")
        elif path.startswith(("/news/", "/private/")):
            self._article(path.rsplit("/", 1)[-1].removesuffix(".html"))
        elif path == "/reports/wday.html":
            self._send(200, WDAY.read_bytes(), "text/html; charset=utf-8")
        elif path.startswith("/flaky/"):
            if log.counts[self.path] <= 2:
                self._send(500, b"temporarily broken", "text/plain")
            else:
                self._article(path.rsplit("/", 1)[-1].removesuffix(".html"))
        elif path.startswith("/moved/"):
            self._redirect(301, "/news/" + path.rsplit("/", 1)[-1])
        elif path.startswith("/away/"):
            self._redirect(302, "http://198.51.100.7/article.html")
        elif path.startswith("/loop/"):
            self._redirect(302, path)
        elif path.startswith("/huge/"):
            self._huge()
        elif path.startswith("/media/"):
            self._send(200, b"\xff\xd8\xff\xe0" + b"\0" * 2048, "image/jpeg")
        elif path.startswith("/slow/"):
            time.sleep(log.slow_seconds)
            self._send(200, b"<html><body>late</body></html>", "text/html")
        elif path.startswith("/delay/"):
            time.sleep(0.3)
            number = path.rsplit("/", 1)[-1].removesuffix(".html")
            self._article(f"{int(number) % 5:03d}" if number.isdigit() else "001")
        elif path == "/many.xml":
            query = parse_qs(parts.query)
            self._many(int(query.get("n", ["40"])[0]), query.get("route", ["delay"])[0])
        elif path == f"/s/{CHANNEL}":
            before = parse_qs(parts.query).get("before", [None])[0]
            page = (SITES / "tme" / ("older.html" if before else "newest.html")).read_text("utf-8")
            if log.feed_updates and not before:  # the channel has posted again: 108 is now 109
                page = page.replace(f"{CHANNEL}/108", f"{CHANNEL}/109")
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def _feed(self, path: str) -> None:
        text = (SITES / path.lstrip("/")).read_text(encoding="utf-8")
        body = text.replace("{BASE}", self.server.base).encode("utf-8")
        etag = '"' + hashlib.sha1(body + bytes([self.server.log.feed_updates])).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", FEEDS[path], {"ETag": etag})
            return
        self._send(200, body, FEEDS[path], {"ETag": etag})

    def _many(self, count: int, route: str) -> None:
        """A feed of `count` items: /delay/N.html (slow) or /news/00K.html?copy=N (fast)."""
        links = [
            f"/delay/{n}.html" if route == "delay" else f"/news/{n % 5:03d}.html?copy={n}"
            for n in range(count)
        ]
        items = "".join(
            f"<item><title>Материал {n}</title><link>{self.server.base}{links[n]}</link>"
            f"<pubDate>Fri, 06 Dec 2024 {n % 24:02d}:00:00 +0000</pubDate></item>"
            for n in range(count)
        )
        channel = f"<channel><title>Many</title>{items}</channel>"
        body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
        self._send(200, body.encode("utf-8"), "application/rss+xml")

    def _article(self, number: str) -> None:
        page = seed_article(number) if number.isdigit() else None
        if page is None:
            self._send(404, b"no such article", "text/plain")
        else:
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", "text/plain", {"Location": location})

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        try:
            for _ in range(HUGE_BYTES // len(chunk) + 1):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.log = SiteLog()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> SiteServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
