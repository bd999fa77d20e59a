"""The online rules' documentation: code, name, severity, summary, why, examples, fix, options.

Plain data, shared by :mod:`vrlint.rules.online` (which registers the rules;
they read their findings from the facts :func:`vrlint.online.check.gather`
collects) and :mod:`vrlint.online.check` (which builds those findings with the
documented name and severity). :func:`online_rule` makes the
:class:`~vrlint.rules.base.Rule` objects the latter reads (name, severity,
options) without touching the registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from vrlint.diagnostics import Diagnostic
from vrlint.rules.base import Context, Rule

__all__ = ["ONLINE_RULES", "offline", "online_rule"]

ONLINE_RULES: dict[str, dict[str, Any]] = {
    "VR251": dict(
        code="VR251",
        name="arxiv-id-not-found",
        severity="error",
        summary="An arXiv ID (or version) that the arXiv API does not know (online).",
        why=(
            "A well-formed ID can still name no paper: a digit typed wrong, a version that was never "
            "posted. Readers who follow the link land on an error page. Checked with the arXiv API; "
            "an empty or failed answer is never taken as proof that a paper is missing."
        ),
        bad="- VALOR [arXiv](https://arxiv.org/abs/2304.98345)\n",
        good="- VALOR [arXiv](https://arxiv.org/abs/2304.08345)\n",
    ),
    "VR252": dict(
        code="VR252",
        name="arxiv-withdrawn",
        severity="warning",
        summary="The arXiv paper has been withdrawn by its authors (online).",
        why=(
            "A withdrawn paper keeps its ID but its page says the work should not be cited; a curated "
            "list should drop it or point at the paper that replaced it."
        ),
        bad="- [A Result That Did Not Hold](https://arxiv.org/abs/2101.00001) (withdrawn by its authors)\n",
        good="- [The Corrected Result](https://arxiv.org/abs/2102.00002)\n",
    ),
    "VR253": dict(
        code="VR253",
        name="arxiv-title-mismatch",
        severity="warning",
        summary="A row's title does not match the title of the arXiv paper it links (online).",
        why=(
            "Rows are often made by copying the row above and editing it; an ID left from the copied "
            "row sends readers to a different paper. Only titles that read like titles (four "
            "significant words or more) are compared, and loosely: a model-name prefix, an acronym in "
            "parentheses, abbreviations and truncation are fine. Options: min-similarity (0.5), "
            "min-words (4)."
        ),
        bad=(
            "| Title | Paper |\n|---|---|\n"
            "| LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models "
            "| [arXiv](https://arxiv.org/abs/2311.08046) |\n"
        ),
        good=(
            "| Title | Paper |\n|---|---|\n"
            "| LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models "
            "| [arXiv](https://arxiv.org/abs/2311.17043) |\n"
        ),
        options={"min-similarity": 0.5, "min-words": 4},
    ),
    "VR451": dict(
        code="VR451",
        name="dead-link",
        severity="error",
        summary="A link or badge image answers 404/410 or cannot be reached at all (online).",
        why=(
            "Repositories are deleted, project pages expire, hosts disappear. A dead link is only "
            "reported after a GET confirmed it (some servers mishandle HEAD); 429 and 5xx answers are "
            "retried, and 401/403 (bot walls) are never called dead."
        ),
        bad="[code](https://github.com/someone/deleted-repo)\n",
        good="[code](https://github.com/someone/current-repo)\n",
    ),
    "VR452": dict(
        code="VR452",
        name="permanent-redirect",
        severity="warning",
        summary="A link permanently redirects (301/308) to another address (online).",
        why=(
            "A permanent redirect says the old address is retired; links that keep using it break "
            "when the redirect is dropped. Redirects that only add a trailing slash are ignored; a deep "
            "link redirected to a site's front page is reported as probably gone, without a fix. The "
            "fix (unsafe: the new address might be a generic landing page) links the final address."
        ),
        bad="[project](http://example.org/project)\n",
        good="[project](https://example.org/project/)\n",
        fix="unsafe",
        default=False,  # the old address still works: hygiene, opt-in
    ),
    "VR453": dict(
        code="VR453",
        name="private-host-refused",
        severity="warning",
        summary="A link points at a loopback, private, link-local or metadata address (online).",
        why=(
            "Readers cannot reach http://localhost or 10.0.0.5, and a link checker running in CI must "
            "not request them (a README could make it probe the CI machine's network, e.g. "
            "169.254.169.254). Such links are reported instead of requested, after checking every "
            "address the host name resolves to and every redirect hop. --allow-private-hosts "
            "checks them anyway."
        ),
        bad="Try the demo at <http://127.0.0.1:7860>.\n",
        good="Try the demo at <https://huggingface.co/spaces/owner/demo>.\n",
    ),
    "VR454": dict(
        code="VR454",
        name="renamed-github-repo",
        severity="warning",
        summary="A GitHub repository link redirects to the repository's new owner or name (online).",
        why=(
            "GitHub redirects a renamed or transferred repository only until someone creates a "
            "repository with the old name; then the link silently shows the wrong project. The fix "
            "(safe: GitHub itself says where the repository went) links the new address."
        ),
        bad="[code](https://github.com/old-owner/old-name)\n",
        good="[code](https://github.com/new-owner/new-name)\n",
        fix="safe",
    ),
}


def offline(ctx: Context) -> Iterator[Diagnostic]:
    """The function of an unregistered metadata :class:`Rule` (:func:`online_rule`): it finds nothing;
    the registered online rules are :mod:`vrlint.rules.online`'s."""
    return iter(())


@cache
def online_rule(code: str) -> Rule:
    """The :class:`Rule` for ``code`` (not registered; registration is :mod:`vrlint.rules.online`'s job)."""
    meta = dict(ONLINE_RULES[code])
    return Rule(
        code=meta.pop("code"),
        name=meta.pop("name"),
        severity=meta.pop("severity"),
        summary=meta.pop("summary"),
        why=meta.pop("why"),
        bad=meta.pop("bad"),
        good=meta.pop("good"),
        fix=meta.pop("fix", None),
        function=offline,
        options=dict(meta.pop("options", {})),
        default=bool(meta.pop("default", True)),
    )
