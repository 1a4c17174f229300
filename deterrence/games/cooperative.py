r"""Cooperative (transferable-utility) games: who a coalition cannot do without.

A *characteristic-function game* on players :math:`N = \{1, \dots, n\}` assigns every
coalition :math:`S \subseteq N` a worth :math:`v(S)`, with :math:`v(\varnothing) = 0`
(von Neumann and Morgenstern 1944). In the essays' reading :math:`v(S)` is the coercion
damage the partners in :math:`S` can deny when they pool capacity; a *simple* game has
:math:`v(S) \in \{0, 1\}` ("S can deny the coercer" or not). A *weighted quota game*
:math:`[q; w_1, \dots, w_n]` is the simple game in which :math:`S` wins when
:math:`\sum_{i \in S} w_i \ge q` (capacity shares against the shortfall the coercer imposes).

Coalitions are written as bitmasks (bit :math:`i` set when player :math:`i` belongs), as
iterables of player labels, or as boolean membership rows; the table of a game with
:math:`n` players is the vector :math:`(v(S))_{S=0}^{2^n-1}` indexed by bitmask.

Two representations share one interface (:class:`CoalitionalGame`):
:class:`CharacteristicFunctionGame` stores the whole table in exact rationals (up to
:data:`MAX_TABLE_PLAYERS` players); :class:`WeightedQuotaGame` stores weights and a quota and
evaluates any coalition on demand, so that values can be *sampled* for hundreds of players.
The solvers in :mod:`deterrence.solvers.cooperative` use only that interface.

References
----------
.. [1] J. von Neumann and O. Morgenstern, *Theory of Games and Economic Behavior*, 1944.
.. [2] L. S. Shapley and M. Shubik, "A method for evaluating the distribution of power in a
   committee system", *American Political Science Review* 48(3), 1954.
.. [3] M. Maschler, E. Solan and S. Zamir, *Game Theory*, Cambridge University Press, 2013,
   ch. 16-20.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import readonly, to_fraction

__all__ = [
    "CoalitionalGame",
    "CharacteristicFunctionGame",
    "WeightedQuotaGame",
    "MAX_TABLE_PLAYERS",
    "coalition_masks",
]

#: Most players for which a game's whole table (:math:`2^n` worths) is built.
MAX_TABLE_PLAYERS = 24


def _labels(players: Sequence[Any] | int, what: str = "players") -> tuple[str, ...]:
    if isinstance(players, int):
        if players < 1:
            raise InvalidGameError(f"{what}: a game needs at least one player, got {players}")
        return tuple(f"player {i + 1}" for i in range(players))
    labels = tuple(str(p) for p in players)
    if not labels:
        raise InvalidGameError(f"{what}: a game needs at least one player")
    if len(set(labels)) != len(labels):
        duplicated = sorted({x for x in labels if labels.count(x) > 1})
        raise InvalidGameError(f"{what}: player labels must be distinct; repeated {duplicated}")
    return labels


def coalition_masks(membership: np.ndarray) -> np.ndarray:
    """Bitmasks (int64) of coalitions given as boolean membership rows.

    Parameters
    ----------
    membership : array of bool, shape (m, n)
        Row ``k`` marks the members of coalition ``k``.

    Returns
    -------
    numpy.ndarray of int64, shape (m,)

    Examples
    --------
    >>> coalition_masks(np.array([[True, False, True], [False, True, False]])).tolist()
    [5, 2]
    """
    membership = np.asarray(membership, dtype=bool)
    powers = np.left_shift(np.int64(1), np.arange(membership.shape[-1], dtype=np.int64))
    return membership.astype(np.int64) @ powers


class CoalitionalGame:
    """The interface every cooperative game offers the solvers.

    Subclasses set ``players`` and implement :meth:`evaluate` (worths of a batch of
    coalitions, in floats) and :meth:`value` (one worth, exactly). The remaining methods have
    generic implementations that a subclass may replace by a faster one.

    Examples
    --------
    >>> game = WeightedQuotaGame([3, 2, 1], quota=4)
    >>> isinstance(game, CoalitionalGame), game.num_players
    (True, 3)
    """

    players: tuple[str, ...]
    #: The worth a coalition needs to count as denying the coercer (the default threshold of
    #: :func:`~deterrence.solvers.cooperative.indispensability`); ``None``: :math:`v(N)`, or
    #: winning in a simple game.
    threshold: Fraction | None = None

    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self.players)

    # ---------------------------------------------------------------- coalitions
    def mask(self, coalition: Iterable[Any] | int) -> int:
        """The bitmask of a coalition given by labels, indices or as a bitmask.

        Raises
        ------
        InvalidGameError
            For a label that is not a player or a bitmask out of range.

        Examples
        --------
        >>> WeightedQuotaGame([1, 1], 1, players=["a", "b"]).mask(["b"])
        2
        """
        n = self.num_players
        if isinstance(coalition, (int, np.integer)):
            if not 0 <= int(coalition) < (1 << n):
                raise InvalidGameError(
                    f"coalition bitmask {coalition} is out of range for {n} players"
                )
            return int(coalition)
        if isinstance(coalition, str):
            coalition = (coalition,)
        index = {p: i for i, p in enumerate(self.players)}
        mask = 0
        for member in coalition:
            if member not in index:
                raise InvalidGameError(
                    f"{member!r} is not a player; the players are {list(self.players)}"
                )
            mask |= 1 << index[member]
        return mask

    def members(self, mask: int) -> tuple[str, ...]:
        """The labels of the members of the coalition with bitmask ``mask``.

        Examples
        --------
        >>> WeightedQuotaGame([1, 1, 1], 2, players="abc").members(5)
        ('a', 'c')
        """
        return tuple(p for i, p in enumerate(self.players) if mask >> i & 1)

    # ---------------------------------------------------------------- worths
    def value(self, coalition: Iterable[Any] | int) -> Fraction:
        """The exact worth :math:`v(S)` of one coalition."""
        raise NotImplementedError

    def evaluate(self, membership: np.ndarray) -> np.ndarray:
        """Worths (float) of a batch of coalitions given as boolean rows, shape (m, n)."""
        raise NotImplementedError

    def table(self) -> np.ndarray:
        """The worth of every coalition as floats, indexed by bitmask (length :math:`2^n`).

        Raises
        ------
        InvalidGameError
            For more than :data:`MAX_TABLE_PLAYERS` players.
        """
        n = self._check_table_size()
        masks = np.arange(1 << n, dtype=np.int64)
        membership = (masks[:, None] >> np.arange(n)) & 1
        return readonly(np.asarray(self.evaluate(membership.astype(bool)), dtype=float))

    def exact_table(self) -> tuple[Fraction, ...]:
        """The worth of every coalition as fractions, indexed by bitmask."""
        n = self._check_table_size()
        return tuple(self.value(mask) for mask in range(1 << n))

    def integer_table(self) -> tuple[np.ndarray, int]:
        """The worths as integers over a common denominator: ``(table, denominator)`` with
        :math:`v(S)` = ``table[S] / denominator``; ``table`` is float64 when every partial
        sum of :math:`2^n` entries is exact in floats, else an object array of ints.

        Examples
        --------
        >>> CharacteristicFunctionGame.from_array(1, [0, "1/2"]).integer_table()
        (array([0., 1.]), 2)
        """
        return scaled_integers(self.exact_table())

    def _check_table_size(self) -> int:
        n = self.num_players
        if n > MAX_TABLE_PLAYERS:
            raise InvalidGameError(
                f"the game has {n} players; tables of all 2^n coalitions are built for at "
                f"most {MAX_TABLE_PLAYERS} (use sampling: method='sample')"
            )
        return n

    def order_contributions(self, orders: np.ndarray) -> np.ndarray:
        """Each player's marginal contribution in each of a batch of orderings.

        Parameters
        ----------
        orders : array of int, shape (m, n)
            Row ``k`` is a permutation of the player indices (the order of arrival).

        Returns
        -------
        numpy.ndarray of float, shape (m, n)
            Entry ``[k, i]``: :math:`v(P \\cup \\{i\\}) - v(P)` with :math:`P` the players
            before ``i`` in order ``k``.
        """
        orders = np.asarray(orders, dtype=np.int64)
        m, n = orders.shape
        membership = np.zeros((m, n + 1, n), dtype=bool)
        rows = np.arange(m)
        for position in range(n):
            membership[:, position + 1] = membership[:, position]
            membership[rows, position + 1, orders[:, position]] = True
        worths = self.evaluate(membership.reshape(m * (n + 1), n)).reshape(m, n + 1)
        contributions = np.empty((m, n))
        contributions[rows[:, None], orders] = np.diff(worths, axis=1)
        return contributions

    def swing_contributions(self, membership: np.ndarray) -> np.ndarray:
        r"""Each player's swing :math:`v(S \cup \{i\}) - v(S \setminus \{i\})` for a batch
        of coalitions (boolean rows, shape (m, n)); returns floats of shape (m, n)."""
        membership = np.asarray(membership, dtype=bool)
        m, n = membership.shape
        with_i = np.repeat(membership[:, None, :], n, axis=1)
        without_i = with_i.copy()
        diagonal = np.arange(n)
        with_i[:, diagonal, diagonal] = True
        without_i[:, diagonal, diagonal] = False
        both = np.concatenate([with_i.reshape(m * n, n), without_i.reshape(m * n, n)])
        worths = self.evaluate(both)
        return (worths[: m * n] - worths[m * n :]).reshape(m, n)

    def is_simple(self) -> bool:
        """Whether every worth is 0 or 1 (a voting game: a coalition wins or it does not)."""
        table = self.table()
        return bool(np.all((table == 0) | (table == 1)))

    def smallest_winning_size(self, excluding: int | None = None) -> int | None:
        """The fewest members of a coalition worth :math:`v(N)` (``None`` if none exists),
        optionally among coalitions without player index ``excluding``.

        Examples
        --------
        >>> game = WeightedQuotaGame([3, 2, 1, 1], quota=4)
        >>> game.smallest_winning_size(), game.smallest_winning_size(excluding=0)
        (2, 3)
        """
        n = self.num_players
        table = self.table()
        grand = table[-1]
        masks = np.arange(1 << n, dtype=np.int64)
        winning = table >= grand - 1e-12 * max(1.0, abs(grand))
        if excluding is not None:
            winning &= (masks >> excluding & 1) == 0
        if not winning.any():
            return None
        sizes = popcounts(n)
        return int(sizes[winning].min())


def scaled_integers(values: Sequence[Fraction]) -> tuple[np.ndarray, int]:
    """Fractions as integers over their common denominator (see
    :meth:`CoalitionalGame.integer_table`).

    Examples
    --------
    >>> scaled_integers([Fraction(1, 2), Fraction(1, 3)])
    (array([3., 2.]), 6)
    """
    denominator = math.lcm(*(v.denominator for v in values)) if values else 1
    integers = [int(v * denominator) for v in values]
    largest = max((abs(x) for x in integers), default=0)
    if largest * max(len(integers), 1) < 2**53:
        return np.array(integers, dtype=float), denominator
    return np.array(integers, dtype=object), denominator


def popcounts(num_players: int) -> np.ndarray:
    """The number of members of every coalition, indexed by bitmask (int64, length 2^n).

    Examples
    --------
    >>> popcounts(3).tolist()
    [0, 1, 1, 2, 1, 2, 2, 3]
    """
    sizes = np.zeros(1, dtype=np.int64)
    for _ in range(num_players):
        sizes = np.concatenate([sizes, sizes + 1])
    return sizes


class CharacteristicFunctionGame(CoalitionalGame):
    r"""A transferable-utility game given by the worth of every coalition (exact rationals).

    Parameters
    ----------
    players : sequence of str or int
        Player labels (or a number of players, labelled ``"player 1"``, ...).
    values : sequence
        :math:`v(S)` for every bitmask :math:`S = 0, \dots, 2^n - 1` (bit ``i`` for player
        ``i``); numbers, fractions or strings such as ``"2/3"``. ``values[0]`` must be 0.
    title : str, optional
    threshold : number, optional
        The worth at which a coalition counts as denying the coercer (e.g. the smallest
        worth of a coalition that reaches a capacity quota), used by
        :func:`~deterrence.solvers.cooperative.indispensability`; default :math:`v(N)`.

    Raises
    ------
    InvalidGameError
        Wrong length, a non-number, :math:`v(\varnothing) \ne 0`, repeated labels or more
        than :data:`MAX_TABLE_PLAYERS` players.

    Notes
    -----
    Use the constructors :meth:`from_dict`, :meth:`from_function` and :meth:`from_array`.
    The game is immutable; worths are stored as fractions (:attr:`exact_values`) and as a
    read-only float table.

    Examples
    --------
    >>> game = CharacteristicFunctionGame.from_dict(
    ...     ["us", "japan", "eu"],
    ...     {("us",): 1, ("us", "japan"): 3, ("us", "eu"): 2, ("japan", "eu"): 1,
    ...      ("us", "japan", "eu"): 4}, default=0)
    >>> game.value(["japan", "us"]), game.num_players
    (Fraction(3, 1), 3)
    >>> game
    CharacteristicFunctionGame(players=('us', 'japan', 'eu'), v(N)=4)
    """

    def __init__(
        self,
        players: Sequence[Any] | int,
        values: Sequence[Any],
        *,
        title: str = "",
        threshold: Any = None,
    ) -> None:
        labels = _labels(players)
        n = len(labels)
        if n > MAX_TABLE_PLAYERS:
            raise InvalidGameError(
                f"a characteristic-function game stores all 2^n worths; {n} players exceeds "
                f"{MAX_TABLE_PLAYERS} (use WeightedQuotaGame or another compact game)"
            )
        values = list(values)
        if len(values) != 1 << n:
            raise InvalidGameError(
                f"values has length {len(values)}; expected 2^{n} = {1 << n} (one worth per "
                "coalition, indexed by bitmask)"
            )
        exact = tuple(to_fraction(v, what=f"worth of coalition {k}") for k, v in enumerate(values))
        if exact[0] != 0:
            raise InvalidGameError(
                f"the empty coalition must be worth 0, got v(empty) = {exact[0]}"
            )
        self.players = labels
        self.title = title
        self.threshold = None if threshold is None else to_fraction(threshold, what="threshold")
        self.exact_values = exact
        self._table = readonly(np.array([float(v) for v in exact]))
        self._integers: tuple[np.ndarray, int] | None = None

    # ---------------------------------------------------------------- constructors
    @classmethod
    def from_array(
        cls,
        players: Sequence[Any] | int,
        values: Sequence[Any] | np.ndarray,
        *,
        title: str = "",
        threshold: Any = None,
    ) -> CharacteristicFunctionGame:
        """The game from the vector of worths indexed by bitmask.

        Examples
        --------
        >>> CharacteristicFunctionGame.from_array(2, [0, 1, 1, 3]).value(3)
        Fraction(3, 1)
        """
        array = np.asarray(values, dtype=object).reshape(-1)
        return cls(players, list(array), title=title, threshold=threshold)

    @classmethod
    def from_function(
        cls,
        players: Sequence[Any] | int,
        worth: Callable[[frozenset[str]], Any],
        *,
        title: str = "",
        threshold: Any = None,
    ) -> CharacteristicFunctionGame:
        """The game whose coalition ``S`` is worth ``worth(frozenset of labels)``.

        ``worth`` is not called for the empty coalition (worth 0); ``title`` and
        ``threshold`` as in the constructor.

        Examples
        --------
        >>> game = CharacteristicFunctionGame.from_function(
        ...     3, lambda members: len(members) ** 2)
        >>> game.value(["player 1", "player 3"])
        Fraction(4, 1)
        """
        labels = _labels(players)
        if len(labels) > MAX_TABLE_PLAYERS:
            raise InvalidGameError(
                f"{len(labels)} players: a table of 2^n worths is built for at most "
                f"{MAX_TABLE_PLAYERS}"
            )
        values: list[Any] = [0]
        for mask in range(1, 1 << len(labels)):
            members = frozenset(p for i, p in enumerate(labels) if mask >> i & 1)
            values.append(worth(members))
        return cls(labels, values, title=title, threshold=threshold)

    @classmethod
    def from_dict(
        cls,
        players: Sequence[Any] | int,
        worths: Mapping[Any, Any],
        *,
        default: Any = None,
        title: str = "",
    ) -> CharacteristicFunctionGame:
        """The game from ``{coalition: worth}`` (coalitions as tuples or sets of labels).

        Parameters
        ----------
        players : sequence of str or int
        worths : mapping
            Keys are coalitions (iterables of labels; a single label stands for itself);
            the empty coalition may be given (worth 0).
        default : number, optional
            The worth of coalitions missing from ``worths``; without it every non-empty
            coalition must be given.
        title : str, optional

        Raises
        ------
        InvalidGameError
            An unknown label, a coalition given twice, or a missing coalition without
            ``default``.

        Examples
        --------
        >>> game = CharacteristicFunctionGame.from_dict("ab", {"a": 1, "b": 0, ("a", "b"): 2})
        >>> game.value(["a", "b"])
        Fraction(2, 1)
        """
        labels = _labels(players)
        probe = WeightedQuotaGame([1] * len(labels), 1, players=labels)
        values: list[Any] = [None] * (1 << len(labels))
        values[0] = 0
        for coalition, worth in worths.items():
            members = (coalition,) if coalition in labels else coalition
            mask = probe.mask(members)
            if mask and values[mask] is not None:
                raise InvalidGameError(f"coalition {probe.members(mask)} is given twice in worths")
            if mask == 0 and to_fraction(worth, what="worth of the empty coalition") != 0:
                raise InvalidGameError(f"the empty coalition must be worth 0, got {worth}")
            values[mask] = worth
        missing = [mask for mask, v in enumerate(values) if v is None]
        if missing and default is None:
            raise InvalidGameError(
                f"worths gives no value for {len(missing)} coalition(s), e.g. "
                f"{probe.members(missing[0])}; pass default=... to fill them"
            )
        for mask in missing:
            values[mask] = default
        return cls(labels, values, title=title)

    # ---------------------------------------------------------------- the interface
    def value(self, coalition: Iterable[Any] | int) -> Fraction:
        """The exact worth of a coalition (labels or bitmask).

        Examples
        --------
        >>> CharacteristicFunctionGame.from_array("ab", [0, 1, 2, 4]).value("b")
        Fraction(2, 1)
        """
        return self.exact_values[self.mask(coalition)]

    def evaluate(self, membership: np.ndarray) -> np.ndarray:
        """Worths (float) of coalitions given as boolean membership rows.

        Examples
        --------
        >>> game = CharacteristicFunctionGame.from_array("ab", [0, 1, 2, 4])
        >>> game.evaluate(np.array([[True, True], [False, True]])).tolist()
        [4.0, 2.0]
        """
        return self._table[coalition_masks(membership)]

    def table(self) -> np.ndarray:
        """The float table of worths indexed by bitmask (read-only)."""
        return self._table

    def exact_table(self) -> tuple[Fraction, ...]:
        """The worths as fractions indexed by bitmask."""
        return self.exact_values

    def integer_table(self) -> tuple[np.ndarray, int]:
        """The worths as integers over a common denominator (computed once)."""
        if self._integers is None:
            self._integers = scaled_integers(self.exact_values)
        return self._integers

    def replace(self, **changes: Any) -> CharacteristicFunctionGame:
        """A copy with ``players``, ``values``, ``title`` or ``threshold`` changed.

        Examples
        --------
        >>> CharacteristicFunctionGame.from_array(1, [0, 5]).replace(title="alone").title
        'alone'
        """
        fields: dict[str, Any] = {
            "players": self.players,
            "values": self.exact_values,
            "title": self.title,
            "threshold": self.threshold,
        }
        unknown = set(changes) - set(fields)
        if unknown:
            raise InvalidGameError(f"cannot replace {sorted(unknown)}; fields are {list(fields)}")
        fields.update(changes)
        return CharacteristicFunctionGame(
            fields["players"],
            fields["values"],
            title=fields["title"],
            threshold=fields["threshold"],
        )

    def __add__(self, other: CharacteristicFunctionGame) -> CharacteristicFunctionGame:
        """The sum game :math:`(v + w)(S) = v(S) + w(S)` (same players)."""
        if not isinstance(other, CharacteristicFunctionGame) or other.players != self.players:
            return NotImplemented
        return CharacteristicFunctionGame(
            self.players, [a + b for a, b in zip(self.exact_values, other.exact_values)]
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CharacteristicFunctionGame) and (
            self.players,
            self.exact_values,
            self.threshold,
        ) == (other.players, other.exact_values, other.threshold)

    def __hash__(self) -> int:
        return hash((self.players, self.exact_values, self.threshold))

    def __repr__(self) -> str:
        return f"CharacteristicFunctionGame(players={self.players}, v(N)={self.exact_values[-1]})"


class WeightedQuotaGame(CoalitionalGame):
    r"""The weighted voting game :math:`[q; w_1, \dots, w_n]`: a coalition wins (worth 1)
    when its members' weights sum to at least the quota.

    Parameters
    ----------
    weights : sequence of numbers
        Non-negative weights (capacity, share of supply, votes), exact or float.
    quota : number
        Positive; a coalition with total weight :math:`\ge q` wins.
    players : sequence of str, optional
        Labels (default ``"player 1"``, ...).
    title : str, optional

    Raises
    ------
    InvalidGameError
        Negative or non-finite weights, a non-positive quota, or labels of the wrong number.

    Notes
    -----
    Worths are computed on demand, so the game has no size limit; exact values of the
    :math:`2^n` table need :math:`n \le` :data:`MAX_TABLE_PLAYERS`. Sampling uses
    :meth:`order_contributions` (the pivot of each ordering from a cumulative sum) and
    :meth:`swing_contributions` (one total per sampled coalition), :math:`O(mn)` each.

    Examples
    --------
    >>> game = WeightedQuotaGame([50, 30, 20], quota=51, players=["a", "b", "c"])
    >>> game.value(["a", "c"]), game.value(["b", "c"])
    (Fraction(1, 1), Fraction(0, 1))
    >>> game.to_characteristic_function().exact_values[-1]
    Fraction(1, 1)
    """

    def __init__(
        self,
        weights: Sequence[Any],
        quota: Any,
        *,
        players: Sequence[Any] | None = None,
        title: str = "",
    ) -> None:
        weights = list(weights)
        labels = _labels(len(weights) if players is None else players)
        if len(labels) != len(weights):
            raise InvalidGameError(f"{len(labels)} player labels for {len(weights)} weights")
        exact = tuple(to_fraction(w, what=f"weight of {p!r}") for p, w in zip(labels, weights))
        negative = [p for p, w in zip(labels, exact) if w < 0]
        if negative:
            raise InvalidGameError(f"weights must be non-negative; negative for {negative}")
        self.quota = to_fraction(quota, what="quota")
        if self.quota <= 0:
            raise InvalidGameError(f"quota must be positive, got {self.quota}")
        self.players = labels
        self.weights = exact
        self.title = title
        self._weights = readonly(np.array([float(w) for w in exact]))
        # integer weights (common denominator) make float sums exact in the fast paths
        scale = math.lcm(*(w.denominator for w in (*exact, self.quota)))
        self._integer = sum(exact) * scale < 2**52
        self._scaled = readonly(
            np.array([int(w * scale) for w in exact], dtype=float)
            if self._integer
            else self._weights
        )
        self._scaled_quota = float(self.quota * scale) if self._integer else float(self.quota)

    def value(self, coalition: Iterable[Any] | int) -> Fraction:
        """1 if the coalition's weight reaches the quota, else 0.

        Examples
        --------
        >>> WeightedQuotaGame([2, 1], 2).value(["player 2"])
        Fraction(0, 1)
        """
        mask = self.mask(coalition)
        total = sum((w for i, w in enumerate(self.weights) if mask >> i & 1), Fraction(0))
        return Fraction(int(total >= self.quota))

    def evaluate(self, membership: np.ndarray) -> np.ndarray:
        """Worths (0.0 or 1.0) of coalitions given as boolean rows.

        Examples
        --------
        >>> WeightedQuotaGame([2, 1], 2).evaluate(np.array([[True, False], [False, True]]))
        array([1., 0.])
        """
        totals = np.asarray(membership, dtype=bool) @ self._scaled
        return (totals >= self._scaled_quota).astype(float)

    def order_contributions(self, orders: np.ndarray) -> np.ndarray:
        """Marginal contributions in each ordering: 1 for the pivot, who brings the running
        weight to the quota, else 0 (see :meth:`CoalitionalGame.order_contributions`).

        Examples
        --------
        >>> WeightedQuotaGame([2, 1, 1], 3).order_contributions(np.array([[1, 0, 2]]))
        array([[1., 0., 0.]])
        """
        orders = np.asarray(orders, dtype=np.int64)
        m, n = orders.shape
        running = np.cumsum(self._scaled[orders], axis=1)
        reached = running >= self._scaled_quota
        contributions = np.zeros((m, n))
        rows = np.flatnonzero(reached[:, -1])
        pivots = np.argmax(reached[rows], axis=1)
        contributions[rows, orders[rows, pivots]] = 1.0
        return contributions

    def swing_contributions(self, membership: np.ndarray) -> np.ndarray:
        r"""Swings (0 or 1): player ``i`` is decisive for :math:`S` when
        :math:`w(S \setminus i) < q \le w(S \setminus i) + w_i`.

        Examples
        --------
        >>> WeightedQuotaGame([2, 1], 2).swing_contributions(np.array([[True, True]]))
        array([[1., 0.]])
        """
        membership = np.asarray(membership, dtype=bool)
        totals = membership @ self._scaled
        without = totals[:, None] - membership * self._scaled
        return (
            (without < self._scaled_quota) & (without + self._scaled >= self._scaled_quota)
        ).astype(float)

    def is_simple(self) -> bool:
        """Always true (worths are 0 or 1)."""
        return True

    def table(self) -> np.ndarray:
        """The worths (0.0 or 1.0) of all :math:`2^n` coalitions, indexed by bitmask (the
        totals built by doubling, :math:`O(2^n)`).

        Examples
        --------
        >>> WeightedQuotaGame([2, 1], 2).table().tolist()
        [0.0, 1.0, 0.0, 1.0]
        """
        self._check_table_size()
        totals = np.zeros(1)
        for weight in self._scaled:
            totals = np.concatenate([totals, totals + weight])
        return readonly((totals >= self._scaled_quota).astype(float))

    def integer_table(self) -> tuple[np.ndarray, int]:
        """The 0/1 worths (already integers, denominator 1)."""
        return self.table(), 1

    def smallest_winning_size(self, excluding: int | None = None) -> int | None:
        """Fewest members of a winning coalition (greedy: heaviest first), optionally
        without player index ``excluding``; ``None`` when no coalition wins.

        Examples
        --------
        >>> WeightedQuotaGame([5, 1, 1], 6).smallest_winning_size(excluding=0) is None
        True
        """
        weights = [w for i, w in enumerate(self.weights) if i != excluding]
        total = Fraction(0)
        for count, weight in enumerate(sorted(weights, reverse=True), start=1):
            total += weight
            if total >= self.quota:
                return count
        return None

    def to_characteristic_function(self) -> CharacteristicFunctionGame:
        """The same game as a table of worths (at most :data:`MAX_TABLE_PLAYERS` players).

        Examples
        --------
        >>> WeightedQuotaGame([1, 1], 2).to_characteristic_function().exact_values
        (Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1))
        """
        return CharacteristicFunctionGame(
            self.players, [int(x) for x in self.table()], title=self.title
        )

    def __repr__(self) -> str:
        weights = ", ".join(str(w) for w in self.weights[:8])
        more = ", ..." if self.num_players > 8 else ""
        return f"WeightedQuotaGame([{self.quota}; {weights}{more}], {self.num_players} players)"
