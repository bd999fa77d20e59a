"""Text-level checks that need no Markdown parse: mojibake and suspicious characters.

Kept apart from parsing so the encoding rules can run on raw file text, even
text too damaged to parse, and so importing them stays cheap (stdlib only).
"""
