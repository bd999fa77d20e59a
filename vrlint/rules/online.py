"""VR25x and VR45x: the online rules (``vrlint check --online``).

These rules need the network, so the offline engine never runs them: each
registered function yields nothing, and :func:`vrlint.online.check_online`
does the work and builds diagnostics with the code, name and severity
documented in :mod:`vrlint.online.meta`.  Registering them still matters:
``vrlint rule VR451`` explains them, and ``--select``/``--ignore`` accept
their codes.
"""

from __future__ import annotations

from vrlint.online.meta import ONLINE_RULES, offline
from vrlint.rules.base import rule

__all__: list[str] = []

for _meta in ONLINE_RULES.values():
    rule(**_meta)(offline)
