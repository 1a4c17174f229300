"""Game representations (no solving): normal form, parametric, extensive, Bayesian,
signalling (fixed or parametric), repeated and anonymous N-player games."""

from deterrence._lazy import attach

#: Public name -> module defining it (imported on first use; see :mod:`deterrence._lazy`).
_EXPORTS = {
    "AnonymousGame": "anonymous",
    "ParametricAnonymousGame": "parametric_anonymous",
    "AllianceGame": "anonymous_families",
    "alliance_burden_sharing": "anonymous_families",
    "minimum_effort": "anonymous_families",
    "threshold_public_good": "anonymous_families",
    "volunteers_dilemma": "anonymous_families",
    "BayesianGame": "bayesian",
    "SignallingGame": "bayesian",
    "ParametricSignallingGame": "parametric_signalling",
    "independent_prior": "bayesian",
    "ExtensiveFormGame": "extensive",
    "chance": "extensive",
    "decision": "extensive",
    "terminal": "extensive",
    "ALLC": "automata",
    "ALLD": "automata",
    "GRIM": "automata",
    "GTFT": "automata",
    "RANDOM": "automata",
    "TF2T": "automata",
    "TFT": "automata",
    "WSLS": "automata",
    "Automaton": "automata",
    "memory_n": "automata",
    "memory_one": "automata",
    "PrisonersDilemmaPayoffs": "repeated",
    "RepeatedGame": "repeated",
    "prisoners_dilemma": "repeated",
    "prisoners_dilemma_payoffs": "repeated",
    "ClubGame": "club",
    "CharacteristicFunctionGame": "cooperative",
    "CoalitionalGame": "cooperative",
    "WeightedQuotaGame": "cooperative",
    "PolymatrixGame": "polymatrix",
    "NormalFormGame": "normal_form",
    "Outcomes": "outcomes",
    "Parameter": "parametric",
    "ParametricGame": "parametric",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
