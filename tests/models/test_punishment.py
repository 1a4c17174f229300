"""Deterrence by punishment (Zagare and Kilgour 2000) and the posture comparison.

Specification: with challenger utilities a_SQ = 0, a_DC = G, a_DD = G - P, a resolute defender
retaliates iff R > K (subgame perfection) and the challenger is deterred iff
p > (a_DC - a_SQ)/(a_DC - a_DD) = G/P.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.models import get_model
from deterrence.models.punishment import compare_postures, deterrence_by_punishment
from deterrence.solvers.subgame_perfect import solve_subgame_perfect
from tests.models.conftest import profiles


def challenger_moves(game):
    """The set of challenger actions over all SPE of a numeric tree."""
    return {spe.action(("resolute",)) for spe in solve_subgame_perfect(game)}


@pytest.mark.parametrize("gain, punishment", [(4, 10), (3, 5), (1, 8)])
@pytest.mark.parametrize("belief", [F(1, 10), F(1, 3), F(1, 2), F(3, 4), F(19, 20)])
def test_zagare_kilgour_belief_threshold(gain, punishment, belief):
    a_sq, a_dc, a_dd = 0, gain, gain - punishment
    threshold = F(a_dc - a_sq, a_dc - a_dd)
    if belief == threshold:
        pytest.skip("boundary")
    game = deterrence_by_punishment().at(gain=gain, punishment=punishment, credibility=belief)
    expected = "status quo" if belief > threshold else "challenge"
    assert challenger_moves(game) == {expected}


def test_retaliation_credible_only_when_reputation_exceeds_cost():
    credible = solve_subgame_perfect(deterrence_by_punishment().at(credibility=F(1, 2)))[0]
    assert credible.action(("resolute", "challenge")) == "retaliate"
    assert credible.action(("irresolute", "challenge")) == "concede"
    # reputation below the cost of retaliating: no type retaliates, so no belief deters
    game = deterrence_by_punishment().at(reputation=2, retaliation_cost=3, credibility=1)
    spe = solve_subgame_perfect(game)[0]
    assert spe.action(("resolute", "challenge")) == "concede"
    assert challenger_moves(game) == {"challenge"}


def test_defaults_challenge_with_threshold_inside_unit_interval():
    model = get_model("punishment")
    game = model.build()
    assert challenger_moves(game.at()) == {"challenge"}
    assert 0 < F(4, 10) < 1
    assert challenger_moves(game.at(credibility=F(1, 2))) == {"status quo"}


def test_compare_postures_formula():
    # denial cheaper  <=>  a * p_r < b * p_d * s   (when denial is feasible)
    cases = [
        dict(credibility=F(4, 5), information_sharing=F(9, 10), retaliation_credibility=F(1, 2),
             denial_unit_cost=1, punishment_unit_cost=1),
        dict(credibility=F(4, 5), information_sharing=F(9, 10), retaliation_credibility=1,
             denial_unit_cost=1, punishment_unit_cost=1),
        dict(credibility=1, information_sharing=1, retaliation_credibility=1,
             denial_unit_cost=2, punishment_unit_cost=1),
        dict(credibility=1, information_sharing=1, retaliation_credibility=F(1, 4),
             denial_unit_cost=2, punishment_unit_cost=1),
    ]
    for case in cases:
        result = compare_postures(gain=10, cost=3, **case)
        a, b = case["denial_unit_cost"], case["punishment_unit_cost"]
        p_d, s, p_r = case["credibility"], case["information_sharing"], case[
            "retaliation_credibility"]
        assert result.required_coverage == (1 - F(3, 10)) / (p_d * s)
        assert result.required_punishment == F(7) / p_r
        expected = "denial" if a * p_r < b * p_d * s else "punishment"
        assert result.cheaper == expected


def test_compare_postures_infeasible_denial():
    result = compare_postures(gain=10, cost=1, credibility=F(1, 2), information_sharing=F(1, 2))
    assert result.required_coverage > 1
    assert result.cheaper == "punishment"
    with pytest.raises(InvalidGameError, match="gain"):
        compare_postures(gain=1, cost=2)
    with pytest.raises(InvalidGameError, match="outside"):
        compare_postures(credibility=2)


# ---------------------------------------------------------------- thresholds() and sweep()
def test_belief_threshold_via_thresholds_on_the_reduced_normal_form():
    from deterrence.analysis import thresholds

    game = deterrence_by_punishment().to_normal_form()
    fixed = dict(gain=4, punishment=10, loss=4, retaliation_cost=3, reputation=5)
    found = thresholds(game, "credibility", fixed=fixed)
    assert F(4, 10) in [t.value for t in found]
    (at_zk,) = [t for t in found if t.value == F(2, 5)]
    assert "(challenge, retaliate/concede)" in at_zk.below
    assert "(challenge, retaliate/concede)" not in at_zk.above


def test_belief_threshold_via_sweep():
    from deterrence.analysis import sweep

    game = deterrence_by_punishment().to_normal_form()
    frame = sweep(game, {"credibility": [k / 20 for k in range(21)]}, progress=False)
    for p, rows in frame.groupby("credibility"):
        if F(p).limit_denominator(20) == F(2, 5):
            continue
        # the credible plan: the resolute defender retaliates, the irresolute concedes
        challenged = "(challenge, retaliate/concede)" in set(profiles(rows))
        assert challenged == (p < 0.4)


def test_retaliation_credibility_region():
    from deterrence.analysis import credibility

    report = credibility(deterrence_by_punishment(), ("resolute", "challenge"), "retaliate",
                         parameter="reputation")
    # retaliation is subgame perfect exactly when reputation > retaliation_cost (= 3)
    assert [t.value for t in report.thresholds] == [3]
    assert str(report.thresholds[0].expression) == "retaliation_cost"
