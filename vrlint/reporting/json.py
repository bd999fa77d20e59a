"""``--output-format json``: a list of diagnostic objects (fields in README)."""

from __future__ import annotations

import json

from vrlint.reporting import Report


def render_json(report: Report) -> str:
    items = [d.to_json(report.documents.get(d.path)) for d in report.diagnostics]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
