"""File formats and interoperability: Gambit ``.nfg``/``.efg``, TOML scenarios, nashpy/pandas.

Each format lives in its own module; the common entry points are re-exported here.
"""

from deterrence.io.axelrod import from_axelrod, play_axelrod_match, to_axelrod
from deterrence.io.gambit import (
    dumps_efg,
    dumps_nfg,
    loads_efg,
    loads_nfg,
    read_efg,
    read_gambit,
    read_nfg,
    write_efg,
    write_nfg,
)
from deterrence.io.interop import from_nashpy, game_from_frame, game_to_frame, to_nashpy
from deterrence.io.scenario import Scenario, ScenarioError, load_scenario, save_scenario

__all__ = [
    "from_axelrod",
    "play_axelrod_match",
    "to_axelrod",
    "dumps_efg",
    "dumps_nfg",
    "loads_efg",
    "loads_nfg",
    "read_efg",
    "read_gambit",
    "read_nfg",
    "write_efg",
    "write_nfg",
    "from_nashpy",
    "game_from_frame",
    "game_to_frame",
    "to_nashpy",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "save_scenario",
]
