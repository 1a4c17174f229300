"""Helpers shared by the model tests."""

from __future__ import annotations

import warnings

import pytest

from deterrence import solve


def outcomes_of(game, **values):
    """The set of equilibrium outcome labels of a parametric game at a point (exact)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {eq.outcome for eq in solve(game.at(**values), exact=True)}


def pure_outcomes_of(game, **values):
    """The set of pure equilibrium outcome labels at a point (exact)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {eq.outcome for eq in solve(game.at(**values), exact=True) if eq.is_pure}


@pytest.fixture
def outcomes():
    return outcomes_of


@pytest.fixture
def pure_outcomes():
    return pure_outcomes_of


def profiles(rows):
    """The raw profile labels of sweep rows (``outcome`` holds the model's words)."""
    return rows["profile"]
