r"""Outcomes in the analyst's words: how an equilibrium of a model reads.

An equilibrium is a profile of strategies; an analyst reads it as an outcome ("coercion
deterred", "challenge met by retaliation"). :class:`Outcomes` records that reading as an
ordered list of *rules*. Each rule pairs a *pattern* -- for some players, the strategy (or
one of several strategies) they play -- with the words for every equilibrium whose play
matches it. The first matching rule wins; ``otherwise`` (or, when it is ``None``, the raw
profile label) names everything else.

What a player "plays" depends on the solution concept (see
:mod:`deterrence.analysis`): the pure strategy of a Nash equilibrium, the actions taken on
the path of a subgame-perfect equilibrium (``"/"``-joined in path order when the player
moves more than once), the strategy every member of an anonymous game plays. A player who
mixes is recorded as ``None``; a player who does not move on the path is absent.

Formally, with players :math:`I` and a play :math:`p: I \rightharpoonup S_i \cup \{\bot\}`
(:math:`\bot` for mixing), a pattern :math:`P` assigns to some players :math:`J \subseteq I`
non-empty sets :math:`P_j \subseteq S_j`; :math:`p` matches :math:`P` iff
:math:`p(j) \in P_j` for every :math:`j \in J` (so a mixing or absent player matches only
patterns that leave it out).

The class is a games-layer value object: it stores and validates rules, reads plays and
says which labels it uses; it neither solves nor renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from deterrence.exceptions import InvalidGameError
from deterrence.text import plural  # re-exported: the games layer's labels use it

__all__ = ["Outcomes", "plural"]

Pattern = tuple[tuple[str, tuple[str, ...]], ...]


def _check_words(words: Any, what: str) -> str:
    if not isinstance(words, str) or not words.strip():
        raise InvalidGameError(f"{what} is {words!r}; expected non-empty words (a string)")
    return words


def _check_pattern(pattern: Any, what: str) -> Pattern:
    if not isinstance(pattern, Mapping):
        raise InvalidGameError(
            f"{what} is {pattern!r}; expected a mapping {{player: strategy or tuple of "
            "strategies}}"
        )
    if not pattern:
        raise InvalidGameError(
            f"{what} is empty; a rule must name at least one player (use otherwise= for a "
            "catch-all)"
        )
    entries = []
    for player, value in pattern.items():
        if not isinstance(player, str) or not player.strip():
            raise InvalidGameError(f"{what} names player {player!r}; expected a player label")
        values = (value,) if isinstance(value, str) else value
        if not isinstance(values, (tuple, list, frozenset, set)) or not values:
            raise InvalidGameError(
                f"{what} gives {value!r} for player {player!r}; expected a strategy label or "
                "a non-empty tuple of them"
            )
        values = tuple(sorted(values)) if isinstance(values, (set, frozenset)) else tuple(values)
        for label in values:
            if not isinstance(label, str) or not label.strip():
                raise InvalidGameError(
                    f"{what} gives {label!r} for player {player!r}; labels must be non-empty "
                    "strings"
                )
        if len(set(values)) != len(values):
            raise InvalidGameError(f"{what} repeats a label for player {player!r}: {values}")
        entries.append((player, values))
    return tuple(entries)


class Outcomes:
    """How a model's equilibria read: ordered rules from play patterns to words.

    Parameters
    ----------
    rules : sequence of (pattern, words)
        ``pattern`` maps player labels to the strategy (or action) they play, or to a tuple
        of alternatives; players left out match anything. ``words`` is the outcome's name.
        Rules are tried in order; the first match wins. Several rules may share words.
    otherwise : str, optional
        The words for a play that matches no rule. ``None`` (default): such plays have no
        words and callers show the raw profile label.

    Attributes
    ----------
    rules : tuple of (pattern, words)
        Normalised: each pattern is a tuple of ``(player, alternatives)`` pairs.
    otherwise : str or None

    Raises
    ------
    InvalidGameError
        If ``rules`` is not a sequence of pairs, a pattern is empty or not a mapping, a label
        or the words are not non-empty strings, or ``otherwise`` is not a string.

    See Also
    --------
    deterrence.games.ParametricGame, deterrence.games.ExtensiveFormGame :
        games carry their model's outcomes as ``game.outcomes``.

    Notes
    -----
    Outcomes are immutable, hashable and picklable. Which labels are valid depends on the
    game; games check the rules against their players and strategies (:meth:`check`) when
    they are built.

    Examples
    --------
    >>> outcomes = Outcomes([
    ...     ({"coercer": "refrain"}, "coercion deterred"),
    ...     ({"coercer": "coerce", "coalition": "share"}, "coerced, coalition shares"),
    ...     ({"coercer": "coerce", "coalition": "hoard"}, "coerced, unopposed"),
    ... ])
    >>> outcomes.read({"coercer": "refrain", "coalition": "hoard"})
    'coercion deterred'
    >>> outcomes.read({"coercer": "coerce", "coalition": "share"})
    'coerced, coalition shares'
    >>> outcomes.read({"coercer": None, "coalition": "share"}) is None  # coercer mixes
    True
    >>> outcomes.labels
    ('coercion deterred', 'coerced, coalition shares', 'coerced, unopposed')
    """

    __slots__ = ("rules", "otherwise")

    rules: tuple[tuple[Pattern, str], ...]
    otherwise: str | None

    def __init__(
        self, rules: Iterable[tuple[Mapping[str, Any], str]], *, otherwise: str | None = None
    ) -> None:
        if isinstance(rules, (str, Mapping)) or not isinstance(rules, Iterable):
            raise InvalidGameError(
                f"rules is {rules!r}; expected a sequence of (pattern, words) pairs"
            )
        normalised = []
        for position, rule in enumerate(rules, start=1):
            if isinstance(rule, str) or not isinstance(rule, Sequence) or len(rule) != 2:
                raise InvalidGameError(
                    f"rule {position} is {rule!r}; expected a pair (pattern, words)"
                )
            pattern, words = rule
            words = _check_words(words, f"the words of rule {position}")
            normalised.append(
                (_check_pattern(pattern, f"the pattern of rule {position} ({words!r})"), words)
            )
        if otherwise is not None:
            _check_words(otherwise, "otherwise")
        if not normalised and otherwise is None:
            raise InvalidGameError("Outcomes needs at least one rule or otherwise=...")
        object.__setattr__(self, "rules", tuple(normalised))
        object.__setattr__(self, "otherwise", otherwise)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Outcomes is immutable; cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Outcomes is immutable; cannot delete {name!r}")

    # ------------------------------------------------------------------ reading
    def read(self, play: Mapping[str, str | None]) -> str | None:
        """The words for one equilibrium's play, or ``None`` if no rule matches.

        Parameters
        ----------
        play : mapping
            ``{player: label}`` -- the strategy (or on-path actions) each player plays;
            ``None`` for a player who mixes. Players absent from ``play`` (not moving on the
            path) match only rules that leave them out.

        Returns
        -------
        str or None
            The words of the first matching rule, else ``otherwise``.

        Examples
        --------
        >>> tree = Outcomes([({"challenger": "status quo"}, "challenger deterred"),
        ...                  ({"defender": "retaliate"}, "challenge met by retaliation")],
        ...                 otherwise="something else")
        >>> tree.read({"challenger": "challenge", "defender": "retaliate"})
        'challenge met by retaliation'
        >>> tree.read({"challenger": "challenge"})  # the defender does not move on the path
        'something else'
        """
        if not isinstance(play, Mapping):
            raise TypeError(f"play must be a mapping {{player: label}}, got {play!r}")
        for pattern, words in self.rules:
            if all(play.get(player) in alternatives for player, alternatives in pattern):
                return words
        return self.otherwise

    @property
    def labels(self) -> tuple[str, ...]:
        """The distinct words, in rule order, then ``otherwise`` (the palette order).

        Examples
        --------
        >>> Outcomes([({"a": "x"}, "one"), ({"a": "y"}, "two"), ({"a": "z"}, "one")],
        ...          otherwise="other").labels
        ('one', 'two', 'other')
        """
        words = [w for _, w in self.rules]
        if self.otherwise is not None:
            words.append(self.otherwise)
        return tuple(dict.fromkeys(words))

    @property
    def players(self) -> tuple[str, ...]:
        """The players the rules mention, in order of first mention.

        Examples
        --------
        >>> Outcomes([({"b": "x"}, "one"), ({"a": "y", "b": "y"}, "two")]).players
        ('b', 'a')
        """
        return tuple(dict.fromkeys(p for pattern, _ in self.rules for p, _ in pattern))

    def check(
        self, choices: Mapping[str, Iterable[str]], *, kind: str = "strategy", joined: bool = False
    ) -> Outcomes:
        """Check the rules against a game's players and their labels.

        Parameters
        ----------
        choices : mapping
            ``{player: labels}``: each player of the game with the labels it can play.
        kind : str
            What a label is called in messages (``"strategy"``, ``"action"``).
        joined : bool
            Accept ``"/"``-joined sequences of labels (on-path actions of a tree).

        Returns
        -------
        Outcomes
            ``self``, unchanged.

        Raises
        ------
        InvalidGameError
            Naming the rule and the unknown player or label.

        Examples
        --------
        >>> outcomes = Outcomes([({"coercer": "refrian"}, "coercion deterred")])
        >>> outcomes.check({"coercer": ("coerce", "refrain"), "coalition": ("share", "hoard")})
        Traceback (most recent call last):
        ...
        deterrence.exceptions.InvalidGameError: outcomes rule 1 ('coercion deterred') gives \
player 'coercer' the strategy 'refrian'; its strategies are ['coerce', 'refrain']
        """
        known = {player: tuple(labels) for player, labels in choices.items()}
        for position, (pattern, words) in enumerate(self.rules, start=1):
            where = f"outcomes rule {position} ({words!r})"
            for player, alternatives in pattern:
                if player not in known:
                    raise InvalidGameError(
                        f"{where} names player {player!r}; players are {list(known)}"
                    )
                valid = set(known[player])
                for label in alternatives:
                    parts = label.split("/") if joined and label not in valid else [label]
                    if not all(part in valid for part in parts):
                        raise InvalidGameError(
                            f"{where} gives player {player!r} the {kind} {label!r}; its "
                            f"{plural(kind)} are "
                            f"{list(dict.fromkeys(known[player]))}"
                        )
        return self

    # ------------------------------------------------------------------ serialisation
    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``Outcomes.from_dict`` rebuilds an equal object.

        Examples
        --------
        >>> o = Outcomes([({"a": ("x", "y")}, "one")], otherwise="other")
        >>> o.as_dict()
        {'rules': [{'pattern': {'a': ['x', 'y']}, 'words': 'one'}], 'otherwise': 'other'}
        >>> Outcomes.from_dict(o.as_dict()) == o
        True
        """
        return {
            "rules": [
                {"pattern": {p: list(alternatives) for p, alternatives in pattern}, "words": words}
                for pattern, words in self.rules
            ],
            "otherwise": self.otherwise,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcomes:
        """Rebuild from :meth:`as_dict` output (lists stand for tuples of alternatives).

        Raises
        ------
        InvalidGameError
            If ``data`` lacks ``rules`` or a rule lacks ``pattern`` or ``words``.

        Examples
        --------
        >>> Outcomes.from_dict({"rules": [{"pattern": {"a": "x"}, "words": "one"}]}).labels
        ('one',)
        """
        try:
            rules = [
                (
                    {
                        p: (v if isinstance(v, str) else tuple(v))
                        for p, v in rule["pattern"].items()
                    },
                    rule["words"],
                )
                for rule in data["rules"]
            ]
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidGameError(
                f"outcomes data {data!r} is malformed ({exc}); expected {{'rules': "
                "[{'pattern': {...}, 'words': ...}], 'otherwise': ...}"
            ) from None
        return cls(rules, otherwise=data.get("otherwise"))

    # ------------------------------------------------------------------ dunder
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.as_dict(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcomes):
            return NotImplemented
        return self.rules == other.rules and self.otherwise == other.otherwise

    def __hash__(self) -> int:
        return hash((self.rules, self.otherwise))

    def __len__(self) -> int:
        return len(self.rules)

    def __repr__(self) -> str:
        rules = ", ".join(
            f"({dict((p, a[0] if len(a) == 1 else a) for p, a in pattern)!r}, {words!r})"
            for pattern, words in self.rules
        )
        tail = f", otherwise={self.otherwise!r}" if self.otherwise is not None else ""
        return f"Outcomes([{rules}]{tail})"

    def __str__(self) -> str:
        """One line per rule: ``coercer=refrain -> coercion deterred``."""
        lines = []
        for pattern, words in self.rules:
            condition = ", ".join(f"{p}={' or '.join(a)}" for p, a in pattern)
            lines.append(f"{condition} -> {words}")
        if self.otherwise is not None:
            lines.append(f"otherwise -> {self.otherwise}")
        return "\n".join(lines)


def _rebuild(data: Mapping[str, Any]) -> Outcomes:
    return Outcomes.from_dict(data)
