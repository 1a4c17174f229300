"""Shared fixtures and hypothesis settings for the test suite."""

from __future__ import annotations

import os

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def prisoners_dilemma():
    from deterrence import NormalFormGame

    return NormalFormGame.from_matrices(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("bloc A", "bloc B"),
        strategies=(("open", "friend-shore"), ("open", "friend-shore")),
    )
