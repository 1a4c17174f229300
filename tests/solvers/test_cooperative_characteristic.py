"""Characteristic functions derived from strategic forms (issue 16): hand-derived games,
the defining properties (hypothesis), and matrix-game values against nashpy and scipy."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence import NormalFormGame
from deterrence.exceptions import InvalidGameError
from deterrence.models import get_model
from deterrence.solvers import characteristic
from deterrence.solvers.characteristic import characteristic_function, matrix_game_value


def _game(payoffs: list) -> NormalFormGame:
    return NormalFormGame(np.array(payoffs, dtype=object))


@st.composite
def small_games(draw, players: int = 3):
    """Exact games of 2-3 players with 1-3 strategies each and small integer payoffs."""
    n = draw(st.integers(2, players))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    size = n * int(np.prod(shape))
    values = draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size))
    return _game(np.array(values, dtype=object).reshape((n, *shape)).tolist())


def _disjoint_pairs(n: int):
    for s, t in itertools.product(range(1, 1 << n), repeat=2):
        if s & t == 0:
            yield s, t


def test_prisoners_dilemma_and_a_mixing_coalition_by_hand():
    dilemma = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert characteristic_function(dilemma).exact_values == tuple(map(Fraction, (0, 1, 1, 6)))
    # player 1 alone must mix: the value of [[2, -1], [-1, 1]] is (2 - 1)/(2 + 1 + 1 + 1)
    game = NormalFormGame.from_matrices([[2, -1], [-1, 1]], [[0, 3], [1, 0]])
    worths = characteristic_function(game).exact_values
    assert worths[1] == Fraction(1, 5)
    # player 2 (columns) faces [[0, 1], [3, 0]] as the maximiser: (0 - 3)/(0 + 0 - 1 - 3)
    assert worths[2] == Fraction(3, 4)
    assert worths[3] == 2  # the best total, 2 + 0 or -1 + 3
    # pure strategies: player 1 moving first gets max(min(2, -1), min(-1, 1)) = -1
    assert characteristic_function(game, mixed=False).exact_values[1] == -1
    assert characteristic_function(game, variant="beta", mixed=False).exact_values[1] == 1


def test_a_hand_derived_denial_game_of_three():
    # a coercer (player 3) coerces or refrains; two partners share capacity or not. Coercion
    # costs each partner 4 unless both share (denied); sharing costs 1; coercion earns the
    # coercer 6 when it succeeds and costs it 2 when denied.
    payoffs = np.zeros((3, 2, 2, 2), dtype=object)
    for a, b, c in itertools.product(range(2), repeat=3):
        share = (a == 0, b == 0)
        coerce = c == 0
        denied = all(share)
        for i in range(2):
            payoffs[i, a, b, c] = -int(share[i]) - (4 if coerce and not denied else 0)
        payoffs[2, a, b, c] = (-2 if denied else 6) if coerce else 0
    worths = characteristic_function(_game(payoffs.tolist())).exact_values
    # a partner alone cannot deny: the coercer coerces, and not sharing (-4) beats -5
    assert worths[0b001] == worths[0b010] == -4
    # both partners share: denial, whatever the coercer does: -2
    assert worths[0b011] == -2
    # the coercer alone: the partners can always deny, so it refrains: 0
    assert worths[0b100] == 0
    # coercer with one partner: that partner can share or not, the other partner replies;
    # best guarantee is -4 + 6 = 2 (coerce, partner does not share; the other cannot deny)
    assert worths[0b101] == worths[0b110] == 2
    # everyone: nobody shares and the coercer refrains, total 0
    assert worths[0b111] == 0


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_alpha_is_superadditive_and_the_grand_coalition_gets_the_best_total(game):
    worths = characteristic_function(game).exact_values
    n = game.num_players
    for s, t in _disjoint_pairs(n):
        assert worths[s | t] >= worths[s] + worths[t]
    best = max(sum(game.payoffs[i][p] for i in range(n)) for p in game.pure_profiles())
    assert worths[-1] == best and worths[0] == 0


@settings(max_examples=30, deadline=None)
@given(small_games())
def test_alpha_equals_beta_in_mixed_strategies_and_pure_brackets_them(game):
    mixed = characteristic_function(game).exact_values
    assert characteristic_function(game, variant="beta").exact_values == mixed
    low = characteristic_function(game, mixed=False).exact_values
    high = characteristic_function(game, variant="beta", mixed=False).exact_values
    assert all(a <= m <= b for a, m, b in zip(low, mixed, high))
    n = game.num_players
    assert all(low[s | t] >= low[s] + low[t] for s, t in _disjoint_pairs(n))


@settings(max_examples=30, deadline=None)
@given(small_games(), st.integers(-3, 3))
def test_constant_sum_games_split_the_constant(game, constant):
    n = game.num_players
    payoffs = np.array(game.payoffs, dtype=object)
    payoffs[-1] = constant - sum(payoffs[i] for i in range(n - 1))
    worths = characteristic_function(_game(payoffs.tolist())).exact_values
    full = (1 << n) - 1
    assert worths[full] == constant
    for s in range(1, full):
        assert worths[s] + worths[full ^ s] == constant


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda m: st.integers(1, 4).flatmap(
            lambda k: st.lists(
                st.lists(st.integers(-6, 6), min_size=k, max_size=k), min_size=m, max_size=m
            )
        )
    )
)
def test_matrix_game_value_agrees_with_nashpy_and_an_independent_lp(matrix):
    import nashpy
    from scipy.optimize import linprog

    value, row, column = matrix_game_value(matrix)
    array = np.array(matrix, dtype=object)
    # the certificate, checked here again in rationals
    assert sum(row) == 1 and sum(column) == 1 and min(row) >= 0 and min(column) >= 0
    assert min(np.array(row, dtype=object) @ array) == value
    assert max(array @ np.array(column, dtype=object)) == value
    floats = np.array(matrix, dtype=float)
    x, _ = nashpy.Game(floats).linear_program()
    assert min(x @ floats) == pytest.approx(float(value), abs=1e-7)
    m, k = floats.shape  # max v s.t. x'A >= v, sum x = 1, x >= 0
    result = linprog(
        np.r_[np.zeros(m), -1.0],
        A_ub=np.c_[-floats.T, np.ones(k)],
        b_ub=np.zeros(k),
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
    )
    assert -result.fun == pytest.approx(float(value), abs=1e-7)


@pytest.mark.parametrize("supports", [True, False])
def test_the_exact_fallbacks_when_rounding_misses(monkeypatch, supports):
    matrix = [[3, -1, 2], [0, 4, -2], [-1, 1, 5]]
    expected = matrix_game_value(matrix)[0]
    monkeypatch.setattr(characteristic, "_ROUNDINGS", ())  # the LP's supports, solved exactly
    if not supports:  # then exact Lemke-Howson on (A, -A)
        monkeypatch.setattr(characteristic, "_on_supports", lambda *args: None)
    value, row, column = matrix_game_value(matrix)
    array = np.array(matrix, dtype=object)
    assert min(np.array(row, dtype=object) @ array) == value == max(array @ np.array(column))
    assert value == expected


def test_models_and_other_game_kinds_convert_through_to_normal_form():
    pennies = get_model("matching_pennies").build()  # a ParametricGame: its defaults
    assert characteristic_function(pennies).exact_values[1:3] == (0, 0)
    tree = get_model("denial_sequential").build().at()  # a tree: its reduced strategic form
    assert characteristic_function(tree).players == tree.players
    anonymous = get_model("friend_shoring").build().at()
    assert characteristic_function(anonymous).num_players == anonymous.num_players


def test_a_declared_threshold_is_what_indispensability_asks_for():
    from deterrence.games.cooperative import CharacteristicFunctionGame
    from deterrence.solvers.cooperative import indispensability

    worths = [0, 0, 0, 2, 0, 3, 0, 5]  # "a" and "b" or "c" deny; the more, the more damage
    plain = CharacteristicFunctionGame(["a", "b", "c"], worths)
    assert set(indispensability(plain).frame.query("veto").index) == {"a", "b", "c"}
    game = plain.replace(threshold=2)
    assert game.threshold == 2 and game != plain
    assert list(indispensability(game).frame.query("veto").index) == ["a"]
    assert indispensability(game, threshold=5).frame["veto"].all()


def test_errors_name_what_was_wrong():
    floats = NormalFormGame.from_matrices([[0.5, 0], [0, 1]], [[0, 1], [1, 0]])
    with pytest.raises(InvalidGameError, match="needs exact payoffs"):
        characteristic_function(floats)
    exact = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    with pytest.raises(InvalidGameError, match="variant is 'gamma'"):
        characteristic_function(exact, variant="gamma")
    with pytest.raises(InvalidGameError, match="entries in all; at most 3"):
        characteristic_function(exact, max_entries=3)
    with pytest.raises(InvalidGameError, match="got SignallingGame"):
        characteristic_function(get_model("punitive_signal").build().at())
    with pytest.raises(InvalidGameError, match="float"):
        matrix_game_value([[0.5, 1]])
    with pytest.raises(InvalidGameError, match="2-D"):
        matrix_game_value([1, 2])


def test_the_summary_names_an_empty_core_and_a_worthless_game():
    from deterrence.games.cooperative import CharacteristicFunctionGame, WeightedQuotaGame
    from deterrence.solvers.cooperative import coalition_summary

    lines = coalition_summary(WeightedQuotaGame([1, 1, 1], 2, players="abc"))
    assert lines[3].startswith("core: empty (every allocation leaves some coalition short by")
    assert "1/3" in lines[3]
    nothing = CharacteristicFunctionGame(2, [0, 0, 0, 0])
    assert coalition_summary(nothing)[-1].startswith("no coalition gains anything")
