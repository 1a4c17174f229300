"""Game representations (no solving): normal form, parametric, extensive, Bayesian,
repeated and anonymous N-player games."""

from deterrence.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
