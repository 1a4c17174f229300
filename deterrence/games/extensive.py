r"""Extensive-form (game-tree) games: sequential moves, chance and information sets.

A finite extensive-form game is a rooted tree whose non-terminal nodes are *decision nodes*
(owned by a player, one outgoing edge per action) or *chance nodes* (one outgoing edge per
outcome, with a probability), and whose leaves (*terminal nodes*) carry one payoff per player.
Decision nodes of one player are partitioned into *information sets*: the player cannot tell
the nodes of one set apart, so they offer the same actions (Kuhn 1953). A game has *perfect
information* when every information set is a single node.

A *pure strategy* (plan) picks one action at every information set of its player; the
*reduced* strategic form merges plans that differ only at information sets that the plan's own
earlier choices make unreachable, and labels each plan by its actions, e.g.
``"coerce/back down"`` (Osborne and Rubinstein 1994, sec. 6.1).

Build a tree with :func:`decision`, :func:`chance` and :func:`terminal` and hand the root to
:class:`ExtensiveFormGame` (or :meth:`ExtensiveFormGame.build`). Nodes are immutable; the same
subtree object may be used in several places (it is copied into the tree). For large or
shared structures, name nodes in a ``nodes={"name": node}`` mapping and refer to them by
name; a name used twice, or a cycle, is an error.

Payoffs and chance probabilities are numbers (held exactly when given exactly: ints,
``Fraction``, strings like ``"1/3"``) or sympy expressions / safe strings of declared
parameters (a *parametric tree*: :meth:`ExtensiveFormGame.at` fixes the parameters and
:meth:`~ExtensiveFormGame.to_normal_form` returns a
:class:`~deterrence.games.parametric.ParametricGame`).

Internally the tree is flattened once, iteratively (no recursion), into breadth-first arrays
(parent, first child, number of children, mover, information set, terminal payoffs), so that
solvers can run over million-node trees with vectorised numpy passes.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", *Contributions to the
   Theory of Games II*, 1953.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 6, 11.
.. [3] R. Selten, "The chain store paradox", *Theory and Decision* 9, 1978.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games._labels import check_labels
from deterrence.games._numbers import classify_number, readonly
from deterrence.games.limits import check_payoff_entries
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import ParameterisedMixin

if TYPE_CHECKING:
    from deterrence.games.parametric import Parameter, ParametricGame

__all__ = [
    "ExtensiveFormGame",
    "Decision",
    "Chance",
    "Terminal",
    "InformationSet",
    "decision",
    "chance",
    "terminal",
]

TERMINAL, DECISION, CHANCE = 0, 1, 2

#: Label of the single plan of a player who never moves, in the strategic form.
NO_MOVE = "no move"


# ---------------------------------------------------------------------- nodes
@dataclasses.dataclass(frozen=True)
class Terminal:
    """A leaf of the tree: one payoff per player (numbers, expressions or strings).

    Build it with :func:`terminal`.

    Examples
    --------
    >>> Terminal((1, -1)) == terminal(1, -1)
    True
    """

    payoffs: Any


@dataclasses.dataclass(frozen=True)
class Decision:
    """A decision node: ``player`` chooses one of ``actions`` (label -> child).

    Build it with :func:`decision`. ``infoset`` names the information set; nodes sharing a
    name cannot be told apart by their player.

    Examples
    --------
    >>> decision("coalition", {"share": terminal(0, 1)}, infoset="after coercion").infoset
    'after coercion'
    """

    player: str
    actions: tuple[tuple[str, Any], ...]
    infoset: str | None = None


@dataclasses.dataclass(frozen=True)
class Chance:
    """A chance node: ``outcomes`` is a tuple of ``(label, probability, child)``.

    Build it with :func:`chance`.

    Examples
    --------
    >>> len(chance({"hard": ("1/2", terminal(0)), "soft": ("1/2", terminal(1))}).outcomes)
    2
    """

    outcomes: tuple[tuple[str, Any, Any], ...]


Node = Terminal | Decision | Chance


def terminal(*payoffs: Any) -> Terminal:
    """A terminal node with one payoff per player, in the order of the game's players.

    Parameters
    ----------
    *payoffs : number, str or sympy expression, or a single mapping ``{player: payoff}``
        Exact numbers (ints, ``Fraction``, ``"2/3"``) stay exact; strings that are not
        numbers are parsed as expressions of the game's parameters.

    Returns
    -------
    Terminal

    Examples
    --------
    >>> terminal(0, "1/2").payoffs
    (0, '1/2')
    >>> terminal({"coercer": 1, "coalition": -1}).payoffs
    {'coercer': 1, 'coalition': -1}
    """
    if len(payoffs) == 1 and isinstance(payoffs[0], Mapping):
        return Terminal(dict(payoffs[0]))
    if len(payoffs) == 1 and isinstance(payoffs[0], (list, tuple)):
        return Terminal(tuple(payoffs[0]))
    return Terminal(tuple(payoffs))


def decision(player: str, actions: Mapping[str, Any], *, infoset: str | None = None) -> Decision:
    """A decision node of ``player`` with one child per action label.

    Parameters
    ----------
    player : str
        The label of the player who moves.
    actions : mapping
        ``{action label: child}``; a child is a node or the name of a node in the game's
        ``nodes`` mapping. Order is kept.
    infoset : str, optional
        Name of the information set; all nodes with this name form one set (same player,
        same action labels). By default the node is its own information set.

    Returns
    -------
    Decision

    Examples
    --------
    >>> node = decision("coalition", {"share": terminal(-1, 1), "yield": terminal(2, 0)})
    >>> [label for label, _ in node.actions]
    ['share', 'yield']
    """
    if not isinstance(actions, Mapping):
        raise InvalidGameError(
            f"actions of a decision of {player!r} must be a mapping {{label: child}}, "
            f"got {type(actions).__name__}"
        )
    if infoset is not None and (not isinstance(infoset, str) or not infoset.strip()):
        raise InvalidGameError(f"infoset must be a non-empty string, got {infoset!r}")
    return Decision(player, tuple(actions.items()), infoset)


def chance(outcomes: Mapping[str, tuple[Any, Any]]) -> Chance:
    """A chance node: ``{label: (probability, child)}``.

    Probabilities are numbers (``"1/3"`` is exact) or expressions of parameters such as
    ``"p"`` and ``"1 - p"``; they must sum to one.

    Returns
    -------
    Chance

    Examples
    --------
    >>> node = chance({"hard": ("1/3", terminal(0)), "soft": ("2/3", terminal(1))})
    >>> [(label, p) for label, p, _ in node.outcomes]
    [('hard', '1/3'), ('soft', '2/3')]
    """
    if not isinstance(outcomes, Mapping):
        raise InvalidGameError(
            f"outcomes of a chance node must be a mapping {{label: (probability, child)}}, "
            f"got {type(outcomes).__name__}"
        )
    items = []
    for label, entry in outcomes.items():
        if not isinstance(entry, (tuple, list)) or len(entry) != 2:
            raise InvalidGameError(
                f"chance outcome {label!r} is {entry!r}; expected a pair (probability, child)"
            )
        items.append((label, entry[0], entry[1]))
    return Chance(tuple(items))


class InformationSet(NamedTuple):
    """One information set: its label, player, action labels and member nodes (histories).

    Examples
    --------
    >>> game = ExtensiveFormGame(decision("a", {"x": terminal(1)}), ("a",))
    >>> game.information_sets[0]
    InformationSet(label='root', player='a', actions=('x',), members=((),))
    """

    label: str
    player: str
    actions: tuple[str, ...]
    members: tuple[tuple[str, ...], ...]


# ---------------------------------------------------------------------- numbers
def _convert(value: Any, what: str, names: Sequence[str] | None) -> tuple[str, Any]:
    """("exact", Fraction) | ("float", float) | ("symbolic", sympy.Expr)."""
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return "exact", Fraction(value)
    if isinstance(value, float):
        return classify_number(value, what)
    if isinstance(value, str):
        try:
            return "exact", Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            pass
    if isinstance(value, (str, sympy.Basic)):
        from deterrence.games.parametric import as_expression

        expression = as_expression(value, names or (), what)
        if expression.is_Rational:
            return "exact", Fraction(int(expression.p), int(expression.q))
        if expression.is_Number:
            return classify_number(float(expression), what)
        return "symbolic", expression
    return classify_number(value, what)


def _to_sympy(value: Any) -> sympy.Expr:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    return value


# ---------------------------------------------------------------------- flat tree
class _Tree:
    """Breadth-first arrays of a validated tree (internal; treat as read-only)."""

    __slots__ = (
        "kind",
        "parent",
        "first_child",
        "num_children",
        "mover",
        "edge",
        "infoset",
        "infoset_player",
        "infoset_actions",
        "infoset_names",
        "chance_labels",
        "probability",
        "float_probability",
        "terminal_index",
        "payoffs",
        "float_payoffs",
        "number_kind",
        "node_names",
        "depth",
        "__dict__",
    )

    kind: np.ndarray
    parent: np.ndarray
    first_child: np.ndarray
    num_children: np.ndarray
    mover: np.ndarray
    edge: np.ndarray
    infoset: np.ndarray
    infoset_player: np.ndarray
    infoset_actions: tuple[tuple[str, ...], ...]
    infoset_names: tuple[str | None, ...]
    chance_labels: dict[int, tuple[str, ...]]
    probability: np.ndarray
    float_probability: np.ndarray | None  # None for symbolic trees
    terminal_index: np.ndarray
    payoffs: np.ndarray
    float_payoffs: np.ndarray | None  # None for symbolic trees
    number_kind: str
    node_names: dict[int, str]
    depth: np.ndarray


def _flatten(
    root: Any,
    players: tuple[str, ...],
    nodes: Mapping[str, Any] | None,
    names: Sequence[str] | None,
) -> _Tree:
    nodes = dict(nodes or {})
    player_index = {p: i for i, p in enumerate(players)}
    num_players = len(players)
    objects: list[Any] = []
    parent: list[int] = []
    edge: list[int] = []
    node_names: dict[int, str] = {}
    used: dict[str, int] = {}

    def resolve(child: Any, at: int, label: Any) -> Any:
        if isinstance(child, (Terminal, Decision, Chance)):
            return child
        if isinstance(child, str):
            if child not in nodes:
                raise InvalidGameError(
                    f"{_where(at, label)} leads to {child!r}, which is not a node name; "
                    f"named nodes are {sorted(nodes)}"
                )
            if child in used:
                ancestors = []
                cursor = at
                while cursor >= 0:
                    if node_names.get(cursor) is not None:
                        ancestors.append(node_names[cursor])
                    cursor = parent[cursor]
                if child in ancestors:
                    cycle = " -> ".join([*reversed(ancestors[: ancestors.index(child) + 1]), child])
                    raise InvalidGameError(
                        f"the tree has a cycle: {cycle}; a game tree cannot return to a node"
                    )
                raise InvalidGameError(
                    f"node {child!r} is reached twice (also by {_where(at, label)}); in a tree "
                    "every node has one parent: give the subtree itself, not its name, to "
                    "copy it"
                )
            return child
        if child is None:
            raise InvalidGameError(
                f"{_where(at, label)} leads to None; every path must end in a terminal(...) "
                "with payoffs"
            )
        raise InvalidGameError(
            f"{_where(at, label)} leads to {child!r} of type {type(child).__name__}; expected "
            "decision(...), chance(...), terminal(...) or a node name"
        )

    def _where(at: int, label: Any) -> str:
        if at < 0:
            return "the root"
        return f"action {label!r} at node {_history_text(at)!r}"

    labels_of: list[Any] = []

    def _history_text(index: int) -> str:
        steps = []
        while index > 0:
            steps.append(str(labels_of[index]))
            index = parent[index]
        return ", ".join(reversed(steps)) or "root"

    def push(child: Any, at: int, k: int, label: Any) -> None:
        child = resolve(child, at, label)
        if isinstance(child, str):
            used[child] = len(objects)
            node_names[len(objects)] = child
            child = nodes[child]
            if not isinstance(child, (Terminal, Decision, Chance)):
                raise InvalidGameError(
                    f"nodes[{node_names[len(objects)]!r}] is {child!r}; expected a node"
                )
        objects.append(child)
        parent.append(at)
        edge.append(k)
        labels_of.append(label)

    push(root, -1, -1, None)
    num = 0
    kind: list[int] = []
    first_child: list[int] = []
    num_children: list[int] = []
    mover: list[int] = []
    infoset_key: list[Any] = []
    terminal_rows: list[Any] = []
    terminal_index: list[int] = []
    chance_labels: dict[int, tuple[str, ...]] = {}
    probabilities: dict[int, Any] = {}
    action_tables: dict[tuple[str, ...], int] = {}
    action_of_node: list[int] = []
    while num < len(objects):
        node = objects[num]
        cls = type(node)
        if cls is Terminal:
            kind.append(TERMINAL)
            first_child.append(-1)
            num_children.append(0)
            mover.append(-1)
            infoset_key.append(None)
            action_of_node.append(-1)
            terminal_index.append(len(terminal_rows))
            terminal_rows.append(node.payoffs)
        elif cls is Decision:
            actions = node.actions
            if not actions:
                raise InvalidGameError(
                    f"decision of {node.player!r} at {_history_text(num)!r} has no actions"
                )
            index = player_index.get(node.player)
            if index is None:
                raise InvalidGameError(
                    f"decision at {_history_text(num)!r} belongs to {node.player!r}, which is "
                    f"not a player; players are {list(players)}"
                )
            labels = tuple(label for label, _ in actions)
            table = action_tables.get(labels)
            if table is None:
                check_labels(labels, len(labels), f"actions at node {_history_text(num)!r}")
                table = action_tables[labels] = len(action_tables)
            kind.append(DECISION)
            first_child.append(len(objects))
            num_children.append(len(actions))
            mover.append(index)
            infoset_key.append(node.infoset)
            action_of_node.append(table)
            terminal_index.append(-1)
            for k, (label, child) in enumerate(actions):
                push(child, num, k, label)
        elif cls is Chance:
            outcomes = node.outcomes
            if not outcomes:
                raise InvalidGameError(f"chance node at {_history_text(num)!r} has no outcomes")
            labels = tuple(label for label, _, _ in outcomes)
            check_labels(labels, len(labels), f"outcomes of chance node {_history_text(num)!r}")
            kind.append(CHANCE)
            first_child.append(len(objects))
            num_children.append(len(outcomes))
            mover.append(-1)
            infoset_key.append(None)
            action_of_node.append(-1)
            terminal_index.append(-1)
            chance_labels[num] = labels
            for k, (label, probability, child) in enumerate(outcomes):
                probabilities[len(objects)] = (probability, num, label)
                push(child, num, k, label)
        else:  # pragma: no cover - resolve() guarantees a node
            raise InvalidGameError(f"unexpected node {node!r}")
        num += 1

    tree = _Tree()
    tree.kind = readonly(np.array(kind, dtype=np.int8))
    tree.parent = readonly(np.array(parent, dtype=np.int64))
    tree.first_child = readonly(np.array(first_child, dtype=np.int64))
    tree.num_children = readonly(np.array(num_children, dtype=np.int64))
    tree.mover = readonly(np.array(mover, dtype=np.int32))
    tree.edge = readonly(np.array(edge, dtype=np.int64))
    tree.node_names = node_names
    tree.chance_labels = chance_labels
    depth = np.zeros(num, dtype=np.int64)
    # parents come before children in breadth-first order
    parent_array = tree.parent
    if num > 1:
        # depth by levels: a child's depth is its parent's plus one
        for start, stop in levels_from_parents(parent_array):
            if start:
                depth[start:stop] = depth[parent_array[start:stop]] + 1
    tree.depth = readonly(depth)

    # ---- numbers: payoffs and probabilities
    kinds: set[str] = set()
    rows: list[list[Any]] = []
    for t, raw in enumerate(terminal_rows):
        if isinstance(raw, Mapping):
            missing = [p for p in players if p not in raw]
            extra = [p for p in raw if p not in player_index]
            if missing or extra:
                raise InvalidGameError(
                    f"terminal payoffs {dict(raw)!r} name players {sorted(map(str, raw))}; "
                    f"expected exactly {list(players)}"
                    + (f" (missing {missing})" if missing else "")
                )
            raw = [raw[p] for p in players]
        if len(raw) != num_players:
            where = _history_text(int(np.flatnonzero(np.array(terminal_index) == t)[0]))
            shown = "no payoffs" if not raw else f"{len(raw)} payoffs {tuple(raw)!r}"
            raise InvalidGameError(
                f"terminal at {where!r} has {shown}; expected one for each of the "
                f"{num_players} players {list(players)}"
            )
        row = []
        for i, value in enumerate(raw):
            value_kind, converted = _convert(value, f"payoff of {players[i]!r}", names)
            kinds.add(value_kind)
            row.append(converted)
        rows.append(row)
    tree.terminal_index = readonly(np.array(terminal_index, dtype=np.int64))
    probability_kinds: set[str] = set()
    converted_probabilities: dict[int, Any] = {}
    for child, (value, at, label) in probabilities.items():
        value_kind, p = _convert(
            value, f"probability of chance outcome {label!r} at {_history_text(at)!r}", names
        )
        if value_kind != "symbolic" and not 0 <= p <= 1:
            raise InvalidGameError(
                f"probability of chance outcome {label!r} at {_history_text(at)!r} is {value!r}; "
                "expected a number between 0 and 1"
            )
        probability_kinds.add(value_kind)
        converted_probabilities[child] = p
    for at, labels in chance_labels.items():
        start = first_child[at]
        values = [converted_probabilities[start + k] for k in range(len(labels))]
        if any(isinstance(v, sympy.Basic) for v in values):
            total = sympy.simplify(sum(_to_sympy(v) for v in values))
            ok = total == 1
        elif any(isinstance(v, float) for v in values):
            total = sum(float(v) for v in values)
            ok = abs(total - 1) <= 1e-9
        else:
            total = sum(values)
            ok = total == 1
        if not ok:
            raise InvalidGameError(
                f"chance probabilities at {_history_text(at)!r} sum to {total} "
                f"({dict(zip(labels, (probabilities[start + k][0] for k in range(len(labels)))))});"
                " they must sum to 1"
            )
    all_kinds = kinds | probability_kinds
    number_kind = (
        "symbolic" if "symbolic" in all_kinds else "float" if "float" in all_kinds else "exact"
    )
    tree.number_kind = number_kind
    shape = (len(rows), num_players)
    if number_kind == "float":
        tree.payoffs = readonly(
            np.array([[float(v) for v in r] for r in rows], dtype=np.float64).reshape(shape)
        )
    else:
        array = np.empty(shape, dtype=object)
        for t, r in enumerate(rows):
            array[t, :] = [_to_sympy(v) for v in r] if number_kind == "symbolic" else r
        tree.payoffs = readonly(array)
    tree.float_payoffs = (
        None if number_kind == "symbolic" else readonly(np.asarray(tree.payoffs, dtype=float))
    )
    prob = np.ones(num, dtype=object)
    for child, p in converted_probabilities.items():
        prob[child] = (
            _to_sympy(p)
            if number_kind == "symbolic"
            else (float(p) if number_kind == "float" else p)
        )
    if number_kind == "exact":
        prob[prob == 1] = Fraction(1)
    elif number_kind == "symbolic":
        prob[:] = [v if isinstance(v, sympy.Basic) else _to_sympy(Fraction(v)) for v in prob]
    tree.probability = readonly(prob)
    tree.float_probability = (
        None if number_kind == "symbolic" else readonly(prob.astype(np.float64))
    )

    # ---- information sets
    infoset = np.full(num, -1, dtype=np.int64)
    infoset_player: list[int] = []
    infoset_actions: list[tuple[str, ...]] = []
    infoset_names: list[str | None] = []
    tables = {v: k for k, v in action_tables.items()}
    named: dict[str, int] = {}
    decision_nodes = [i for i in range(num) if kind[i] == DECISION]
    for i in decision_nodes:
        key = infoset_key[i]
        actions = tables[action_of_node[i]]
        if key is None:
            infoset[i] = len(infoset_player)
            infoset_player.append(mover[i])
            infoset_actions.append(actions)
            infoset_names.append(None)
            continue
        j = named.get(key)
        if j is None:
            named[key] = infoset[i] = len(infoset_player)
            infoset_player.append(mover[i])
            infoset_actions.append(actions)
            infoset_names.append(key)
            continue
        if infoset_player[j] != mover[i]:
            raise InvalidGameError(
                f"information set {key!r} mixes players {players[infoset_player[j]]!r} and "
                f"{players[mover[i]]!r} (node {_history_text(i)!r}); all its nodes must "
                "belong to one player"
            )
        if infoset_actions[j] != actions:
            raise InvalidGameError(
                f"information set {key!r} has nodes with different actions: "
                f"{list(infoset_actions[j])} and {list(actions)} (node {_history_text(i)!r}); "
                "a player must see the same action labels at every node of a set"
            )
        infoset[i] = j
    tree.infoset = readonly(infoset)
    tree.infoset_player = readonly(np.array(infoset_player, dtype=np.int32))
    tree.infoset_actions = tuple(infoset_actions)
    tree.infoset_names = tuple(infoset_names)
    return tree


def levels_from_parents(parent: np.ndarray) -> list[tuple[int, int]]:
    """Contiguous breadth-first levels ``[(start, stop), ...]`` from the parent array.

    Examples
    --------
    >>> import numpy as np
    >>> levels_from_parents(np.array([-1, 0, 0, 1, 1, 2]))
    [(0, 1), (1, 3), (3, 6)]
    """
    levels = [(0, 1)]
    stop = 1
    n = len(parent)
    while stop < n:
        # the next level is every node whose parent lies in [start, stop)
        nxt = int(np.searchsorted(parent, stop, side="left"))
        if nxt <= stop:  # pragma: no cover - impossible for a valid BFS order
            raise InvalidGameError("internal error: tree is not in breadth-first order")
        levels.append((stop, nxt))
        stop = nxt
    return levels


# ---------------------------------------------------------------------- the game
class ExtensiveFormGame(ParameterisedMixin):
    r"""A finite game tree with labelled players, chance and information sets.

    Parameters
    ----------
    root : node or str
        The root: a :func:`decision`, :func:`chance` or :func:`terminal` node, or the name of
        a node in ``nodes``.
    players : sequence of str
        Player labels; terminal payoffs are listed in this order.
    nodes : mapping, optional
        Named nodes ``{name: node}``; a child given as a string refers to one of these.
        Each name may be used once (no cycles, no shared children).
    parameters : sequence of Parameter or str, or mapping, optional
        Parameters of a parametric tree (as in
        :class:`~deterrence.games.parametric.ParametricGame`). By default every name used in
        an expression is a parameter.
    title : str
        A human-readable name.

    Attributes
    ----------
    players : tuple of str
    parameters : tuple of Parameter
    title : str

    Raises
    ------
    InvalidGameError
        If a path does not end in a terminal, a terminal has the wrong number of payoffs,
        chance probabilities do not sum to one or lie outside [0, 1], a node is reached twice
        or the tree has a cycle, a decision belongs to an unknown player, action labels are
        duplicated, or an information set mixes players or action labels.

    Notes
    -----
    See the module docstring for the formal definition. The tree is validated once and
    stored as breadth-first arrays; the object is immutable (use :meth:`replace`).

    Examples
    --------
    Selten's (1978) chain-store stage game: an entrant stays out or enters; the incumbent
    fights or accommodates.

    >>> game = ExtensiveFormGame.build(
    ...     players=("entrant", "incumbent"),
    ...     root=decision("entrant", {
    ...         "out": terminal(1, 5),
    ...         "in": decision("incumbent", {"fight": terminal(0, 0),
    ...                                      "accommodate": terminal(2, 2)}),
    ...     }),
    ...     title="chain store")
    >>> game.num_nodes, game.is_perfect_information
    (5, True)
    >>> game.to_normal_form().strategies
    (('out', 'in'), ('fight', 'accommodate'))
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "subgame_perfect"

    __slots__ = ("players", "parameters", "title", "outcomes", "_tree", "__dict__")

    players: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    title: str
    outcomes: Outcomes | None
    _tree: _Tree

    def __init__(
        self,
        root: Any,
        players: Sequence[str],
        *,
        nodes: Mapping[str, Any] | None = None,
        parameters: Any = None,
        title: str = "",
        outcomes: Outcomes | None = None,
    ) -> None:
        if isinstance(players, str):
            raise InvalidGameError(
                f"players must be a sequence of labels, got the string {players!r}"
            )
        try:
            count = len(players)
        except TypeError:
            raise InvalidGameError(
                f"players must be a sequence of labels, got {players!r}"
            ) from None
        if count < 1:
            raise InvalidGameError("players is empty; a game needs at least one player")
        labels = check_labels(players, count, "players")
        if not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        declared = _parameters(parameters)
        names = None if parameters is None else tuple(p.name for p in declared)
        # the flattening allocates millions of small objects for big trees: pause the cyclic
        # garbage collector (whose passes grow with the number of live objects)
        collecting = gc.isenabled()
        gc.disable()
        try:
            tree = _flatten(root, labels, nodes, names)
        finally:
            if collecting:
                gc.enable()
        if tree.number_kind == "symbolic":
            used = set()
            for value in itertools.chain(tree.payoffs.reshape(-1), tree.probability):
                if isinstance(value, sympy.Basic):
                    used |= {s.name for s in value.free_symbols}
            if parameters is None:
                declared = _parameters(sorted(used))
        self._set(labels, declared, title, tree, outcomes)

    def _set(
        self,
        players: tuple[str, ...],
        parameters: tuple[Any, ...],
        title: str,
        tree: _Tree,
        outcomes: Outcomes | None = None,
    ) -> None:
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "parameters", parameters)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "_tree", tree)
        if outcomes is not None:
            if not isinstance(outcomes, Outcomes):
                raise InvalidGameError(
                    f"outcomes is {outcomes!r}; expected an Outcomes object or None"
                )
            actions: dict[str, list[str]] = {player: [] for player in players}
            for player, labels in zip(tree.infoset_player, tree.infoset_actions):
                actions[players[player]].extend(labels)
            outcomes.check(actions, kind="action", joined=True)
        object.__setattr__(self, "outcomes", outcomes)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    @classmethod
    def build(
        cls,
        *,
        players: Sequence[str],
        root: Any,
        nodes: Mapping[str, Any] | None = None,
        parameters: Any = None,
        title: str = "",
        outcomes: Outcomes | None = None,
    ) -> ExtensiveFormGame:
        """Keyword-only constructor that reads like the tree: ``build(players=..., root=...)``.

        Examples
        --------
        >>> game = ExtensiveFormGame.build(players=("a",), root=decision("a", {
        ...     "left": terminal(1), "right": terminal(2)}))
        >>> game.information_sets[0].actions
        ('left', 'right')
        """
        return cls(
            root, players, nodes=nodes, parameters=parameters, title=title, outcomes=outcomes
        )

    @classmethod
    def from_arrays(
        cls,
        players: Sequence[str],
        parent: Any,
        mover: Any,
        payoffs: Any,
        *,
        actions: Sequence[str] | None = None,
        probabilities: Any = None,
        title: str = "",
    ) -> ExtensiveFormGame:
        """Build a perfect-information tree directly from arrays (fast for huge trees).

        Parameters
        ----------
        players : sequence of str
        parent : array_like of int, shape (n,)
            ``parent[0] == -1`` (the root); every other node's parent has a smaller index.
            Children keep their relative order.
        mover : array_like of int, shape (n,)
            The moving player's index at decision nodes, ``-1`` at chance nodes; ignored at
            leaves (nodes without children).
        payoffs : array_like, shape (num_leaves, num_players) or (n, num_players)
            Leaf payoffs, in node order (rows of non-leaves are ignored in the second form).
            Integer arrays are exact; float arrays are float.
        actions : sequence of str, optional
            Label of the edge into each node (``actions[0]`` is ignored); default ``"a1"``,
            ``"a2"``, ... by child position.
        probabilities : array_like, optional
            Probability of the edge into each child of a chance node.
        title : str

        Returns
        -------
        ExtensiveFormGame

        Raises
        ------
        InvalidGameError
            On shapes that disagree, a parent that does not precede its child, unknown
            movers, bad payoffs or chance probabilities that do not sum to one.

        Examples
        --------
        >>> game = ExtensiveFormGame.from_arrays(
        ...     ("a", "b"), parent=[-1, 0, 0, 2, 2], mover=[0, -1, 1, -1, -1],
        ...     payoffs=[[1, 0], [0, 2], [2, 1]])
        >>> game.num_nodes, game.history(4)
        (5, ('a2', 'a2'))
        """
        labels = check_labels(players, len(players), "players")
        parent = np.asarray(parent)
        n = len(parent)
        if parent.ndim != 1 or n == 0 or parent.dtype.kind not in "iu":
            raise InvalidGameError(
                f"parent must be a non-empty 1-d integer array, got shape {parent.shape}"
            )
        parent = parent.astype(np.int64)
        if parent[0] != -1 or (
            n > 1 and ((parent[1:] < 0) | (parent[1:] >= np.arange(1, n))).any()
        ):
            bad = (
                int(np.flatnonzero((parent[1:] < 0) | (parent[1:] >= np.arange(1, n)))[0] + 1)
                if n > 1 and parent[0] == -1
                else 0
            )
            raise InvalidGameError(
                f"parent[{bad}] is {int(parent[bad])}; the root (node 0) has parent -1 and every "
                "other node's parent must be an earlier node (no cycles)"
            )
        mover = np.asarray(mover, dtype=np.int64)
        if mover.shape != (n,):
            raise InvalidGameError(f"mover has shape {mover.shape}; expected ({n},)")
        # depths: vectorised rounds while the tree is bushy, then one sequential pass
        depth = np.zeros(n, dtype=np.int64)
        remaining = np.arange(1, n)
        known = np.zeros(n, dtype=bool)
        known[0] = True
        for _ in range(64):
            if not remaining.size:
                break
            ready = known[parent[remaining]]
            depth[remaining[ready]] = depth[parent[remaining[ready]]] + 1
            known[remaining[ready]] = True
            remaining = remaining[~ready]
        if remaining.size:
            values, parents = depth.tolist(), parent.tolist()
            for i in remaining.tolist():
                values[i] = values[parents[i]] + 1
            depth = np.array(values, dtype=np.int64)
        # breadth-first renumbering, level by level
        order = [np.array([0], dtype=np.int64)]
        new_index = np.full(n, -1, dtype=np.int64)
        new_index[0] = 0
        by_depth = np.argsort(depth, kind="stable")
        counts = np.bincount(depth)
        start = 1
        position = 1
        for d in range(1, len(counts)):
            level = by_depth[start : start + counts[d]]
            start += counts[d]
            level = level[np.lexsort((level, new_index[parent[level]]))]
            new_index[level] = np.arange(position, position + len(level))
            position += len(level)
            order.append(level)
        old = np.concatenate(order)
        new_parent = np.where(parent[old] >= 0, new_index[np.maximum(parent[old], 0)], -1)
        num_children = np.bincount(new_parent[1:], minlength=n).astype(np.int64)
        first_child = np.full(n, -1, dtype=np.int64)
        has = num_children > 0
        if n > 1:
            starts = np.flatnonzero(np.r_[True, new_parent[2:] != new_parent[1:-1]]) + 1
            first_child[new_parent[starts]] = starts
        edge = np.zeros(n, dtype=np.int64)
        edge[0] = -1
        if n > 1:
            edge[1:] = np.arange(1, n) - first_child[new_parent[1:]]
        new_mover = mover[old]
        kind = np.where(~has, TERMINAL, np.where(new_mover >= 0, DECISION, CHANCE)).astype(np.int8)
        if ((kind == DECISION) & (new_mover >= len(labels))).any():
            bad = int(new_mover[(kind == DECISION) & (new_mover >= len(labels))][0])
            raise InvalidGameError(
                f"mover {bad} is not a player index; there are {len(labels)} players"
            )
        leaves = np.flatnonzero(kind == TERMINAL)
        raw = np.asarray(payoffs)
        if raw.ndim != 2 or raw.shape[1] != len(labels) or raw.shape[0] not in (len(leaves), n):
            raise InvalidGameError(
                f"payoffs has shape {raw.shape}; expected ({len(leaves)}, {len(labels)}) "
                f"(one row per leaf) or ({n}, {len(labels)})"
            )
        if raw.shape[0] == n and n != len(leaves):
            raw = raw[old[leaves]]
        else:
            leaf_order = np.argsort(old[leaves], kind="stable")
            rows = np.empty(len(leaves), dtype=np.int64)
            rows[leaf_order] = np.arange(len(leaves))
            raw = raw[rows]
        from deterrence.games._numbers import as_payoff_array

        if raw.dtype.kind in "iu":
            # exact integers: Python ints (exact, and combine with Fractions) are much
            # cheaper to create than a million Fraction objects
            array, exact = np.asarray(raw, dtype=np.int64).astype(object), True
        else:
            array, exact = as_payoff_array(raw, what="payoffs")
        tree = _Tree()
        tree.kind = readonly(kind)
        tree.parent = readonly(new_parent)
        tree.first_child = readonly(first_child)
        tree.num_children = readonly(num_children)
        tree.mover = readonly(np.where(kind == DECISION, new_mover, -1).astype(np.int32))
        tree.edge = readonly(edge)
        tree.node_names = {}
        tree.depth = readonly(depth[old])
        terminal_index = np.full(n, -1, dtype=np.int64)
        terminal_index[leaves] = np.arange(len(leaves))
        tree.terminal_index = readonly(terminal_index)
        chance_nodes = np.flatnonzero(kind == CHANCE)
        if actions is None:
            table: dict[int, tuple[str, ...]] = {}

            def labels_of(node: int) -> tuple[str, ...]:
                count = int(num_children[node])
                if count not in table:
                    table[count] = tuple(f"a{k + 1}" for k in range(count))
                return table[count]
        else:
            if len(actions) != n:
                raise InvalidGameError(f"actions has {len(actions)} labels; expected {n}")
            edge_labels = [actions[int(i)] for i in old]
            interned: dict[tuple[str, ...], tuple[str, ...]] = {}

            def labels_of(node: int) -> tuple[str, ...]:
                first = int(first_child[node])
                key = tuple(edge_labels[first : first + int(num_children[node])])
                if key not in interned:
                    interned[key] = check_labels(key, len(key), f"actions at node {int(old[node])}")
                return interned[key]

        decisions = np.flatnonzero(kind == DECISION)
        infoset = np.full(n, -1, dtype=np.int64)
        infoset[decisions] = np.arange(len(decisions))
        tree.infoset = readonly(infoset)
        tree.infoset_player = readonly(new_mover[decisions].astype(np.int32))
        tree.infoset_actions = tuple(labels_of(int(v)) for v in decisions)
        tree.infoset_names = (None,) * len(decisions)
        tree.chance_labels = {int(v): labels_of(int(v)) for v in chance_nodes}
        if len(chance_nodes):
            if probabilities is None:
                raise InvalidGameError("the tree has chance nodes; give probabilities")
            source = (
                probabilities
                if isinstance(probabilities, np.ndarray)
                else np.array(list(probabilities), dtype=object)
            )
            if source.shape != (n,):
                raise InvalidGameError(f"probabilities has shape {source.shape}; expected ({n},)")
            prob_raw, prob_exact = as_payoff_array(source[old], what="probabilities")
            exact = exact and prob_exact
            prob = np.ones(n, dtype=object)
            prob[:] = [Fraction(1)] * n if exact else 1.0
            children = np.flatnonzero(np.isin(new_parent, chance_nodes))
            prob[children] = prob_raw[children] if exact else prob_raw[children].astype(float)
            for v in chance_nodes:
                first = int(first_child[v])
                values = prob[first : first + int(num_children[v])]
                total = sum(values)
                if (total != 1 if exact else abs(float(total) - 1) > 1e-9) or min(values) < 0:
                    raise InvalidGameError(
                        f"chance probabilities at node {int(old[v])} are {list(values)}; they "
                        "must be non-negative and sum to 1"
                    )
        else:
            prob = np.empty(n, dtype=object)
            prob[:] = [Fraction(1)] * n if exact else [1.0] * n
        tree.number_kind = "exact" if exact else "float"
        if not exact:
            array = np.asarray(array, dtype=np.float64)
        tree.payoffs = readonly(array)
        if raw.dtype.kind in "iu" and exact and not len(chance_nodes):
            # exact integer payoffs: solvers compare them in int64 without Fractions
            # optional, so kept in the instance dict (read with ``__dict__.get``), not a slot
            tree.__dict__["integer_payoffs"] = readonly(np.asarray(raw, dtype=np.int64))
        tree.float_payoffs = readonly(
            np.asarray(raw, dtype=np.float64)
            if raw.dtype.kind in "iuf"
            else np.asarray(array, dtype=np.float64)
        )
        tree.probability = readonly(prob)
        tree.float_probability = readonly(
            np.ones(n) if not len(chance_nodes) else prob.astype(np.float64)
        )
        if not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        return cls._from_tree(labels, (), title, tree)

    @classmethod
    def _from_tree(
        cls,
        players: tuple[str, ...],
        parameters: tuple[Any, ...],
        title: str,
        tree: _Tree,
        outcomes: Outcomes | None = None,
    ) -> ExtensiveFormGame:
        game = object.__new__(cls)
        game._set(players, parameters, title, tree, outcomes)
        return game

    def replace(self, **changes: Any) -> ExtensiveFormGame:
        """A copy with ``players``, ``title``, ``parameters`` or ``outcomes`` changed.

        The copy is validated again (outcomes against the players and action labels).

        Examples
        --------
        >>> game = ExtensiveFormGame(terminal(1, 2), ("a", "b"))
        >>> game.replace(players=("x", "y")).players
        ('x', 'y')
        """
        unknown = sorted(set(changes) - {"players", "title", "parameters", "outcomes"})
        if unknown:
            raise InvalidGameError(
                f"replace() accepts players, title, parameters and outcomes; got {unknown} "
                "(build a new tree to change nodes)"
            )
        players = check_labels(changes.get("players", self.players), len(self.players), "players")
        title = changes.get("title", self.title)
        if not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        parameters = _parameters(changes.get("parameters", self.parameters))
        outcomes = changes.get("outcomes", self.outcomes)
        return type(self)._from_tree(players, parameters, title, self._tree, outcomes)

    # ------------------------------------------------------------------ basic facts
    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def num_nodes(self) -> int:
        """Number of nodes (decision, chance and terminal)."""
        return len(self._tree.kind)

    @property
    def num_terminals(self) -> int:
        """Number of terminal nodes."""
        return len(self._tree.payoffs)

    @property
    def is_parametric(self) -> bool:
        """Whether payoffs or probabilities are expressions of parameters."""
        return self._tree.number_kind == "symbolic"

    @property
    def is_exact(self) -> bool:
        """Whether every payoff and probability is an exact rational."""
        return self._tree.number_kind == "exact"

    @property
    def has_chance(self) -> bool:
        """Whether the tree has chance nodes."""
        return bool(self._tree.chance_labels)

    @property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return len(self._tree.infoset_player) == int(np.sum(self._tree.kind == DECISION))

    def history(self, node: int) -> tuple[str, ...]:
        """Action (and chance outcome) labels on the path from the root to ``node``.

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(1)}), ("a",))
        >>> game.history(1)
        ('x',)
        """
        tree = self._tree
        steps = []
        node = int(node)
        while node > 0:
            steps.append(self._edge_label(node))
            node = int(tree.parent[node])
        return tuple(reversed(steps))

    def _edge_label(self, node: int) -> str:
        tree = self._tree
        at = int(tree.parent[node])
        k = int(tree.edge[node])
        if tree.kind[at] == CHANCE:
            return tree.chance_labels[at][k]
        return tree.infoset_actions[tree.infoset[at]][k]

    def node(self, where: Any) -> int:
        """The index of a node given by name, by a path of action labels, or by index.

        Parameters
        ----------
        where : str, sequence of str or int
            A name from the ``nodes`` mapping, a path such as ``("coerce",)`` from the root
            (``()`` is the root), or a node index.

        Raises
        ------
        InvalidGameError
            If no node matches.

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {"x": decision("a", {"y": terminal(1)})}),
        ...                          ("a",))
        >>> game.node(("x",)), game.node(["x", "y"])
        (1, 2)
        """
        tree = self._tree
        if isinstance(where, (int, np.integer)) and not isinstance(where, bool):
            if not 0 <= where < self.num_nodes:
                raise InvalidGameError(f"node index {where} is out of range")
            return int(where)
        if isinstance(where, str):
            for index, name in tree.node_names.items():
                if name == where:
                    return index
            for index, infoset_name in enumerate(tree.infoset_names):
                if infoset_name == where:
                    members = self._infoset_members[index]
                    if len(members) == 1:
                        return members[0]
            where = tuple(s.strip() for s in where.split(",")) if where else ()
        node = 0
        for step, label in enumerate(where):
            count = int(tree.num_children[node])
            labels = [self._edge_label(int(tree.first_child[node]) + k) for k in range(count)]
            if label not in labels:
                raise InvalidGameError(
                    f"no node at path {tuple(where)!r}: after {tuple(where[:step])!r} the "
                    f"moves are {labels}"
                )
            node = int(tree.first_child[node]) + labels.index(label)
        return node

    @cached_property
    def _infoset_members(self) -> tuple[tuple[int, ...], ...]:
        tree = self._tree
        members: list[list[int]] = [[] for _ in tree.infoset_player]
        for node in np.flatnonzero(tree.infoset >= 0):
            members[int(tree.infoset[node])].append(int(node))
        return tuple(tuple(m) for m in members)

    def infoset_label(self, infoset: int) -> str:
        """Readable label of an information set: its name, or the history of its node.

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {"x": decision("b", {"y": terminal(0, 0)})}),
        ...                          ("a", "b"))
        >>> game.infoset_label(0), game.infoset_label(1)
        ('root', 'x')
        """
        name = self._tree.infoset_names[infoset]
        if name is not None:
            return name
        return ", ".join(self.history(self._infoset_members[infoset][0])) or "root"

    @property
    def information_sets(self) -> tuple[InformationSet, ...]:
        """Every information set, in breadth-first order of first appearance."""
        tree = self._tree
        return tuple(
            InformationSet(
                self.infoset_label(k),
                self.players[int(tree.infoset_player[k])],
                tree.infoset_actions[k],
                tuple(self.history(m) for m in self._infoset_members[k]),
            )
            for k in range(len(tree.infoset_player))
        )

    # ------------------------------------------------------------------ structure
    @cached_property
    def _preorder(self) -> tuple[np.ndarray, np.ndarray]:
        """(preorder position, subtree size) of every node (iterative)."""
        tree = self._tree
        n = self.num_nodes
        size = np.ones(n, dtype=np.int64)
        # accumulate subtree sizes bottom-up (children have larger BFS indices)
        parent = tree.parent
        for start, stop in reversed(levels_from_parents(parent)):
            if start:
                np.add.at(size, parent[start:stop], size[start:stop])
        position = np.zeros(n, dtype=np.int64)
        for start, stop in levels_from_parents(parent):
            if not start:
                continue
            # position of child = parent's position + 1 + sizes of earlier siblings
            children = np.arange(start, stop)
            par = parent[children]
            first = tree.first_child[par]
            cumulative = np.cumsum(size[start:stop]) - size[start:stop]
            offset = cumulative - cumulative[first - start]
            position[children] = position[par] + 1 + offset
        return position, size

    def subgame_roots(self) -> tuple[int, ...]:
        """Nodes that start a proper subgame (or the whole game), root first.

        A node starts a subgame when it is not a terminal, it is alone in its information
        set (or a chance node), and every information set meeting its subtree lies inside
        it (Selten 1965).

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {"x": decision("b", {"y": terminal(1, 1)})}),
        ...                          ("a", "b"))
        >>> game.subgame_roots()
        (0, 1)
        """
        tree = self._tree
        candidates = np.flatnonzero(tree.kind != TERMINAL)
        if self.is_perfect_information:
            return tuple(int(v) for v in candidates)
        position, size = self._preorder
        members = self._infoset_members
        roots = []
        spans = [position[list(m)] for m in members if len(m) > 1]
        for v in map(int, candidates):
            if tree.kind[v] == DECISION and len(members[int(tree.infoset[v])]) > 1:
                continue
            low, high = position[v], position[v] + size[v]
            ok = True
            for span in spans:
                inside = (span >= low) & (span < high)
                if inside.any() and not inside.all():
                    ok = False
                    break
            if ok:
                roots.append(v)
        return tuple(roots)

    @cached_property
    def has_perfect_recall(self) -> bool:
        """Whether every player remembers their own past moves (Kuhn 1953).

        True when, for every information set, all its nodes share the same sequence of the
        owner's earlier (information set, action) pairs.

        Examples
        --------
        >>> forgetful = ExtensiveFormGame(decision("a", {
        ...     "l": decision("a", {"x": terminal(1)}, infoset="I"),
        ...     "r": decision("a", {"x": terminal(0)}, infoset="I")}), ("a",))
        >>> forgetful.has_perfect_recall
        False
        """
        if self.is_perfect_information:
            return True
        return all(len(set(h)) == 1 for h in self._own_histories.values())

    @cached_property
    def _own_histories(self) -> dict[int, list[tuple[tuple[int, int], ...]]]:
        tree = self._tree
        out: dict[int, list[tuple[tuple[int, int], ...]]] = {}
        for k, members in enumerate(self._infoset_members):
            player = int(tree.infoset_player[k])
            out[k] = [self._own_moves(m, player) for m in members]
        return out

    def _own_moves(self, node: int, player: int) -> tuple[tuple[int, int], ...]:
        """The (information set, action index) pairs of ``player`` on the path to ``node``."""
        tree = self._tree
        moves = []
        while node > 0:
            at = int(tree.parent[node])
            if tree.kind[at] == DECISION and tree.mover[at] == player:
                moves.append((int(tree.infoset[at]), int(tree.edge[node])))
            node = at
        return tuple(reversed(moves))

    # ------------------------------------------------------------------ parameters
    def at(self, **values: Any) -> ExtensiveFormGame:
        """The numeric tree at one parameter point (defaults fill the gaps).

        Raises
        ------
        InvalidGameError
            On unknown parameters, missing values, values outside a domain, or chance
            probabilities that leave [0, 1].

        Examples
        --------
        >>> game = ExtensiveFormGame.build(players=("a",), root=chance({
        ...     "hard": ("p", terminal("-c")), "soft": ("1 - p", terminal(1))}))
        >>> game.parameter_names
        ('c', 'p')
        >>> game.at(p="1/4", c=2).is_exact
        True
        """
        if not self.is_parametric:
            if values:
                raise InvalidGameError(f"the tree has no parameters; got {sorted(values)}")
            return self
        from deterrence.games.parametric import ParametricGame, compile_expression

        helper = ParametricGame([[0]], self.parameters)
        point = helper.resolve(values)
        tree = self._tree

        def evaluate(expression: Any, what: str) -> Any:
            try:
                return compile_expression(expression)(point)
            except (ZeroDivisionError, ValueError, TypeError, OverflowError) as exc:
                raise InvalidGameError(
                    f"{what} {expression} is undefined at {point}: {exc}"
                ) from None

        payoffs = [evaluate(v, "payoff") for v in tree.payoffs.reshape(-1)]
        probabilities = [evaluate(v, "probability") for v in tree.probability]
        use_float = any(isinstance(v, float) for v in itertools.chain(payoffs, probabilities))
        for node, p in enumerate(probabilities):
            if not 0 <= p <= 1:
                raise InvalidGameError(
                    f"chance probability {tree.probability[node]} of outcome "
                    f"{self.history(node)!r} is {p} at {point}; expected a value in [0, 1]"
                )
        new = _Tree()
        for slot in _Tree.__slots__:
            if slot != "__dict__" and hasattr(tree, slot):
                setattr(new, slot, getattr(tree, slot))
        if use_float:
            new.payoffs = readonly(np.array(payoffs, dtype=np.float64).reshape(tree.payoffs.shape))
            new.probability = readonly(np.array(probabilities, dtype=object))
            new.number_kind = "float"
        else:
            array = np.empty(tree.payoffs.shape, dtype=object)
            array.reshape(-1)[:] = payoffs
            new.payoffs = readonly(array)
            prob = np.empty(len(probabilities), dtype=object)
            prob[:] = probabilities
            new.probability = readonly(prob)
            new.number_kind = "exact"
        new.float_payoffs = readonly(np.asarray(new.payoffs, dtype=np.float64))
        new.float_probability = readonly(np.asarray(new.probability, dtype=np.float64))
        return type(self)._from_tree(self.players, (), self.title, new, self.outcomes)

    def substitute(self, **values: Any) -> ExtensiveFormGame:
        """Fix some parameters of a parametric tree and keep the others symbolic.

        Parameters
        ----------
        **values
            Numbers (validated against the domains) or strings (exact decimals, fractions or
            expressions in the remaining parameters), as for
            :meth:`deterrence.games.ParametricGame.substitute`.

        Returns
        -------
        ExtensiveFormGame
            The same tree without the substituted parameters.

        Raises
        ------
        InvalidGameError
            On unknown names or values outside a domain.

        Examples
        --------
        >>> from deterrence.games import Parameter
        >>> game = ExtensiveFormGame.build(
        ...     players=("a",), parameters=["x", Parameter("y", default=2)],
        ...     root=decision("a", {"l": terminal("x*y"), "r": terminal(1)}))
        >>> half = game.substitute(y="1/2")
        >>> half.parameter_names, half.at(x=4).to_normal_form().payoffs.tolist()
        (('x',), [[Fraction(2, 1), Fraction(1, 1)]])
        """
        if not values:
            return self
        from deterrence.games.parametric import ParametricGame

        tree = self._tree
        flat = list(tree.payoffs.reshape(-1)) + list(tree.probability)
        holder = np.empty(len(flat), dtype=object)
        holder[:] = [sympy.sympify(v) for v in flat]
        helper = ParametricGame(holder.reshape(1, -1), self.parameters)
        fixed = helper.substitute(**values)
        substituted = list(fixed.payoffs.reshape(-1))
        new = _Tree()
        for slot in _Tree.__slots__:
            if slot != "__dict__" and hasattr(tree, slot):
                setattr(new, slot, getattr(tree, slot))
        payoffs = np.empty(tree.payoffs.shape, dtype=object)
        payoffs.reshape(-1)[:] = substituted[: tree.payoffs.size]
        probability = np.empty(len(tree.probability), dtype=object)
        probability[:] = substituted[tree.payoffs.size :]
        new.payoffs = readonly(payoffs)
        new.probability = readonly(probability)
        return type(self)._from_tree(self.players, fixed.parameters, self.title, new, self.outcomes)

    def play(self, plans: Sequence[int | str]) -> tuple[tuple[str, str], ...]:
        """The moves made when every player follows one reduced plan.

        Parameters
        ----------
        plans : sequence of int or str
            One reduced plan per player (index into :meth:`reduced_plans` or its label).

        Returns
        -------
        tuple of (player, action)
            Every decision taken on the path, in the order of the tree (after a chance
            node, on every branch it can take, depth first).

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {
        ...     "stop": terminal(0, 0), "go": decision("b", {"l": terminal(1, 1),
        ...                                                  "r": terminal(2, 0)})}), ("a", "b"))
        >>> game.play(["go", "r"])
        (('a', 'go'), ('b', 'r'))
        >>> game.play(["stop", "r"])
        (('a', 'stop'),)
        """
        if len(plans) != self.num_players:
            raise InvalidGameError(
                f"play() needs one plan per player ({self.num_players}), got {len(plans)}"
            )
        choices: dict[int, int] = {}
        for player, plan in enumerate(plans):
            options = self._plans[player]
            if isinstance(plan, str):
                labels = [label for _, label in options]
                if plan not in labels:
                    raise InvalidGameError(
                        f"{plan!r} is not a reduced plan of {self.players[player]!r}; plans "
                        f"are {labels}"
                    )
                plan = labels.index(plan)
            choices.update(options[int(plan)][0])
        tree = self._tree
        steps: list[tuple[str, str]] = []
        stack = [0]
        while stack:
            node = stack.pop()
            kind = tree.kind[node]
            if kind == TERMINAL:
                continue
            start = int(tree.first_child[node])
            if kind == CHANCE:
                stack.extend(reversed(range(start, start + int(tree.num_children[node]))))
                continue
            k = int(tree.infoset[node])
            action = choices.get(k)
            if action is None:  # unreachable under the plans (never happens on the path)
                continue
            steps.append((self.players[int(tree.mover[node])], tree.infoset_actions[k][action]))
            stack.append(start + action)
        return tuple(steps)

    # ------------------------------------------------------------------ strategic form
    def reduced_plans(self, player: int | str) -> tuple[tuple[dict[int, int], str], ...]:
        """The reduced pure strategies of ``player``: ``(choices, label)`` pairs.

        ``choices`` maps information-set indices to action indices for the information sets
        the plan can reach; ``label`` joins the actions with ``"/"``.

        Raises
        ------
        UnsupportedGameError
            If the game lacks perfect recall.

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {
        ...     "stop": terminal(0), "go": decision("a", {"l": terminal(1), "r": terminal(2)})}),
        ...     ("a",))
        >>> [label for _, label in game.reduced_plans("a")]
        ['stop', 'go/l', 'go/r']
        """
        index = self._player(player)
        return self._plans[index]

    def _player(self, player: int | str) -> int:
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.num_players:
                return int(player)
        elif player in self.players:
            return self.players.index(player)
        raise InvalidGameError(f"unknown player {player!r}; players are {list(self.players)}")

    @cached_property
    def _plans(self) -> tuple[tuple[tuple[dict[int, int], str], ...], ...]:
        if not self.has_perfect_recall:
            raise UnsupportedGameError(
                "the reduced strategic form needs perfect recall; this tree has an "
                "information set whose nodes follow different own earlier moves"
            )
        tree = self._tree
        out = []
        forests = []
        for player in range(self.num_players):
            infosets = [
                k for k in range(len(tree.infoset_player)) if tree.infoset_player[k] == player
            ]
            # parent (infoset, action) of each own information set (perfect recall)
            children: dict[Any, list[int]] = {}
            depth: dict[int, int] = {}
            for k in infosets:
                moves = self._own_moves(self._infoset_members[k][0], player)
                key = moves[-1] if moves else None
                children.setdefault(key, []).append(k)
                depth[k] = len(moves)
            forests.append((children, depth))
        # count every player's plans first (no recursion, no lists): a tree such as
        # tic-tac-toe implies a strategic form of astronomically many entries
        counts = []
        for children, depth in forests:
            below: dict[int, int] = {}
            for k in sorted(depth, key=depth.__getitem__, reverse=True):
                below[k] = sum(
                    math.prod(below[j] for j in children.get((k, a), []))
                    for a in range(len(tree.infoset_actions[k]))
                )
            counts.append(math.prod(below[k] for k in children.get(None, [])))
        check_payoff_entries(counts, "the reduced strategic form of this tree")
        for children, _ in forests:

            def expand(
                roots: list[int], children: dict[Any, list[int]] = children
            ) -> list[dict[int, int]]:
                partial: list[dict[int, int]] = [{}]
                for k in roots:
                    options = []
                    for a in range(len(tree.infoset_actions[k])):
                        below = expand(children.get((k, a), []))
                        options += [{k: a, **plan} for plan in below]
                    partial = [{**p, **q} for p in partial for q in options]
                return partial

            plans = expand(children.get(None, []))
            labelled = []
            for plan in plans:
                order = sorted(plan)
                label = "/".join(tree.infoset_actions[k][plan[k]] for k in order) or NO_MOVE
                labelled.append((plan, label))
            labels = [label for _, label in labelled]
            if len(set(labels)) != len(labels):
                labelled = [
                    (
                        plan,
                        "/".join(
                            f"{self.infoset_label(k)}:{tree.infoset_actions[k][plan[k]]}"
                            for k in sorted(plan)
                        ),
                    )
                    for plan, _ in labelled
                ]
            out.append(tuple(labelled))
        return tuple(out)

    def _terminal_paths(self) -> list[tuple[int, Any, list[tuple[int, int]]]]:
        """(terminal row, reach probability by chance, [(infoset, action)]) per terminal."""
        tree = self._tree
        out = []
        for node in map(int, np.flatnonzero(tree.kind == TERMINAL)):
            probability: Any = 1
            moves = []
            cursor = node
            while cursor > 0:
                at = int(tree.parent[cursor])
                if tree.kind[at] == CHANCE:
                    probability = probability * tree.probability[cursor]
                else:
                    moves.append((int(tree.infoset[at]), int(tree.edge[cursor])))
                cursor = at
            out.append((int(tree.terminal_index[node]), probability, moves))
        return out

    def to_normal_form(self) -> NormalFormGame | ParametricGame:
        """The reduced strategic form, with plan labels such as ``"coerce/back down"``.

        Returns
        -------
        NormalFormGame or ParametricGame
            A :class:`~deterrence.games.parametric.ParametricGame` for a parametric tree.
            Payoffs are expected payoffs over chance. A player who never moves has the single
            plan ``"no move"``.

        Raises
        ------
        UnsupportedGameError
            If the game lacks perfect recall.

        Notes
        -----
        Plans are built information set by information set along each player's own moves
        (perfect recall makes this a tree), so plans that differ only where the player's own
        earlier choices cannot lead are never generated: this is the reduced strategic form
        (Osborne and Rubinstein 1994, Definition 94.2).

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("coercer", {
        ...     "refrain": terminal(0, 0),
        ...     "coerce": decision("coalition", {
        ...         "share": decision("coercer", {"press on": terminal(-2, -1),
        ...                                       "back down": terminal(-1, 1)}),
        ...         "yield": terminal(2, -2)})}), ("coercer", "coalition"))
        >>> game.to_normal_form().strategies[0]
        ('refrain', 'coerce/press on', 'coerce/back down')
        """
        tree = self._tree
        plans = self._plans
        shape = tuple(len(p) for p in plans)
        symbolic = self.is_parametric
        exact = self.is_exact or symbolic
        zero: Any = sympy.Integer(0) if symbolic else (Fraction(0) if exact else 0.0)
        payoffs = np.empty((self.num_players, *shape), dtype=object)
        payoffs.fill(zero)
        for row, probability, moves in self._terminal_paths():
            consistent = []
            for player in range(self.num_players):
                own = [(k, a) for k, a in moves if tree.infoset_player[k] == player]
                consistent.append(
                    [
                        index
                        for index, (plan, _) in enumerate(plans[player])
                        if all(plan.get(k) == a for k, a in own)
                    ]
                )
            block = np.ix_(*consistent)
            for j in range(self.num_players):
                payoffs[j][block] = payoffs[j][block] + probability * tree.payoffs[row, j]
        strategies = tuple(tuple(label for _, label in p) for p in plans)
        if symbolic:
            from deterrence.games.parametric import ParametricGame

            return ParametricGame(
                payoffs,
                self.parameters,
                players=self.players,
                strategies=strategies,
                title=self.title,
            )
        if not exact:
            payoffs = payoffs.astype(np.float64)
        return NormalFormGame(
            payoffs, players=self.players, strategies=strategies, title=self.title
        )

    # ------------------------------------------------------------------ dunder
    def __getstate__(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in ("players", "parameters", "title", "outcomes", "_tree")
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        a, b = self._tree, other._tree
        return (
            self.players == other.players
            and all(
                np.array_equal(getattr(a, s), getattr(b, s))
                for s in ("kind", "parent", "edge", "mover", "infoset")
            )
            and a.infoset_actions == b.infoset_actions
            and a.chance_labels == b.chance_labels
            and a.payoffs.shape == b.payoffs.shape
            and bool(np.all(a.payoffs == b.payoffs))
            and bool(np.all(a.probability == b.probability))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.num_nodes, self._tree.infoset_actions))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        kind = "perfect information" if self.is_perfect_information else "imperfect information"
        return (
            f"<ExtensiveFormGame {title}{self.num_nodes} nodes, {kind}, "
            f"{self._tree.number_kind}, players={list(self.players)}>"
        )

    def outline(self, max_nodes: int = 200) -> tuple[tuple[int, str, str], ...]:
        """The first ``max_nodes`` nodes in depth-first order, as ``(depth, move, node)`` rows.

        ``move`` is the label of the edge into the node (chance moves with their probability
        in brackets; ``""`` at the root); ``node`` names the mover (and a named information
        set), ``"chance"``, or the payoffs ``"(u1, u2)"`` of a leaf. Fewer rows than
        :attr:`num_nodes` means the outline was cut.

        Examples
        --------
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(1, 0), "y": terminal(0, 1)}),
        ...                          ("a", "b"))
        >>> game.outline()
        ((0, '', 'a'), (1, 'x', '(1, 0)'), (1, 'y', '(0, 1)'))
        """
        from deterrence.games._numbers import format_number

        def text(value: Any) -> str:
            return str(value) if isinstance(value, sympy.Basic) else format_number(value)

        tree = self._tree
        rows: list[tuple[int, str, str]] = []
        stack = [(0, 0, "")]
        while stack and len(rows) < max_nodes:
            node, depth, move = stack.pop()
            kind = tree.kind[node]
            if kind == TERMINAL:
                row = tree.payoffs[tree.terminal_index[node]]
                rows.append((depth, move, "(" + ", ".join(text(v) for v in row) + ")"))
                continue
            if kind == DECISION:
                name = tree.infoset_names[int(tree.infoset[node])]
                rows.append(
                    (depth, move, self.players[tree.mover[node]] + (f" [{name}]" if name else ""))
                )
            else:
                rows.append((depth, move, "chance"))
            first = int(tree.first_child[node])
            for c in reversed(range(first, first + int(tree.num_children[node]))):
                label = self._edge_label(c)
                if kind == CHANCE:
                    label += f" ({text(tree.probability[c])})"
                stack.append((c, depth + 1, label))
        return tuple(rows)

    def __str__(self) -> str:
        """An indented outline of the tree (the first 200 nodes)."""
        rows = self.outline(200)
        lines = [self.title] if self.title else []
        lines += ["  " * depth + (f"{move}: " if move else "") + text for depth, move, text in rows]
        if len(rows) < self.num_nodes:
            lines.append("...")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The tree as nested HTML lists for Jupyter (the first 200 nodes)."""
        from deterrence.display import tree_to_html

        return tree_to_html(self)


def _parameters(parameters: Any) -> tuple[Parameter, ...]:
    if parameters is None or (isinstance(parameters, (tuple, list)) and not parameters):
        return ()
    from deterrence.games.parametric import as_parameters

    return as_parameters(parameters)
