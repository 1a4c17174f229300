"""Subgame-perfect equilibria: textbook trees with known answers, properties, bad input."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games.extensive import (
    CHANCE,
    DECISION,
    TERMINAL,
    ExtensiveFormGame,
    chance,
    decision,
    terminal,
)
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.subgame_perfect import (
    _Induction,
    backward_induction_values,
    iter_subgame_perfect,
    solve_subgame_perfect,
)


def chain_store() -> ExtensiveFormGame:
    return ExtensiveFormGame.build(
        players=("entrant", "incumbent"),
        root=decision(
            "entrant",
            {
                "out": terminal(1, 5),
                "in": decision(
                    "incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)}
                ),
            },
        ),
    )


def test_chain_store_stage_game():
    """Selten (1978), 'The chain store paradox': the stage game has the Nash equilibria
    (out, fight) and (in, accommodate); only the second is subgame perfect."""
    game = chain_store()
    nash = {eq.outcome for eq in solve_pure(game.to_normal_form())}
    assert nash == {"(out, fight)", "(in, accommodate)"}
    result = solve_subgame_perfect(game)
    assert len(result) == 1 and result.count == 1 and result.complete
    spe = result[0]
    assert spe.plans == {"entrant": {"root": "in"}, "incumbent": {"in": "accommodate"}}
    assert spe.path == "entrant: in, incumbent: accommodate"
    assert spe.payoffs == (2, 2) and spe.is_nash()


def centipede(stages: int) -> ExtensiveFormGame:
    """Rosenthal's (1981) centipede: taking at stage k gives the mover k+1, the other k-1."""
    # passing at the end gives the last mover one less than taking there, the other two more
    last_is_first = (stages - 1) % 2 == 0
    node = terminal(stages - 1, stages + 1) if last_is_first else terminal(stages + 1, stages - 1)
    for k in range(stages - 1, -1, -1):
        mover = "first" if k % 2 == 0 else "second"
        take = (k + 1, k - 1) if mover == "first" else (k - 1, k + 1)
        node = decision(mover, {"take": terminal(*take), "pass": node})
    return ExtensiveFormGame(node, ("first", "second"))


@pytest.mark.parametrize("stages", [2, 4, 6, 9])
def test_centipede_take_immediately(stages):
    """Rosenthal (1981): the unique SPE takes at every node, so the game ends at once."""
    result = solve_subgame_perfect(centipede(stages))
    assert len(result) == 1
    spe = result[0]
    assert spe.path == "first: take"
    assert all(action == "take" for plan in spe.plans.values() for action in plan.values())
    assert spe.payoffs == (1, -1)


def ultimatum(pie: int) -> ExtensiveFormGame:
    offers = {
        str(x): decision("responder", {"accept": terminal(pie - x, x), "reject": terminal(0, 0)})
        for x in range(pie + 1)
    }
    return ExtensiveFormGame(decision("proposer", offers), ("proposer", "responder"))


def test_ultimatum_discrete_offers_two_spe():
    """Osborne and Rubinstein (1994, Example 99.1 / sec. 6.1.3): with discrete offers the
    ultimatum game has exactly two SPE: offer 0 (all accepted) and offer the smallest unit
    (0 rejected). The responder's tie at offer 0 is enumerated, not broken."""
    result = solve_subgame_perfect(ultimatum(4))
    assert result.count == 2 and len(result) == 2
    assert set(result.paths) == {"proposer: 0, responder: accept", "proposer: 1, responder: accept"}
    for spe in result:
        plan = spe.plans["responder"]
        assert all(plan[str(x)] == "accept" for x in range(1, 5))
        assert spe.is_nash()


def test_cap_and_generator():
    tied = decision("a", {"x": terminal(0), "y": terminal(0)})
    game = ExtensiveFormGame(decision("a", {"l": tied, "r": tied, "m": tied}), ("a",))
    result = solve_subgame_perfect(game, max_equilibria=5)
    assert len(result) == 5 and result.count == 3 * 2**3 and not result.complete
    assert sum(1 for _ in iter_subgame_perfect(game)) == 24
    with pytest.raises(InvalidGameError, match="max_equilibria"):
        solve_subgame_perfect(game, max_equilibria=0)


def test_chance_node_expected_values():
    game = ExtensiveFormGame(
        chance(
            {
                "good": ("1/4", decision("a", {"x": terminal(4), "y": terminal(0)})),
                "bad": ("3/4", decision("a", {"x": terminal(0), "y": terminal(2)})),
            }
        ),
        ("a",),
    )
    spe = solve_subgame_perfect(game)[0]
    assert spe.payoffs == (Fraction(5, 2),)
    assert spe.path == "1/4: chance: good, a: x | 3/4: chance: bad, a: y"
    assert backward_induction_values(game)[0, 0] == Fraction(5, 2)


def selten_horse() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        decision(
            "1",
            {
                "C": decision(
                    "2",
                    {
                        "c": terminal(1, 1, 1),
                        "d": decision(
                            "3", {"L": terminal(4, 4, 0), "R": terminal(1, 1, 1)}, infoset="I3"
                        ),
                    },
                ),
                "D": decision("3", {"L": terminal(3, 3, 2), "R": terminal(0, 0, 0)}, infoset="I3"),
            },
        ),
        ("1", "2", "3"),
    )


def test_selten_horse_pure_equilibria():
    """Selten (1975), 'Reexamination of the perfectness concept', Fig. 1: the horse has no
    proper subgame, so its SPE are its Nash equilibria; the pure ones are (C, c, R),
    (C, d, R) and (D, c, L) (only (C, c, R) is perfect)."""
    game = selten_horse()
    assert game.subgame_roots() == (0,)
    result = solve_subgame_perfect(game)
    found = {(spe.plans["1"]["root"], spe.plans["2"]["C"], spe.plans["3"]["I3"]) for spe in result}
    assert found == {("C", "c", "R"), ("C", "d", "R"), ("D", "c", "L")}
    assert not result.complete  # three active players: mixed equilibria not sought
    assert all(spe.max_regret() == 0 for spe in result)


def test_mixed_subgame_is_backed_up():
    """A proper matching-pennies subgame (value 0) after an outside option worth 1/2: the
    unique SPE takes the outside option and mixes 1/2-1/2 in the subgame."""
    pennies = decision(
        "row",
        {
            "H": decision("col", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
            "T": decision("col", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"),
        },
    )
    game = ExtensiveFormGame(
        decision("row", {"out": terminal("1/2", 0), "in": pennies}), ("row", "col")
    )
    result = solve_subgame_perfect(game)
    assert result.method == "subgame_decomposition"
    assert len(result) == 1
    spe = result[0]
    assert spe.path == "row: out"
    half = Fraction(1, 2)
    assert spe.plans["row"]["in"] == {"H": half, "T": half}
    assert spe.plans["col"]["guess"] == {"h": half, "t": half}
    assert spe.max_regret() == 0


def deterrence_game(p: str, status_quo: int, concession: int, conflict: int) -> ExtensiveFormGame:
    """Unilateral deterrence with a hard (prob. p) or soft defender (Zagare and Kilgour
    2000, ch. 4 and 8): the challenger does not know the defender's type."""

    def defender(hard: bool):
        return decision(
            "defender",
            {"concede": terminal(concession, -1), "deny": terminal(conflict, 1 if hard else -2)},
        )

    return ExtensiveFormGame(
        chance(
            {
                "hard": (
                    p,
                    decision(
                        "challenger",
                        {"status quo": terminal(status_quo, 0), "challenge": defender(True)},
                        infoset="C",
                    ),
                ),
                "soft": (
                    f"1 - {p}",
                    decision(
                        "challenger",
                        {"status quo": terminal(status_quo, 0), "challenge": defender(False)},
                        infoset="C",
                    ),
                ),
            }
        ),
        ("challenger", "defender"),
    )


@pytest.mark.parametrize(
    ("status_quo", "concession", "conflict"), [(0, 2, -1), (1, 3, -2), (-1, 4, -6)]
)
def test_zagare_kilgour_challenge_threshold(status_quo, concession, conflict):
    """Zagare and Kilgour, *Perfect Deterrence* (2000): the challenger challenges exactly
    when p < (a_DC - a_SQ) / (a_DC - a_DD)."""
    threshold = Fraction(concession - status_quo, concession - conflict)
    for p in (
        threshold / 2,
        threshold - Fraction(1, 100),
        threshold + Fraction(1, 100),
        (1 + threshold) / 2,
    ):
        result = solve_subgame_perfect(deterrence_game(str(p), status_quo, concession, conflict))
        choices = {spe.plans["challenger"]["C"] for spe in result}
        assert choices == ({"challenge"} if p < threshold else {"status quo"})
        for spe in result:
            assert spe.plans["defender"] == {
                "hard, challenge": "deny",
                "soft, challenge": "concede",
            }
    at = solve_subgame_perfect(deterrence_game(str(threshold), status_quo, concession, conflict))
    assert {spe.plans["challenger"]["C"] for spe in at} == {"challenge", "status quo"}


def test_bad_input():
    with pytest.raises(InvalidGameError, match="expected an ExtensiveFormGame"):
        solve_subgame_perfect("tree")
    parametric = ExtensiveFormGame(decision("a", {"x": terminal("c")}), ("a",))
    with pytest.raises(UnsupportedGameError, match=r"game.at"):
        solve_subgame_perfect(parametric)
    with pytest.raises(UnsupportedGameError, match="perfect information"):
        backward_induction_values(selten_horse())


# ---------------------------------------------------------------------- properties
@st.composite
def trees(draw, depth=0):
    """Small perfect-information trees with few payoff values (so that ties occur)."""
    players = ("a", "b")
    kind = draw(
        st.sampled_from(["terminal", "decision", "decision", "chance"])
        if depth < 3
        else st.just("terminal")
    )
    if kind == "terminal":
        return terminal(draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    width = draw(st.integers(1, 2))
    children = [draw(trees(depth=depth + 1)) for _ in range(width)]
    if kind == "chance":
        if width == 1:
            return chance({"sure": (1, children[0])})
        return chance({"up": ("1/3", children[0]), "down": ("2/3", children[1])})
    return decision(
        draw(st.sampled_from(players)), {f"m{k}": child for k, child in enumerate(children)}
    )


def one_shot_spe(game: ExtensiveFormGame) -> set[tuple[int, ...]]:
    """Brute force by definition: pure behaviour profiles from which no mover gains by a
    one-shot deviation at any node (the one-shot deviation principle, Osborne and Rubinstein
    1994, Lemma 98.2), which characterises SPE of finite perfect-information games."""
    tree = game._tree
    decisions = [v for v in range(game.num_nodes) if tree.kind[v] == DECISION]
    found = set()
    for profile in itertools.product(*(range(int(tree.num_children[v])) for v in decisions)):
        choice = dict(zip(decisions, profile))

        def value(v, choice=choice):
            if tree.kind[v] == TERMINAL:
                return tuple(tree.payoffs[tree.terminal_index[v]])
            first = int(tree.first_child[v])
            if tree.kind[v] == CHANCE:
                values = [value(first + k) for k in range(int(tree.num_children[v]))]
                return tuple(
                    sum(tree.probability[first + k] * values[k][j] for k in range(len(values)))
                    for j in range(2)
                )
            return value(first + choice[v])

        ok = True
        for v in decisions:
            first = int(tree.first_child[v])
            mover = int(tree.mover[v])
            here = value(first + choice[v])[mover]
            if any(value(first + k)[mover] > here for k in range(int(tree.num_children[v]))):
                ok = False
                break
        if ok:
            found.add(tuple(profile))
    return found


@settings(max_examples=40, deadline=None)
@given(trees())
def test_backward_induction_matches_definition_and_is_nash(root):
    game = ExtensiveFormGame(root, ("a", "b"))
    if game.num_nodes > 40:
        return
    expected = one_shot_spe(game)
    tree = game._tree
    decisions = [v for v in range(game.num_nodes) if tree.kind[v] == DECISION]
    # both code paths: node-by-node (narrow levels) and vectorised (every level)
    for scalar_level in (_Induction.SCALAR_LEVEL, 0):
        saved = _Induction.SCALAR_LEVEL
        _Induction.SCALAR_LEVEL = scalar_level
        try:
            result = solve_subgame_perfect(game, max_equilibria=None)
        finally:
            _Induction.SCALAR_LEVEL = saved
        found = [tuple(int(spe.choices[tree.infoset[v]]) for v in decisions) for spe in result]
        assert len(found) == len(set(found)) == result.count
        assert set(found) == expected
        for spe in result:
            assert spe.max_regret() == 0
