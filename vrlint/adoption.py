"""What ``vrlint check`` hides on a list that already had findings.

Two screens, both by fingerprint (:mod:`vrlint.fingerprint`), never by line:

- the baseline file (``--baseline``, or ``.vrlint-baseline.json`` in the
  current directory when it exists): findings recorded there are not
  reported; ``--write-baseline`` records the current ones;
- ``--new-since REF``: findings the file already had at git revision REF
  are not reported (a file that did not exist at REF is all new).

The CLI builds one :class:`Screen` per run and passes each file through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the baseline modules (json, hashlib, fingerprints) load only when a screen is used
    from vrlint.baseline import Baseline
    from vrlint.config import Config
    from vrlint.diagnostics import Diagnostic
    from vrlint.document import Document

#: the baseline a check reads without ``--baseline`` when it exists
DEFAULT_BASELINE = ".vrlint-baseline.json"


def find_baseline(start: Path) -> Path | None:
    """``.vrlint-baseline.json`` in ``start`` or a parent, up to the
    repository's root (the directory holding ``.git``)."""
    for folder in (start, *start.parents):
        candidate = folder / DEFAULT_BASELINE
        if candidate.is_file():
            return candidate if folder != start else Path(DEFAULT_BASELINE)
        if (folder / ".git").exists():
            return None
    return None


class ScreenError(Exception):
    """A baseline or revision that cannot be used (one line, exit 2)."""


@dataclass
class Screen:
    baseline: Baseline | None = None
    write: bool = False
    new_since: str | None = None
    matched: int = 0
    gone: int = 0
    hidden_since: int = 0
    written: int = 0
    _files: int = field(default=0, repr=False)

    @classmethod
    def from_options(cls, baseline: Path | None, write_baseline: Path | None, new_since: str | None) -> Screen:
        chosen = write_baseline or baseline or find_baseline(Path.cwd())
        if chosen is None:
            return cls(None, False, new_since)
        from vrlint.baseline import BaselineError, load_baseline

        try:
            loaded = load_baseline(chosen, missing_ok=write_baseline is not None)
        except BaselineError as error:
            raise ScreenError(str(error)) from None
        return cls(loaded, write_baseline is not None, new_since)

    def apply(
        self, path: Path, config: Config, document: Document, diagnostics: Sequence[Diagnostic]
    ) -> list[Diagnostic]:
        """The diagnostics of ``path`` to report (the old text at ``--new-since``
        is linted with the same configuration, offline)."""
        kept = list(diagnostics)
        if self.new_since is None and self.baseline is None:
            return kept
        from vrlint.baseline import entries_for, subtract
        from vrlint.engine import lint, rule_selector
        from vrlint.fingerprint import Known
        from vrlint.parsing import parse
        from vrlint.revision import RevisionError, text_at

        if self.new_since is not None:
            try:
                old_text = text_at(self.new_since, path)
            except RevisionError as error:
                raise ScreenError(f"--new-since: {error}") from None
            if old_text is not None and old_text == document.render():
                self.hidden_since += len(kept)  # unchanged since REF: nothing in it is new
                kept = []
            elif old_text is not None:
                old_document = parse(old_text)
                known = Known.of(lint(old_document, str(path), config), old_document)
                before = len(kept)
                kept, _ = subtract(kept, document, known)
                self.hidden_since += before - len(kept)
        if self.baseline is None:
            return kept
        self._files += 1
        if self.write:
            entries = entries_for(self.baseline.key(path), kept, document)
            self.baseline.replace(path, entries, rule_selector(config))
            self.written += len(kept)
            return []  # recorded, so accepted: the run that writes reports nothing
        known = self.baseline.known(path, rule_selector(config))
        kept, matched = subtract(kept, document, known)
        self.matched += matched
        self.gone += max(sum(known.fingerprints.values()) - matched, 0)
        return kept

    def finish(self) -> list[str]:
        """Write the baseline if asked; the lines to tell the user."""
        told = []
        if self.new_since is not None and self.hidden_since:
            n = self.hidden_since
            told.append(f"{n} finding{'s' if n != 1 else ''} already present at {self.new_since} not shown")
        if self.baseline is None:
            return told
        where = self.baseline.location
        if self.write:
            from vrlint.baseline import BaselineError, save_baseline

            try:
                save_baseline(self.baseline)
            except BaselineError as error:
                raise ScreenError(str(error)) from None
            files = f"{self._files} file{'s' if self._files != 1 else ''}"
            return [*told, f"wrote {self.written} finding{'s' if self.written != 1 else ''} of {files} to {where}"]
        if not self.matched and not self.gone:
            return told
        line = f"baseline {where}: {self.matched} known finding{'s' if self.matched != 1 else ''} not shown"
        if self.gone:
            line += (
                f", {self.gone} no longer found (run `vrlint check --write-baseline {where}` to drop"
                f" {'them' if self.gone != 1 else 'it'})"
            )
        return [*told, line]
