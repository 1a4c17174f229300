"""Equilibrium solvers: pure functions ``solve_<method>(game, *, ...) -> EquilibriumResult``."""

from deterrence.solvers.anonymous import (
    AllianceEquilibrium,
    AnonymousResult,
    CountEquilibrium,
    SymmetricEquilibrium,
    indifference_function,
    replicator_stability,
    solve_anonymous_pure,
    solve_anonymous_symmetric,
    solve_burden_sharing,
)
from deterrence.solvers.api import METHODS, iter_equilibria, solve
from deterrence.solvers.bayesian import BayesianEquilibrium, BayesianResult, solve_bayesian
from deterrence.solvers.correlated import CorrelatedEquilibrium, correlated_equilibrium
from deterrence.solvers.evolutionary import (
    ReplicatorTrajectory,
    RestPoint,
    discrete_replicator_dynamics,
    fixation_probability,
    replicator_dynamics,
    replicator_rest_points,
    simulate_fixation,
)
from deterrence.solvers.lemke_howson import solve_lemke_howson
from deterrence.solvers.nashpy_backend import solve_nashpy
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.qre import LogitBranch, LogitPoint, logit_branch, logit_qre, solve_logit
from deterrence.solvers.repeated import (
    PayoffPolygon,
    critical_discount,
    feasible_payoffs,
    generous_tit_for_tat_generosity,
    grim_trigger_threshold,
    imperfect_monitoring_game,
    imperfect_monitoring_threshold,
    individually_rational_payoffs,
    is_sustainable,
    minmax_values,
    tit_for_tat_threshold,
    win_stay_lose_shift_threshold,
)
from deterrence.solvers.result import Equilibrium, EquilibriumResult
from deterrence.solvers.signalling import (
    PerfectBayesianEquilibrium,
    SignallingResult,
    solve_signalling,
)
from deterrence.solvers.subgame_perfect import (
    SubgamePerfectEquilibrium,
    SubgamePerfectResult,
    backward_induction_values,
    iter_subgame_perfect,
    solve_subgame_perfect,
)
from deterrence.solvers.support_enumeration import solve_support_enumeration
from deterrence.solvers.verify import is_nash, max_regret, regret
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration

__all__ = [
    "AllianceEquilibrium",
    "AnonymousResult",
    "CountEquilibrium",
    "SymmetricEquilibrium",
    "indifference_function",
    "replicator_stability",
    "solve_anonymous_pure",
    "solve_anonymous_symmetric",
    "solve_burden_sharing",
    "CorrelatedEquilibrium",
    "correlated_equilibrium",
    "LogitBranch",
    "LogitPoint",
    "logit_branch",
    "logit_qre",
    "solve_logit",
    "solve_polynomial_enumeration",
    "BayesianEquilibrium",
    "BayesianResult",
    "solve_bayesian",
    "PerfectBayesianEquilibrium",
    "SignallingResult",
    "solve_signalling",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectResult",
    "backward_induction_values",
    "iter_subgame_perfect",
    "solve_subgame_perfect",
    "PayoffPolygon",
    "ReplicatorTrajectory",
    "RestPoint",
    "critical_discount",
    "discrete_replicator_dynamics",
    "feasible_payoffs",
    "fixation_probability",
    "generous_tit_for_tat_generosity",
    "grim_trigger_threshold",
    "imperfect_monitoring_game",
    "imperfect_monitoring_threshold",
    "individually_rational_payoffs",
    "is_sustainable",
    "minmax_values",
    "replicator_dynamics",
    "replicator_rest_points",
    "simulate_fixation",
    "tit_for_tat_threshold",
    "win_stay_lose_shift_threshold",
    "METHODS",
    "Equilibrium",
    "EquilibriumResult",
    "is_nash",
    "iter_equilibria",
    "max_regret",
    "regret",
    "solve",
    "solve_lemke_howson",
    "solve_nashpy",
    "solve_pure",
    "solve_support_enumeration",
    "solve_vertex_enumeration",
]
