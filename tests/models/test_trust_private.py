"""Trust through supply chains with private signals (issue 13).

Specification: each bloc sees a private signal about the other, right w.p. (1 + s)/2. A seeker
with a favourable signal expects the other to cooperate w.p. mu(pi, s) (1 + s)/2 (the other is
a seeker and saw a favourable signal about it), so "cooperate on a favourable signal" is a
Bayesian Nash equilibrium iff mu(pi, s)(1 + s)/2 >= t = c/(1 + c - g) >= mu_minus(pi, s)(1 + s)/2.
At the defaults (pi = 1/2, c = 1, g = 1/2) that is s >= 2 sqrt(6)/3 - 1 ~ 0.633; with public
signals s >= 1/3.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy

from deterrence.models.trust import (
    kydd_private_signals_game,
    minimum_information_sharing,
    private_signal_threshold,
    trust_private_signals,
)
from deterrence.solvers.verify import max_regret
from tests.models.conftest import profiles

DEFAULTS = dict(prior_trust=F(1, 2), sucker_cost=1, temptation=F(1, 2))
COOPERATION = "(cooperate if favourable, cooperate if favourable)"
THRESHOLD = 2 * sympy.sqrt(6) / 3 - 1


def cooperates_on_favourable_signal(prior, sharing, cost, temptation):
    """First principles: both signal-types of a seeker best-respond."""
    right = F(1 + sharing) / 2
    t = F(cost) / (1 + cost - temptation)
    good = prior * right / (prior * right + (1 - prior) * (1 - right))
    bad = prior * (1 - right) / (prior * (1 - right) + (1 - prior) * right)
    return good * right >= t >= bad * right


def test_formula_at_the_defaults():
    assert sympy.simplify(private_signal_threshold(*DEFAULTS.values()) - THRESHOLD) == 0
    assert abs(float(THRESHOLD) - 0.63299) < 1e-5
    assert minimum_information_sharing(*DEFAULTS.values()) == F(1, 3)
    # exact rationals on either side of the irrational threshold
    assert not cooperates_on_favourable_signal(F(1, 2), F(632, 1000), 1, F(1, 2))
    assert cooperates_on_favourable_signal(F(1, 2), F(634, 1000), 1, F(1, 2))


POINTS = list(
    itertools.product([F(1, 5), F(1, 2), F(2, 3)], [F(1, 2), 1, 2], [0, F(1, 2), F(4, 5)])
)


@pytest.mark.parametrize("prior, cost, temptation", POINTS)
def test_formula_matches_first_principles(prior, cost, temptation):
    threshold = private_signal_threshold(prior, cost, temptation)
    t = F(cost) / (1 + cost - temptation)
    for step in (F(-1, 1000), F(1, 1000)):
        s = F(float(threshold)).limit_denominator(10**6) + step
        if not 0 <= s < 1 or t < prior:  # outside the channel's range, or the right
            continue  # inequality binds instead
        assert cooperates_on_favourable_signal(prior, s, cost, temptation) == (step > 0)
    # private signals always need at least the public channel precision
    public = minimum_information_sharing(prior, cost, temptation)
    assert float(threshold) >= float(public) - 1e-12


@pytest.mark.parametrize(
    "sharing, expected",
    [
        (F(1, 3), False),
        (F(3, 5), False),
        (F(63, 100), False),
        (F(317, 500), True),
        (F(7, 10), True),
        (F(9, 10), True),
    ],
)
def test_the_project_bayesian_game_agrees(sharing, expected):
    """Build the Bayesian game with private signals and check the profile's exact regret."""
    game = kydd_private_signals_game(F(1, 2), sharing)
    plan = game.plans[0].index((0, 1, 1, 1))  # seeker: cooperate only if favourable
    regret = max_regret(game.to_normal_form(), [plan, plan])
    assert (regret == 0) == expected


@pytest.mark.parametrize("sharing", [F(1, 4), F(1, 2), F(7, 10), F(9, 10)])
def test_ex_ante_form_matches_the_bayesian_game(outcomes, sharing):
    found = outcomes(trust_private_signals(), information_sharing=sharing)
    assert (COOPERATION in found) == (sharing > float(THRESHOLD))
    assert "(always defect, always defect)" in found


def test_threshold_via_thresholds():
    from deterrence.analysis import thresholds

    found = thresholds(trust_private_signals(), "information_sharing", fixed=DEFAULTS)
    assert len(found) == 1
    assert sympy.simplify(found[0].expression - THRESHOLD) == 0
    assert COOPERATION in found[0].description or "favourable" in found[0].description


def test_threshold_via_sweep():
    from deterrence.analysis import sweep

    grid = [k / 20 for k in range(20)]
    frame = sweep(trust_private_signals(), {"information_sharing": grid}, progress=False)
    cooperative = [
        COOPERATION in set(profiles(rows)) for _, rows in frame.groupby("information_sharing")
    ]
    assert cooperative == [s > float(THRESHOLD) for s in grid]
    # the public-signal model on the same grid cooperates from 1/3 on
    from deterrence.models.trust import trust_through_supply_chains

    public = sweep(trust_through_supply_chains(), {"information_sharing": grid}, progress=False)
    cooperative = [
        "(cooperate, cooperate)" in set(profiles(rows))
        for _, rows in public.groupby("information_sharing")
    ]
    assert cooperative == [s > 1 / 3 for s in grid]
