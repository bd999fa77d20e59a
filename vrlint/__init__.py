"""vrlint: keep the paper tables of Markdown awesome lists correct.

The public API is small and imported lazily, so ``vrlint --version`` and a
pre-commit hook do not pay for the parser before they need it::

    import vrlint
    doc = vrlint.parse(text)          # lossless: doc.render() == text
    tables = vrlint.tables(doc)       # typed table and entry records
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vrlint._version import __version__

if TYPE_CHECKING:
    from vrlint.document import Document
    from vrlint.records.models import TableRecord

__all__ = ["Document", "__version__", "parse", "tables"]


def parse(text: str) -> Document:
    """Parse README text into a :class:`~vrlint.document.Document`."""
    from vrlint.parsing.build import parse as _parse

    return _parse(text)


def tables(document: Document) -> list[TableRecord]:
    """The typed :class:`~vrlint.records.models.TableRecord` of every table."""
    from vrlint.records.extract import extract_tables

    return extract_tables(document)


def __getattr__(name: str) -> Any:
    if name == "Document":
        from vrlint.document import Document

        return Document
    raise AttributeError(name)
