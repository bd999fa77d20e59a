"""Lazy patterns behave as the compiled pattern and compile only when used."""

from __future__ import annotations

import re
import warnings

from hypothesis import given
from hypothesis import strategies as st

from vrlint.lazyre import lazy_pattern


def test_nothing_is_compiled_until_first_use() -> None:
    broken = lazy_pattern("(unclosed")  # an invalid pattern fails only when used
    try:
        broken.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern compiled")


def test_attributes_and_methods_are_the_compiled_patterns() -> None:
    lazy = lazy_pattern(r"(?P<id>\d{4}\.\d{4,5})", re.IGNORECASE)
    compiled = re.compile(r"(?P<id>\d{4}\.\d{4,5})", re.IGNORECASE)
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags
    assert lazy.groupindex == compiled.groupindex and lazy.groups == 1
    assert lazy.sub("X", "a 2410.12109 b") == "a X b"
    # after the first use, methods are the compiled pattern's own (no wrapper on hot paths)
    owner = getattr(lazy.search, "__self__", None)
    assert type(owner) is re.Pattern and getattr(lazy.match, "__self__", None) is owner


@given(st.text(alphabet="ab.|()*+?[]^$\\", max_size=8), st.text(alphabet="ab.()[]", max_size=20))
def test_same_results_as_re_compile(source: str, text: str) -> None:
    with warnings.catch_warnings():  # re's FutureWarning on random "[[" sets is not ours
        warnings.simplefilter("ignore", FutureWarning)
        try:
            compiled = re.compile(source)
        except re.error:
            return
        lazy = lazy_pattern(source)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy.split(text) == compiled.split(text)


def test_copies_and_pickles_are_lazy_patterns_of_the_same_source() -> None:
    import copy
    import pickle

    for used in (False, True):
        lazy = lazy_pattern(r"v(\d+)", re.IGNORECASE)
        if used:
            assert lazy.search("V12") is not None
        for twin in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
            assert twin.pattern == r"v(\d+)" and twin.flags == lazy.flags
            match = twin.search("a v7")
            assert match is not None and match.group(1) == "7"


def test_a_match_does_not_know_its_lazy_pattern() -> None:
    # m.re is the compiled pattern, never the lazy one: code must not compare them by identity
    lazy = lazy_pattern(r"\d")
    match = lazy.match("1")
    assert match is not None and match.re is not lazy
