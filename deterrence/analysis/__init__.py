"""Comparative statics: sweeps, symbolic thresholds, regimes, equilibrium tracking, backends."""

from deterrence.analysis.credibility import CredibilityReport, credibility
from deterrence.analysis.regimes import Boundary, Regime, RegimeMap, regimes
from deterrence.analysis.robustness import RobustnessResult, ScenarioBox, robustness
from deterrence.analysis.sweep import grid_points, solve_points, sweep
from deterrence.analysis.thresholds import Threshold, structure_at, thresholds
from deterrence.analysis.tournament import (
    MatchResult,
    discounted_payoffs,
    long_run_outcomes,
    long_run_payoffs,
    round_robin,
    simulate_match,
    simulate_matches,
    strategy_game,
)
from deterrence.analysis.tracking import Branch, BranchEvent, Tracking, track

__all__ = [
    "Branch",
    "BranchEvent",
    "Threshold",
    "structure_at",
    "thresholds",
    "Tracking",
    "track",
    "Boundary",
    "Regime",
    "RegimeMap",
    "regimes",
    "CredibilityReport",
    "credibility",
    "grid_points",
    "solve_points",
    "sweep",
    "RobustnessResult",
    "ScenarioBox",
    "robustness",
    "MatchResult",
    "discounted_payoffs",
    "long_run_outcomes",
    "long_run_payoffs",
    "round_robin",
    "simulate_match",
    "simulate_matches",
    "strategy_game",
]
