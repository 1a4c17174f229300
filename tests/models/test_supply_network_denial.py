"""The partners' damage-denial game on a supply network (issue 16), three ways: the values in
the docstring, the same worths from networks built by hand, and Shapley values by brute force
over orderings against the general solver."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.models.supply_network import (
    SupplyNetwork,
    coercer_targets,
    damage_denial_game,
    example_supply_network,
)
from deterrence.solvers.cooperative import core, shapley_value

F = Fraction


@pytest.fixture(scope="module")
def network():
    return example_supply_network()


@pytest.fixture(scope="module")
def game(network):
    return damage_denial_game(network, "china")


def _by_hand(network: SupplyNetwork, sharing: set[str]) -> Fraction:
    """The coercer's best final shortfall when only the countries in ``sharing`` keep their
    spare capacity (built from the node attributes, not with_partner_capacity)."""
    graph = network.to_networkx()
    for _, data in graph.nodes(data=True):
        if data["country"] != "china" and data["country"] not in sharing:
            data["capacity"] = data["output"]
    withheld = SupplyNetwork.from_networkx(graph)
    return coercer_targets(withheld, "china")["final_shortfall"].max()


def test_worths_are_the_damage_denied_by_hand(network, game):
    nobody = _by_hand(network, set())
    assert nobody == F(101, 2)
    for members in [(), ("us",), ("malaysia",), ("us", "malaysia"), game.players]:
        assert game.value(members) == nobody - _by_hand(network, set(members))
    assert game.value(game.players) == F(101, 2) - F(16069, 505) == F(18867, 1010)


def test_shapley_by_brute_force_over_orderings(game):
    n = game.num_players
    totals = [F(0)] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            totals[i] += game.value(mask | 1 << i) - game.value(mask)
            mask |= 1 << i
    brute = tuple(t / math.factorial(n) for t in totals)
    assert shapley_value(game).values == brute
    assert brute[game.players.index("australia")] == 0  # spare ore is never the bottleneck
    assert max(game.players, key=lambda p: brute[game.players.index(p)]) == "malaysia"


@pytest.fixture(scope="module")
def pair(network):
    return damage_denial_game(network, "china", partners=["us", "malaysia"])


def test_chosen_partners_and_a_non_empty_core(game, pair):
    assert pair.players == ("us", "malaysia")
    # the other partners' spare capacity stays in the background, shared by all
    background = ["australia", "japan", "vietnam"]
    assert pair.value(pair.players) == game.value(game.players) - game.value(background)
    assert pair.value(["us"]) == game.value(["us", *background]) - game.value(background)
    assert not core(game).empty


def test_nodes_of_one_country_together_are_that_country(network, pair):
    nodes = damage_denial_game(
        network, "china", by="node", partners=["mine US", "refiner US", "refiner MY"]
    )
    assert nodes.value(["mine US", "refiner US"]) == pair.value(["us"])
    assert nodes.value(["refiner MY"]) == pair.value(["malaysia"])
    assert nodes.value(["mine US"]) == 0  # US ore without US refining denies nothing
    # six compliant nodes have spare capacity (the refused call is cheap: nothing is run)
    with pytest.raises(InvalidGameError, match="^6 partners"):
        damage_denial_game(network, "china", by="node", max_partners=5)


def test_bad_calls_are_named(network):
    with pytest.raises(InvalidGameError, match="by is 'firm'"):
        damage_denial_game(network, "china", by="firm")
    with pytest.raises(InvalidGameError, match=r"partners \['china'\]"):
        damage_denial_game(network, "china", partners=["china"])
    with pytest.raises(InvalidGameError, match="no node that sells abroad"):
        damage_denial_game(network, "eu")
    with pytest.raises(InvalidGameError, match="at most 2"):
        damage_denial_game(network, "china", partners=["us", "japan", "malaysia"], max_partners=2)
    with pytest.raises(InvalidGameError, match="'mine XX' is not a node"):
        network.with_partner_capacity(0, nodes=["mine XX"])
