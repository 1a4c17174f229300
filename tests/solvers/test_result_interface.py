"""One equilibrium interface, checked once for every solver.

Every solver returns an :class:`EquilibriumResult` (or a subclass adding conveniences), and
every equilibrium in it answers the same questions (:class:`EquilibriumLike`): ``outcome``,
``payoffs``, ``labelled_payoffs``, ``exact``, ``is_pure``, ``max_regret()`` and ``as_dict()``.
The regret is the largest gain of a deviation the solution concept rules out: ~0 for every
returned equilibrium, exactly 0 in exact mode, and positive for profiles that are not
equilibria of the concept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import numpy as np
import pandas as pd
import pytest

from deterrence import NormalFormGame
from deterrence.games import (
    BayesianGame,
    ExtensiveFormGame,
    SignallingGame,
    chance,
    decision,
    terminal,
)
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import (
    alliance_burden_sharing,
    threshold_public_good,
    volunteers_dilemma,
)
from deterrence.solvers.anonymous import (
    CountEquilibrium,
    SymmetricEquilibrium,
    solve_anonymous,
    solve_anonymous_pure,
    solve_anonymous_symmetric,
    solve_burden_sharing,
)
from deterrence.solvers.api import METHODS, solve
from deterrence.solvers.bayesian import solve_bayesian
from deterrence.solvers.correlated import correlated_equilibrium, solve_correlated
from deterrence.solvers.result import EquilibriumLike, EquilibriumResult
from deterrence.solvers.signalling import PerfectBayesianEquilibrium, solve_signalling
from deterrence.solvers.subgame_perfect import SubgamePerfectEquilibrium, solve_subgame_perfect

# ---------------------------------------------------------------------------- games
BATTLE = NormalFormGame.from_matrices(
    [[2, 0], [0, 1]],
    [[1, 0], [0, 2]],
    players=("coercer", "coalition"),
    strategies=(("coerce", "refrain"), ("share", "hoard")),
)
THREE_PLAYERS = NormalFormGame(
    np.random.default_rng(3).integers(0, 10, (3, 2, 2, 2)), players=("a", "b", "c")
)
ENTRY = ExtensiveFormGame(
    decision(
        "entrant",
        {
            "out": terminal(1, 5),
            "in": decision("incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)}),
        },
    ),
    ("entrant", "incumbent"),
    title="entry",
)
PENNIES_AFTER_OPTION = ExtensiveFormGame(
    decision(
        "row",
        {
            "out": terminal("1/2", 0),
            "in": decision(
                "row",
                {
                    "H": decision(
                        "col", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"
                    ),
                    "T": decision(
                        "col", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"
                    ),
                },
            ),
        },
    ),
    ("row", "col"),
)
CHANCE_TREE = ExtensiveFormGame(
    decision(
        "defender",
        {
            "commit": chance({"hard": ("1/3", terminal(3, -1)), "soft": ("2/3", terminal(1, 1))}),
            "wait": decision("challenger", {"probe": terminal(0, 2), "stay": terminal(2, 0)}),
        },
    ),
    ("defender", "challenger"),
)
ENTRY_BAYESIAN = BayesianGame.from_type_games(
    {"tough": ([[2, -1], [0, 0]], [[0, 1], [0, 0]]), "weak": ([[2, -1], [0, 0]], [[1, 0], [0, 0]])},
    prior=["1/2", "1/2"],
    player_with_types="incumbent",
    players=("entrant", "incumbent"),
    actions=(("enter", "stay out"), ("accommodate", "fight")),
)
JOB_MARKET = SignallingGame(
    sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
    receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    prior=["1/2", "1/2"],
    types=("high", "low"),
    messages=("none", "educate"),
    actions=("high wage", "low wage"),
)
CHICKEN = NormalFormGame.from_matrices(
    [[6, 2], [7, 0]],
    [[6, 7], [2, 0]],
    players=("row", "column"),
    strategies=(("C", "D"), ("C", "D")),
)
CONTRIBUTE = threshold_public_good(5, threshold=3, value=8, cost=3)
THREE_STRATEGIES = AnonymousGame(
    4,
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
        [1, 2, 1, 2, 1, 2, 1, 2, 1, 2],
    ],
)


# ---------------------------------------------------------------------------- solvers
def _nash_cases() -> list[tuple[str, Callable[[], Any]]]:
    cases = []
    for method in METHODS:
        cases.append((f"nash-{method}", lambda m=method: solve(BATTLE, m)))
    for method in ("pure", "vertex_enumeration", "support_enumeration"):
        cases.append((f"nash-{method}-exact", lambda m=method: solve(BATTLE, m, exact=True)))
    cases.append(
        ("nash-polynomial-3-players", lambda: solve(THREE_PLAYERS, "polynomial_enumeration"))
    )
    return cases


SOLVERS: list[tuple[str, Callable[[], Any]]] = [
    *_nash_cases(),
    ("subgame-perfect-exact", lambda: solve_subgame_perfect(ENTRY)),
    (
        "subgame-perfect-float",
        lambda: solve_subgame_perfect(
            ExtensiveFormGame(
                decision(
                    "entrant",
                    {
                        "out": terminal(1.0, 5.5),
                        "in": decision(
                            "incumbent",
                            {"fight": terminal(0.0, 0.5), "accommodate": terminal(2.5, 2.0)},
                        ),
                    },
                ),
                ("entrant", "incumbent"),
            )
        ),
    ),
    ("subgame-perfect-chance", lambda: solve_subgame_perfect(CHANCE_TREE)),
    ("subgame-perfect-mixed-subgame", lambda: solve_subgame_perfect(PENNIES_AFTER_OPTION)),
    ("bayesian-exact", lambda: solve_bayesian(ENTRY_BAYESIAN, exact=True)),
    ("bayesian-float", lambda: solve_bayesian(ENTRY_BAYESIAN)),
    ("perfect-bayesian", lambda: solve_signalling(JOB_MARKET)),
    ("correlated-exact", lambda: solve_correlated(CHICKEN, exact=True)),
    ("correlated-float", lambda: solve_correlated(CHICKEN, ("player", "row"))),
    ("coarse-correlated", lambda: solve_correlated(CHICKEN, coarse=True)),
    ("anonymous-count", lambda: solve_anonymous_pure(CONTRIBUTE)),
    ("anonymous-count-3-strategies", lambda: solve_anonymous_pure(THREE_STRATEGIES)),
    ("anonymous-symmetric-exact", lambda: solve_anonymous_symmetric(CONTRIBUTE, exact=True)),
    ("anonymous-symmetric-float", lambda: solve_anonymous_symmetric(CONTRIBUTE)),
    ("anonymous-both", lambda: solve_anonymous(volunteers_dilemma(6, benefit=3, cost=1))),
    (
        "anonymous-float-game",
        lambda: solve_anonymous(AnonymousGame(3, [[0.0, 1.5, 2.0], [1.0, 1.0, 1.0]])),
    ),
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in ("br", "hr", "img"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


def check_html(markup: str) -> None:
    parser = _Tags()
    parser.feed(markup)
    assert parser.stack == [], "unclosed tags"


@pytest.fixture(scope="module", params=SOLVERS, ids=[name for name, _ in SOLVERS])
def result(request: pytest.FixtureRequest) -> Any:
    return request.param[1]()


def test_every_solver_returns_the_one_result_container(result: Any) -> None:
    assert isinstance(result, EquilibriumResult)
    assert len(result) >= 1 and list(result) == list(result.equilibria)
    assert isinstance(result.method, str) and result.method
    for flag in (result.exact, result.degenerate, result.complete):
        assert isinstance(flag, bool)
    assert isinstance(result.options, Mapping)
    assert result.outcomes == tuple(eq.outcome for eq in result)
    assert type(result).__name__ in repr(result)
    with pytest.raises(AttributeError):
        result.method = "other"


def test_every_result_renders_as_a_frame_html_and_json(result: Any) -> None:
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(result)
    generic = EquilibriumResult.to_frame(result)
    assert list(generic["outcome"]) == [eq.outcome for eq in result]
    markup = result._repr_html_()
    check_html(markup)
    assert "max regret" in markup
    record = json.loads(result.to_json())
    assert record == result.as_dict()
    assert record["method"] == result.method and len(record["equilibria"]) == len(result)
    assert [e["outcome"] for e in record["equilibria"]] == list(result.outcomes)


def test_every_equilibrium_answers_the_same_questions(result: Any) -> None:
    for eq in result:
        assert isinstance(eq, EquilibriumLike)
        assert isinstance(eq.outcome, str) and eq.outcome
        assert isinstance(eq.exact, bool) and isinstance(eq.is_pure, bool)
        assert isinstance(eq.labelled_payoffs, dict) and eq.labelled_payoffs
        values = eq.payoffs.values() if isinstance(eq.payoffs, Mapping) else eq.payoffs
        assert list(values) == list(eq.labelled_payoffs.values())
        assert isinstance(eq.as_dict(), dict) and eq.as_dict()


def test_every_equilibrium_has_zero_regret_exactly_in_exact_mode(result: Any) -> None:
    for eq in result:
        regret = eq.max_regret()
        assert regret >= 0
        if eq.exact:
            assert regret == 0 and isinstance(regret, (Fraction, int)), eq
        else:
            assert float(regret) <= 1e-7, eq
    assert result.max_regret() == max(eq.max_regret() for eq in result)


# ---------------------------------------------------------------------------- regret means
def test_a_non_credible_threat_has_positive_subgame_perfect_regret() -> None:
    """(out, fight) is a Nash equilibrium of the entry game but not subgame perfect: the
    incumbent gains 2 by accommodating at its (unreached) node."""
    threat = SubgamePerfectEquilibrium(ENTRY, [0, 0])
    assert threat.outcome == "entrant: out"
    assert threat.nash_regret() == 0 and threat.is_nash()
    assert threat.max_regret() == 2


def test_a_receiver_ignoring_its_beliefs_has_positive_regret() -> None:
    """The pooling equilibrium answers education with a low wage; a high type that educates
    anyway loses 2 (high wage without education pays it 2, education with a low wage 0)."""
    pbe = solve_signalling(JOB_MARKET).pooling[0]
    assert pbe.receiver_strategy == {"none": "high wage", "educate": "low wage"}
    wrong = PerfectBayesianEquilibrium(
        JOB_MARKET,
        pbe.kind,
        ((0, 1), (1, 0)),
        pbe.receiver,
        pbe.beliefs,
        pbe.off_path_beliefs,
        exact=pbe.exact,
    )
    assert pbe.max_regret() == 0 and pbe.is_sequentially_rational()
    assert wrong.max_regret() == 2 and not wrong.is_sequentially_rational()


def test_an_infeasible_correlation_has_positive_regret() -> None:
    both_dare = correlated_equilibrium(
        CHICKEN, "feasibility", distribution=[[0, "1/2"], ["1/2", 0]]
    )
    assert both_dare.max_regret() == 0  # (C, D) and (D, C) are pure equilibria
    coin = correlated_equilibrium(CHICKEN, "feasibility", distribution=[[0, 0], [0, 1]])
    assert coin.outcome == "(D, D)" and coin.is_pure
    assert coin.max_regret() == 2  # told D, the row player gains 2 - 0 by playing C


def test_anonymous_regret_is_one_members_gain() -> None:
    two_of_five = CountEquilibrium(CONTRIBUTE, (2, 3), (None, None))
    assert two_of_five.max_regret() == 5  # a withholder makes the threshold: 8 - 3 - 0
    quarter = SymmetricEquilibrium(CONTRIBUTE, Fraction(1, 4), 0.0, "unstable", 0.0, (0.25, 0.25))
    # contributing loses 21/16 when each other member contributes with probability 1/4; a
    # member who contributes with probability 1/4 gains 1/4 of that by always withholding
    assert quarter.gain() == Fraction(-21, 16)
    assert quarter.max_regret() == Fraction(21, 64)


def test_alliance_equilibrium_answers_the_same_questions() -> None:
    eq = solve_burden_sharing(alliance_burden_sharing([10, 2], allies=("US", "Denmark")))
    assert isinstance(eq, EquilibriumLike)
    assert eq.outcome == "US contributes 5, Denmark free-rides"
    assert eq.max_regret() <= 1e-12 and not eq.exact and eq.is_pure
    assert list(eq.labelled_payoffs) == ["US", "Denmark"]
