"""Characteristic functions derived from models (issue 16): CPU time of the exact alpha
function of strategic forms, and of the declared damage-denial games.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_coalitions_characteristic.py

Sections (median CPU time, ``time.process_time``, over repeats; results as Markdown):

1. ``characteristic_function`` on registered models' strategic forms and random integer
   games, against the same :math:`2^n - 2` coalition matrices solved in floats by nashpy's
   ``linear_program`` (its zero-sum LP; no exactness, no certificate): the ratio is the
   price of exact, certified values.
2. The declared damage-denial games (``minerals_denial_game``, ``damage_denial_game`` on the
   built-in magnet network) and the "Indispensability" section of a report
   (``coalition_summary``).
"""

from __future__ import annotations

import math
import time

import numpy as np
from _timing import median_time  # noqa: E402 (benchmarks/ is on the path)

from deterrence.games.normal_form import NormalFormGame
from deterrence.models import get_model
from deterrence.models.critical_minerals import minerals_denial_game
from deterrence.models.supply_network import damage_denial_game, example_supply_network
from deterrence.solvers.characteristic import characteristic_function
from deterrence.solvers.cooperative import coalition_summary


def _random_game(players: int, strategies: int, seed: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    shape = (players, *(strategies,) * players)
    return NormalFormGame(rng.integers(-9, 10, size=shape).astype(object))


def _nashpy_values(game: NormalFormGame) -> list[float]:
    """Every proper coalition's value in floats by nashpy's zero-sum LP."""
    import nashpy

    n = game.num_players
    payoffs = game.float_payoffs
    shape = game.num_strategies
    values = []
    for mask in range(1, (1 << n) - 1):
        inside = [i for i in range(n) if mask >> i & 1]
        outside = [i for i in range(n) if not mask >> i & 1]
        total = sum(payoffs[i] for i in inside)
        matrix = np.transpose(total, inside + outside).reshape(
            math.prod(shape[i] for i in inside), -1
        )
        row, _ = nashpy.Game(matrix).linear_program()
        values.append(float(min(row @ matrix)))
    return values


def main() -> None:
    characteristic_function(get_model("critical_minerals").build().at())  # imports
    cases = [
        ("prisoners_dilemma (2 x 2)", get_model("prisoners_dilemma").build().at()),
        ("critical_minerals (3 players x 2)", get_model("critical_minerals").build().at()),
        ("friend_shoring (5 members x 2)", get_model("friend_shoring").build().at()),
        ("two_tier_supply_network (7 x 2)", get_model("two_tier_supply_network").build().at()),
        ("random 4 players x 3 strategies", _random_game(4, 3, 0)),
        ("random 8 players x 2 strategies", _random_game(8, 2, 1)),
    ]
    print("| game | profiles | coalitions | exact alpha (s CPU) | nashpy floats (s CPU) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, game in cases:
        strategic = game.to_normal_form() if hasattr(game, "to_normal_form") else game
        repeats = 3
        ours, worths = median_time(
            lambda g=strategic: characteristic_function(g), repeats, time.process_time
        )
        peer, floats = median_time(
            lambda g=strategic: _nashpy_values(g), repeats, time.process_time
        )
        exact = [float(v) for v in worths.exact_values[1:-1]]
        assert np.allclose(exact, floats, atol=1e-6), name
        profiles = math.prod(strategic.num_strategies)
        coalitions = (1 << strategic.num_players) - 2
        print(
            f"| {name} | {profiles} | {coalitions} | {ours:.4f} | {peer:.4f} | {ours / peer:.2f} |"
        )
    print()
    print("| declared game | s CPU |")
    print("| --- | ---: |")
    network = example_supply_network()
    for name, build in [
        ("minerals_denial_game()", minerals_denial_game),
        (
            "damage_denial_game(magnet network, 'china'), 5 countries",
            lambda: damage_denial_game(network, "china"),
        ),
        (
            "coalition_summary(minerals_denial_game())",
            lambda: coalition_summary(minerals_denial_game()),
        ),
    ]:
        seconds, _ = median_time(build, 3, time.process_time)
        print(f"| {name} | {seconds:.4f} |")


if __name__ == "__main__":
    main()
