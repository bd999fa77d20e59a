"""Tests for vrlint.records.urls: what a link destination points at."""

from __future__ import annotations

import typing
from collections import Counter

import pytest
from conftest import SEED, corpus_readmes
from hang import assert_finishes
from hypothesis import given
from hypothesis import strategies as st

from vrlint.records.urls import UrlInfo, UrlKind, classify_url, split_host

CORPUS = [*corpus_readmes(), SEED]
KINDS = set(typing.get_args(UrlKind))


def destinations(text: str) -> list[str]:
    """Markdown ``](dest)`` destinations, honouring balanced parentheses."""
    out: list[str] = []
    i = text.find("](")
    while i != -1:
        j = k = i + 2
        depth = 0
        while k < len(text) and not text[k].isspace():
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                if depth == 0:
                    break
                depth -= 1
            k += 1
        out.append(text[j:k])
        i = text.find("](", i + 2)
    return out


@pytest.mark.parametrize(
    ("url", "kind", "owner", "name"),
    [
        ("https://arxiv.org/abs/2410.12109", "arxiv", None, None),
        ("http://export.arxiv.org/pdf/2410.12109", "arxiv", None, None),
        ("https://github.com/deepseek-ai/Janus", "github_repo", "deepseek-ai", "Janus"),
        ("https://github.com/DAMO-NLP-SG/VideoLLaMA2#earth_americas-model-zoo", "github_repo", "DAMO-NLP-SG",
         "VideoLLaMA2"),
        ("https://github.com/showlab/Show-o/tree/main/docs", "github_repo", "showlab", "Show-o"),
        ("https://github.com/o/r.git", "github_repo", "o", "r"),
        ("https://www.github.com/o/r", "github_repo", "o", "r"),
        ("https://GitHub.com/o/my.repo", "github_repo", "o", "my.repo"),
        ("https://github.com/Sugewud", "github_other", "Sugewud", None),
        ("https://github.com/orgs/foo/repositories", "github_other", None, None),
        ("https://github.com/topics/llm", "github_other", None, None),
        ("https://github.com/marketplace/actions/x", "github_other", None, None),
        ("https://github.com/user-attachments/assets/5fbf20a0", "github_other", None, None),
        ("https://github.com/%20technion-cs-nlp/parametric-faithfulness", "github_other", None, None),
        ("https://github.com/microsoft/i\u2011Code/tree/main", "github_other", "microsoft", None),
        ("https://github.com", "github_other", None, None),
        ("https://gist.github.com/u/abc", "github_other", None, None),
        ("https://raw.githubusercontent.com/o/r/main/x.png", "github_other", "o", "r"),
        ("https://om-cat.github.io.", "github_pages", "om-cat", None),
        ("https://showlab.github.io/Show-o/", "github_pages", "showlab", "Show-o"),
        ("https://huggingface.co/deepseek-ai/Janus-1.3B", "huggingface_model", "deepseek-ai", "Janus-1.3B"),
        ("https://hf.co/BAAI/Emu3-Chat", "huggingface_model", "BAAI", "Emu3-Chat"),
        ("https://huggingface.co/BAAI/Emu3-Chat/tree/main", "huggingface_model", "BAAI", "Emu3-Chat"),
        ("https://huggingface.co/datasets/UCSC-VLAA/Recap-COCO-30K", "huggingface_dataset", "UCSC-VLAA",
         "Recap-COCO-30K"),
        ("https://huggingface.co/datasets/squad", "huggingface_dataset", None, "squad"),
        ("https://huggingface.co/spaces/org/demo", "huggingface_space", "org", "demo"),
        ("https://huggingface.co/collections/Qwen/qwen2-vl", "huggingface_other", None, None),
        ("https://huggingface.co/papers/2401.12345", "huggingface_other", None, None),
        ("https://huggingface.co/showlab", "huggingface_other", "showlab", None),
        ("https://huggingface.co/", "huggingface_other", None, None),
        ("https://modelscope.cn/models/qwen/Qwen-7B", "modelscope_model", "qwen", "Qwen-7B"),
        ("https://www.modelscope.cn/datasets/org/data/summary", "modelscope_dataset", "org", "data"),
        ("https://modelscope.ai/models/org/m", "modelscope_model", "org", "m"),
        ("https://modelscope.cn/studios/x/y", "modelscope_other", None, None),
        ("https://openreview.net/forum?id=abc", "paper", None, None),
        ("https://aclanthology.org/2024.acl-long.1/", "paper", None, None),
        ("http://openaccess.thecvf.com/content_cvpr_2018/html/x.html", "paper", None, None),
        ("https://proceedings.neurips.cc/paper/2020/x", "paper", None, None),
        ("http://papers.nips.cc/paper_files/paper/2022/hash/x", "paper", None, None),
        ("https://proceedings.mlr.press/v202/x.html", "paper", None, None),
        ("https://doi.org/10.48550/arXiv.2306.14824", "paper", None, None),
        ("https://dl.acm.org/doi/10.1145/1", "paper", None, None),
        ("https://ieeexplore.ieee.org/document/1", "paper", None, None),
        ("https://link.springer.com/chapter/1", "paper", None, None),
        ("https://www.semanticscholar.org/paper/x", "paper", None, None),
        ("https://ojs.aaai.org/index.php/AAAI/article/view/1", "paper", None, None),
        ("https://www.ecva.net/papers/eccv_2024/x.php", "paper", None, None),
        ("https://www.youtube.com/watch?v=x", "other", None, None),
        ("https://img.shields.io/badge/a-b-c", "other", None, None),
        ("https://notgithub.com/o/r", "other", None, None),
        ("https://github.com.evil.example/o/r", "other", None, None),
        ("#-paradigms", "fragment", None, None),
        ("./survey/2026-01-23-plawbench.md", "relative", None, None),
        ("imgs/resnet-2.jpg", "relative", None, None),
        ("mailto:someone@example.com", "mailto", None, None),
        ("ftp://example.com/x", "other", None, None),
        ("", "invalid", None, None),
        ("   ", "invalid", None, None),
        ("htttps://arxiv.org/abs/2502.10248", "invalid", None, None),
        ("ttps://github.com/Wan-Video/Wan2.1", "invalid", None, None),
        ("httpshttps://github.com/gyxxyg/TRACE", "invalid", None, None),
        ("[https://arxiv.org/abs/2408.12528](https://arxiv.org/abs/2408.12528)", "invalid", None, None),
        ("https:", "invalid", None, None),
        ("https://", "invalid", None, None),
        ("https://exa mple.com/", "invalid", None, None),
        ("https://example.com/\nx", "invalid", None, None),
        ("http://[::1/", "invalid", None, None),
    ],
)  # fmt: skip
def test_classify_url(url: str, kind: str, owner: str | None, name: str | None) -> None:
    info = classify_url(url)
    assert (info.kind, info.owner, info.name) == (kind, owner, name)
    assert info.url == url
    if kind == "invalid":
        assert info.problem


def test_scheme_host_and_path() -> None:
    info = classify_url("  <HTTPS://WWW.GitHub.com:443/o/r/blob/main/x.md?a=1#L3>  ")
    assert (info.kind, info.scheme, info.host, info.path) == (
        "github_repo",
        "https",
        "www.github.com",
        "/o/r/blob/main/x.md",
    )
    assert classify_url("//github.com/o/r").kind == "github_repo"
    assert classify_url("//github.com/o/r").scheme == ""


def test_schemeless_host_gets_a_hint_but_files_do_not() -> None:
    # Both are real corpus links that GitHub renders as broken relative links.
    for url in ("huggingface.co/OpenGVLab/VideoChat-R1_5", "eastbeanzhang.github.io/GUAVA/"):
        info = classify_url(url)
        assert info.kind == "relative" and info.problem is not None and "no scheme" in info.problem
    for url in ("CONTRIBUTING.md", "README_zh-CN.md", "imgs/a.png", "./github.com/x"):
        assert classify_url(url).problem is None


def test_urlinfo_is_frozen() -> None:
    info = classify_url("https://github.com/o/r")
    assert isinstance(info, UrlInfo)
    with pytest.raises(AttributeError):
        info.kind = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://GitHub.com/o/r", "github.com"),
        ("http://user:pw@Example.COM:8080/x", "example.com"),
        ("https://om-cat.github.io./", "om-cat.github.io"),
        ("//cdn.example.org/a", "cdn.example.org"),
        ("http://[::1]:80/", "[::1]"),
        ("https://bücher.de/", "bücher.de"),
        ("github.com/o/r", None),
        ("mailto:a@b.c", None),
        ("", None),
        ("https://", None),
        ("http://[::1/", None),
        ("https://exa mple.com", None),
        ("https://-bad-.com", None),
        ("https://a..b", None),
        ("#x", None),
    ],
)
def test_split_host(url: str, host: str | None) -> None:
    assert split_host(url) == host


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for url in (text, "https://" + text, "https://github.com/" + text, "https://huggingface.co/" + text):
        info = classify_url(url)
        assert info.kind in KINDS
        assert info.url == url
        host = split_host(url)
        assert host is None or host == host.lower()


@given(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,20}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9._-]{1,30}", fullmatch=True),
)
def test_any_valid_github_repo_is_recognised(owner: str, repo: str) -> None:
    from vrlint.records.urls import GITHUB_RESERVED

    if owner.lower() in GITHUB_RESERVED or repo in (".", "..") or repo.lower() == ".git":
        return
    info = classify_url(f"https://github.com/{owner}/{repo}")
    expected = repo[:-4] if repo.lower().endswith(".git") else repo
    assert (info.kind, info.owner, info.name) == ("github_repo", owner, expected)


N = 100_000


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * N, "https://" + "a-" * (N // 2) + ".com", "https://" + "a." * (N // 2),
        "a" * N + ":", "a" * N + "://x", "https://github.com/" + "a" * N, "https://github.com/o/" + "a" * N,
        "https://huggingface.co/" + "a/" * (N // 2), "http://[" + ":" * N, "/" * N, "#" * N,
        "https://" + "%" * N, "https://x.com/" + "-" * N, "huggingface.co" + "." * N,
    ],
)  # fmt: skip
def test_linear_time(url: str) -> None:
    assert_finishes(lambda: classify_url(url))
    assert_finishes(lambda: split_host(url))


def test_corpus_link_kinds() -> None:
    links = [d for path in CORPUS for d in destinations(path.read_text(encoding="utf-8"))]
    kinds = Counter(classify_url(d).kind for d in links)
    assert set(kinds) <= KINDS
    # arXiv and GitHub dominate paper tables; each checked family is present.
    assert kinds["arxiv"] > 5000 and kinds["github_repo"] > 2000
    assert kinds["huggingface_model"] > 50 and kinds["huggingface_dataset"] > 100
    assert kinds["paper"] > 500 and kinds["github_pages"] > 100
    for d in links:
        info = classify_url(d)
        if d.startswith(("https://arxiv.org/", "http://arxiv.org/")):
            assert info.kind == "arxiv", d
        if info.kind == "github_repo":
            assert info.owner and info.name and "/" not in info.name, d
            assert f"{info.owner}/" in d
        if info.kind == "invalid":
            assert info.problem, d


def test_corpus_invalid_links_are_real_mistakes() -> None:
    links = [d for path in CORPUS for d in destinations(path.read_text(encoding="utf-8"))]
    invalid = {d for d in links if d and classify_url(d).kind == "invalid"}
    # Every non-empty invalid destination is a scheme typo or a link nested in a link.
    for d in invalid:
        assert d.startswith(("[", "(", "htttps:", "ttps:", "httpshttps:", "https:")), d
    assert {"htttps://arxiv.org/abs/2502.10248", "ttps://github.com/Wan-Video/Wan2.1"} <= invalid
