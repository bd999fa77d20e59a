"""Pure parsers for the values found in paper-table cells.

Badges, arXiv identifiers, link destinations and check marks are parsed here
with no dependency on the rest of vrlint, so rules and fixers can share one
well-tested reading of each value.
"""
