r"""Games of incomplete information: Bayesian games and sender-receiver signalling games.

A *Bayesian game* (Harsanyi 1967-68) has players :math:`i = 1, \dots, n`, finite type sets
:math:`T_i`, finite action sets :math:`A_i`, a common prior :math:`p` on
:math:`T = T_1 \times \dots \times T_n` and payoffs :math:`u_i(t, a)` that depend on the type
profile. A (pure) strategy of player :math:`i` maps each of its types to an action; the
*Harsanyi transformation* is the normal-form game whose strategies are these maps and whose
payoffs are ex-ante expectations
:math:`U_i(s) = \sum_t p(t)\, u_i(t, s_1(t_1), \dots, s_n(t_n))`. Its Nash equilibria are the
Bayesian Nash equilibria (for types of positive probability).

A *signalling game* (Spence 1973; Cho and Kreps 1987) is the two-player special case in which
the sender privately learns her type :math:`t \sim p`, sends a message :math:`m`, and the
receiver, seeing only :math:`m`, chooses an action :math:`a`; payoffs
:math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`.

References
----------
.. [1] J. C. Harsanyi, "Games with incomplete information played by 'Bayesian' players,
   I-III", *Management Science* 14, 1967-68.
.. [2] M. Spence, "Job market signaling", *Quarterly Journal of Economics* 87(3), 1973.
.. [3] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", *QJE* 102, 1987.
.. [4] R. Gibbons, *Game Theory for Applied Economists*, Princeton, 1992, ch. 3-4.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games._labels import check_labels
from deterrence.games._numbers import as_payoff_array, readonly
from deterrence.games.normal_form import NormalFormGame

__all__ = ["BayesianGame", "SignallingGame", "independent_prior", "check_signalling_shapes"]


def _prior(prior: Any, sizes: tuple[int, ...], what: str = "prior") -> tuple[np.ndarray, bool]:
    """A joint prior of shape ``sizes`` from a joint array or a list of marginals."""
    joint = None
    if _shape_of(prior) == sizes:
        array, exact = as_payoff_array(prior, what=what)
        total = sum(array.reshape(-1))
        # a joint distribution sums to one; n marginals of the same shape sum to n
        if (total == 1 if exact else abs(total - 1) <= 1e-9) or len(sizes) == 1:
            joint = array
    if joint is None:
        try:
            marginals = list(prior)
        except TypeError:
            raise InvalidGameError(f"{what} must be an array, got {prior!r}") from None
        if len(marginals) != len(sizes):
            raise InvalidGameError(
                f"{what} has shape {_shape_of(prior)}; expected a joint distribution of shape "
                f"{sizes} or {len(sizes)} marginal distributions"
            )
        array, exact = independent_prior(*marginals, sizes=sizes, what=what)
    if array.shape != sizes:
        raise InvalidGameError(f"{what} has shape {array.shape}; expected {sizes}")
    flat = array.reshape(-1)
    if any(v < 0 for v in flat):
        raise InvalidGameError(f"{what} has a negative probability {min(flat)}")
    total = sum(flat)
    if (exact and total != 1) or (not exact and abs(total - 1) > 1e-9):
        raise InvalidGameError(f"{what} sums to {total}; probabilities must sum to 1")
    return readonly(array), exact


def _shape_of(data: Any) -> tuple[int, ...] | None:
    try:
        return np.array(data, dtype=object).shape
    except ValueError:
        return None


def independent_prior(
    *marginals: Any, sizes: tuple[int, ...] | None = None, what: str = "prior"
) -> tuple[np.ndarray, bool]:
    """The joint distribution of independent types: the outer product of the marginals.

    Returns
    -------
    (numpy.ndarray, bool)
        The joint array (exact ``Fraction`` entries when every marginal is exact) and whether
        it is exact.

    Examples
    --------
    >>> joint, exact = independent_prior(["1/2", "1/2"], [1])
    >>> joint.tolist(), exact
    ([[Fraction(1, 2)], [Fraction(1, 2)]], True)
    """
    vectors = []
    exact = True
    for i, marginal in enumerate(marginals):
        vector, is_exact = as_payoff_array(marginal, what=f"{what} of player {i + 1}")
        if vector.ndim != 1 or (sizes is not None and len(vector) != sizes[i]):
            expected = f"({sizes[i]},)" if sizes is not None else "a vector"
            raise InvalidGameError(
                f"{what} of player {i + 1} has shape {vector.shape}; expected {expected}"
            )
        total = sum(vector)
        if (is_exact and total != 1) or (not is_exact and abs(total - 1) > 1e-9):
            raise InvalidGameError(
                f"{what} of player {i + 1} sums to {total}; probabilities must sum to 1"
            )
        vectors.append(vector)
        exact &= is_exact
    if not exact:
        vectors = [np.asarray(v, dtype=np.float64) for v in vectors]
    joint = np.ones((), dtype=object if exact else np.float64)
    if exact:
        joint = np.array(Fraction(1), dtype=object)
    for vector in vectors:
        joint = np.multiply.outer(joint, vector)
    return joint, exact


class BayesianGame:
    r"""A finite Bayesian game: types, a common prior and type-dependent payoffs.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(n, |T_1|, ..., |T_n|, |A_1|, ..., |A_n|)``: ``payoffs[i][t][a]`` is player
        ``i``'s payoff at type profile ``t`` and action profile ``a``.
    prior : array_like
        The common prior: a joint distribution of shape ``(|T_1|, ..., |T_n|)``, or one
        marginal per player (independent types).
    players : sequence of str, optional
    types : sequence of sequences of str, optional
        Type labels per player (a player with one type has complete information about
        itself and is common knowledge); default ``("t1", ...)``.
    actions : sequence of sequences of str, optional
        Action labels per player; default ``("a1", ...)``.
    title : str

    Raises
    ------
    InvalidGameError
        On shapes that disagree, priors that are negative or do not sum to one, or bad labels.

    Notes
    -----
    :meth:`to_normal_form` is the Harsanyi transformation (module docstring); solve it with
    :func:`deterrence.solvers.bayesian.solve_bayesian`.

    Examples
    --------
    A defender is "resolved" with probability 1/3; only the challenger is uncertain.

    >>> game = BayesianGame.from_type_games(
    ...     {"resolved": ([[0, -2], [0, 1]], [[0, 1], [0, -1]]),
    ...      "irresolute": ([[0, 2], [0, 1]], [[0, -1], [0, -1]])},
    ...     prior=["1/3", "2/3"], player_with_types="defender",
    ...     players=("defender", "challenger"),
    ...     actions=(("resist", "yield"), ("wait", "challenge")))
    >>> game.types
    (('resolved', 'irresolute'), ('challenger',))
    >>> game.to_normal_form().strategies[0][:2]
    ('resolved:resist/irresolute:resist', 'resolved:resist/irresolute:yield')
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "bayesian_nash"

    __slots__ = ("payoffs", "prior", "players", "types", "actions", "title", "_exact", "__dict__")

    payoffs: np.ndarray
    prior: np.ndarray
    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    title: str
    _exact: bool

    def __init__(
        self,
        payoffs: Any,
        prior: Any,
        *,
        players: Sequence[str] | None = None,
        types: Sequence[Sequence[str]] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None:
        array, exact = as_payoff_array(payoffs, what="payoffs")
        if array.ndim < 3 or (array.ndim - 1) != 2 * array.shape[0]:
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; expected (n, |T_1|, ..., |T_n|, |A_1|, ..., "
                "|A_n|) with one payoff array per player"
            )
        n = array.shape[0]
        type_sizes = tuple(int(k) for k in array.shape[1 : 1 + n])
        action_sizes = tuple(int(k) for k in array.shape[1 + n :])
        if 0 in type_sizes or 0 in action_sizes:
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; every player needs a type and an action"
            )
        joint, prior_exact = _prior(prior, type_sizes)
        if exact != prior_exact:
            exact = False
            array = np.asarray(array, dtype=np.float64)
            joint = readonly(np.asarray(joint, dtype=np.float64))
        players = (
            tuple(f"player {i + 1}" for i in range(n))
            if players is None
            else check_labels(players, n, "players")
        )
        types = _labels(types, type_sizes, players, "types", "t")
        actions = _labels(actions, action_sizes, players, "actions", "a")
        if not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        for name, value in (
            ("payoffs", readonly(array)),
            ("prior", joint),
            ("players", players),
            ("types", types),
            ("actions", actions),
            ("title", title),
            ("_exact", exact),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"BayesianGame is immutable; cannot set {name!r}")

    @classmethod
    def from_type_games(
        cls,
        games: Mapping[Any, Any],
        prior: Any,
        *,
        player_with_types: str | int | None = None,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> BayesianGame:
        """Build a game from one normal-form game per type profile.

        Parameters
        ----------
        games : mapping
            ``{type profile: game}``. A game is a :class:`NormalFormGame`, a payoff array of
            shape ``(n, |A_1|, ..., |A_n|)`` or a tuple of two matrices. Keys are tuples with
            one type label per player, or, with ``player_with_types``, that player's type
            label alone (the others have one type named after themselves).
        prior : array_like
            Joint prior over type profiles (or marginals); with ``player_with_types``, that
            player's distribution over its types, in the order of ``games``.
        player_with_types : str or int, optional
            The only player with several types.
        players, actions, title
            Labels; by default taken from the first :class:`NormalFormGame` given.

        Examples
        --------
        >>> game = BayesianGame.from_type_games(
        ...     {("strong",): [[1, 0]], ("weak",): [[0, 1]]}, prior=["1/2", "1/2"])
        >>> game.types, game.actions
        ((('strong', 'weak'),), (('a1', 'a2'),))
        """
        if not games:
            raise InvalidGameError("games is empty; give one game per type profile")
        arrays = {}
        for key, value in games.items():
            if isinstance(value, NormalFormGame):
                players = players or value.players
                actions = actions or value.strategies
                value = value.payoffs
            elif isinstance(value, tuple) and len(value) == 2:
                value = [value[0], value[1]]
            arrays[key if isinstance(key, tuple) else (key,)] = as_payoff_array(
                value, what=f"payoffs of type profile {key!r}"
            )[0]
        first = next(iter(arrays.values()))
        n = first.shape[0]
        players = players or tuple(f"player {i + 1}" for i in range(n))
        if player_with_types is not None:
            if isinstance(player_with_types, str):
                if player_with_types not in players:
                    raise InvalidGameError(
                        f"player_with_types {player_with_types!r} is not a player; players are "
                        f"{list(players)}"
                    )
                index = list(players).index(player_with_types)
            else:
                index = int(player_with_types)
            own = [key[0] for key in arrays]
            types: list[Sequence[str]] = [(p,) for p in players]
            types[index] = tuple(own)
            arrays = {
                tuple(key[0] if i == index else players[i] for i in range(n)): value
                for key, value in arrays.items()
            }
            marginal = list(prior)
            prior = [[1] if i != index else marginal for i in range(n)]
        else:
            types = [list(dict.fromkeys(key[i] for key in arrays)) for i in range(n)]
        sizes = tuple(len(t) for t in types)
        full = np.empty((n, *sizes, *first.shape[1:]), dtype=object)
        seen = set()
        for key, value in arrays.items():
            if len(key) != n:
                raise InvalidGameError(
                    f"type profile {key!r} has {len(key)} labels; expected one per player"
                )
            if value.shape != first.shape:
                raise InvalidGameError(
                    f"payoffs of type profile {key!r} have shape {value.shape}; expected "
                    f"{first.shape}"
                )
            profile = tuple(types[i].index(key[i]) for i in range(n))
            seen.add(profile)
            for j in range(n):
                full[(j,) + profile] = value[j]
        missing = [
            tuple(types[i][k] for i, k in enumerate(index))
            for index in itertools.product(*(range(s) for s in sizes))
            if index not in seen
        ]
        if missing:
            raise InvalidGameError(f"games has no payoffs for type profiles {missing}")
        if any(isinstance(v, float) for v in full.reshape(-1)):
            full = full.astype(np.float64)
        return cls(
            full,
            prior,
            players=players,
            types=[tuple(t) for t in types],
            actions=actions,
            title=title,
        )

    # ------------------------------------------------------------------ facts
    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def num_types(self) -> tuple[int, ...]:
        """Number of types of each player."""
        return tuple(len(t) for t in self.types)

    @property
    def num_actions(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(a) for a in self.actions)

    @property
    def is_exact(self) -> bool:
        """Whether payoffs and prior are exact rationals."""
        return self._exact

    def marginal(self, player: int | str) -> np.ndarray:
        """A player's marginal distribution over its types."""
        i = self.players.index(player) if isinstance(player, str) else int(player)
        axes = tuple(j for j in range(self.num_players) if j != i)
        return self.prior.sum(axis=axes) if axes else self.prior

    @cached_property
    def plans(self) -> tuple[tuple[tuple[int, ...], ...], ...]:
        """Pure strategies: for each player, tuples giving an action index per type."""
        return tuple(
            tuple(itertools.product(range(len(self.actions[i])), repeat=len(self.types[i])))
            for i in range(self.num_players)
        )

    def plan_label(self, player: int, plan: Sequence[int]) -> str:
        """``"hard:fight/soft:concede"`` (just the action when the player has one type)."""
        actions = self.actions[player]
        if len(self.types[player]) == 1:
            return actions[plan[0]]
        return "/".join(f"{t}:{actions[a]}" for t, a in zip(self.types[player], plan))

    def to_normal_form(self) -> NormalFormGame:
        """The Harsanyi transformation: strategies map types to actions; ex-ante payoffs.

        Examples
        --------
        >>> game = BayesianGame([[[1, 0], [0, 1]]], ["1/2", "1/2"])  # one player, two types
        >>> game.to_normal_form().payoff_matrix(0).tolist()
        [Fraction(1, 2), Fraction(1, 1), Fraction(0, 1), Fraction(1, 2)]
        """
        n = self.num_players
        plans = [np.array(p, dtype=np.int64) for p in self.plans]
        shape = tuple(len(p) for p in plans)
        total = np.zeros((n, *shape), dtype=object if self.is_exact else np.float64)
        if self.is_exact:
            total.fill(Fraction(0))
        for t in itertools.product(*(range(k) for k in self.num_types)):
            weight = self.prior[t]
            if weight == 0:
                continue
            index = np.ix_(*(plans[i][:, t[i]] for i in range(n)))
            for j in range(n):
                total[j] = total[j] + weight * self.payoffs[(j,) + t][index]
        strategies = tuple(
            tuple(self.plan_label(i, plan) for plan in self.plans[i]) for i in range(n)
        )
        return NormalFormGame(total, players=self.players, strategies=strategies, title=self.title)

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return (
            f"<BayesianGame {title}players={list(self.players)}, "
            f"types={[list(t) for t in self.types]}, "
            f"actions={[list(a) for a in self.actions]}>"
        )


def _labels(
    labels: Any, sizes: tuple[int, ...], players: tuple[str, ...], what: str, prefix: str
) -> tuple[tuple[str, ...], ...]:
    if labels is None:
        return tuple(tuple(f"{prefix}{k + 1}" for k in range(s)) for s in sizes)
    if isinstance(labels, str) or len(labels) != len(sizes):
        raise InvalidGameError(
            f"{what} has {len(labels)} entries; expected one sequence per player ({len(sizes)})"
        )
    return tuple(
        check_labels(lab, s, f"{what} of player {players[i]!r}")
        for i, (lab, s) in enumerate(zip(labels, sizes))
    )


def check_signalling_shapes(
    sender: tuple[int, ...], receiver: tuple[int, ...], prior: tuple[int, ...]
) -> tuple[int, int, int]:
    """Check the shapes of a signalling game's payoff arrays and prior.

    Parameters
    ----------
    sender, receiver : tuple of int
        Shapes of the sender's and the receiver's payoff arrays.
    prior : tuple of int
        Shape of the prior.

    Returns
    -------
    (int, int, int)
        The numbers of types, messages and actions.

    Raises
    ------
    InvalidGameError
        Unless ``sender == receiver == (|T|, |M|, |A|)`` with at least two types, one
        message and one action, and ``prior == (|T|,)``.

    Examples
    --------
    >>> check_signalling_shapes((2, 2, 3), (2, 2, 3), (2,))
    (2, 2, 3)
    >>> check_signalling_shapes((2, 2, 3), (2, 2, 3), (3,))
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: prior has shape (3,); expected (2,), one \
probability per type
    """
    if len(sender) != 3:
        raise InvalidGameError(
            f"sender payoffs have shape {sender}; expected (types, messages, actions)"
        )
    if receiver != sender:
        raise InvalidGameError(
            f"receiver payoffs have shape {receiver}; expected {sender} "
            "(the shape of the sender payoffs)"
        )
    if sender[0] < 2 or 0 in sender:
        raise InvalidGameError(
            f"payoffs have shape {sender}; a signalling game needs at least two "
            "sender types, one message and one action"
        )
    if prior != (sender[0],):
        raise InvalidGameError(
            f"prior has shape {prior}; expected ({sender[0]},), one probability per type"
        )
    return int(sender[0]), int(sender[1]), int(sender[2])


class SignallingGame:
    r"""A sender-receiver signalling game.

    Parameters
    ----------
    sender_payoffs, receiver_payoffs : array_like
        Shape ``(|T|, |M|, |A|)``: payoff at type ``t``, message ``m``, action ``a``.
    prior : array_like
        Probabilities of the sender's types (positive, summing to one).
    types, messages, actions : sequence of str, optional
        Labels; defaults ``t1.., m1.., a1..``.
    players : pair of str, default ("sender", "receiver")
    title : str

    Raises
    ------
    InvalidGameError
        On mismatched shapes, fewer than two types, or a prior that is not a positive
        probability vector.

    Examples
    --------
    Spence (1973) job-market signalling: a high- or low-ability worker chooses education; the
    employer pays a high or a low wage.

    >>> game = SignallingGame(
    ...     sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], types=("high", "low"),
    ...     messages=("none", "educate"), actions=("high wage", "low wage"))
    >>> game.sender_payoffs.shape
    (2, 2, 2)
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "perfect_bayesian"

    __slots__ = (
        "sender_payoffs",
        "receiver_payoffs",
        "prior",
        "types",
        "messages",
        "actions",
        "players",
        "title",
        "_exact",
        "__dict__",
    )

    sender_payoffs: np.ndarray
    receiver_payoffs: np.ndarray
    prior: np.ndarray
    types: tuple[str, ...]
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    players: tuple[str, ...]
    title: str
    _exact: bool

    def __init__(
        self,
        sender_payoffs: Any,
        receiver_payoffs: Any,
        prior: Any,
        *,
        types: Sequence[str] | None = None,
        messages: Sequence[str] | None = None,
        actions: Sequence[str] | None = None,
        players: Sequence[str] = ("sender", "receiver"),
        title: str = "",
    ) -> None:
        sender, exact_s = as_payoff_array(sender_payoffs, what="sender payoffs")
        receiver, exact_r = as_payoff_array(receiver_payoffs, what="receiver payoffs")
        prior_array, exact_p = as_payoff_array(prior, what="prior")
        check_signalling_shapes(sender.shape, receiver.shape, prior_array.shape)
        if any(v <= 0 for v in prior_array):
            raise InvalidGameError(
                f"prior {list(prior_array)} has a non-positive entry; every type needs "
                "positive probability"
            )
        total = sum(prior_array)
        if (exact_p and total != 1) or (not exact_p and abs(total - 1) > 1e-9):
            raise InvalidGameError(f"prior sums to {total}; probabilities must sum to 1")
        exact = exact_s and exact_r and exact_p
        if not exact:
            sender, receiver, prior_array = (
                np.asarray(x, dtype=np.float64) for x in (sender, receiver, prior_array)
            )
        num_t, num_m, num_a = sender.shape
        types = _labels(
            [types] if types is not None else None, (num_t,), ("sender",), "types", "t"
        )[0]
        messages = _labels(
            [messages] if messages is not None else None, (num_m,), ("sender",), "messages", "m"
        )[0]
        actions = _labels(
            [actions] if actions is not None else None, (num_a,), ("receiver",), "actions", "a"
        )[0]
        players = check_labels(players, 2, "players")
        for name, value in (
            ("sender_payoffs", readonly(sender)),
            ("receiver_payoffs", readonly(receiver)),
            ("prior", readonly(prior_array)),
            ("types", types),
            ("messages", messages),
            ("actions", actions),
            ("players", players),
            ("title", title),
            ("_exact", exact),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"SignallingGame is immutable; cannot set {name!r}")

    @property
    def is_exact(self) -> bool:
        """Whether payoffs and prior are exact rationals."""
        return self._exact

    def to_float(self) -> SignallingGame:
        """The same game with float payoffs and prior (itself when already float).

        Float games are solved with a tolerance instead of in exact arithmetic, several
        times faster when the exact entries have large denominators (a float parameter
        value read exactly, as in a sweep).

        Returns
        -------
        SignallingGame

        Examples
        --------
        >>> game = SignallingGame([[[1]], [[0]]], [[[0]], [[0]]], ["1/3", "2/3"])
        >>> game.is_exact, game.to_float().is_exact, game.to_float().prior.tolist()[0]
        (True, False, 0.3333333333333333)
        """
        if not self._exact:
            return self
        return SignallingGame(
            np.asarray(self.sender_payoffs, dtype=np.float64),
            np.asarray(self.receiver_payoffs, dtype=np.float64),
            np.asarray(self.prior, dtype=np.float64),
            types=self.types,
            messages=self.messages,
            actions=self.actions,
            players=self.players,
            title=self.title,
        )

    def to_bayesian(self) -> BayesianGame:
        """The game as a :class:`BayesianGame` (receiver strategies map messages to actions).

        Examples
        --------
        >>> game = SignallingGame([[[1]], [[0]]], [[[0]], [[0]]], ["1/2", "1/2"])
        >>> game.to_bayesian().num_types
        (2, 1)
        """
        num_t, num_m, num_a = self.sender_payoffs.shape
        responses = list(itertools.product(range(num_a), repeat=num_m))
        payoffs = np.empty((2, num_t, 1, num_m, len(responses)), dtype=object)
        for t in range(num_t):
            for m in range(num_m):
                for r, response in enumerate(responses):
                    payoffs[0, t, 0, m, r] = self.sender_payoffs[t, m, response[m]]
                    payoffs[1, t, 0, m, r] = self.receiver_payoffs[t, m, response[m]]
        if not self.is_exact:
            payoffs = payoffs.astype(np.float64)
        labels = tuple(
            "/".join(f"{self.messages[m]}:{self.actions[a]}" for m, a in enumerate(resp))
            for resp in responses
        )
        return BayesianGame(
            payoffs,
            [list(self.prior), [1]],
            players=self.players,
            types=(self.types, ("receiver",)),
            actions=(self.messages, labels),
            title=self.title,
        )

    def __repr__(self) -> str:
        return (
            f"<SignallingGame types={list(self.types)}, messages={list(self.messages)}, "
            f"actions={list(self.actions)}>"
        )
