"""Distinct objects of payoff tables, by identity: the shortcut behind exact anonymous games."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.games._numbers import (
    as_float_array,
    as_payoff_array,
    distinct_objects,
    factorize_objects,
)

POOL = [Fraction(k, 7) for k in range(-3, 4)] + [Fraction(1, 2), 3]


@st.composite
def object_tables(draw):
    """Object arrays of pooled objects, in runs (steps) or scattered, small and large."""
    size = draw(st.sampled_from([0, 1, 5, 255, 256, 300, 2_000]))
    runs = draw(st.booleans())
    picks = draw(st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=12))
    if runs:
        bounds = sorted(
            draw(st.lists(st.integers(0, size), min_size=len(picks) - 1, max_size=len(picks) - 1))
        )
        lengths = np.diff([0, *bounds, size])
        chosen = np.repeat(np.array([POOL[p] for p in picks], dtype=object), lengths)
    else:
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        chosen = np.array([POOL[p] for p in picks], dtype=object)[rng.integers(0, len(picks), size)]
    shape = (2, size // 2) if size % 2 == 0 and draw(st.booleans()) else (size,)
    return chosen.reshape(shape)


@settings(max_examples=60, deadline=None)
@given(object_tables())
def test_factorize_objects_agrees_with_a_dict_by_identity(table):
    items = table.reshape(-1).tolist()
    expected = list(dict(zip(map(id, items), items)).values())  # first appearance order
    values, codes = factorize_objects(table)
    assert codes.shape == table.shape
    assert [id(v) for v in values] == [id(v) for v in expected]
    assert all(table.flat[i] is values[codes.flat[i]] for i in range(table.size))
    assert [id(v) for v in distinct_objects(table)] == [id(v) for v in expected]


def test_equal_but_distinct_objects_are_kept_apart():
    # one value, two objects: identity, not equality, decides (both are converted alike)
    first, second = Fraction(1, 3), Fraction(1, 3)
    table = np.array([first] * 300 + [second] * 300, dtype=object)
    values, codes = factorize_objects(table)
    assert len(values) == 2 and values[0] is first and values[1] is second
    assert codes.tolist() == [0] * 300 + [1] * 300


def test_large_step_tables_convert_exactly():
    half, one = Fraction(1, 2), Fraction(1)
    table = np.repeat(np.array([half, one, one, half], dtype=object), [4_000, 6_000, 1, 9_999])
    table = table.reshape(2, 10_000)
    array, exact = as_payoff_array(table)
    assert exact and array is not table and array.tolist() == table.tolist()
    assert as_float_array(array).tolist() == [[0.5] * 4_000 + [1.0] * 6_000, [1.0] + [0.5] * 9_999]
