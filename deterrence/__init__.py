"""deterrence: game-theoretic deterrence analysis for supply-chain security.

Data flows one way: games (:mod:`deterrence.games`) are built by the scenario models
(:mod:`deterrence.models`), solved by the solvers (:mod:`deterrence.solvers`) and analysed by
comparative statics (:mod:`deterrence.analysis`); :mod:`deterrence.io`,
:mod:`deterrence.plotting` and the ``deterrence`` command sit on top. The names below are the
everyday API; every subpackage exports more.

Examples
--------
>>> import deterrence as dt
>>> game = dt.get_model("denial").build()
>>> [t.parameter for t in dt.thresholds(game, "credibility")][:1]
['credibility']
"""

from deterrence.analysis import (
    RegimeMap,
    Threshold,
    credibility,
    regimes,
    sweep,
    thresholds,
    track,
)
from deterrence.exceptions import (
    DegenerateGameWarning,
    DeterrenceError,
    InvalidGameError,
    InvalidProfileError,
    MissingDependencyError,
    SolverError,
    UnsupportedGameError,
)
from deterrence.games import (
    AnonymousGame,
    BayesianGame,
    ExtensiveFormGame,
    NormalFormGame,
    Parameter,
    ParametricAnonymousGame,
    ParametricGame,
    RepeatedGame,
    SignallingGame,
    chance,
    decision,
    prisoners_dilemma,
    terminal,
)
from deterrence.io import (
    Scenario,
    load_scenario,
    read_efg,
    read_nfg,
    save_scenario,
    write_efg,
    write_nfg,
)
from deterrence.models import Model, catalog, get_model
from deterrence.solvers import (
    Equilibrium,
    EquilibriumResult,
    correlated_equilibrium,
    critical_discount,
    is_nash,
    iter_equilibria,
    logit_qre,
    max_regret,
    regret,
    replicator_dynamics,
    solve,
    solve_anonymous_pure,
    solve_anonymous_symmetric,
    solve_bayesian,
    solve_lemke_howson,
    solve_signalling,
    solve_subgame_perfect,
    solve_support_enumeration,
    solve_vertex_enumeration,
)

__version__ = "0.1.0"

__all__ = [
    # games
    "NormalFormGame",
    "Parameter",
    "ParametricGame",
    "ExtensiveFormGame",
    "decision",
    "chance",
    "terminal",
    "BayesianGame",
    "SignallingGame",
    "RepeatedGame",
    "prisoners_dilemma",
    "AnonymousGame",
    "ParametricAnonymousGame",
    # solvers
    "solve",
    "iter_equilibria",
    "Equilibrium",
    "EquilibriumResult",
    "regret",
    "max_regret",
    "is_nash",
    "solve_vertex_enumeration",
    "solve_support_enumeration",
    "solve_lemke_howson",
    "solve_subgame_perfect",
    "solve_bayesian",
    "solve_signalling",
    "solve_anonymous_pure",
    "solve_anonymous_symmetric",
    "correlated_equilibrium",
    "logit_qre",
    "critical_discount",
    "replicator_dynamics",
    # analysis
    "thresholds",
    "Threshold",
    "regimes",
    "RegimeMap",
    "track",
    "sweep",
    "credibility",
    # io
    "load_scenario",
    "save_scenario",
    "Scenario",
    "read_nfg",
    "write_nfg",
    "read_efg",
    "write_efg",
    # models
    "catalog",
    "get_model",
    "Model",
    # exceptions
    "DeterrenceError",
    "InvalidGameError",
    "InvalidProfileError",
    "UnsupportedGameError",
    "SolverError",
    "MissingDependencyError",
    "DegenerateGameWarning",
    "__version__",
]
