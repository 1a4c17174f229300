"""Trust through supply chains (Kydd 2005).

Specification: posterior trust after a favourable signal of accuracy (1 + s)/2 is
mu = pi(1 + s) / (pi(1 + s) + (1 - pi)(1 - s)) (Bayes' rule); security seekers cooperate in
equilibrium iff mu >= c/(1 + c - g); the set of priors allowing cooperation grows with s.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from deterrence.models.trust import (
    minimum_information_sharing,
    minimum_prior_trust,
    posterior_trust,
    trust_threshold,
    trust_through_supply_chains,
)
from tests.models.conftest import profiles


def bayes(prior, sharing):
    accuracy = F(1 + sharing) / 2
    favourable_if_seeker = accuracy
    favourable_if_greedy = 1 - accuracy
    joint = prior * favourable_if_seeker
    return joint / (joint + (1 - prior) * favourable_if_greedy)


def kydd(cost, temptation):
    return F(cost) / (1 + cost - temptation)


POINTS = list(
    itertools.product(
        [F(1, 5), F(1, 2), F(4, 5)],
        [0, F(1, 4), F(3, 5), F(9, 10)],
        [F(1, 2), 1, 3],
        [0, F(1, 2), F(9, 10)],
    )
)


GENERIC = [point for point in POINTS if bayes(point[0], point[1]) != kydd(*point[2:])]
BOUNDARY = [point for point in POINTS if bayes(point[0], point[1]) == kydd(*point[2:])]


@pytest.mark.parametrize("prior, sharing, cost, temptation", GENERIC)
def test_cooperation_iff_posterior_exceeds_kydd_threshold(
    outcomes, prior, sharing, cost, temptation
):
    posterior, threshold = bayes(prior, sharing), kydd(cost, temptation)
    found = outcomes(
        trust_through_supply_chains(),
        prior_trust=prior,
        information_sharing=sharing,
        sucker_cost=cost,
        temptation=temptation,
    )
    assert ("(cooperate, cooperate)" in found) == (posterior > threshold)
    assert "(defect, defect)" in found  # mutual defection always remains an equilibrium


@pytest.mark.parametrize("prior, sharing, cost, temptation", BOUNDARY)
def test_at_the_kydd_threshold_cooperation_is_still_an_equilibrium(
    outcomes, prior, sharing, cost, temptation
):
    """Posterior trust exactly at the threshold: a trusting bloc is indifferent, so mutual
    cooperation is a (weak) equilibrium beside mutual defection."""
    found = outcomes(
        trust_through_supply_chains(),
        prior_trust=prior,
        information_sharing=sharing,
        sucker_cost=cost,
        temptation=temptation,
    )
    assert {"(cooperate, cooperate)", "(defect, defect)"} <= found


def test_helpers_match_bayes_and_kydd():
    for prior, sharing in itertools.product([F(1, 3), F(1, 2)], [0, F(1, 2), F(4, 5)]):
        assert posterior_trust(prior, sharing) == bayes(prior, sharing)
    assert trust_threshold(1, F(1, 2)) == F(2, 3)
    assert minimum_information_sharing(F(1, 2), 1, F(1, 2)) == F(1, 3)
    assert bayes(F(1, 2), F(1, 3)) == F(2, 3)


def test_cooperation_region_grows_with_information_sharing():
    minimum = [minimum_prior_trust(s, 1, F(1, 2)) for s in (0, F(1, 4), F(1, 2), F(3, 4), 1)]
    assert minimum == sorted(minimum, reverse=True)
    assert minimum[0] == kydd(1, F(1, 2))  # uninformative channel: prior must reach Kydd's bar
    for s, lowest in zip((0, F(1, 4), F(1, 2), F(3, 4)), minimum):
        assert bayes(lowest, s) == kydd(1, F(1, 2))


def test_defaults_show_the_dilemma_and_the_way_out(outcomes):
    game = trust_through_supply_chains()
    assert "(cooperate, cooperate)" not in outcomes(game)
    assert "(cooperate, cooperate)" in outcomes(game, information_sharing=F(1, 2))


# ---------------------------------------------------------------- thresholds() and sweep()
def test_information_threshold_via_thresholds():
    import sympy

    from deterrence.analysis import thresholds

    game = trust_through_supply_chains()
    found = thresholds(
        game,
        "information_sharing",
        fixed=dict(prior_trust=F(1, 2), sucker_cost=1, temptation=F(1, 2)),
    )
    assert [t.value for t in found] == [F(1, 3)]
    # symbolic: s* = (t - pi)/(pi + t - 2 pi t), t = c/(1 + c - g)
    pi, c, g = (sympy.Symbol(n, real=True) for n in ("prior_trust", "sucker_cost", "temptation"))
    t = c / (1 + c - g)
    formula = (t - pi) / (pi + t - 2 * pi * t)
    (symbolic,) = thresholds(game, "information_sharing")
    assert sympy.simplify(symbolic.expression - formula) == 0


def test_cooperation_region_via_sweep():
    from deterrence.analysis import sweep

    priors = [k / 10 for k in range(1, 10)]
    sharing = [0.0, 0.25, 0.5, 0.75]
    frame = sweep(
        trust_through_supply_chains(),
        {"prior_trust": priors, "information_sharing": sharing},
        progress=False,
    )
    region = {}
    for (pi, s), rows in frame.groupby(["prior_trust", "information_sharing"]):
        cooperative = "(cooperate, cooperate)" in set(profiles(rows))
        posterior = bayes(F(pi).limit_denominator(10), F(s).limit_denominator(4))
        if posterior != F(2, 3):
            assert cooperative == (posterior > F(2, 3))
        region.setdefault(s, 0)
        region[s] += cooperative
    sizes = [region[s] for s in sharing]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


@pytest.mark.parametrize("trust", [F(1, 3), F(3, 5), F(7, 10), F(9, 10)])
def test_full_bayesian_game_agrees(trust):
    import warnings

    from deterrence.models.trust import kydd_bayesian_game
    from deterrence.solvers.bayesian import solve_bayesian

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve_bayesian(kydd_bayesian_game(trust), exact=True)
    conditional = {"security seeker": "cooperate", "greedy": "defect"}
    cooperative = any(
        eq.strategies["bloc A"] == conditional and eq.strategies["bloc B"] == conditional
        for eq in result
    )
    assert cooperative == (trust > kydd(1, F(1, 2)))


def test_cooperation_region_table():
    from deterrence.models.trust import cooperation_region

    table = cooperation_region([0, F(1, 3), F(2, 3), 1], sucker_cost=2, temptation=F(1, 4))
    t = kydd(2, F(1, 4))
    for s, lowest, region in zip(
        table["information_sharing"], table["minimum_prior_trust"], table["region"]
    ):
        assert lowest == t * (1 - s) / (t * (1 - s) + (1 - t) * (1 + s))
        assert region == 1 - lowest
    assert list(table["region"]) == sorted(table["region"])
