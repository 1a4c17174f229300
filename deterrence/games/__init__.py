"""Game representations (no solving): normal form, parametric, extensive, Bayesian,
repeated and anonymous N-player games."""

from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import (
    AllianceGame,
    alliance_burden_sharing,
    minimum_effort,
    threshold_public_good,
    volunteers_dilemma,
)
from deterrence.games.automata import (
    ALLC,
    ALLD,
    GRIM,
    GTFT,
    RANDOM,
    TF2T,
    TFT,
    WSLS,
    Automaton,
    memory_n,
    memory_one,
)
from deterrence.games.bayesian import BayesianGame, SignallingGame, independent_prior
from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.games.parametric_anonymous import ParametricAnonymousGame
from deterrence.games.repeated import (
    PrisonersDilemmaPayoffs,
    RepeatedGame,
    prisoners_dilemma,
    prisoners_dilemma_payoffs,
)

__all__ = [
    "AnonymousGame",
    "ParametricAnonymousGame",
    "AllianceGame",
    "alliance_burden_sharing",
    "minimum_effort",
    "threshold_public_good",
    "volunteers_dilemma",
    "BayesianGame",
    "SignallingGame",
    "independent_prior",
    "ExtensiveFormGame",
    "chance",
    "decision",
    "terminal",
    "ALLC",
    "ALLD",
    "GRIM",
    "GTFT",
    "RANDOM",
    "TF2T",
    "TFT",
    "WSLS",
    "Automaton",
    "memory_n",
    "memory_one",
    "PrisonersDilemmaPayoffs",
    "RepeatedGame",
    "prisoners_dilemma",
    "prisoners_dilemma_payoffs",
    "NormalFormGame",
    "Parameter",
    "ParametricGame",
]
