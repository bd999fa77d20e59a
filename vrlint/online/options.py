"""Settings of the online checks: command line flags over configuration over defaults.

Configuration keys (top level of ``[tool.vrlint]`` / ``.vrlint.toml``; all optional)::

    online-timeout = 10           # seconds for one request (--timeout wins)
    online-total-timeout = 300    # seconds for the link checks of one file (and again for its arXiv lookups)
    online-concurrency = 64       # requests in flight at once
    online-host-concurrency = 16  # requests in flight to one host
    online-retries = 2            # retries after a 429 or 5xx answer
    online-backoff = 1.0          # first retry delay in seconds (doubles), unless Retry-After says
    online-max-retry-after = 60   # never wait longer than this for one Retry-After
    online-accept-status = [403]  # statuses that count as "alive" besides 2xx
    online-exclude = ["https://twitter.com/*"]   # URL glob patterns never requested
    online-link-cache-days = 1    # how long a link result is reused
    online-arxiv-cache-days = 30  # how long arXiv metadata is reused
    online-arxiv-interval = 3.0   # seconds between arXiv API requests (arXiv asks for 3)
    online-arxiv-batch = 100      # IDs per arXiv API request

Command line (``vrlint check``): ``--online`` (links and arXiv), ``--check-links``,
``--check-arxiv``, ``--cache-dir``, ``--arxiv-api-url``,
``--allow-private-hosts``, ``--timeout``; and, when the parser defines them,
``--concurrency``, ``--host-concurrency``, ``--arxiv-interval`` and ``--no-cache``
(read with ``getattr``, so older parsers simply lack them).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from vrlint._version import __version__
from vrlint.online.safety import Resolver

if TYPE_CHECKING:
    from vrlint.config import Config

__all__ = ["CONFIG_KEYS", "DEFAULT_ARXIV_API", "OnlineOptions", "OptionsError"]

DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"

#: configuration key -> (type, attribute of :class:`OnlineOptions`)
CONFIG_KEYS: dict[str, tuple[type, str]] = {
    "online-timeout": (float, "timeout"),
    "online-total-timeout": (float, "total_timeout"),
    "online-concurrency": (int, "concurrency"),
    "online-host-concurrency": (int, "host_concurrency"),
    "online-retries": (int, "retries"),
    "online-backoff": (float, "backoff"),
    "online-max-retry-after": (float, "max_retry_after"),
    "online-accept-status": (list, "accept_status"),
    "online-exclude": (list, "exclude"),
    "online-link-cache-days": (float, "link_cache_days"),
    "online-arxiv-cache-days": (float, "arxiv_cache_days"),
    "online-arxiv-interval": (float, "arxiv_interval"),
    "online-arxiv-batch": (int, "arxiv_batch"),
}


class OptionsError(ValueError):
    """Online options that cannot work together; the command line reports it as a usage error."""


@dataclass
class OnlineOptions:
    """What :func:`vrlint.online.check_online` does and how.

    Built by :meth:`from_args` for the command line; tests build it
    directly.  ``progress`` is where the progress bar (only on a terminal)
    and the one-line summary go; None keeps the checks silent.
    """

    links: bool = True
    arxiv: bool = True
    #: where results are cached; None: ``.vrlint-cache`` beside the config file or the linted file
    cache_dir: Path | None = None
    use_cache: bool = True
    arxiv_api_url: str = DEFAULT_ARXIV_API
    #: send every link request to this base URL instead (path and query kept): a local
    #: mirror of the linked sites; Python API only (the tests' fake web server)
    link_base_url: str | None = None
    allow_private_hosts: bool = False
    timeout: float = 10.0
    total_timeout: float = 300.0
    concurrency: int = 64
    host_concurrency: int = 16
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 60.0
    max_redirects: int = 10
    accept_status: list[int] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    link_cache_days: float = 1.0
    arxiv_cache_days: float = 30.0
    arxiv_interval: float = 3.0
    arxiv_batch: int = 100
    #: bytes of an arXiv API answer read at most (bigger answers are split into smaller batches)
    arxiv_max_body: int = 1_000_000
    user_agent: str = f"vrlint/{__version__} (Markdown link checker)"
    progress: TextIO | None = None
    #: ``(host, port) -> addresses``; None: the system resolver
    resolver: Resolver | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ValueError naming the first setting that cannot work."""
        positive = {
            "timeout": self.timeout,
            "total_timeout": self.total_timeout,
            "concurrency": self.concurrency,
            "host_concurrency": self.host_concurrency,
            "arxiv_batch": self.arxiv_batch,
            "link_cache_days": self.link_cache_days,
            "arxiv_cache_days": self.arxiv_cache_days,
        }
        for name, value in positive.items():
            if not value > 0:
                raise ValueError(f"{name.replace('_', '-')} must be positive, not {value!r}")
        for name, value in {
            "retries": self.retries,
            "backoff": self.backoff,
            "max_retry_after": self.max_retry_after,
            "arxiv_interval": self.arxiv_interval,
        }.items():
            if value < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative, not {value!r}")
        if not all(isinstance(s, int) and 100 <= s <= 999 for s in self.accept_status):
            raise ValueError("accept-status must list HTTP status codes (100-999)")
        if not all(isinstance(p, str) and p for p in self.exclude):
            raise ValueError("exclude must list URL glob patterns")

    @classmethod
    def from_args(cls, args: argparse.Namespace, config: Config | None) -> OnlineOptions:
        """Options for ``vrlint check --online``: flags win over configuration."""
        from vrlint.config import ConfigError

        values: dict[str, Any] = {}
        options = config.options if config is not None else {}
        where = str(config.source) if config is not None and config.source else "config"
        for key, (kind, attribute) in CONFIG_KEYS.items():
            if key not in options:
                continue
            value = options[key]
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ConfigError(f"{where}: {key} must be a {kind.__name__}")
            values[attribute] = value
        everything = bool(getattr(args, "online", False))
        values["links"] = everything or bool(getattr(args, "check_links", False))
        values["arxiv"] = everything or bool(getattr(args, "check_arxiv", False))
        flags = {
            "cache_dir": getattr(args, "cache_dir", None),
            "arxiv_api_url": getattr(args, "arxiv_api_url", None),
            "timeout": getattr(args, "timeout", None),
            "concurrency": getattr(args, "concurrency", None),
            "host_concurrency": getattr(args, "host_concurrency", None),
            "arxiv_interval": getattr(args, "arxiv_interval", None),
        }
        values.update({k: v for k, v in flags.items() if v is not None})
        values["allow_private_hosts"] = bool(getattr(args, "allow_private_hosts", False))
        values["use_cache"] = not bool(getattr(args, "no_cache", False))
        values["progress"] = sys.stderr
        try:
            return cls(**values)
        except ValueError as error:
            raise OptionsError(f"online checks: {error}") from None
