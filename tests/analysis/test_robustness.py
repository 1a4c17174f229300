"""Robust conclusions under uncertainty (issue 14): exact and QMC probabilities,
multiplicity, Sobol' indices against a brute-force variance decomposition, PRIM, errors."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.analysis import regimes, sweep
from deterrence.analysis.robustness import prim_boxes, robustness
from deterrence.exceptions import InvalidGameError
from deterrence.games import Outcomes, Parameter, ParametricGame

pytest.importorskip("SALib", reason="SALib is in the test extra")

DENIAL = dt.get_model("denial").build()


def _additive_game() -> ParametricGame:
    """The coercer coerces exactly when x + y > 1; z plays no part."""
    game = ParametricGame.from_matrices(
        [["x + y - 1 + 0*z", "x + y - 1"], [0, 0]],
        [[1, 0], [1, 0]],
        [
            Parameter("x", domain=(0, 1)),
            Parameter("y", domain=(0, 1)),
            Parameter("z", domain=(0, 1)),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
    )
    return game.replace(
        outcomes=Outcomes(
            [({"coercer": "coerce"}, "coerced"), ({"coercer": "refrain"}, "deterred")]
        )
    )


# ---------------------------------------------------------------------- probabilities
def test_one_uniform_parameter_of_denial_is_the_exact_measure_of_its_regimes():
    result = robustness(
        DENIAL,
        {"credibility": ("uniform", 0.4, 0.9)},
        rng=3,
        progress=False,
        sensitivity_samples=None,
    )
    low, high = Fraction(2, 5), Fraction(9, 10)
    found = regimes(DENIAL, {"credibility": (low, high)})
    measure = sum(
        (
            (b - a) / (high - low)
            for r in found
            for a, b in [r.bounds["credibility"]]
            if r.outcomes == ("coercion deterred",)
        ),
        Fraction(0),
    )
    exact = result.probability("coercion deterred")
    assert isinstance(exact, Fraction)
    assert exact == measure == Fraction(29, 405)  # (9/10 - 70/81) / (1/2)
    assert result.probability("coerced, coalition shares") == Fraction(376, 405)
    row = result.probabilities.set_index("outcome").loc["coercion deterred"]
    assert row["method"] == "exact"
    # the quasi-Monte Carlo estimate agrees within its own interval
    assert row["estimate_low"] <= float(exact) <= row["estimate_high"]
    assert row["estimate_high"] - row["estimate_low"] < 0.02
    assert result.multiplicity == 0


def test_same_seed_same_answer_and_several_parameters_use_qmc():
    options = dict(rng=7, progress=False, sensitivity_samples=None, samples=1024)
    distributions = {
        "credibility": "uniform:0.6:1",
        "coverage": ("beta", 8, 2),
        "information_sharing": stats.uniform(0.7, 0.3),
    }
    first = robustness(DENIAL, distributions, **options)
    second = robustness(DENIAL, distributions, **options)
    assert first.probabilities.equals(second.probabilities)
    assert set(first.probabilities["method"]) == {"quasi-Monte Carlo"}
    assert first.distributions["information_sharing"] == "uniform on [7/10, 1]"
    assert first.probabilities["probability"].sum() == pytest.approx(1.0)
    deterred = first.probabilities.set_index("outcome").loc["coercion deterred"]
    assert deterred["low"] < deterred["probability"] < deterred["high"]
    assert 0.09 < deterred["probability"] < 0.15


def test_multiplicity_and_selection_rules_on_a_coordination_game():
    game = ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", domain=(-1, 1))]
    )
    options = dict(rng=0, progress=False, sensitivity_samples=None, samples=256, boxes=0)
    dominant = robustness(game, {"x": ("uniform", -1, 1)}, **options)
    # x > 0: (s1, s1), (s2, s2) and a mixed equilibrium; exactly half the interval
    assert dominant.multiplicity == Fraction(1, 2)
    assert dominant.probability("(s2, s2)") == 1  # pays 1 each, dominant for x < 1
    possible = robustness(game, {"x": ("uniform", -1, 1)}, selection="any", **options)
    assert possible.probability("(s1, s1)") == Fraction(1, 2)
    assert possible.probability("(s2, s2)") == 1
    certain = robustness(game, {"x": ("uniform", -1, 1)}, selection="all", **options)
    assert certain.probability("(s2, s2)") == Fraction(1, 2)
    shares = certain.probabilities.set_index("outcome")
    assert shares.loc["(s2, s2)", "possible"] == 1.0


# ---------------------------------------------------------------------- sensitivity
def test_sobol_indices_agree_with_a_brute_force_variance_decomposition():
    game = _additive_game()
    uniform = ("uniform", 0, 1)
    result = robustness(
        game,
        {"x": uniform, "y": uniform, "z": uniform},
        outcome="deterred",
        rng=11,
        progress=False,
        samples=256,
        sensitivity_samples=2048,
        boxes=0,
    )
    # brute force on a regular grid (off the line x + y = 1, where both choices tie):
    # Y = 1{deterred}, S_x = Var(E[Y | x]) / Var(Y)
    mids = (np.arange(200) + 0.25) / 200
    table = sweep(game, {"x": mids, "y": mids}, fixed={"z": 0.5}, progress=False)
    y = (table["outcome"].astype(str) == "deterred").to_numpy(float).reshape(200, 200)
    variance = y.var()
    first_x = y.mean(axis=1).var() / variance
    first_y = y.mean(axis=0).var() / variance
    total_x = (y.var(axis=0).mean()) / variance  # E[Var(Y | y)] / Var(Y)
    indices = result.sensitivity.set_index("parameter")
    assert first_x == pytest.approx(1 / 3, abs=0.01) and total_x == pytest.approx(2 / 3, abs=0.01)
    assert indices.loc["x", "first_order"] == pytest.approx(first_x, abs=0.06)
    assert indices.loc["y", "first_order"] == pytest.approx(first_y, abs=0.06)
    assert indices.loc["x", "total"] == pytest.approx(total_x, abs=0.06)
    assert abs(indices.loc["z", "first_order"]) < 0.03 and abs(indices.loc["z", "total"]) < 0.03


def test_an_outcome_that_depends_on_one_parameter_only():
    result = robustness(
        DENIAL,
        {"credibility": "uniform:0.4:0.9", "damage": "uniform:6:10"},
        rng=5,
        progress=False,
        samples=256,
        sensitivity_samples=512,
    )
    indices = result.sensitivity.set_index("parameter")
    assert result.target == "coercion deterred"
    assert indices.loc["credibility", "first_order"] == pytest.approx(1, abs=0.05)
    assert abs(indices.loc["damage", "total"]) < 0.02


def test_a_payoff_target():
    result = robustness(
        DENIAL,
        {"credibility": "uniform:0.4:0.9", "cost": "uniform:2:4"},
        outcome="payoff:coercer",
        rng=5,
        progress=False,
        samples=256,
        sensitivity_samples=256,
    )
    assert result.target == "payoff:coercer" and not result.boxes
    assert result.sensitivity["total"].notna().all()


# ---------------------------------------------------------------------- scenario discovery
def test_prim_recovers_a_planted_box():
    rng = np.random.default_rng(4)
    x = rng.random((6000, 3))
    y = (x[:, 0] >= 0.6) & (x[:, 1] <= 0.3)
    [box] = prim_boxes(x, y, ["a", "b", "c"], max_boxes=1)
    assert set(box.limits) == {"a", "b"}
    (a_low, a_high), (b_low, b_high) = box.limits["a"], box.limits["b"]
    assert a_high is None and b_low is None
    assert a_low == pytest.approx(0.6, abs=0.02) and b_high == pytest.approx(0.3, abs=0.02)
    assert box.density == 1.0 and box.coverage > 0.95
    assert box.text.startswith("outcome in 100% of cases when a >= 0.6")


def test_boxes_in_words_for_denial():
    result = robustness(
        DENIAL, {"credibility": "uniform:0.4:0.9"}, rng=2, progress=False, sensitivity_samples=None
    )
    [box] = result.boxes
    assert box.limits["credibility"][0] == pytest.approx(70 / 81, abs=0.005)
    assert box.text.startswith("coercion deterred in 100% of cases when credibility >= 0.86")


# ---------------------------------------------------------------------- rendering
def test_frames_json_and_html():
    result = robustness(
        DENIAL,
        {"credibility": "uniform:0.4:0.9", "coverage": "beta:8:2"},
        rng=1,
        progress=False,
        samples=256,
        sensitivity_samples=64,
    )
    data = json.loads(result.to_json())
    assert data["distributions"]["coverage"] == "beta(8, 2) on [0, 1]"
    assert {r["outcome"] for r in data["probabilities"]} == set(result.probabilities["outcome"])
    assert list(result.to_frame("sensitivity")["parameter"]) == ["credibility", "coverage"]
    assert list(result.to_frame("boxes").columns)[:2] == ["outcome", "conditions"]
    assert "Outcome probabilities" in result._repr_html_()
    assert "quasi-Monte Carlo" in result.to_text()
    with pytest.raises(InvalidGameError, match="choose 'probabilities'"):
        result.to_frame("everything")
    exact = robustness(
        DENIAL,
        {"credibility": "uniform:0.4:0.9"},
        rng=1,
        progress=False,
        samples=64,
        sensitivity_samples=None,
    )
    assert json.loads(exact.to_json())["probabilities"][0]["probability"] == "29/405"


def test_models_by_name_with_structural_options():
    result = dt.robustness(
        "friend_shoring",
        {"institutionalisation": ("uniform", 0, 4)},
        fixed={"num_partners": 4, "quorum": 2},
        rng=0,
        progress=False,
        samples=16,
        sensitivity_samples=None,
        boxes=0,
    )
    assert result.probability("commitment holds: every partner honours") == Fraction(1, 2)
    with pytest.raises(InvalidGameError, match="structural"):
        dt.robustness("friend_shoring", {"num_partners": ("uniform", 2, 9)})


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("distributions", "options", "message"),
    [
        ({"credibilty": "uniform:0:1"}, {}, "credibilty"),
        ({"credibility": "gamma:2:1"}, {}, "unknown shorthand 'gamma'"),
        ({"credibility": ("uniform", 0.9, 0.4)}, {}, "low < high"),
        ({"credibility": ("uniform", 0.5, 1.5)}, {}, "50% of its mass outside"),
        ({"credibility": ("beta", 8)}, {}, "beta takes"),
        ({"credibility": ("uniform", "a", 1)}, {}, "expected a finite number"),
        ({"credibility": 0.5}, {}, "expected a scipy.stats frozen distribution"),
        ({}, {}, "non-empty mapping"),
        ({"credibility": "uniform:0:1"}, {"selection": "best"}, "selection must be"),
        ({"credibility": "uniform:0:1"}, {"samples": 4}, "samples must be"),
        ({"credibility": "uniform:0:1"}, {"outcome": "peace"}, "'peace' is not an outcome"),
        ({"credibility": "uniform:0:1"}, {"outcome": "payoff:nobody"}, "no such payoff"),
        ({"credibility": "uniform:0:1"}, {"fixed": {"credibility": 1}}, "being varied"),
        ({"credibility": "uniform:0:1"}, {"sensitivity_samples": 100}, "power of two"),
    ],
)
def test_bad_input_is_named(distributions, options, message):
    with pytest.raises(InvalidGameError, match=message):
        robustness(DENIAL, distributions, progress=False, **{"samples": 64, **options})


def test_checkpointed_runs_resume_to_the_same_answer(tmp_path):
    options = dict(
        rng=9,
        progress=False,
        samples=256,
        sensitivity_samples=64,
        checkpoint=tmp_path / "draws",
        chunk_size=100,
    )
    beliefs = {"credibility": "uniform:0.4:0.9", "coverage": "beta:8:2"}
    first = robustness(DENIAL, beliefs, **options)
    assert any((tmp_path / "draws").iterdir())
    again = robustness(DENIAL, beliefs, **options)
    assert first.probabilities.equals(again.probabilities)
    assert first.sensitivity.equals(again.sensitivity)


def test_two_uniform_parameters_are_integrated_exactly():
    import sympy

    uniform = ("uniform", 0, 1)
    additive = robustness(
        _additive_game(),
        {"x": uniform, "y": uniform},
        fixed={"z": 0},
        rng=0,
        progress=False,
        samples=256,
        sensitivity_samples=None,
        boxes=0,
    )
    assert additive.probability("deterred") == Fraction(1, 2)  # below the line x + y = 1
    # denial deters when credibility > 7 / (9 information_sharing) (coverage 9/10, 1 - cost/gain
    # = 7/10): P = 25/3 * integral from 7/9 to 1 of (1 - 7/(9 i)) di
    two = robustness(
        DENIAL,
        {"credibility": ("uniform", 0.6, 1), "information_sharing": ("uniform", 0.7, 1)},
        rng=0,
        progress=False,
        samples=1024,
        sensitivity_samples=None,
        boxes=0,
    )
    value = two.probability("coercion deterred")
    expected = sympy.Rational(25, 3) * (
        sympy.Rational(2, 9) - sympy.Rational(7, 9) * sympy.log(sympy.Rational(9, 7))
    )
    assert sympy.simplify(value - expected) == 0
    row = two.probabilities.set_index("outcome").loc["coercion deterred"]
    assert row["method"] == "exact"
    assert row["estimate_low"] <= float(expected) <= row["estimate_high"]  # 0.22296...
