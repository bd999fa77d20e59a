"""Classify link destinations found in paper tables.

Rules care less about the exact URL than about what it points at: a paper
page, a code repository, a model or dataset card, a project page. This
module answers that with plain string checks on the parsed URL (no network,
no regex over the whole URL), so it is cheap and cannot backtrack.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, NamedTuple
from urllib.parse import SplitResult, urlsplit

from vrlint.lazyre import lazy_pattern

#: each distinct URL is classified once however many rules ask (a bounded memo)
_URL_CACHE = 65536

__all__ = [
    "GITHUB_RESERVED",
    "PAPER_HOSTS",
    "UrlInfo",
    "UrlKind",
    "classify_url",
    "split_host",
]

UrlKind = Literal[
    "arxiv",
    "github_repo",
    "github_pages",
    "github_other",
    "huggingface_model",
    "huggingface_dataset",
    "huggingface_space",
    "huggingface_other",
    "modelscope_model",
    "modelscope_dataset",
    "modelscope_other",
    "paper",
    "fragment",
    "relative",
    "mailto",
    "other",
    "invalid",
]

#: First path segments of github.com that are site pages, not user names.
GITHUB_RESERVED: frozenset[str] = frozenset(
    """
    about account apps blog codespaces collections contact copilot customer-stories
    dashboard enterprise enterprises events explore features gist github-copilot
    home issues join login logout marketplace new notifications nonprofit orgs
    organizations pricing pulls readme resources search security sessions settings
    signup site sitemap solutions sponsors stars team topics trending user-attachments
    users watching why-github
    """.split()
)

#: Hosts (and their subdomains) that serve papers or paper landing pages.
PAPER_HOSTS: frozenset[str] = frozenset(
    """
    openreview.net aclanthology.org aclweb.org openaccess.thecvf.com
    proceedings.neurips.cc papers.neurips.cc papers.nips.cc proceedings.mlr.press
    proceedings.iclr.cc doi.org dx.doi.org dl.acm.org ieeexplore.ieee.org
    link.springer.com semanticscholar.org ojs.aaai.org ijcai.org ecva.net jmlr.org
    jair.org direct.mit.edu sciencedirect.com nature.com science.org biorxiv.org
    medrxiv.org techrxiv.org isca-archive.org isca-speech.org pubmed.ncbi.nlm.nih.gov
    onlinelibrary.wiley.com iopscience.iop.org computer.org papers.ssrn.com
    ssrn.com hal.science mdpi.com tandfonline.com
    """.split()
)

_HF_HOSTS = frozenset({"huggingface.co", "hf.co"})
_HF_RESERVED = frozenset(
    """
    api blog chat collections docs enterprise join learn login models new
    new-dataset new-space organizations papers posts pricing privacy search settings
    tasks terms-of-service inference-endpoints spaces datasets
    """.split()
)
_MODELSCOPE_HOSTS = frozenset({"modelscope.cn", "modelscope.ai"})

# Schemes that are legitimate but not web pages; anything else followed by
# "://" (e.g. "htttps://") is a typo and classified as invalid.
_OTHER_SCHEMES = frozenset(
    {"ftp", "ftps", "sftp", "git", "ssh", "tel", "data", "file", "irc", "ircs", "news",
     "magnet", "xmpp", "javascript", "sms", "doi"}
)  # fmt: skip

# Top-level domains common in paper tables, used only to spot "github.com/x"
# written without a scheme (file names like README.md must not match).
_COMMON_TLDS = frozenset(
    "com org net io ai cn co edu gov dev app me info xyz tech site uk de jp kr fr ch cc".split()
)

_SCHEME = lazy_pattern(r"([A-Za-z][A-Za-z0-9+.\-]{0,31}):")
_HOST_LABEL = lazy_pattern(r"[a-z0-9](?:[a-z0-9\-_]{0,61}[a-z0-9])?")
#: a GitHub user or organisation name, and a repository name (also read by the badge rules)
GITHUB_OWNER = lazy_pattern(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,38})")
REPO_NAME = lazy_pattern(r"[A-Za-z0-9._\-]{1,100}")
_HUB_NAME = lazy_pattern(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,95}")
_BAD_CHARS = lazy_pattern(r"[\x00-\x1f\x7f<>\"]")


class UrlInfo(NamedTuple):
    """What a link destination points at.

    ``owner``/``name`` are the repository, model, dataset or space owner and
    name when the kind has them (``.git`` stripped); ``scheme`` and ``host``
    are lowercase, ``host`` without ``www.``-stripping or port.
    """

    kind: UrlKind
    url: str
    scheme: str = ""
    host: str | None = None
    owner: str | None = None
    name: str | None = None
    path: str = ""
    #: why the URL is invalid, or (kind "relative") a hint that it lacks ``https://``
    problem: str | None = None


class UrlParts(NamedTuple):
    parts: SplitResult
    #: ``parts.hostname``: lowercase, "" when there is none
    host: str


@lru_cache(maxsize=_URL_CACHE)
def split_url(url: str) -> UrlParts | None:
    """``urlsplit(url.strip())`` and its host, worked out once per distinct URL for
    every rule and record that reads one (a big list has ~3 readers per link); None
    when urllib rejects the URL (a malformed IPv6 literal). Never raises."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return None
    return UrlParts(parts, host)


def _urlsplit(url: str) -> SplitResult | None:
    split = split_url(url)
    return split.parts if split is not None else None


def _valid_host(host: str) -> bool:
    if host.startswith("[") and host.endswith("]"):
        return len(host) > 2
    if not host or len(host) > 253:
        return False
    labels = host.split(".")
    if not host.isascii():  # IDN: letters/digits of any script, plus "-" and "_"
        return all(labels) and all(c.isalnum() or c in "-_" for c in host.replace(".", ""))
    return all(_HOST_LABEL.fullmatch(label) for label in labels)


@lru_cache(maxsize=_URL_CACHE)
def split_host(url: str) -> str | None:
    """Lowercase host of an absolute or protocol-relative URL; None otherwise. Never raises."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _SCHEME.match(url) is None and not url.startswith("//"):
        return None
    parts = _urlsplit(url)
    if parts is None or not parts.netloc:
        return None
    host = parts.hostname
    if not host:
        return None
    host = host.rstrip(".").lower()
    if parts.netloc.startswith("[") or ":" in host:
        host = f"[{host}]"
    return host if _valid_host(host) else None


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _strip_git(name: str) -> str:
    return name[:-4] if name.lower().endswith(".git") and len(name) > 4 else name


def _host_matches(host: str, domains: frozenset[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    if host in domains:
        return True
    dot = host.find(".")
    while dot != -1:
        if host[dot + 1 :] in domains:
            return True
        dot = host.find(".", dot + 1)
    return False


def _github(info: dict[str, str | None], host: str, segs: list[str]) -> UrlKind:
    if host in ("raw.githubusercontent.com",) and len(segs) >= 2:
        info["owner"], info["name"] = segs[0], _strip_git(segs[1])
        return "github_other"
    if host not in ("github.com", "www.github.com") or not segs:
        return "github_other"
    first = segs[0]
    if first.lower() in GITHUB_RESERVED or GITHUB_OWNER.fullmatch(first) is None:
        return "github_other"
    info["owner"] = first
    if len(segs) < 2:
        return "github_other"
    name = _strip_git(segs[1])
    if REPO_NAME.fullmatch(name) is None or name in (".", ".."):
        return "github_other"
    info["name"] = name
    return "github_repo"


def _owner_name(info: dict[str, str | None], segs: list[str], kind: UrlKind, other: UrlKind) -> UrlKind:
    if len(segs) >= 2 and _HUB_NAME.fullmatch(segs[0]) and _HUB_NAME.fullmatch(segs[1]):
        info["owner"], info["name"] = segs[0], segs[1]
        return kind
    return other


def _huggingface(info: dict[str, str | None], segs: list[str]) -> UrlKind:
    if not segs:
        return "huggingface_other"
    first = segs[0]
    if first == "datasets":
        if len(segs) == 2 and _HUB_NAME.fullmatch(segs[1]):  # legacy un-namespaced dataset
            info["name"] = segs[1]
            return "huggingface_dataset"
        return _owner_name(info, segs[1:], "huggingface_dataset", "huggingface_other")
    if first == "spaces":
        return _owner_name(info, segs[1:], "huggingface_space", "huggingface_other")
    if first in _HF_RESERVED:
        return "huggingface_other"
    kind = _owner_name(info, segs, "huggingface_model", "huggingface_other")
    if kind == "huggingface_other" and _HUB_NAME.fullmatch(first):
        info["owner"] = first  # an organisation or user page
    return kind


def _modelscope(info: dict[str, str | None], segs: list[str]) -> UrlKind:
    if len(segs) >= 1 and segs[0] == "models":
        return _owner_name(info, segs[1:], "modelscope_model", "modelscope_other")
    if len(segs) >= 1 and segs[0] == "datasets":
        return _owner_name(info, segs[1:], "modelscope_dataset", "modelscope_other")
    return "modelscope_other"


def _by_host(info: dict[str, str | None], host: str, path: str) -> UrlKind:
    bare = host[4:] if host.startswith("www.") else host
    segs = _segments(path)
    if bare == "arxiv.org" or bare.endswith(".arxiv.org"):
        return "arxiv"
    if bare.endswith(".github.io") and bare != ".github.io":
        info["owner"] = bare[: -len(".github.io")]
        if segs:
            info["name"] = segs[0]
        return "github_pages"
    if bare in ("github.com", "gist.github.com", "raw.githubusercontent.com"):
        return _github(info, bare, segs)
    if bare in _HF_HOSTS:
        return _huggingface(info, segs)
    if bare in _MODELSCOPE_HOSTS:
        return _modelscope(info, segs)
    if _host_matches(bare, PAPER_HOSTS):
        return "paper"
    return "other"


@lru_cache(maxsize=_URL_CACHE)
def classify_url(url: str) -> UrlInfo:
    """Say what kind of destination ``url`` is. Never raises.

    Surrounding whitespace and ``<...>`` are ignored. A URL with no scheme
    (``github.com/x/y``) is "relative", because that is how GitHub renders it.
    """
    raw = url
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    if not url:
        return UrlInfo("invalid", raw, problem="the link destination is empty")
    if url.startswith("#"):
        return UrlInfo("fragment", raw, path=url)
    bad = _BAD_CHARS.search(url)
    if bad is not None:
        return UrlInfo("invalid", raw, problem=f"the URL contains the character {bad.group()!r}")
    m = _SCHEME.match(url)
    if m is None:
        if url.startswith("//"):
            return _absolute(raw, url, "")
        if "://" in url:
            return UrlInfo("invalid", raw, problem="the URL has '://' but no valid scheme before it")
        return UrlInfo("relative", raw, path=url, problem=_schemeless_problem(url))
    scheme = m.group(1).lower()
    if scheme == "mailto":
        return UrlInfo("mailto", raw, scheme=scheme)
    if scheme in ("http", "https"):
        return _absolute(raw, url, scheme)
    if scheme in _OTHER_SCHEMES:
        return UrlInfo("other", raw, scheme=scheme)
    if url[m.end() :].startswith("//"):
        return UrlInfo("invalid", raw, scheme=scheme, problem=f"unknown URL scheme {scheme!r}")
    # "foo:bar" without "//" is a relative path with a colon (e.g. "Note:1"),
    # which CommonMark still treats as a URI with scheme "foo"; call it other.
    return UrlInfo("other", raw, scheme=scheme)


def _schemeless_problem(url: str) -> str | None:
    """A hint when a relative path is really a web address missing ``https://``."""
    first = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
    labels = first.split(".")
    if len(labels) >= 2 and all(labels) and labels[-1] in _COMMON_TLDS and _valid_host(first):
        return f"{first} looks like a host name but has no scheme; GitHub treats it as a relative path"
    return None


def _absolute(raw: str, url: str, scheme: str) -> UrlInfo:
    parts = _urlsplit(url)
    if parts is None or not parts.netloc:
        return UrlInfo("invalid", raw, scheme=scheme, problem="the URL has no host")
    host = split_host(url)
    if host is None:
        return UrlInfo("invalid", raw, scheme=scheme, problem="the URL's host name is malformed")
    info: dict[str, str | None] = {"owner": None, "name": None}
    kind = _by_host(info, host, parts.path)
    return UrlInfo(
        kind, raw, scheme=scheme, host=host, owner=info["owner"], name=info["name"], path=parts.path
    )
