"""Deterrence by denial: the key result checked against the equilibria of the game.

Specification (derived here, independently of the implementation): with mitigated share
m = (p + i(1 - p)) s k the coercer's payoff from coercing against an active mechanism is
G(1 - m) - C; if the coalition shares when coerced (D m + r > c_s) coercion is deterred
exactly when m > 1 - C/G.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from deterrence.models import get_model
from deterrence.models.denial import (
    denial_credibility_threshold,
    deterrence_by_denial,
    sequential_denial,
)
from deterrence.solvers.subgame_perfect import solve_subgame_perfect
from tests.models.conftest import profiles

DEFAULTS = dict(
    gain=10,
    cost=3,
    coverage=F(9, 10),
    credibility=F(4, 5),
    information_sharing=F(9, 10),
    institutionalisation=0,
    damage=8,
    sharing_cost=2,
    resilience_dividend=1,
)


def expected_outcome(values):
    """The unique equilibrium outcome predicted by the key result (generic points)."""
    v = {**DEFAULTS, **values}
    p, i = v["credibility"], v["institutionalisation"]
    m = (p + i * (1 - p)) * v["information_sharing"] * v["coverage"]
    shares = v["damage"] * m + v["resilience_dividend"] > v["sharing_cost"]
    if not shares:
        return None  # not covered by the headline formula
    deterred = m > 1 - F(v["cost"]) / v["gain"]
    return "(refrain, share)" if deterred else "(coerce, share)"


def test_defaults_are_interesting(outcomes):
    game = get_model("denial").build()
    assert outcomes(game) == {"(coerce, share)"}
    threshold = F(7, 10) / (F(9, 10) * F(9, 10))
    assert 0 < threshold < 1
    assert outcomes(game, credibility=threshold + F(1, 100)) == {"(refrain, share)"}
    assert outcomes(game, credibility=threshold - F(1, 100)) == {"(coerce, share)"}


GRID = list(
    itertools.product(
        [F(1, 3), F(3, 5), F(17, 20), F(19, 20)],  # credibility
        [F(1, 2), F(7, 9), F(1)],  # information_sharing
        [F(2, 3), F(9, 10)],  # coverage
        [1, F(7, 2), F(11, 2)],  # cost (no point on a boundary)
    )
)


def _point(credibility, information_sharing, coverage, cost):
    return dict(
        credibility=credibility,
        information_sharing=information_sharing,
        coverage=coverage,
        cost=cost,
    )


SHARING = [point for point in GRID if expected_outcome(_point(*point)) is not None]
NOT_SHARING = [point for point in GRID if expected_outcome(_point(*point)) is None]


def test_grid_covers_both_cases():
    assert len(SHARING) >= 40 and len(NOT_SHARING) >= 3


@pytest.mark.parametrize("credibility, information_sharing, coverage, cost", SHARING)
def test_key_result_formula_matches_equilibrium(
    outcomes, credibility, information_sharing, coverage, cost
):
    values = _point(credibility, information_sharing, coverage, cost)
    assert outcomes(deterrence_by_denial(), **values) == {expected_outcome(values)}


@pytest.mark.parametrize("credibility, information_sharing, coverage, cost", NOT_SHARING)
def test_without_sharing_coercion_is_an_equilibrium(
    outcomes, credibility, information_sharing, coverage, cost
):
    """Where sharing costs the coalition more than it saves (D m + r < c_s), it does not
    share once coerced, and coercing against a non-sharing coalition pays (G > C)."""
    values = _point(credibility, information_sharing, coverage, cost)
    assert "(coerce, not share)" in outcomes(deterrence_by_denial(), **values)


@pytest.mark.parametrize("institutionalisation", [0, F(1, 5), F(1, 3), F(1, 2), 1])
def test_institutionalisation_raises_effective_credibility(outcomes, institutionalisation):
    values = dict(institutionalisation=institutionalisation)
    assert outcomes(deterrence_by_denial(), **values) == {expected_outcome(values)}


def test_institutionalisation_threshold_at_defaults(outcomes):
    # (0.8 + i * 0.2) * 0.81 = 0.7  <=>  i = (70/81 - 4/5) / (1/5)
    critical = (F(70, 81) - F(4, 5)) / F(1, 5)
    game = deterrence_by_denial()
    assert outcomes(game, institutionalisation=critical - F(1, 100)) == {"(coerce, share)"}
    assert outcomes(game, institutionalisation=critical + F(1, 100)) == {"(refrain, share)"}


def test_credibility_threshold_helper_agrees_with_formula():
    value = denial_credibility_threshold(
        gain=10, cost=3, coverage="9/10", information_sharing="9/10", institutionalisation=0
    )
    assert value == F(70, 81)
    with_institutions = denial_credibility_threshold(
        gain=10, cost=3, coverage="9/10", information_sharing="9/10", institutionalisation="1/2"
    )
    assert with_institutions == (F(70, 81) - F(1, 2)) / (1 - F(1, 2))


def test_without_credible_sharing_coercion_goes_unanswered(outcomes):
    # below (c_s - r) / (D s k) = 25/162 the coalition does not share when coerced
    assert outcomes(deterrence_by_denial(), credibility=F(1, 10)) == {"(coerce, not share)"}


def test_sequential_spe_matches_formula():
    for credibility in (F(1, 2), F(17, 20), F(9, 10), 1):
        game = sequential_denial().at(credibility=credibility)
        (spe,) = solve_subgame_perfect(game)
        expected = expected_outcome(dict(credibility=credibility))
        first_move = spe.plans["coercer"]["root"]
        assert first_move == ("refrain" if expected == "(refrain, share)" else "coerce")
        assert spe.plans["coalition"]["coerce"] == "share"


def test_sequential_backdown_condition():
    # after sharing the coercer backs down iff G(1 - m) - C < -a
    game = sequential_denial()
    for credibility, backdown in ((F(1, 2), 1), (F(1, 2), F(1, 10)), (1, F(1, 10))):
        spe = solve_subgame_perfect(game.at(credibility=credibility, backdown_cost=backdown))[0]
        m = credibility * F(81, 100)
        persists = 10 * (1 - m) - 3 > -backdown
        assert spe.action(("coerce", "share")) == ("persist" if persists else "back down")


def test_sequential_threat_not_credible_when_sharing_too_costly():
    # D m < c_s with coercer persisting: the coalition does not share, coercion pays
    spe = solve_subgame_perfect(sequential_denial().at(sharing_cost=7))[0]
    assert spe.plans["coalition"]["coerce"] == "not share"
    assert spe.plans["coercer"]["root"] == "coerce"


def test_sequential_normal_form_agrees_with_one_shot_threshold(outcomes):
    normal = sequential_denial().to_normal_form()
    refrain = {o for o in outcomes(normal, credibility=F(9, 10)) if o.startswith("(refrain")}
    coerce = {o for o in outcomes(normal, credibility=F(4, 5)) if o.startswith("(refrain")}
    assert refrain and not coerce


# ---------------------------------------------------------------- thresholds() and sweep()
def _symbols(*names):
    import sympy

    return [sympy.Symbol(name, real=True) for name in names]


def test_key_result_via_thresholds():
    from deterrence.analysis import thresholds

    fixed = {k: v for k, v in DEFAULTS.items() if k != "credibility"}
    found = thresholds(deterrence_by_denial(), "credibility", fixed=fixed)
    # (c_s - r)/(D s k): sharing becomes credible; (1 - C/G)/(s k): coercion deterred
    assert [t.value for t in found] == [F(2 - 1, 8) / F(81, 100), F(7, 10) / F(81, 100)]
    assert found[1].above == ("(refrain, share)",)


def test_symbolic_threshold_is_the_formula():
    import sympy

    from deterrence.analysis import thresholds

    gain, cost, coverage, sharing = _symbols("gain", "cost", "coverage", "information_sharing")
    formula = (1 - cost / gain) / (coverage * sharing)
    found = thresholds(
        deterrence_by_denial(),
        "credibility",
        fixed=dict(institutionalisation=0, damage=8, sharing_cost=2, resilience_dividend=1),
    )
    assert any(sympy.simplify(t.expression - formula) == 0 for t in found)


def test_key_result_via_sweep():
    from deterrence.analysis import sweep

    credibility = [F(k, 20) for k in range(1, 21)]
    sharing = [F(1, 2), F(3, 4), F(9, 10), 1]
    frame = sweep(
        deterrence_by_denial(),
        {
            "credibility": [float(c) for c in credibility],
            "information_sharing": [float(s) for s in sharing],
        },
        progress=False,
    )
    checked = 0
    for (p, s), rows in frame.groupby(["credibility", "information_sharing"]):
        expected = expected_outcome(
            dict(
                credibility=F(p).limit_denominator(100),
                information_sharing=F(s).limit_denominator(100),
            )
        )
        m = F(p).limit_denominator(100) * F(s).limit_denominator(100) * F(9, 10)
        if expected is None or m == F(7, 10) or 8 * m + 1 == 2:
            continue
        assert list(profiles(rows)) == [expected]
        checked += 1
    assert checked > 50


def test_sharing_credibility_region_of_the_sequential_game():
    from deterrence.analysis import credibility

    report = credibility(sequential_denial(), ("coerce",), "share", parameter="credibility")
    # D m > c_s with the coercer persisting: m > 1/4, i.e. credibility > (1/4)/(81/100)
    assert [t.value for t in report.thresholds] == [F(25, 81)]


# ---------------------------------------------------------------- geopolitical risk
@pytest.mark.parametrize(
    "loss, cost, protection, value, disruption",
    [
        (10, 2, F(4, 5), 6, 3),
        (20, 2, F(4, 5), 6, 3),
        (10, 1, F(1, 2), 6, 4),
        (10, 2, F(9, 10), 10, 2),
    ],
)
def test_geopolitical_risk_is_set_by_the_defender(loss, cost, protection, value, disruption):
    from deterrence import solve
    from deterrence.models.denial import geopolitical_risk

    assert value * (1 - protection) < disruption < value and cost < loss * protection
    (eq,) = solve(
        geopolitical_risk().at(
            loss=loss,
            diversification_cost=cost,
            protection=protection,
            value=value,
            disruption_cost=disruption,
        ),
        exact=True,
    )
    # defender indifferent: q L rho = d; adversary indifferent: x v rho = v - k
    assert eq.as_dict()["adversary"]["disrupt"] == F(cost) / (loss * protection)
    assert eq.as_dict()["defender"]["diversify"] == F(value - disruption) / (value * protection)


def test_geopolitical_risk_thresholds_in_protection():
    from deterrence.analysis import thresholds
    from deterrence.models.denial import geopolitical_risk

    fixed = dict(loss=10, diversification_cost=2, value=6, disruption_cost=3)
    values = [t.value for t in thresholds(geopolitical_risk(), "protection", fixed=fixed)]
    # d/L = 1/5: diversifying starts to pay against a certain disruption;
    # 1 - k/v = 1/2: protection starts to deter disruption of a diversified defender
    assert values == [F(1, 5), F(1, 2)]


# ---------------------------------------------------------------- property: any parameter point

_unit = st.fractions(min_value=0, max_value=1, max_denominator=50)
_share = st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50)
_positive = st.fractions(min_value=F(1, 10), max_value=20, max_denominator=20)


@given(
    credibility=_unit,
    sharing=_unit,
    coverage=_unit,
    institutions=_unit,
    gain=_positive,
    cost_share=_share,
    damage=_positive,
    dividend=_positive,
    sharing_cost_share=_share,
)
def test_key_result_at_random_points(
    credibility,
    sharing,
    coverage,
    institutions,
    gain,
    cost_share,
    damage,
    dividend,
    sharing_cost_share,
):
    from deterrence import solve

    m = (credibility + institutions * (1 - credibility)) * sharing * coverage
    cost = gain * cost_share  # coercion pays if unanswered
    sharing_cost = (damage * m + dividend) * sharing_cost_share  # sharing is credible
    assume(m != 1 - cost / gain)  # not on the boundary
    values = dict(
        credibility=credibility,
        information_sharing=sharing,
        coverage=coverage,
        institutionalisation=institutions,
        gain=gain,
        cost=cost,
        damage=damage,
        sharing_cost=sharing_cost,
        resilience_dividend=dividend,
    )
    expected = "(refrain, share)" if m > 1 - cost / gain else "(coerce, share)"
    assert [eq.outcome for eq in solve(deterrence_by_denial().at(**values), exact=True)] == [
        expected
    ]
