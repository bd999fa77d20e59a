"""Read badge image URLs (mainly shields.io) the way the badge server does.

Paper tables carry most of their metadata in static shields badges
(``/badge/arXiv-2410.12109-b31b1b``). Their path grammar is easy to get wrong
(an unescaped ``-`` or a year where the colour should be), and the server
then quietly renders something else, so rules need a faithful decoder that
also explains *why* a path does not parse.

Everything here is pure and linear-time: paths are split by a hand-written
scanner, and every regex is anchored with no nested quantifiers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple
from urllib.parse import SplitResult, parse_qsl, quote, unquote

from vrlint.lazyre import lazy_pattern
from vrlint.records.urls import split_url

#: each distinct badge URL is decoded once however many rules ask (a bounded memo)
_URL_CACHE = 65536

__all__ = [
    "CSS_NAMED_COLORS",
    "SHIELDS_NAMED_COLORS",
    "SHIELDS_STYLES",
    "Badge",
    "BadgeKind",
    "decode_part",
    "encode_part",
    "is_badge_service",
    "is_valid_color",
    "parse_badge_url",
]

BadgeKind = Literal["static", "dynamic", "other"]

#: Colour names shields.io accepts besides CSS colours (badge-maker's
#: ``namedColors`` plus its aliases).
SHIELDS_NAMED_COLORS: frozenset[str] = frozenset(
    {
        "brightgreen", "green", "yellow", "yellowgreen", "orange", "red", "blue",
        "grey", "gray", "lightgrey", "lightgray", "critical", "important",
        "success", "informational", "inactive", "blueviolet",
    }
)  # fmt: skip

#: The 148 CSS named colours (CSS Color Module Level 4) plus ``transparent``,
#: which shields forwards to the SVG unchanged.
CSS_NAMED_COLORS: frozenset[str] = frozenset(
    """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black
    blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse
    chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan
    darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
    darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink
    deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen
    fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey
    honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
    lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow
    lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime
    limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid
    mediumpurple mediumseagreen mediumslateblue mediumspringgreen
    mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
    navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff
    peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
    saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
    slateblue slategray slategrey snow springgreen steelblue tan teal thistle
    tomato turquoise violet wheat white whitesmoke yellow yellowgreen
    transparent
    """.split()
)

#: Styles shields renders; anything else silently falls back to ``flat``.
SHIELDS_STYLES: frozenset[str] = frozenset({"flat", "flat-square", "plastic", "for-the-badge", "social"})

# Without ``#`` shields only takes 3 or 6 hex digits; with ``#`` (sent as
# ``%23``) the value goes through the CSS check, which also allows 4 and 8.
_BARE_HEX = lazy_pattern(r"(?:[0-9a-fA-F]{3}){1,2}")
_HASH_HEX = lazy_pattern(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_COLOR_FUNCTION = lazy_pattern(r"(rgba?|hsla?)\(([^()]*)\)", re.IGNORECASE)
_FUNCTION_ARG_SPLIT = lazy_pattern(r"[\s,/]+")
_FUNCTION_ARG = lazy_pattern(
    r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:%|deg|grad|rad|turn)?", re.IGNORECASE
)
_ONLY_HEX_DIGITS = lazy_pattern(r"[0-9a-fA-F]+")
_YEARISH = lazy_pattern(r"(?:19|20)[0-9]{2}(?![0-9A-Za-z])")

# Raster/vector extensions the shields router strips from the last part.
_EXTENSIONS = (".svg", ".png", ".json", ".gif", ".jpg")

_SHIELDS_HOSTS = frozenset({"img.shields.io", "shields.io", "raster.shields.io"})
_DYNAMIC_PREFIXES = (
    "/badge/dynamic/json",
    "/badge/dynamic/xml",
    "/badge/dynamic/yaml",
    "/badge/dynamic/toml",
)

# Hosts whose every image is a badge (service "other").
_OTHER_BADGE_HOSTS = frozenset(
    {
        "badges.aleen42.com", "visitor-badge.laobi.icu", "visitor-badge.glitch.me",
        "api.visitorbadge.io", "hits.seeyoufarm.com", "forthebadge.com",
        "img.badgesize.io", "static.pepy.tech", "badges.frapsoft.com",
        "app.travis-ci.com", "travis-ci.org", "travis-ci.com",
    }
)  # fmt: skip


class Badge(NamedTuple):
    """One badge image URL, decoded.

    ``label``/``message``/``color`` are what the server would render (query
    overrides applied); ``problem`` is a sentence for the table author when
    the URL will not render as intended, and ``valid`` is ``problem is None``.
    """

    url: str
    service: str
    kind: BadgeKind
    label: str | None = None
    message: str | None = None
    color: str | None = None
    label_color: str | None = None
    style: str | None = None
    logo: str | None = None
    logo_color: str | None = None
    valid: bool = True
    problem: str | None = None
    #: the raw (still percent-encoded) URL path, e.g. ``/github/stars/o/r``
    path: str = ""


def is_valid_color(s: str) -> bool:
    """Whether shields would honour ``s`` as a colour instead of falling back to grey."""
    if not s:
        return False
    lowered = s.lower()
    if lowered in SHIELDS_NAMED_COLORS or lowered in CSS_NAMED_COLORS:
        return True
    if _BARE_HEX.fullmatch(s) or _HASH_HEX.fullmatch(s):
        return True
    m = _COLOR_FUNCTION.fullmatch(s.strip())
    if m is None:
        return False
    args = [a for a in _FUNCTION_ARG_SPLIT.split(m.group(2).strip()) if a]
    return len(args) in (3, 4) and all(_FUNCTION_ARG.fullmatch(a) for a in args)


def decode_part(raw: str) -> str:
    """Decode one ``-``-separated field of a static badge path.

    Mirrors shields: percent-decoding first, then in each run of underscores
    pairs become ``_`` and an odd trailing one becomes a space, and ``--``
    becomes ``-``.
    """
    text = unquote(raw)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "_":
            j = i
            while j < n and text[j] == "_":
                j += 1
            run = j - i
            out.append("_" * (run // 2))
            if run % 2:
                out.append(" ")
            i = j
        elif ch == "-" and i + 1 < n and text[i + 1] == "-":
            out.append("-")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def encode_part(text: str) -> str:
    """Encode ``text`` as one static-badge field so that :func:`decode_part` restores it.

    ``-`` and ``_`` are doubled, a space becomes ``_`` (or ``%20`` where an
    underscore would be ambiguous) and everything else URL-unsafe is
    percent-encoded. ``text`` must be encodable as UTF-8 (no lone surrogates).
    """
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "-":
            out.append("--")
        elif ch == "_":
            out.append("__")
        elif ch == " ":
            nxt = text[i + 1] if i + 1 < n else ""
            out.append("%20" if nxt in ("_", " ") else "_")
        else:
            out.append(quote(ch, safe=""))
    return "".join(out)


def _split_fields(content: str) -> list[str]:
    """Split raw badge content on single ``-``; ``--`` stays inside a field."""
    fields: list[str] = []
    start = i = 0
    n = len(content)
    while i < n:
        if content[i] == "-":
            if i + 1 < n and content[i + 1] == "-":
                i += 2
                continue
            fields.append(content[start:i])
            start = i + 1
        i += 1
    fields.append(content[start:])
    return fields


def _color_problem(value: str, what: str) -> str | None:
    """Explain why ``value`` is not a colour, or None when it is one."""
    if is_valid_color(value):
        return None
    if value == "":
        return f"the {what} is empty"
    hint = ""
    if _looks_like_year(value):
        hint = " (it looks like a year; a badge path needs label-message-colour)"
    elif _ONLY_HEX_DIGITS.fullmatch(value):
        hint = f" (hex colours need 3 or 6 digits, this has {len(value)})"
    return f'"{value}" is not a valid {what}{hint}'


def _looks_like_year(value: str) -> bool:
    """A venue year such as 2025 or 2024(Oral) pushed into the colour slot."""
    return _YEARISH.match(value) is not None


def _first(query: dict[str, str], *names: str) -> str | None:
    for name in names:
        if name in query:
            return query[name]
    return None


def _parse_query(query: str) -> dict[str, str]:
    """First value of each query parameter (shields reads the first)."""
    result: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        result.setdefault(key, value)
    return result


def _split(url: str) -> SplitResult | None:
    split = split_url(url)
    if split is None:
        return None
    parts = split.parts
    if parts.scheme.lower() not in ("http", "https", ""):
        return None
    if not parts.netloc:
        return None
    return parts


def _service(parts: SplitResult) -> str | None:
    """Name of the badge service serving ``parts``, or None for non-badge URLs."""
    host = (parts.hostname or "").rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    path = parts.path
    low = path.lower()
    if host in _SHIELDS_HOSTS:
        return "shields.io"
    if host == "badgen.net":
        return "badgen.net"
    if host == "badge.fury.io":
        return "badge.fury.io"
    if host == "awesome.re":
        name = low.rsplit("/", 1)[-1]
        if low.count("/") == 1 and name.endswith(".svg") and "badge" in name:
            return "awesome.re"
        return None
    if host in _OTHER_BADGE_HOSTS:
        return "other"
    if host == "github.com" and low.endswith("/badge.svg"):
        return "other"  # GitHub Actions workflow status
    if host in ("codecov.io", "app.codecov.io") and ("badge" in low or low.endswith(".svg")):
        return "other"
    if host == "circleci.com" and (low.endswith(".svg") or "/badge" in low):
        return "other"
    if host == "ci.appveyor.com" and low.startswith("/api/projects/status"):
        return "other"
    if host == "readthedocs.org" and "/badge" in low:
        return "other"
    if host in ("pepy.tech", "zenodo.org", "deepwiki.com") and "badge" in low:
        return "other"
    if host == "colab.research.google.com" and low.endswith("colab-badge.svg"):
        return "other"
    if host == "huggingface.co" and low.startswith("/datasets/huggingface/badges/"):
        return "other"
    if host == "cdn.rawgit.com" and low.startswith("/sindresorhus/awesome/") and low.endswith(".svg"):
        return "other"
    return None


def is_badge_service(url: str) -> bool:
    """Whether ``url`` points at a known badge-image service (never raises)."""
    parts = _split(url)
    return parts is not None and _service(parts) is not None


def _strip_extension(content: str) -> str:
    low = content.lower()
    for ext in _EXTENSIONS:
        if low.endswith(ext):
            return content[: -len(ext)]
    return content


def _parse_static_path(content: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """(label, message, colour, problems) for the raw ``<content>`` of ``/badge/<content>``."""
    fields = _split_fields(content)
    problems: list[str] = []
    if len(fields) == 1:
        problems.append(
            f'badge path "{unquote(content)}" has no "-" separator; '
            "a static badge needs message-colour or label-message-colour"
        )
        return None, decode_part(fields[0]) or None, None, problems
    if len(fields) > 3:
        problems.append(
            f'badge path "{unquote(content)}" has {len(fields)} dash-separated parts '
            '(at most 3: label-message-colour); write a literal "-" as "--"'
        )
        return None, None, None, problems
    decoded = [decode_part(f) for f in fields]
    if len(decoded) == 2:
        label, message, color = None, decoded[0], decoded[1]
    else:
        label, message, color = decoded[0] or None, decoded[1], decoded[2]
    if not message:
        problems.append("the badge message is empty")
    return label, message or None, color, problems


def _static_shields(url: str, path: str, content: str, query: dict[str, str], problems: list[str]) -> Badge:
    label, message, path_color, path_problems = _parse_static_path(_strip_extension(content))
    query_color = _first(query, "color", "colorB")
    if query_color is not None:
        if (p := _color_problem(query_color, "colour")) is not None:
            problems.append(p + " (color= query parameter)")
        color: str | None = query_color
    else:
        color = path_color
        if path_color is not None and (p := _color_problem(path_color, "colour")) is not None:
            if _looks_like_year(path_color) and not label and not path_problems:
                p += f'; with only two parts "{message}" is read as the message'
            path_problems.append(p)
    query_label = query.get("label")
    if query_label is not None:
        label = query_label or None
    return _finish(
        url, "shields.io", "static", path, query, problems + path_problems,
        label=label, message=message, color=color,
    )  # fmt: skip


def _finish(
    url: str,
    service: str,
    kind: BadgeKind,
    path: str,
    query: dict[str, str],
    problems: list[str],
    *,
    label: str | None,
    message: str | None,
    color: str | None,
) -> Badge:
    """Apply the query parameters every shields badge shares, and build the Badge."""
    label_color = _first(query, "labelColor", "colorA")
    logo_color = query.get("logoColor")
    style = query.get("style")
    if label_color is not None and (p := _color_problem(label_color, "label colour")) is not None:
        problems.append(p)
    if logo_color is not None and (p := _color_problem(logo_color, "logo colour")) is not None:
        problems.append(p)
    if style is not None and style not in SHIELDS_STYLES:
        problems.append(f'style "{style}" is not a shields style; it falls back to flat')
    return Badge(
        url=url,
        service=service,
        kind=kind,
        label=label,
        message=message,
        color=color,
        label_color=label_color,
        style=style,
        logo=query.get("logo"),
        logo_color=logo_color,
        valid=not problems,
        problem="; ".join(problems) if problems else None,
        path=path,
    )


def _parse_shields(url: str, parts: SplitResult) -> Badge:
    path = parts.path
    query = _parse_query(parts.query)
    problems: list[str] = []
    if path.startswith("/badge/") and not path.startswith(_DYNAMIC_PREFIXES):
        return _static_shields(url, path, path[len("/badge/") :], query, problems)
    if _strip_extension(path) == "/static/v1":
        message = query.get("message")
        if not message:
            problems.append("a /static/v1 badge needs a non-empty message= parameter")
        color = _first(query, "color", "colorB")
        if color is not None and (p := _color_problem(color, "colour")) is not None:
            problems.append(p)
        return _finish(
            url, "shields.io", "static", path, query, problems,
            label=query.get("label") or None, message=message or None, color=color,
        )  # fmt: skip
    color = _first(query, "color", "colorB")
    if color is not None and (p := _color_problem(color, "colour")) is not None:
        problems.append(p)
    return _finish(
        url, "shields.io", "dynamic", path, query, problems,
        label=query.get("label") or None, message=None, color=color,
    )  # fmt: skip


def _parse_badgen(url: str, parts: SplitResult) -> Badge:
    path = parts.path
    query = _parse_query(parts.query)
    segments = path.split("/")
    if len(segments) >= 3 and segments[1] == "badge":
        fields = [unquote(s) for s in segments[2:]]
        problems: list[str] = []
        if len(fields) < 2 or not fields[1]:
            problems.append("a badgen static badge needs /badge/label/message[/colour]")
        color = fields[2] if len(fields) >= 3 else None
        if color is not None and (p := _color_problem(color, "colour")) is not None:
            problems.append(p)
        return Badge(
            url=url,
            service="badgen.net",
            kind="static",
            label=fields[0] or None,
            message=(fields[1] or None) if len(fields) >= 2 else None,
            color=color,
            valid=not problems,
            problem="; ".join(problems) if problems else None,
            path=path,
        )
    return Badge(url=url, service="badgen.net", kind="dynamic", label=query.get("label"), path=path)


@lru_cache(maxsize=_URL_CACHE)
def parse_badge_url(url: str) -> Badge | None:
    """Decode a badge image URL; None when ``url`` is not from a known badge service.

    Never raises, whatever the input.
    """
    parts = _split(url)
    if parts is None:
        return None
    service = _service(parts)
    if service is None:
        return None
    if service == "shields.io":
        return _parse_shields(url, parts)
    if service == "badgen.net":
        return _parse_badgen(url, parts)
    kind: BadgeKind = "dynamic" if service == "badge.fury.io" else "other"
    return Badge(url=url, service=service, kind=kind, path=parts.path)
