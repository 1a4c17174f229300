"""Interop with the axelrod package (Knight et al. 2016); skipped when it is not installed.

Deterministic matches between our automata and axelrod's players are compared move by move.
"""

from __future__ import annotations

import sys

import pytest

from deterrence.analysis.tournament import simulate_match
from deterrence.exceptions import InvalidGameError, MissingDependencyError
from deterrence.games.automata import (
    ALLC,
    ALLD,
    GRIM,
    GTFT,
    TF2T,
    TFT,
    WSLS,
    memory_one,
)
from deterrence.games.repeated import prisoners_dilemma
from deterrence.io.axelrod import from_axelrod, import_axelrod, play_axelrod_match, to_axelrod

CLASSIC = [ALLC, ALLD, TFT, TF2T, GRIM, WSLS]
PD = prisoners_dilemma()


def test_missing_axelrod_is_reported_clearly(monkeypatch):
    monkeypatch.setitem(sys.modules, "axelrod", None)
    with pytest.raises(MissingDependencyError, match="installed separately"):
        import_axelrod()
    with pytest.raises(MissingDependencyError, match="pip install axelrod"):
        to_axelrod(TFT)


def test_to_axelrod_checks_its_argument():
    with pytest.raises(InvalidGameError, match="Automaton"):
        to_axelrod("TFT")


@pytest.fixture(scope="module")
def axl():
    return pytest.importorskip("axelrod", reason="axelrod is not installed (pip install axelrod)")


@pytest.fixture(scope="module")
def native(axl):
    return {
        "ALLC": axl.Cooperator,
        "ALLD": axl.Defector,
        "TFT": axl.TitForTat,
        "TF2T": axl.TitFor2Tats,
        "GRIM": axl.Grudger,
        "WSLS": axl.WinStayLoseShift,
    }


@pytest.mark.parametrize("first", CLASSIC, ids=lambda s: s.name)
def test_deterministic_matches_move_by_move(axl, native, first):
    opponents = [*CLASSIC, memory_one(0, 0, 1, 1, initial=0, name="alternator")]
    for second in opponents:
        ours = simulate_match(PD, first, second, turns=40).moves()
        other = native.get(second.name)
        theirs_opponent = other() if other else to_axelrod(second)
        theirs = play_axelrod_match(native[first.name](), theirs_opponent, turns=40)
        assert ours == theirs, (first.name, second.name)
    # and against axelrod-only players
    for player in (axl.Alternator(), axl.SuspiciousTitForTat(), axl.Bully(), axl.CyclerCCD()):
        ours = play_axelrod_match(first, player.clone(), turns=40)
        theirs = play_axelrod_match(native[first.name](), player.clone(), turns=40)
        assert ours == theirs, (first.name, player.name)


def test_native_counterparts_and_round_trip(axl, native):
    for strategy in CLASSIC:
        assert isinstance(to_axelrod(strategy), native[strategy.name])
        assert from_axelrod(native[strategy.name]()) == strategy
    assert to_axelrod(GTFT(0.25)).p == 0.25
    player = axl.MemoryOnePlayer(four_vector=(1, 0.5, 0.25, 0), initial=axl.Action.C)
    automaton = from_axelrod(player)
    assert automaton.cooperation[1:] == (1.0, 0.5, 0.25, 0.0)
    wrapped = to_axelrod(TFT, native=False)
    assert from_axelrod(wrapped) is TFT
    with pytest.raises(InvalidGameError, match="no finite-automaton"):
        from_axelrod(axl.Prober())


def test_noisy_matches_keep_automaton_semantics(axl):
    """Under noise axelrod players see the flipped moves, as our automata do."""
    moves = play_axelrod_match(GRIM, ALLC, turns=300, noise=0.05, seed=3)
    first_defection = next(k for k, (a, b) in enumerate(moves) if "D" in (a, b))
    # after any realised defection GRIM intends to defect forever: its moves are D except
    # for noise flips
    tail = [a for a, _ in moves[first_defection + 1 :]]
    assert tail.count("C") < 0.2 * len(tail)
