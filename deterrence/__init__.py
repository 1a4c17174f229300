"""deterrence: game-theoretic deterrence analysis for supply-chain security.

Data flows one way: games (:mod:`deterrence.games`) are built by the scenario models
(:mod:`deterrence.models`), solved by the solvers (:mod:`deterrence.solvers`) and analysed by
comparative statics (:mod:`deterrence.analysis`); :mod:`deterrence.io`,
:mod:`deterrence.plotting` and the ``deterrence`` command sit on top. The names below are the
everyday API; every subpackage exports more.

Names are imported on first use (PEP 562), so ``import deterrence`` is quick and sympy,
pandas, scipy and numba load only for the features that need them. To export a name, add one
line ``"name": "subpackage.module"`` to the table below.

Examples
--------
>>> import deterrence as dt
>>> game = dt.get_model("denial").build()
>>> [t.parameter for t in dt.thresholds(game, "credibility")][:1]
['credibility']
"""

from deterrence._lazy import attach
from deterrence.version import __version__

#: Public name -> the module (relative to this package) that defines it; the public API in
#: one screen, in ``__all__`` order.
_EXPORTS = {
    # games
    "NormalFormGame": "games.normal_form",
    "Outcomes": "games.outcomes",
    "Parameter": "games.parametric",
    "ParametricGame": "games.parametric",
    "ExtensiveFormGame": "games.extensive",
    "decision": "games.extensive",
    "chance": "games.extensive",
    "terminal": "games.extensive",
    "BayesianGame": "games.bayesian",
    "SignallingGame": "games.bayesian",
    "ParametricSignallingGame": "games.parametric_signalling",
    "RepeatedGame": "games.repeated",
    "prisoners_dilemma": "games.repeated",
    "AnonymousGame": "games.anonymous",
    "ParametricAnonymousGame": "games.parametric_anonymous",
    # solvers
    "solve": "solvers.api",
    "iter_equilibria": "solvers.api",
    "Equilibrium": "solvers.result",
    "EquilibriumResult": "solvers.result",
    "regret": "solvers.verify",
    "max_regret": "solvers.verify",
    "is_nash": "solvers.verify",
    "solve_vertex_enumeration": "solvers.vertex_enumeration",
    "solve_support_enumeration": "solvers.support_enumeration",
    "solve_lemke_howson": "solvers.lemke_howson",
    "solve_subgame_perfect": "solvers.subgame_perfect",
    "solve_bayesian": "solvers.bayesian",
    "solve_signalling": "solvers.signalling",
    "solve_anonymous_pure": "solvers.anonymous",
    "solve_anonymous_symmetric": "solvers.anonymous",
    "correlated_equilibrium": "solvers.correlated",
    "logit_qre": "solvers.qre",
    "critical_discount": "solvers.repeated",
    "replicator_dynamics": "solvers.evolutionary",
    # analysis
    "thresholds": "analysis.thresholds",
    "Threshold": "analysis.thresholds",
    "regimes": "analysis.regimes",
    "RegimeMap": "analysis.regimes",
    "track": "analysis.tracking",
    "sweep": "analysis.sweep",
    "credibility": "analysis.credibility",
    # io
    "load_scenario": "io.scenario",
    "save_scenario": "io.scenario",
    "Scenario": "io.scenario",
    "read_nfg": "io.gambit",
    "write_nfg": "io.gambit",
    "read_efg": "io.gambit",
    "write_efg": "io.gambit",
    # models
    "catalog": "models",
    "get_model": "models",
    "Model": "models._registry",
    # one analysis in words (interface layer)
    "analyze": "report",
    "AnalysisReport": "report",
    "robustness": "uncertainty",
    "RobustnessResult": "analysis.robustness",
    # exceptions
    "DeterrenceError": "exceptions",
    "InvalidGameError": "exceptions",
    "InvalidProfileError": "exceptions",
    "UnsupportedGameError": "exceptions",
    "SolverError": "exceptions",
    "MissingDependencyError": "exceptions",
    "DegenerateGameWarning": "exceptions",
    "CompilationWarning": "exceptions",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
__all__ += ["__version__"]
