"""Equilibrium and EquilibriumResult: what every solver returns."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence import (
    Equilibrium,
    EquilibriumResult,
    InvalidProfileError,
    NormalFormGame,
    is_nash,
    max_regret,
    regret,
    solve,
)
from deterrence.solvers.result import canonical_order

PENNIES = NormalFormGame.zero_sum(
    [[1, -1], [-1, 1]], players=("row", "col"), strategies=(("H", "T"), ("H", "T"))
)
STAG = NormalFormGame.from_matrices(
    [[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("stag", "hare"), ("stag", "hare"))
)


def test_exact_equilibrium_properties():
    eq = Equilibrium(PENNIES, (["1/2", "1/2"], [Fraction(1, 2), Fraction(1, 2)]))
    assert eq.exact and eq.max_regret() == 0 and eq.regret() == (0, 0)
    assert eq.payoffs == (0, 0)
    assert eq.support == ((0, 1), (0, 1)) and not eq.is_pure
    assert eq.as_dict() == {
        "row": {"H": Fraction(1, 2), "T": Fraction(1, 2)},
        "col": {"H": Fraction(1, 2), "T": Fraction(1, 2)},
    }
    assert eq.outcome == "(1/2*H + 1/2*T, 1/2*H + 1/2*T)"
    with pytest.raises(ValueError, match="read-only"):
        eq.strategies[0][0] = 1


def test_float_equilibrium_and_labels():
    eq = Equilibrium(STAG, ("hare", [0.0, 1.0]))
    assert not eq.exact and eq.is_pure and eq.outcome == "(hare, hare)"
    assert eq.payoffs == (3.0, 3.0) and eq.max_regret() == 0.0
    assert eq.isclose(Equilibrium(STAG, ([1e-12, 1 - 1e-12], [0, 1])))
    assert eq == Equilibrium(STAG, ([0.0, 1.0], [0.0, 1.0]))
    assert hash(eq) == hash(Equilibrium(STAG, ([0.0, 1.0], [0.0, 1.0])))


def test_non_equilibria_report_positive_regret():
    eq = Equilibrium(STAG, ("stag", "hare"))
    assert eq.regret() == (3, 1) and eq.max_regret() == 3
    assert regret(STAG, ["stag", "hare"]).tolist() == [3, 1]
    assert max_regret(STAG, ["stag", "stag"]) == 0
    assert is_nash(STAG, ["stag", "stag"]) and not is_nash(STAG, ["stag", "hare"])
    assert is_nash(STAG, [[0.75 + 1e-12, 0.25 - 1e-12], [0.75, 0.25]], tol=1e-9)


def test_bad_profiles_are_rejected():
    with pytest.raises(InvalidProfileError, match="sums to"):
        Equilibrium(STAG, ([0.5, 0.6], [1, 0]))
    with pytest.raises(InvalidProfileError, match="unknown strategy|expected one"):
        Equilibrium(STAG, ("stag",))


def test_result_is_an_immutable_sequence_with_a_frame():
    result = solve(STAG, exact=True)
    assert isinstance(result, EquilibriumResult)
    assert len(result) == 3 and result[0].outcome == "(stag, stag)"
    assert [eq.outcome for eq in result.pure] == ["(stag, stag)", "(hare, hare)"]
    assert result.max_regret() == 0 and result.exact and result.complete
    assert not result.degenerate and result.options["tol"] == 1e-9
    frame = result.to_frame()
    assert list(frame.index) == [0, 1, 2]
    assert frame.loc[1, "player 1:stag"] == pytest.approx(0.75)
    assert frame.loc[1, "payoff:player 2"] == pytest.approx(3.0)
    assert list(frame["is_pure"]) == [True, False, True]
    assert "3 equilibria" in repr(result) and "exact" in repr(result)
    with pytest.raises(AttributeError):
        result.method = "other"  # type: ignore[misc]


def test_empty_result():
    empty = EquilibriumResult(PENNIES, (), method="pure", exact=True)
    assert len(empty) == 0 and empty.max_regret() == 0 and empty.pure == ()
    assert empty.to_frame().empty


def test_canonical_order_sorts_by_decreasing_probabilities():
    profiles = [([0, 1], [0, 1]), ([1, 0], [1, 0]), ([0.75, 0.25], [0.75, 0.25])]
    ordered = canonical_order([Equilibrium(STAG, p) for p in profiles])
    assert [eq.outcome for eq in ordered] == [
        "(stag, stag)",
        "(0.75*stag + 0.25*hare, 0.75*stag + 0.25*hare)",
        "(hare, hare)",
    ]
    for method in ("vertex_enumeration", "support_enumeration"):
        assert [eq.outcome for eq in solve(STAG, method)] == [eq.outcome for eq in ordered]


def test_every_solver_returns_verified_equilibria_of_the_stag_hunt():
    for method in ("pure", "vertex_enumeration", "support_enumeration", "lemke_howson", "nashpy"):
        result = solve(STAG, method)
        assert result.method == method
        assert all(np.isclose(float(eq.max_regret()), 0) for eq in result)
