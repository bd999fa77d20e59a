"""GitHub heading anchors, so ``](#...)`` links can be checked offline.

GitHub derives a heading's ``id`` from its *rendered plain text* with the
rule of html-pipeline's ``TableOfContentsFilter``: lowercase the text, delete
every character that is not a Unicode word character (``\\p{Word}``: letters,
marks, decimal digits, connector punctuation), ``-`` or a space, then turn each
space into ``-``.  Nothing is collapsed or trimmed, which is why awesome lists
are full of anchors such as ``#-paradigms`` (an emoji was dropped) and
``#️-contributors`` (the emoji went, its VARIATION SELECTOR-16, a mark, stayed).

Repeated anchors are made unique the way github-slugger (and GitHub since
github/markup#990) does it: ``-1``, ``-2``, ... in order of appearance, and a
generated anchor is itself reserved, so ``Foo``, ``Foo``, ``Foo-1`` give
``foo``, ``foo-1``, ``foo-1-1``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from vrlint.lazyre import lazy_pattern

__all__ = ["AnchorRegistry", "github_slug", "unique_anchors"]

# GitHub renders known ``:shortcode:`` emoji as an emoji (an image or the
# character itself), which the slug rule then drops.  The segments between two
# colons are disjoint, so this is linear; the possessive ``++`` makes sure.
_SHORTCODE = lazy_pattern(r":[a-z0-9_+-]++:")

# \p{Word} in Ruby/Onigmo by general category: L*, M*, Nd, Pc.
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Pc"})


def _keep(char: str) -> bool:
    """Whether GitHub's slug rule keeps ``char`` (after lowercasing)."""
    if char < "\x80":  # fast path: the ASCII answer is fixed
        return char.isalnum() or char in "_- "
    return unicodedata.category(char) in _WORD_CATEGORIES


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading whose rendered plain text is ``text``.

    The caller passes the *rendered* text (emphasis markers, link targets and
    image URLs already gone; an image's alt text is not part of it), because
    that is what GitHub slugs.  ``:shortcode:`` emoji are removed first since
    GitHub turns them into emoji, which the rule drops; an unknown shortcode
    would stay literal on GitHub, a rare difference accepted here.
    """
    text = _SHORTCODE.sub("", text).lower()
    return "".join(char for char in text if _keep(char)).replace(" ", "-")


class AnchorRegistry:
    """Hands out unique anchors in document order, exactly like GitHub.

    A registry is per document: create one, call :meth:`add` for every
    heading in order.
    """

    __slots__ = ("_occurrences",)

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def add(self, slug: str) -> str:
        """Reserve and return the anchor for the next heading slugged ``slug``."""
        result = slug
        while result in self._occurrences:
            self._occurrences[slug] += 1
            result = f"{slug}-{self._occurrences[slug]}"
        self._occurrences[result] = 0
        return result

    def add_heading(self, text: str) -> str:
        """Slug ``text`` with :func:`github_slug` and reserve its anchor."""
        return self.add(github_slug(text))

    def __contains__(self, anchor: object) -> bool:
        return anchor in self._occurrences


def unique_anchors(slugs: Iterable[str]) -> list[str]:
    """The anchors GitHub gives headings whose slugs are ``slugs``, in order."""
    registry = AnchorRegistry()
    return [registry.add(slug) for slug in slugs]
