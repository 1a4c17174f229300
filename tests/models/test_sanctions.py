"""Sanctions and reshoring.

Specification: against controls the firm's expected payoffs are -p e L (cheapest supplier),
-d - p e L (1 - lam) (dual-source, lam = licensing reliability) and -r + eta sigma (reshore,
eta = home predictability); the sender's payoff from controls is V p e x - kappa with exposure
x = 1, 1 - lam, 0. Thresholds follow by equating. Direction (the essay): reshoring rises with
home predictability; dual-sourcing gains with licensing reliability.
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

BASE = dict(
    enforcement=F(4, 5),
    disruption_loss=10,
    dual_sourcing_premium=1,
    reshoring_premium=3,
    subsidy=1,
    licensing_reliability=F(7, 10),
    home_predictability=F(7, 10),
)


def firm_values(p, v):
    risk = p * v["enforcement"] * v["disruption_loss"]
    return {
        "cheapest supplier": -risk,
        "dual-source": -v["dual_sourcing_premium"] - risk * (1 - v["licensing_reliability"]),
        "reshore": -v["reshoring_premium"] + v["home_predictability"] * v["subsidy"],
    }


@pytest.mark.parametrize("p", [F(1, 20), F(1, 5), F(3, 10), F(1, 2), F(3, 5), F(9, 10)])
@pytest.mark.parametrize(
    "subsidy, licensing, home",
    [
        (1, F(7, 10), F(7, 10)),
        (2, F(7, 10), F(1, 2)),
        (1, F(9, 10), F(3, 10)),
        (0, F(1, 2), F(9, 10)),
    ],
)
def test_firm_best_reply_to_controls(p, subsidy, licensing, home):
    v = {
        **BASE,
        "subsidy": subsidy,
        "licensing_reliability": licensing,
        "home_predictability": home,
    }
    values = firm_values(p, v)
    best = max(values.values())
    expected = tuple(k for k, x in values.items() if x == best)
    assert (
        firm_best_sourcing(
            sanction_probability=p,
            subsidy=subsidy,
            licensing_reliability=licensing,
            home_predictability=home,
        )
        == expected
    )


def test_switching_thresholds_formula():
    e, loss, d, r, sigma = F(4, 5), 10, 1, 3, 1
    lam, eta = F(3, 5), F(9, 10)
    thresholds = firm_switching_thresholds(
        **{**BASE, "licensing_reliability": lam, "home_predictability": eta}
    )
    assert thresholds["cheapest supplier -> dual-source"] == F(d) / (e * loss * lam)
    assert thresholds["dual-source -> reshore"] == (r - eta * sigma - d) / (e * loss * (1 - lam))
    assert thresholds["cheapest supplier -> reshore"] == (r - eta * sigma) / (e * loss)


def test_subsidy_moves_reshoring_thresholds_down():
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


@pytest.mark.parametrize(
    "p, subsidy", list(itertools.product([F(1, 10), F(3, 10), F(7, 10)], [0, 5]))
)
def test_generous_subsidy_deters_controls(outcomes, p, subsidy):
    found = outcomes(sanctions_and_reshoring(), sanction_probability=p, subsidy=subsidy)
    if subsidy * F(7, 10) > 3:  # rho sigma > r: reshoring dominant, controls pointless
        assert found == {"(refrain, reshore)"}
    else:
        assert "(refrain, reshore)" not in found


def test_low_risk_leaves_the_firm_with_the_cheapest_supplier(outcomes):
    # below kappa/(V e) = 1/4 the sender does not bother, the firm buys cheapest
    assert outcomes(sanctions_and_reshoring(), sanction_probability=F(1, 5)) == {
        "(refrain, cheapest supplier)"
    }


# ---------------------------------------------------------------- thresholds() and sweep()
@pytest.mark.parametrize(
    "subsidy, licensing, home",
    [
        (1, F(7, 10), F(7, 10)),
        (2, F(9, 10), F(9, 10)),
        (0, F(1, 2), F(1, 2)),
        (2, F(1, 2), F(9, 10)),
    ],
)
def test_switching_thresholds_via_thresholds(subsidy, licensing, home):
    from deterrence.analysis import thresholds
    from deterrence.models.sanctions import sourcing_under_controls

    values = {
        **BASE,
        "subsidy": subsidy,
        "licensing_reliability": licensing,
        "home_predictability": home,
        "leverage_value": 5,
        "control_cost": 1,
    }
    found = [
        t.value for t in thresholds(sourcing_under_controls(), "sanction_probability", fixed=values)
    ]
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
    formulas = firm_switching_thresholds(
        **{k: v for k, v in values.items() if k not in ("leverage_value", "control_cost")}
    )
    assert set(found) <= {F(str(v)) for v in formulas.values()}


def test_firm_choice_via_sweep():
    from deterrence.analysis import sweep
    from deterrence.models.sanctions import sourcing_under_controls

    frame = sweep(
        sourcing_under_controls(),
        {"sanction_probability": [k / 40 for k in range(41)]},
        progress=False,
    )
    for p, rows in frame.groupby("sanction_probability"):
        values = firm_values(F(p).limit_denominator(40), BASE)
        best = max(values.values())
        winners = [k for k, v in values.items() if v == best]
        if len(winners) == 1:
            assert list(profiles(rows)) == [f"(impose controls, {winners[0]})"]


def test_subsidy_thresholds_via_formula_and_thresholds():
    from deterrence.analysis import thresholds
    from deterrence.models.sanctions import reshoring_subsidy_thresholds, sourcing_under_controls

    values = dict(
        sanction_probability=F(3, 10),
        enforcement=F(4, 5),
        disruption_loss=10,
        dual_sourcing_premium=1,
        reshoring_premium=3,
        licensing_reliability=F(7, 10),
        home_predictability=F(7, 10),
    )
    cost_cheapest = F(3, 10) * F(4, 5) * 10  # p e L
    cost_dual = 1 + cost_cheapest * (1 - F(7, 10))  # d + p e L (1 - rho)
    expected_against = (3 - min(cost_cheapest, cost_dual)) / F(7, 10)
    found = reshoring_subsidy_thresholds(**values)
    assert found["reshore against controls"] == expected_against == F(64, 35)
    assert found["reshore regardless"] == F(30, 7)
    via_layer = thresholds(
        sourcing_under_controls(),
        "subsidy",
        fixed={**values, "leverage_value": 5, "control_cost": 1},
        domain=(0, 10),
    )
    assert [t.value for t in via_layer] == [F(64, 35)]
    # the game with the sender: above r/rho reshoring dominates and controls are deterred
    game = sanctions_and_reshoring()
    assert {eq.outcome for eq in solve(game.at(subsidy=F(30, 7) + F(1, 10)), exact=True)} == {
        "(refrain, reshore)"
    }
    assert "(refrain, reshore)" not in {
        eq.outcome for eq in solve(game.at(subsidy=F(30, 7) - F(1, 10)), exact=True)
    }


# ------------------------------------------- the two kinds of predictability (issue 13)
LEVELS = [F(1, 2), F(7, 10), F(9, 10)]


def reshoring_threshold(v):
    """The sanction risk above which reshoring is the firm's best reply (first principles)."""
    e_l = v["enforcement"] * v["disruption_loss"]
    net = v["reshoring_premium"] - v["home_predictability"] * v["subsidy"]
    via_dual = (net - v["dual_sourcing_premium"]) / (e_l * (1 - v["licensing_reliability"]))
    return max(via_dual, net / e_l)


def dual_threshold(v):
    return v["dual_sourcing_premium"] / (
        v["enforcement"] * v["disruption_loss"] * v["licensing_reliability"]
    )


def test_formula_reshoring_rises_with_home_predictability():
    """The old single parameter: 3/8, 13/24, 11/8 at 0.5, 0.7, 0.9 (reshoring *fell*);
    home predictability now lowers the threshold: 5/8, 13/24, 11/24 at 0.5, 0.7, 0.9."""
    found = [
        firm_switching_thresholds(**{**BASE, "home_predictability": eta})["dual-source -> reshore"]
        for eta in LEVELS
    ]
    assert found == [F(5, 8), F(13, 24), F(11, 24)]
    assert found == [reshoring_threshold({**BASE, "home_predictability": eta}) for eta in LEVELS]
    # the dual-sourcing threshold does not depend on home policy
    assert [
        firm_switching_thresholds(**{**BASE, "home_predictability": eta})[
            "cheapest supplier -> dual-source"
        ]
        for eta in LEVELS
    ] == [F(5, 28)] * 3


def test_formula_dual_sourcing_gains_with_licensing_reliability():
    found = [firm_switching_thresholds(**{**BASE, "licensing_reliability": lam}) for lam in LEVELS]
    cheap_to_dual = [t["cheapest supplier -> dual-source"] for t in found]
    assert cheap_to_dual == [F(1, 4), F(5, 28), F(5, 36)]
    assert cheap_to_dual == [
        dual_threshold({**BASE, "licensing_reliability": lam}) for lam in LEVELS
    ]
    # a better hedge makes the move on to reshoring later
    assert [t["dual-source -> reshore"] for t in found] == [F(13, 40), F(13, 24), F(13, 8)]


def test_signs_of_the_derivatives():
    from deterrence.models.sanctions import predictability_effects

    symbolic = predictability_effects()
    home, licensing = symbolic["home_predictability"], symbolic["licensing_reliability"]
    assert home["cheapest supplier -> dual-source"] == 0
    assert licensing["cheapest supplier -> reshore"] == 0
    for values in ({**BASE}, {**BASE, "subsidy": F(1, 2), "licensing_reliability": F(1, 5)}):
        numbers = predictability_effects(**values)
        assert numbers["home_predictability"]["dual-source -> reshore"] < 0
        assert numbers["home_predictability"]["cheapest supplier -> reshore"] < 0
        assert numbers["licensing_reliability"]["cheapest supplier -> dual-source"] < 0
        assert numbers["licensing_reliability"]["dual-source -> reshore"] > 0


def test_thresholds_layer_finds_the_home_predictability_switch():
    """At sanction risk 3/5 the firm switches from dual-sourcing to reshoring as home
    predictability rises past (r - d - p e L (1 - lam))/sigma = 14/25 (thresholds())."""
    from deterrence.analysis import thresholds
    from deterrence.models.sanctions import sourcing_under_controls

    fixed = {k: v for k, v in BASE.items() if k != "home_predictability"}
    fixed.update(sanction_probability=F(3, 5), leverage_value=5, control_cost=1)
    found = thresholds(sourcing_under_controls(), "home_predictability", fixed=fixed)
    p_el = F(3, 5) * F(4, 5) * 10
    assert [t.value for t in found] == [(3 - 1 - p_el * F(3, 10)) / 1] == [F(14, 25)]
    game = sourcing_under_controls()
    assert firm_best_sourcing(sanction_probability=F(3, 5), home_predictability=F(1, 2)) == (
        "dual-source",
    )
    assert firm_best_sourcing(sanction_probability=F(3, 5), home_predictability=F(9, 10)) == (
        "reshore",
    )
    assert game.defaults["home_predictability"] == F(7, 10)


def test_sweep_each_predictability_moves_the_firm_the_essay_way():
    """Sweeping each parameter at sanction risk 3/5: reshoring never gives way to
    dual-sourcing as home predictability rises, and dual-sourcing never gives way to the
    cheapest supplier as licensing reliability rises (at risk 1/5)."""
    from deterrence.analysis import sweep
    from deterrence.models.sanctions import sourcing_under_controls

    grid = [F(k, 20) for k in range(1, 20)]
    order = {"cheapest supplier": 0, "dual-source": 1, "reshore": 2}
    frame = sweep(
        sourcing_under_controls(sanction_probability="3/5"),
        {"home_predictability": grid},
        progress=False,
    )
    ranks = [
        order[profile.removeprefix("(impose controls, ").rstrip(")")]
        for _, rows in frame.groupby("home_predictability")
        for profile in profiles(rows)
    ]
    assert ranks == sorted(ranks) and ranks[0] == 1 and ranks[-1] == 2
    frame = sweep(
        sourcing_under_controls(sanction_probability="1/5"),
        {"licensing_reliability": grid},
        progress=False,
    )
    chosen = [
        profile for _, rows in frame.groupby("licensing_reliability") for profile in profiles(rows)
    ]
    assert chosen[0] == "(impose controls, cheapest supplier)"
    assert chosen[-1] == "(impose controls, dual-source)"
    first_dual = chosen.index("(impose controls, dual-source)")
    assert set(chosen[first_dual:]) == {"(impose controls, dual-source)"}


def test_government_threshold_with_both_parameters():
    """W* = p e lam eta sigma V/(d kappa): 147/50 at the defaults, unchanged by the split."""
    from deterrence.analysis import credibility
    from deterrence.models.sanctions import (
        government_subsidy_threshold,
        sanctions_with_government,
    )

    game = sanctions_with_government()
    names = (
        "sanction_probability",
        "enforcement",
        "licensing_reliability",
        "home_predictability",
        "subsidy",
        "leverage_value",
        "control_cost",
        "dual_sourcing_premium",
    )
    for change in ({}, {"licensing_reliability": F(9, 10)}, {"home_predictability": F(4, 5)}):
        values = {**{k: game.defaults[k] for k in names}, **change}
        expected = (
            values["sanction_probability"]
            * values["enforcement"]
            * values["licensing_reliability"]
            * values["home_predictability"]
            * values["subsidy"]
            * values["leverage_value"]
            / (values["dual_sourcing_premium"] * values["control_cost"])
        )
        assert government_subsidy_threshold(**values) == expected
        report = credibility(
            sanctions_with_government(**change), (), "subsidise", parameter="security_weight"
        )
        assert [t.value for t in report.thresholds] == [expected]
    assert government_subsidy_threshold(**{k: game.defaults[k] for k in names}) == F(147, 50)


def test_old_single_parameter_is_refused_by_name():
    from deterrence.exceptions import InvalidGameError
    from deterrence.models.sanctions import predictability_effects

    with pytest.raises(InvalidGameError, match="predictability"):
        predictability_effects(predictability=F(1, 2))
    with pytest.raises(InvalidGameError, match="predictability"):
        sanctions_and_reshoring(predictability=F(1, 2))
