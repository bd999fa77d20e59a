from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vrlint.conventions import convention


def test_a_clear_majority_is_a_convention() -> None:
    found = convention(["abs"] * 34 + ["pdf"] * 2)
    assert found is not None and found.form == "abs"
    assert found.describe("arXiv links open the abstract page") == "34 of 36 arXiv links open the abstract page"


def test_a_split_or_a_small_sample_is_not() -> None:
    assert convention(["abs"] * 6 + ["pdf"] * 4) is None  # 60/40
    assert convention(["abs"] * 4) is None  # too few places
    assert convention(["a"] * 5 + ["b"] * 5, min_share=0.5) is None  # a tie
    assert convention([]) is None


@given(st.lists(st.sampled_from("abc")), st.floats(0.5, 1.0), st.integers(1, 10))
def test_a_convention_meets_both_thresholds(forms: list[str], share: float, count: int) -> None:
    found = convention(forms, min_share=share, min_count=count)
    if found is not None:
        assert found.count == forms.count(found.form) >= count
        assert found.count >= share * len(forms) and found.total == len(forms)
