r"""TOML scenario files: a parametric game, its parameters and a sweep grid in one file.

A scenario file describes a game the way an analyst writes it down: who plays, what each can
do, the payoffs as numbers or *safe expressions* of named parameters (parsed by
``deterrence.games._expressions``, never evaluated), each parameter's default, domain and
meaning, and optionally the grid to sweep and the solver to use.

.. code-block:: toml

    title = "Coercer versus coalition"
    description = "Deterrence by denial in one shot."

    [[players]]
    name = "coercer"
    strategies = ["coerce", "refrain"]

    [[players]]
    name = "coalition"
    strategies = ["share", "not share"]

    [parameters.credibility]
    default = 0.5            # decimals are read exactly (1/2), as are strings like "2/3"
    domain = [0, 1]          # use "inf" / "-inf" for an open end
    description = "probability that partners honour the sharing commitment"

    [payoffs]                # one array per player, indexed [s_1][s_2]...[s_n]
    coercer = [["10*(1 - credibility) - 4", 2], [0, 0]]
    coalition = [[-5, -3], [-1, -2]]

    # instead of [payoffs], one entry per pure profile (handy with three or more players):
    # [[outcomes]]
    # profile = ["coerce", "share"]
    # payoffs = ["10*(1 - credibility) - 4", -5]

    [solve]                  # optional
    method = "auto"
    exact = true

    [sweep.grid]             # optional: {start, stop, num}, a list of values or "start:stop:num"
    credibility = { start = 0, stop = 1, num = 11 }

Every error names the file, the line and the field, e.g.
``coercion.toml, line 12, field parameters.credibility.domain: low 1 > high 0``.

Examples
--------
>>> scenario = loads('''
... title = "stag hunt"
... [[players]]
... name = "A"
... strategies = ["stag", "hare"]
... [[players]]
... name = "B"
... strategies = ["stag", "hare"]
... [parameters.reward]
... default = 4
... domain = [3, "inf"]
... [payoffs]
... A = [["reward", 0], [3, 3]]
... B = [["reward", 3], [0, 3]]
... [sweep.grid]
... reward = "3:5:3"
... ''')
>>> scenario.game.parameter_names, scenario.grid
(('reward',), {'reward': (Fraction(3, 1), Fraction(4, 1), Fraction(5, 1))})
>>> scenario.game.at(reward=5).payoff_matrix("A")[0, 0]
Fraction(5, 1)
>>> loads(dumps(scenario)).game == scenario.game
True
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.games._numbers import check_number_size
from deterrence.games.limits import MAX_NESTING, check_payoff_entries
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.parametric import Parameter, ParametricGame

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "save_scenario",
    "loads",
    "dumps",
    "parse_grid_spec",
]

PathLike = str | os.PathLike

_TOP_LEVEL = {
    "title",
    "description",
    "players",
    "parameters",
    "payoffs",
    "outcomes",
    "solve",
    "sweep",
}
_OUTCOME_KEYS = {"profile", "payoffs"}
_PLAYER_KEYS = {"name", "strategies"}
_PARAMETER_KEYS = {"default", "domain", "description"}
_SOLVE_KEYS = {"method", "exact"}
_SWEEP_KEYS = {"grid", "method"}
#: Largest grid a scenario may declare per parameter (guards against typos like num=1e9).
MAX_GRID_POINTS = 100_000


class ScenarioError(InvalidGameError):
    """A scenario file is malformed; ``source``, ``line`` and ``field`` say where.

    Attributes
    ----------
    source : str
        The file name (or ``"<string>"``).
    line : int or None
        1-based line number, when known.
    field : str
        The dotted field, e.g. ``"parameters.credibility.domain"``.
    reason : str
        The problem itself, without the location.

    Examples
    --------
    A misspelt section (the solver settings live under ``[solve]``):

    >>> text = '''
    ... title = "stag hunt"
    ... description = "two hunters, one stag"
    ... solver = "lemke_howson"
    ... '''
    >>> try:
    ...     loads(text, source="stag.toml")
    ... except ScenarioError as error:
    ...     print(error.source, error.line, error.field)
    ...     print(error.reason)
    stag.toml 4 solver
    unknown field 'solver'; expected one of ['description', 'outcomes', 'parameters',
    'payoffs', 'players', 'solve', 'sweep', 'title']
    """

    def __init__(self, message: str, *, source: str, line: int | None, field: str) -> None:
        self.source, self.line, self.field, self.reason = source, line, field, message
        where = source + (f", line {line}" if line else "") + (f", field {field}" if field else "")
        super().__init__(f"{where}: {message}")


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A game with its parameter grid and solver settings, as read from a scenario file.

    Parameters
    ----------
    game : ParametricGame
        The game (a parametric game, possibly without parameters).
    grid : mapping of str to tuple
        Parameter values to sweep, ``{name: (v1, v2, ...)}``, exact where possible.
    method : str
        The solver method (``"auto"`` unless the file says otherwise).
    exact : bool or None
        Whether to solve in exact arithmetic (``None``: decide from the game).
    description : str
        Free text from the file.
    source : str
        Where it was read from.

    Examples
    --------
    >>> from deterrence.games.parametric import ParametricGame
    >>> game = ParametricGame.from_matrices([["b", 0], [0, 1]], [[1, 0], [0, "b"]], ["b"])
    >>> Scenario(game, grid={"b": [0, 1]}).grid
    {'b': (Fraction(0, 1), Fraction(1, 1))}
    """

    game: ParametricGame
    grid: Mapping[str, Sequence[Any]] = dataclasses.field(default_factory=dict)
    method: str = "auto"
    exact: bool | None = None
    description: str = ""
    source: str = "<string>"

    def __post_init__(self) -> None:
        game = self.game
        if isinstance(game, NormalFormGame):
            game = ParametricGame.from_game(game)
            object.__setattr__(self, "game", game)
        if not isinstance(game, ParametricGame):
            raise InvalidGameError(
                f"a scenario needs a ParametricGame or NormalFormGame, got {type(game).__name__}"
            )
        grid = {}
        for name, values in dict(self.grid).items():
            parameter = game.parameter(name)
            grid[name] = tuple(parameter.validate(v) for v in values)
        object.__setattr__(self, "grid", grid)

    @property
    def title(self) -> str:
        """The game's title."""
        return self.game.title

    def at(self, **values: Any) -> NormalFormGame:
        """The game at one parameter point (defaults fill the gaps)."""
        return self.game.at(**values)


# ---------------------------------------------------------------------------- locating
_HEADER = re.compile(r"""^\s*(\[\[?)\s*([A-Za-z_"'][A-Za-z0-9_\-."' ]*?)\s*\]\]?\s*(#.*)?$""")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _line_of(text: str, field: Sequence[Any]) -> int | None:
    """The 1-based line where ``field`` (a key path, ints for array-of-table indices) is set.

    Scans table headers and ``key =`` lines; returns the line of the longest matching prefix.
    """
    target = [str(part) for part in field]
    best_line, best_length = None, 0
    table: list[str] = []
    counters: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            keys = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = counters.get(tuple(keys), -1) + 1
                counters[tuple(keys)] = index
                table = [*keys, str(index)]
            else:
                table = keys
            path = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path = [*table, *_split_key(key.group(1))]
        length = 0
        for a, b in zip(path, target):
            if a != b:
                break
            length += 1
        if length in (len(path), len(target)) and length > best_length:
            best_line, best_length = number, length
    return best_line


class _Context:
    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source

    def error(self, field: Sequence[Any], message: str) -> ScenarioError:
        dotted = ".".join(
            str(part) if not isinstance(part, int) else f"[{part}]" for part in field
        ).replace(".[", "[")
        return ScenarioError(
            message, source=self.source, line=_line_of(self.text, field), field=dotted
        )


def _describe(value: Any) -> str:
    kinds = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        Decimal: "a number",
        list: "an array",
        dict: "a table",
    }
    return kinds.get(type(value), type(value).__name__)


def _number(value: Any) -> Any:
    """TOML numbers and numeric strings to exact values; other strings stay strings."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            return float(value)
        check_number_size(value, "number")
        return Fraction(value)
    return value


# ---------------------------------------------------------------------------- reading
def loads(text: str, *, source: str = "<string>") -> Scenario:
    """Parse the text of a TOML scenario file.

    Parameters
    ----------
    text : str
        The TOML text (format in the module docstring).
    source : str
        How to name the text in error messages (the file name).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        (an :class:`~deterrence.exceptions.InvalidGameError`) naming the source, the line
        and the field of the first problem found.

    Examples
    --------
    >>> scenario = loads('''
    ... title = "deterrence by denial"
    ... [[players]]
    ... name = "coercer"
    ... strategies = ["coerce", "refrain"]
    ... [[players]]
    ... name = "coalition"
    ... strategies = ["share", "not share"]
    ... [parameters.credibility]
    ... default = 0.5
    ... domain = [0, 1]
    ... [payoffs]
    ... coercer = [["10*(1 - credibility) - 4", 2], [0, 0]]
    ... coalition = [[-5, -3], [-1, -2]]
    ... ''')
    >>> scenario.title, scenario.game.parameter_names
    ('deterrence by denial', ('credibility',))
    >>> scenario.at(credibility="1/5").payoff_matrix("coercer")[0, 0]
    Fraction(4, 1)
    >>> loads('titel = "stag hunt"', source="stag.toml")
    Traceback (most recent call last):
    ...
    deterrence.io.scenario.ScenarioError: stag.toml, line 1, field titel: unknown field
    'titel'; expected one of [...]
    """
    if not isinstance(text, str):
        raise InvalidGameError(f"expected the text of a scenario file, got {type(text).__name__}")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ScenarioError(
            "arrays or tables are nested too deeply for a scenario file (more than "
            f"{MAX_NESTING} levels are never needed)",
            source=source,
            line=None,
            field="",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = getattr(exc, "lineno", None) or (int(match.group(1)) if match else None)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        reason = re.sub(r"\s*\(at end of document\)", "", reason)
        raise ScenarioError(
            f"not valid TOML: {reason}", source=source, line=line, field=""
        ) from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit
        raise ScenarioError(
            f"not a usable TOML value: {exc}", source=source, line=None, field=""
        ) from None
    context = _Context(text, source)
    return _from_data(data, context)


def _expect(
    context: _Context, field: Sequence[Any], value: Any, kind: type | tuple, what: str
) -> Any:
    if (
        not isinstance(value, kind)
        or isinstance(value, bool)
        and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise context.error(field, f"expected {what}, got {_describe(value)}")
    return value


def _check_keys(
    context: _Context, field: Sequence[Any], table: Mapping[str, Any], allowed: set[str]
) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise context.error(
            [*field, unknown[0]], f"unknown field {unknown[0]!r}; expected one of {sorted(allowed)}"
        )


def _from_data(data: dict[str, Any], context: _Context) -> Scenario:
    _check_keys(context, [], data, _TOP_LEVEL)
    title = _expect(context, ["title"], data.get("title", ""), str, "a string")
    description = _expect(context, ["description"], data.get("description", ""), str, "a string")

    # players
    if "players" not in data:
        raise context.error([], "missing [[players]]: each player needs a name and strategies")
    players_data = _expect(
        context, ["players"], data["players"], list, "an array of [[players]] tables"
    )
    if not players_data:
        raise context.error(["players"], "there must be at least one player")
    players, strategies = [], []
    for k, entry in enumerate(players_data):
        field = ["players", k]
        _expect(context, field, entry, dict, "a table with name and strategies")
        _check_keys(context, field, entry, _PLAYER_KEYS)
        for key in ("name", "strategies"):
            if key not in entry:
                raise context.error(field, f"player {k + 1} has no {key!r}")
        name = _expect(context, [*field, "name"], entry["name"], str, "a string")
        if not name.strip():
            raise context.error([*field, "name"], "player names must not be empty")
        if name in players:
            raise context.error([*field, "name"], f"player {name!r} is declared twice")
        labels = _expect(
            context, [*field, "strategies"], entry["strategies"], list, "an array of strategy names"
        )
        if not labels:
            raise context.error(
                [*field, "strategies"], f"player {name!r} needs at least one strategy"
            )
        for label in labels:
            if not isinstance(label, str) or not label.strip():
                raise context.error(
                    [*field, "strategies"],
                    f"strategy names must be non-empty strings, got {label!r}",
                )
        if len(set(labels)) != len(labels):
            counts: dict[str, int] = {}
            for label in labels:
                counts[label] = counts.get(label, 0) + 1
            duplicates = sorted(x for x, n in counts.items() if n > 1)
            raise context.error([*field, "strategies"], f"duplicate strategies {duplicates}")
        players.append(name)
        strategies.append(tuple(labels))
    try:  # before any array is built: 28 players need 2**28 profiles
        check_payoff_entries([len(labels) for labels in strategies], context.source)
    except InvalidGameError as exc:
        raise context.error(["players"], str(exc)) from None

    # parameters
    parameters = []
    table = _expect(
        context, ["parameters"], data.get("parameters", {}), dict, "a table of parameters"
    )
    for name, spec in table.items():
        field = ["parameters", name]
        if not isinstance(spec, dict):  # shorthand: name = default
            spec = {"default": spec}
        _check_keys(context, field, spec, _PARAMETER_KEYS)
        default = spec.get("default")
        if default is not None:
            _expect(
                context,
                [*field, "default"],
                default,
                (Decimal, int, str),
                "a number or a string such as '1/2'",
            )
        domain = spec.get("domain")
        if domain is not None:
            _expect(context, [*field, "domain"], domain, list, "an array [low, high]")
            if len(domain) != 2:
                raise context.error(
                    [*field, "domain"], f"expected [low, high], got {len(domain)} values"
                )
            ends: list[Fraction | float | str | None] = []
            for end, infinite in zip(domain, ("-inf", "inf")):
                if isinstance(end, str) and end.strip() in (infinite, f"+{infinite}"):
                    ends.append(None)
                elif isinstance(end, (Decimal, int, str)) and not isinstance(end, bool):
                    try:
                        ends.append(_number(end))
                    except InvalidGameError as exc:
                        raise context.error([*field, "domain"], str(exc)) from None
                else:
                    raise context.error(
                        [*field, "domain"],
                        f"domain ends must be numbers or '-inf'/'inf', got {end!r}",
                    )
            domain = tuple(ends)
        text = spec.get("description", "")
        _expect(context, [*field, "description"], text, str, "a string")
        try:
            parameters.append(
                Parameter(name, default=_number(default), domain=domain, description=text)
            )
        except InvalidGameError as exc:
            sub = (
                "default" if "default" in str(exc) else ("domain" if "domain" in str(exc) else None)
            )
            raise context.error([*field, sub] if sub else field, str(exc)) from None
    names = [p.name for p in parameters]

    # payoffs: [payoffs] arrays, or one [[outcomes]] entry per pure profile
    if "payoffs" in data and "outcomes" in data:
        raise context.error(["outcomes"], "give either [payoffs] or [[outcomes]], not both")
    if "outcomes" in data:
        payoffs = _outcome_payoffs(context, data["outcomes"], players, strategies, names)
    elif "payoffs" not in data:
        raise context.error(
            [], "missing [payoffs] (one array per player) or [[outcomes]] (one entry per profile)"
        )
    else:
        payoffs = _array_payoffs(context, data["payoffs"], players, strategies, names)
    try:
        game = ParametricGame(
            payoffs, parameters, players=players, strategies=strategies, title=title
        )
    except InvalidGameError as exc:
        raise context.error(["payoffs" if "payoffs" in data else "outcomes"], str(exc)) from None
    return _finish(context, data, game, names, description)


def _array_payoffs(
    context: _Context,
    table: Any,
    players: list[str],
    strategies: list[tuple[str, ...]],
    names: list[str],
) -> np.ndarray:
    shape = tuple(len(labels) for labels in strategies)
    payoff_table = _expect(context, ["payoffs"], table, dict, "a table with one array per player")
    unknown = sorted(set(payoff_table) - set(players))
    if unknown:
        raise context.error(
            ["payoffs", unknown[0]],
            f"payoffs for unknown player {unknown[0]!r}; players are {players}",
        )
    arrays = []
    for name in players:
        field = ["payoffs", name]
        if name not in payoff_table:
            raise context.error(["payoffs"], f"no payoffs for player {name!r}")
        array = _payoff_array(context, field, payoff_table[name], shape, strategies, names)
        arrays.append(array)
    payoffs = np.empty((len(players), *shape), dtype=object)
    for i, array in enumerate(arrays):
        payoffs[i] = array
    return payoffs


def _outcome_payoffs(
    context: _Context,
    entries: Any,
    players: list[str],
    strategies: list[tuple[str, ...]],
    names: list[str],
) -> np.ndarray:
    shape = tuple(len(labels) for labels in strategies)
    _expect(context, ["outcomes"], entries, list, "an array of [[outcomes]] tables")
    payoffs = np.empty((len(players), *shape), dtype=object)
    seen: dict[tuple[int, ...], int] = {}
    for k, entry in enumerate(entries):
        field = ["outcomes", k]
        _expect(context, field, entry, dict, "a table with profile and payoffs")
        _check_keys(context, field, entry, _OUTCOME_KEYS)
        for key in ("profile", "payoffs"):
            if key not in entry:
                raise context.error(field, f"outcome {k + 1} has no {key!r}")
        profile = _expect(
            context,
            [*field, "profile"],
            entry["profile"],
            list,
            "an array with one strategy per player",
        )
        if len(profile) != len(players):
            raise context.error(
                [*field, "profile"],
                f"profile has {len(profile)} entries; "
                f"expected one strategy for each of the players {players}",
            )
        index = []
        for i, label in enumerate(profile):
            if label not in strategies[i]:
                raise context.error(
                    [*field, "profile"],
                    f"{label!r} is not a strategy of "
                    f"{players[i]!r}; strategies are {list(strategies[i])}",
                )
            index.append(strategies[i].index(label))
        if tuple(index) in seen:
            raise context.error(
                [*field, "profile"], f"profile {profile} is also outcome {seen[tuple(index)] + 1}"
            )
        seen[tuple(index)] = k
        given = entry["payoffs"]
        if not isinstance(given, list) or len(given) != len(players):
            got = f"{len(given)} entries" if isinstance(given, list) else _describe(given)
            raise context.error(
                [*field, "payoffs"],
                f"payoffs has {got}; expected one "
                f"number or expression for each of the players {players}",
            )
        values = _payoff_array(
            context, [*field, "payoffs"], given, (len(players),), [tuple(players)], names
        )
        for i in range(len(players)):
            payoffs[(i,) + tuple(index)] = values[i]
    if len(seen) != int(np.prod(shape)):
        missing = next(p for p in np.ndindex(*shape) if p not in seen)
        labels = [strategies[i][j] for i, j in enumerate(missing)]
        raise context.error(
            ["outcomes"],
            f"no outcome for profile {labels}; every pure "
            f"profile needs one ({int(np.prod(shape))} in all)",
        )
    return payoffs


def _finish(
    context: _Context,
    data: dict[str, Any],
    game: ParametricGame,
    names: list[str],
    description: str,
) -> Scenario:
    # solve and sweep
    solve = _expect(context, ["solve"], data.get("solve", {}), dict, "a table")
    _check_keys(context, ["solve"], solve, _SOLVE_KEYS)
    method = _expect(context, ["solve", "method"], solve.get("method", "auto"), str, "a string")
    exact = solve.get("exact")
    if exact is not None and not isinstance(exact, bool):
        raise context.error(["solve", "exact"], f"expected true or false, got {exact!r}")
    sweep = _expect(context, ["sweep"], data.get("sweep", {}), dict, "a table")
    _check_keys(context, ["sweep"], sweep, _SWEEP_KEYS)
    if "method" in sweep:
        method = _expect(context, ["sweep", "method"], sweep["method"], str, "a string")
    grid_table = _expect(
        context, ["sweep", "grid"], sweep.get("grid", {}), dict, "a table of parameter grids"
    )
    grid = {}
    for name, spec in grid_table.items():
        field = ["sweep", "grid", name]
        if name not in names:
            raise context.error(field, unknown_names("parameter", [name], names))
        try:
            values = _grid_values(spec)
            parameter = game.parameter(name)
            grid[name] = tuple(parameter.validate(v) for v in values)
        except InvalidGameError as exc:
            raise context.error(field, str(exc)) from None
    return Scenario(
        game, grid=grid, method=method, exact=exact, description=description, source=context.source
    )


def _payoff_array(
    context: _Context,
    field: list[Any],
    value: Any,
    shape: tuple[int, ...],
    strategies: list[tuple[str, ...]],
    names: list[str],
) -> np.ndarray:
    out = np.empty(shape, dtype=object)

    def fill(node: Any, depth: int, index: tuple[int, ...]) -> None:
        if depth == len(shape):
            if isinstance(node, (list, dict)) or isinstance(node, bool):
                raise context.error(
                    field,
                    f"entry {list(index)} is {_describe(node)}; expected a number or an expression",
                )
            if isinstance(node, Decimal) and not node.is_finite():
                raise context.error(field, f"entry {list(index)} is {node}; payoffs must be finite")
            if isinstance(node, str):
                from deterrence.games._expressions import parse_expression

                try:
                    expression = parse_expression(node)
                except InvalidGameError as exc:
                    raise context.error(field, f"entry {list(index)}: {exc}") from None
                undeclared = sorted({s.name for s in expression.free_symbols} - set(names))
                if undeclared:
                    raise context.error(
                        field,
                        f"entry {list(index)} uses undeclared parameter(s) "
                        f"{undeclared}; declare them under [parameters]",
                    )
                out[index] = expression
            elif isinstance(node, (int, Decimal)):
                try:
                    out[index] = _number(node)
                except InvalidGameError as exc:
                    raise context.error(field, f"entry {list(index)}: {exc}") from None
            else:  # pragma: no cover - TOML has no other scalar kinds we accept
                raise context.error(field, f"entry {list(index)} is {_describe(node)}")
            return
        if not isinstance(node, list) or len(node) != shape[depth]:
            got = f"{len(node)} entries" if isinstance(node, list) else _describe(node)
            where = f" at {list(index)}" if index else ""
            player = field[-1]
            raise context.error(
                field,
                f"payoffs of {player!r}{where} has {got}; expected an array of "
                f"{shape[depth]} (one per strategy of the player {depth + 1}: "
                f"{list(strategies[depth])}); the full shape is {list(shape)}",
            )
        for k, child in enumerate(node):
            fill(child, depth + 1, (*index, k))

    fill(value, 0, ())
    return out


def parse_grid_spec(spec: Any) -> tuple[Any, ...]:
    """Grid values from ``"start:stop:num"``, ``{start, stop, num}`` or a list of values.

    Exact (``Fraction``) whenever the ends are exact.

    Examples
    --------
    >>> parse_grid_spec("0:1:5")
    (Fraction(0, 1), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(1, 1))
    >>> parse_grid_spec([0.5, "2/3"])
    (0.5, Fraction(2, 3))
    """
    return _grid_values(spec)


def _grid_values(spec: Any) -> tuple[Any, ...]:
    if isinstance(spec, str):
        parts = spec.split(":")
        if len(parts) != 3:
            raise InvalidGameError(f"grid {spec!r} is not start:stop:num")
        spec = {"start": parts[0], "stop": parts[1], "num": parts[2]}
    if isinstance(spec, dict):
        unknown = sorted(set(spec) - {"start", "stop", "num"})
        missing = sorted({"start", "stop", "num"} - set(spec))
        if unknown or missing:
            raise InvalidGameError(f"a grid needs start, stop and num; got {sorted(spec)}")
        start, stop = (_exact(spec[key], key) for key in ("start", "stop"))
        try:
            num = spec["num"]
            num = int(num.strip()) if isinstance(num, str) else num
        except (ValueError, TypeError):
            raise InvalidGameError(
                f"grid num must be a whole number, got {spec['num']!r}"
            ) from None
        if isinstance(num, bool) or not isinstance(num, int) or not 1 <= num <= MAX_GRID_POINTS:
            raise InvalidGameError(
                f"grid num must be a whole number from 1 to {MAX_GRID_POINTS}, got {num!r}"
            )
        if num == 1:
            return (start,)
        step = (stop - start) / (num - 1)
        return tuple(start + k * step for k in range(num))
    if isinstance(spec, (list, tuple)):
        if not spec:
            raise InvalidGameError("a grid needs at least one value")
        return tuple(_exact(v, "grid value") for v in spec)
    raise InvalidGameError(
        f"a grid is 'start:stop:num', {{start, stop, num}} or a list of values; got {spec!r}"
    )


def _exact(value: Any, what: str) -> Any:
    if isinstance(value, bool):
        raise InvalidGameError(f"{what} is a boolean; expected a number")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidGameError(f"{what} is {value}; expected a finite number")
        check_number_size(value, what)
        return Fraction(value)
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidGameError(f"{what} is {value}; expected a finite number")
        return value
    if isinstance(value, str):
        check_number_size(value, what)
        try:
            number = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(f"{what} {value!r} is not a number") from None
        return number
    raise InvalidGameError(f"{what} is {value!r}; expected a number")


def load_scenario(path: PathLike) -> Scenario:
    """Read a TOML scenario file.

    Parameters
    ----------
    path : str or path

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        If the file is missing or malformed (the message names the file, line and field).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_scenario(game, Path(folder) / "stag.toml")
    ...     scenario = load_scenario(path)
    >>> scenario.at().payoff_matrix(0).tolist()
    [[Fraction(4, 1), Fraction(0, 1)], [Fraction(3, 1), Fraction(3, 1)]]
    >>> try:
    ...     load_scenario("no-such-folder/missing.toml")
    ... except ScenarioError as error:
    ...     print(error.reason)
    no such file
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError("no such file", source=str(path), line=None, field="") from None
    except IsADirectoryError:
        raise ScenarioError("is a directory", source=str(path), line=None, field="") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            f"not UTF-8 text ({exc.reason})", source=str(path), line=None, field=""
        ) from None
    return loads(text, source=str(path))


# ---------------------------------------------------------------------------- writing
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _toml_number(value: Any) -> str:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return _toml_string(str(value))
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    value = float(value)
    if not math.isfinite(value):
        raise InvalidGameError(f"cannot write the non-finite number {value} to a scenario")
    return repr(value)


_FUNCTION_NAMES = {"Max": "max", "Min": "min", "Abs": "abs"}


def _expression_text(expression: Any) -> str:
    if isinstance(expression, sympy.Basic):
        if expression.is_Rational:
            return _toml_number(Fraction(int(expression.p), int(expression.q)))
        if expression.is_Float:
            return repr(float(expression))
        text = sympy.sstr(expression)
        text = re.sub(r"\b(Max|Min|Abs)\(", lambda m: _FUNCTION_NAMES[m.group(1)] + "(", text)
        return _toml_string(text)
    return _toml_number(expression)


def _payoff_literal(array: np.ndarray) -> str:
    if array.ndim == 1:
        return "[" + ", ".join(_expression_text(v) for v in array) + "]"
    return "[" + ", ".join(_payoff_literal(sub) for sub in array) + "]"


def dumps(
    scenario: Scenario | ParametricGame | NormalFormGame,
    *,
    grid: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """Write a scenario (or a game) as TOML text that :func:`loads` reads back.

    Parameters
    ----------
    scenario : Scenario, ParametricGame or NormalFormGame
    grid : mapping, optional
        A sweep grid to include (overrides the scenario's).

    Returns
    -------
    str

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> text = dumps(NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> print(text.split("[payoffs]")[1].strip())
    "player 1" = [[3, 0], [5, 1]]
    "player 2" = [[3, 5], [0, 1]]
    """
    if isinstance(scenario, NormalFormGame):
        scenario = ParametricGame.from_game(scenario)
    if not isinstance(scenario, Scenario):
        scenario = Scenario(scenario, grid=grid or {})
    elif grid is not None:
        scenario = dataclasses.replace(scenario, grid=grid)
    game = scenario.game
    lines = []
    if game.title:
        lines.append(f"title = {_toml_string(game.title)}")
    if scenario.description:
        lines.append(f"description = {_toml_string(scenario.description)}")
    for name, labels in zip(game.players, game.strategies):
        lines += [
            "",
            "[[players]]",
            f"name = {_toml_string(name)}",
            "strategies = [" + ", ".join(_toml_string(s) for s in labels) + "]",
        ]
    for parameter in game.parameters:
        lines += ["", f"[parameters.{_toml_key(parameter.name)}]"]
        if parameter.default is not None:
            lines.append(f"default = {_toml_number(parameter.default)}")
        if parameter.domain is not None:
            low, high = parameter.domain
            low_text = '"-inf"' if low is None else _toml_number(low)
            high_text = '"inf"' if high is None else _toml_number(high)
            lines.append(f"domain = [{low_text}, {high_text}]")
        if parameter.description:
            lines.append(f"description = {_toml_string(parameter.description)}")
    lines += ["", "[payoffs]"]
    for i, name in enumerate(game.players):
        lines.append(f"{_toml_key(name)} = {_payoff_literal(game.payoffs[i])}")
    if scenario.method != "auto" or scenario.exact is not None:
        lines += ["", "[solve]"]
        if scenario.method != "auto":
            lines.append(f"method = {_toml_string(scenario.method)}")
        if scenario.exact is not None:
            lines.append(f"exact = {'true' if scenario.exact else 'false'}")
    if scenario.grid:
        lines += ["", "[sweep.grid]"]
        for name, values in scenario.grid.items():
            lines.append(f"{_toml_key(name)} = {_grid_literal(values)}")
    return "\n".join(lines).lstrip("\n") + "\n"


def _grid_literal(values: Sequence[Any]) -> str:
    """``{ start = a, stop = b, num = n }`` for exact evenly spaced grids, else a list."""
    values = list(values)
    if len(values) >= 3 and all(isinstance(v, Fraction) for v in values):
        step = values[1] - values[0]
        if step > 0 and all(b - a == step for a, b in zip(values, values[1:])):
            return (
                f"{{ start = {_toml_number(values[0])}, stop = {_toml_number(values[-1])}, "
                f"num = {len(values)} }}"
            )
    return "[" + ", ".join(_toml_number(v) for v in values) + "]"


def save_scenario(
    scenario: Scenario | ParametricGame | NormalFormGame,
    path: PathLike,
    *,
    grid: Mapping[str, Sequence[Any]] | None = None,
) -> Path:
    """Write a scenario (or a game) to a TOML file; return the path.

    Parameters
    ----------
    scenario : Scenario, ParametricGame or NormalFormGame
    path : str or path
    grid : mapping, optional
        A sweep grid to include.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidGameError
        If ``scenario`` is not a scenario or a game, or the grid does not fit its
        parameters.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from deterrence.games.parametric import ParametricGame
    >>> game = ParametricGame.from_matrices([["b", 0], [0, 1]], [[1, 0], [0, "b"]], ["b"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_scenario(game, Path(folder) / "coordination.toml", grid={"b": [0, 1, 2]})
    ...     print(path.name, load_scenario(path).grid)
    coordination.toml {'b': (Fraction(0, 1), Fraction(1, 1), Fraction(2, 1))}
    """
    path = Path(path)
    path.write_text(dumps(scenario, grid=grid), encoding="utf-8")
    return path
