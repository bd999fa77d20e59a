"""GitHub's autolink extension: bare ``https://…``, ``ftp://…`` and ``www.…`` links.

The rules are cmark-gfm's (``extensions/autolink.c``), which GitHub runs,
not the looser regular expression of mistune's ``url`` plugin:

* ``http://``, ``https://`` and ``ftp://`` in any case, not preceded by an
  ASCII letter (``ahttps://x`` is text), followed by a host character
  (not a space, not punctuation: ``https://-`` is text);
* ``www.`` at the start of the text or after a space, ``*``, ``_``, ``~``
  or ``(``, with at least one dot in the domain;
* an underscore in the last two segments of the domain refuses the link
  (``http://a_b.c``), unless the domain has more than ten dots;
* the link runs to the next ASCII space or ``<``, then trailing
  ``?!.,:*_~'"``, an entity-like ``&amp;`` and unbalanced ``)`` are dropped;
* no autolink while a ``[`` or ``![`` is open (``[http://a.com/x`` is text).

Each function scans from its start to the next space or ``<`` at most once,
and the inline parser moves past everything scanned, so the total work is
linear in the content.
"""

from __future__ import annotations

import unicodedata

from vrlint.lazyre import lazy_pattern

#: what cmark calls a space (``cmark_isspace``)
_ASCII_SPACE = " \t\n\v\f\r"
_LINK_STOP = lazy_pattern(r"[ \t\n\v\f\r<]")
_TRAILING = frozenset("?!.,:*_~'\"")

#: the scheme of a URL autolink, matched at its first letter
URL_START = r"(?<![A-Za-z])(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP]):\/\/"
#: ``www.`` at the start or after a space, ``*``, ``_``, ``~`` or ``(``
WWW_START = r"(?<![^ \t\n\v\f\r*_~(])www\."


def _is_punctuation(char: str) -> bool:
    if char < "\x80":
        return not char.isalnum() and char.isprintable() and not char.isspace()
    return unicodedata.category(char).startswith("P")


def _is_space(char: str) -> bool:
    return char in _ASCII_SPACE or unicodedata.category(char) == "Zs"


def _is_host_char(char: str) -> bool:
    return not _is_space(char) and not _is_punctuation(char)


def _domain_length(src: str, start: int, allow_short: bool) -> int:
    """cmark-gfm's ``check_domain`` on ``src[start:]``: 0 when refused."""
    size = len(src) - start
    dots = underscores_before = underscores = 0
    index = 1
    # cmark-gfm walks bytes: the byte after a non-ASCII character's first
    # byte is not a host character, so the walk stops at that character
    while index < size - 1 and src[start].isascii():
        char = src[start + index]
        if char == "\\" and index < size - 2:
            index += 1
            char = src[start + index]
        if not char.isascii():
            break
        if char == "_":
            underscores += 1
        elif char == ".":
            underscores_before, underscores = underscores, 0
            dots += 1
        elif not _is_host_char(char) and char != "-":
            break
        index += 1
    if (underscores_before or underscores) and dots <= 10:
        return 0
    if allow_short or dots:
        return index
    return 0


def _trim(src: str, start: int, end: int) -> int:
    """cmark-gfm's ``autolink_delim``: drop trailing punctuation and unbalanced ``)``."""
    opening = src.count("(", start, end)
    closing = src.count(")", start, end)
    while end > start:
        char = src[end - 1]
        if char == ")":
            if closing <= opening:
                return end
            closing -= 1
            end -= 1
        elif char in _TRAILING:
            end -= 1
        elif char == ";":
            new_end = end - 2
            while new_end > start and src[new_end].isascii() and src[new_end].isalpha():
                new_end -= 1
            end = new_end if new_end < end - 2 and src[new_end] == "&" else end - 1
        else:
            return end
    return end


def _run_end(src: str, position: int) -> int:
    stop = _LINK_STOP.search(src, position)
    return len(src) if stop is None else stop.start()


def url_autolink_end(src: str, start: int, colon: int) -> int | None:
    """End of the URL autolink whose scheme starts at ``start`` (``src[colon]``
    is its ``:``), or None when GitHub does not link it."""
    host = colon + 3
    if host >= len(src) or not _is_host_char(src[host]):
        return None
    domain = _domain_length(src, host, allow_short=True)
    if domain == 0:
        return None
    end = _trim(src, colon, _run_end(src, host + domain))
    return end if end > host else None


def www_autolink_end(src: str, start: int) -> int | None:
    """End of the ``www.`` autolink starting at ``start``, or None."""
    domain = _domain_length(src, start, allow_short=False)
    if domain == 0:
        return None
    end = _trim(src, start, _run_end(src, start + domain))
    return end if end > start else None
