"""Exact thresholds: known answers, descriptions, and agreement with a fine sweep."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.analysis import structure_at, thresholds
from deterrence.exceptions import InvalidGameError
from deterrence.games import Parameter, ParametricGame


def coercion_game():
    return ParametricGame.from_matrices(
        [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, "1 - 2*credibility"]],
        [[-1, "hoarding - 3"], [1, "hoarding"]],
        [
            Parameter("credibility", domain=(0, 1)),
            Parameter("benefit", default=2),
            Parameter("cost", default=6, domain=(0, 10)),
            Parameter("hoarding", default="1/2", domain=(-1, 2)),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
    )


def test_credibility_threshold_symbolic_and_numeric():
    game = coercion_game()
    [symbolic] = thresholds(game, "credibility", fixed={"hoarding": "1/2"})
    benefit, cost = sympy.symbols("benefit cost", real=True)
    assert sympy.simplify(symbolic.expression - benefit / (benefit + cost)) == 0
    assert symbolic.value is None
    [numeric] = thresholds(game, "credibility", fixed={"benefit": 2, "cost": 6, "hoarding": "1/2"})
    assert numeric.value == Fraction(1, 4)
    assert float(numeric) == 0.25
    assert numeric.below == ("(coerce, share)",)
    assert numeric.above == ("(refrain, share)",)
    assert numeric.description == (
        "above credibility = 1/4, the coercer's best reply to share is refrain "
        "(rather than coerce); (refrain, share) becomes the unique equilibrium"
    )
    assert "coercer" in numeric.players


def test_mixed_equilibrium_enters_the_simplex():
    # at credibility 1/2 the coalition hoards against refrain once hoarding > 1 and the
    # coercer coerces a hoarding coalition: a cycle, so a mixed equilibrium appears
    game = coercion_game()
    found = thresholds(game, "hoarding", fixed={"credibility": "1/2"})
    assert [t.value for t in found] == [Fraction(1)]
    assert found[0].below == ("(refrain, share)",)
    assert found[0].above == ("(mix of coerce and refrain, mix of share and hoard)",)


def test_coordination_threshold_at_zero():
    game = ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", domain=(-2, 3))]
    )
    [t] = thresholds(game, "x")
    assert t.value == 0
    assert t.below == ("(s2, s2)",)
    assert set(t.above) == {"(s1, s1)", "(s2, s2)", "(mix of s1 and s2, mix of s1 and s2)"}
    assert "appear" in t.description


def test_three_player_pure_thresholds():
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for i in range(3):
        for s in np.ndindex(2, 2, 2):
            payoffs[(i, *s)] = f"{s[i]}*(c - {sum(s)})"
    game = ParametricGame(payoffs, [Parameter("c", domain=(0, 5))], players=("a", "b", "d"))
    # player i joins (s_i = 1) iff c exceeds the number of ones including itself
    found = thresholds(game, "c")
    assert [t.value for t in found] == [1, 2, 3]
    assert found[-1].above == ("(s2, s2, s2)",)


def test_threshold_outside_domain_is_dropped():
    game = ParametricGame.from_matrices(
        [["x - 5", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", domain=(0, 1))]
    )
    assert thresholds(game, "x") == ()


def test_errors():
    game = coercion_game()
    with pytest.raises(InvalidGameError, match="unknown parameter 'credibilty'"):
        thresholds(game, "credibilty")
    with pytest.raises(InvalidGameError, match="being varied"):
        thresholds(game, "credibility", fixed={"credibility": 0})
    with pytest.raises(InvalidGameError, match="outside its domain"):
        thresholds(game, "credibility", fixed={"cost": 11})


def test_3x3_thresholds_agree_with_a_fine_grid():
    game = ParametricGame.from_matrices(
        [["a", 0, "1 - a"], [0, "1/2", 1], ["1/2", 1, 0]],
        [[0, "a", 1], ["1/2", 0, 1], [1, "a - 1/2", 0]],
        [Parameter("a", domain=(-1, 2))],
    )
    found = thresholds(game, "a")
    assert [t.value for t in found] == [0, Fraction(1, 2), Fraction(3, 4), Fraction(3, 2)]
    _check_against_grid(game, "a", found, -1, 2)


def _check_against_grid(game, name, found, low, high, points=601):
    """Every change of structure on a fine grid is bracketed by exactly one threshold."""
    grid = np.linspace(low, high, points)
    structures = structure_at(game, {name: grid})
    values = [float(t.value) for t in found]
    for k in range(points - 1):
        inside = [v for v in values if grid[k] < v <= grid[k + 1] or grid[k] <= v < grid[k + 1]]
        changed = structures[k] != structures[k + 1]
        on_grid_point = any(v in (grid[k], grid[k + 1]) for v in inside)
        if not on_grid_point:
            assert changed == bool(inside), (grid[k], grid[k + 1], inside)


coefficients = st.integers(-3, 3)


@settings(max_examples=25)
@given(st.lists(st.tuples(coefficients, coefficients), min_size=8, max_size=8))
def test_random_linear_2x2_games_agree_with_a_fine_grid(entries):
    # payoffs c0 + c1 * t: thresholds are rationals; a grid whose points avoid them
    payoffs = np.array([f"{c0} + {c1}*t" for c0, c1 in entries], dtype=object).reshape(2, 2, 2)
    game = ParametricGame(payoffs, [Parameter("t", domain=(-4, 4))])
    found = thresholds(game, "t")
    values = [float(t.value) for t in found]
    assert values == sorted(values)
    # shifted so that no grid point is a small-denominator rational (a degenerate game)
    _check_against_grid(game, "t", found, -4 + 0.00123456, 4 - 0.00876544, points=801)


# ---------------------------------------------------------------- sentences
def _dilemma(players):
    """A symmetric dilemma: defecting against cooperation pays once temptation > 3."""
    return ParametricGame.from_matrices(
        [[3, 0], ["temptation", 1]],
        [[3, "temptation"], [0, 1]],
        [Parameter("temptation", domain=(0, 6))],
        players=players,
        strategies=(("cooperate", "defect"), ("cooperate", "defect")),
    )


def test_sentences_name_proper_labels_without_an_article():
    [threshold] = thresholds(_dilemma(("bloc A", "bloc B")), "temptation")
    assert threshold.description == (
        "above temptation = 3, the best reply of both bloc A and bloc B to cooperate is "
        "defect (rather than cooperate); (defect, defect) becomes the unique equilibrium"
    )
    [threshold] = thresholds(_dilemma(("coercer", "allies")), "temptation")
    assert "the best reply of both the coercer and the allies to cooperate" in str(threshold)


def test_possessives_for_common_and_proper_nouns():
    game = coercion_game()
    for players, expected in [
        (("coercer", "coalition"), "the coercer's best reply"),
        (("United States", "coalition"), "United States's best reply"),
        (("player 1", "coalition"), "player 1's best reply"),
        (("allies", "coalition"), "the allies' best reply"),
    ]:
        relabelled = game.replace(players=players)
        [threshold] = thresholds(relabelled, "credibility", fixed={"hoarding": "1/2"})
        assert threshold.description.startswith(
            "above credibility = benefit/(benefit + cost), " + expected
        ), threshold.description


def test_model_sentences_read_as_sentences():
    """At the defaults of every two-player scenario, each sentence starts with the critical
    value and never puts an article before a label that is a proper name."""
    from deterrence.analysis.words import noun as _noun
    from deterrence.models import catalog, get_model

    for name, key in zip(catalog()["name"], catalog()["key_parameter"]):
        game = get_model(name).build()
        if not isinstance(game, ParametricGame) or game.num_players != 2:
            continue
        # symbolic in every other parameter for 2x2 games; larger ones (trust_private's 4x4
        # ex-ante form: about a minute symbolically) at the others' defaults
        fixed = "defaults" if max(game.num_strategies) > 2 else None
        for threshold in thresholds(game, key, fixed=fixed):
            text = threshold.description
            assert text.startswith(f"above {key} = ") and ", " in text, text
            assert "the the " not in text
            for player in game.players:
                if _noun(player) == player:
                    assert f"the {player}" not in text, text
            assert "best reply" in text or "mixed equilibrium" in text, text


def test_fixed_defaults_gives_numbers_for_every_threshold():
    """``fixed="defaults"`` equals fixing every other parameter at its default by hand."""
    from deterrence.models import get_model

    game = get_model("denial").build()
    by_hand = {k: v for k, v in game.defaults.items() if k != "credibility"}
    expected = [t.value for t in thresholds(game, "credibility", fixed=by_hand)]
    got = [t.value for t in thresholds(game, "credibility", fixed="defaults")]
    assert got == expected and all(v is not None for v in got)
    with pytest.raises(InvalidGameError, match="defaults"):
        thresholds(game, "credibility", fixed="default")


def test_low_degree_anonymous_payoffs_give_exact_folds_at_any_size():
    """D(k) quadratic in the share s = k/(N-1): the gain is a quadratic in h whatever N, so
    the fold is exact even for 2,000 players (the Bernstein form of s^2 is h^2 + h(1-h)/n)."""
    from fractions import Fraction

    from deterrence.analysis import thresholds
    from deterrence.games import Parameter, ParametricAnonymousGame

    game = ParametricAnonymousGame(
        2000,
        {"a": "(k/(N - 1))**2 - k/(N - 1) + c", "b": "0"},
        [Parameter("c", default=Fraction(1, 10))],
    )
    folds = [
        t
        for t in thresholds(game, "c", domain=(Fraction(1, 5), Fraction(3, 10)))
        if t.kind != "pure"
    ]
    n = 1999
    # gain(h) = h^2 + h(1-h)/n - h + c is smallest at h = 1/2: c* = 1/4 - 1/(4n)
    assert [t.value for t in folds] == [Fraction(1, 4) - Fraction(1, 4 * n)]


def test_thresholds_through_min_max_and_abs():
    """Payoffs with kinks: every piece is solved (each candidate is then checked)."""
    from fractions import Fraction

    from deterrence.games import ParametricGame

    def values(first):
        game = ParametricGame.from_matrices([[first, 0], [0, 1]], [[1, 0], [0, 1]], ["t"])
        return [t.value for t in thresholds(game, "t")]

    assert values("min(t, 1) - 1/2") == [Fraction(1, 2)]
    assert values("abs(t - 2) - 1") == [Fraction(1), Fraction(3)]
    assert values("max(t, 2*t - 3, 1) - 2") == [Fraction(2)]
    assert values("min(t, 0) + 1") == [Fraction(-1)]


def test_structure_at_takes_fixed_games_and_empty_batches():
    from deterrence.games import NormalFormGame, ParametricGame

    coordination = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert len(structure_at(coordination, {})) == 1
    assert len(structure_at(coordination, {})[0]) == 3
    game = ParametricGame.from_matrices([["t", 0], [0, 1]], [[1, 0], [0, 1]], ["t"])
    assert structure_at(game, {"t": []}) == []
