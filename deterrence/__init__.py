"""deterrence: game-theoretic deterrence analysis for supply-chain security.

Games (``deterrence.games``) are built by models (``deterrence.models``), solved by solvers
(``deterrence.solvers``) and analysed by comparative statics (``deterrence.analysis``).
"""

from deterrence.exceptions import (
    DegenerateGameWarning,
    DeterrenceError,
    InvalidGameError,
    InvalidProfileError,
    UnsupportedGameError,
)
from deterrence.games import NormalFormGame
from deterrence.solvers import (
    Equilibrium,
    EquilibriumResult,
    is_nash,
    iter_equilibria,
    max_regret,
    regret,
    solve,
)

__version__ = "0.1.0"

__all__ = [
    "DegenerateGameWarning",
    "DeterrenceError",
    "Equilibrium",
    "EquilibriumResult",
    "InvalidGameError",
    "InvalidProfileError",
    "NormalFormGame",
    "UnsupportedGameError",
    "__version__",
    "is_nash",
    "iter_equilibria",
    "max_regret",
    "regret",
    "solve",
]
