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
        dict(
            credibility=F(4, 5),
            information_sharing=F(9, 10),
            retaliation_credibility=F(1, 2),
            denial_unit_cost=1,
            punishment_unit_cost=1,
        ),
        dict(
            credibility=F(4, 5),
            information_sharing=F(9, 10),
            retaliation_credibility=1,
            denial_unit_cost=1,
            punishment_unit_cost=1,
        ),
        dict(
            credibility=1,
            information_sharing=1,
            retaliation_credibility=1,
            denial_unit_cost=2,
            punishment_unit_cost=1,
        ),
        dict(
            credibility=1,
            information_sharing=1,
            retaliation_credibility=F(1, 4),
            denial_unit_cost=2,
            punishment_unit_cost=1,
        ),
    ]
    for case in cases:
        result = compare_postures(gain=10, cost=3, **case)
        a, b = case["denial_unit_cost"], case["punishment_unit_cost"]
        p_d, s, p_r = (
            case["credibility"],
            case["information_sharing"],
            case["retaliation_credibility"],
        )
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
    fixed = dict(gain=4, cost=0, punishment=10, loss=4, retaliation_cost=3, reputation=5)
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

    report = credibility(
        deterrence_by_punishment(), ("resolute", "challenge"), "retaliate", parameter="reputation"
    )
    # retaliation is subgame perfect exactly when reputation > retaliation_cost (= 3)
    assert [t.value for t in report.thresholds] == [3]
    assert str(report.thresholds[0].expression) == "retaliation_cost"


# ------------------------------------------- shared primitives with denial (issue 13)
def test_punishment_and_denial_share_the_coercer_primitives():
    from deterrence.models.denial import DENIAL_PARAMETERS
    from deterrence.models.punishment import PUNISHMENT_PARAMETERS

    denial = {p.name: p for p in DENIAL_PARAMETERS}
    punishment = {p.name: p for p in PUNISHMENT_PARAMETERS}
    for name in ("gain", "cost"):
        assert punishment[name].description == denial[name].description
        assert punishment[name].domain == denial[name].domain


@pytest.mark.parametrize(
    "gain, cost, punishment, belief",
    [(4, 0, 10, F(1, 3)), (10, 3, 10, F(3, 5)), (10, 3, 14, F(11, 20)), (6, 2, 5, F(9, 10))],
)
def test_coercion_cost_enters_the_belief_threshold(gain, cost, punishment, belief):
    threshold = F(gain - cost, punishment)
    if belief == threshold:
        pytest.skip("boundary")
    game = deterrence_by_punishment().at(
        gain=gain, cost=cost, punishment=punishment, credibility=belief
    )
    assert challenger_moves(game) == {"status quo" if belief > threshold else "challenge"}


def test_punishment_threshold_via_thresholds_and_sweep():
    from deterrence.analysis import sweep, thresholds

    fixed = dict(gain=10, cost=3, punishment=14, loss=4, retaliation_cost=3, reputation=5)
    (found,) = thresholds(deterrence_by_punishment(), "credibility", fixed=fixed)
    assert found.value == F(10 - 3, 14) == F(1, 2)
    grid = [k / 10 for k in range(11)]
    frame = sweep(deterrence_by_punishment(**fixed), {"credibility": grid}, progress=False)
    for belief, rows in frame.groupby("credibility"):
        if belief != 0.5:
            deterred = all(
                "status quo" in str(p) and "challenge" not in str(p) for p in profiles(rows)
            )
            assert deterred == (belief > 0.5)


@pytest.mark.parametrize(
    "case",
    [
        dict(),
        dict(retaliation_credibility=1),
        dict(gain=8, cost=2, credibility=F(9, 10)),
        dict(information_sharing=F(1, 2), retaliation_credibility=F(3, 4)),
    ],
)
def test_compare_postures_requirements_deter_in_both_games(case):
    """What compare_postures says each posture needs is what deters in each game."""
    from deterrence import solve
    from deterrence.models.denial import deterrence_by_denial

    result = compare_postures(**case)
    values = dict(
        gain=10,
        cost=3,
        credibility=F(4, 5),
        information_sharing=F(9, 10),
        retaliation_credibility=F(1, 2),
        **{},
    )
    values.update(case)
    g, c = values["gain"], values["cost"]
    step = F(1, 100)
    # punishment game, same coercer: a belief p_r and capability just above / below P*
    for capability, deterred in (
        (result.required_punishment + step, True),
        (result.required_punishment - step, False),
    ):
        game = deterrence_by_punishment().at(
            gain=g, cost=c, punishment=capability, credibility=values["retaliation_credibility"]
        )
        assert challenger_moves(game) == {"status quo" if deterred else "challenge"}
    # denial game, same coercer: coverage just above / below k* (when feasible)
    if result.required_coverage <= 1 - step:
        for coverage, deterred in (
            (result.required_coverage + step, True),
            (result.required_coverage - step, False),
        ):
            game = deterrence_by_denial().at(
                gain=g,
                cost=c,
                coverage=min(coverage, 1),
                credibility=values["credibility"],
                information_sharing=values["information_sharing"],
            )
            found = {eq.outcome for eq in solve(game, exact=True)}
            assert (
                "(refrain, share)" in found and not any(o.startswith("(coerce") for o in found)
            ) == deterred
