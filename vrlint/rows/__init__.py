"""Rows of a table as its author writes them: the style a table's rows share
(:mod:`vrlint.rows.style`), the order they are kept in (:mod:`vrlint.rows.order`)
and adding a paper row (:mod:`vrlint.rows.add`)."""
