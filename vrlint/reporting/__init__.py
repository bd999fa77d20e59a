"""Output formats. Each is a function ``render(report) -> str`` in its own
module, imported only when chosen (``--output-format NAME``)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from vrlint.diagnostics import Diagnostic
from vrlint.document import Document

FORMATS: dict[str, str] = {
    "text": "vrlint.reporting.text:render_text",
    "concise": "vrlint.reporting.text:render_concise",
    "json": "vrlint.reporting.json:render_json",
    "github": "vrlint.reporting.github:render_github",
    "sarif": "vrlint.reporting.sarif:render_sarif",
}


@dataclass
class Report:
    """What a check run found, for the output formats."""

    diagnostics: list[Diagnostic]
    documents: dict[str, Document] = field(default_factory=dict)
    fixable: int = 0
    color: bool = False
    #: ``--quiet``: the findings only, no summary
    quiet: bool = False


Renderer = Callable[[Report], str]


def available_formats() -> list[str]:
    found = []
    for name, target in FORMATS.items():
        module = target.split(":")[0]
        if importlib.util.find_spec(module) is not None:
            found.append(name)
    return found


def renderer(name: str) -> Renderer:
    module_name, function = FORMATS[name].split(":")
    module = importlib.import_module(module_name)
    result: Renderer = getattr(module, function)
    return result
