"""The comparison key rules use to tell whether two titles or labels say the same.

Casefolded letters and digits of any script, nothing else: what survives
punctuation, emoji, markup and spacing. One definition, so VR701 (duplicate
rows), VR201/VR203 (the title an arXiv ID belongs to) and the TOC rules compare
alike. A regex does it: the per-character generator it replaces was the
largest single cost of those rules on a big table.
"""

from __future__ import annotations

import unicodedata

from vrlint.lazyre import lazy_pattern

#: ``[\W_]`` is exactly "not ``str.isalnum()``" (checked over every code point in tests)
_NOT_LETTERS_OR_DIGITS = lazy_pattern(r"[\W_]+")


def folded_key(text: str) -> str:
    """Casefolded letters and digits only."""
    return _NOT_LETTERS_OR_DIGITS.sub("", text.casefold())


def compatible_key(text: str) -> str:
    """:func:`folded_key` after NFKC (full-width and styled letters read as plain ones)."""
    return folded_key(unicodedata.normalize("NFKC", text))
