"""Latency of the web UI and API under concurrent clients, on 127.0.0.1 only.

Starts `narrascope serve` in its own process on a free loopback port over a database (default:
the `make run` database), then runs CLIENTS threads in this process for SECONDS, each requesting
a fixed mix of pages and API calls in turn. Prints requests, errors and p50/p95/max per URL and
overall.

    .venv/bin/python bench/web_bench.py [--db data/narrascope.db] [--clients 50] [--seconds 30]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict

import httpx

MIX = [
    "/",
    "/?q=средней+державы&mode=fts",
    "/documents/hostile-html",
    "/entities/person:tokayev",
    "/quotes",
    "/themes",
    "/partners",
    "/health",
    "/api/documents?limit=50",
    "/api/search?q=Токаев&mode=fts",
    "/api/quotes?speaker=person:tokayev",
    "/api/themes/timeline",
    "/api/partners",
    "/api/entities?format=csv",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def client(base: str, stop: float, timings: dict[str, list[float]], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        index = 0
        while time.monotonic() < stop:
            url = MIX[index % len(MIX)]
            index += 1
            started = time.perf_counter()
            try:
                response = http.get(url)
                if response.status_code != 200:
                    errors.append(f"{url}: HTTP {response.status_code}")
            except httpx.HTTPError as error:
                errors.append(f"{url}: {error!r}")
                continue
            timings[url].append(time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="data/narrascope.db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "narrascope", "--db", args.db, "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        run(base, args.clients, args.seconds, args.db)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/api/stats", timeout=5)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def run(base: str, clients: int, seconds: float, db: str) -> None:
    wait_until_up(base)
    httpx.get(base + "/api/search?q=warm+up&mode=hybrid", timeout=60)  # loads e5 once
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    stop = time.monotonic() + seconds
    workers = [
        threading.Thread(target=client, args=(base, stop, timings, errors)) for _ in range(clients)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    everything = [value for values in timings.values() for value in values]
    print(f"{clients} clients, {seconds:.0f} s, database {db}")
    print(f"{'url':45} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for url in MIX:
        values = timings[url]
        if values:
            print(
                f"{url[:45]:45} {len(values):6d} {1000 * statistics.median(values):8.1f}"
                f" {1000 * percentile(values, 0.95):8.1f} {1000 * max(values):8.1f}"
            )
    print(
        f"all: {len(everything)} requests ({len(everything) / seconds:.1f}/s),"
        f" {len(errors)} errors, p50 {1000 * statistics.median(everything):.1f} ms,"
        f" p95 {1000 * percentile(everything, 0.95):.1f} ms"
    )
    for error in errors[:10]:
        print("error:", error)


if __name__ == "__main__":
    main()
