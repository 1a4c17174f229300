"""Game representations (no solving): normal form, parametric, extensive, Bayesian,
repeated and anonymous N-player games."""

from deterrence.games.normal_form import NormalFormGame
from deterrence.games.parametric import Parameter, ParametricGame

__all__ = ["NormalFormGame", "Parameter", "ParametricGame"]
