"""Solution concepts: the unit of analysis of :mod:`deterrence.analysis`.

Every analysis function takes ``concept=`` (default ``"auto"``: the game's own concept) and is
written once against :class:`SolutionConcept` (see :mod:`deterrence.analysis.concepts.base`).

=====================  ===========================================  ==========================
name (aliases)         equilibria                                   ``"auto"`` for
=====================  ===========================================  ==========================
``nash``               Nash equilibria of the strategic form        NormalFormGame,
                                                                    ParametricGame
``subgame_perfect``    subgame-perfect equilibria (credible          ExtensiveFormGame
(``spe``)              threats only)
``bayesian_nash``      Bayesian Nash equilibria (ex-ante form)      BayesianGame
(``bne``)
``perfect_bayesian``   perfect Bayesian equilibria (beliefs)        SignallingGame,
(``pbe``)                                                           ParametricSignallingGame
``anonymous``          count and symmetric equilibria               AnonymousGame,
                                                                    ParametricAnonymousGame
=====================  ===========================================  ==========================

A new concept subclasses :class:`SolutionConcept`, implements its four operations (solve at
a batch of points, the structure at a point, candidate change points, the words for a
change) and is registered with :func:`register_concept`; a new game kind declares its
concept as the class attribute ``solution_concept``. Neither touches the analysis functions.

Examples
--------
>>> import deterrence as dt
>>> get_concept(dt.get_model("punishment").build()).name
'subgame_perfect'
>>> get_concept(dt.get_model("denial").build()).title
'Nash equilibria'
"""

from deterrence.analysis.concepts.anonymous import AnonymousConcept
from deterrence.analysis.concepts.base import (
    Change,
    SolutionConcept,
    concept_names,
    fixed_values,
    get_concept,
    register_concept,
    unregister_concept,
)
from deterrence.analysis.concepts.bayesian import BayesianNashConcept, PerfectBayesianConcept
from deterrence.analysis.concepts.nash import NashConcept
from deterrence.analysis.concepts.subgame_perfect import SubgamePerfectConcept

__all__ = [
    "SolutionConcept",
    "Change",
    "register_concept",
    "unregister_concept",
    "get_concept",
    "concept_names",
    "fixed_values",
    "NashConcept",
    "SubgamePerfectConcept",
    "BayesianNashConcept",
    "PerfectBayesianConcept",
    "AnonymousConcept",
]

register_concept(NashConcept())
register_concept(SubgamePerfectConcept())
register_concept(BayesianNashConcept())
register_concept(PerfectBayesianConcept())
register_concept(AnonymousConcept())
