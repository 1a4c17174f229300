"""File formats and interoperability: Gambit ``.nfg``/``.efg``, TOML scenarios, nashpy/pandas.

Each format lives in its own module; the common entry points are re-exported here.
"""

from deterrence._lazy import attach

#: Public name -> module defining it (imported on first use; see :mod:`deterrence._lazy`).
_EXPORTS = {
    "from_axelrod": "axelrod",
    "play_axelrod_match": "axelrod",
    "to_axelrod": "axelrod",
    "dumps_efg": "gambit",
    "dumps_nfg": "gambit",
    "loads_efg": "gambit",
    "loads_nfg": "gambit",
    "read_efg": "gambit",
    "read_gambit": "gambit",
    "read_nfg": "gambit",
    "write_efg": "gambit",
    "write_nfg": "gambit",
    "from_nashpy": "interop",
    "game_from_frame": "interop",
    "game_to_frame": "interop",
    "to_nashpy": "interop",
    "Scenario": "scenario",
    "ScenarioError": "scenario",
    "load_scenario": "scenario",
    "save_scenario": "scenario",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
