"""Regular expressions compiled on first use, not at import.

The package holds ~170 module-level patterns; compiling them all at import
cost ~40 ms of every run, most of it for patterns a small file never reaches
(a one-line README needs none of the badge, date or venue patterns). A lazy
pattern compiles on its first attribute access and then stores the compiled
pattern's bound methods on itself, so later ``pattern.search(...)`` calls go
straight to the C method: no wrapper frame on hot paths.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    """Stands in for ``re.Pattern``; see the module docstring."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only reached for names not yet on the instance: the first use of a pattern's
        # attribute compiles; private and special names are not the pattern's (copy and
        # pickle look those up on an instance whose _source is not set yet)
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in dir(compiled):
            if not attribute.startswith("__"):
                setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return (lazy_pattern, (self._source, self._flags))

    def __repr__(self) -> str:
        return f"lazy_pattern({self._source!r}, {self._flags!r})"


def lazy_pattern(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled when first used (typed as the pattern it becomes)."""
    return cast("re.Pattern[str]", _LazyPattern(source, int(flags)))
