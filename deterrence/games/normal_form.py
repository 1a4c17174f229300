r"""Normal-form (strategic-form) games with any number of players.

A finite normal-form game is a tuple :math:`(N, (S_i)_{i \in N}, (u_i)_{i \in N})` of players
:math:`N = \{1, \dots, n\}`, non-empty finite strategy sets :math:`S_i` and payoff functions
:math:`u_i : S_1 \times \dots \times S_n \to \mathbb{R}`. A mixed strategy :math:`\sigma_i` is a
probability vector over :math:`S_i`; the expected payoff of a profile
:math:`\sigma = (\sigma_1, \dots, \sigma_n)` is
:math:`u_i(\sigma) = \sum_{s} u_i(s) \prod_j \sigma_j(s_j)`.

Here the payoffs are one array of shape ``(n, |S_1|, ..., |S_n|)``: ``payoffs[i][s]`` is
player ``i``'s payoff at pure profile ``s``. Games are immutable: the arrays are read-only and
changes go through :meth:`NormalFormGame.replace`, which validates again.

References
----------
.. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 2-3.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import InvalidGameError, InvalidProfileError
from deterrence.games._labels import default_or_checked_labels
from deterrence.games._numbers import as_float_array, as_payoff_array, readonly, to_fraction

__all__ = ["NormalFormGame", "Profile"]

#: A strategy profile: one entry per player, each a probability vector, a pure strategy index
#: or a strategy label.
Profile = Sequence[Any]


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class NormalFormGame:
    """An n-player finite game in strategic form with labelled players and strategies.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(num_players, s_1, ..., s_n)``; ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s
        payoff. Ints, ``Fraction``, ``Decimal`` and strings like ``"2/3"`` are held exactly;
        one float anywhere makes the game a float game.
    players : sequence of str, optional
        Player labels; default ``("player 1", "player 2", ...)``.
    strategies : sequence of sequences of str, optional
        Strategy labels per player; default ``("s1", "s2", ...)`` for each player.
    title : str, optional
        A human-readable name.

    Attributes
    ----------
    payoffs : numpy.ndarray
        Read-only; ``float64``, or ``object`` holding ``Fraction`` when :attr:`is_exact`.
    players : tuple of str
    strategies : tuple of tuple of str
    title : str

    Raises
    ------
    InvalidGameError
        On ragged or non-numeric payoffs, NaN or inf, empty strategy sets, fewer than one
        player, label counts that do not match the shape, or duplicate labels.

    See Also
    --------
    NormalFormGame.from_matrices : two-player constructor.
    NormalFormGame.from_payoffs : n-player constructor.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("bloc A", "bloc B"),
    ...     strategies=(("open", "friend-shore"), ("open", "friend-shore")),
    ...     title="economic security dilemma")
    >>> game.num_strategies
    (2, 2)
    >>> game.payoff_matrix("bloc A")[1, 0]
    Fraction(5, 1)
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "nash"

    # Fields carry the types stored after ``__post_init__`` normalises them; the constructor
    # accepts broader input (any sequences of labels, or ``None`` for defaults), as spelled out
    # by the type-checking-only ``__init__`` below.  The ``None`` defaults never survive
    # construction, hence the targeted ignores.
    payoffs: Any
    players: tuple[str, ...] = None  # type: ignore[assignment]
    strategies: tuple[tuple[str, ...], ...] = None  # type: ignore[assignment]
    title: str = ""

    if TYPE_CHECKING:

        def __init__(
            self,
            payoffs: Any,
            players: Sequence[str] | None = None,
            strategies: Sequence[Sequence[str]] | None = None,
            title: str = "",
        ) -> None: ...

    def __post_init__(self) -> None:
        raw = self.payoffs
        if isinstance(raw, NormalFormGame):
            raise InvalidGameError("payoffs is already a NormalFormGame; use game.replace(...)")
        array, _ = as_payoff_array(raw, what="payoffs")
        self._store(array)

    def _store(self, array: np.ndarray) -> None:
        """Check the shape of a converted payoff array and the labels; set the fields."""
        if array.ndim < 2:
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; expected (num_players, s_1, ..., s_n) "
                "with at least one player"
            )
        num_players = array.shape[0]
        if array.ndim - 1 != num_players:
            raise InvalidGameError(
                f"payoffs has shape {array.shape}: {num_players} payoff arrays for "
                f"{array.ndim - 1} strategy dimensions; expected shape (n, s_1, ..., s_n) with "
                "one payoff array per player"
            )
        if any(size == 0 for size in array.shape[1:]):
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; every player needs at least one strategy"
            )
        players, strategies = default_or_checked_labels(
            self.players, self.strategies, array.shape[1:]
        )
        if not isinstance(self.title, str):
            raise InvalidGameError(f"title must be a string, got {self.title!r}")
        object.__setattr__(self, "payoffs", readonly(array))
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_matrices(
        cls,
        row_payoffs: Any,
        column_payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build a two-player game from the row player's and the column player's matrices.

        Parameters
        ----------
        row_payoffs, column_payoffs : array_like
            Matrices of the same shape ``(m, n)``: payoffs of the row and column player.
        players, strategies, title
            As in :class:`NormalFormGame`.

        Returns
        -------
        NormalFormGame

        Raises
        ------
        InvalidGameError
            If either is not a matrix or the shapes differ.

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> game.num_players, game.num_strategies
        (2, (2, 2))
        """
        integral = [
            isinstance(m, np.ndarray) and m.dtype.kind in "iu" and m.ndim == 2
            for m in (row_payoffs, column_payoffs)
        ]
        if all(integral) and row_payoffs.shape == column_payoffs.shape and row_payoffs.size:
            # integer arrays: one Fraction per distinct value, integer and float forms kept
            stacked = np.stack([row_payoffs, column_payoffs])
            payoffs, integers, floats = _exact_from_integers(stacked, [1, 1])
            game = object.__new__(cls)
            for name, value in (("players", players), ("strategies", strategies), ("title", title)):
                object.__setattr__(game, name, value)
            game._store(payoffs)
            game.__dict__["integer_payoffs"] = integers
            game.__dict__["float_payoffs"] = floats
            return game
        first, exact_a = as_payoff_array(row_payoffs, what="row payoff matrix")
        second, exact_b = as_payoff_array(column_payoffs, what="column payoff matrix")
        label_a = f"player {players[0]!r}" if players else "the row player"
        label_b = f"player {players[1]!r}" if players and len(players) > 1 else "the column player"
        for name, matrix in ((label_a, first), (label_b, second)):
            if matrix.ndim != 2:
                raise InvalidGameError(
                    f"payoff for {name} has shape {matrix.shape}; expected a matrix"
                )
        if first.shape != second.shape:
            raise InvalidGameError(
                f"payoff for {label_b} has shape {second.shape}; expected {first.shape} "
                f"(the shape of {label_a}'s matrix)"
            )
        if exact_a != exact_b:  # one float matrix makes the game float
            first, second = as_float_array(first), as_float_array(second)
        stacked = np.stack([first, second])
        return cls(stacked, players=players, strategies=strategies, title=title)

    @classmethod
    def from_payoffs(
        cls,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build an n-player game from one array of shape ``(n, s_1, ..., s_n)``.

        Examples
        --------
        >>> import numpy as np
        >>> game = NormalFormGame.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int))
        >>> game.num_players, game.num_strategies
        (3, (2, 2, 2))
        """
        return cls(payoffs, players=players, strategies=strategies, title=title)

    @classmethod
    def zero_sum(
        cls,
        row_payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build the two-player zero-sum game in which the column player receives ``-A``.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        >>> game.payoff_matrix(1)[0, 1]
        Fraction(1, 1)
        """
        matrix, _ = as_payoff_array(row_payoffs, what="zero-sum payoff matrix")
        return cls.from_matrices(
            matrix, -matrix, players=players, strategies=strategies, title=title
        )

    @classmethod
    def from_nashpy(cls, game: Any, **labels: Any) -> NormalFormGame:
        """Build a game from a ``nashpy.Game``.

        Examples
        --------
        >>> import nashpy
        >>> NormalFormGame.from_nashpy(nashpy.Game([[1, 0], [0, 1]])).num_strategies
        (2, 2)
        """
        try:
            row, column = game.payoff_matrices
        except AttributeError:
            raise InvalidGameError(f"expected a nashpy.Game, got {type(game).__name__}") from None
        return cls.from_matrices(row, column, **labels)

    def to_nashpy(self) -> Any:
        """Return the equivalent ``nashpy.Game`` (two players; float matrices).

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> game.to_nashpy().zero_sum
        True
        """
        import nashpy

        self._require_two_players("to_nashpy")
        return nashpy.Game(self.float_payoffs[0], self.float_payoffs[1])

    def replace(self, **changes: Any) -> NormalFormGame:
        """Return a copy with some fields changed (validated again).

        Replacing only the payoffs by a finite ``float64`` array of the same shape skips the
        label checks (the labels are this game's, already valid): solvers normalise games
        this way on every call.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> game.replace(players=("attacker", "defender")).players
        ('attacker', 'defender')
        """
        payoffs = changes.get("payoffs")
        if (
            len(changes) == 1
            and isinstance(payoffs, np.ndarray)
            and payoffs.dtype == np.float64
            and payoffs.shape == self.payoffs.shape
            and bool(np.isfinite(payoffs).all())
        ):
            return self._validated_copy(readonly(payoffs.copy()))
        if "payoffs" in changes and changes["payoffs"] is not self.payoffs:
            return dataclasses.replace(self, **changes)
        return dataclasses.replace(self, payoffs=self.payoffs, **changes)

    def _validated_copy(self, payoffs: np.ndarray) -> NormalFormGame:
        """This game's labels and title with ``payoffs`` (a valid read-only payoff array)."""
        copy = object.__new__(type(self))
        for name, value in (
            ("payoffs", payoffs),
            ("players", self.players),
            ("strategies", self.strategies),
            ("title", self.title),
        ):
            object.__setattr__(copy, name, value)
        return copy

    @cached_property
    def integer_payoffs(self) -> tuple[np.ndarray, tuple[int, ...]]:
        """Exact payoffs as integers over one least common denominator per player.

        Returns
        -------
        numerators : numpy.ndarray
            Read-only object array of Python ints, the shape of :attr:`payoffs`.
        denominators : tuple of int
            One positive int per player: ``payoffs[i] == numerators[i] / denominators[i]``.

        Raises
        ------
        InvalidGameError
            For a float game.

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([["1/2", 1], [0, "3/4"]], [[2, 0], [0, 1]])
        >>> numerators, denominators = game.integer_payoffs
        >>> numerators[0].tolist(), denominators
        ([[2, 4], [0, 3]], (4, 1))
        """
        if not self.is_exact:
            raise InvalidGameError("integer_payoffs needs a game with exact payoffs")
        numerators = np.empty(self.payoffs.shape, dtype=object)
        denominators = []
        for i in range(self.num_players):
            values = self.payoffs[i].reshape(-1).tolist()
            common = math.lcm(*{value.denominator for value in values})
            if common == 1:
                numerators[i].reshape(-1)[:] = [value.numerator for value in values]
            else:
                numerators[i].reshape(-1)[:] = [
                    value.numerator * (common // value.denominator) for value in values
                ]
            denominators.append(common)
        return readonly(numerators), tuple(denominators)

    def with_integer_payoffs(self, numerators: Any, denominators: Any = 1) -> NormalFormGame:
        """A copy with exact payoffs ``numerators[i] / denominators[i]``, built fast.

        One ``Fraction`` is made per distinct value of each player (games with small
        integer payoffs repeat values), and :attr:`integer_payoffs` and :attr:`float_payoffs`
        come from the integers without a ``Fraction`` each.

        Parameters
        ----------
        numerators : array_like of int
            The shape of :attr:`payoffs`.
        denominators : int or sequence of int, default 1
            Positive; one per player, or one for all.

        Returns
        -------
        NormalFormGame
            Same labels and title.

        Raises
        ------
        InvalidGameError
            If the numerators are not integers of the right shape or a denominator is not a
            positive int.

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> halved = game.with_integer_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], 2)
        >>> halved.payoff_matrix(0).tolist()
        [[Fraction(3, 2), Fraction(0, 1)], [Fraction(5, 2), Fraction(1, 2)]]
        """
        array = np.asarray(numerators)
        if array.shape != self.payoffs.shape or not (
            array.dtype.kind in "iu"
            or (array.dtype == object and all(type(v) is int for v in array.reshape(-1).tolist()))
        ):
            raise InvalidGameError(
                f"numerators must be integers of shape {self.payoffs.shape}; got an array of "
                f"shape {array.shape} and dtype {array.dtype}"
            )
        count = self.num_players
        scales = [denominators] * count if np.ndim(denominators) == 0 else list(denominators)
        if len(scales) != count or not all(
            isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d > 0 for d in scales
        ):
            raise InvalidGameError(
                f"denominators must be one positive int or {count} of them, got {denominators!r}"
            )
        payoffs, integers, floats = _exact_from_integers(array, scales)
        game = self._validated_copy(payoffs)
        game.__dict__["integer_payoffs"] = integers
        game.__dict__["float_payoffs"] = floats
        return game

    # ------------------------------------------------------------------ basic facts
    @property
    def num_players(self) -> int:
        """Number of players."""
        return int(self.payoffs.shape[0])

    @property
    def num_strategies(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return self.payoffs.shape[1:]  # a tuple of ints

    @property
    def is_exact(self) -> bool:
        """Whether payoffs are held as exact rationals."""
        return self.payoffs.dtype == object

    @cached_property
    def float_payoffs(self) -> np.ndarray:
        """Payoffs as a read-only ``float64`` array (a copy for exact games)."""
        if not self.is_exact:
            return self.payoffs
        return readonly(as_float_array(self.payoffs))

    def player_index(self, player: int | str) -> int:
        """Return the index of ``player`` given as an index or a label.

        Examples
        --------
        >>> NormalFormGame.zero_sum([[1]], players=("a", "b")).player_index("b")
        1
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if not -self.num_players <= player < self.num_players:
                raise InvalidGameError(
                    f"player index {player} is out of range for {self.num_players} players"
                )
            return int(player) % self.num_players
        if isinstance(player, str) and player in self.players:
            return self.players.index(player)
        raise InvalidGameError(f"unknown player {player!r}; players are {list(self.players)}")

    def strategy_index(self, player: int | str, strategy: int | np.integer | str) -> int:
        """Return the index of one of ``player``'s strategies given as index or label."""
        i = self.player_index(player)
        labels = self.strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < len(labels):
                raise InvalidGameError(
                    f"strategy index {strategy} is out of range for player "
                    f"{self.players[i]!r} with {len(labels)} strategies"
                )
            return int(strategy)
        if isinstance(strategy, str) and strategy in labels:
            return labels.index(strategy)
        raise InvalidGameError(
            f"unknown strategy {strategy!r} of player {self.players[i]!r}; "
            f"strategies are {list(labels)}"
        )

    def payoff_matrix(self, player: int | str) -> np.ndarray:
        """Payoff array of one player, shape ``num_strategies`` (a matrix for two players).

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([[1, 2]], [[3, 4]], players=("r", "c"))
        >>> game.payoff_matrix("c").tolist()
        [[Fraction(3, 1), Fraction(4, 1)]]
        """
        return self.payoffs[self.player_index(player)]

    # ------------------------------------------------------------------ profiles
    def as_profile(self, profile: Profile, *, exact: bool | None = None) -> tuple[np.ndarray, ...]:
        """Validate a profile and return one probability vector per player.

        Each entry may be a probability vector, a pure strategy index or a strategy label.

        Parameters
        ----------
        profile : sequence
            One entry per player.
        exact : bool, optional
            Return ``Fraction`` vectors (default: when the game and the profile are exact).

        Raises
        ------
        InvalidProfileError
            Wrong number of entries, wrong lengths, negative entries or sums other than one.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]], strategies=(("H", "T"), ("H", "T")))
        >>> [v.tolist() for v in game.as_profile(["H", ["1/2", "1/2"]])]
        [[Fraction(1, 1), Fraction(0, 1)], [Fraction(1, 2), Fraction(1, 2)]]
        """
        if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
            raise InvalidProfileError(
                f"profile must be a sequence with one entry per player, got {profile!r}"
            )
        if len(profile) != self.num_players:
            raise InvalidProfileError(
                f"profile has {len(profile)} entries; expected one for each of the "
                f"{self.num_players} players {list(self.players)}"
            )
        vectors: list[Any] = []
        all_exact = True
        for i, entry in enumerate(profile):
            size = self.num_strategies[i]
            name = self.players[i]
            if isinstance(entry, (str, int, np.integer)) and not isinstance(entry, bool):
                k = self.strategy_index(i, entry)
                vector = [Fraction(0)] * size
                vector[k] = Fraction(1)
                vectors.append(vector)
                continue
            try:
                values, is_exact = as_payoff_array(entry, what=f"strategy of player {name!r}")
            except Exception as exc:
                raise InvalidProfileError(str(exc)) from None
            if values.shape != (size,):
                raise InvalidProfileError(
                    f"strategy of player {name!r} has shape {values.shape}; expected ({size},)"
                )
            all_exact &= is_exact
            vectors.append(list(values))
        use_exact = (self.is_exact and all_exact) if exact is None else exact
        out = []
        total: Fraction | float
        low: Fraction | float
        tol: float
        for i, vector in enumerate(vectors):
            name = self.players[i]
            if use_exact:
                arr = np.empty(len(vector), dtype=object)
                arr[:] = [v if type(v) is Fraction else to_fraction(v) for v in vector]
                total, low, tol = sum(arr), min(arr), 0
            else:
                arr = np.array([float(v) for v in vector], dtype=np.float64)
                total, low, tol = float(arr.sum()), float(arr.min()), 1e-9
            if low < -tol:
                raise InvalidProfileError(
                    f"strategy of player {name!r} has a negative probability {low}"
                )
            if abs(total - 1) > tol:
                raise InvalidProfileError(
                    f"strategy of player {name!r} sums to {total}; probabilities must sum to 1"
                )
            out.append(readonly(arr))
        return tuple(out)

    def action_values(
        self, player: int | str, profile: Profile, *, exact: bool | None = None
    ) -> np.ndarray:
        """Expected payoff of each pure strategy of ``player`` against the others in ``profile``.

        The player's own entry in ``profile`` is ignored.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> game.action_values(0, [[1, 0], ["1/4", "3/4"]]).tolist()
        [Fraction(-1, 2), Fraction(1, 2)]
        """
        i = self.player_index(player)
        vectors = self.as_profile(profile, exact=exact)
        use_exact = vectors[0].dtype == object
        array = self.payoffs[i] if use_exact else self.float_payoffs[i]
        if not use_exact and self.is_exact:
            array = self.float_payoffs[i]
        if use_exact and not self.is_exact:
            raise InvalidProfileError("exact=True needs a game with exact payoffs")
        for j in reversed(range(self.num_players)):
            if j == i:
                continue
            array = np.tensordot(array, vectors[j], axes=([j], [0]))
        return np.asarray(array)

    def expected_payoffs(self, profile: Profile, *, exact: bool | None = None) -> np.ndarray:
        """Expected payoff of every player under ``profile``.

        Returns ``Fraction`` values when the game and the profile are exact.

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> game.expected_payoffs([1, 1]).tolist()
        [Fraction(1, 1), Fraction(1, 1)]
        """
        vectors = self.as_profile(profile, exact=exact)
        values = []
        for i in range(self.num_players):
            action = self.action_values(i, vectors)
            values.append(np.dot(action, vectors[i]))
        if vectors[0].dtype == object:
            out = np.empty(self.num_players, dtype=object)
            out[:] = values
            return out
        return np.array(values, dtype=np.float64)

    def best_responses(
        self, player: int | str, profile: Profile, *, tol: float = 1e-9
    ) -> tuple[int, ...]:
        """Indices of ``player``'s pure best responses to the others' strategies in ``profile``.

        Exact games compare exactly; float games within ``tol``.

        Examples
        --------
        >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> game.best_responses(0, [0, [1, 0]])
        (1,)
        """
        values = self.action_values(player, profile)
        best = values.max()
        slack = 0 if values.dtype == object else tol
        return tuple(int(k) for k in np.flatnonzero(values >= best - slack))

    # ------------------------------------------------------------------ structure
    def pure_profiles(self) -> itertools.product:
        """Iterate over all pure profiles as index tuples."""
        return itertools.product(*(range(k) for k in self.num_strategies))

    def _require_two_players(self, what: str) -> None:
        if self.num_players != 2:
            from deterrence.exceptions import UnsupportedGameError

            raise UnsupportedGameError(
                f"{what} needs a two-player game; this game has {self.num_players} players"
            )

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and self.payoffs.shape == other.payoffs.shape
            and bool(np.all(self.payoffs == other.payoffs))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.strategies, self.payoffs.shape))

    #: Games with at most this many payoff entries have a ``repr`` that evaluates back to
    #: an equal game; larger ones get a one-line summary.
    REPR_MAX_ENTRIES = 200

    def __repr__(self) -> str:
        """``NormalFormGame(payoffs, players=..., strategies=..., title=...)`` for small games.

        Exact payoffs are written as strings such as ``'1/2'`` (which the constructor reads
        exactly), so ``eval(repr(game)) == game`` with ``NormalFormGame`` in scope.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[1, "-1/2"]], players=("a", "b"))
        >>> game
        NormalFormGame([[[1, '-1/2']], [[-1, '1/2']]], players=('a', 'b'),
                       strategies=(('s1',), ('s1', 's2')))
        >>> eval(repr(game)) == game
        True
        """
        if self.payoffs.size > self.REPR_MAX_ENTRIES:
            title = f"{self.title!r}, " if self.title else ""
            kind = "exact" if self.is_exact else "float"
            shape = "x".join(str(k) for k in self.num_strategies)
            return (
                f"<NormalFormGame {title}{shape}, {kind}, players={list(self.players)}, "
                f"strategies={[list(s) for s in self.strategies]}>"
            )

        def literal(value: Any) -> Any:
            if isinstance(value, Fraction):
                return value.numerator if value.denominator == 1 else str(value)
            return float(value)

        nested = np.vectorize(literal, otypes=[object])(self.payoffs).tolist()
        title = f", title={self.title!r}" if self.title else ""
        return (
            f"NormalFormGame({nested!r}, players={self.players!r}, "
            f"strategies={self.strategies!r}{title})"
        )

    def __str__(self) -> str:
        from deterrence.display import game_to_text

        return game_to_text(self)

    def _repr_html_(self) -> str:
        """HTML payoff table for Jupyter, pure equilibrium cells highlighted."""
        from deterrence.display import game_to_html

        return game_to_html(self)


def _exact_from_integers(
    array: np.ndarray, denominators: Sequence[int]
) -> tuple[np.ndarray, tuple[np.ndarray, tuple[int, ...]], np.ndarray]:
    """Exact payoffs ``array[i] / denominators[i]``: ``(payoffs, integer form, floats)``.

    One ``Fraction`` per distinct value of each player; the integer form is reduced to the
    least common denominator per player; floats are correctly rounded.
    """
    if array.dtype == object and max(abs(int(array.max())), abs(int(array.min()))) < 2**62:
        array = array.astype(np.int64)  # sorting Python ints in object arrays is slow
    payoffs = np.empty(array.shape, dtype=object)
    reduced = np.empty(array.shape, dtype=object)
    floats = np.empty(array.shape, dtype=np.float64)
    lowest = []
    for i in range(array.shape[0]):
        distinct, inverse = np.unique(array[i].reshape(-1), return_inverse=True)
        denominator = int(denominators[i])
        if distinct.dtype == object:
            divisor = math.gcd(denominator, *distinct.tolist())
        else:
            divisor = math.gcd(denominator, int(np.gcd.reduce(distinct)))
        values = (distinct // divisor).tolist()  # Python ints
        denominator //= divisor
        fractions = np.empty(len(values), dtype=object)
        fractions[:] = [Fraction(v, denominator) for v in values]
        payoffs[i].reshape(-1)[:] = fractions[inverse]
        integers = np.empty(len(values), dtype=object)
        integers[:] = values
        reduced[i].reshape(-1)[:] = integers[inverse]
        if max(abs(values[0]), abs(values[-1]), denominator) < 2**53:
            exact_floats = np.array(values, dtype=np.float64) / denominator
        else:
            exact_floats = np.array([float(f) for f in fractions], dtype=np.float64)
        floats[i].reshape(-1)[:] = exact_floats[inverse]
        lowest.append(denominator)
    return readonly(payoffs), (readonly(reduced), tuple(lowest)), readonly(floats)
