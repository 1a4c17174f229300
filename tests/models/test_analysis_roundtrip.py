"""Every parametric model goes through thresholds, regimes and sweep without special cases.

Trees go through their reduced normal form (``to_normal_form()``), pending direct support for
``ExtensiveFormGame`` in the analysis layer. Anonymous models (friend_shoring, swing_states)
are ``ParametricAnonymousGame`` objects, which the analysis layer takes directly; their
structural parameters (sizes) are fixed when the game is built and are not analysed.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from deterrence import solve
from deterrence.analysis import regimes, sweep, thresholds
from deterrence.games.extensive import ExtensiveFormGame
from deterrence.games.parametric import ParametricGame
from deterrence.models import get_model
from deterrence.models._registry import REGISTRY
from tests.models.conftest import profiles

PARAMETRIC = sorted(
    name
    for name, model in REGISTRY.items()
    if model.kind in ("normal form", "extensive form", "network")  # network: its strategic form
)
ANONYMOUS = sorted(name for name, model in REGISTRY.items() if model.kind == "anonymous")
SIGNALLING = sorted(name for name, model in REGISTRY.items() if model.kind == "signalling")


def test_every_model_is_covered():
    assert set(PARAMETRIC) | set(ANONYMOUS) | set(SIGNALLING) == set(REGISTRY)


@pytest.mark.parametrize("name", SIGNALLING)
def test_signalling_models_go_through_thresholds_regimes_and_sweep(name):
    from deterrence.solvers.signalling import solve_signalling

    model = get_model(name)
    game = model.build()
    key = model.key_parameter
    fixed = {k: v for k, v in model.defaults.items() if k != key}
    low, high = model.key_range
    found = thresholds(game, key, fixed=fixed, domain=(low, high))
    regime_map = regimes(game, {key: (low, high)}, fixed=fixed)
    edges = {end for r in regime_map.regimes for end in r.bounds[key]}
    assert edges == {t.value for t in found} | {low, high}
    points = [low + (high - low) * F(k, 8) for k in range(9)]
    frame = sweep(game, {key: [float(p) for p in points]}, progress=False)
    for point in points:
        expected = {e.kind for e in solve_signalling(game.at(**{key: point}))}
        rows = frame[np.isclose(frame[key], float(point))]
        assert set(rows["kind"]) == expected


def parametric_game(name):
    game = get_model(name).build()
    if isinstance(game, ExtensiveFormGame):
        game = game.to_normal_form()
    assert isinstance(game, ParametricGame)
    return game


@pytest.mark.parametrize("name", PARAMETRIC)
def test_thresholds_regimes_and_sweep_agree(name):
    model = get_model(name)
    game = parametric_game(name)
    key = model.key_parameter
    fixed = {k: v for k, v in model.defaults.items() if k != key}
    low, high = model.key_range
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = thresholds(game, key, fixed=fixed, domain=(low, high))
        regime_map = regimes(game, {key: (low, high)}, fixed=fixed)
        points = [low + (high - low) * F(k, 8) for k in range(9)]
        frame = sweep(game, {key: [float(p) for p in points]}, progress=False)
    values = sorted(t.value for t in found)
    assert all(low <= v <= high for v in values)
    # the regimes are separated exactly by the thresholds
    edges = {end for r in regime_map.regimes for end in r.bounds[key]}
    assert edges == set(values) | {low, high}
    # the sweep finds the same pure equilibria as solving point by point
    for point in points:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            method = "auto" if game.num_players == 2 else "pure"  # as sweep's "auto"
            expected = {
                eq.outcome
                for eq in solve(game.at(**{key: point}), exact=True, method=method)
                if eq.is_pure
            }
        rows = frame[np.isclose(frame[key], float(point))]
        assert {o for o, pure in zip(profiles(rows), rows["is_pure"]) if pure} == expected
    # and the figures draw
    import matplotlib.pyplot as plt

    from deterrence.plotting import (
        plot_best_responses,
        plot_equilibrium_probabilities,
        plot_regimes,
    )

    figure, axes = plt.subplots(1, 3)
    try:
        plot_regimes(regime_map, ax=axes[0])
        plot_equilibrium_probabilities(frame, 0, 0, parameter=key, ax=axes[1])
        if game.num_strategies == (2, 2):
            plot_best_responses(game, ax=axes[2])
    finally:
        plt.close(figure)


def test_two_parameter_regime_map_of_denial():
    import matplotlib.pyplot as plt

    from deterrence.plotting import plot_regimes

    game = get_model("denial").build()
    regime_map = regimes(
        game, {"credibility": (0, 1), "information_sharing": (0, 1)}, resolution=8, max_depth=2
    )
    labels = {r.label for r in regime_map.regimes}  # in the model's words
    assert {"coerced, coalition shares", "coercion deterred"} <= labels
    figure, axes = plt.subplots()
    try:
        plot_regimes(regime_map, ax=axes)
    finally:
        plt.close(figure)


@pytest.mark.parametrize("name", ANONYMOUS)
def test_anonymous_models_go_through_thresholds_regimes_and_sweep(name):
    from deterrence.solvers.anonymous import solve_anonymous, solve_anonymous_pure

    model = get_model(name)
    game = model.build()
    key = model.key_parameter
    fixed = {k: v for k, v in model.defaults.items() if k != key and k not in model.structural}
    low, high = model.key_range
    found = thresholds(game, key, fixed=fixed, domain=(low, high))
    assert found, "the key parameter of an anonymous model moves its equilibria"
    regime_map = regimes(game, {key: (low, high)}, fixed=fixed)
    points = [low + (high - low) * F(k, 8) for k in range(9)]
    frame = sweep(game, {key: [float(p) for p in points]}, progress=False)
    values = sorted(t.value for t in found)
    assert all(low < v < high for v in values)
    edges = {end for r in regime_map.regimes for end in r.bounds[key]}
    assert edges == set(values) | {low, high}
    first = f"{game.player_label}:{game.strategies[0]}"
    n = game.num_players
    for point in points:
        concrete = game.at(**{key: point})
        counts = {eq.counts[0] for eq in solve_anonymous_pure(concrete)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            interior = sorted(  # symmetric mixes, of two strategies or more
                float(eq.probabilities[0]) for eq in solve_anonymous(concrete) if not eq.is_pure
            )
        rows = frame[np.isclose(frame[key], float(point))]
        pure = rows[rows["is_pure"]]
        assert {round(share * n) for share in pure[first]} == counts
        mixed = rows[~rows["is_pure"]]
        assert np.allclose(sorted(mixed[first]), interior)
    # the regime of each sampled point lists exactly the equilibria found there
    for regime in regime_map.regimes:
        assert regime_map.regime_at(**regime.sample).outcomes == regime.outcomes
    import matplotlib.pyplot as plt

    from deterrence.plotting import plot_equilibrium_probabilities, plot_regimes

    figure, axes = plt.subplots(1, 2)
    try:
        plot_regimes(regime_map, ax=axes[0])
        plot_equilibrium_probabilities(frame, 0, 0, parameter=key, ax=axes[1])
    finally:
        plt.close(figure)


def test_institutionalising_friend_shoring_makes_honouring_an_equilibrium_exactly_at_cost():
    """The friend-shoring key result three ways: formula, thresholds(), sweep."""
    model = get_model("friend_shoring")
    game = model.build()
    cost = model.defaults["sharing_cost"]
    (threshold,) = thresholds(game, "institutionalisation", fixed="defaults", domain=(0, 4))
    assert threshold.value == cost  # the formula: honouring is dominant iff penalty >= cost
    assert threshold.above == ("all honour",)
    frame = sweep(
        game, {"institutionalisation": [float(cost) - 0.5, float(cost) + 0.5]}, progress=False
    )
    below, above = (
        frame[frame["institutionalisation"] == v]
        for v in sorted(set(frame["institutionalisation"]))
    )
    assert "all honour" not in set(profiles(below))
    assert list(profiles(above)) == ["all honour"]
    assert list(above["outcome"]) == ["commitment holds: every partner honours"]
