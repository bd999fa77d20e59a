"""When a file has a convention: the one test every convention rule shares.

A style rule may fire by default only where the file (a table, a column, the
whole README) clearly does something one way and a few places break it. "Clearly"
is a share of the comparable places *and* a minimum count, so a 60/40 split or a
three-row table is never a convention. The message names the convention with its
count ("34 of 36 arXiv links in this table open the abstract page").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)

#: a convention needs this share of the comparable places ...
DEFAULT_MIN_SHARE = 0.9
#: ... and at least this many of them following it
DEFAULT_MIN_COUNT = 5


class Convention(Generic[T]):
    """The form most places take, and how many places were compared."""

    __slots__ = ("count", "form", "total")

    def __init__(self, form: T, count: int, total: int) -> None:
        self.form = form
        self.count = count
        self.total = total

    def describe(self, what: str) -> str:
        """``"34 of 36 {what}"``, for messages."""
        return f"{self.count} of {self.total} {what}"


def convention(
    forms: Iterable[T], *, min_share: float = DEFAULT_MIN_SHARE, min_count: int = DEFAULT_MIN_COUNT
) -> Convention[T] | None:
    """The dominant form of ``forms`` if it is a convention, else ``None``.

    ``forms`` holds one comparable form per place (``None`` entries are not
    comparable and are left out by the caller). Ties never make a convention.
    """
    counts = Counter(forms)
    total = sum(counts.values())
    if not counts:
        return None
    (form, count), *rest = counts.most_common(2)
    if rest and rest[0][1] == count:
        return None
    if count < min_count or count < min_share * total:
        return None
    return Convention(form, count, total)
