"""Club formation (issue 16): stable clubs are the pure equilibria of the participation game,
and the general analysis layer finds where institutionalisation makes a club hold."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence import solve
from deterrence.analysis import regimes, thresholds
from deterrence.exceptions import InvalidGameError
from deterrence.games.club import ClubGame
from deterrence.solvers.club import all_clubs, club_stability, stable_clubs


def quorum_club(num_partners: int = 3) -> ClubGame:
    """Members pay 2, a club of two or more is worth 3 to everyone, outsiders pay the
    institution's penalty."""
    players = [f"p{i}" for i in range(num_partners)]

    def payoff(player, members):
        worth = 3 if len(members) >= 2 else 0
        return f"{worth} - 2" if player in members else f"{worth} - penalty"

    return ClubGame(players, payoff, ["penalty"])


@given(st.integers(2, 4), st.data())
@settings(max_examples=40, deadline=None)
def test_stable_clubs_are_the_pure_nash_equilibria(num_partners, data):
    table = {}
    players = [f"p{i}" for i in range(num_partners)]

    def payoff(player, members):
        key = (player, members)
        if key not in table:
            table[key] = data.draw(st.integers(-3, 3))
        return table[key]

    game = ClubGame(players, payoff, [])
    nash = {eq.outcome for eq in solve(game.to_parametric_normal_form().at(), method="pure")}
    labels = {
        "(" + ", ".join("join" if p in club.members else "stay out" for p in players) + ")"
        for club in stable_clubs(game)
    }
    assert labels == nash


def test_institutionalisation_makes_the_grand_club_hold():
    game = quorum_club()
    assert [c.members for c in stable_clubs(game, penalty=1)] == [
        ("p0", "p1"),
        ("p0", "p2"),
        ("p1", "p2"),
        (),
    ]
    assert ("p0", "p1", "p2") in [c.members for c in stable_clubs(game, penalty=2)]
    found = thresholds(game.to_parametric_normal_form(), "penalty", domain=(0, 5), method="pure")
    assert [t.value for t in found] == [2]
    regions = regimes(game.to_parametric_normal_form(), {"penalty": (0, 5)}, method="pure")
    assert any("club of p0, p1, p2" in r.outcomes for r in regions.regimes)


def test_sentences_and_errors():
    game = quorum_club()
    verdict = club_stability(game, ["p0", "p1", "p2"], penalty=1)
    assert not verdict.internally_stable and verdict.externally_stable
    assert verdict.sentence.startswith("club of p0, p1, p2 does not hold: p0 gains 1 by leaving")
    pair = club_stability(game, ["p0", "p1"], penalty=Fraction(1, 2))
    assert pair.staying["p0"] == Fraction(3, 2)
    assert len(all_clubs(game, penalty=0)) == 8
    with pytest.raises(InvalidGameError, match="not partners"):
        club_stability(game, ["p9"], penalty=1)
    with pytest.raises(InvalidGameError, match="2 to 10 partners"):
        ClubGame(["solo"], lambda p, m: 0, [])


def test_robustness_runs_on_the_club_model():
    # issue 16: the club is a parametric game, so deterrence.robustness works on it through
    # the general layer. The grand club is stable exactly when institutionalisation >= 3/2
    # (2 - threat/2 at the default threat 1), so under a uniform on [0, 3] it forms with
    # probability exactly 1/2, found from the thresholds rather than estimated.
    import deterrence

    result = deterrence.robustness(
        "critical_minerals",
        {"institutionalisation": ("uniform", 0, 3)},
        samples=64,
        sensitivity_samples=None,
        boxes=0,
        progress=False,
        rng=0,
    )
    grand = "club of US, Japan, Australia denies the coercer"
    assert result.probability(grand) == Fraction(1, 2)
    assert sum(result.probabilities["probability"]) == 1
