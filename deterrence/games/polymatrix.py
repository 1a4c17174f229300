r"""Polymatrix (network) games: players on a graph, each edge a bimatrix game.

A polymatrix game (Janovskaya 1968; Howson 1972) has players :math:`i \in V` on a graph
:math:`G = (V, E)`; player :math:`i` chooses one of :math:`m_i` strategies, and each edge
:math:`\{i, j\} \in E` carries a two-player game with matrices :math:`A_{ij}` (:math:`i`'s
payoffs, rows :math:`i`'s strategies, columns :math:`j`'s) and :math:`A_{ji}`. Player
:math:`i`'s payoff is the sum over its neighbours,

.. math:: u_i(s) = \sum_{j \in N(i)} A_{ij}[s_i, s_j],

and for mixed strategies :math:`u_i(x) = \sum_j x_i^\top A_{ij} x_j`. The representation
needs :math:`\sum_{ij \in E} 2 m_i m_j` numbers instead of :math:`n \prod_i m_i`, which is
what lets the solvers in :mod:`deterrence.solvers.polymatrix` handle thousands of players.

Bilateral dependency is the essays' reading: each edge is a supply relationship (the row
partner's payoff from complying with or resisting pressure, given what its counterpart
does); a coercer is a node whose edges it may *cut* (an export control severs the
relationship), :meth:`PolymatrixGame.without_edges`.

References
----------
.. [1] E. B. Janovskaya, "Equilibrium points in polymatrix games", *Litovsk. Mat. Sb.* 8,
   1968.
.. [2] J. T. Howson Jr., "Equilibria of polymatrix games", *Management Science* 18(5), 1972.
.. [3] Y. Cai, O. Candogan, C. Daskalakis and C. Papadimitriou, "Zero-sum polymatrix games:
   a generalization of minmax", *Mathematics of Operations Research* 41(2), 2016.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import as_float_array, as_payoff_array, readonly
from deterrence.games.normal_form import NormalFormGame

__all__ = ["PolymatrixGame", "MAX_EXPANDED_PROFILES"]

#: Most pure profiles of the expanded normal form (:meth:`PolymatrixGame.to_normal_form`).
MAX_EXPANDED_PROFILES = 1 << 16


class PolymatrixGame:
    r"""A game on a graph whose every edge is a bimatrix game.

    Parameters
    ----------
    strategies : mapping
        ``{player: strategy labels}`` (at least one strategy each), in player order.
    edges : mapping
        ``{(i, j): (A, B)}``: ``A`` is ``i``'s payoff matrix and ``B`` is ``j``'s, both of
        shape ``(m_i, m_j)`` (rows ``i``'s strategies, columns ``j``'s; the bimatrix
        convention). Each unordered pair at most once; no self-loops.
    title : str, optional

    Raises
    ------
    InvalidGameError
        Unknown players, wrong shapes, NaN or infinite payoffs, self-loops, an edge given
        twice or a player without strategies.

    Notes
    -----
    Payoffs are exact when every entry is (ints, fractions); the float copies feed the
    solvers. Immutable: :meth:`without_edges`, :meth:`isolate` and :meth:`replace` return new
    games.

    Examples
    --------
    >>> trust = [[3, 0], [2, 1]]  # a stag hunt on each edge
    >>> game = PolymatrixGame(
    ...     {"us": ("share", "hoard"), "japan": ("share", "hoard"), "eu": ("share", "hoard")},
    ...     {("us", "japan"): (trust, np.transpose(trust)),
    ...      ("us", "eu"): (trust, np.transpose(trust))})
    >>> game.num_players, game.num_edges, game.neighbours("us")
    (3, 2, ('japan', 'eu'))
    >>> game.payoff({"us": "share", "japan": "share", "eu": "hoard"})
    {'us': Fraction(3, 1), 'japan': Fraction(3, 1), 'eu': Fraction(2, 1)}
    """

    def __init__(
        self,
        strategies: Mapping[Any, Sequence[Any]],
        edges: Mapping[tuple[Any, Any], tuple[Any, Any]],
        *,
        title: str = "",
    ) -> None:
        players = tuple(str(p) for p in strategies)
        if not players:
            raise InvalidGameError("a polymatrix game needs at least one player")
        if len(set(players)) != len(players):
            raise InvalidGameError(f"player labels must be distinct: {list(players)}")
        labels = tuple(tuple(str(s) for s in strategies[p]) for p in strategies)
        for player, own in zip(players, labels):
            if not own:
                raise InvalidGameError(f"player {player!r} has no strategies")
        index = {p: k for k, p in enumerate(players)}
        matrices: dict[tuple[int, int], np.ndarray] = {}
        exact = True
        for key, pair in edges.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise InvalidGameError(f"edge {key!r}: expected a pair of players (i, j)")
            i_label, j_label = (str(key[0]), str(key[1]))
            for label in (i_label, j_label):
                if label not in index:
                    raise InvalidGameError(
                        f"edge {key!r}: {label!r} is not a player; the players are "
                        f"{list(players)[:10]}"
                    )
            i, j = index[i_label], index[j_label]
            if i == j:
                raise InvalidGameError(f"edge {key!r} is a self-loop")
            if (i, j) in matrices:
                raise InvalidGameError(f"edge {key!r} is given twice")
            if isinstance(pair, NormalFormGame):
                pair = (pair.payoff_matrix(0), pair.payoff_matrix(1))
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise InvalidGameError(
                    f"edge {key!r}: expected (A, B), the two players' payoff matrices"
                )
            shape = (len(labels[i]), len(labels[j]))
            for owner, data in zip((i_label, j_label), pair):
                array, is_exact = as_payoff_array(data, what=f"edge {key!r} payoffs of {owner!r}")
                if array.shape != shape:
                    raise InvalidGameError(
                        f"edge {key!r}: payoffs of {owner!r} have shape {array.shape}; "
                        f"expected {shape} (rows {i_label!r}'s strategies, columns "
                        f"{j_label!r}'s)"
                    )
                exact = exact and is_exact
                if owner == i_label:
                    matrices[(i, j)] = array
                else:
                    matrices[(j, i)] = array.T
        self.players = players
        self.strategies = labels
        self.title = title
        self.is_exact = exact
        self._index = index
        self._sizes = tuple(len(s) for s in labels)
        self._matrices = {
            k: readonly(v if exact else as_float_array(v)) for k, v in matrices.items()
        }
        self._floats = {k: readonly(as_float_array(v)) for k, v in matrices.items()}
        self.edges = tuple(
            dict.fromkeys(
                tuple(sorted((players[i], players[j]), key=index.__getitem__))
                for (i, j) in matrices
            )
        )
        adjacency: list[list[int]] = [[] for _ in players]
        for i, j in matrices:
            adjacency[i].append(j)
        self._adjacency = tuple(tuple(sorted(a)) for a in adjacency)

    # ---------------------------------------------------------------- structure
    @property
    def num_players(self) -> int:
        """The number of players (nodes)."""
        return len(self.players)

    @property
    def num_edges(self) -> int:
        """The number of edges (bilateral games)."""
        return len(self.edges)

    @property
    def num_strategies(self) -> tuple[int, ...]:
        """Strategies per player."""
        return self._sizes

    def index(self, player: Any) -> int:
        """The position of a player.

        Raises
        ------
        InvalidGameError
            For a label that is not a player.

        Examples
        --------
        >>> PolymatrixGame({"a": ["x"], "b": ["y"]}, {}).index("b")
        1
        """
        try:
            return self._index[str(player)]
        except KeyError:
            raise InvalidGameError(f"{player!r} is not a player") from None

    def neighbours(self, player: Any) -> tuple[str, ...]:
        """The players ``player`` shares an edge with, in player order."""
        return tuple(self.players[j] for j in self._adjacency[self.index(player)])

    def neighbour_indices(self, position: int) -> tuple[int, ...]:
        """The positions of player ``position``'s neighbours (for the solvers)."""
        return self._adjacency[position]

    def matrix(self, player: Any, other: Any, *, exact: bool = False) -> np.ndarray:
        """``player``'s payoff matrix against ``other`` (rows: ``player``'s strategies).

        Raises
        ------
        InvalidGameError
            When the two are not neighbours.

        Examples
        --------
        >>> game = PolymatrixGame({"a": ["x", "y"], "b": ["z"]},
        ...                       {("a", "b"): ([[1], [2]], [[3], [4]])})
        >>> game.matrix("b", "a").tolist()
        [[Fraction(3, 1), Fraction(4, 1)]]
        """
        key = (self.index(player), self.index(other))
        if key not in self._matrices:
            raise InvalidGameError(f"{player!r} and {other!r} are not neighbours")
        return self._matrices[key] if exact or self.is_exact else self._floats[key]

    def float_matrix(self, position: int, other: int) -> np.ndarray:
        """The float payoff matrix of player ``position`` against ``other`` (positions)."""
        return self._floats[(position, other)]

    # ---------------------------------------------------------------- payoffs
    def payoff(self, profile: Mapping[str, Any]) -> dict[str, Any]:
        """Every player's payoff at a pure profile ``{player: strategy label}`` or a mixed
        one ``{player: probabilities}``.

        Raises
        ------
        InvalidGameError
            A missing player or an unknown strategy.
        """
        vectors = self.profile_vectors(profile)
        exact = self.is_exact and all(v.dtype == object for v in vectors)
        result = {}
        for i, player in enumerate(self.players):
            total: Any = 0
            for j in self._adjacency[i]:
                matrix = self._matrices[(i, j)] if exact else self._floats[(i, j)]
                total = total + vectors[i] @ matrix @ vectors[j]
            result[player] = total
        return result

    def profile_vectors(self, profile: Mapping[str, Any]) -> list[np.ndarray]:
        """A profile as one probability vector per player (object arrays of 0/1 for pure).

        Examples
        --------
        >>> game = PolymatrixGame({"a": ["x", "y"]}, {})
        >>> game.profile_vectors({"a": "y"})[0].tolist()
        [Fraction(0, 1), Fraction(1, 1)]
        """
        from fractions import Fraction

        vectors = []
        for player, own in zip(self.players, self.strategies):
            if player not in profile:
                raise InvalidGameError(f"the profile gives no strategy for {player!r}")
            choice = profile[player]
            if isinstance(choice, str):
                if choice not in own:
                    raise InvalidGameError(
                        f"{choice!r} is not a strategy of {player!r}; choose from {list(own)}"
                    )
                vector = np.array([Fraction(int(s == choice)) for s in own], dtype=object)
            else:
                vector = np.asarray(choice)
                if vector.dtype != object:
                    vector = vector.astype(float)
                if vector.shape != (len(own),):
                    raise InvalidGameError(
                        f"{player!r}: {len(vector)} probabilities for {len(own)} strategies"
                    )
            vectors.append(vector)
        return vectors

    # ---------------------------------------------------------------- transformations
    def without_edges(self, edges: Iterable[tuple[Any, Any]]) -> PolymatrixGame:
        """The game with some edges cut (the coercer's export controls).

        Raises
        ------
        InvalidGameError
            For a pair that is not an edge.

        Examples
        --------
        >>> game = PolymatrixGame({"a": ["x"], "b": ["y"]}, {("a", "b"): ([[1]], [[1]])})
        >>> game.without_edges([("b", "a")]).num_edges
        0
        """
        cut = set()
        for u, v in edges:
            i, j = self.index(u), self.index(v)
            if (i, j) not in self._matrices:
                raise InvalidGameError(f"({u!r}, {v!r}) is not an edge")
            cut |= {(i, j), (j, i)}
        return self._rebuild({k: m for k, m in self._matrices.items() if k not in cut})

    def isolate(self, player: Any) -> PolymatrixGame:
        """The game with every edge of ``player`` cut (a coercer cutting all its ties)."""
        i = self.index(player)
        return self._rebuild({k: m for k, m in self._matrices.items() if i not in k})

    def replace(self, **changes: Any) -> PolymatrixGame:
        """A copy with ``title`` changed."""
        if set(changes) - {"title"}:
            raise InvalidGameError(f"cannot replace {sorted(set(changes) - {'title'})}")
        return self._rebuild(dict(self._matrices), title=changes.get("title", self.title))

    def _rebuild(
        self, matrices: Mapping[tuple[int, int], np.ndarray], title: str | None = None
    ) -> PolymatrixGame:
        edges = {
            (self.players[i], self.players[j]): (m, matrices[(j, i)].T)
            for (i, j), m in matrices.items()
            if i < j
        }
        return PolymatrixGame(
            dict(zip(self.players, self.strategies)),
            edges,
            title=self.title if title is None else title,
        )

    def to_normal_form(self) -> NormalFormGame:
        """The expanded normal form (every pure profile; at most
        :data:`MAX_EXPANDED_PROFILES` profiles), for cross-checks with
        :func:`deterrence.solve`.

        Raises
        ------
        InvalidGameError
            When the expanded game would be too large.

        Examples
        --------
        >>> game = PolymatrixGame({"a": ["x", "y"], "b": ["x", "y"]},
        ...                       {("a", "b"): ([[1, 0], [0, 1]], [[1, 0], [0, 1]])})
        >>> game.to_normal_form().payoff_matrix("a").tolist()
        [[Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 1)]]
        """
        sizes = self.num_strategies
        if math.prod(sizes) > MAX_EXPANDED_PROFILES:
            raise InvalidGameError(
                f"the expanded normal form has {math.prod(sizes)} profiles; at most "
                f"{MAX_EXPANDED_PROFILES} are written out"
            )
        n = self.num_players
        dtype = object if self.is_exact else float
        payoffs = np.zeros((n, *sizes), dtype=dtype)
        for (i, j), matrix in self._matrices.items():
            shape = [1] * n
            shape[i], shape[j] = sizes[i], sizes[j]
            block = matrix if i < j else matrix.T
            payoffs[i] = payoffs[i] + np.asarray(block, dtype=dtype).reshape(shape)
        return NormalFormGame(
            payoffs, players=self.players, strategies=self.strategies, title=self.title
        )

    # ---------------------------------------------------------------- networkx
    @classmethod
    def from_networkx(
        cls,
        graph: Any,
        *,
        strategies: Sequence[Any] | None = None,
        payoffs: str = "payoffs",
        title: str = "",
    ) -> PolymatrixGame:
        """A polymatrix game from a ``networkx`` graph.

        Parameters
        ----------
        graph : networkx.Graph
            Nodes may carry ``"strategies"`` (labels); every edge carries, under the key
            ``payoffs``, either a mapping ``{node: matrix}`` (each endpoint's matrix with its
            own strategies as rows) or a pair ``(A, B)`` in the edge's ``(u, v)`` order.
        strategies : sequence, optional
            Strategy labels for nodes without a ``"strategies"`` attribute.
        payoffs : str, default "payoffs"
            The edge attribute holding the payoffs.
        title : str, optional

        Returns
        -------
        PolymatrixGame

        Raises
        ------
        InvalidGameError
            A node without strategies, an edge without payoffs, or a directed graph.

        Examples
        --------
        >>> import networkx as nx
        >>> graph = nx.path_graph(3)
        >>> for u, v in graph.edges:
        ...     graph.edges[u, v]["payoffs"] = {u: [[2, 0], [0, 1]], v: [[2, 0], [0, 1]]}
        >>> game = PolymatrixGame.from_networkx(graph, strategies=("a", "b"))
        >>> game.players, game.num_edges
        (('0', '1', '2'), 2)
        >>> sorted(game.to_networkx().edges)
        [('0', '1'), ('1', '2')]
        """
        if graph.is_directed():
            raise InvalidGameError("a polymatrix game's graph must be undirected")
        nodes = {}
        for node, data in graph.nodes(data=True):
            own = data.get("strategies", strategies)
            if own is None:
                raise InvalidGameError(
                    f"node {node!r} has no 'strategies' attribute and no default was given"
                )
            nodes[node] = tuple(own)
        edges = {}
        for u, v, data in graph.edges(data=True):
            if payoffs not in data:
                raise InvalidGameError(f"edge ({u!r}, {v!r}) has no {payoffs!r} attribute")
            pair = data[payoffs]
            if isinstance(pair, Mapping):
                edges[(u, v)] = (pair[u], np.transpose(np.asarray(pair[v], dtype=object)))
            else:
                edges[(u, v)] = tuple(pair)
        return cls(nodes, edges, title=title or str(graph.graph.get("name", "")))

    def to_networkx(self) -> Any:
        """The game as a ``networkx.Graph``: nodes carry ``"strategies"``, edges
        ``"payoffs"`` as ``{node: matrix}`` (each endpoint's own strategies as rows).

        Raises
        ------
        MissingDependencyError
            Without networkx.
        """
        import networkx as nx

        graph = nx.Graph(name=self.title)
        for player, own in zip(self.players, self.strategies):
            graph.add_node(player, strategies=own)
        for u, v in self.edges:
            i, j = self._index[u], self._index[v]
            graph.add_edge(u, v, payoffs={u: self._matrices[(i, j)], v: self._matrices[(j, i)]})
        return graph

    def __repr__(self) -> str:
        return (
            f"PolymatrixGame({self.title + ', ' if self.title else ''}"
            f"{self.num_players} players, {self.num_edges} edges)"
        )
