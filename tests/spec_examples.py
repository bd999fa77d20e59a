"""Examples of the GFM spec files vendored in fixtures/spec (``→`` stands for a tab)."""

from __future__ import annotations

import re

from conftest import SPEC_DIR

_EXAMPLE = re.compile(
    r"^`{32} example[^\n]*\n(.*?)^\.\n(.*?)^`{32}$", re.MULTILINE | re.DOTALL
)


def spec_examples() -> list[tuple[str, int, str]]:
    """(file name, example number, markdown) for every example."""
    found = []
    for path in sorted(SPEC_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for number, m in enumerate(_EXAMPLE.finditer(text), start=1):
            found.append((path.name, number, m.group(1).replace("→", "\t")))
    return found
