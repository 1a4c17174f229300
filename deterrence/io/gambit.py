r"""Gambit's game file formats: strategic ``.nfg`` and extensive ``.efg``.

Gambit (McKelvey, McLennan and Turocy, https://www.gambit-project.org) stores games as
plain text. This module reads and writes both formats without needing pygambit, keeping
payoffs exact (``Fraction``): integers, decimals such as ``2.5`` and rationals such as
``1/3`` are all read exactly.

``.nfg`` (strategic form) comes in two flavours that differ only in the body:

.. code-block:: text

    NFG 1 R "title" { "player 1" "player 2" } { 2 2 }        <- counts, or
    NFG 1 R "title" { "p1" "p2" } { { "a" "b" } { "c" "d" } } <- strategy labels
    "optional comment"

    3 3 0 5 5 0 1 1                          <- payoff format: every player's payoff,
                                                profile by profile, player 1 fastest
    { { "" 3, 3 } { "" 5, 0 } ... }  1 2 3 4  <- outcome format: a list of outcomes and
                                                the outcome number of each profile (0: none)

``.efg`` (extensive form) lists the nodes of the tree in depth-first order, one per line:
``c`` chance nodes with action probabilities, ``p`` personal nodes with a player and an
information set number, ``t`` terminal nodes; outcomes carry payoffs (see
:func:`loads_efg`). Reading and writing extensive games needs
:class:`deterrence.games.extensive.ExtensiveFormGame`.

Examples
--------
>>> from deterrence import NormalFormGame
>>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     players=("bloc A", "bloc B"),
...     strategies=(("open", "friend-shore"), ("open", "friend-shore")), title="dilemma")
>>> text = dumps_nfg(game)
>>> print(text)  # doctest: +NORMALIZE_WHITESPACE
NFG 1 R "dilemma" { "bloc A" "bloc B" }
{ { "open" "friend-shore" }
{ "open" "friend-shore" }
}
""
3 3 5 0 0 5 1 1
>>> loads_nfg(text) == game
True
>>> loads_nfg(dumps_nfg(game, format="outcome")) == game
True

References
----------
.. [1] The Gambit Project, "Game representation formats",
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games._numbers import check_number_size
from deterrence.games.limits import check_payoff_entries
from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "read_nfg",
    "write_nfg",
    "loads_nfg",
    "dumps_nfg",
    "read_efg",
    "write_efg",
    "loads_efg",
    "dumps_efg",
    "read_gambit",
    "normal_form_tree",
]

PathLike = str | os.PathLike


# ---------------------------------------------------------------------------- tokens
@dataclass(frozen=True)
class _Token:
    kind: str  # "string", "number", "symbol" ("{", "}", ","), "word", "end"
    text: str
    line: int


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _tokenise(text: str, source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, line, length = 0, 1, len(text)
    while position < length:
        char = text[position]
        if char == "\n":
            line += 1
            position += 1
        elif char.isspace():
            position += 1
        elif char == '"':
            start_line = line
            position += 1
            pieces = []
            while True:
                if position >= length:
                    raise InvalidGameError(f"{source}, line {start_line}: unterminated string")
                char = text[position]
                if char == "\\" and position + 1 < length:
                    pieces.append(text[position + 1])
                    line += text[position + 1] == "\n"
                    position += 2
                    continue
                if char == '"':
                    position += 1
                    break
                line += char == "\n"
                pieces.append(char)
                position += 1
            tokens.append(_Token("string", "".join(pieces), start_line))
        elif char in "{},":
            tokens.append(_Token("symbol", char, line))
            position += 1
        else:
            match = _NUMBER.match(text, position)
            if match:
                tokens.append(_Token("number", match.group(), line))
                position = match.end()
                continue
            match = _WORD.match(text, position)
            if match:
                tokens.append(_Token("word", match.group(), line))
                position = match.end()
                continue
            raise InvalidGameError(f"{source}, line {line}: unexpected character {char!r}")
    tokens.append(_Token("end", "", line))
    return tokens


class _Reader:
    """A cursor over tokens with error messages naming the source and line."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.tokens = _tokenise(text, source)
        self.numbers: dict[str, Fraction] = {}  # payoffs repeat: parse each text once
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def peek(self, offset: int = 1) -> _Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def error(self, message: str, token: _Token | None = None) -> InvalidGameError:
        token = token or self.current
        found = "end of file" if token.kind == "end" else f"{token.text!r}"
        return InvalidGameError(f"{self.source}, line {token.line}: {message} (found {found})")

    def advance(self) -> _Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def at_symbol(self, symbol: str) -> bool:
        return self.current.kind == "symbol" and self.current.text == symbol

    def symbol(self, symbol: str) -> None:
        if not self.at_symbol(symbol):
            raise self.error(f"expected {symbol!r}")
        self.advance()

    def string(self, what: str) -> str:
        if self.current.kind != "string":
            raise self.error(f"expected {what} (a quoted string)")
        return self.advance().text

    def word(self, expected: str) -> str:
        if self.current.kind != "word" or self.current.text != expected:
            raise self.error(f"expected {expected!r}")
        return self.advance().text

    def number(self, what: str) -> Fraction:
        token = self.current
        if token.kind != "number":
            raise self.error(f"expected {what} (a number)")
        self.advance()
        cached = self.numbers.get(token.text)
        if cached is not None:
            return cached
        try:
            check_number_size(token.text, what)
            value = self.numbers[token.text] = Fraction(token.text)
        except InvalidGameError as exc:
            raise self.error(str(exc), token) from None
        except (ValueError, ZeroDivisionError):
            raise self.error(f"{what} {token.text!r} is not a number", token) from None
        return value

    def integer(self, what: str) -> int:
        token = self.current
        value = self.number(what)
        if value.denominator != 1:
            raise self.error(f"{what} must be a whole number", token)
        return int(value)

    def remaining(self) -> int:
        """Numbers, strings and words left before the end (commas and braces not counted)."""
        return sum(
            1 for token in self.tokens[self.index :] if token.kind in ("number", "string", "word")
        )

    def skip_comma(self) -> None:
        if self.at_symbol(","):
            self.advance()

    def strings_in_braces(self, what: str) -> list[str]:
        self.symbol("{")
        items = []
        while not self.at_symbol("}"):
            items.append(self.string(what))
        self.advance()
        return items

    def numbers_in_braces(self, what: str) -> list[Fraction]:
        self.symbol("{")
        items = []
        while not self.at_symbol("}"):
            items.append(self.number(what))
            self.skip_comma()
        self.advance()
        return items

    def expect_end(self) -> None:
        if self.current.kind != "end":
            raise self.error("unexpected text after the end of the game")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_number(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _read_text(source: PathLike | io.IOBase) -> tuple[str, str]:
    if hasattr(source, "read"):
        text = source.read()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return text, getattr(source, "name", "<stream>")
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise InvalidGameError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InvalidGameError(f"{path}: not a UTF-8 text file ({exc.reason})") from None


# ---------------------------------------------------------------------------- .nfg
def loads_nfg(text: str, *, source: str = "<string>") -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file (payoff or outcome format).

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        How to name the text in error messages (a file name).

    Returns
    -------
    NormalFormGame
        With exact ``Fraction`` payoffs, the file's player and strategy labels (Gambit's
        numbers ``"1"``, ``"2"``... when the file gives only counts) and its title.

    Raises
    ------
    InvalidGameError
        If the text is not a valid ``.nfg`` file; the message names the source and line.

    Examples
    --------
    >>> game = loads_nfg('NFG 1 R "matching pennies" { "row" "column" } { 2 2 } '
    ...                  '1 -1 -1 1 -1 1 1 -1')
    >>> game.payoff_matrix("row").tolist()
    [[Fraction(1, 1), Fraction(-1, 1)], [Fraction(-1, 1), Fraction(1, 1)]]
    >>> game.strategies
    (('1', '2'), ('1', '2'))
    """
    reader = _Reader(text, source)
    reader.word("NFG")
    version = reader.current
    if reader.integer("the format version") != 1:
        raise reader.error("only version 1 of the .nfg format is supported", version)
    if reader.current.kind != "word" or reader.current.text not in ("R", "D"):
        raise reader.error("expected 'R' (rational) or 'D' (decimal) after 'NFG 1'")
    reader.advance()
    title = reader.string("the title")
    players = reader.strings_in_braces("a player name")
    if not players:
        raise reader.error("the game has no players")
    strategies_token = reader.current
    reader.symbol("{")
    strategies: list[list[str]] = []
    counts: list[int] = []
    if reader.at_symbol("{"):
        while reader.at_symbol("{"):
            strategies.append(reader.strings_in_braces("a strategy name"))
        reader.symbol("}")
        counts = [len(labels) for labels in strategies]
    else:
        while not reader.at_symbol("}"):
            token = reader.current
            count = reader.integer("a number of strategies")
            if count < 1:
                raise reader.error("every player needs at least one strategy", token)
            counts.append(count)
        reader.advance()
    if len(counts) != len(players):
        raise reader.error(
            f"{len(players)} players {players} but strategies for {len(counts)}",
            strategies_token,
        )
    if not all(counts):
        raise reader.error("every player needs at least one strategy")
    if reader.current.kind == "string":  # the optional comment
        reader.advance()
    shape = tuple(counts)
    num_players = len(players)
    # the header's size is checked against the budget and against the body before any
    # array is built (a 45-byte file declaring { 1000000000 2 } must not allocate)
    entries = check_payoff_entries(shape, source)
    num_profiles = entries // num_players
    needed, kind = (
        (num_profiles, "outcome numbers") if reader.at_symbol("{") else (entries, "payoffs")
    )
    remaining = reader.remaining()
    if remaining < needed:
        raise reader.error(
            f"the file ends early: the header declares {' x '.join(map(str, shape))} "
            f"strategies for "
            f"{num_players} players, which needs {needed} {kind}, but the body has only "
            f"{remaining} entries"
        )
    if not strategies:
        strategies = [[str(k + 1) for k in range(count)] for count in counts]
    players, strategies = _gambit_labels(players, strategies, source)
    # Gambit lists profiles with player 1's strategy varying fastest (Fortran order).
    payoffs = np.empty((num_players, *shape), dtype=object)
    profiles = list(itertools.product(*(range(k) for k in reversed(shape))))
    profiles = [tuple(reversed(p)) for p in profiles]
    if reader.at_symbol("{"):  # outcome format
        reader.advance()
        outcomes: list[list[Fraction]] = []
        while not reader.at_symbol("}"):
            reader.symbol("{")
            reader.string("an outcome name")
            values = []
            while not reader.at_symbol("}"):
                values.append(reader.number("a payoff"))
                reader.skip_comma()
            if len(values) != num_players:
                raise reader.error(
                    f"outcome {len(outcomes) + 1} has {len(values)} payoffs; expected one for "
                    f"each of the {num_players} players"
                )
            reader.advance()
            outcomes.append(values)
        reader.advance()
        for profile in profiles:
            token = reader.current
            number = reader.integer("an outcome number")
            if not 0 <= number <= len(outcomes):
                raise reader.error(
                    f"outcome number {number} is out of range; the file defines "
                    f"{len(outcomes)} outcomes",
                    token,
                )
            values = outcomes[number - 1] if number else [Fraction(0)] * num_players
            for player in range(num_players):
                payoffs[(player,) + tuple(profile)] = values[player]
    else:  # payoff format
        for profile in profiles:
            for player in range(num_players):
                if reader.current.kind == "end":
                    raise reader.error(
                        f"the file ends early: expected {num_profiles * num_players} payoffs "
                        f"({num_profiles} profiles x {num_players} players)"
                    )
                payoffs[(player,) + tuple(profile)] = reader.number("a payoff")
    reader.expect_end()
    try:
        return NormalFormGame(payoffs, players=players, strategies=strategies, title=title)
    except InvalidGameError as exc:
        raise InvalidGameError(f"{source}: {exc}") from None


def read_nfg(source: PathLike | io.IOBase) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (payoff or outcome format).

    Parameters
    ----------
    source : str, path or file object

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidGameError
        If the file is missing or malformed; the message names the file and line.

    Examples
    --------
    >>> import io
    >>> read_nfg(io.StringIO('NFG 1 R "" { "a" "b" } { 1 2 } 1 2 3 4')).num_strategies
    (1, 2)
    """
    text, name = _read_text(source)
    return loads_nfg(text, source=name)


def dumps_nfg(game: NormalFormGame, *, format: str = "payoff") -> str:
    """Write a normal-form game as the text of a Gambit ``.nfg`` file.

    Parameters
    ----------
    game : NormalFormGame
    format : {"payoff", "outcome"}
        ``"payoff"`` lists every player's payoff profile by profile; ``"outcome"`` (the
        format Gambit itself writes) lists one outcome per profile and their numbers.

    Returns
    -------
    str
        Exact games are written exactly (``2/3``); float games with ``repr`` precision.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.zero_sum([[1, -1]], players=("row", "column"))
    >>> print(dumps_nfg(game, format="outcome"))  # doctest: +NORMALIZE_WHITESPACE
    NFG 1 R "" { "row" "column" }
    { { "s1" }
    { "s1" "s2" }
    }
    ""
    {
    { "" 1, -1 }
    { "" -1, 1 }
    }
    1 2
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"dumps_nfg needs a NormalFormGame, got {type(game).__name__}")
    if format not in ("payoff", "outcome"):
        raise InvalidGameError(f"unknown .nfg format {format!r}; choose 'payoff' or 'outcome'")
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ " + " ".join(_quote(p) for p in game.players) + " }",
        "",
        "{ "
        + "\n".join("{ " + " ".join(_quote(s) for s in labels) + " }" for labels in game.strategies)
        + "\n}",
        '""',
        "",
    ]
    shape = game.num_strategies
    profiles = [tuple(reversed(p)) for p in itertools.product(*(range(k) for k in reversed(shape)))]
    if format == "payoff":
        lines.append(
            " ".join(
                _format_number(game.payoffs[(player,) + tuple(profile)])
                for profile in profiles
                for player in range(game.num_players)
            )
        )
    else:
        lines.append("{")
        for profile in profiles:
            values = ", ".join(
                _format_number(game.payoffs[(player,) + tuple(profile)])
                for player in range(game.num_players)
            )
            lines.append(f'{{ "" {values} }}')
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(profiles))))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: PathLike, *, format: str = "payoff") -> Path:
    """Write ``game`` to a Gambit ``.nfg`` file; return the path.

    Parameters
    ----------
    game : NormalFormGame
    path : str or path
    format : {"payoff", "outcome"}
        See :func:`dumps_nfg`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidGameError
        If ``format`` is neither ``"payoff"`` nor ``"outcome"``.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_nfg(game, Path(folder) / "dilemma.nfg")
    ...     print(path.name, read_nfg(path) == game)
    dilemma.nfg True
    """
    path = Path(path)
    path.write_text(dumps_nfg(game, format=format), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- .efg
@dataclass
class _Outcome:
    name: str
    payoffs: list[Fraction]


def _extensive_module() -> Any:
    try:
        from deterrence.games import extensive
    except ImportError:  # pragma: no cover - lands with the extensive-form issue
        raise UnsupportedGameError(
            ".efg files need deterrence.games.extensive, which is not available in this version"
        ) from None
    return extensive


def loads_efg(text: str, *, source: str = "<string>") -> Any:
    """Parse the text of a Gambit ``.efg`` file into an extensive-form game.

    Each node line is one of

    - ``c "name" infoset "infoset name" { "action" probability ... } outcome``
    - ``p "name" player infoset "infoset name" { "action" ... } outcome``
    - ``t "name" outcome "outcome name" { payoff ... }``

    in depth-first order. An information set met a second time may omit its name and
    actions; an outcome met a second time may omit its name and payoffs; outcome ``0`` is
    none (payoffs zero). Outcomes at non-terminal nodes add to the payoffs below them.

    Parameters
    ----------
    text : str
    source : str
        How to name the text in error messages.

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    InvalidGameError
        If the text is malformed; the message names the source and line.

    Examples
    --------
    Entry deterrence: the incumbent's threat to fight is not credible.

    >>> game = loads_efg('''EFG 2 R "entry" { "entrant" "incumbent" }
    ... p "" 1 1 "" { "out" "in" } 0
    ... t "" 1 "" { 1 5 }
    ... p "" 2 1 "" { "fight" "accommodate" } 0
    ... t "" 2 "" { 0 0 }
    ... t "" 3 "" { 2 2 }
    ... ''')
    >>> game
    <ExtensiveFormGame 'entry', 5 nodes, perfect information, exact,
     players=['entrant', 'incumbent']>
    >>> from deterrence.solvers.subgame_perfect import solve_subgame_perfect
    >>> [equilibrium.outcome for equilibrium in solve_subgame_perfect(game)]
    ['entrant: in, incumbent: accommodate']

    A malformed node is reported with its line:

    >>> loads_efg('EFG 2 R "x" { "a" "b" }\\nq "" 1\\n')
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: <string>, line 2: expected a node: 'c' (chance),
    'p' (player) or 't' (terminal) (found 'q')
    """
    try:
        tree = _parse_efg(text, source)
        return _efg_to_game(tree, source)
    except RecursionError:
        raise InvalidGameError(
            f"{source}: the tree is too deep to read (more than about "
            f"{sys.getrecursionlimit() // 3} levels)"
        ) from None


def _parse_efg(text: str, source: str) -> dict[str, Any]:
    reader = _Reader(text, source)
    reader.word("EFG")
    version = reader.current
    if reader.integer("the format version") != 2:
        raise reader.error("only version 2 of the .efg format is supported", version)
    if reader.current.kind != "word" or reader.current.text not in ("R", "D"):
        raise reader.error("expected 'R' (rational) or 'D' (decimal) after 'EFG 2'")
    reader.advance()
    title = reader.string("the title")
    players = reader.strings_in_braces("a player name")
    if reader.current.kind == "string":
        reader.advance()
    outcomes: dict[int, _Outcome] = {}
    infosets: dict[tuple[int, int], dict[str, Any]] = {}  # (player or 0 for chance, number)

    def outcome_reference(required_payoffs: bool) -> int:
        token = reader.current
        number = reader.integer("an outcome number")
        if number < 0:
            raise reader.error("outcome numbers are positive (0 for none)", token)
        name = None
        if reader.current.kind == "string":
            name = reader.advance().text
            if reader.at_symbol("{"):
                values = reader.numbers_in_braces("a payoff")
                if len(values) != len(players):
                    raise reader.error(
                        f"outcome {number} has {len(values)} payoffs; expected one for each of "
                        f"the {len(players)} players",
                        token,
                    )
                if number in outcomes and outcomes[number].payoffs != values:
                    raise reader.error(
                        f"outcome {number} is defined twice with different payoffs", token
                    )
                if number:
                    outcomes[number] = _Outcome(name, values)
        if number and number not in outcomes:
            raise reader.error(f"outcome {number} is used before its payoffs are given", token)
        del required_payoffs
        return number

    def node() -> dict[str, Any]:
        token = reader.current
        if token.kind != "word" or token.text not in ("c", "p", "t"):
            raise reader.error("expected a node: 'c' (chance), 'p' (player) or 't' (terminal)")
        kind = reader.advance().text
        name = reader.string("the node name")
        if kind == "t":
            return {
                "kind": "t",
                "name": name,
                "outcome": outcome_reference(True),
                "line": token.line,
            }
        player = 0
        if kind == "p":
            player_token = reader.current
            player = reader.integer("a player number")
            if not 1 <= player <= len(players):
                raise reader.error(
                    f"player number {player} is out of range for {len(players)} players",
                    player_token,
                )
        infoset_token = reader.current
        number = reader.integer("an information set number")
        key = (player, number)
        if reader.current.kind == "string":
            infoset_name = reader.advance().text
            reader.symbol("{")
            actions: list[str] = []
            probabilities: list[Fraction] = []
            while not reader.at_symbol("}"):
                actions.append(reader.string("an action name"))
                if kind == "c":
                    probabilities.append(reader.number("a chance probability"))
                    reader.skip_comma()
            reader.advance()
            if not actions:
                raise reader.error("an information set needs at least one action", infoset_token)
            if key in infosets and infosets[key]["actions"] != actions:
                raise reader.error(
                    f"information set {number} is defined twice with different actions",
                    infoset_token,
                )
            infosets.setdefault(
                key, {"name": infoset_name, "actions": actions, "probabilities": probabilities}
            )
        elif key not in infosets:
            raise reader.error(
                f"information set {number} is used before its actions are given", infoset_token
            )
        outcome = outcome_reference(False)
        children = [node() for _ in infosets[key]["actions"]]
        return {
            "kind": kind,
            "name": name,
            "player": player,
            "infoset": number,
            "outcome": outcome,
            "children": children,
            "line": token.line,
        }

    root = node()
    reader.expect_end()
    return {
        "title": title,
        "players": players,
        "root": root,
        "outcomes": outcomes,
        "infosets": infosets,
    }


def _efg_to_game(tree: dict[str, Any], source: str) -> Any:
    extensive = _extensive_module()
    players = tree["players"]
    outcomes = tree["outcomes"]
    infosets = tree["infosets"]
    num_players = len(players)
    if num_players < 1:
        raise InvalidGameError(f"{source}: the game has no players")
    # Name the information sets: the file's name when it identifies the set, else a label
    # made from the player and number (only sets with several members need a name).
    members: dict[tuple[int, int], int] = {}
    for node in _iter_nodes(tree["root"]):
        if node["kind"] == "p":
            key = (node["player"], node["infoset"])
            members[key] = members.get(key, 0) + 1
    names_used: dict[str, set[tuple[int, int]]] = {}
    for key, info in infosets.items():
        if key[0] and info["name"]:
            names_used.setdefault(info["name"], set()).add(key)

    def infoset_name(key: tuple[int, int]) -> str | None:
        name = infosets[key]["name"]
        if name and len(names_used.get(name, ())) == 1:
            return name
        if members.get(key, 0) > 1:
            return f"{players[key[0] - 1]}: information set {key[1]}" + (
                f" ({name})" if name else ""
            )
        return None

    def payoffs_of(number: int) -> list[Fraction]:
        return list(outcomes[number].payoffs) if number else [Fraction(0)] * num_players

    def build(node: dict[str, Any], carried: list[Fraction]) -> Any:
        own = payoffs_of(node["outcome"])
        total = [a + b for a, b in zip(carried, own)]
        if node["kind"] == "t":
            return extensive.terminal(*total)
        key = (node["player"], node["infoset"])
        info = infosets[key]
        children = [build(child, total) for child in node["children"]]
        actions = _unique(info["actions"])
        if node["kind"] == "c":
            probabilities = info["probabilities"]
            return extensive.chance(
                {
                    label: (probability, child)
                    for label, probability, child in zip(actions, probabilities, children)
                }
            )
        return extensive.decision(
            players[node["player"] - 1], dict(zip(actions, children)), infoset=infoset_name(key)
        )

    try:
        root = build(tree["root"], [Fraction(0)] * num_players)
        return extensive.ExtensiveFormGame(root, tuple(players), title=tree["title"])
    except InvalidGameError as exc:
        raise InvalidGameError(f"{source}: {exc}") from None


class GambitLabelWarning(UserWarning):
    """A Gambit file's empty or repeated labels were renamed on reading."""


def _gambit_labels(
    players: list[str], strategies: list[list[str]], source: str
) -> tuple[list[str], list[list[str]]]:
    """Read what Gambit reads: empty player names become ``"player k"`` and repeated or
    empty labels are made distinct, with one warning naming what changed."""
    named = [name if name.strip() else f"player {k + 1}" for k, name in enumerate(players)]
    changes = [
        f"player {k + 1} has no name: called {new!r}"
        for k, (old, new) in enumerate(zip(players, named))
        if old != new
    ]
    unique_players = _unique(named)
    changes += [
        f"player name {old!r} repeats: renamed {new!r}"
        for old, new in zip(named, unique_players)
        if old != new
    ]
    unique_strategies = []
    for name, labels in zip(unique_players, strategies):
        unique = _unique(labels)
        changes += [
            f"strategy {old!r} of {name!r} repeats or is empty: renamed {new!r}"
            for old, new in zip(labels, unique)
            if old != new
        ]
        unique_strategies.append(unique)
    if changes:
        shown = "; ".join(changes[:5])
        if len(changes) > 5:
            shown += f"; and {len(changes) - 5} more"
        warnings.warn(f"{source}: {shown}", GambitLabelWarning, stacklevel=4)
    return unique_players, unique_strategies


def _unique(labels: list[str]) -> list[str]:
    """Make repeated labels distinct (Gambit allows duplicates): ``"a"``, ``"a (2)"``."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        label = label if label.strip() else "?"
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def read_efg(source: PathLike | io.IOBase) -> Any:
    """Read a Gambit ``.efg`` file into an extensive-form game (see :func:`loads_efg`).

    Parameters
    ----------
    source : str, path or file object

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    InvalidGameError
        If the file is missing or malformed; the message names the file and line.

    Examples
    --------
    >>> import io
    >>> text = '''EFG 2 R "ultimatum" { "proposer" "responder" }
    ... p "" 1 1 "" { "fair" "greedy" } 0
    ... t "" 1 "" { 5 5 }
    ... p "" 2 1 "" { "accept" "reject" } 0
    ... t "" 2 "" { 8 2 }
    ... t "" 3 "" { 0 0 }
    ... '''
    >>> game = read_efg(io.StringIO(text))
    >>> game.players, game.num_terminals
    (('proposer', 'responder'), 3)
    """
    text, name = _read_text(source)
    return loads_efg(text, source=name)


def dumps_efg(game: Any) -> str:
    """Write an extensive-form game as the text of a Gambit ``.efg`` file.

    Nodes are written depth first; every terminal gets its own outcome; information sets
    are numbered per player in order of first appearance and keep their names.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree (fix the parameters of a parametric tree with ``game.at(...)``).

    Returns
    -------
    str

    Raises
    ------
    InvalidGameError
        If ``game`` is not an extensive-form game.
    UnsupportedGameError
        If the tree still has symbolic parameters.

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame.build(players=("entrant", "incumbent"), root=decision(
    ...     "entrant", {"out": terminal(1, 5), "in": decision(
    ...         "incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)})}),
    ...     title="chain store")
    >>> print(dumps_efg(game))  # doctest: +NORMALIZE_WHITESPACE
    EFG 2 R "chain store" { "entrant" "incumbent" }
    ""
    p "" 1 1 "" { "out" "in" } 0
    t "" 1 "" { 1 5 }
    p "" 2 1 "" { "fight" "accommodate" } 0
    t "" 2 "" { 0 0 }
    t "" 3 "" { 2 2 }
    >>> loads_efg(dumps_efg(game)) == game
    True
    """
    extensive = _extensive_module()
    if isinstance(game, NormalFormGame):
        game = normal_form_tree(game)
    if not isinstance(game, extensive.ExtensiveFormGame):
        raise InvalidGameError(
            f"dumps_efg needs an ExtensiveFormGame (or a NormalFormGame), got {type(game).__name__}"
        )
    if game.is_parametric:
        raise UnsupportedGameError(
            "the tree has parameters "
            f"{list(game.parameter_names)}; write game.at(...) (numbers) to .efg"
        )
    tree = game._tree
    lines = [
        "EFG 2 R " + _quote(game.title) + " { " + " ".join(_quote(p) for p in game.players) + " }",
        '""',
        "",
    ]
    numbers: dict[int, int] = {}  # our infoset index -> Gambit number within its player
    counters: dict[int, int] = {}
    chance_count = 0
    outcome_count = 0
    stack = [0]
    while stack:
        node = stack.pop()
        kind = int(tree.kind[node])
        name = _quote(str(tree.node_names.get(node, "") or ""))
        if kind == extensive.TERMINAL:
            outcome_count += 1
            values = " ".join(_format_number(v) for v in tree.payoffs[tree.terminal_index[node]])
            lines.append(f't {name} {outcome_count} "" {{ {values} }}')
            continue
        first, count = int(tree.first_child[node]), int(tree.num_children[node])
        if kind == extensive.CHANCE:
            chance_count += 1
            labels = tree.chance_labels[node]
            items = " ".join(
                f"{_quote(label)} {_format_number(tree.probability[first + k])}"
                for k, label in enumerate(labels)
            )
            lines.append(f'c {name} {chance_count} "" {{ {items} }} 0')
        else:
            infoset = int(tree.infoset[node])
            player = int(tree.infoset_player[infoset])
            if infoset not in numbers:
                counters[player] = counters.get(player, 0) + 1
                numbers[infoset] = counters[player]
            label = tree.infoset_names[infoset] or ""
            actions = " ".join(_quote(a) for a in tree.infoset_actions[infoset])
            lines.append(
                f"p {name} {player + 1} {numbers[infoset]} {_quote(label)} {{ {actions} }} 0"
            )
        stack.extend(range(first + count - 1, first - 1, -1))
    return "\n".join(lines) + "\n"


def normal_form_tree(game: NormalFormGame) -> Any:
    """The tree of a normal-form game: players move in turn without seeing earlier moves.

    Every player after the first has one information set holding all of its nodes, so the
    tree's strategic form is the original game.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> normal_form_tree(game).to_normal_form() == game
    True
    """
    extensive = _extensive_module()

    def subtree(player: int, profile: tuple[int, ...]) -> Any:
        if player == game.num_players:
            return extensive.terminal(
                *(game.payoffs[(p,) + tuple(profile)] for p in range(game.num_players))
            )
        infoset = None if player == 0 else f"{game.players[player]} (simultaneous)"
        return extensive.decision(
            game.players[player],
            {
                label: subtree(player + 1, (*profile, k))
                for k, label in enumerate(game.strategies[player])
            },
            infoset=infoset,
        )

    return extensive.ExtensiveFormGame(subtree(0, ()), game.players, title=game.title)


def write_efg(game: Any, path: PathLike) -> Path:
    """Write an extensive-form game to a Gambit ``.efg`` file; return the path.

    Parameters
    ----------
    game : ExtensiveFormGame or NormalFormGame
        A numeric tree (a normal-form game is written as its tree, see
        :func:`normal_form_tree`).
    path : str or path

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidGameError
        If ``game`` is not an extensive-form or normal-form game.
    UnsupportedGameError
        If the tree still has symbolic parameters.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame.build(players=("entrant", "incumbent"), root=decision(
    ...     "entrant", {"out": terminal(1, 5), "in": decision(
    ...         "incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)})}))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_efg(game, Path(folder) / "entry.efg")
    ...     print(path.read_text().splitlines()[0], read_efg(path) == game)
    EFG 2 R "" { "entrant" "incumbent" } True
    """
    path = Path(path)
    path.write_text(dumps_efg(game), encoding="utf-8")
    return path


def read_gambit(source: PathLike) -> Any:
    """Read a ``.nfg`` or ``.efg`` file, choosing the parser by the header.

    Examples
    --------
    >>> import io
    >>> read_gambit(io.StringIO('NFG 1 R "" { "a" "b" } { 1 1 } 1 2')).num_players
    2
    """
    text, name = _read_text(source)
    head = text.lstrip()[:3]
    if head == "NFG":
        return loads_nfg(text, source=name)
    if head == "EFG":
        return loads_efg(text, source=name)
    raise InvalidGameError(f"{name}: not a Gambit file (expected it to start with NFG or EFG)")


def _iter_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("children", ()):
        yield from _iter_nodes(child)
