"""Regime maps in one (exact) and two (refined, exact boundaries) parameters."""

from __future__ import annotations

from fractions import Fraction

import pytest

from deterrence.analysis import regimes
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


def test_one_parameter_is_exact():
    found = regimes(coercion_game(), {"credibility": (0, 1)})
    assert [r.bounds["credibility"] for r in found] == [
        (Fraction(0), Fraction(1, 4)),
        (Fraction(1, 4), Fraction(1)),
    ]
    assert [r.label for r in found] == ["(coerce, share)", "(refrain, share)"]
    assert [r.area for r in found] == [0.25, 0.75]
    assert [t.value for t in found.thresholds] == [Fraction(1, 4)]
    frame = found.to_frame()
    assert frame.columns.tolist() == [
        "credibility_low",
        "credibility_high",
        "outcomes",
        "equilibria",
        "num_equilibria",
        "area",
        "sample_credibility",
    ]
    assert found.regime_at(credibility=0.9).label == "(refrain, share)"


def test_fixed_values_move_the_threshold():
    found = regimes(coercion_game(), "credibility", fixed={"cost": 2})
    assert found[0].bounds["credibility"] == (0, Fraction(1, 2))


def test_two_parameters_areas_and_boundaries():
    found = regimes(
        coercion_game(), {"credibility": (0, 1), "hoarding": (-1, 2)}, resolution=8, max_depth=3
    )
    areas = {r.label: r.area for r in found}
    # credibility < 1/4: coercion (a quarter); above, hoarding > 1 gives the mixed regime
    assert areas["(coerce, share)"] == pytest.approx(0.25, abs=0.02)
    assert areas["(refrain, share)"] == pytest.approx(0.75 * 2 / 3, abs=0.02)
    assert areas["(mix of coerce and refrain, mix of share and hoard)"] == pytest.approx(
        0.75 / 3, abs=0.02
    )
    assert sorted(b.label for b in found.boundaries) == ["credibility = 1/4", "hoarding = 1"]
    assert set(found.cells["regime"]) == {0, 1, 2}
    assert found.regime_at(credibility=0.1, hoarding=0).label == "(coerce, share)"


def test_curved_boundary_is_an_expression_of_the_other_parameter():
    found = regimes(
        coercion_game(), {"credibility": (0, 1), "cost": (0, 10)}, resolution=4, max_depth=2
    )
    [boundary] = found.boundaries
    assert boundary.label == "credibility = 2/(cost + 2)"
    assert boundary.separates[1:].all()  # at cost = 0 it sits on the edge credibility = 1


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ({"benefit": None}, "needs a bounded interval"),
        ({"credibility": (1, 0)}, "expected low < high"),
        ({"a": (0, 1), "b": (0, 1), "c": (0, 1)}, "one or two"),
        ({"credibility": (0, 2)}, "outside its domain"),
    ],
)
def test_errors(domain, message):
    with pytest.raises(InvalidGameError, match=message):
        regimes(coercion_game(), domain)
