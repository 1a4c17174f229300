r"""Exposure stress test of a multi-tier supply network under an export restriction.

"Companies facing export restrictions often undertake comprehensive stress tests of their
supply ecosystems. They map critical nodes ... and then quantify exposure to sanctions ... and
alternate sources. The response typically includes dual-sourcing where feasible ... The
narrative shifts from 'cheapest supplier' to 'fastest compliant source'." (the sanctions
essay, 2025). This module runs that stress test on a supplier network and asks the coercer's
question: *which node hurts most when restricted*, and how friend-shoring partners' spare
capacity changes the answer.

The network
-----------
A :class:`SupplyNetwork` is a directed graph (``networkx.DiGraph`` in and out). Each node is a
firm or a country's industry with a ``product``, a ``country``, a ``tier`` (0 upstream), a
baseline ``output`` and a ``capacity`` (so ``capacity - output`` is its *spare* capacity),
a ``price`` per unit, a ``lead_time`` (weeks before a *new* customer is served) and whether it
is ``compliant`` (a source buyers may switch to: friend-shoring partners are, the coercer's
firms are not). An edge ``u -> v`` carries the ``share`` of ``v``'s need for ``u``'s product
that ``u`` supplies; every unit of output needs one unit of each input product (Leontief), and
the shares of each product sum to 1.

The stress test (:func:`stress_test`)
-------------------------------------
1. **The restriction.** The coercer stops the restricted node's deliveries to every buyer in
   another country (an export control; domestic buyers keep their supply).
2. **Availability.** Products are processed upstream first. A node produces the fraction
   :math:`a_v = \min_p r_{v,p}` of its baseline output, where :math:`r_{v,p}` is the share of
   its need of product :math:`p` it receives (Leontief); the restricted node delivers nothing
   abroad.
3. **Switching.** A buyer that lost volume of product :math:`p` turns to the *compliant*,
   unrestricted producers of :math:`p` with spare capacity :math:`a_w(\text{capacity}_w -
   \text{output}_w)` (spare capacity comes with its inputs, e.g. stockpiles -- a judgement
   call -- but shrinks with the producer's own availability). It ranks them by the
   ``criterion``: ``"fastest"`` (lead time, then price), ``"cheapest"`` (price, then lead
   time) or a number :math:`\lambda` (price :math:`+\ \lambda\,\times` lead time: what a
   week of delay is worth). A supplier the buyer already uses (*dual-sourcing*) serves it
   with lead time 0: it is already qualified.
4. **Rationing.** Buyers ask their best remaining source for all they miss; a source asked
   for more than its spare capacity shares it pro rata to the requests (proportional
   rationing); buyers still short move on to their next source, until every need is met or
   no source is left.
5. **Exposure.** For each node: ``shortfall`` (the share of baseline output lost, :math:`1 -
   a_v`), ``lost_output`` (units), ``delay`` (weeks until replacement supply arrives: the
   slowest new source it uses, or the longest delay it inherits from its suppliers) and
   ``extra_cost`` (per unit of output: the replacement's price premium over the supply lost,
   plus the suppliers' extra costs passed on by share).

The coercer (:func:`coercer_targets`)
-------------------------------------
The coercer restricts one of its nodes that sells abroad and picks the one that maximises the
*final shortfall* (lost output of the makers of final products, which no node buys), ties
broken by the exports it gives up (smaller first). It moves first and the firms' switching is
its followers' reply (a Stackelberg leader against the rationing outcome).
:func:`partner_capacity_sweep` scales friend-shoring partners' spare capacity and reports the
best target at each scale.

The partners' damage-denial game (:func:`damage_denial_game`)
-------------------------------------------------------------
Friend-shoring partners as a cooperative game: the worth of a coalition :math:`S` is the
final shortfall it denies the coercer when only its members share their spare capacity,
:math:`v(S) = D(\varnothing) - D(S)`, with :math:`D(S)` the final shortfall of the coercer's
best restriction given :math:`S`'s capacity (the coercer re-targets for every coalition).
The Shapley value then says whose capacity the denial rests on, and
:func:`~deterrence.solvers.cooperative.indispensability` who it cannot do without.

Why not a polymatrix game
-------------------------
Firms competing for a partner's spare capacity are coupled all at once (pro-rata rationing
depends on every request), not edge by edge, so the firms' reply is not a sum of bilateral
games; the polymatrix machinery (:mod:`deterrence.games.polymatrix`) serves the stylised
two-tier network of :mod:`deterrence.models.critical_minerals`, whose edges *are* bilateral.

The built-in example (:func:`example_supply_network`)
-----------------------------------------------------
A stylised rare-earth magnet chain: ore (mines in China, Australia, the United States),
separated oxide (refiners in China, Malaysia, the United States), sintered magnets (China,
Japan, Viet Nam), and the final makers of EV motors (Japan, the EU) and wind turbines (the
United States). Public facts it echoes: China separates most of the world's rare-earth oxide
and makes most sintered magnets (IEA, *Global Critical Minerals Outlook 2024*); Lynas refines
Australian ore in Malaysia; MP Materials mined in the United States and shipped concentrate to
China for separation while building US separation capacity. **Every number is a judgement
call** for illustration, not data: outputs in thousand units per year, prices per unit, lead
times in weeks; Chinese firms are non-compliant sources for buyers abroad, the others are
compliant. Key results at the defaults (``criterion="fastest"``):

* Restricting the Chinese refiner cuts final output by 16069/505 (about 31.8) of 120 units,
  restricting Chinese magnets by 24; the Chinese mine sells only at home, so it is no target:
  refining is the chokepoint and the coercer's best target (magnet makers lose 213/505 and
  7/20 of their output and wait 26 weeks for US oxide).
* Scaling partners' spare capacity (:func:`partner_capacity_sweep`) moves the best target
  downstream: refining until a scale of 3/2 (21.7 against 21), magnets from 2 on (11.2
  against 18), because partners' spare refining capacity (15 units) outgrows their spare
  magnet capacity (6).
* Fastest against cheapest: when Chinese magnets are cut, Japanese EV makers replace them
  from the Japanese magnet maker they already use (no delay) when they want the fastest
  compliant source, from the cheaper Vietnamese one (16 weeks) when they want the cheapest.
* The partners' damage-denial game: together they deny 18867/1010 (about 18.7) of the 101/2
  the coercer could cut without them; Malaysia's spare refining carries the most (Shapley
  value about 8.3), the United States' next (about 7.2), Japan's and Viet Nam's spare magnet
  capacity about 1.5 and 1.7, and Australia's spare ore nothing (a null player).

References
----------
.. [1] H. Farrell and A. L. Newman, "Weaponized interdependence", *International Security*
   44(1), 2019.
.. [2] D. Acemoglu, V. M. Carvalho, A. Ozdaglar and A. Tahbaz-Salehi, "The network origins
   of aggregate fluctuations", *Econometrica* 80(5), 2012.
.. [3] International Energy Agency, *Global Critical Minerals Outlook 2024*.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError
from deterrence.games._numbers import format_number
from deterrence.games.cooperative import CharacteristicFunctionGame
from deterrence.games.parametric import Parameter
from deterrence.text import plural

if TYPE_CHECKING:  # pandas is imported by the functions that build tables
    import pandas as pd

__all__ = [
    "SupplyNetwork",
    "StressTest",
    "CRITERIA",
    "stress_test",
    "coercer_targets",
    "exposure_matrix",
    "partner_capacity_sweep",
    "damage_denial_game",
    "MAX_DENIAL_PARTNERS",
    "example_supply_network",
]

#: The named switching criteria (a number is also accepted: the value of a week of delay).
CRITERIA = ("fastest", "cheapest")

_NUMBERS = ("output", "capacity", "price", "lead_time")


def _number(value: Any, what: str, high: Any = None) -> Any:
    """A non-negative number (exact where given exactly), or an error naming ``what``."""
    try:
        return Parameter("value", domain=(0, high)).validate(value)
    except InvalidGameError as exc:
        raise InvalidGameError(f"{what}: {exc}".replace("value=", "")) from None


def _show(value: Any) -> str:
    """Small fractions exactly (``17/50``), others to four digits (``31.82``)."""
    if isinstance(value, Fraction) and value.denominator > 100:
        return format_number(float(value))
    return format_number(value)


def _networkx() -> Any:
    try:
        import networkx
    except ImportError:  # pragma: no cover - networkx is in the test extra
        raise MissingDependencyError(
            "supply networks as graphs need networkx: pip install networkx"
        ) from None
    return networkx


@dataclasses.dataclass(frozen=True)
class _Node:
    product: str
    country: str
    tier: int
    output: Any
    capacity: Any
    price: Any
    lead_time: Any
    compliant: bool


class SupplyNetwork:
    """A multi-tier supplier network (see the module docstring for the attributes).

    Parameters
    ----------
    nodes : mapping
        ``{name: {"product", "country", "tier", "output", "capacity", "price", "lead_time",
        "compliant"}}``; ``capacity`` defaults to ``output``, ``price`` to 1, ``lead_time``
        to 0, ``compliant`` to True, ``tier`` to 0.
    edges : mapping
        ``{(supplier, buyer): share}``: the share of the buyer's need of the supplier's
        product that the supplier covers.
    title : str, optional

    Raises
    ------
    InvalidGameError
        Unknown nodes in an edge, negative numbers, capacity below output, shares of a
        product that do not sum to 1, self-loops or a cycle among products.

    Notes
    -----
    Immutable; numbers are exact fractions where given exactly (ints, fractions, strings
    such as ``"1/4"``), so stress tests of exact networks are exact.

    Examples
    --------
    >>> net = SupplyNetwork(
    ...     {"mine": {"product": "ore", "country": "x", "output": 10, "capacity": 12},
    ...      "plant": {"product": "metal", "country": "y", "output": 10, "tier": 1}},
    ...     {("mine", "plant"): 1})
    >>> net.products, net.suppliers("plant")
    (('ore', 'metal'), ('mine',))
    """

    def __init__(
        self,
        nodes: Mapping[Any, Mapping[str, Any]],
        edges: Mapping[tuple[Any, Any], Any],
        *,
        title: str = "",
    ) -> None:
        if not nodes:
            raise InvalidGameError("a supply network needs at least one node")
        parsed: dict[str, _Node] = {}
        for name, data in nodes.items():
            label = str(name)
            if "product" not in data or "country" not in data:
                raise InvalidGameError(f"node {label!r} needs a 'product' and a 'country'")
            values = {
                key: _number(data[key], f"{label}.{key}")
                for key in _NUMBERS
                if data.get(key) is not None
            }
            if "output" not in values:
                raise InvalidGameError(f"node {label!r} has no 'output'")
            values.setdefault("capacity", values["output"])
            values.setdefault("price", Fraction(1))
            values.setdefault("lead_time", Fraction(0))
            if values["capacity"] < values["output"]:
                raise InvalidGameError(
                    f"node {label!r}: capacity {format_number(values['capacity'])} is below "
                    f"its output {format_number(values['output'])}"
                )
            parsed[label] = _Node(
                product=str(data["product"]),
                country=str(data["country"]),
                tier=int(data.get("tier", 0)),
                compliant=bool(data.get("compliant", True)),
                **values,
            )
        shares: dict[tuple[str, str], Any] = {}
        for key, share in edges.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise InvalidGameError(f"edge {key!r}: expected a pair (supplier, buyer)")
            u, v = str(key[0]), str(key[1])
            for end in (u, v):
                if end not in parsed:
                    raise InvalidGameError(
                        f"edge {key!r}: {end!r} is not a node; nodes are {list(parsed)[:10]}"
                    )
            if u == v:
                raise InvalidGameError(f"edge {key!r} is a self-loop")
            value = share.get("share") if isinstance(share, Mapping) else share
            shares[(u, v)] = _number(value, f"share of {u!r} in {v!r}", 1)
        self.title = title
        self._nodes = parsed
        self._shares = shares
        self._suppliers: dict[str, tuple[str, ...]] = {
            v: tuple(u for (u, w) in shares if w == v) for v in parsed
        }
        self._customers: dict[str, tuple[str, ...]] = {
            u: tuple(w for (x, w) in shares if x == u) for u in parsed
        }
        for v in parsed:
            for product in self.inputs(v):
                total = sum(
                    (shares[(u, v)] for u in self._suppliers[v] if parsed[u].product == product),
                    Fraction(0),
                )
                if abs(total - 1) > 1e-9:
                    raise InvalidGameError(
                        f"node {v!r}: the shares of its {product!r} suppliers sum to "
                        f"{format_number(total)}; expected 1"
                    )
        self.products = self._product_order()

    # ---------------------------------------------------------------- structure
    @property
    def nodes(self) -> tuple[str, ...]:
        """The node names, in the order given."""
        return tuple(self._nodes)

    def node(self, name: str) -> dict[str, Any]:
        """A node's attributes as a dict.

        Raises
        ------
        InvalidGameError
            For a name that is not a node.

        Examples
        --------
        >>> example_supply_network().node("refiner MY")["country"]
        'malaysia'
        """
        if name not in self._nodes:
            raise InvalidGameError(f"{name!r} is not a node; nodes are {list(self._nodes)}")
        return dataclasses.asdict(self._nodes[name])

    def share(self, supplier: str, buyer: str) -> Any:
        """The share of ``buyer``'s need of ``supplier``'s product that ``supplier`` covers."""
        return self._shares[(supplier, buyer)]

    def suppliers(self, name: str) -> tuple[str, ...]:
        """The nodes that supply ``name``."""
        self.node(name)
        return self._suppliers[name]

    def customers(self, name: str) -> tuple[str, ...]:
        """The nodes that ``name`` supplies."""
        self.node(name)
        return self._customers[name]

    def inputs(self, name: str) -> tuple[str, ...]:
        """The products ``name`` needs, in order of first supplier."""
        return tuple(dict.fromkeys(self._nodes[u].product for u in self._suppliers[name]))

    def final_nodes(self) -> tuple[str, ...]:
        """The makers of final products (products no node buys): their lost output is the
        final shortfall."""
        used = {p for v in self._nodes for p in self.inputs(v)}
        return tuple(v for v, node in self._nodes.items() if node.product not in used)

    def restrictable(self, coercer: str) -> tuple[str, ...]:
        """The coercer's nodes that sell abroad (what an export control can restrict).

        Examples
        --------
        >>> example_supply_network().restrictable("china")
        ('refiner CN', 'magnets CN')
        """
        return tuple(
            u
            for u, node in self._nodes.items()
            if node.country == coercer
            and any(self._nodes[v].country != coercer for v in self._customers[u])
        )

    def _product_order(self) -> tuple[str, ...]:
        """Products upstream first (Kahn's algorithm on the product graph)."""
        products = list(dict.fromkeys(n.product for n in self._nodes.values()))
        needs: dict[str, set[str]] = {p: set() for p in products}
        for v, node in self._nodes.items():
            needs[node.product] |= set(self.inputs(v))
        order: list[str] = []
        remaining = dict(needs)
        while remaining:
            ready = [p for p in products if p in remaining and not (remaining[p] - set(order))]
            if not ready:
                raise InvalidGameError(
                    f"the products {sorted(remaining)} need each other (a cycle); a supply "
                    "network's products must be ordered upstream to downstream"
                )
            for p in ready:
                order.append(p)
                del remaining[p]
        return tuple(order)

    # ---------------------------------------------------------------- transformations
    def with_partner_capacity(
        self, scale: Any, *, coercer: str | None = None, nodes: Iterable[str] | None = None
    ) -> SupplyNetwork:
        """The network with every compliant node's spare capacity multiplied by ``scale``
        (friend-shoring partners investing in capacity; the coercer's nodes unchanged).

        Parameters
        ----------
        scale : number
            Non-negative; 0 withholds the spare capacity.
        coercer : str, optional
            A country whose nodes stay unchanged.
        nodes : iterable of str, optional
            Scale only these nodes (default: every compliant node).

        Raises
        ------
        InvalidGameError
            A negative scale or an unknown node.

        Examples
        --------
        >>> net = example_supply_network().with_partner_capacity(2)
        >>> net.node("refiner MY")["capacity"] - net.node("refiner MY")["output"]
        Fraction(16, 1)
        >>> example_supply_network().with_partner_capacity(0, nodes=["mine AU"]).node(
        ...     "mine AU")["capacity"]
        Fraction(477, 8)
        """
        factor = _number(scale, "scale")
        chosen = set(self._nodes) if nodes is None else set(nodes)
        for name in sorted(chosen - set(self._nodes)):
            self.node(name)  # raises, naming the unknown node
        scaled = {}
        for name, node in self._nodes.items():
            data = dataclasses.asdict(node)
            if node.compliant and node.country != coercer and name in chosen:
                data["capacity"] = node.output + factor * (node.capacity - node.output)
            scaled[name] = data
        return SupplyNetwork(scaled, self._shares, title=self.title)

    # ---------------------------------------------------------------- networkx
    @classmethod
    def from_networkx(cls, graph: Any, *, title: str = "") -> SupplyNetwork:
        """A network from a ``networkx.DiGraph`` (node attributes as in the constructor,
        edge attribute ``share``).

        Raises
        ------
        InvalidGameError
            An undirected graph, or an edge without a ``share``.

        Examples
        --------
        >>> net = example_supply_network()
        >>> SupplyNetwork.from_networkx(net.to_networkx()).nodes == net.nodes
        True
        """
        if not graph.is_directed():
            raise InvalidGameError("a supply network's graph must be directed (supplier -> buyer)")
        edges = {}
        for u, v, data in graph.edges(data=True):
            if "share" not in data:
                raise InvalidGameError(f"edge ({u!r}, {v!r}) has no 'share' attribute")
            edges[(u, v)] = data["share"]
        nodes = {name: dict(data) for name, data in graph.nodes(data=True)}
        return cls(nodes, edges, title=title or str(graph.graph.get("name", "")))

    def to_networkx(self) -> Any:
        """The network as a ``networkx.DiGraph`` (node attributes; edge attribute
        ``share``).

        Raises
        ------
        MissingDependencyError
            Without networkx.
        """
        nx = _networkx()
        graph = nx.DiGraph(name=self.title)
        for name, node in self._nodes.items():
            graph.add_node(name, **dataclasses.asdict(node))
        for (u, v), share in self._shares.items():
            graph.add_edge(u, v, share=share)
        return graph

    def __repr__(self) -> str:
        title = f"{self.title}, " if self.title else ""
        return f"SupplyNetwork({title}{len(self._nodes)} nodes, {len(self._shares)} edges)"


# ---------------------------------------------------------------------- the stress test
@dataclasses.dataclass(frozen=True)
class StressTest:
    """What restricting one node does to a supply network (returned by
    :func:`stress_test`).

    Attributes
    ----------
    network : SupplyNetwork
    restricted : str or None
        The restricted node (``None``: the baseline).
    criterion : str or number
        How buyers ranked alternative sources.
    exposure : pandas.DataFrame
        One row per node: ``product``, ``country``, ``tier``, ``shortfall`` (share of
        baseline output lost), ``lost_output`` (units), ``delay`` (weeks), ``extra_cost``
        (per unit of output), ``switched_to`` (``{source: volume}`` of new supply). The
        restricted node's own row shows no shortfall: what it loses is ``exports_lost``.
    final_shortfall : Fraction or float
        Lost output of the final nodes (the coercer's objective).
    exports_lost : Fraction or float
        Value of the restricted node's foreign deliveries (price x volume): what the coercer
        gives up.

    Examples
    --------
    >>> test = stress_test(example_supply_network(), "magnets CN")
    >>> test.final_shortfall, test.exports_lost
    (Fraction(24, 1), Fraction(2400, 1))
    """

    network: SupplyNetwork
    restricted: str | None
    criterion: Any
    exposure: pd.DataFrame
    final_shortfall: Any
    exports_lost: Any

    def to_networkx(self) -> Any:
        """The network with each node's exposure as node attributes."""
        graph = self.network.to_networkx()
        for name, row in self.exposure.iterrows():
            graph.nodes[name].update(
                {k: row[k] for k in ("shortfall", "lost_output", "delay", "extra_cost")}
            )
        return graph

    def summary(self) -> str:
        """The result in a sentence.

        Examples
        --------
        >>> print(stress_test(example_supply_network(), "magnets CN").summary())
        restricting magnets CN cuts final output by 24 (exports lost 2400); most exposed:
        EV maker EU (shortfall 17/50, delay 0 weeks)
        """
        if self.restricted is None:
            return "no restriction: no exposure"
        worst = self.exposure.sort_values(["shortfall", "delay"], ascending=False).index[0]
        row = self.exposure.loc[worst]
        return (
            f"restricting {self.restricted} cuts final output by "
            f"{_show(self.final_shortfall)} (exports lost {_show(self.exports_lost)}); most "
            f"exposed:\n{worst} (shortfall {_show(row['shortfall'])}, delay "
            f"{_show(row['delay'])} weeks)"
        )


def _rank_key(criterion: Any) -> Any:
    if criterion == "fastest":
        return lambda lead, price: (lead, price)
    if criterion == "cheapest":
        return lambda lead, price: (price, lead)
    try:
        weight = _number(criterion, "criterion")
    except InvalidGameError:
        raise InvalidGameError(
            f"criterion {criterion!r}: expected one of {list(CRITERIA)} or a number (the value "
            "of a week of delay)"
        ) from None
    return lambda lead, price: (price + weight * lead, lead)


def _ration(
    needs: dict[str, Any], rankings: dict[str, list[str]], spare: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Proportional rationing: every buyer asks its best source with spare capacity left for
    all it needs; an over-asked source shares pro rata; repeat."""
    got: dict[str, dict[str, Any]] = {b: {} for b in needs}
    need = {b: n for b, n in needs.items() if n > 0}
    while need:
        asks: dict[str, dict[str, Any]] = {}
        for buyer, amount in need.items():
            source = next((s for s in rankings[buyer] if spare[s] > 0), None)
            if source is not None:
                asks.setdefault(source, {})[buyer] = amount
        if not asks:
            break
        for source, requests in asks.items():
            total = sum(requests.values())
            ratio = min(1, spare[source] / total)
            for buyer, amount in requests.items():
                volume = amount * ratio
                got[buyer][source] = got[buyer].get(source, 0) + volume
                need[buyer] = need[buyer] - volume
            spare[source] = spare[source] - total * ratio
        need = {
            b: n for b, n in need.items() if n > 1e-12 and any(spare[s] > 0 for s in rankings[b])
        }
    return got


def stress_test(
    network: SupplyNetwork, restricted: str | None, *, criterion: Any = "fastest"
) -> StressTest:
    r"""Restrict one node's exports and follow the shortfall, the switching and the exposure
    downstream (the algorithm is in the module docstring).

    Parameters
    ----------
    network : SupplyNetwork
    restricted : str or None
        The node whose foreign deliveries stop (``None``: the baseline, nothing lost).
    criterion : {"fastest", "cheapest"} or number, default "fastest"
        How buyers rank compliant alternative sources: by lead time, by price, or by price
        plus the number times the lead time.

    Returns
    -------
    StressTest

    Raises
    ------
    InvalidGameError
        An unknown node or criterion.

    Examples
    --------
    >>> net = example_supply_network()
    >>> test = stress_test(net, "refiner CN")
    >>> test.exposure.loc["magnets JP", ["shortfall", "delay"]].tolist()
    [Fraction(213, 505), Fraction(26, 1)]
    >>> test.exposure.loc["magnets JP", "switched_to"]
    {'refiner MY': Fraction(528, 101), 'refiner US': Fraction(462, 101)}
    >>> test.final_shortfall
    Fraction(16069, 505)
    """
    nodes = network._nodes
    if restricted is not None:
        network.node(restricted)
    rank = _rank_key(criterion)
    avail: dict[str, Any] = {}
    delay: dict[str, Any] = {}
    cost: dict[str, Any] = {}
    switched: dict[str, dict[str, Any]] = {v: {} for v in nodes}
    received: dict[str, dict[str, Any]] = {v: {} for v in nodes}
    own_delay: dict[str, Any] = {v: Fraction(0) for v in nodes}
    premium: dict[str, Any] = {v: Fraction(0) for v in nodes}

    def delivered(u: str, v: str) -> Any:
        if u == restricted and nodes[v].country != nodes[u].country:
            return 0
        return avail[u]

    def settle(v: str) -> None:
        """Availability, delay and cost of a node whose inputs are all settled."""
        fractions = [received[v][p] for p in network.inputs(v)]
        avail[v] = min(fractions, default=Fraction(1))
        sources = [u for u in network.suppliers(v) if delivered(u, v) > 0] + list(switched[v])
        delay[v] = max([own_delay[v], *(delay[u] for u in sources)])
        passed = sum(
            (network.share(u, v) * cost[u] for u in network.suppliers(v) if delivered(u, v) > 0),
            Fraction(0),
        )
        output = nodes[v].output
        cost[v] = passed + (premium[v] / output if output else 0)

    buyers_of: dict[str, list[str]] = {p: [] for p in network.products}
    for v in nodes:
        for p in network.inputs(v):
            buyers_of[p].append(v)
    for product in network.products:
        producers = [w for w, node in nodes.items() if node.product == product]
        for w in producers:
            settle(w)
        needs: dict[str, Any] = {}
        lost_price: dict[str, Any] = {}
        for v in buyers_of[product]:
            suppliers = [u for u in network.suppliers(v) if nodes[u].product == product]
            have = sum((network.share(u, v) * delivered(u, v) for u in suppliers), Fraction(0))
            received[v][product] = have
            lost = {u: network.share(u, v) * (1 - delivered(u, v)) for u in suppliers}
            total_lost = sum(lost.values(), Fraction(0))
            needs[v] = total_lost * nodes[v].output
            if total_lost > 0:
                lost_price[v] = sum(lost[u] * nodes[u].price for u in suppliers) / total_lost
        spare = {
            w: avail[w] * (nodes[w].capacity - nodes[w].output)
            for w in producers
            if nodes[w].compliant and w != restricted
        }
        rankings: dict[str, list[str]] = {}
        for v in needs:
            existing = set(network.suppliers(v))

            def key(w: str, known: set[str] = existing) -> tuple[Any, ...]:
                lead = Fraction(0) if w in known else nodes[w].lead_time
                return (*rank(lead, nodes[w].price), w)

            rankings[v] = sorted((w for w in spare if w != v), key=key)
        for v, got in _ration(needs, rankings, spare).items():
            if not got:
                continue
            existing = set(network.suppliers(v))
            volume = sum(got.values())
            if nodes[v].output:
                received[v][product] += volume / nodes[v].output
            switched[v].update(got)
            for w, amount in got.items():
                lead = Fraction(0) if w in existing else nodes[w].lead_time
                own_delay[v] = max(own_delay[v], lead)
                premium[v] += amount * (nodes[w].price - lost_price[v])
    rows = []
    for v, node in nodes.items():
        lost_share = 0 if v == restricted else 1 - avail[v]
        rows.append(
            {
                "node": v,
                "product": node.product,
                "country": node.country,
                "tier": node.tier,
                "shortfall": lost_share,
                "lost_output": lost_share * node.output,
                "delay": delay[v],
                "extra_cost": cost[v],
                "switched_to": dict(switched[v]),
            }
        )
    import pandas as pd

    exposure = pd.DataFrame(rows).set_index("node")
    final = sum((exposure.loc[v, "lost_output"] for v in network.final_nodes()), Fraction(0))
    exports = Fraction(0)
    if restricted is not None:
        node = nodes[restricted]
        exports = sum(
            (
                network.share(restricted, v) * nodes[v].output * node.price
                for v in network.customers(restricted)
                if nodes[v].country != node.country
            ),
            Fraction(0),
        )
    return StressTest(network, restricted, criterion, exposure, final, exports)


def coercer_targets(
    network: SupplyNetwork, coercer: str, *, criterion: Any = "fastest"
) -> pd.DataFrame:
    """Every node the coercer can restrict, ranked by the final shortfall it causes.

    Parameters
    ----------
    network : SupplyNetwork
    coercer : str
        The coercer's country.
    criterion : {"fastest", "cheapest"} or number
        The buyers' switching criterion (:func:`stress_test`).

    Returns
    -------
    pandas.DataFrame
        Indexed by target: ``final_shortfall``, ``exports_lost``, ``max_delay``,
        ``most_exposed``; the first row is the coercer's best target.

    Raises
    ------
    InvalidGameError
        If the coercer has no node that sells abroad.

    Examples
    --------
    >>> table = coercer_targets(example_supply_network(), "china")
    >>> table.index.tolist(), table["final_shortfall"].map(float).round(2).tolist()
    (['refiner CN', 'magnets CN'], [31.82, 24.0])
    """
    targets = network.restrictable(coercer)
    if not targets:
        raise InvalidGameError(
            f"{coercer!r} has no node that sells abroad; countries are "
            f"{sorted({network.node(v)['country'] for v in network.nodes})}"
        )
    rows = []
    for target in targets:
        test = stress_test(network, target, criterion=criterion)
        exposed = test.exposure.drop(index=target)
        rows.append(
            {
                "target": target,
                "final_shortfall": test.final_shortfall,
                "exports_lost": test.exports_lost,
                "max_delay": exposed["delay"].max(),
                "most_exposed": exposed.sort_values(["shortfall", "delay"], ascending=False).index[
                    0
                ],
            }
        )
    import pandas as pd

    table = pd.DataFrame(rows).set_index("target")
    order = sorted(
        table.index, key=lambda t: (-table.loc[t, "final_shortfall"], table.loc[t, "exports_lost"])
    )
    return table.loc[order]


def exposure_matrix(
    network: SupplyNetwork, coercer: str, *, criterion: Any = "fastest", measure: str = "shortfall"
) -> pd.DataFrame:
    """Each node's exposure to each restriction the coercer can impose.

    Parameters
    ----------
    network : SupplyNetwork
    coercer : str
    criterion : {"fastest", "cheapest"} or number
    measure : {"shortfall", "lost_output", "delay", "extra_cost"}
        Which column of :attr:`StressTest.exposure` to tabulate.

    Returns
    -------
    pandas.DataFrame
        Rows: nodes outside the coercer's country; columns: restrictable targets; plus
        ``worst`` (the largest value in the row) and ``worst_target``.

    Raises
    ------
    InvalidGameError
        An unknown measure, or a coercer with nothing to restrict.

    Examples
    --------
    >>> table = exposure_matrix(example_supply_network(), "china")
    >>> table.loc["EV maker EU", "worst_target"], table.loc["EV maker EU", "worst"]
    ('magnets CN', Fraction(17, 50))
    """
    columns = ("shortfall", "lost_output", "delay", "extra_cost")
    if measure not in columns:
        raise InvalidGameError(f"measure {measure!r}: expected one of {list(columns)}")
    targets = network.restrictable(coercer)
    if not targets:
        raise InvalidGameError(f"{coercer!r} has no node that sells abroad")
    exposed = [v for v in network.nodes if network.node(v)["country"] != coercer]
    import pandas as pd

    table = pd.DataFrame(
        {
            t: stress_test(network, t, criterion=criterion).exposure.loc[exposed, measure]
            for t in targets
        }
    )
    table["worst"] = table[list(targets)].max(axis=1)
    table["worst_target"] = [
        next(t for t in targets if row[t] == row["worst"]) for _, row in table.iterrows()
    ]
    return table


def partner_capacity_sweep(
    network: SupplyNetwork,
    coercer: str,
    scales: Iterable[Any],
    *,
    criterion: Any = "fastest",
) -> pd.DataFrame:
    """How friend-shoring partners' spare capacity changes the coercer's best target.

    Parameters
    ----------
    network : SupplyNetwork
    coercer : str
    scales : iterable of numbers
        Multipliers of every compliant node's spare capacity
        (:meth:`SupplyNetwork.with_partner_capacity`).
    criterion : {"fastest", "cheapest"} or number

    Returns
    -------
    pandas.DataFrame
        One row per scale: ``best_target``, ``final_shortfall`` (of the best target) and one
        column ``shortfall:<target>`` per restrictable node.

    Examples
    --------
    >>> sweep = partner_capacity_sweep(example_supply_network(), "china", [0, 1, 2, 3])
    >>> sweep["best_target"].tolist()
    ['refiner CN', 'refiner CN', 'magnets CN', 'magnets CN']
    """
    rows = []
    for scale in scales:
        table = coercer_targets(
            network.with_partner_capacity(scale, coercer=coercer), coercer, criterion=criterion
        )
        row: dict[str, Any] = {
            "scale": _number(scale, "scale"),
            "best_target": table.index[0],
            "final_shortfall": table["final_shortfall"].iloc[0],
        }
        for target, value in table["final_shortfall"].items():
            row[f"shortfall:{target}"] = value
        rows.append(row)
    import pandas as pd

    return pd.DataFrame(rows)


def example_supply_network() -> SupplyNetwork:
    """The built-in rare-earth magnet network (module docstring: facts and judgement calls).

    Returns
    -------
    SupplyNetwork
        12 nodes in four tiers; the coercer is ``"china"``.

    Examples
    --------
    >>> net = example_supply_network()
    >>> net.products, net.final_nodes()
    (('ore', 'oxide', 'magnet', 'motor'), ('EV maker JP', 'EV maker EU', 'turbines US'))
    """

    def node(product: str, country: str, tier: int, output: Any, spare: Any = 0, **rest: Any):
        return {
            "product": product,
            "country": country,
            "tier": tier,
            "output": Fraction(output),
            "capacity": Fraction(output) + Fraction(spare),
            "compliant": country != "china",
            **rest,
        }

    nodes = {
        # tier 0: ore
        "mine CN": node("ore", "china", 0, "161/4", price=10),
        "mine AU": node("ore", "australia", 0, "477/8", 10, price=12, lead_time=8),
        "mine US": node("ore", "us", 0, "161/8", 10, price=12, lead_time=12),
        # tier 1: separated oxide
        "refiner CN": node("oxide", "china", 1, "161/2", price=40),
        "refiner MY": node("oxide", "malaysia", 1, "79/2", 8, price=60, lead_time=12),
        "refiner US": node("oxide", "us", 1, 0, 7, price=55, lead_time=26),
        # tier 2: sintered magnets
        "magnets CN": node("magnet", "china", 2, 30, price=80),
        "magnets JP": node("magnet", "japan", 2, 55, 3, price=100, lead_time=8),
        "magnets VN": node("magnet", "vietnam", 2, 35, 3, price=90, lead_time=16),
        # tier 3: final products
        "EV maker JP": node("motor", "japan", 3, 40, price=400),
        "EV maker EU": node("motor", "eu", 3, 50, price=400),
        "turbines US": node("motor", "us", 3, 30, price=600),
    }
    half, quarter = Fraction(1, 2), Fraction(1, 4)
    edges = {
        ("mine CN", "refiner CN"): half,
        ("mine AU", "refiner CN"): quarter,
        ("mine US", "refiner CN"): quarter,
        ("mine AU", "refiner MY"): 1,
        ("mine US", "refiner US"): 1,
        ("refiner CN", "magnets CN"): 1,
        ("refiner CN", "magnets JP"): Fraction(3, 5),
        ("refiner MY", "magnets JP"): Fraction(2, 5),
        ("refiner CN", "magnets VN"): half,
        ("refiner MY", "magnets VN"): half,
        ("magnets CN", "EV maker JP"): quarter,
        ("magnets JP", "EV maker JP"): Fraction(3, 4),
        ("magnets CN", "EV maker EU"): Fraction(2, 5),
        ("magnets JP", "EV maker EU"): Fraction(1, 5),
        ("magnets VN", "EV maker EU"): Fraction(2, 5),
        ("magnets JP", "turbines US"): half,
        ("magnets VN", "turbines US"): half,
    }
    return SupplyNetwork(nodes, edges, title="rare-earth magnet supply network")


#: Most partners :func:`damage_denial_game` takes (it runs the coercer's best restriction for
#: each of the :math:`2^n` coalitions).
MAX_DENIAL_PARTNERS = 12


def damage_denial_game(
    network: SupplyNetwork,
    coercer: str,
    *,
    partners: Iterable[str] | None = None,
    by: str = "country",
    criterion: Any = "fastest",
    max_partners: int = MAX_DENIAL_PARTNERS,
) -> CharacteristicFunctionGame:
    r"""The friend-shoring partners' cooperative game: the final shortfall a coalition denies
    the coercer when its members share their spare capacity.

    Parameters
    ----------
    network : SupplyNetwork
    coercer : str
        The coercer's country.
    partners : iterable of str, optional
        The players: countries (``by="country"``) or nodes (``by="node"``). Default: every
        country (or compliant node) outside the coercer's with spare capacity.
    by : {"country", "node"}, default "country"
        Whether a partner is a country (all its compliant nodes share together) or a node.
    criterion : {"fastest", "cheapest"} or number
        The buyers' switching criterion (:func:`stress_test`).
    max_partners : int
        Refuse more partners than this (default :data:`MAX_DENIAL_PARTNERS`; the game runs
        the coercer's best restriction for each of the :math:`2^n` coalitions).

    Returns
    -------
    CharacteristicFunctionGame
        :math:`v(S) = D(\varnothing) - D(S)`, exact when the network's numbers are.

    Raises
    ------
    InvalidGameError
        An unknown or coercer-owned partner, an unknown ``by``, a coercer with nothing to
        restrict, or more than ``max_partners`` partners.

    Notes
    -----
    :math:`D(S)` is the **final shortfall** (lost output of the final makers, the quantity
    :func:`coercer_targets` ranks by) that the coercer inflicts with its **best**
    restriction when only the members of :math:`S` share their spare capacity: the coercer
    re-targets for every :math:`S` (it moves after the coalition has formed and before the
    firms switch). Assumptions:

    * the capacity that counts is each compliant node's spare capacity, capacity minus
      output, as in the stress test (it comes with its inputs and shrinks with the node's
      own availability);
    * a partner outside :math:`S` **withholds** all of its spare capacity (its nodes keep
      their baseline output and deliveries); compliant nodes that are not players keep
      theirs;
    * buyers switch and are rationed exactly as in :func:`stress_test`;
    * values are exact fractions for an exact network; a network with float numbers gives
      float shortfalls, stored at their shortest decimal representation.

    :math:`v(\varnothing) = 0`, and :math:`v(N)` is what all partners together deny. The
    stress test's rationing need not make :math:`v` monotone or superadditive: a
    coalition's capacity can be taken up by buyers whose output the coercer's best target
    does not need.

    Examples
    --------
    In the built-in magnet network the partners are Australia, the United States,
    Malaysia, Japan and Viet Nam. Without anyone's spare capacity restricting Chinese
    refining cuts final output by 101/2; with everyone's, by 16069/505 (about 31.8), so the
    partners deny 18867/1010 (about 18.7) together. Malaysia's spare refining denies the
    most (8 alone, a Shapley value of about 8.3), the United States' next (7, about 7.2);
    Australia's spare ore is never needed, refining being the bottleneck:

    >>> from deterrence.solvers.cooperative import shapley_value
    >>> game = damage_denial_game(example_supply_network(), "china")
    >>> game.players
    ('australia', 'us', 'malaysia', 'japan', 'vietnam')
    >>> [str(game.value([p])) for p in game.players]
    ['0', '7', '8', '6/5', '3/2']
    >>> str(game.value(game.players))
    '18867/1010'
    >>> shapley_value(game).to_series().round(2).to_dict()
    {'australia': 0.0, 'us': 7.23, 'malaysia': 8.26, 'japan': 1.47, 'vietnam': 1.72}
    """
    if by not in ("country", "node"):
        raise InvalidGameError(f"by is {by!r}; choose 'country' or 'node'")

    def label(name: str) -> str:
        return network.node(name)["country"] if by == "country" else name

    sharing = [
        v
        for v in network.nodes
        if network.node(v)["compliant"]
        and network.node(v)["country"] != coercer
        and network.node(v)["capacity"] > network.node(v)["output"]
    ]
    known = {label(v) for v in network.nodes if network.node(v)["country"] != coercer}
    if partners is None:
        players = tuple(dict.fromkeys(label(v) for v in sharing))
    else:
        players = tuple(dict.fromkeys(str(p) for p in partners))
        unknown = [p for p in players if p not in known]
        if unknown:
            raise InvalidGameError(
                f"partners {unknown} are not {plural(by)} of the network outside {coercer!r}; they "
                f"are {sorted(known)}"
            )
    if len(players) > max_partners:
        raise InvalidGameError(
            f"{len(players)} partners: the game runs the coercer's best restriction for all "
            f"2^n coalitions; at most {max_partners} (pass partners=... or max_partners=...)"
        )
    nodes_of = {p: [v for v in sharing if label(v) == p] for p in players}

    def damage(members: frozenset[str]) -> Any:
        withheld = [v for p in players if p not in members for v in nodes_of[p]]
        restricted = network.with_partner_capacity(0, nodes=withheld)
        return coercer_targets(restricted, coercer, criterion=criterion)["final_shortfall"].iloc[0]

    baseline = damage(frozenset())
    return CharacteristicFunctionGame.from_function(
        players,
        lambda members: baseline - damage(members),
        title=f"damage denied to {coercer} by shared spare capacity",
    )
