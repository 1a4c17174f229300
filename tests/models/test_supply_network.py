"""The supply-network stress test: exposure by hand, the coercer's best target, partners'
capacity (formula, switch point, sweep), fastest vs cheapest, networkx in and out, bad input."""

from __future__ import annotations

from fractions import Fraction

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.models.supply_network import (
    SupplyNetwork,
    coercer_targets,
    example_supply_network,
    exposure_matrix,
    partner_capacity_sweep,
    stress_test,
)

F = Fraction


@pytest.fixture(scope="module")
def network():
    return example_supply_network()


def test_baseline_has_no_exposure(network):
    test = stress_test(network, None)
    assert (test.exposure[["shortfall", "delay", "extra_cost"]] == 0).all().all()
    assert test.final_shortfall == 0 and test.exports_lost == 0


def test_refiner_cut_by_hand(network):
    # magnets JP lose 3/5 of 55 = 33 oxide, magnets VN 1/2 of 35 = 35/2; partners' spare oxide
    # (Malaysia 8, US 7) is rationed pro rata to the requests 33 : 35/2
    test = stress_test(network, "refiner CN")
    requests = {"magnets JP": F(33), "magnets VN": F(35, 2)}
    total = sum(requests.values())
    for buyer, lost in requests.items():
        got = test.exposure.loc[buyer, "switched_to"]
        assert got == {"refiner MY": 8 * lost / total, "refiner US": 7 * lost / total}
        output = network.node(buyer)["output"]
        assert test.exposure.loc[buyer, "shortfall"] == (lost - 15 * lost / total) / output
        assert test.exposure.loc[buyer, "delay"] == 26  # the new US refiner's lead time
    assert test.exposure.loc["magnets JP", "shortfall"] == F(213, 505)
    # the Chinese magnet maker buys at home: untouched by its own country's export control
    assert test.exposure.loc["magnets CN", "shortfall"] == 0
    assert test.exports_lost == F(101, 2) * 40  # foreign oxide deliveries at price 40


def test_magnet_cut_formula_over_partner_capacity(network):
    # final shortfall = lost foreign magnets (30) - partners' spare magnet capacity (6 s)
    for scale in (0, F(1, 2), 1, 2, 3, 5, 6):
        scaled = network.with_partner_capacity(scale, coercer="china")
        assert stress_test(scaled, "magnets CN").final_shortfall == max(0, 30 - 6 * F(scale))


def test_best_target_and_switch_point(network):
    table = coercer_targets(network, "china")
    assert table.index.tolist() == ["refiner CN", "magnets CN"]
    assert table.loc["refiner CN", "final_shortfall"] == F(16069, 505)
    assert table.loc["magnets CN", "final_shortfall"] == 24
    assert "mine CN" not in network.restrictable("china")  # sells only at home

    # the switch point by bisection, cross-checked by a sweep
    def best(scale):
        scaled = network.with_partner_capacity(scale, coercer="china")
        return coercer_targets(scaled, "china").index[0]

    low, high = F(0), F(3)
    assert best(low) == "refiner CN" and best(high) == "magnets CN"
    for _ in range(8):
        middle = (low + high) / 2
        low, high = (middle, high) if best(middle) == "refiner CN" else (low, middle)
    assert F(3, 2) < low < F(2)
    sweep = partner_capacity_sweep(network, "china", [F(k, 4) for k in range(13)])
    switches = [
        sweep["scale"][k]
        for k in range(1, len(sweep))
        if sweep["best_target"][k] != sweep["best_target"][k - 1]
    ]
    assert len(switches) == 1 and switches[0] - F(1, 4) <= low <= switches[0]


def test_more_partner_capacity_never_hurts(network):
    previous = None
    for k in range(0, 9):
        scaled = network.with_partner_capacity(F(k, 2), coercer="china")
        shortfalls = coercer_targets(scaled, "china")["final_shortfall"].to_dict()
        if previous is not None:
            assert all(shortfalls[t] <= previous[t] for t in shortfalls)
        previous = shortfalls


def test_rationing_respects_spare_capacity(network):
    for target in network.restrictable("china"):
        for criterion in ("fastest", "cheapest", 2):
            test = stress_test(network, target, criterion=criterion)
            used: dict[str, Fraction] = {}
            for got in test.exposure["switched_to"]:
                for source, volume in got.items():
                    used[source] = used.get(source, 0) + volume
            for source, volume in used.items():
                node = network.node(source)
                assert node["compliant"] and volume <= node["capacity"] - node["output"]
            assert ((test.exposure["shortfall"] >= 0) & (test.exposure["shortfall"] <= 1)).all()


def test_fastest_versus_cheapest(network):
    fastest = stress_test(network, "magnets CN", criterion="fastest").exposure
    cheapest = stress_test(network, "magnets CN", criterion="cheapest").exposure
    # fastest: the Japanese EV maker scales up the magnet maker it already uses (no delay)
    assert fastest.loc["EV maker JP", "switched_to"] == {"magnets JP": 3}
    assert fastest.loc["EV maker JP", "delay"] == 0
    # cheapest: it goes to the cheaper Vietnamese maker first and waits 16 weeks
    assert "magnets VN" in cheapest.loc["EV maker JP", "switched_to"]
    assert cheapest.loc["EV maker JP", "delay"] == 16
    assert cheapest.loc["EV maker JP", "extra_cost"] < fastest.loc["EV maker JP", "extra_cost"]
    # a value of time in between: a week worth 1 (VN: 90 + 16 > JP: 100 + 0) acts as fastest
    assert stress_test(network, "magnets CN", criterion=1).exposure.equals(fastest)


def test_exposure_matrix(network):
    table = exposure_matrix(network, "china")
    assert set(table.columns) == {"refiner CN", "magnets CN", "worst", "worst_target"}
    assert table.loc["magnets JP", "worst_target"] == "refiner CN"
    assert table.loc["EV maker EU", "worst"] == F(17, 50)
    assert "refiner CN" not in table.index  # the coercer's own nodes are left out


def test_networkx_round_trip(network):
    graph = network.to_networkx()
    assert graph.is_directed() and graph.number_of_nodes() == 12
    assert graph.edges["refiner MY", "magnets JP"]["share"] == F(2, 5)
    again = SupplyNetwork.from_networkx(graph)
    assert stress_test(again, "refiner CN").final_shortfall == F(16069, 505)
    out = stress_test(network, "refiner CN").to_networkx()
    assert out.nodes["magnets JP"]["shortfall"] == F(213, 505)


def _chain(**changes):
    nodes = {
        "a": {"product": "ore", "country": "x", "output": 10, "capacity": 10},
        "b": {"product": "ore", "country": "y", "output": 0, "capacity": 4, "lead_time": 3},
        "c": {"product": "metal", "country": "y", "output": 10, "tier": 1},
    }
    edges = {("a", "c"): 1}
    nodes.update(changes.pop("nodes", {}))
    edges.update(changes.pop("edges", {}))
    return SupplyNetwork(nodes, edges)


def test_smallest_chain():
    test = stress_test(_chain(), "a")
    assert test.exposure.loc["c", "shortfall"] == F(3, 5)
    assert test.exposure.loc["c", "delay"] == 3
    assert test.final_shortfall == 6


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: _chain(edges={("a", "c"): F(1, 2)}), "sum to 1/2; expected 1"),
        (
            lambda: _chain(
                nodes={"a": {"product": "ore", "country": "x", "output": 5, "capacity": 4}}
            ),
            "capacity 4 is below its output 5",
        ),
        (lambda: _chain(edges={("a", "z"): 1}), "'z' is not a node"),
        (lambda: _chain(edges={("c", "a"): 1}), "need each other"),
        (lambda: _chain(nodes={"b": {"product": "ore", "output": 1}}), "needs a 'product' and"),
        (lambda: _chain(nodes={"b": {"product": "ore", "country": "y", "output": -1}}), "b.output"),
    ],
)
def test_bad_networks_are_named(build, match):
    with pytest.raises(InvalidGameError, match=match):
        build()


def test_bad_calls_are_named(network):
    with pytest.raises(InvalidGameError, match="not a node"):
        stress_test(network, "nowhere")
    with pytest.raises(InvalidGameError, match="expected one of"):
        stress_test(network, "refiner CN", criterion="slowest")
    with pytest.raises(InvalidGameError, match="no node that sells abroad"):
        coercer_targets(network, "eu")
