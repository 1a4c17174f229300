"""Friend-shoring commitment (threshold public good with a reneging penalty).

Specification: honour earns V 1[k + 1 >= K] - c, renege V 1[k >= K] - iota (k other partners
honour). Honouring is dominant iff iota >= c. Interior symmetric equilibria h solve
V C(N-1, K-1) h^(K-1) (1-h)^(N-K) = c - iota. Credibility = P(Bin(N, h) >= K).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.models.friend_shoring import (
    coalition_credibility,
    friend_shoring_commitment,
    institutionalisation_effect,
)
from deterrence.solvers.anonymous import solve_anonymous_pure, solve_anonymous_symmetric
from tests.models.conftest import profiles


def pivotal_gain(h, n, k, value, cost, penalty):
    return value * math.comb(n - 1, k - 1) * h ** (k - 1) * (1 - h) ** (n - k) - (cost - penalty)


@pytest.mark.parametrize("n, k", [(5, 3), (7, 4), (10, 2)])
@pytest.mark.parametrize("penalty", [0, F(1, 2), 1])
def test_symmetric_equilibria_solve_the_pivotal_equation(n, k, penalty):
    game = friend_shoring_commitment(num_partners=n, quorum=k, institutionalisation=penalty)
    for eq in solve_anonymous_symmetric(game):
        h = float(eq.probability)
        if 0 < h < 1:
            assert pivotal_gain(h, n, k, 6, 2, float(penalty)) == pytest.approx(0, abs=1e-9)


def test_honouring_dominant_when_penalty_covers_cost():
    game = friend_shoring_commitment(institutionalisation=3)
    (pure,) = solve_anonymous_pure(game)
    assert pure.as_dict() == {"honour": 5, "renege": 0}
    symmetric = solve_anonymous_symmetric(game)
    assert [float(eq.probability) for eq in symmetric] == [1.0]


def test_pure_equilibria_without_institutions():
    # exactly K honour (pivotal honourers, free-riding renegers) or nobody honours
    counts = {eq.as_dict()["honour"] for eq in solve_anonymous_pure(friend_shoring_commitment())}
    assert counts == {0, 3}


def test_coalition_credibility_is_binomial_tail():
    h = 0.62
    expected = sum(math.comb(5, j) * h**j * (1 - h) ** (5 - j) for j in range(3, 6))
    assert coalition_credibility(h, 5, 3) == pytest.approx(expected)


def test_institutionalisation_moves_coercer_from_coercing_to_refraining():
    table = institutionalisation_effect((0, F(1, 2), 1, 2))
    assert list(table["deterred"]) == [False, False, True, True]
    assert table["credibility"].is_monotonic_increasing
    threshold = F(7, 10) / F(81, 100)
    for _, row in table.iterrows():
        assert row["deterred"] == (row["credibility"] > threshold)
        # the honouring rate solves the pivotal equation (or is 1 when honouring dominates)
        h = row["honouring_rate"]
        if h < 1:
            assert pivotal_gain(h, 5, 3, 6, 2, float(row["institutionalisation"])) == (
                pytest.approx(0, abs=1e-9)
            )


def test_invalid_sizes():
    with pytest.raises(InvalidGameError, match="quorum"):
        friend_shoring_commitment(num_partners=3, quorum=4)
    with pytest.raises(InvalidGameError, match="integer"):
        friend_shoring_commitment(num_partners="5/2")


def test_large_coalition():
    # 2000 partners, quorum 1000: far beyond any normal-form solver
    game = friend_shoring_commitment(num_partners=2000, quorum=1000, value=200, sharing_cost=1)
    stable = [eq for eq in solve_anonymous_symmetric(game) if eq.stability == "stable"]
    h = max(float(eq.probability) for eq in stable)
    assert 0 < h < 1
    log_binomial = math.lgamma(2000) - math.lgamma(1000) - math.lgamma(1001)
    pivotal = math.exp(log_binomial + 999 * math.log(h) + 1000 * math.log(1 - h))
    assert 200 * pivotal == pytest.approx(1, rel=1e-6)


# ---------------------------------------------------------------- thresholds() and sweep()
def test_normal_form_agrees_with_anonymous_game():
    from deterrence import solve
    from deterrence.models.friend_shoring import friend_shoring_normal_form

    for penalty in (0, 1, 3):
        normal = friend_shoring_normal_form(4, 2, institutionalisation=penalty)
        counts = sorted({eq.outcome.count("honour") for eq in solve(normal.at(), method="pure")})
        anonymous = friend_shoring_commitment(
            num_partners=4, quorum=2, institutionalisation=penalty
        )
        expected = sorted({eq.as_dict()["honour"] for eq in solve_anonymous_pure(anonymous)})
        assert counts == expected


def test_full_honouring_threshold_via_thresholds_and_sweep():
    import sympy

    from deterrence.analysis import sweep, thresholds
    from deterrence.models.friend_shoring import friend_shoring_normal_form

    game = friend_shoring_normal_form(3, 2)
    (found,) = thresholds(
        game, "institutionalisation", fixed=dict(value=6, sharing_cost=2), domain=(0, 4)
    )
    assert found.value == 2  # everyone honours once the reneging penalty covers the cost
    (symbolic,) = thresholds(game, "institutionalisation", fixed=dict(value=6), domain=(0, 4))
    assert symbolic.expression == sympy.Symbol("sharing_cost", real=True)
    frame = sweep(
        game, {"institutionalisation": [k / 4 for k in range(17)]}, method="pure", progress=False
    )
    for penalty, rows in frame.groupby("institutionalisation"):
        all_honour = "(honour, honour, honour)" in set(profiles(rows))
        if penalty != 2:
            assert all_honour == (penalty > 2)


def test_palfrey_rosenthal_three_partners_two_needed():
    # Palfrey and Rosenthal (1984): N = 3, K = 2, V = 8, c = 3 (no penalty): the pivotal
    # condition 8 * 2 h (1 - h) = 3 has the roots h = 1/4 (unstable) and h = 3/4 (stable)
    game = friend_shoring_commitment(num_partners=3, quorum=2, value=8, sharing_cost=3)
    result = solve_anonymous_symmetric(game, exact=True)
    assert [(eq.probability, eq.stability) for eq in result] == [
        (0, "stable"),
        (F(1, 4), "unstable"),
        (F(3, 4), "stable"),
    ]


def test_institutionalisation_threshold_is_where_the_coercer_switches():
    from deterrence.models.friend_shoring import (
        institutionalisation_effect,
        institutionalisation_threshold,
    )

    critical = institutionalisation_threshold()
    assert 0.5 < critical < 1  # the table switches between 1/2 and 1
    table = institutionalisation_effect([critical - 1e-6, critical + 1e-6])
    assert list(table["coercer"]) == ["coerce", "refrain"]
    # the switch happens where credibility crosses the denial threshold
    below, above = table["credibility"]
    assert below <= table["credibility_threshold"][0] < above
    # only the net cost of honouring matters: half a unit more cost, half a unit more penalty
    harder = institutionalisation_threshold(coalition={"sharing_cost": "5/2"})
    assert harder == pytest.approx(critical + 0.5, abs=1e-8)


def test_institutionalisation_threshold_edge_cases():
    from deterrence.models.friend_shoring import institutionalisation_threshold

    # an easy target (gain barely above cost): deterred without any institution
    assert institutionalisation_threshold(denial={"cost": "99/10"}) == 0.0
    # nothing shared in a squeeze: credibility alone cannot deter
    assert institutionalisation_threshold(denial={"coverage": 0}) is None
    with pytest.raises(InvalidGameError, match="solves for"):
        institutionalisation_threshold(coalition={"institutionalisation": 1})
    with pytest.raises(InvalidGameError, match="set by the coalition"):
        institutionalisation_threshold(denial={"credibility": 1})
