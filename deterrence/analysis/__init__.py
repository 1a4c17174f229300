"""Comparative statics: sweeps, symbolic thresholds, regimes, equilibrium tracking, backends."""

from deterrence.analysis.credibility import CredibilityReport, CredibilityThreshold, credibility
from deterrence.analysis.sweep import grid_points, solve_points, sweep

__all__ = [
    "CredibilityReport",
    "CredibilityThreshold",
    "credibility",
    "grid_points", "solve_points", "sweep"]
