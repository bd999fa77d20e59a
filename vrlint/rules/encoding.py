"""VR8xx: the characters of the file itself (mojibake, controls, invisible ones, U+FFFD).

These rules look below the Markdown: they read ``Document.text`` with the
pure scanners of :mod:`vrlint.text`, and use the parsed blocks only to know
*where* a character sits (a link destination, a heading, an HTML comment, a
code block).

Where nothing is reported
-------------------------
Nothing inside a code block or an HTML comment (a comment block, a comment
inside a raw HTML block, an inline ``<!-- -->``) is reported: readers never
see comments, and code blocks show text verbatim, possibly on purpose (a
README about encodings shows mojibake in a code block).  Inline code spans
*are* checked: they are shown, and copied.

Mojibake (VR801): one root cause, one diagnostic
--------------------------------------------------
A file that was decoded as Mac Roman once has every non-ASCII character
damaged: hundreds of spots with one cause and one repair.  So when more than
``separate-limit`` (default 10) spots are damaged, VR801 reports *once*, at
the first damaged spot that readers can see, and its safe fix repairs every
damaged spot of the file, including those inside comments and code blocks:
the damage is to the file's bytes, and the repair gives back exactly the
UTF-8 text (the seed README becomes its historical original byte for byte).
When at most ``separate-limit`` spots are damaged (a row pasted from a
mis-decoded page), each visible spot is reported with its own fix, and spots
inside comments or code blocks are left alone: a few isolated ones there may
be quoted on purpose.  Except when the file has no correct non-ASCII text at
all and some of its damage is inside comments or code blocks: that is a
whole file decoded wrongly (a short README whose few emoji and a BibTeX
``√ü`` were all damaged), reported once with the file-wide fix.  The same reasoning decides the case where *all* damage
is inside comments or code: a few spots are not reported at all; pervasive
damage is reported once, at the start of the first line readers see (never
inside a comment), with the file-wide fix; a file made only of comments and
code blocks has no such line and is not reported.

The fix undoes every layer (double mojibake such as ``ÃƒÂ©`` comes back as
``é`` in one go), so re-linting the fixed file reports nothing.  Since a
repair never touches ASCII and turns each run of non-ASCII characters into
another such run, the edits are computed run by run against
:func:`~vrlint.text.mojibake.repair` of the whole text, trimmed to the
characters that change; they never overlap.  The other VR8xx rules skip the
characters inside damaged spots (a Latin-1 mojibake holds C1 controls and
soft hyphens that are really parts of UTF-8 sequences).

Control characters (VR802)
--------------------------
Deleted by the safe fix, with three exceptions.  FORM FEED and LINE
TABULATION are whitespace to CommonMark and HTML (and LINE TABULATION is
what Word and PowerPoint paste for a manual line break), so between two
words they become a space instead of gluing the words together.  An ANSI
escape sequence (``ESC[31m``, pasted from a terminal) is removed whole, not
just its ESC, which would leave ``[31m`` on the page.  A C1 control that
Windows-1252 defines (``\\x93`` is ``“``, ``\\x96`` is ``–``) is what a
Windows-1252 file read as Latin-1 looks like, and deleting it would lose a
quote or turn ``2019–2020`` into ``20192020``: that fix replaces it with the
Windows-1252 character and is unsafe (vrlint guesses the file's history).
A fix that would turn a line of controls between two non-blank lines into a
blank line (splitting a paragraph or a table) is unsafe too.

Invisible characters (VR803, VR804)
-----------------------------------
Inside a link destination (inline, image, raw-HTML ``href``/``src``,
autolink, link definition) an invisible character makes the URL differ from
what readers see: VR803, error, safe fix deleting it.  Inside a heading it is
an error too (VR803): GitHub's anchor drops it, but it is copied into the
tables of contents that tools generate, into the anchors other renderers
derive (VS Code, markdown-it), and into every copy of the title.
Elsewhere it is a warning (VR804) with an unsafe fix: a zero-width space may
be a deliberate line-break hint.  Characters that do a job are not reported
outside destinations: bidi marks, embeddings and isolates on a line of
right-to-left text (overrides, the "Trojan Source" characters, always are),
and ZERO WIDTH (NON-)JOINER next to letters of the scripts whose spelling
needs them (Arabic, Persian, Indic, ...).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from vrlint.diagnostics import Applicability, Diagnostic, Edit
from vrlint.document import (
    Block,
    CodeBlock,
    Document,
    Heading,
    HtmlBlock,
    Inline,
    Line,
    LinkDefinition,
    Paragraph,
    Span,
    Table,
    walk,
)
from vrlint.lazyre import lazy_pattern
from vrlint.rules.base import Context, rule
from vrlint.text.chars import find_control_chars, find_invisible_chars, looks_binary
from vrlint.text.mojibake import find_mojibake, repair

__all__ = ["DEFAULT_SEPARATE_LIMIT"]

#: VR801 reports up to this many damaged spots one by one, more as one finding
DEFAULT_SEPARATE_LIMIT: Final = 10

_NON_ASCII = lazy_pattern(r"[^\x00-\x7f]+")
# A CSI escape sequence: parameter bytes, intermediate bytes, one final byte.
# The three classes are disjoint, so matching is linear.
_ANSI_CSI = lazy_pattern(r"\x1b\[[0-?]*[ -/]*[@-~]")

# A line of nothing but spaces, tabs and the controls VR802 removes.
_SPACE_AND_CONTROLS = lazy_pattern(r"[ \t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")

_CODEC_NAMES: Final = {"mac_roman": "Mac Roman", "cp1252": "Windows-1252", "latin-1": "Latin-1"}

_FF_VT = frozenset("\x0b\x0c")
_ESC = "\x1b"
_REPLACEMENT = "\ufffd"
_BOM = "\ufeff"
_SOFT_HYPHEN = "\u00ad"
_JOINERS = frozenset("\u200c\u200d")
#: bidi controls that do a job in right-to-left text (not the overrides)
_BIDI_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069")
_BIDI = _BIDI_MARKS | frozenset("\u202d\u202e")

#: characters escaped when a message quotes text
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


# -- where a character sits ----------------------------------------------------------


class _Ranges:
    """Sorted, merged half-open offset ranges with a fast membership test."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._ranges = merged
        self._starts = [start for start, _ in merged]

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ranges[index][1]

    def find(self, offset: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._ranges[index][1]:
            return self._ranges[index]
        return None


def _block_range(document: Document, block: Block) -> tuple[int, int]:
    """Offsets of a block's lines, from the first character to the last line's ending."""
    last = document.line(block.end_line)
    return document.line(block.start_line).start, last.start + len(last.text) + len(last.ending)


def _comments_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``<!-- ... -->`` ranges in ``text[start:end]``; an unclosed one runs to ``end``.

    Plain ``str.find`` calls, each scanning forward from the last match: linear.
    """
    position = start
    while True:
        opening = text.find("<!--", position, end)
        if opening < 0:
            return
        closing = text.find("-->", opening + 4, end)
        if closing < 0:
            yield opening, end
            return
        yield opening, closing + 3
        position = closing + 3


def _block_inlines(block: Block) -> Iterator[Inline]:
    if isinstance(block, Paragraph | Heading):
        yield from walk(block.inlines)
    elif isinstance(block, Table):
        for row in block.all_rows:
            for cell in row.cells:
                yield from walk(cell.inlines)


def _hidden(document: Document) -> _Ranges:
    """Code blocks and HTML comments: text that is never reported."""
    ranges: list[tuple[int, int]] = []
    for block in document.blocks:
        if isinstance(block, CodeBlock):
            ranges.append(_block_range(document, block))
        elif isinstance(block, HtmlBlock):
            ranges.extend(_comments_in(document.text, *_block_range(document, block)))
        else:
            for node in _block_inlines(block):
                if node.kind == "html" and node.span is not None and node.text.startswith("<!--"):
                    ranges.append((node.span.start, node.span.end))
    return _Ranges(ranges)


# -- quoting text in messages -----------------------------------------------------------


def _visible(text: str, limit: int = 60) -> str:
    """``text`` with invisible and control characters spelled ``\\u200b``, shortened."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    out: list[str] = []
    for char in text:
        if unicodedata.category(char) in _HIDDEN_CATEGORIES:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def _quote(text: str, limit: int = 60) -> str:
    return f"`{_visible(text, limit)}`"


def _line_of(document: Document, offset: int) -> Line:
    return document.line(document.position(offset)[0])


#: characters quoted on each side of a flagged character: enough to find
#: it, too few to carry a secret out of a file that should not have been read
_REACH = 12


def _token(document: Document, start: int, end: int, reach: int = _REACH) -> str:
    """The word around ``text[start:end]``: up to ``reach`` non-space, non-control
    characters each side; nothing more than the flagged text when the file is
    not text (:func:`looks_binary`)."""
    text = document.text
    if looks_binary(text):
        return text[start:end]
    line = _line_of(document, start)
    line_end = line.start + len(line.text)
    left = start
    while left > line.start and start - left < reach and not _stops_token(text[left - 1]):
        left -= 1
    right = end
    while right < line_end and right - end < reach and not _stops_token(text[right]):
        right += 1
    return text[left:right]


def _stops_token(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc"


def _it(count: int) -> str:
    return "it" if count == 1 else "them"


# -- VR801 mojibake ------------------------------------------------------------------------------


class _Damage(NamedTuple):
    """The file's mojibake: one edit per damaged spot, its codec, and how much is clean."""

    edits: tuple[Edit, ...]
    codecs: tuple[str, ...]
    clean_runs: int

    def covering(self) -> _Ranges:
        return _Ranges((edit.start, edit.end) for edit in self.edits)


def _trimmed_edit(old: str, new: str, start: int, keep: tuple[int, int] | None) -> Edit:
    """The edit turning ``old`` (at ``start``) into ``new``, without their common ends.

    ``keep`` is the extent of the damaged stretches found in ``old``: trimming
    never cuts into it, even where a repaired character happens to equal a
    damaged one (a lossy ``â€\ufffd`` repairs to ``\ufffd``).
    """
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shortest - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if keep is not None:
        prefix = min(prefix, keep[0] - start)
        suffix = min(suffix, start + len(old) - keep[1])
    return Edit(start + prefix, start + len(old) - suffix, new[prefix : len(new) - suffix])


@lru_cache(maxsize=8)
def _damage(text: str) -> _Damage:
    """Every damaged spot of ``text`` as a minimal edit to its full repair."""
    found = find_mojibake(text)
    if not found:
        return _Damage((), (), 0)
    fixed = repair(text)
    old_runs = list(_NON_ASCII.finditer(text))
    new_runs = list(_NON_ASCII.finditer(fixed))
    starts = [item.start for item in found]
    edits: list[Edit] = []
    clean = 0
    if len(old_runs) == len(new_runs) and _NON_ASCII.sub("", text) == _NON_ASCII.sub("", fixed):
        for old, new in zip(old_runs, new_runs, strict=True):
            if old.group() == new.group():
                clean += 1
                continue
            first = bisect.bisect_left(starts, old.start())
            last = bisect.bisect_left(starts, old.end()) - 1
            keep = (found[first].start, found[last].end) if first <= last else None
            edits.append(_trimmed_edit(old.group(), new.group(), old.start(), keep))
    else:  # cannot happen (a repair keeps ASCII and run boundaries); one layer then
        edits = [Edit(item.start, item.end, item.repaired) for item in found]
    codecs: list[str] = []
    for edit in edits:
        # the first-layer stretch that overlaps the edit names its codec
        index = max(bisect.bisect_right(starts, edit.start) - 1, 0)
        while index + 1 < len(found) and found[index].end <= edit.start:
            index += 1
        codecs.append(found[index].codec)
    return _Damage(tuple(edits), tuple(codecs), clean)


def _layers(text: str) -> int:
    """How many rounds of :func:`find_mojibake` repairs ``text`` needs (for messages)."""
    rounds = 0
    while found := find_mojibake(text):
        rounds += 1
        parts: list[str] = []
        position = 0
        for item in found:
            parts += [text[position : item.start], item.repaired]
            position = item.end
        text = "".join([*parts, text[position:]])
    return rounds


def _codec_phrase(codecs: Iterable[str]) -> str:
    ranked = [codec for codec, _ in Counter(codecs).most_common()]
    return " and ".join(_CODEC_NAMES.get(codec, codec) for codec in ranked)


def _first_visible_line(document: Document, hidden: _Ranges) -> Line | None:
    for line in document.lines:
        if line.text.strip() and not hidden.covers(line.start + len(line.text) - len(line.text.lstrip())):
            return line
    return None


def _separate_limit(ctx: Context) -> int:
    """The ``separate-limit`` option; a value that is not a whole number means the default."""
    value = ctx.option("separate-limit", DEFAULT_SEPARATE_LIMIT)
    if isinstance(value, bool) or not isinstance(value, int | str):
        return DEFAULT_SEPARATE_LIMIT
    try:
        return max(int(value), 0)
    except ValueError:
        return DEFAULT_SEPARATE_LIMIT


@rule(
    code="VR801",
    name="mojibake",
    severity="error",
    summary="Text is UTF-8 that was decoded as Mac Roman, Windows-1252 or Latin-1 (mojibake).",
    why=(
        "When a UTF-8 README is opened with the wrong encoding and saved again, every emoji, "
        "check mark, dash and CJK character turns into garbage such as `üòé` or `‚úì`: readers "
        "see noise, anchors built from the headings change, and marks such as ✓ are no longer "
        "recognised. The damage is reversible as long as nobody edits it by hand; the fix "
        "decodes the damaged characters as UTF-8 again. When the whole file is damaged this is "
        "reported once, with a fix for every spot."
    ),
    bad="| Model | Video |\n| --- | --- |\n| OMCAT | ‚úì |\n",
    good="| Model | Video |\n| --- | --- |\n| OMCAT | ✓ |\n",
    fix="safe",
    options={"separate-limit": DEFAULT_SEPARATE_LIMIT},
)
def mojibake(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    damage = _damage(document.text)
    if not damage.edits:
        return
    hidden = _hidden(document)
    limit = _separate_limit(ctx)
    visible = [index for index, edit in enumerate(damage.edits) if not hidden.covers(edit.start)]
    # Damage inside comments or code blocks in a file with no correct non-ASCII
    # text at all: the whole file was decoded wrongly, so it is repaired whole.
    whole_file = damage.clean_runs == 0 and 0 < len(visible) < len(damage.edits)
    if len(damage.edits) <= limit and not whole_file:
        for index in visible:
            edit = damage.edits[index]
            old, new = _quote(document.text[edit.start : edit.end]), _quote(edit.content)
            codec = _CODEC_NAMES.get(damage.codecs[index], damage.codecs[index])
            if _layers(document.text[edit.start : edit.end]) > 1:
                codec += " more than once"
            yield ctx.report(
                ctx.span(edit.start, edit.end),
                f"{old} is mojibake (UTF-8 text decoded as {codec}) for {new}; replace it with {new}",
                fix=ctx.fix("safe", f"replace {old} with {new}", [edit]),
            )
        return
    finding = _file_finding(ctx, damage, hidden, visible)
    if finding is not None:
        yield finding


def _file_finding(ctx: Context, damage: _Damage, hidden: _Ranges, visible: list[int]) -> Diagnostic | None:
    """The one diagnostic for pervasive damage, with a fix for every spot.

    None when the file is nothing but comments and code blocks: there is no
    place outside them to report at.
    """
    document = ctx.document
    count = len(damage.edits)
    lines = len({document.position(edit.start)[0] for edit in damage.edits})
    where = f"{count} damaged spots on {lines} line{'s' if lines != 1 else ''}"
    inside = count - len(visible)
    if visible and inside:
        where += f" ({inside} of them inside HTML comments or code blocks)"
    codec = _codec_phrase(damage.codecs)
    if damage.clean_runs == 0:
        opening = f"this file looks like UTF-8 text that was decoded as {codec} and saved again: {where}"
    else:
        opening = f"{where} are mojibake (UTF-8 text decoded as {codec})"
    fix = ctx.fix("safe", f"repair all {count} damaged spots (decode them as UTF-8 again)", damage.edits)
    if visible:
        first = damage.edits[visible[0]]
        example = f"{_quote(document.text[first.start : first.end])} should be {_quote(first.content)}"
        return ctx.report(
            ctx.span(first.start, first.end),
            f"{opening}; the first is here: {example}; run `vrlint --fix` to repair them all",
            fix=fix,
        )
    line = _first_visible_line(document, hidden)
    first_line = document.position(damage.edits[0].start)[0]
    if line is None:
        return None
    start = line.start + len(line.text) - len(line.text.lstrip())
    return ctx.report(
        ctx.span(start, start),
        f"{opening}, all inside HTML comments or code blocks (the first on line {first_line}); "
        "run `vrlint --fix` to repair them all",
        fix=fix,
    )


# -- VR802 control characters -----------------------------------------------------------------


class _Control:
    """A stretch of control characters and what the fix puts in its place
    (a plain class: runs are merged in place, and a dataclass costs start-up time)."""

    __slots__ = ("ansi", "content", "end", "guessed", "names", "start")

    def __init__(self, start: int, end: int, names: list[str], ansi: bool = False) -> None:
        self.start = start
        self.end = end
        self.names = names
        self.content = ""
        self.guessed = False
        self.ansi = ansi


def _cp1252(char: str) -> str | None:
    """The Windows-1252 character a C1 control stands for, if Windows-1252 defines one."""
    code = ord(char)
    if not 0x80 <= code <= 0x9F:
        return None
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None


def _controls(document: Document, hidden: _Ranges, damaged: _Ranges) -> list[_Control]:
    """Reported control characters, adjacent ones (and ANSI sequences) merged."""
    text = document.text
    runs: list[_Control] = []
    skip_to = 0
    for offset, name in find_control_chars(text):
        if offset < skip_to or hidden.covers(offset) or damaged.covers(offset):
            continue
        char = text[offset]
        item = _Control(offset, offset + 1, [name])
        if char == _ESC and (sequence := _ANSI_CSI.match(text, offset)) is not None:
            item = _Control(offset, sequence.end(), [name], ansi=True)
            skip_to = sequence.end()
        elif (windows := _cp1252(char)) is not None:
            item.content, item.guessed = windows, True
        elif char in _FF_VT:
            item.content = " "
        if runs and runs[-1].end == item.start:
            last = runs[-1]
            last.end, last.content = item.end, last.content + item.content
            last.names += item.names
            last.guessed |= item.guessed
            last.ansi |= item.ansi
        else:
            runs.append(item)
    for item in runs:
        _settle_whitespace(text, item)
    return runs


def _settle_whitespace(text: str, item: _Control) -> None:
    """FORM FEED / LINE TABULATION become one space only between two non-space characters."""
    if not item.content or item.guessed or item.content.strip():
        return
    before = text[item.start - 1] if item.start > 0 else " "
    after = text[item.end] if item.end < len(text) else " "
    item.content = " " if not before.isspace() and not after.isspace() else ""


def _blanks_a_line(document: Document, item: _Control, memo: dict[int, bool]) -> bool:
    """Whether fixing the line's controls empties it while it sits between two non-blank lines.

    Such a line (a lone FORM FEED, say) continues the paragraph or table
    around it; emptied, it would split them.  ``memo`` caches the answer per
    line, and the full match stops at the first ordinary character: linear.
    """
    number = document.position(item.start)[0]
    if number not in memo:
        neighbours = [document.line(n).text for n in (number - 1, number + 1) if 1 <= n <= len(document.lines)]
        memo[number] = (
            _SPACE_AND_CONTROLS.fullmatch(document.line(number).text) is not None
            and len(neighbours) == 2
            and all(text.strip(" \t") for text in neighbours)
        )
    return memo[number]


def _control_message(document: Document, item: _Control) -> str:
    raw = document.text[item.start : item.end]
    count = Counter(item.names)
    if item.ansi:
        what = f"terminal escape sequence {_quote(raw)} (pasted from a terminal)"
    elif len(item.names) == 1:
        what = f"control character {item.names[0]}"
    else:
        listed = ", ".join(name if n == 1 else f"{name} ×{n}" for name, n in count.items())
        what = f"{len(item.names)} control characters ({listed})"
    token = _token(document, item.start, item.end)
    where = f" in {_quote(token)}" if token != raw else ""
    if item.ansi:
        reason = ": GitHub does not colour text, it shows the code's remainder as literal text"
        action = f"delete {_it(1 if len(item.names) == 1 else 2)}"
    elif item.guessed:
        reason = (
            ": C1 controls are what Windows-1252 punctuation becomes when the file is read as "
            f"Latin-1, and in Windows-1252 this is {_quote(item.content)}"
        )
        action = f"replace {_it(len(item.names))} with {_quote(item.content)}"
    elif item.content:
        reason = ": it is whitespace to Markdown but shows as a box or nothing and breaks diffs"
        action = f"replace {_it(len(item.names))} with a space"
    else:
        reason = ": GitHub shows it as nothing or as a box, and it breaks diffs and tools"
        action = f"delete {_it(len(item.names))}"
    return f"{what}{where}{reason}; {action}"


@rule(
    code="VR802",
    name="control-character",
    severity="error",
    summary="The text contains a control character (NUL, ESC, DEL, a C1 control, ...).",
    why=(
        "Control characters other than tab and line breaks have no business in a README: "
        "GitHub renders them as nothing, a box or U+FFFD, they break diffs, search and "
        "copy-paste, and tools reading the file may choke on them. They are usually pasted in "
        "from a terminal, a PDF or Word, or left by an editor. A C1 control (U+0080..U+009F) is "
        "usually a Windows-1252 quote or dash read as Latin-1: the fix then puts that character "
        "back, which is a guess (unsafe); otherwise it deletes the control (safe)."
    ),
    bad="| Model | Notes |\n| --- | --- |\n| OMCAT | open\x00 weights |\n",
    good="| Model | Notes |\n| --- | --- |\n| OMCAT | open weights |\n",
    fix="safe",
)
def control_character(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    if not find_control_chars(document.text):
        return
    hidden = _hidden(document)
    damaged = _damage(document.text).covering()
    memo: dict[int, bool] = {}
    for item in _controls(document, hidden, damaged):
        unsafe = item.guessed or _blanks_a_line(document, item, memo)
        applicability: Applicability = "unsafe" if unsafe else "safe"
        edit = Edit(item.start, item.end, item.content)
        summary = f"replace with {_quote(item.content)}" if item.content else "delete"
        yield ctx.report(
            ctx.span(item.start, item.end),
            _control_message(document, item),
            fix=ctx.fix(applicability, f"{summary} {_quote(document.text[item.start : item.end])}", [edit]),
        )


# -- VR803 / VR804 invisible characters ----------------------------------------------------------

_Where = Literal["destination", "definition", "heading", "text"]


class _Invisible(NamedTuple):
    offset: int
    name: str
    where: _Where
    #: the destination, definition line or heading the character sits in
    context: str


def _is_rtl_letter(char: str) -> bool:
    return char >= "\u0590" and unicodedata.bidirectional(char) in ("R", "AL")


def _needs_joiner(char: str) -> bool:
    """A letter or mark of a script whose spelling uses ZWJ/ZWNJ (Arabic, Indic, ...)."""
    code = ord(char)
    scripts = 0x0590 <= code <= 0x1CFF or 0xA800 <= code <= 0xABFF or 0xFB1D <= code <= 0xFEFC
    return scripts and unicodedata.category(char)[0] in "LM"


def _doing_a_job(document: Document, offset: int) -> bool:
    """A bidi mark on a right-to-left line, or a joiner inside a word that needs it."""
    text = document.text
    char = text[offset]
    if char in _BIDI_MARKS:
        return any(_is_rtl_letter(c) for c in _line_of(document, offset).text)
    if char in _JOINERS:
        neighbours = text[max(offset - 1, 0) : offset] + text[offset + 1 : offset + 2]
        return any(_needs_joiner(c) for c in neighbours)
    return False


def _invisibles(document: Document) -> list[_Invisible]:
    """Every reportable invisible character with the construct it sits in."""
    found = find_invisible_chars(document.text)
    if not found:
        return []
    text = document.text
    hidden = _hidden(document)
    damaged = _damage(text).covering()
    destinations: list[tuple[int, int]] = []
    for link in document.links:
        for target in (link, link.image):
            if target is None:
                continue
            if target.dest_span is not None:
                destinations.append((target.dest_span.start, target.dest_span.end))
            elif target.kind == "autolink":
                destinations.append((target.span.start, target.span.end))
    dest_ranges = _Ranges(destinations)
    definitions = _Ranges(_block_range(document, b) for b in document.blocks if isinstance(b, LinkDefinition))
    headings = _Ranges(
        (h.span.start, h.span.end) for h in document.blocks if isinstance(h, Heading) and h.span is not None
    )
    result: list[_Invisible] = []
    for offset, name in found:
        if hidden.covers(offset) or damaged.covers(offset):
            continue
        if (span := dest_ranges.find(offset)) is not None:
            result.append(_Invisible(offset, name, "destination", text[span[0] : span[1]]))
        elif definitions.covers(offset):
            result.append(_Invisible(offset, name, "definition", _line_of(document, offset).text.strip()))
        elif _doing_a_job(document, offset):
            continue
        elif (span := headings.find(offset)) is not None:
            result.append(_Invisible(offset, name, "heading", text[span[0] : span[1]]))
        else:
            result.append(_Invisible(offset, name, "text", _token(document, offset, offset + 1)))
    return result


def _invisible_span(ctx: Context, item: _Invisible) -> Span:
    return ctx.span(item.offset, item.offset + 1)


@rule(
    code="VR803",
    name="invisible-char-in-link-or-heading",
    severity="error",
    summary="A link destination or a heading contains an invisible character (zero-width space, bidi control ...).",
    why=(
        "A zero-width space, soft hyphen, bidi control or stray byte-order mark cannot be seen, "
        "but it is part of the text: in a URL it makes the link point somewhere other than it "
        "reads (`2410.12109` with a zero-width space is not that arXiv paper), and in a heading "
        "it is copied into generated tables of contents and into the anchors other renderers "
        "derive, which then do not match. They arrive by copy-paste from PDFs and web pages."
    ),
    bad="[OMCAT](https://arxiv.org/abs/2410.\u200b12109)\n",
    good="[OMCAT](https://arxiv.org/abs/2410.12109)\n",
    fix="safe",
)
def invisible_char_in_link_or_heading(ctx: Context) -> Iterator[Diagnostic]:
    for item in _invisibles(ctx.document):
        if item.where == "text":
            continue
        if item.where == "heading":
            place = f"the heading {_quote(item.context)}"
            effect = (
                "it is copied into generated tables of contents and into the anchors other renderers "
                "derive, so links to this heading can break"
            )
        elif item.where == "definition":
            place = f"the link definition {_quote(item.context)}"
            effect = "the link no longer matches what readers see and may not resolve"
        else:
            place = f"the link destination {_quote(item.context)}"
            effect = "the URL no longer matches what readers see and may not resolve"
        yield ctx.report(
            _invisible_span(ctx, item),
            f"invisible {item.name} in {place}: {effect}; delete it",
            fix=ctx.fix("safe", f"delete the invisible {item.name}", [Edit(item.offset, item.offset + 1, "")]),
        )


def _invisible_reason(document: Document, item: _Invisible) -> str:
    char = document.text[item.offset]
    if char == _BOM:
        line = _line_of(document, item.offset)
        if item.offset == line.start:
            return (
                "a byte-order mark left by joining files; at the start of a line it stops a heading, "
                "list or table there from being recognised"
            )
        return "a byte-order mark in the middle of the file, usually left by joining files"
    if char == _SOFT_HYPHEN:
        return "a soft hyphen, usually left by copying from a PDF; search and copy-paste of this text fail"
    if char in _BIDI:
        return "a bidirectional control: it can reorder how the text around it is displayed"
    return "usually left by copying from a web page or PDF; search and copy-paste of this text fail"


@rule(
    code="VR804",
    default=False,
    name="invisible-character",
    severity="warning",
    summary="The text contains an invisible character (zero-width space, soft hyphen, bidi control ...).",
    why=(
        "Invisible characters pasted from PDFs and web pages make a title differ from what "
        "readers see: searching the page or the web for it, copying it, or matching it against "
        "another list fails. Bidi controls can even reorder the displayed text. Joiners inside "
        "Arabic or Indic words and bidi marks in right-to-left text do a job and are not reported."
    ),
    bad="| Title |\n| --- |\n| Video\u00adLLaMA 2: Advancing Spatial-Temporal Modeling |\n",
    good="| Title |\n| --- |\n| VideoLLaMA 2: Advancing Spatial-Temporal Modeling |\n",
    fix="unsafe",
)
def invisible_character(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for item in _invisibles(document):
        if item.where != "text":
            continue
        reason = _invisible_reason(document, item)
        yield ctx.report(
            _invisible_span(ctx, item),
            f"invisible {item.name} in {_quote(item.context)} ({reason}); delete it unless it is deliberate",
            fix=ctx.fix("unsafe", f"delete the invisible {item.name}", [Edit(item.offset, item.offset + 1, "")]),
        )


# -- VR805 replacement character ---------------------------------------------------------------


@rule(
    code="VR805",
    name="replacement-character",
    severity="warning",
    summary="The text contains U+FFFD (�): characters lost to a bad decoding.",
    why=(
        "U+FFFD REPLACEMENT CHARACTER is what a decoder writes for bytes it could not read. "
        "Once saved, the original characters (an emoji, an accented letter, a CJK word) are gone "
        "for good and readers see �. vrlint cannot guess what was there; the text has to be "
        "retyped from the original source (the paper, the upstream README, the git history)."
    ),
    bad="| Title |\n| --- |\n| Caf\ufffd Bench: a video benchmark |\n",
    good="| Title |\n| --- |\n| Café Bench: a video benchmark |\n",
    fix=None,
)
def replacement_character(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    text = document.text
    if _REPLACEMENT not in text:
        return
    hidden = _hidden(document)
    damaged = _damage(text).covering()
    offset = text.find(_REPLACEMENT)
    while offset >= 0:
        end = offset + 1
        while end < len(text) and text[end] == _REPLACEMENT:
            end += 1
        if not hidden.covers(offset) and not damaged.covers(offset):
            count = end - offset
            what = "a U+FFFD REPLACEMENT CHARACTER" if count == 1 else f"{count} U+FFFD REPLACEMENT CHARACTERs"
            lost = "the character here was" if count == 1 else "the characters here were"
            yield ctx.report(
                ctx.span(offset, end),
                f"{what} in {_quote(_token(document, offset, end))}: {lost} lost to a bad decoding "
                f"and cannot be recovered automatically; retype {_it(count)} from the original source",
                fix=None,
            )
        offset = text.find(_REPLACEMENT, end)
