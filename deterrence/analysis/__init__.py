"""Comparative statics: sweeps, symbolic thresholds, regimes, equilibrium tracking, backends.

Names are imported on first use (PEP 562), so ``deterrence.analysis.sweep`` does not import
the tournament or robustness modules; to export a name, add one line to the table below.
"""

from typing import TYPE_CHECKING

from deterrence._lazy import attach

if TYPE_CHECKING:  # for type checkers, which would take these names for the submodules
    from deterrence.analysis.credibility import credibility as credibility
    from deterrence.analysis.regimes import regimes as regimes
    from deterrence.analysis.robustness import robustness as robustness
    from deterrence.analysis.sweep import sweep as sweep
    from deterrence.analysis.thresholds import thresholds as thresholds

#: Public name -> the module (relative to this package) that defines it, in ``__all__`` order.
_EXPORTS = {
    "Branch": "tracking",
    "BranchEvent": "tracking",
    "Threshold": "thresholds",
    "structure_at": "thresholds",
    "thresholds": "thresholds",
    "Tracking": "tracking",
    "track": "tracking",
    "Boundary": "regimes",
    "Regime": "regimes",
    "RegimeMap": "regimes",
    "regimes": "regimes",
    "CredibilityReport": "credibility",
    "credibility": "credibility",
    "grid_points": "sweep",
    "solve_points": "sweep",
    "sweep": "sweep",
    "RobustnessResult": "robustness",
    "ScenarioBox": "robustness",
    "robustness": "robustness",
    "MatchResult": "tournament",
    "discounted_payoffs": "tournament",
    "long_run_outcomes": "tournament",
    "long_run_payoffs": "tournament",
    "round_robin": "tournament",
    "simulate_match": "tournament",
    "simulate_matches": "tournament",
    "strategy_game": "tournament",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
