"""Perfect Bayesian equilibria of signalling games."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError
from deterrence.games.bayesian import SignallingGame
from deterrence.solvers.signalling import kind_phrase, solve_signalling


def job_market(prior_high: str) -> SignallingGame:
    """A discrete Spence (1973) job market (cf. Gibbons 1992, sec. 4.2.B): a high wage is
    worth 2 to the worker, a low wage 0; education costs the high type 1 and the low type 3;
    the employer wants to pay the wage that matches ability (payoff 1, else 0)."""
    cost = {"high": 1, "low": 3}
    sender, receiver = [], []
    for t in ("high", "low"):
        sender.append([[2, 0], [2 - cost[t], -cost[t]]])
        receiver.append([[1, 0], [1, 0]] if t == "high" else [[0, 1], [0, 1]])
    return SignallingGame(
        sender,
        receiver,
        [prior_high, 1 - Fraction(prior_high)],
        types=("high", "low"),
        messages=("none", "educate"),
        actions=("high wage", "low wage"),
        players=("worker", "employer"),
    )


def test_spence_prior_two_thirds():
    """Worked out by hand: with Pr(high) = 2/3 the PBE are (i) separating, high educates and
    low does not; (ii) pooling on no education, supported by any off-path belief (no type
    gains from education even when paid the high wage); (iii) semi-separating: the high
    type educates with probability 1/2, the employer mixes 1/2-1/2 after no education."""
    result = solve_signalling(job_market("2/3"))
    assert sorted(e.kind for e in result) == ["pooling", "semi-separating", "separating"]
    (separating,) = result.separating
    assert separating.sender_strategy == {"high": "educate", "low": "none"}
    assert separating.receiver_strategy == {"none": "low wage", "educate": "high wage"}
    (pooling,) = result.pooling
    assert pooling.sender_strategy == {"high": "none", "low": "none"}
    assert pooling.belief["none"] == {"high": Fraction(2, 3), "low": Fraction(1, 3)}
    assert pooling.off_path_beliefs == {"educate": sympy.Interval(0, 1)}
    (hybrid,) = result.semi_separating
    half = Fraction(1, 2)
    assert hybrid.sender_strategy == {"high": {"none": half, "educate": half}, "low": "none"}
    assert hybrid.receiver_strategy == {
        "none": {"high wage": half, "low wage": half},
        "educate": "high wage",
    }
    assert hybrid.belief["none"]["high"] == half


def test_spence_prior_one_third_off_path_interval():
    """With Pr(high) = 1/3 pooling on no education pays the low wage; it survives only if an
    educated worker is believed high-ability with probability at most 1/2 (otherwise the
    high type would educate to get the high wage)."""
    result = solve_signalling(job_market("1/3"))
    assert sorted(e.kind for e in result) == ["pooling", "separating"]
    (pooling,) = result.pooling
    assert pooling.receiver_strategy["none"] == "low wage"
    assert pooling.off_path_beliefs["educate"] == sympy.Interval(0, Fraction(1, 2))
    assert pooling.belief["educate"]["high"] <= Fraction(1, 2)


def test_bad_input():
    with pytest.raises(InvalidGameError, match="needs a SignallingGame"):
        solve_signalling(object())


@st.composite
def signalling_games(draw):
    types = draw(st.integers(2, 3))
    messages = draw(st.integers(1, 2))
    actions = draw(st.integers(1, 2))
    values = st.integers(-2, 2)
    shape = (types, messages, actions)

    def array():
        return [
            [[draw(values) for _ in range(shape[2])] for _ in range(shape[1])]
            for _ in range(shape[0])
        ]

    weights = [draw(st.integers(1, 3)) for _ in range(types)]
    prior = [Fraction(w, sum(weights)) for w in weights]
    return SignallingGame(array(), array(), prior)


@settings(max_examples=25, deadline=None)
@given(signalling_games())
def test_every_pbe_is_sequentially_rational_and_bayes_consistent(game):
    result = solve_signalling(game)
    assert len(result) >= 1  # finite signalling games have a PBE (Kreps and Wilson 1982)
    for pbe in result:
        assert pbe.is_sequentially_rational()
        assert pbe.is_bayes_consistent()
        for row in pbe.sender:
            assert sum(row) == pytest.approx(1)
        for message, region in pbe.off_path_beliefs.items():
            if region is not None:
                first = pbe.belief[message][game.types[0]]
                assert sympy.Rational(str(first)) in region


def test_kinds_name_the_pooled_message():
    result = solve_signalling(job_market("1/3"))
    phrases = {pbe.kind_phrase for pbe in result}
    assert "pooling on none" in phrases
    assert all(
        p
        in (
            "pooling on none",
            "pooling on educate",
            "separating",
            "semi-separating (hybrid)",
            "partially pooling",
        )
        for p in phrases
    )
    with pytest.raises(InvalidGameError, match="unknown kind"):
        kind_phrase("mixed", [[0], [0]], ["a"])


def test_the_intuitive_criterion_removes_pooling_that_only_the_high_type_would_break():
    """Education costs the low type more than a high wage is worth (3 > 2), the high type
    less (1 < 2): Cho and Kreps' test puts education on the high type, who then deviates
    from the pool on no education; the separating equilibrium passes."""
    result = solve_signalling(job_market("1/3"))
    [pool] = [pbe for pbe in result.pooling if pbe.sender_strategy["high"] == "none"]
    assert pool.intuitive_criterion() == {"educate": ("high",)}
    assert not pool.passes_intuitive_criterion
    assert all(pbe.passes_intuitive_criterion for pbe in result.separating)
    # when education is cheap for both types, no type is ruled out and nobody breaks the pool
    cheap = SignallingGame(
        [[[2, 0], ["3/2", "-1/2"]], [[2, 0], ["1/2", "-3/2"]]],
        job_market("1/3").receiver_payoffs,
        ["1/3", "2/3"],
    )
    pools = solve_signalling(cheap).pooling
    assert pools and all(
        pbe.intuitive_criterion() == {"m2": ()}
        for pbe in pools
        if pbe.sender_strategy["t1"] == "m1"
    )


def test_float_copy_gives_the_same_equilibria_as_the_exact_game():
    """Sweeps solve float points as float games (to_float): same kinds and supports."""
    import deterrence as dt

    model = dt.get_model("punitive_signal").build()
    rng = np.random.default_rng(3)
    for cost in np.concatenate([rng.uniform(1, 4, 60), [2.0, 2.5, 3.0]]):
        exact = model.at(signal_cost=float(cost))
        floating = exact.to_float()
        assert exact.is_exact and not floating.is_exact

        def key(result):
            return sorted(
                (eq.kind, tuple(tuple(np.asarray(row, float).round(6)) for row in eq.sender))
                for eq in result
            )

        assert key(solve_signalling(exact)) == key(solve_signalling(floating)), cost
