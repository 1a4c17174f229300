"""Tests of deterrence.games.automata: strategies as finite automata.

Behaviour of the classic strategies follows Axelrod (1984) and Nowak and Sigmund (1993).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.automata import (
    ALLC,
    ALLD,
    GRIM,
    GTFT,
    RANDOM,
    TF2T,
    TFT,
    WSLS,
    Automaton,
    classic_strategies,
    memory_n,
    memory_one,
    reactive,
)

C, D = 0, 1


def play(strategy: Automaton, opponent_moves: list[int]) -> list[int]:
    """Moves of a deterministic automaton against a fixed sequence of opponent moves."""
    state = strategy.initial_state
    moves = []
    for other in opponent_moves:
        own = strategy.action(state)
        moves.append(own)
        state = strategy.next_state(state, own=own, other=other)
    return moves


@pytest.mark.parametrize("strategy", classic_strategies(), ids=lambda s: s.name)
def test_conformance(strategy):
    """Every strategy: valid probabilities, transitions in range, immutable, equal to a copy."""
    assert strategy.num_states >= 1
    assert all(0 <= p <= 1 for p in strategy.cooperation)
    assert strategy.transitions.shape == (strategy.num_states, 2, 2)
    assert 0 <= strategy.transitions.min() and strategy.transitions.max() < strategy.num_states
    assert len(strategy.state_labels) == strategy.num_states
    with pytest.raises(ValueError):
        strategy.transitions[0, 0, 0] = 0
    copy = strategy.replace()
    assert copy == strategy and hash(copy) == hash(strategy)
    assert strategy.is_exact


def test_named_strategies_against_a_fixed_sequence():
    other = [C, D, C, C, D, D, C, C]
    assert play(ALLC, other) == [C] * 8
    assert play(ALLD, other) == [D] * 8
    assert play(TFT, other) == [C, C, D, C, C, D, D, C]
    assert play(TF2T, other) == [C, C, C, C, C, C, D, C]
    assert play(GRIM, other) == [C, C, D, D, D, D, D, D]
    # WSLS: cooperate iff both did the same last period (Nowak and Sigmund 1993)
    assert play(WSLS, other) == [C, C, D, D, D, C, D, D]


def test_memory_one_vectors_reproduce_named_strategies():
    tft = memory_one(1, 0, 1, 0)
    wsls = memory_one(1, 0, 0, 1)
    other = [D, C, D, D, C, C, D, C, D, D]
    assert play(tft, other) == play(TFT, other)
    assert play(wsls, other) == play(WSLS, other)
    assert play(reactive(1, 0), other) == play(TFT, other)


def test_stochastic_strategies_keep_exact_probabilities():
    assert GTFT("1/3").cooperation == (1, 1, Fraction(1, 3))
    assert RANDOM(0.25).cooperation == (0.25,)
    assert not GTFT("1/3").is_deterministic and RANDOM("1/2").is_exact
    assert not RANDOM(0.5).is_exact
    with pytest.raises(InvalidGameError, match="mixes"):
        GTFT("1/3").action(2)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: memory_one(1, 0, 2, 0), r"probability must lie in \[0, 1\]"),
        (lambda: memory_one(1, 0, float("nan"), 0), "finite"),
        (lambda: GTFT(-0.1), "generosity"),
        (lambda: Automaton("x", [], []), "no states"),
        (lambda: Automaton("x", [1, 0], [[[0, 0], [0, 0]]]), r"shape \(1, 2, 2\)"),
        (lambda: Automaton("x", [1], [[[0, 3], [0, 0]]]), "state 3"),
        (lambda: Automaton("x", [1], [[[0, 0], [0, 0]]], initial_state=2), "initial_state"),
        (lambda: Automaton("", [1], [[[0, 0], [0, 0]]]), "name"),
        (lambda: Automaton("x", [1], [[[0, 0], [0, 0]]], state_labels=("a", "b")), "labels"),
    ],
)
def test_invalid_automata_are_rejected_clearly(make, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        make()


def test_transitions_are_copied_into_a_read_only_array():
    table = np.zeros((1, 2, 2), dtype=int)
    strategy = Automaton("x", [1], table)
    table[0, 0, 0] = 5
    assert strategy.transitions[0, 0, 0] == 0


def test_memory_n_rules_reproduce_named_strategies():
    def tf2t_rule(history):
        return 0 if len(history) == 2 and all(o[1] == "D" for o in history) else 1

    def tft_rule(history):
        return 0 if history and history[-1][1] == "D" else 1

    tf2t = memory_n(2, tf2t_rule, name="TF2T-2")
    tft = memory_n(1, tft_rule, name="TFT-1")
    assert tf2t.num_states == 1 + 4 + 16 and tft.num_states == 5
    other = [D, C, D, D, D, C, D, C, D, D, C, C]
    assert play(tf2t, other) == play(TF2T, other)
    assert play(tft, other) == play(TFT, other)
    with pytest.raises(InvalidGameError, match="memory"):
        memory_n(0, tft_rule, name="x")
    with pytest.raises(InvalidGameError, match=r"\[0, 1\]"):
        memory_n(1, lambda history: 2, name="x")
