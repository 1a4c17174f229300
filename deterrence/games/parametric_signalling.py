r"""Parametric signalling games: sender-receiver games whose payoffs and prior are formulas.

A :class:`ParametricSignallingGame` is to :class:`~deterrence.games.SignallingGame` what
:class:`~deterrence.games.ParametricGame` is to :class:`~deterrence.games.NormalFormGame`:
a family :math:`\{G(\theta)\}` of signalling games with fixed types :math:`T`, messages
:math:`M` and actions :math:`A`, whose payoffs :math:`u_S(t, m, a; \theta)`,
:math:`u_R(t, m, a; \theta)` and prior :math:`p(t; \theta)` are closed-form expressions of
declared :class:`~deterrence.games.Parameter` s. For every point :math:`\theta` of the
parameter domain, :meth:`ParametricSignallingGame.at` gives the signalling game
:math:`G(\theta)` (exact ``Fraction`` entries whenever the values and formulas are
rational).

The comparative-statics layer (:func:`~deterrence.analysis.thresholds`,
:func:`~deterrence.analysis.regimes`, :func:`~deterrence.analysis.sweep`) analyses the family
by perfect Bayesian equilibrium (``solution_concept = "perfect_bayesian"``): where, in the cost
of a signal, a separating equilibrium appears or pooling stops being one.

Formulas are given as numbers, sympy expressions or strings such as ``"-signal_cost"`` (read
by the project's safe parser, never evaluated). The prior must sum to one identically in the
parameters; its positivity is checked where the game is evaluated.

References
----------
.. [1] M. Spence, "Job market signaling", *Quarterly Journal of Economics* 87(3), 1973.
.. [2] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", *QJE* 102, 1987.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError
from deterrence.games._labels import check_labels
from deterrence.games._numbers import readonly
from deterrence.games.bayesian import SignallingGame, check_signalling_shapes
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import (
    ParameterisedMixin,
    ParametricGame,
    as_expression,
    as_parameters,
    format_value,
)

__all__ = ["ParametricSignallingGame", "play_labels"]


def play_labels(
    players: Sequence[str], types: Sequence[str], messages: Sequence[str], actions: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The choices of a signalling game as :class:`~deterrence.games.Outcomes` reads them.

    Each sender type is a pseudo-player ``"<sender> (<type>)"`` choosing a message; the
    receiver at each message is a pseudo-player ``"<receiver> (after <message>)"`` choosing
    an action. These are also the column prefixes of the perfect Bayesian table.

    Parameters
    ----------
    players : pair of str
        Sender and receiver.
    types, messages, actions : sequence of str

    Returns
    -------
    dict
        ``{pseudo-player: labels it can play}``.

    Examples
    --------
    >>> play_labels(("defender", "coercer"), ("resolute", "irresolute"),
    ...             ("invest", "wait"), ("coerce", "refrain"))["coercer (after invest)"]
    ('coerce', 'refrain')
    """
    sender, receiver = players
    out = {f"{sender} ({t})": tuple(messages) for t in types}
    out.update({f"{receiver} (after {m})": tuple(actions) for m in messages})
    return out


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class ParametricSignallingGame(ParameterisedMixin):
    r"""A sender-receiver signalling game whose payoffs and prior are formulas in parameters.

    Parameters
    ----------
    sender_payoffs, receiver_payoffs : array_like
        Shape ``(|T|, |M|, |A|)``: the payoff at type ``t``, message ``m``, action ``a``.
        Entries are numbers, sympy expressions or strings such as ``"-signal_cost"``.
    prior : array_like
        One probability (formula) per type; the entries must sum to one identically.
    parameters : sequence of Parameter or str, or mapping
        The declared parameters, as for :class:`~deterrence.games.ParametricGame`.
    types, messages, actions : sequence of str, optional
        Labels; defaults ``t1.., m1.., a1..``.
    players : pair of str, default ("sender", "receiver")
    title : str
    outcomes : Outcomes, optional
        How the equilibria read in the analyst's words. Patterns name the pseudo-players of
        :func:`play_labels`: ``"<sender> (<type>)"`` plays a message and
        ``"<receiver> (after <message>)"`` an action.

    Attributes
    ----------
    sender_payoffs, receiver_payoffs : numpy.ndarray
        Read-only object arrays of sympy expressions.
    prior : numpy.ndarray
        Read-only object vector of sympy expressions.
    parameters : tuple of Parameter

    Raises
    ------
    InvalidGameError
        On shapes that disagree, fewer than two types, undeclared names, a prior that does
        not sum to one, bad labels or outcomes naming unknown choices.

    See Also
    --------
    deterrence.solvers.signalling.solve_signalling : the equilibria at one point.
    deterrence.analysis.thresholds : exact critical values of a parameter.

    Notes
    -----
    For every :math:`\theta`, ``game.at(**theta)`` is the
    :class:`~deterrence.games.SignallingGame` with payoffs :math:`u_S(t, m, a; \theta)`,
    :math:`u_R(t, m, a; \theta)` and prior :math:`p(\theta)`. Expressions are stored
    symbolically so that the perfect Bayesian concept can list exactly where a type's
    incentive or the receiver's best reply switches.

    Examples
    --------
    Spence's job market with the cost of education as a parameter: the high type pays
    ``cost``, the low type twice as much; a high wage is worth 2.

    >>> game = ParametricSignallingGame(
    ...     sender_payoffs=[[[2, 0], ["2 - cost", "-cost"]],
    ...                     [[2, 0], ["2 - 2*cost", "-2*cost"]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], parameters={"cost": 1},
    ...     types=("high", "low"), messages=("none", "educate"),
    ...     actions=("high wage", "low wage"))
    >>> game.parameter_names, game.solution_concept
    (('cost',), 'perfect_bayesian')
    >>> game.at(cost="3/2").sender_payoffs[1, 1].tolist()
    [Fraction(-1, 1), Fraction(-3, 1)]
    >>> game.substitute(cost="1/2").at().is_exact
    True
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "perfect_bayesian"

    sender_payoffs: Any
    receiver_payoffs: Any
    prior: Any
    parameters: tuple[Any, ...] = ()
    types: tuple[str, ...] = dataclasses.field(default=None, kw_only=True)  # type: ignore[arg-type]
    messages: tuple[str, ...] = dataclasses.field(default=None, kw_only=True)  # type: ignore[arg-type]
    actions: tuple[str, ...] = dataclasses.field(default=None, kw_only=True)  # type: ignore[arg-type]
    players: tuple[str, ...] = dataclasses.field(default=("sender", "receiver"), kw_only=True)
    title: str = dataclasses.field(default="", kw_only=True)
    outcomes: Outcomes | None = dataclasses.field(default=None, kw_only=True)

    if TYPE_CHECKING:

        def __init__(
            self,
            sender_payoffs: Any,
            receiver_payoffs: Any,
            prior: Any,
            parameters: Any = (),
            *,
            types: Sequence[str] | None = None,
            messages: Sequence[str] | None = None,
            actions: Sequence[str] | None = None,
            players: Sequence[str] = ("sender", "receiver"),
            title: str = "",
            outcomes: Outcomes | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        parameters = as_parameters(self.parameters)
        names = tuple(p.name for p in parameters)
        arrays = []
        for raw, what in (
            (self.sender_payoffs, "sender payoffs"),
            (self.receiver_payoffs, "receiver payoffs"),
            (self.prior, "prior"),
        ):
            if isinstance(raw, (SignallingGame, ParametricSignallingGame)):
                raise InvalidGameError(
                    f"{what} is a {type(raw).__name__}; use ParametricSignallingGame.from_game"
                )
            arrays.append(_expression_array(raw, names, what))
        sender, receiver, prior = arrays
        num_t, num_m, num_a = check_signalling_shapes(sender.shape, receiver.shape, prior.shape)
        total = sympy.simplify(sum(prior) - 1)
        if total != 0:
            raise InvalidGameError(
                f"prior sums to {sympy.simplify(sum(prior))}; probabilities must sum to 1 for "
                "every value of the parameters"
            )
        for entry in prior:
            if entry.is_number and entry <= 0:
                raise InvalidGameError(
                    f"prior {list(prior)} has a non-positive entry; every type needs positive "
                    "probability"
                )
        used: set[str] = set()
        for array in arrays:
            for expression in array.reshape(-1):
                used |= {s.name for s in expression.free_symbols}
        undeclared = sorted(used - set(names))
        if undeclared:
            raise InvalidGameError(
                f"payoffs or prior use undeclared parameter(s) {undeclared}; declared "
                f"parameters are {list(names)}"
            )
        labels = {}
        for field, size, prefix in (
            ("types", num_t, "t"),
            ("messages", num_m, "m"),
            ("actions", num_a, "a"),
        ):
            given = getattr(self, field)
            labels[field] = (
                tuple(f"{prefix}{k + 1}" for k in range(size))
                if given is None
                else check_labels(given, size, field)
            )
        players = check_labels(self.players, 2, "players")
        if not isinstance(self.title, str):
            raise InvalidGameError(f"title must be a string, got {self.title!r}")
        if self.outcomes is not None:
            if not isinstance(self.outcomes, Outcomes):
                raise InvalidGameError(
                    f"outcomes is {self.outcomes!r}; expected an Outcomes object or None"
                )
            self.outcomes.check(
                play_labels(players, labels["types"], labels["messages"], labels["actions"]),
                kind="choice",
            )
        for name, value in (
            ("sender_payoffs", readonly(sender)),
            ("receiver_payoffs", readonly(receiver)),
            ("prior", readonly(prior)),
            ("parameters", parameters),
            ("players", players),
            *labels.items(),
        ):
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_game(
        cls, game: SignallingGame, *, outcomes: Outcomes | None = None
    ) -> ParametricSignallingGame:
        """Wrap a :class:`~deterrence.games.SignallingGame` as a game without parameters.

        Examples
        --------
        >>> plain = SignallingGame([[[1, 0]], [[0, 1]]], [[[1, 0]], [[0, 1]]], ["1/3", "2/3"])
        >>> wrapped = ParametricSignallingGame.from_game(plain)
        >>> wrapped.parameter_names, wrapped.at().prior.tolist()
        ((), [Fraction(1, 3), Fraction(2, 3)])
        """
        if not isinstance(game, SignallingGame):
            raise InvalidGameError(f"from_game needs a SignallingGame, got {type(game).__name__}")
        return cls(
            game.sender_payoffs,
            game.receiver_payoffs,
            game.prior,
            (),
            types=game.types,
            messages=game.messages,
            actions=game.actions,
            players=game.players,
            title=game.title,
            outcomes=outcomes,
        )

    def replace(self, **changes: Any) -> ParametricSignallingGame:
        """A copy with some fields changed (validated again).

        Examples
        --------
        >>> game = ParametricSignallingGame([[["x"]], [[0]]], [[[0]], [[0]]],
        ...                                 ["1/2", "1/2"], ["x"])
        >>> game.replace(title="probe").title
        'probe'
        """
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ facts
    @property
    def num_types(self) -> int:
        """Number of sender types."""
        return int(self.sender_payoffs.shape[0])

    @property
    def num_messages(self) -> int:
        """Number of messages."""
        return int(self.sender_payoffs.shape[1])

    @property
    def num_actions(self) -> int:
        """Number of receiver actions."""
        return int(self.sender_payoffs.shape[2])

    @property
    def choices(self) -> dict[str, tuple[str, ...]]:
        """The pseudo-players and their labels (:func:`play_labels`).

        Examples
        --------
        >>> game = ParametricSignallingGame([[[0]], [[0]]], [[[0]], [[0]]], ["1/2", "1/2"])
        >>> list(game.choices)
        ['sender (t1)', 'sender (t2)', 'receiver (after m1)']
        """
        return play_labels(self.players, self.types, self.messages, self.actions)

    # ------------------------------------------------------------------ evaluation
    @property
    def _helper(self) -> ParametricGame:
        """Every formula in one row of a one-player ParametricGame (shared evaluation)."""
        cached = self.__dict__.get("_helper_cache")
        if cached is None:
            flat = [
                *self.sender_payoffs.reshape(-1),
                *self.receiver_payoffs.reshape(-1),
                *self.prior,
            ]
            holder = np.empty(len(flat), dtype=object)
            holder[:] = flat
            cached = ParametricGame(holder.reshape(1, -1), self.parameters)
            object.__setattr__(self, "_helper_cache", cached)
        return cached

    def _split(self, flat: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        size = self.sender_payoffs.size
        shape = self.sender_payoffs.shape
        out = []
        for start, stop, dims in (
            (0, size, shape),
            (size, 2 * size, shape),
            (2 * size, 2 * size + self.num_types, (self.num_types,)),
        ):
            array = np.empty(stop - start, dtype=object)
            array[:] = list(flat[start:stop])
            out.append(array.reshape(dims))
        return out[0], out[1], out[2]

    def at(self, **values: Any) -> SignallingGame:
        """The signalling game at one parameter point (defaults fill the gaps).

        Parameters
        ----------
        **values
            One value per parameter (numbers or strings such as ``"1/2"``).

        Returns
        -------
        SignallingGame
            Exact (``Fraction`` entries) when every value and formula is rational.

        Raises
        ------
        InvalidGameError
            On unknown names, missing values without defaults, values outside a domain,
            formulas undefined at the point, or a prior that is not positive there.

        Examples
        --------
        >>> game = ParametricSignallingGame([[["1 - c"]], [["-c"]]], [[[0]], [[1]]],
        ...                                 ["p", "1 - p"], ["c", "p"])
        >>> game.at(c=2, p="1/4").prior.tolist()
        [Fraction(1, 4), Fraction(3, 4)]
        >>> game.at(c=2, p=0)
        Traceback (most recent call last):
        ...
        deterrence.exceptions.InvalidGameError: at c=2, p=0: prior [Fraction(0, 1), \
Fraction(1, 1)] has a non-positive entry; every type needs positive probability
        """
        evaluated = self._helper.at(**values)
        flat = list(evaluated.payoffs[0] if evaluated.is_exact else evaluated.float_payoffs[0])
        sender, receiver, prior = self._split(flat)
        try:
            return SignallingGame(
                sender,
                receiver,
                prior,
                types=self.types,
                messages=self.messages,
                actions=self.actions,
                players=self.players,
                title=self.title,
            )
        except InvalidGameError as exc:
            point = self.resolve(values)
            where = ", ".join(f"{n}={format_value(v)}" for n, v in point.items())
            raise InvalidGameError(f"at {where}: {exc}") from None

    def substitute(self, **values: Any) -> ParametricSignallingGame:
        """Fix some parameters and keep the others symbolic.

        Parameters
        ----------
        **values
            Numbers (validated against the domains), strings, or expressions in the
            remaining parameters, as for :meth:`deterrence.games.ParametricGame.substitute`.

        Returns
        -------
        ParametricSignallingGame
            Without the substituted parameters.

        Raises
        ------
        InvalidGameError
            On unknown names or values outside a domain.

        Examples
        --------
        >>> game = ParametricSignallingGame([[["a*b"]], [[0]]], [[[0]], [[0]]],
        ...                                 ["1/2", "1/2"], ["a", "b"])
        >>> half = game.substitute(a="1/2")
        >>> half.parameter_names, half.sender_payoffs[0, 0, 0]
        (('b',), b/2)
        """
        if not values:
            return self
        fixed = self._helper.substitute(**values)
        sender, receiver, prior = self._split(list(fixed.payoffs.reshape(-1)))
        return self.replace(
            sender_payoffs=sender,
            receiver_payoffs=receiver,
            prior=prior,
            parameters=fixed.parameters,
        )

    # ------------------------------------------------------------------ dunder
    def __getstate__(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def _key(self) -> tuple:
        return (
            self.players,
            self.types,
            self.messages,
            self.actions,
            self.parameters,
            tuple(str(e) for e in self.sender_payoffs.reshape(-1)),
            tuple(str(e) for e in self.receiver_payoffs.reshape(-1)),
            tuple(str(e) for e in self.prior),
            self.outcomes,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParametricSignallingGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return (
            f"<ParametricSignallingGame {title}parameters={list(self.parameter_names)}, "
            f"types={list(self.types)}, messages={list(self.messages)}, "
            f"actions={list(self.actions)}>"
        )

    def __str__(self) -> str:
        sender, receiver = self.players
        lines = [self.title] if self.title else []
        lines.append(
            "parameters: "
            + (
                ", ".join(
                    p.name
                    + (f" in {p.domain_text()}" if p.domain is not None else "")
                    + (f" (default {format_value(p.default)})" if p.default is not None else "")
                    for p in self.parameters
                )
                or "none"
            )
        )
        lines.append("prior: " + ", ".join(f"{t}: {e}" for t, e in zip(self.types, self.prior)))
        for t, label in enumerate(self.types):
            for m, message in enumerate(self.messages):
                for a, action in enumerate(self.actions):
                    lines.append(
                        f"{label} sends {message}, {receiver} plays {action}: "
                        f"{sender} {self.sender_payoffs[t, m, a]}; "
                        f"{receiver} {self.receiver_payoffs[t, m, a]}"
                    )
        return "\n".join(lines)


def _expression_array(raw: Any, names: Sequence[str], what: str) -> np.ndarray:
    """Entries of ``raw`` as an object array of sympy expressions (rejecting ragged input)."""
    if isinstance(raw, (str, sympy.Basic, Mapping)):
        raise InvalidGameError(f"{what} is {raw!r}; expected an array")
    if isinstance(raw, np.ndarray) and raw.dtype != object:
        raw = raw.astype(object)
    try:
        array = np.array(raw, dtype=object)
    except ValueError as exc:
        raise InvalidGameError(f"{what} is ragged (rows of different lengths): {exc}") from None
    flat = array.reshape(-1)
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in flat):
        raise InvalidGameError(f"{what} is ragged (rows of different lengths)")
    out = np.empty(array.shape, dtype=object)
    target = out.reshape(-1)
    for k, value in enumerate(flat):
        index = tuple(int(i) for i in np.unravel_index(k, array.shape))
        target[k] = as_expression(value, names, f"{what} entry at index {index}")
    return out
