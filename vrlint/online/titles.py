"""Does a table row's title name the paper its arXiv ID points at?

Rows rarely copy a title verbatim: they add the model name
("VALOR: Vision-Audio-Language ..."), an acronym in parentheses
("... Latent Diffusion (LDM)"), abbreviate ("LLM" for "Large Language
Model"), cut a long subtitle, or keep the title of an earlier arXiv
version.  So two titles are compared after normalisation (Unicode folded
to ASCII where it has an equivalent, lower-case, LaTeX commands and
punctuation dropped) in several readings: whole, without parenthesised
parts, without a short ``Name:`` prefix.  They agree when, for some pair
of readings, one starts with the other, difflib's ratio is high, or most
of the significant words of one appear in the other.

A row title is only compared when it reads like a title at all
(:func:`looks_like_title`): a model name ("LLaVA"), a date or an emoji is
what many tables put in their first column, and it says nothing about
whether the ID is right.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from vrlint.lazyre import lazy_pattern

__all__ = ["common_words", "looks_like_title", "normalise_title", "title_similarity"]

# each pattern is one character class with one quantifier: linear time
_LATEX_COMMAND = lazy_pattern(r"\\[A-Za-z]+")
_PARENTHESES = lazy_pattern(r"\([^()]*\)|\[[^\[\]]*\]")
_NON_WORD = lazy_pattern(r"[\W_]+")
_STOPWORDS = frozenset(
    "a an the of for and in on with to via by from at as is are be towards toward into "
    "its their our we you your it this that".split()
)
#: words so common in ML paper titles that sharing them says little
_GENERIC = frozenset(
    """
    large language model models multimodal multi modal modality vision visual video videos image
    images learning neural network networks deep based efficient data training llm llms mllm mllms
    lvlm lvlms vlm vlms lmm lmms generation understanding reasoning benchmark benchmarks transformer
    transformers diffusion text survey approach method methods framework task tasks unified general
    towards using via new study analysis evaluation improving improved scale scaling
    """.split()
)
#: at most this many words before a colon make a "Name:" prefix
_PREFIX_WORDS = 4


def normalise_title(text: str) -> str:
    """Lower-case words separated by single spaces (accents and LaTeX removed)."""
    text = _LATEX_COMMAND.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _significant(words: list[str]) -> list[str]:
    return [w for w in words if w not in _STOPWORDS]


def _unparenthesised(text: str) -> str:
    """``text`` without parenthesised or bracketed parts, nested ones included
    (each pass is linear; nesting deeper than four levels is left as it is)."""
    for _ in range(4):
        text, count = _PARENTHESES.subn(" ", text)
        if not count:
            break
    return text


def _without_prefix(text: str) -> str:
    """``text`` without a short ``Name:`` prefix (and without parenthesised parts)."""
    without = _unparenthesised(text)
    head, colon, tail = without.partition(":")
    if colon and tail.strip() and len(normalise_title(head).split()) <= _PREFIX_WORDS:
        return tail
    return without


def looks_like_title(text: str, min_words: int = 4) -> bool:
    """At least ``min_words`` significant words of two or more letters, not counting
    parenthesised parts or a ``Name:`` prefix ("LLaVA-HR: High Resolution MLLMs" is a
    model name and a tagline, not a paper title)."""
    words = normalise_title(_without_prefix(text)).split()
    significant = [w for w in _significant(words) if len(w) >= 2 and any(c.isalpha() for c in w)]
    return len(significant) >= min_words


def _readings(text: str) -> Iterator[str]:
    yield normalise_title(text)
    yield normalise_title(_unparenthesised(text))
    yield normalise_title(_without_prefix(text))


def _cover(part: list[str], whole: set[str], common: frozenset[str]) -> float:
    """Share of ``part``'s distinctive words (not stopwords, not words every ML title
    uses, not ``common``) found in ``whole``; 0 when ``part`` has fewer than 2 of them."""
    words = [w for w in _significant(part) if w not in _GENERIC and w not in common]
    if len(words) < 2:
        return 0.0
    return sum(w in whole for w in words) / len(words)


def common_words(titles: Iterable[str], share: float = 0.05, minimum: int = 3) -> frozenset[str]:
    """Words in at least ``share`` of ``titles`` (and ``minimum`` of them): the topic of a
    list ("token pruning" in a list about token pruning) says little about which paper a row is."""
    counts: Counter[str] = Counter()
    total = 0
    for title in titles:
        total += 1
        counts.update(set(normalise_title(title).split()))
    limit = max(minimum, share * total)
    return frozenset(w for w, n in counts.items() if n >= limit)


def title_similarity(
    row: str, paper: str, common: frozenset[str] = frozenset(), enough: float = 1.0
) -> float:
    """1.0 for the same title however written, near 0.0 for unrelated titles.

    ``common`` lists words that do not tell titles apart in this document (see
    :func:`common_words`); the comparison stops as soon as the similarity reaches
    ``enough`` (the caller's threshold), which spares difflib most of the time.
    """
    row_readings = {r for r in _readings(row) if r}
    paper_readings = {p for p in _readings(paper) if p}
    pairs = [(a, b) for a in row_readings for b in paper_readings]
    best = 0.0
    for a, b in pairs:
        if a == b:
            return 1.0
        shorter, longer = sorted((a, b), key=len)
        if len(shorter.split()) >= 3 and longer.startswith(shorter + " "):
            return 1.0
        a_words, b_words = a.split(), b.split()
        best = max(best, _cover(a_words, set(b_words), common), _cover(b_words, set(a_words), common))
    for a, b in pairs:
        if best >= enough:
            break
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best
