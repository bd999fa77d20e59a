"""The online rules over every README of the vendored corpus (history included), offline.

Every link is sent to a local server that answers 200 (and every arXiv ID
to a fake API that knows it), so nothing may be reported as dead, moved,
private or missing: what this shows is that link extraction, URL
handling and the title comparison survive real READMEs, and that a
diagnostic always points at the thing it talks about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import corpus_files, read
from fakeweb import FakeWeb

import vrlint
from vrlint.online import OnlineOptions, check_online

ONLINE = re.compile(r"VR2(5\d)|VR4(5\d)")


@pytest.fixture(scope="module")
def web() -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        server.default_status = 200
        server.arxiv_lookup = lambda aid: {"id": f"{aid}v99", "title": f"Paper number {aid}"}
        yield server


@pytest.mark.slow  # expected counts are over all 127 history versions
def test_online_rules_over_the_whole_corpus(web: FakeWeb, tmp_path: Path) -> None:
    options = OnlineOptions(
        link_base_url=web.base,
        arxiv_api_url=web.url("/api/query"),
        allow_private_hosts=True,
        arxiv_interval=0.0,
        cache_dir=tmp_path,  # shared: the 127 versions of one README repeat most links
        timeout=5.0,
    )
    counts: Counter[str] = Counter()
    files = corpus_files(every=True)
    for path in files:
        text = read(path)
        document = vrlint.parse(text)
        found = check_online(document, str(path), None, options)
        for diagnostic in found:
            counts[diagnostic.code] += 1
            assert ONLINE.fullmatch(diagnostic.code), diagnostic
            assert 0 <= diagnostic.span.start < diagnostic.span.end <= len(text)
            # everything answered 200 and every paper exists: only titles can disagree
            assert diagnostic.code == "VR253", diagnostic
            target = text[diagnostic.span.start : diagnostic.span.end]
            aid = re.search(r"arXiv (\S+?),", diagnostic.message)
            assert aid is not None and aid.group(1) in target, (path, diagnostic)
    assert len(files) > 150
    # every ID answered as "Paper number <id>": each row whose title reads like one disagrees
    assert counts["VR253"] > 100
    assert web.hits["/api/query"] > 0 and web.requests > 5_000
