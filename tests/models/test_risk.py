"""Physical vs cyber vs geopolitical risk: the countermeasure's value, the strategic premium and
the proactiveness ordering, each checked by formula, by threshold and by sweep."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError
from deterrence.models.risk import (
    RISK_PARAMETERS,
    compare_risks,
    countermeasure_value,
    disruption_probability,
    proactiveness_threshold,
    strategic_premium,
)

F = Fraction
DEFAULTS = {p.name: p.default for p in RISK_PARAMETERS}


def test_defaults_exact_table():
    result = compare_risks()
    table = result.table
    assert table["value"].tolist() == [F(-1, 2), F(1, 8), F(3, 4)]
    assert table["probability_unprotected"].tolist() == [F(1, 2)] * 3
    assert table["probability_protected"].tolist() == [F(1, 2), F(3, 8), F(1, 4)]
    assert table["pays"].tolist() == [False, True, True]
    assert all(isinstance(v, Fraction) for v in table["value"])
    assert result.premium == F(5, 4) and result.threshold == F(2, 5)


def test_premium_formula_matches_closed_form():
    # formula: pi (rho - gamma) (1 - rho) L while pi (1 - rho + gamma) <= 1
    for rho in (F(0), F(1, 4), F(1, 2), F(9, 10), F(1)):
        for gamma in (F(0), F(1, 5), F(3, 4)):
            for pi in (F(1, 10), F(1, 2)):
                values = dict(protection=rho, provocation=gamma, probability=pi, loss=7)
                expected = pi * (rho - gamma) * (1 - rho) * 7
                assert strategic_premium(**values) == expected


def test_premium_is_change_in_risk_times_unstopped_loss_when_capped():
    # the cap binds: pi (1 - rho + gamma) > 1, the adversary always disrupts when protected
    values = dict(probability=F(9, 10), protection=F(1, 10), provocation=F(1, 2), loss=10)
    assert disruption_probability("geopolitical", protected=True, **values) == 1
    assert strategic_premium(**values) == (F(9, 10) - 1) * F(9, 10) * 10


def test_threshold_formula_and_symbolic_derivation():
    # threshold: theta* = (d - pi rho L) / (pi (rho - gamma) (1 - rho) L), checked against an
    # independent symbolic derivation of V(theta) = 0
    theta, L, d, rho, pi, gamma = sympy.symbols("theta L d rho pi gamma", real=True)
    p1 = (1 - theta) * pi + theta * pi * (1 - rho + gamma)
    value = pi * L - p1 * (1 - rho) * L - d
    (root,) = sympy.solve(sympy.Eq(value, 0), theta)
    for point in (
        {},
        {"countermeasure_cost": F(7, 2)},
        {"protection": F(1, 3), "provocation": F(1, 10), "countermeasure_cost": 2},
    ):
        full = {**DEFAULTS, **{k: F(v) for k, v in point.items()}}
        full = {k: F(v) for k, v in full.items()}
        expected = root.subs(
            {
                L: full["loss"],
                d: full["countermeasure_cost"],
                rho: full["protection"],
                pi: full["probability"],
                gamma: full["provocation"],
            }
        )
        assert proactiveness_threshold(**point) == F(str(sympy.nsimplify(expected)))


def test_threshold_by_sweep():
    # sweep: the value changes sign between consecutive grid points around theta* = 2/5
    grid = [F(k, 100) for k in range(101)]
    values = [countermeasure_value(theta) for theta in grid]
    signs = [(v > 0) for v in values]
    switches = [grid[k] for k in range(1, len(grid)) if signs[k] != signs[k - 1]]
    assert switches == [F(41, 100)]
    assert countermeasure_value(F(2, 5)) == 0
    # the value is affine in proactiveness: constant differences
    steps = {values[k + 1] - values[k] for k in range(100)}
    assert steps == {strategic_premium() / 100}


def test_no_threshold_when_the_sign_never_changes():
    assert proactiveness_threshold(countermeasure_cost=1) is None  # pays against nature too
    assert proactiveness_threshold(countermeasure_cost=9) is None  # never pays
    assert proactiveness_threshold(protection=1) is None  # no premium


def test_provocation_reverses_the_ordering_and_threshold_side():
    result = compare_risks(provocation="3/4", countermeasure_cost=2)
    physical, cyber, geo = result.table["value"]
    assert physical > cyber > geo
    assert not result.ordering_holds
    assert "security dilemma" in result.summary
    assert result.premium < 0
    # pays below the threshold when the adversary reacts by escalating
    theta = result.threshold
    assert countermeasure_value(theta / 2, provocation="3/4", countermeasure_cost=2) > 0


def test_proactiveness_interpolates_kinds():
    cyber = countermeasure_value("cyber", cyber_reactivity="1/3")
    assert cyber == countermeasure_value(F(1, 3))
    assert countermeasure_value("physical") == countermeasure_value(0)
    assert countermeasure_value("geopolitical") == countermeasure_value(1)


fractions = st.fractions(min_value=0, max_value=1, max_denominator=20)


@settings(max_examples=60, deadline=None)
@given(
    rho=fractions,
    gamma=fractions,
    pi=fractions,
    theta=fractions,
    loss=st.integers(0, 50),
    cost=st.integers(0, 20),
)
def test_ordering_theorem(rho, gamma, pi, theta, loss, cost):
    values = dict(
        protection=rho,
        provocation=gamma,
        probability=pi,
        cyber_reactivity=theta,
        loss=loss,
        countermeasure_cost=cost,
    )
    result = compare_risks(**values)
    physical, cyber, geo = result.table["value"]
    assert cyber == (1 - theta) * physical + theta * geo
    condition = gamma <= rho or rho == 1 or pi == 0 or loss == 0
    assert result.ordering_holds == (condition or geo == physical)
    if gamma < rho < 1 and pi > 0 and loss > 0 and 0 < theta < 1:
        assert physical < cyber < geo


def test_float_inputs_give_floats():
    value = countermeasure_value("geopolitical", protection=0.5)
    assert isinstance(value, Fraction) or isinstance(value, float)
    assert value == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: compare_risks(protection=2), "protection=2 is outside"),
        (lambda: compare_risks(nothing=1), "unknown parameter"),
        (lambda: countermeasure_value("volcanic"), "expected one of"),
        (lambda: countermeasure_value(3), "expected one of"),
    ],
)
def test_bad_input_is_named(call, match):
    with pytest.raises(InvalidGameError, match=match):
        call()


# ---------------------------------------------------------------------- the registered model
def test_supply_risk_switches_at_the_closed_form_threshold_three_ways():
    from deterrence import regimes, sweep
    from deterrence.models import get_model

    model = get_model("supply_risk")
    game = model.build()
    # 1. closed form: proactiveness_threshold at the same point (cyber_reactivity unused)
    assert proactiveness_threshold() == F(2, 5)
    # 2. the general layer: the regime map of the one-player game, exact
    found = regimes(game, "proactiveness")
    assert [r.bounds["proactiveness"] for r in found.regimes] == [(0, F(2, 5)), (F(2, 5), 1)]
    assert [r.label for r in found.regimes] == ["not worth its cost", "the countermeasure pays"]
    # 3. brute force: the optimal choice on a grid agrees with the sign of the value
    grid = [i / 20 for i in range(21)]
    table = sweep(game, {"proactiveness": grid})
    for theta, rows in table.groupby("proactiveness"):
        value = countermeasure_value(theta)
        chosen = set(rows["outcome"])
        if abs(value) > 1e-12:
            expected = "the countermeasure pays" if value > 0 else "not worth its cost"
            assert chosen == {expected}, theta
        else:
            assert len(chosen) == 2  # indifferent: both choices are optimal


@pytest.mark.parametrize("provocation", ["0", "1/4", "3/4"])
def test_supply_risk_payoff_difference_is_the_countermeasure_value(provocation):
    from deterrence.models.risk import supply_risk

    for theta in (F(0), F(1, 3), F(1)):
        payoffs = supply_risk(provocation=provocation).at(proactiveness=theta)
        row = payoffs.payoff_matrix("defender").tolist()
        assert row[0] - row[1] == countermeasure_value(theta, provocation=provocation)


def test_supply_risk_provocation_reverses_the_regimes():
    from deterrence import regimes
    from deterrence.models.risk import supply_risk

    # gamma > rho: the countermeasure pays less against more proactive risks
    game = supply_risk(provocation="3/4", countermeasure_cost=2)
    threshold = proactiveness_threshold(provocation="3/4", countermeasure_cost=2)
    found = regimes(game, "proactiveness")
    assert [r.label for r in found.regimes] == ["the countermeasure pays", "not worth its cost"]
    assert found.regimes[0].bounds["proactiveness"][1] == threshold


def test_supply_risk_misspelt_parameter_gets_a_suggestion():
    from deterrence.models import get_model

    with pytest.raises(InvalidGameError, match="did you mean 'proactiveness'"):
        get_model("supply_risk").build(proactivenes=1)
