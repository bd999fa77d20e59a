"""Online checks, opt-in: ``vrlint check --online`` (or ``--check-links``, ``--check-arxiv``).

* :mod:`~vrlint.online.links`: is every external link alive (VR451), does
  it permanently redirect (VR452), does a GitHub repository link point at
  a renamed repository (VR454, safe fix)?
* :mod:`~vrlint.online.arxiv_api`: does every arXiv ID exist (VR251), was
  the paper withdrawn (VR252), does the row's title match the paper's
  (VR253, :mod:`~vrlint.online.titles`)?
* :mod:`~vrlint.online.safety` and :mod:`~vrlint.online.http`: a README
  cannot make vrlint talk to loopback, private, link-local or metadata
  addresses (VR453) unless ``--allow-private-hosts`` says so.
* :mod:`~vrlint.online.cache`: results kept in ``.vrlint-cache/``.

Only the standard library is used for HTTP.  Settings:
:class:`~vrlint.online.options.OnlineOptions` (its module lists the
configuration keys).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vrlint.online.check import check_online
    from vrlint.online.options import OnlineOptions

__all__ = ["OnlineOptions", "check_online"]


def __getattr__(name: str) -> Any:
    """Load the HTTP machinery only when an online check runs: the offline rules
    import :mod:`vrlint.online.meta`, which must not cost ``vrlint check`` the
    HTTP client's start-up."""
    if name == "check_online":
        from vrlint.online.check import check_online

        return check_online
    if name == "OnlineOptions":
        from vrlint.online.options import OnlineOptions

        return OnlineOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
