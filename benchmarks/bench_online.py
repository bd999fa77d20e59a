"""Wall time of the online link checks against a local server that answers after 50 ms.

    python benchmarks/bench_online.py [--links 2000] [--delay 0.05]

Runs ``check_online`` (links only) on a README of N links, with the default
concurrency (64 requests in flight, 16 per host), twice: with a cold cache
and then with the warm one (which must make no request).  Two layouts:
links spread over 100 hosts (the global limit binds) and all links on one
host (the per-host limit binds).  Every link is sent to the local server
through ``link_base_url``; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the fake web server

from fakeweb import FakeWeb

import vrlint
from vrlint.online import OnlineOptions, check_online
from vrlint.online import check as online_check


def readme(links: int, hosts: int) -> str:
    rows = ["| Title | Code |", "|---|---|"]
    rows += [f"| Paper {i} | [code](https://host{i % hosts}.example/ok/{i}) |" for i in range(links)]
    return "\n".join(rows) + "\n"


def run(text: str, web: FakeWeb, cache: Path) -> tuple[float, int, int]:
    options = OnlineOptions(
        arxiv=False, link_base_url=web.base, allow_private_hosts=True, cache_dir=cache, timeout=10.0
    )
    document = vrlint.parse(text)
    before = web.requests
    start = time.perf_counter()
    found = check_online(document, "README.md", None, options)
    elapsed = time.perf_counter() - start
    assert found == [], found[:3]
    assert online_check.LAST_RUN.links_unverified == 0
    return elapsed, web.requests - before, online_check.LAST_RUN.links


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    defaults = OnlineOptions()
    print(
        f"{args.links} links, server answers after {args.delay * 1e3:.0f} ms, "
        f"concurrency {defaults.concurrency} (per host {defaults.host_concurrency})"
    )
    print(f"{'layout':<18} {'cache':<6} {'seconds':>8} {'requests':>9}")
    with FakeWeb(delay=args.delay) as web:
        for label, hosts in (("100 hosts", 100), ("1 host", 1)):
            text = readme(args.links, hosts)
            with tempfile.TemporaryDirectory() as tmp:
                for cache in ("cold", "warm"):
                    elapsed, requests, links = run(text, web, Path(tmp))
                    assert links == args.links
                    if cache == "warm":
                        assert requests == 0, requests
                    print(f"{label:<18} {cache:<6} {elapsed:>8.2f} {requests:>9}")
        print(f"most requests in flight at the server: {web.max_active}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
