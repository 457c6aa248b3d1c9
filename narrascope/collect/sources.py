"""The sources file (TOML): the outlets and channels to follow, and how politely to fetch them.

    [fetch]                       # all optional
    rate = 1.0                    # requests per second to one host
    per_host = 2                  # requests in flight to one host
    allow_private = []            # addresses or networks a source may live on ("127.0.0.1")
    allow_hosts = []              # hosts a redirect or an article link may go to, beyond sources'

    [alerts]
    webhook = "https://hooks.example/narrascope"

    [[source]]
    name = "Kazinform"            # the outlet stored with every document
    kind = "rss"                  # rss | sitemap | listing | telegram | telegram_export
    url = "https://www.inform.kz/rss/rus.xml"

A mistake is reported with the source's number and name, before anything is fetched.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from narrascope.ids import canonical_url

KINDS = ("rss", "sitemap", "listing", "telegram", "telegram_export")
TELEGRAM_PREVIEW = "https://t.me/s/"
USER_AGENT = "narrascope/0.1 (+https://github.com/narrascope/narrascope)"
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    name: str
    kind: str
    url: str | None = None  # feed, sitemap, listing page or t.me/s/ page
    path: str | None = None  # telegram_export: the result.json to import
    links: re.Pattern[str] | None = None  # listing: which links are articles
    max_items: int = 100  # newest items taken from one feed, sitemap or listing per run
    pages: int = 3  # telegram: preview pages read back per run at most
    lang: str | None = None

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    rate: float = 1.0
    per_host: int = 2
    concurrency: int = 8
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = 10 * 1024 * 1024
    robots: bool = True
    allow_private: tuple[IpNetwork, ...] = ()
    allow_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertSettings:
    webhook: str | None = None
    z: float = 3.0  # standard deviations above the baseline mean
    min_count: int = 5  # a spike needs at least this many on the day
    baseline_days: int = 28
    new_entity_outlets: int = 3  # a new entity named by this many outlets on one day


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    sources: tuple[Source, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)

    def allowed_hosts(self) -> set[str]:
        hosts = {source.host for source in self.sources if source.host}
        return hosts | set(self.fetch.allow_hosts)


def load_sources(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SourcesError(f"{path}: {error}") from error
    return parse_config(data, base=path.parent, where=str(path))


def parse_config(data: dict[str, Any], base: Path, where: str) -> Config:
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{where}: no [[source]] entries")
    sources = []
    for number, entry in enumerate(entries, start=1):
        label = f"{where}: source {number}"
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            label += f" ({entry['name']})"
        try:
            sources.append(parse_source(entry, base))
        except (SourcesError, TypeError, ValueError) as error:
            raise SourcesError(f"{label}: {error}") from error
    names = [source.name for source in sources]
    if len(set(names)) != len(names):
        raise SourcesError(f"{where}: two sources share a name")
    try:
        fetch = parse_fetch(_table(data, "fetch"))
        alerts = AlertSettings(**_table(data, "alerts"))
    except (TypeError, ValueError) as error:
        raise SourcesError(f"{where}: {error}") from error
    return Config(sources=tuple(sources), fetch=fetch, alerts=alerts)


def parse_source(entry: Any, base: Path) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError("an entry must be a table")
    values = dict(entry)
    kind = values.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not isinstance(values.get("name"), str) or not values["name"].strip():
        raise SourcesError("a source needs a name")
    if kind == "telegram" and "url" not in values:
        channel = values.pop("channel", None)
        if not isinstance(channel, str) or not re.fullmatch(r"[A-Za-z0-9_]{3,64}", channel):
            raise SourcesError("a telegram source needs a channel name or a url")
        values["url"] = TELEGRAM_PREVIEW + channel
    values.pop("channel", None)
    if kind == "telegram_export":
        if not isinstance(values.get("path"), str):
            raise SourcesError("a telegram_export source needs a path")
        values["path"] = str(base / values["path"])
    elif not isinstance(values.get("url"), str) or canonical_url(values["url"]) is None:
        raise SourcesError(f"url must be an http(s) URL, not {values.get('url')!r}")
    if "links" in values:
        values["links"] = re.compile(values["links"])
    return Source(**values)


def parse_fetch(table: dict[str, Any]) -> FetchSettings:
    values = dict(table)
    values["allow_private"] = tuple(
        ipaddress.ip_network(item, strict=False) for item in values.get("allow_private", [])
    )
    values["allow_hosts"] = tuple(str(host).lower() for host in values.get("allow_hosts", []))
    settings = FetchSettings(**values)
    if settings.rate <= 0 or settings.per_host < 1 or settings.concurrency < 1:
        raise SourcesError("rate, per_host and concurrency must be positive")
    return settings


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise SourcesError(f"[{name}] must be a table")
    return table
