"""Tests of deterrence.analysis.tournament: exact Markov payoffs, simulation, tournaments.

Noise model: each intended action is flipped independently with probability epsilon.
Known answers are derived by hand below from small Markov chains (Nowak and Sigmund 1993;
Molander 1985), independently of the implementation's joint-state chain.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.analysis.tournament import (
    discounted_payoffs,
    long_run_outcomes,
    long_run_payoffs,
    round_robin,
    simulate_match,
    simulate_matches,
    strategy_game,
)
from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games.automata import (
    ALLC,
    ALLD,
    GRIM,
    GTFT,
    RANDOM,
    TF2T,
    TFT,
    WSLS,
    classic_strategies,
    memory_one,
)
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.repeated import prisoners_dilemma
from deterrence.solvers.repeated import feasible_payoffs

T, R, P, S = 5, 3, 1, 0
PD = prisoners_dilemma(T, R, P, S)
probabilities = st.fractions(min_value=0, max_value=1, max_denominator=20)


def wsls_by_hand(epsilon: Fraction) -> Fraction:
    """WSLS vs WSLS: both intend C after equal moves, D after unequal ones.

    Realised moves are equal with probability a = (1-e)^2 + e^2 whatever was intended, so the
    chain on {intend CC, intend DD} moves to "intend CC" with probability a from both states:
    its stationary weight is a.
    """
    e = epsilon
    a = (1 - e) ** 2 + e**2
    intend_cc = (1 - e) ** 2 * R + e * (1 - e) * (S + T) + e**2 * P
    intend_dd = (1 - e) ** 2 * P + e * (1 - e) * (S + T) + e**2 * R
    return a * intend_cc + (1 - a) * intend_dd


def grim_by_hand(epsilon: Fraction) -> Fraction:
    """GRIM vs GRIM: the first realised defection sends both to permanent punishment, which
    is absorbing and reached with probability one; there both intend D."""
    e = epsilon
    return (1 - e) ** 2 * P + e * (1 - e) * (S + T) + e**2 * R


@pytest.mark.parametrize("epsilon", [Fraction(1, 100), Fraction(1, 20)])
def test_wsls_and_grim_against_themselves_by_hand(epsilon):
    assert long_run_payoffs(PD, WSLS, WSLS, noise=epsilon) == (wsls_by_hand(epsilon),) * 2
    assert long_run_payoffs(PD, GRIM, GRIM, noise=epsilon) == (grim_by_hand(epsilon),) * 2


def test_literal_values():
    """The same four numbers written out: 2.951092, 2.7765, 1.0299, 1.1475."""
    assert long_run_payoffs(PD, WSLS, WSLS, noise="1/100")[0] == Fraction(737773, 250000)
    assert long_run_payoffs(PD, WSLS, WSLS, noise="1/20")[0] == Fraction(5553, 2000)
    assert long_run_payoffs(PD, GRIM, GRIM, noise="1/100")[0] == Fraction(10299, 10000)
    assert long_run_payoffs(PD, GRIM, GRIM, noise="1/20")[0] == Fraction(459, 400)


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=1000).filter(lambda e: 0 < e < 1))
def test_tft_against_tft_averages_the_four_payoffs(epsilon):
    """Under any noise 0 < e < 1, TFT pairs visit CC, CD, DC, DD equally often (Molander 1985)."""
    assert long_run_payoffs(PD, TFT, TFT, noise=epsilon) == (Fraction(R + S + T + P, 4),) * 2
    assert set(long_run_outcomes(PD, TFT, TFT, noise=epsilon).values()) == {Fraction(1, 4)}


def test_noise_free_play():
    assert long_run_payoffs(PD, TFT, TFT) == (R, R)
    assert long_run_payoffs(PD, TFT, ALLD) == (P, P)
    assert long_run_payoffs(PD, ALLC, ALLD) == (S, T)
    # WSLS against ALLD alternates C, D: (S + P)/2 against (T + P)/2
    assert long_run_payoffs(PD, WSLS, ALLD) == (Fraction(S + P, 2), Fraction(T + P, 2))
    # TFT starting against suspicious TFT (D first) alternates forever: (S + T)/2 each
    suspicious = memory_one(1, 0, 1, 0, initial=0, name="STFT")
    assert long_run_payoffs(PD, TFT, suspicious) == (Fraction(S + T, 2),) * 2


def test_float_inputs_give_floats():
    value = long_run_payoffs(PD, WSLS, WSLS, noise=0.01)
    assert isinstance(value[0], float)
    assert value[0] == pytest.approx(2.951092)


@settings(max_examples=20, deadline=None)
@given(st.lists(probabilities, min_size=10, max_size=10), probabilities)
def test_long_run_payoffs_lie_in_the_feasible_set(vector, epsilon):
    first = memory_one(*vector[:4], initial=vector[4])
    second = memory_one(*vector[5:9], initial=vector[9])
    payoffs = long_run_payoffs(PD, first, second, noise=epsilon)
    assert feasible_payoffs(PD).contains(payoffs)
    outcomes = long_run_outcomes(PD, first, second, noise=epsilon)
    assert sum(outcomes.values()) == 1 and min(outcomes.values()) >= 0


@settings(max_examples=8, deadline=None)
@given(st.lists(st.floats(0.05, 0.95), min_size=8, max_size=8), st.integers(0, 2**32 - 1))
def test_exact_markov_payoffs_match_long_simulations(vector, seed):
    """With noise 0.1 every chain is ergodic and mixes fast; compare within sampling error."""
    first = memory_one(*vector[:4])
    second = memory_one(*vector[4:])
    exact = long_run_payoffs(PD, first, second, noise=0.1)
    simulated = simulate_matches(PD, first, second, repetitions=300, turns=400, noise=0.1, rng=seed)
    standard_error = simulated.std(axis=0) / np.sqrt(simulated.shape[0])
    bias = 0.05  # start-up transient over 400 periods of a chain that mixes in a few steps
    assert np.all(np.abs(simulated.mean(axis=0) - np.array(exact)) < 5 * standard_error + bias)


def test_discounted_payoffs():
    # TFT vs ALLD: S once, then P: (1 - d) S + d P
    assert discounted_payoffs(PD, TFT, ALLD, discount="1/3") == (
        Fraction(2, 3) * S + Fraction(1, 3) * P,
        Fraction(2, 3) * T + Fraction(1, 3) * P,
    )
    assert discounted_payoffs(PD, GRIM, GRIM, discount="9/10") == (R, R)
    # TFT vs STFT alternates (S, T), (T, S), ...: first player's value (S + d T)/(1 + d)
    suspicious = memory_one(1, 0, 1, 0, initial=0, name="STFT")
    d = Fraction(1, 2)
    assert discounted_payoffs(PD, TFT, suspicious, discount=d)[0] == (S + d * T) / (1 + d)
    # as d -> 1 the discounted value approaches the long-run average of an ergodic chain
    value = discounted_payoffs(PD, WSLS, WSLS, discount=0.99999, noise=0.05)[0]
    assert value == pytest.approx(float(wsls_by_hand(Fraction(1, 20))), abs=1e-3)
    with pytest.raises(InvalidGameError, match="discount"):
        discounted_payoffs(PD, TFT, TFT, discount=1)


def test_bad_arguments():
    with pytest.raises(InvalidGameError, match="noise"):
        long_run_payoffs(PD, TFT, TFT, noise=1.5)
    with pytest.raises(InvalidGameError, match="Automaton"):
        long_run_payoffs(PD, TFT, "ALLD")
    with pytest.raises(UnsupportedGameError, match="2x2"):
        long_run_payoffs(NormalFormGame.zero_sum([[1, 2, 3], [3, 2, 1]]), TFT, TFT)
    with pytest.raises(InvalidGameError, match="exactly one"):
        simulate_match(PD, TFT, TFT)
    with pytest.raises(InvalidGameError, match="exactly one"):
        simulate_match(PD, TFT, TFT, turns=5, continuation_probability=0.5)
    with pytest.raises(InvalidGameError, match="turns"):
        simulate_match(PD, TFT, TFT, turns=-1)
    with pytest.raises(InvalidGameError, match="rng"):
        simulate_match(PD, TFT, TFT, turns=5, rng="seed")


def test_deterministic_matches_move_by_move():
    assert simulate_match(PD, TFT, ALLD, turns=4).moves() == [("C", "D")] + [("D", "D")] * 3
    assert simulate_match(PD, WSLS, ALLD, turns=4).moves() == [
        ("C", "D"),
        ("D", "D"),
        ("C", "D"),
        ("D", "D"),
    ]
    # an alternator (cooperate iff it defected last) never defects twice in a row: TF2T
    # never retaliates
    alternator = memory_one(0, 0, 1, 1, initial=0, name="alternator")
    match = simulate_match(PD, TF2T, alternator, turns=4)
    assert match.moves() == [("C", "D"), ("C", "C")] * 2
    assert match.mean_payoffs == pytest.approx(((S + R) / 2, (T + R) / 2))


def test_continuation_probability_gives_geometric_lengths():
    lengths = [
        simulate_match(PD, TFT, TFT, continuation_probability=0.9, rng=k).turns for k in range(400)
    ]
    assert np.mean(lengths) == pytest.approx(10, rel=0.15)
    payoffs = simulate_matches(PD, ALLD, ALLC, repetitions=50, continuation_probability=0.5, rng=3)
    assert np.all(payoffs == [T, S])


def test_round_robin_without_noise_by_hand():
    frame = round_robin([ALLC, ALLD], PD, turns=10, repetitions=3, rng=0, progress=False)
    # ALLD meets ALLC (T) and itself (P): (T + P)/2; ALLC gets (S + R)/2
    assert frame.loc["ALLD", "mean_payoff"] == pytest.approx((T + P) / 2)
    assert frame.loc["ALLC", "mean_payoff"] == pytest.approx((S + R) / 2)
    assert list(frame.index) == ["ALLD", "ALLC"]
    assert list(frame["rank"]) == [1, 2]
    assert frame.loc["ALLD", "wins"] == 3 and frame.loc["ALLC", "wins"] == 0
    assert frame.loc["ALLC", "cooperation_rate"] == 1
    assert frame.attrs["payoff_matrix"] == pytest.approx(np.array([[R, S], [T, P]]))


def test_round_robin_agrees_with_pairwise_matches():
    strategies = [ALLC, ALLD, TFT, GRIM, WSLS, TF2T]
    frame = round_robin(strategies, PD, turns=20, repetitions=1, self_play=False, progress=False)
    for first in strategies:
        expected = np.mean(
            [
                simulate_match(PD, first, second, turns=20).mean_payoffs[0]
                for second in strategies
                if second is not first
            ]
        )
        assert frame.loc[first.name, "mean_payoff"] == pytest.approx(expected)


def test_round_robin_is_reproducible_under_a_seed():
    strategies = list(classic_strategies())
    first = round_robin(strategies, PD, turns=50, repetitions=4, noise=0.05, rng=11, progress=False)
    second = round_robin(
        strategies, PD, turns=50, repetitions=4, noise=0.05, rng=11, progress=False
    )
    pd.testing.assert_frame_equal(first, second)
    other = round_robin(strategies, PD, turns=50, repetitions=4, noise=0.05, rng=12, progress=False)
    assert not first["mean_payoff"].equals(other["mean_payoff"])
    geometric = round_robin(
        strategies,
        PD,
        turns=None,
        continuation_probability=0.95,
        repetitions=2,
        rng=1,
        progress=False,
    )
    assert set(geometric.columns) == {
        "rank",
        "mean_payoff",
        "std_payoff",
        "cooperation_rate",
        "wins",
        "matches",
    }


def test_round_robin_errors():
    with pytest.raises(InvalidGameError, match="at least two"):
        round_robin([TFT], PD, progress=False)
    with pytest.raises(InvalidGameError, match="duplicate"):
        round_robin([TFT, TFT], PD, progress=False)
    with pytest.raises(InvalidGameError, match="repetitions"):
        round_robin([TFT, ALLD], PD, repetitions=0, progress=False)


def test_strategy_game_is_the_matrix_of_long_run_payoffs():
    strategies = [TFT, WSLS, ALLD, GTFT("1/3"), RANDOM("1/2")]
    game = strategy_game(PD, strategies, noise="1/20")
    assert game.is_exact and game.strategies[0] == tuple(s.name for s in strategies)
    assert (game.payoff_matrix(0).T == game.payoff_matrix(1)).all()
    assert game.payoff_matrix(0)[1, 1] == wsls_by_hand(Fraction(1, 20))
    assert game.payoff_matrix(0)[0, 0] == Fraction(R + S + T + P, 4)
    with pytest.raises(InvalidGameError, match="duplicate"):
        strategy_game(PD, [TFT, TFT])


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0, 0.5))
def test_tournaments_are_reproducible_for_any_seed(seed, noise):
    strategies = [TFT, WSLS, GTFT("1/3"), RANDOM("1/2")]
    first = round_robin(
        strategies, PD, turns=15, repetitions=2, noise=noise, rng=seed, progress=False
    )
    second = round_robin(
        strategies,
        PD,
        turns=15,
        repetitions=2,
        noise=noise,
        rng=np.random.default_rng(seed),
        progress=False,
    )
    pd.testing.assert_frame_equal(first, second)
    assert np.array_equal(first.attrs["payoff_matrix"], second.attrs["payoff_matrix"])


def test_progress_bar_runs(capsys):
    frame = round_robin([TFT, ALLD], PD, turns=5, repetitions=1, rng=0, progress=True)
    assert len(frame) == 2
