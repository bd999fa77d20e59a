"""Parsing: text → :class:`vrlint.document.Document`, losslessly."""

from vrlint.parsing.build import parse

__all__ = ["parse"]
