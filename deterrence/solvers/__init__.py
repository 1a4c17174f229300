"""Equilibrium solvers: pure functions ``solve_<method>(game, *, ...) -> EquilibriumResult``."""

from deterrence.solvers.api import METHODS, iter_equilibria, solve
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.result import Equilibrium, EquilibriumResult
from deterrence.solvers.verify import is_nash, max_regret, regret
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration

__all__ = [
    "METHODS",
    "Equilibrium",
    "EquilibriumResult",
    "is_nash",
    "iter_equilibria",
    "max_regret",
    "regret",
    "solve",
    "solve_pure",
    "solve_vertex_enumeration",
]
