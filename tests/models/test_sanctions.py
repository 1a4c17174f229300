"""Sanctions and reshoring.

Specification: against controls the firm's expected payoffs are -p e L (cheapest supplier),
-d - p e L (1 - rho) (dual-source) and -r + rho sigma (reshore); the sender's payoff from
controls is V p e x - kappa with exposure x = 1, 1 - rho, 0. Thresholds follow by equating.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from deterrence import solve
from deterrence.models.sanctions import (
    firm_best_sourcing,
    firm_switching_thresholds,
    sanctions_and_reshoring,
)
from tests.models.conftest import profiles

BASE = dict(enforcement=F(4, 5), disruption_loss=10, dual_sourcing_premium=1,
            reshoring_premium=3, subsidy=1, predictability=F(7, 10))


def firm_values(p, v):
    risk = p * v["enforcement"] * v["disruption_loss"]
    return {
        "cheapest supplier": -risk,
        "dual-source": -v["dual_sourcing_premium"] - risk * (1 - v["predictability"]),
        "reshore": -v["reshoring_premium"] + v["predictability"] * v["subsidy"],
    }


@pytest.mark.parametrize("p", [F(1, 20), F(1, 5), F(3, 10), F(1, 2), F(3, 5), F(9, 10)])
@pytest.mark.parametrize("subsidy, predictability", [(1, F(7, 10)), (2, F(7, 10)),
                                                     (1, F(9, 10)), (0, F(1, 2))])
def test_firm_best_reply_to_controls(p, subsidy, predictability):
    v = {**BASE, "subsidy": subsidy, "predictability": predictability}
    values = firm_values(p, v)
    best = max(values.values())
    expected = tuple(k for k, x in values.items() if x == best)
    assert firm_best_sourcing(sanction_probability=p, subsidy=subsidy,
                              predictability=predictability) == expected


def test_switching_thresholds_formula():
    e, loss, d, r, sigma, rho = F(4, 5), 10, 1, 3, 1, F(7, 10)
    thresholds = firm_switching_thresholds(**BASE)
    assert thresholds["cheapest supplier -> dual-source"] == F(d) / (e * loss * rho)
    assert thresholds["dual-source -> reshore"] == (r - rho * sigma - d) / (e * loss * (1 - rho))
    assert thresholds["cheapest supplier -> reshore"] == (r - rho * sigma) / (e * loss)


def test_predictability_and_subsidy_move_thresholds_down():
    low = firm_switching_thresholds(**{**BASE, "predictability": F(1, 2)})
    high = firm_switching_thresholds(**{**BASE, "predictability": F(9, 10)})
    assert high["cheapest supplier -> dual-source"] < low["cheapest supplier -> dual-source"]
    assert high["cheapest supplier -> reshore"] < low["cheapest supplier -> reshore"]
    small = firm_switching_thresholds(**{**BASE, "subsidy": 0})
    large = firm_switching_thresholds(**{**BASE, "subsidy": 2})
    for key in ("dual-source -> reshore", "cheapest supplier -> reshore"):
        assert large[key] < small[key]


def test_equilibrium_at_defaults_is_mixed_with_predicted_pressure():
    # the sender keeps the firm indifferent between cheap and dual sourcing:
    # q p e L = d + q p e L (1 - rho)  =>  q = d / (p e L rho)
    (eq,) = solve(sanctions_and_reshoring().at(), exact=True)
    p = F(3, 10)
    assert eq.as_dict()["sender"]["impose controls"] == 1 / (p * F(4, 5) * 10 * F(7, 10))
    # and the firm makes the sender indifferent: V p e (c + (1 - rho) d) = kappa
    firm = eq.as_dict()["firm"]
    exposure = firm["cheapest supplier"] + F(3, 10) * firm["dual-source"]
    assert 5 * p * F(4, 5) * exposure == 1


@pytest.mark.parametrize("p, subsidy", list(itertools.product([F(1, 10), F(3, 10), F(7, 10)],
                                                               [0, 5])))
def test_generous_subsidy_deters_controls(outcomes, p, subsidy):
    found = outcomes(sanctions_and_reshoring(), sanction_probability=p, subsidy=subsidy)
    if subsidy * F(7, 10) > 3:  # rho sigma > r: reshoring dominant, controls pointless
        assert found == {"(refrain, reshore)"}
    else:
        assert "(refrain, reshore)" not in found


def test_low_risk_leaves_the_firm_with_the_cheapest_supplier(outcomes):
    # below kappa/(V e) = 1/4 the sender does not bother, the firm buys cheapest
    assert outcomes(sanctions_and_reshoring(), sanction_probability=F(1, 5)) == {
        "(refrain, cheapest supplier)"}


# ---------------------------------------------------------------- thresholds() and sweep()
@pytest.mark.parametrize("subsidy, predictability", [(1, F(7, 10)), (2, F(9, 10)),
                                                     (0, F(1, 2))])
def test_switching_thresholds_via_thresholds(subsidy, predictability):
    from deterrence.analysis import thresholds
    from deterrence.models.sanctions import sourcing_under_controls

    values = {**BASE, "subsidy": subsidy, "predictability": predictability,
              "leverage_value": 5, "control_cost": 1}
    found = [t.value for t in thresholds(sourcing_under_controls(), "sanction_probability",
                                         fixed=values)]
    # lower envelope of the three lines, from first principles
    switches = []
    previous = None
    for j in range(1, 2000):
        p = F(j, 2000)
        values_at = firm_values(p, values)
        best = max(values_at, key=values_at.get)
        if previous is not None and best != previous:
            switches.append(p)
        previous = best
    assert len(found) == len(switches)
    for exact, approximate in zip(found, switches):
        assert abs(exact - approximate) <= F(1, 2000)
    formulas = firm_switching_thresholds(**{k: v for k, v in values.items()
                                            if k not in ("leverage_value", "control_cost")})
    assert set(found) <= {F(str(v)) for v in formulas.values()}


def test_firm_choice_via_sweep():
    from deterrence.analysis import sweep
    from deterrence.models.sanctions import sourcing_under_controls

    frame = sweep(sourcing_under_controls(), {"sanction_probability": [k / 40 for k in
                                                                       range(41)]},
                  progress=False)
    for p, rows in frame.groupby("sanction_probability"):
        values = firm_values(F(p).limit_denominator(40), BASE)
        best = max(values.values())
        winners = [k for k, v in values.items() if v == best]
        if len(winners) == 1:
            assert list(profiles(rows)) == [f"(impose controls, {winners[0]})"]


def test_subsidy_thresholds_via_formula_and_thresholds():
    from deterrence.analysis import thresholds
    from deterrence.models.sanctions import reshoring_subsidy_thresholds, sourcing_under_controls

    values = dict(sanction_probability=F(3, 10), enforcement=F(4, 5), disruption_loss=10,
                  dual_sourcing_premium=1, reshoring_premium=3, predictability=F(7, 10))
    cost_cheapest = F(3, 10) * F(4, 5) * 10                 # p e L
    cost_dual = 1 + cost_cheapest * (1 - F(7, 10))           # d + p e L (1 - rho)
    expected_against = (3 - min(cost_cheapest, cost_dual)) / F(7, 10)
    found = reshoring_subsidy_thresholds(**values)
    assert found["reshore against controls"] == expected_against == F(64, 35)
    assert found["reshore regardless"] == F(30, 7)
    via_layer = thresholds(sourcing_under_controls(), "subsidy",
                           fixed={**values, "leverage_value": 5, "control_cost": 1},
                           domain=(0, 10))
    assert [t.value for t in via_layer] == [F(64, 35)]
    # the game with the sender: above r/rho reshoring dominates and controls are deterred
    game = sanctions_and_reshoring()
    assert {eq.outcome for eq in solve(game.at(subsidy=F(30, 7) + F(1, 10)), exact=True)} == {
        "(refrain, reshore)"}
    assert "(refrain, reshore)" not in {eq.outcome for eq in solve(
        game.at(subsidy=F(30, 7) - F(1, 10)), exact=True)}
