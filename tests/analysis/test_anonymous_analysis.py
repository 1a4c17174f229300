"""Comparative statics of anonymous N-player games: thresholds, regimes and sweeps.

Specification. At a parameter point the equilibria of a two-strategy anonymous game are the
count equilibria ("j of N choose s1" iff D_{j-1} >= 0 >= D_j, with D_k the payoff
difference when k others choose s1) and the symmetric mixed equilibria (interior roots of the
Bernstein polynomial with coefficients D_k, stable when it falls through zero). Thresholds
are the parameter values across which this structure changes.

Closed forms used below:

* friend-shoring (N partners, quorum K, value V, sharing cost c, institutionalisation i):
  honouring is dominant iff i >= c; the two interior symmetric equilibria collide at
  c - i = V C(N-1, K-1) ((K-1)/(N-1))^(K-1) ((N-K)/(N-1))^(N-K);
* swing states (openness o, bloc benefit b, security premium s, alignment cost c):
  D_k = (b + o) k/(N-1) + s - c - o, so "all non-aligned" is an equilibrium iff
  s <= c + o, "all align" iff s >= c - b, and the symmetric mixed equilibrium aligns with
  probability (o - s + c)/(o + b).
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
import sympy

from deterrence import solve
from deterrence.analysis import regimes, structure_at, sweep, thresholds
from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games import AnonymousGame, Parameter, ParametricAnonymousGame
from deterrence.models.friend_shoring import friend_shoring_commitment
from deterrence.models.security_dilemma import swing_states, tipping_point
from deterrence.solvers.anonymous import (
    indifference_function,
    solve_anonymous_pure,
    solve_anonymous_symmetric,
)


def fold(n: int, k: int, value=6) -> F:
    """c - i at which friend-shoring's two interior symmetric equilibria collide."""
    return value * math.comb(n - 1, k - 1) * F(k - 1, n - 1) ** (k - 1) * F(n - k, n - 1) ** (n - k)


def symbols(game: ParametricAnonymousGame, *names: str) -> list[sympy.Symbol]:
    return [game.parameter(name).symbol for name in names]


def random_game(n: int, seed: int, num_strategies: int = 2) -> ParametricAnonymousGame:
    """Payoffs a + b t with small random integers at every count profile."""
    rng = np.random.default_rng(seed)
    size = math.comb(n - 1 + num_strategies - 1, num_strategies - 1)
    a = rng.integers(-3, 4, size=(num_strategies, size))
    b = rng.integers(-2, 3, size=(num_strategies, size))
    table = np.array(
        [[f"{a[s, c]} + ({b[s, c]})*t" for c in range(size)] for s in range(num_strategies)],
        dtype=object,
    )
    return ParametricAnonymousGame(
        n, table, [Parameter("t", default=0, domain=(-4, 4))], title=f"random {seed}"
    )


# ---------------------------------------------------------------------- friend-shoring
@pytest.mark.parametrize("n, k", [(3, 2), (5, 3), (7, 4), (10, 2), (20, 5), (100, 30), (1000, 300)])
def test_friend_shoring_fold_is_the_closed_form_exactly(n, k):
    game = friend_shoring_commitment(num_partners=n, quorum=k)
    fold_threshold, covered = thresholds(game, "sharing_cost", fixed="defaults")
    assert fold_threshold.value == fold(n, k)  # Fraction equality, even at N = 1000
    assert isinstance(fold_threshold.value, F) and fold_threshold.kind == "mixed"
    assert "two symmetric mixed equilibria collide and vanish (a fold)" in str(fold_threshold)
    mixed = [x for x in fold_threshold.below if x.startswith("symmetric mix")]
    assert len(mixed) == 2 and not any(x.startswith("symmetric mix") for x in fold_threshold.above)
    # above c = V nobody is ever pivotal enough: all renege is the unique equilibrium
    assert covered.value == 6 and covered.above == ("all renege",)


@pytest.mark.parametrize("n, k", [(5, 3), (7, 4), (20, 5), (1000, 300)])
def test_friend_shoring_fold_in_institutionalisation(n, k):
    game = friend_shoring_commitment(num_partners=n, quorum=k)
    found = thresholds(game, "institutionalisation", fixed={"value": 6, "sharing_cost": 2})
    expected = [2 - fold(n, k)] if fold(n, k) < 2 else []
    assert [t.value for t in found] == expected + [2]
    # all honour (the unique equilibrium) exactly when institutionalisation >= sharing_cost
    assert found[-1].above == ("all honour",)


@pytest.mark.parametrize("n, k", [(2, 1), (4, 4), (50, 1), (50, 50)])
def test_friend_shoring_without_interior_fold(n, k):
    found = thresholds(
        friend_shoring_commitment(num_partners=n, quorum=k), "sharing_cost", fixed="defaults"
    )
    assert [t.value for t in found] == [6]


def test_all_honour_iff_institutionalisation_covers_the_cost():
    game = friend_shoring_commitment()
    cost, value, penalty = symbols(game, "sharing_cost", "value", "institutionalisation")
    [honour] = thresholds(game, "institutionalisation")
    assert honour.expression == cost and honour.value is None
    assert honour.above == ("all honour",)
    for c in (F(1, 2), 2, F(7, 2)):
        found = thresholds(game, "institutionalisation", fixed={"value": 6, "sharing_cost": c})
        # (and where c - i = 9/4 the interior symmetric equilibria are born)
        assert [t.value for t in found] == [c - F(9, 4)] * (c > F(9, 4)) + [c]
        assert found[-1].above == ("all honour",)


def test_symbolic_friend_shoring_thresholds():
    game = friend_shoring_commitment()
    cost, value, penalty = symbols(game, "sharing_cost", "value", "institutionalisation")
    found = thresholds(game, "sharing_cost")
    assert [sympy.expand(t.expression) for t in found] == [
        penalty + sympy.Rational(3, 8) * value,
        penalty + value,
    ]
    assert [t.value for t in found] == [None, None]
    # a symbolic fold also when only some of the other parameters are fixed
    [fold_threshold, _] = thresholds(game, "sharing_cost", fixed={"institutionalisation": 0})
    assert fold_threshold.expression == sympy.Rational(3, 8) * value
    assert fold_threshold.value is None


@pytest.mark.parametrize("n, k", [(20, 5), (60, 20)])
def test_symbolic_fold_for_larger_coalitions_is_exact(n, k):
    game = friend_shoring_commitment(num_partners=n, quorum=k)
    cost, value, penalty = symbols(game, "sharing_cost", "value", "institutionalisation")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fallback to reference values
        found = thresholds(game, "sharing_cost")
    coefficient = fold(n, k, value=1)
    assert sympy.expand(found[0].expression) == penalty + value * sympy.Rational(
        coefficient.numerator, coefficient.denominator
    )


def test_symbolic_fold_at_a_thousand_partners_has_float_coefficients():
    game = friend_shoring_commitment(num_partners=1000, quorum=300)
    cost, value, penalty = symbols(game, "sharing_cost", "value", "institutionalisation")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = thresholds(game, "sharing_cost")
    expression = sympy.expand(found[0].expression)
    assert expression.coeff(penalty) == 1
    assert float(expression.coeff(value)) == pytest.approx(float(fold(1000, 300, 1)), rel=1e-12)
    assert found[1].expression == penalty + value


# ---------------------------------------------------------------------- swing states
@pytest.mark.parametrize("n", [2, 3, 5, 20])
def test_swing_state_tipping_thresholds(n):
    game = swing_states(num_states=n)
    premium, cost, openness, bloc = symbols(
        game, "security_premium", "alignment_cost", "openness_value", "bloc_benefit"
    )
    [tipping] = thresholds(game, "security_premium")
    assert tipping.expression == cost + openness
    assert tipping.above == ("all align",)
    # with alignment dearer than the bloc benefit, "all align" also stops being an
    # equilibrium at c - b (inside the premium's domain)
    low, high = thresholds(game, "security_premium", fixed={"alignment_cost": 6})
    assert (low.expression, high.expression) == (6 - bloc, openness + 6)
    fixed = {"alignment_cost": 6, "openness_value": 3, "bloc_benefit": 4}
    assert [t.value for t in thresholds(game, "security_premium", fixed=fixed)] == [2, 9]


def test_swing_state_tipping_thresholds_at_ten_thousand_states():
    game = swing_states(num_states=10_000)
    fixed = {"alignment_cost": 6, "openness_value": 3, "bloc_benefit": 4}
    low, high = thresholds(game, "security_premium", fixed=fixed)
    assert (low.value, high.value) == (2, 9)
    assert isinstance(low.value, F)
    assert low.below == ("all non-aligned",) and high.above == ("all align",)
    assert "symmetric mix of align and non-aligned (unstable)" in low.above


def test_swing_state_mixed_equilibrium_is_the_tipping_point():
    game = swing_states(num_states=12)
    premiums = [0.0, 0.5, 1.5, 3.0]
    frame = sweep(game, {"security_premium": premiums}, progress=False)
    for premium in premiums:
        rows = frame[(frame["security_premium"] == premium) & ~frame["is_pure"]]
        assert len(rows) == 1 and rows["stability"].iloc[0] == "unstable"
        expected = float(
            tipping_point(
                openness_value=3, bloc_benefit=4, security_premium=F(premium), alignment_cost=1
            )
        )
        assert rows["state:align"].iloc[0] == pytest.approx(expected, abs=1e-12)


# ---------------------------------------------------------------------- normal-form checks
def _count_profiles(result, num_strategies: int) -> set[tuple[int, ...]]:
    out = set()
    for eq in result:
        choices = [int(np.argmax(np.asarray(x, dtype=float))) for x in eq.strategies]
        out.add(tuple(choices.count(s) for s in range(num_strategies)))
    return out


def _sweep_counts(frame: pd.DataFrame, game: ParametricAnonymousGame) -> set[tuple[int, ...]]:
    columns = [f"{game.player_label}:{s}" for s in game.strategies]
    shares = frame.loc[frame["is_pure"], columns].to_numpy()
    return {tuple(int(round(x * game.num_players)) for x in row) for row in shares}


CROSS_CHECK_GAMES = [
    *(random_game(n, seed) for n in (2, 3, 4, 5) for seed in (1, 2)),
    *(random_game(n, seed, num_strategies=3) for n in (2, 3, 4) for seed in (3,)),
    friend_shoring_commitment(num_partners=4, quorum=2),
    friend_shoring_commitment(num_partners=5, quorum=3),
    swing_states(num_states=4),
]


@pytest.mark.parametrize("game", CROSS_CHECK_GAMES, ids=lambda g: f"{g.title}-{g.num_players}")
def test_sweep_agrees_with_the_expanded_normal_form(game):
    name = (
        game.parameter_names[-1]
        if game.title.startswith("random")
        else ("sharing_cost" if "commitment" in game.title else "security_premium")
    )
    points = [-3.5, -1, -F(1, 3), 0, F(1, 2), 1, 2, F(9, 4), 3.25, 6]
    low, high = game.parameter(name).domain or (None, None)
    points = [p for p in points if (low is None or p >= low) and (high is None or p <= high)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        frame = sweep(game, {name: [float(p) for p in points]}, progress=False)
        for p in points:
            normal = game.to_normal_form(**{name: p})
            expected = _count_profiles(solve(normal, method="pure"), game.num_strategies)
            here = frame[frame[name] == float(p)]
            assert _sweep_counts(here, game) == expected, (name, p)
            if game.num_strategies != 2:
                continue
            symmetric = solve_anonymous_symmetric(game.at(**{name: p}), exact=True)
            for eq in symmetric:
                assert eq.to_equilibrium().max_regret() <= 1e-9
            interior = sorted(float(eq.probability) for eq in symmetric if 0 < eq.probability < 1)
            mixed = here[~here["is_pure"]]
            if symmetric.degenerate:
                assert mixed["profile"].astype(str).tolist() == ["every symmetric mix (continuum)"]
            else:
                assert sorted(mixed[f"{game.player_label}:{game.strategies[0]}"]) == (
                    pytest.approx(interior, abs=1e-9)
                )


@pytest.mark.parametrize("seed", range(6))
def test_symmetric_equilibria_agree_with_nashpy_for_two_players(seed):
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(2, 2)).round(3)
    game = AnonymousGame(2, table, strategies=("hawk", "dove"))
    normal = game.to_normal_form()
    bimatrix = nashpy.Game(normal.float_payoffs[0], normal.float_payoffs[1])
    theirs = sorted(
        round(float(x[0]), 9) for x, y in bimatrix.support_enumeration() if np.allclose(x, y)
    )
    frame = sweep(game, {}, progress=False)
    ours = sorted(
        round(float(p), 9)
        for p, symmetric in zip(frame["member:hawk"], frame["is_symmetric"])
        if symmetric
    )
    assert ours == theirs
    asymmetric = sum(1 for x, y in bimatrix.support_enumeration() if not np.allclose(x, y))
    assert asymmetric == 2 * int((~frame["is_symmetric"]).sum())  # "1 of 2" both ways


@pytest.mark.gambit
@pytest.mark.parametrize("n", [2, 3])
def test_pure_equilibria_agree_with_pygambit(n):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    for seed in range(4):
        game = random_game(n, 10 + seed)
        for t in (-1.5, 0.25, 2):
            normal = game.to_normal_form(t=t)
            arrays = [np.asarray(normal.float_payoffs[i]) for i in range(n)]
            gambit = gbt.Game.from_arrays(*arrays)
            theirs = set()
            for eq in gbt.nash.enumpure_solve(gambit).equilibria:
                choices = [
                    int(np.argmax([float(eq[s]) for s in player.strategies]))
                    for player in gambit.players
                ]
                theirs.add((choices.count(0), choices.count(1)))
            frame = sweep(game, {"t": [t]}, progress=False)
            assert _sweep_counts(frame, game) == theirs


# ---------------------------------------------------------------------- regimes
@pytest.mark.parametrize(
    "game, name, interval",
    [
        (friend_shoring_commitment(), "sharing_cost", (0, 8)),
        (friend_shoring_commitment(num_partners=7, quorum=4), "institutionalisation", (0, 3)),
        (swing_states(num_states=6, alignment_cost=6), "security_premium", (0, 10)),
        (random_game(5, 4), "t", (-4, 4)),
    ],
)
def test_one_dimensional_regimes_are_the_intervals_between_thresholds(game, name, interval):
    found = regimes(game, {name: interval})
    values = [t.value for t in thresholds(game, name, domain=interval, fixed="defaults")]
    edges = [r.bounds[name] for r in found]
    assert [low for low, _ in edges] == [F(interval[0]), *values]
    assert [high for _, high in edges] == [*values, F(interval[1])]
    assert sum(r.area for r in found) == pytest.approx(1)
    # dense solving: one structure inside each regime, named as the regime
    grid = np.linspace(float(interval[0]), float(interval[1]), 157)[1:-1] + 1e-7
    frame = sweep(game, {name: grid}, progress=False)
    structures = structure_at(game, {name: grid})
    for regime in found:
        low, high = (float(v) for v in regime.bounds[name])
        inside = [k for k, x in enumerate(grid) if low + 1e-6 < x < high - 1e-6]
        assert inside
        assert len({structures[k] for k in inside}) == 1
        for k in inside[:: max(1, len(inside) // 4)]:
            assert found.regime_at(**{name: grid[k]}).equilibria == regime.equilibria
            rows = frame[frame[name] == grid[k]]
            assert len(rows) == regime.num_equilibria
            pure = {o for o in rows["profile"].astype(str) if "*" not in o}
            assert pure <= set(regime.equilibria)


def test_two_dimensional_regime_map_covers_the_rectangle():
    game = friend_shoring_commitment()
    found = regimes(
        game, {"sharing_cost": (0, 8), "institutionalisation": (0, 4)}, resolution=8, max_depth=2
    )
    assert sum(r.area for r in found) == pytest.approx(1)
    cells = found.cells
    widths = (cells["sharing_cost_high"] - cells["sharing_cost_low"]) * (
        cells["institutionalisation_high"] - cells["institutionalisation_low"]
    )
    assert widths.sum() == pytest.approx(8 * 4)
    labels = {" | ".join(r.equilibria) for r in found}
    assert "all honour" in labels and "all renege" in labels
    assert {b.label for b in found.boundaries} >= {
        "sharing_cost = institutionalisation",
        "sharing_cost = institutionalisation + 9/4",
    }
    for regime in found:
        assert found.regime_at(**regime.sample).equilibria == regime.equilibria


# ---------------------------------------------------------------------- sweeps
def _point_records(game: ParametricAnonymousGame, point: dict) -> list[tuple]:
    """Every equilibrium at a point from the AnonymousGame solvers: (share, kind, stability)."""
    fixed = game.at(**point)
    out = [
        (eq.counts[0] / game.num_players, "pure") for eq in solve_anonymous_pure(fixed, tol=1e-9)
    ]
    if game.num_strategies == 2:
        out += [
            (float(eq.probability), "mixed", eq.stability)
            for eq in solve_anonymous_symmetric(fixed, tol=1e-9)
            if 0 < float(eq.probability) < 1
        ]
    return sorted(out, key=lambda r: (-r[0], r[1]))


@pytest.mark.parametrize(
    "game, grid",
    [
        (
            friend_shoring_commitment(),
            {"sharing_cost": [0.5, 1, 2.25, 3, 7], "institutionalisation": [0, 0.75, 4]},
        ),
        (swing_states(num_states=30), {"security_premium": np.linspace(0, 6, 7)}),
        (random_game(6, 5), {"t": np.linspace(-4, 4, 9)}),
    ],
)
def test_sweep_equals_solving_point_by_point(game, grid):
    frame = sweep(game, grid, progress=False)
    names = game.parameter_names
    assert list(frame.columns) == [
        *names,
        "point",
        "equilibrium",
        *(f"{game.player_label}:{s}" for s in game.strategies),
        f"payoff:{game.player_label}",
        "stability",
        "is_pure",
        "is_symmetric",
        "profile",
        "outcome",
    ]
    assert frame.attrs["method"] == "auto"
    for _, rows in frame.groupby(list(names), sort=False):
        point = {n: float(rows[n].iloc[0]) for n in names}
        expected = _point_records(game, point)
        first = f"{game.player_label}:{game.strategies[0]}"
        got = [
            (r[first], "pure" if r["is_pure"] else "mixed")
            + (() if r["is_pure"] else (r["stability"],))
            for _, r in rows.iterrows()
        ]
        assert rows["equilibrium"].tolist() == list(range(len(rows)))
        assert len(got) == len(expected)
        for mine, theirs in zip(got, expected):
            assert mine[0] == pytest.approx(theirs[0], abs=1e-9)
            assert mine[1:] == theirs[1:]
        # shares sum to one; mean payoffs of pure rows from the payoff table
        shares = rows[[f"{game.player_label}:{s}" for s in game.strategies]].sum(axis=1)
        np.testing.assert_allclose(shares, 1)


def test_sweep_payoffs_and_labels():
    game = friend_shoring_commitment()
    frame = sweep(game, {"sharing_cost": [1.0]}, progress=False)
    assert frame["profile"].astype(str).tolist() == [
        "symmetric mix of honour and renege (stable)",
        "3 of 5 honour",
        "symmetric mix of honour and renege (unstable)",
        "all renege",
    ]
    # the shares are in their own columns
    assert frame["partner:honour"].round(3).tolist()[::2] == [0.789, 0.211]
    three = frame[frame["profile"] == "3 of 5 honour"].iloc[0]
    # three honourers earn V - c = 5, two free riders V = 6
    assert three["payoff:partner"] == pytest.approx((3 * 5 + 2 * 6) / 5)
    assert not three["is_symmetric"] and pd.isna(three["stability"])
    renege = frame[frame["profile"] == "all renege"].iloc[0]
    assert renege["is_symmetric"] and renege["stability"] == "stable"


@pytest.mark.slow
def test_process_backend_equals_serial():
    game = friend_shoring_commitment(num_partners=8, quorum=3)
    grid = {"sharing_cost": np.linspace(0, 7, 15), "institutionalisation": [0, 1, 2]}
    serial = sweep(game, grid, progress=False)
    parallel = sweep(game, grid, progress=False, backend="processes", workers=2, chunk_size=7)
    pd.testing.assert_frame_equal(serial, parallel)


def test_checkpoint_resume_gives_the_same_frame(tmp_path):
    game = swing_states(num_states=15)
    grid = {"security_premium": np.linspace(0, 6, 13), "alignment_cost": [0.5, 2]}
    whole = sweep(game, grid, progress=False)
    first = sweep(game, grid, progress=False, chunk_size=5, checkpoint=tmp_path / "ck")
    (tmp_path / "ck" / "chunk-000002.npz").unlink()  # as if interrupted
    resumed = sweep(game, grid, progress=False, chunk_size=5, checkpoint=tmp_path / "ck")
    pd.testing.assert_frame_equal(first, whole)
    pd.testing.assert_frame_equal(resumed, whole)


def test_sweep_to_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    game = friend_shoring_commitment()
    grid = {"sharing_cost": np.linspace(0, 7, 8)}
    path = sweep(game, grid, progress=False, chunk_size=3, out=tmp_path / "sweep.parquet")
    stored = pd.read_parquet(path)
    expected = sweep(game, grid, progress=False)
    assert stored["profile"].tolist() == expected["profile"].astype(str).tolist()
    np.testing.assert_allclose(stored["partner:honour"], expected["partner:honour"])


def test_three_strategy_games_are_swept_for_count_and_symmetric_equilibria():
    from deterrence.solvers.anonymous import solve_anonymous_mixtures

    game = random_game(4, 8, num_strategies=3)
    grid = {"t": np.linspace(-4, 4, 9)}
    frame = sweep(game, grid, progress=False)
    assert frame.attrs["method"] == "auto"
    assert sweep(game, grid, method="pure", progress=False)["is_pure"].all()
    for t in grid["t"]:
        rows = frame[(frame["t"] == t) & frame["is_pure"]]
        expected = [eq.counts for eq in solve_anonymous_pure(game.at(t=float(t)), tol=1e-9)]
        got = [
            tuple(int(round(x * 4)) for x in row)
            for row in rows[["member:s1", "member:s2", "member:s3"]].to_numpy()
        ]
        assert sorted(got) == sorted(expected)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            mixes = solve_anonymous_mixtures(game.at(t=F(float(t))))
        mixed = frame[(frame["t"] == t) & ~frame["is_pure"]]
        assert len(mixed) == sum(not eq.is_pure for eq in mixes)
    # regimes of three-strategy games see count and symmetric equilibria (payoffs not
    # affine in the counts: found by the scan, confirmed exactly)
    found = regimes(game, {"t": (0, 1)})
    assert found.method == "auto"
    assert [r.bounds["t"][1] for r in found][:-1] == [t.value for t in found.thresholds]
    assert F(1, 2) in [t.value for t in found.thresholds]


@pytest.mark.parametrize(
    "call",
    [
        lambda g: sweep(g, {"sharing_cost": [1.0]}, method="lemke_howson", progress=False),
        lambda g: regimes(g, {"sharing_cost": (0, 8)}, method="support"),
    ],
)
def test_bad_methods_name_the_choices(call):
    with pytest.raises(InvalidGameError, match=r"'auto' .*'pure'"):
        call(friend_shoring_commitment())
    with pytest.raises(InvalidGameError, match="method must be 'auto' or 'pure'"):
        thresholds(friend_shoring_commitment(), "sharing_cost", method="vertex")


def test_pure_method_on_two_strategies_drops_symmetric_mixtures():
    game = friend_shoring_commitment()
    frame = sweep(game, {"sharing_cost": [1.0]}, method="pure", progress=False)
    assert frame["is_pure"].all() and frame.attrs["method"] == "pure"
    assert frame["profile"].astype(str).tolist() == ["3 of 5 honour", "all renege"]
    [t] = thresholds(game, "sharing_cost", method="pure", fixed="defaults")
    assert t.value == 6 and "count equilibrium" in t.description


# ---------------------------------------------------------------------- degenerate points
def test_degenerate_point_gives_a_continuum_and_no_crash():
    game = ParametricAnonymousGame(4, {"act": "t*k", "wait": "0"}, [Parameter("t", domain=(-1, 1))])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the degenerate point is reported, not warned about
        frame = sweep(game, {"t": [-1, 0, 1]}, progress=False)
    at_zero = frame[frame["t"] == 0]
    assert "every symmetric mix (continuum)" in at_zero["profile"].astype(str).tolist()
    continuum = at_zero[at_zero["profile"] == "every symmetric mix (continuum)"].iloc[0]
    assert continuum["stability"] == "neutral" and not continuum["is_pure"]
    assert np.isnan(continuum["member:act"])
    assert len(at_zero) == 6  # every count profile is an equilibrium, plus the continuum
    [structure] = structure_at(game, {"t": [0.0]})
    assert ("continuum",) in structure
    [t] = thresholds(game, "t")
    assert t.value == 0


def test_payoff_difference_vanishing_everywhere_at_one_value():
    game = ParametricAnonymousGame(5, {"act": "t", "wait": "0"}, [Parameter("t", domain=(-1, 1))])
    [t] = thresholds(game, "t")
    assert t.value == 0 and t.above == ("all act",) and t.below == ("all wait",)
    assert "whatever the others do" in t.description
    frame = sweep(game, {"t": [0.0]}, progress=False)
    assert len(frame) == 7  # all six count profiles and the continuum


def test_regime_at_a_degenerate_point_names_the_continuum():
    game = ParametricAnonymousGame(4, {"act": "t*k", "wait": "0"}, [Parameter("t", domain=(-1, 1))])
    found = regimes(game, "t")
    assert [r.label for r in found] == ["1 of 4 act | all wait", "all act | all wait"]
    point = found.regime_at(t=0)
    assert point.area == 0 and point.equilibria[-1] == "every symmetric mix (continuum)"
    assert point.equilibria[:5] == ("all act", "3 of 4 act", "2 of 4 act", "1 of 4 act", "all wait")


# ---------------------------------------------------------------------- limitations
def _fifteen_player_game(terms: str) -> ParametricAnonymousGame:
    n = 15
    intercepts = [(7 * k) % 7 - 3 + (k % 4) for k in range(n)]
    rows = [
        f"({intercepts[k]}) + t*({k % 3 - 1}) + " + terms.format(c=(k * k) % 5 - 2)
        for k in range(n)
    ]
    return ParametricAnonymousGame(
        n, [rows, ["0"] * n], [Parameter("t", domain=(-5, 5)), Parameter("s", default=1)]
    )


def test_folds_outside_a_plane_with_free_parameters_are_located_at_the_defaults():
    # three independent count-dependent directions and 15 players: no symbolic folds
    game = _fifteen_player_game("s*({c})")
    with pytest.warns(RuntimeWarning, match=r"located at the reference values of \['s'\]"):
        free = thresholds(game, "t")
    fixed = thresholds(game, "t", fixed={"s": 1})
    s = game.parameter("s").symbol
    assert [float(t.expression.subs(s, 1)) for t in free] == pytest.approx(
        [float(t.value) for t in fixed]
    )


def test_folds_of_payoffs_not_affine_in_the_parameter_are_limited_to_small_games():
    game = _fifteen_player_game("t**2*({c})/8").substitute(s=1)
    with pytest.warns(RuntimeWarning, match="not affine in t.*best-reply switches only"):
        found = thresholds(game, "t")
    assert all(t.kind == "pure" for t in found)


def test_two_quorums_at_fifty_players_keep_all_four_symmetric_equilibria():
    # D_k = 3 [k in {32, 42}] - t: the gain function has two humps, so four interior
    # symmetric equilibria for small t > 0 (the float root cascade alone loses two of them)
    game = ParametricAnonymousGame(
        50,
        lambda s, c: (f"{3 if c[0] in (32, 42) else 0} - t") if s == 0 else "0",
        [Parameter("t", domain=(0, 1))],
        strategies=("h", "r"),
    )
    for t in (0.22, 0.25, 0.3):
        [structure] = structure_at(game, {"t": [t]})
        mixed = [item[2] for item in structure if item[0] == "symmetric"]
        assert mixed == ["unstable", "stable", "unstable", "stable"]
        exact = solve_anonymous_symmetric(game.at(t=F(t)), exact=True)
        frame = sweep(game, {"t": [t]}, progress=False)
        interior = sorted(float(eq.probability) for eq in exact if 0 < eq.probability < 1)
        assert sorted(frame.loc[~frame["is_pure"], "member:h"]) == pytest.approx(interior)


@pytest.mark.parametrize("n, quorums, t", [(300, (120, 200), 0.05), (1000, (400, 600), 0.01)])
def test_two_quorums_in_large_coalitions(n, quorums, t):
    # the solver's float cascade loses two roots at N = 300 and recurses too deep at 1000;
    # the analysis layer still finds the four interior symmetric equilibria
    game = ParametricAnonymousGame(
        n,
        lambda s, c: (f"{3 if c[0] in quorums else 0} - t") if s == 0 else "0",
        [Parameter("t", domain=(0, 1))],
        strategies=("h", "r"),
    )
    [structure] = structure_at(game, {"t": [t]})
    mixed = [item[2] for item in structure if item[0] == "symmetric"]
    assert mixed == ["unstable", "stable", "unstable", "stable"]
    gain = indifference_function(game.at(t=t))
    h = np.linspace(1e-6, 1 - 1e-6, 20_001)
    signs = np.sign(gain(h))
    assert int(np.count_nonzero(signs[1:] != signs[:-1])) == 4
