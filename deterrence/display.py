"""Text, HTML and JSON rendering of games, equilibria and results (the interface layer).

Every function here is written once against the public interfaces of the lower layers:

* games: a :class:`~deterrence.games.NormalFormGame` payoff table, a
  :class:`~deterrence.games.ParametricGame`'s formulas, an
  :class:`~deterrence.games.ExtensiveFormGame`'s tree (its :meth:`outline`) and the payoff
  tables of anonymous games;
* equilibria: anything satisfying :class:`~deterrence.solvers.result.EquilibriumLike`
  (``outcome``, ``payoffs``, ``labelled_payoffs``, ``exact``, ``is_pure``,
  ``max_regret()``, ``as_dict()``), whatever the solution concept;
* results: any :class:`~deterrence.solvers.result.EquilibriumResult` (``method``, ``exact``,
  ``degenerate``, ``complete``, ``options`` and the equilibria);
* analysis objects: thresholds and regime maps.

Games and results call these functions from their ``_repr_html_``, ``__repr__`` and
``to_json`` methods through a lazy import, so the lower layers never import this module at
load time.
"""

from __future__ import annotations

import html
import itertools
import json
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.games._numbers import format_number

if TYPE_CHECKING:
    from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "MAX_HIGHLIGHT_PROFILES",
    "MAX_HTML_ROWS",
    "MAX_TABLE_COLUMNS",
    "MAX_TEXT_ROWS",
    "MAX_TREE_NODES",
    "anonymous_game_to_html",
    "equilibrium_to_dict",
    "format_number",
    "frame_to_html",
    "game_to_html",
    "game_to_text",
    "parametric_game_to_html",
    "regimes_to_html",
    "result_to_dict",
    "result_to_html",
    "result_to_json",
    "result_to_text",
    "threshold_to_html",
    "threshold_to_latex",
    "thresholds_to_html",
    "to_jsonable",
    "tree_to_html",
]

#: Largest number of pure profiles for which the HTML table looks for pure equilibria.
MAX_HIGHLIGHT_PROFILES = 2500
#: Largest number of nodes an HTML tree shows.
MAX_TREE_NODES = 200
#: Largest number of count-profile columns an anonymous game's HTML table shows.
MAX_TABLE_COLUMNS = 12
#: Largest number of equilibria listed by :func:`result_to_text`.
MAX_TEXT_ROWS = 50
#: Largest number of equilibria listed by :func:`result_to_html`.
MAX_HTML_ROWS = 200

#: Highlight of equilibrium cells: a pale yellow fill plus bold text and a star, so the cue
#: does not rest on colour alone (colour-blind safe).
_HIGHLIGHT = "background-color:#fde9a9;font-weight:bold"
_CELL = "padding:2px 10px;text-align:center;border:1px solid #bbb"
_HEAD = "padding:2px 10px;text-align:center;border:1px solid #bbb;background-color:#f2f2f2"


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _header_row(labels: Any) -> str:
    return "<tr>" + "".join(f'<th style="{_HEAD}">{_escape(h)}</th>' for h in labels) + "</tr>"


def _title(game: Any) -> str:
    title = getattr(game, "title", "")
    return f"<p><b>{_escape(title)}</b></p>" if title else ""


# ---------------------------------------------------------------------------- text
def game_to_text(game: NormalFormGame) -> str:
    """A payoff table for two-player games, a list of profiles otherwise.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> print(game_to_text(NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])))
    player 1 \\ player 2 |  s1  |  s2
    ---------------------------------
    s1                  | 1, 1 | 0, 0
    s2                  | 0, 0 | 1, 1
    """
    lines = [game.title] if game.title else []
    if game.num_players == 2:
        rows, cols = game.strategies
        cells = [
            [
                ", ".join(format_number(game.payoffs[p][i, j]) for p in range(2))
                for j in range(len(cols))
            ]
            for i in range(len(rows))
        ]
        head = f"{game.players[0]} \\ {game.players[1]}"
        width0 = max(len(head), *(len(r) for r in rows))
        widths = [
            max(len(c), *(len(cells[i][j]) for i in range(len(rows)))) for j, c in enumerate(cols)
        ]
        lines.append(
            head.ljust(width0) + " | " + " | ".join(c.center(w) for c, w in zip(cols, widths))
        )
        lines.append("-" * len(lines[-1]))
        for i, r in enumerate(rows):
            lines.append(
                r.ljust(width0)
                + " | "
                + " | ".join(cells[i][j].center(w) for j, w in enumerate(widths))
            )
        return "\n".join(lines)
    for profile in game.pure_profiles():
        labels = ", ".join(game.strategies[p][s] for p, s in enumerate(profile))
        values = ", ".join(
            format_number(game.payoffs[(p,) + tuple(profile)]) for p in range(game.num_players)
        )
        lines.append(f"({labels}): ({values})")
    return "\n".join(lines)


def _flags(result: Any, *, words: bool = False) -> list[str]:
    """How a result was found: method, arithmetic, degeneracy, completeness."""
    if words:
        flags = [result.method.replace("_", " "), "exact" if result.exact else "floating point"]
        if result.degenerate:
            flags.append("degenerate game")
        flags.append("all extreme equilibria" if result.complete else "some equilibria")
        return flags
    flags = [result.method, "exact" if result.exact else "float"]
    if result.degenerate:
        flags.append("degenerate")
    if not result.complete:
        flags.append("partial")
    return flags


def _count(n: int) -> str:
    return f"{n} equilibri{'um' if n == 1 else 'a'}"


def result_to_text(result: Any) -> str:
    """The ``repr`` of every result: class, count, how they were found, one line each.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> print(result_to_text(solve(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), exact=True)))
    EquilibriumResult(1 equilibrium; vertex_enumeration, exact)
      0: Equilibrium((1/2*s1 + 1/2*s2, 1/2*s1 + 1/2*s2): [1/2, 1/2], [1/2, 1/2])
    """
    lines = [f"{type(result).__name__}({_count(len(result))}; {', '.join(_flags(result))})"]
    lines += [f"  {i}: {eq!r}" for i, eq in enumerate(result.equilibria[:MAX_TEXT_ROWS])]
    if len(result) > MAX_TEXT_ROWS:
        lines.append(f"  ... ({len(result) - MAX_TEXT_ROWS} more)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- JSON
def to_jsonable(value: Any) -> Any:
    """A JSON-ready copy of ``value``: fractions as ``"2/3"`` strings (exactness kept),
    numpy scalars and arrays as numbers and lists, mappings with string keys, other objects
    (sympy expressions and sets) as their ``str``.

    Examples
    --------
    >>> to_jsonable({"p": Fraction(2, 3), "q": np.float64(0.5), ("a", "b"): [1, None]})
    {'p': '2/3', 'q': 0.5, 'a, b': [1, None]}
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, Mapping):
        return {
            (", ".join(map(str, k)) if isinstance(k, tuple) else str(k)): to_jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple, np.ndarray)):
        return [to_jsonable(v) for v in value]
    return str(value)


def equilibrium_to_dict(equilibrium: Any) -> dict[str, Any]:
    """One equilibrium of any concept as a JSON-ready dict.

    Keys: ``outcome``, ``payoffs`` (labelled), ``exact``, ``is_pure``, ``max_regret`` and
    ``profile`` (the equilibrium's own :meth:`~deterrence.solvers.Equilibrium.as_dict`).

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> record = equilibrium_to_dict(solve(game, exact=True)[1])
    >>> record["outcome"], record["payoffs"], record["max_regret"]
    ('(2/3*s1 + 1/3*s2, 1/3*s1 + 2/3*s2)', {'player 1': '2/3', 'player 2': '2/3'}, '0')
    """
    return {
        "outcome": equilibrium.outcome,
        "payoffs": to_jsonable(equilibrium.labelled_payoffs),
        "exact": bool(equilibrium.exact),
        "is_pure": bool(equilibrium.is_pure),
        "max_regret": to_jsonable(equilibrium.max_regret()),
        "profile": to_jsonable(equilibrium.as_dict()),
    }


def result_to_dict(result: Any) -> dict[str, Any]:
    """A result of any solver as a JSON-ready dict: how it was found, then the equilibria.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> record = result_to_dict(solve(NormalFormGame.zero_sum([[1, -1], [-1, 1]])))
    >>> record["kind"], record["method"], record["complete"], len(record["equilibria"])
    ('EquilibriumResult', 'vertex_enumeration', True, 1)
    """
    return {
        "kind": type(result).__name__,
        "game": getattr(result.game, "title", "") or type(result.game).__name__,
        "method": result.method,
        "exact": bool(result.exact),
        "degenerate": bool(result.degenerate),
        "complete": bool(result.complete),
        "options": to_jsonable(result.options),
        "equilibria": [equilibrium_to_dict(eq) for eq in result.equilibria],
    }


def result_to_json(result: Any, *, indent: int | None = None) -> str:
    """:func:`result_to_dict` as a JSON string (exact numbers as ``"2/3"`` strings).

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> text = result_to_json(solve(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), exact=True))
    >>> json.loads(text)["equilibria"][0]["profile"]["player 1"]
    {'s1': '1/2', 's2': '1/2'}
    """
    return json.dumps(result_to_dict(result), indent=indent)


# ---------------------------------------------------------------------------- HTML games
def _pure_equilibrium_cells(game: NormalFormGame) -> set[tuple[int, ...]]:
    """Pure profiles that are Nash equilibria (empty for very large games)."""
    if math.prod(game.num_strategies) > MAX_HIGHLIGHT_PROFILES:
        return set()
    from deterrence.solvers.pure import pure_equilibrium_mask

    mask = pure_equilibrium_mask(game, exact=game.is_exact)
    return {tuple(int(i) for i in cell) for cell in np.argwhere(mask)}


def game_to_html(game: NormalFormGame, *, highlight: set[tuple[int, ...]] | None = None) -> str:
    """An HTML payoff table with player and strategy labels; equilibrium cells highlighted.

    Parameters
    ----------
    game : NormalFormGame
    highlight : set of tuple of int, optional
        Pure profiles to highlight; by default the game's pure Nash equilibria.

    Returns
    -------
    str
        A ``<table>`` (two players: a bimatrix with cells ``row payoff, column payoff``;
        more players: one row per pure profile).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("bloc A", "bloc B"), strategies=(("open", "shore"), ("open", "shore")))
    >>> html = game_to_html(game)
    >>> "bloc A" in html and "shore" in html, html.count('title="Nash equilibrium"')
    (True, 1)
    """
    if highlight is None:
        highlight = _pure_equilibrium_cells(game)
    parts = [
        '<div class="deterrence-game">',
        _title(game),
        '<table style="border-collapse:collapse">',
    ]

    def cell(profile: tuple[int, ...]) -> str:
        text = ", ".join(
            format_number(game.payoffs[(p,) + tuple(profile)]) for p in range(game.num_players)
        )
        if profile in highlight:
            return (
                f'<td style="{_CELL};{_HIGHLIGHT}" title="Nash equilibrium">'
                f"&#9733; {_escape(text)}</td>"
            )
        return f'<td style="{_CELL}">{_escape(text)}</td>'

    if game.num_players == 2:
        rows, cols = game.strategies
        parts.append(
            f'<tr><th style="{_HEAD}"></th>'
            f'<th style="{_HEAD}" colspan="{len(cols)}">{_escape(game.players[1])}</th></tr>'
        )
        parts.append(
            f'<tr><th style="{_HEAD}">{_escape(game.players[0])}</th>'
            + "".join(f'<th style="{_HEAD}">{_escape(c)}</th>' for c in cols)
            + "</tr>"
        )
        for i, label in enumerate(rows):
            parts.append(
                f'<tr><th style="{_HEAD}">{_escape(label)}</th>'
                + "".join(cell((i, j)) for j in range(len(cols)))
                + "</tr>"
            )
    else:
        parts.append(_header_row([*game.players, "payoffs"]))
        for profile in game.pure_profiles():
            parts.append(
                "<tr>"
                + "".join(
                    f'<td style="{_CELL}">{_escape(game.strategies[p][s])}</td>'
                    for p, s in enumerate(profile)
                )
                + cell(tuple(profile))
                + "</tr>"
            )
    parts.append("</table>")
    if highlight:
        parts.append('<p style="font-size:smaller">&#9733; pure Nash equilibrium</p>')
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def _parameters_table(parameters: Any) -> str:
    """Parameters as an HTML table: name, default, domain, meaning."""
    if not parameters:
        return ""
    rows = [_header_row(("parameter", "default", "domain", "meaning"))]
    for p in parameters:
        default = "" if p.default is None else format_number(p.default)
        rows.append(
            f'<tr><td style="{_CELL}"><code>{_escape(p.name)}</code></td>'
            f'<td style="{_CELL}">{_escape(default)}</td>'
            f'<td style="{_CELL}">{_escape(p.domain_text())}</td>'
            f'<td style="{_CELL};text-align:left">{_escape(p.description)}</td></tr>'
        )
    return '<table style="border-collapse:collapse">' + "".join(rows) + "</table>"


def parametric_game_to_html(game: Any) -> str:
    """A parametric game as HTML: the parameters (default, domain, meaning) and a payoff table
    of formulas.

    Examples
    --------
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["b", 0], [0, 1]], [[1, 0], [0, "b"]], ["b"])
    >>> "<code>b</code>" in parametric_game_to_html(game)
    True
    """
    parts = [
        '<div class="deterrence-parametric-game">',
        _title(game),
        _parameters_table(game.parameters),
    ]

    def cell(profile: tuple[int, ...]) -> str:
        text = "; ".join(str(game.payoffs[(p,) + tuple(profile)]) for p in range(game.num_players))
        return f'<td style="{_CELL}">{_escape(text)}</td>'

    parts.append('<table style="border-collapse:collapse">')
    if game.num_players == 2:
        rows, cols = game.strategies
        parts.append(
            f'<tr><th style="{_HEAD}">{_escape(game.players[0])} \\ '
            f"{_escape(game.players[1])}</th>"
            + "".join(f'<th style="{_HEAD}">{_escape(c)}</th>' for c in cols)
            + "</tr>"
        )
        for i, label in enumerate(rows):
            parts.append(
                f'<tr><th style="{_HEAD}">{_escape(label)}</th>'
                + "".join(cell((i, j)) for j in range(len(cols)))
                + "</tr>"
            )
    else:
        parts.append(_header_row([*game.players, "payoffs"]))
        for profile in itertools.product(*(range(k) for k in game.num_strategies)):
            parts.append(
                "<tr>"
                + "".join(
                    f'<td style="{_CELL}">{_escape(game.strategies[p][s])}</td>'
                    for p, s in enumerate(profile)
                )
                + cell(profile)
                + "</tr>"
            )
    parts.append("</table></div>")
    return "\n".join(p for p in parts if p)


def tree_to_html(game: Any, *, max_nodes: int = MAX_TREE_NODES) -> str:
    """An extensive-form game as HTML: the tree as nested lists (first ``max_nodes`` nodes).

    Each decision node names its mover (and information set), each edge its move (chance
    moves with their probability), each leaf the payoffs in player order.

    Examples
    --------
    >>> from deterrence.games import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame(decision("entrant", {
    ...     "out": terminal(1, 5),
    ...     "in": decision("incumbent", {"fight": terminal(0, 0),
    ...                                  "accommodate": terminal(2, 2)})}),
    ...     ("entrant", "incumbent"), title="entry")
    >>> html = tree_to_html(game)
    >>> html.count("<li>"), "<b>accommodate</b>" in html, "payoffs (entrant, incumbent)" in html
    (5, True, True)
    """
    rows = game.outline(max_nodes)
    info = "perfect information" if game.is_perfect_information else "imperfect information"
    parts = [
        '<div class="deterrence-tree">',
        _title(game),
        f"<p>{game.num_nodes} nodes, {info}; payoffs ({_escape(', '.join(game.players))})</p>",
    ]
    depth = -1
    for level, move, text in rows:
        if level > depth:
            parts.append("<ul>" * (level - depth))
        else:
            parts.append("</li>" + "</ul></li>" * (depth - level))
        label = f"<b>{_escape(move)}</b>: " if move else ""
        parts.append(f"<li>{label}{_escape(text)}")
        depth = level
    if depth >= 0:
        parts.append("</li>" + "</ul></li>" * depth + "</ul>")
    if len(rows) < game.num_nodes:
        parts.append(f"<p>... ({game.num_nodes - len(rows)} more nodes)</p>")
    parts.append("</div>")
    return "".join(parts)


def _count_columns(game: Any) -> tuple[list[int], list[str]]:
    """The count-profile columns an anonymous game's table shows, and their headers."""
    profiles = game.count_profiles
    total = len(profiles)
    if total <= MAX_TABLE_COLUMNS:
        shown = list(range(total))
    else:
        half = MAX_TABLE_COLUMNS // 2
        shown = [*range(half), -1, *range(total - half + 1, total)]
    if game.num_strategies == 2:
        heads = ["&#8230;" if c < 0 else str(int(profiles[c][0])) for c in shown]
    else:
        heads = [
            "&#8230;" if c < 0 else "(" + ", ".join(str(int(k)) for k in profiles[c]) + ")"
            for c in shown
        ]
    return shown, heads


def anonymous_game_to_html(game: Any) -> str:
    """An anonymous game (plain or parametric) as HTML: size, parameters, and the payoff of
    each strategy against the others' counts (formulas where the game has them).

    Examples
    --------
    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> html = anonymous_game_to_html(volunteers_dilemma(20, benefit=2, cost=1))
    >>> "20 players" in html, "volunteer" in html, "&#8230;" in html
    (True, True, True)
    """
    first = game.strategies[0]
    parameters = [p for p in getattr(game, "parameters", ()) if hasattr(p, "domain_text")]
    parts = [
        '<div class="deterrence-anonymous-game">',
        _title(game),
        f"<p>{game.num_players} players (each a {_escape(game.player_label)}); "
        f"strategies {_escape(', '.join(game.strategies))}</p>",
        _parameters_table(parameters),
    ]
    expressions = getattr(game, "expressions", None)
    if expressions is not None:
        names = ", ".join(f"k{j + 1} = others choosing {s}" for j, s in enumerate(game.strategies))
        parts.append(
            f"<p>payoff of a {_escape(game.player_label)} choosing each strategy, "
            f"in the others' counts ({_escape(names)}):</p>"
        )
        rows = [_header_row(("strategy", "payoff"))]
        rows += [
            f'<tr><th style="{_HEAD}">{_escape(s)}</th><td style="{_CELL}">{_escape(e)}</td></tr>'
            for s, e in zip(game.strategies, expressions)
        ]
    else:
        shown, heads = _count_columns(game)
        what = f"others choosing {_escape(first)}" if game.num_strategies == 2 else "others' counts"
        rows = [
            f'<tr><th style="{_HEAD}">strategy \\ {what}</th>'
            + "".join(f'<th style="{_HEAD}">{h}</th>' for h in heads)
            + "</tr>"
        ]
        for s, label in enumerate(game.strategies):
            cells = "".join(
                f'<td style="{_CELL}">'
                + ("&#8230;" if c < 0 else _escape(_number_text(game.table[s, c])))
                + "</td>"
                for c in shown
            )
            rows.append(f'<tr><th style="{_HEAD}">{_escape(label)}</th>{cells}</tr>')
    parts.append('<table style="border-collapse:collapse">' + "".join(rows) + "</table>")
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------------------- HTML results
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Fraction, np.number)) and not isinstance(value, bool)


def _number_text(value: Any) -> str:
    """A number compactly (:func:`format_number`), anything else (formulas) as text."""
    return format_number(value) if _is_number(value) else str(value)


def _profile_text(value: Any) -> str:
    """A labelled profile entry in words: a label for a sure choice, ``2/3 a + 1/3 b`` for a
    mixture, ``key: ...`` items for nested mappings."""
    if isinstance(value, Mapping):
        items = list(value.items())
        if all(_is_number(v) for _, v in items):
            support = [(k, v) for k, v in items if v != 0]
            if len(support) == 1 and support[0][1] == 1:
                return str(support[0][0])
            return " + ".join(f"{format_number(v)} {k}" for k, v in support)
        return "; ".join(f"{k}: {_profile_text(v)}" for k, v in items)
    return _number_text(value)


def result_to_html(result: Any) -> str:
    """HTML for the result of any solver.

    How the equilibria were found, the game (its own HTML, when it has one), then one row per
    equilibrium (the first :data:`MAX_HTML_ROWS`): its outcome, each entry of its labelled
    profile, the payoffs and the regret.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> html = result_to_html(solve(game, exact=True))
    >>> html.count('title="Nash equilibrium"'), "2/3 s1 + 1/3 s2" in html
    (2, True)
    """
    equilibria = list(result.equilibria[:MAX_HTML_ROWS])
    profile_keys: list[str] = []
    payoff_keys: list[str] = []
    records = []
    for eq in equilibria:
        profile = eq.as_dict()
        payoffs = eq.labelled_payoffs
        profile_keys += [k for k in profile if k not in profile_keys]
        payoff_keys += [k for k in payoffs if k not in payoff_keys]
        records.append((eq, profile, payoffs))
    render = getattr(result.game, "_repr_html_", None)
    parts = [
        '<div class="deterrence-result">',
        f"<p><b>{_count(len(result))}</b> ({_escape(', '.join(_flags(result, words=True)))})</p>",
        render() if callable(render) else "",
        '<table style="border-collapse:collapse">',
        _header_row(
            ["#", "outcome", *profile_keys, *(f"payoff {k}" for k in payoff_keys), "max regret"]
        ),
    ]
    for index, (eq, profile, payoffs) in enumerate(records):
        cells = [str(index), eq.outcome]
        cells += [_profile_text(profile[k]) if k in profile else "" for k in profile_keys]
        cells += ["" if payoffs.get(k) is None else format_number(payoffs[k]) for k in payoff_keys]
        cells.append(format_number(eq.max_regret()))
        parts.append(
            "<tr>" + "".join(f'<td style="{_CELL}">{_escape(c)}</td>' for c in cells) + "</tr>"
        )
    parts.append("</table>")
    if len(result) > MAX_HTML_ROWS:
        parts.append(f"<p>... ({len(result) - MAX_HTML_ROWS} more)</p>")
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def frame_to_html(frame: Any, *, caption: str = "") -> str:
    """A compact HTML table of a pandas DataFrame with an optional caption.

    Examples
    --------
    >>> import pandas as pd
    >>> "<b>sizes</b>" in frame_to_html(pd.DataFrame({"n": [1, 2]}), caption="sizes")
    True
    """
    table = frame.to_html(border=0, float_format=lambda x: format_number(x))
    head = f"<p><b>{_escape(caption)}</b></p>" if caption else ""
    return f'<div class="deterrence-table">{head}{table}</div>'


# ---------------------------------------------------------------------------- analysis
def _latex(value: Any) -> str:
    """LaTeX of a sympy expression or a number."""
    import sympy

    if isinstance(value, Fraction):
        value = sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (int, float)):
        value = sympy.sympify(value)
    return sympy.latex(value)


def threshold_to_latex(threshold: Any) -> str:
    r"""The threshold as a display formula, ``$$\text{credibility}^* = \frac{...}{...}$$``.

    Examples
    --------
    >>> import sympy
    >>> from deterrence.analysis import Threshold
    >>> t = Threshold("credibility", sympy.Symbol("b") / (sympy.Symbol("b") + 1), None, "...")
    >>> threshold_to_latex(t)
    '$$\\mathrm{credibility}^{*} = \\frac{b}{b + 1}$$'
    """
    name = threshold.parameter.replace("_", r"\_")
    formula = _latex(threshold.expression)
    value = getattr(threshold, "value", None)
    tail = ""
    if value is not None and _latex(value) != formula:
        tail = rf" \approx {format_number(value)}"
    return rf"$$\mathrm{{{name}}}^{{*}} = {formula}{tail}$$"


def threshold_to_html(threshold: Any) -> str:
    """A threshold as HTML: the formula (MathJax), its value and the sentence describing it.

    Parameters
    ----------
    threshold : Threshold
        As found by :func:`deterrence.analysis.thresholds`; ``below`` and ``above`` (the
        equilibria either side) are shown when given.

    Returns
    -------
    str
        A ``<div class="deterrence-threshold">`` with the formula as an inline MathJax
        expression and the text HTML-escaped.

    Examples
    --------
    >>> import sympy
    >>> from fractions import Fraction
    >>> from deterrence.analysis import Threshold
    >>> t = Threshold("credibility", sympy.Rational(4, 5), Fraction(4, 5),
    ...               "above credibility = 4/5, coercion is deterred",
    ...               below=("coerced",), above=("deterred",))
    >>> print(threshold_to_html(t))
    <div class="deterrence-threshold"><p>\\(\\mathrm{credibility}^{*} = \\frac{4}{5}\\)<br>above
    credibility = 4/5, coercion is deterred<br><span style="font-size:smaller">below: coerced
    &#8594; above: deterred</span></p></div>
    """
    formula = threshold_to_latex(threshold).strip("$")
    below = ", ".join(getattr(threshold, "below", ()) or ())
    above = ", ".join(getattr(threshold, "above", ()) or ())
    change = ""
    if below or above:
        change = (
            f'<br><span style="font-size:smaller">below: {_escape(below or "none")}'
            f" &#8594; above: {_escape(above or 'none')}</span>"
        )
    return (
        '<div class="deterrence-threshold">'
        f"<p>\\({_escape(formula)}\\)"
        f"<br>{_escape(threshold.description)}{change}</p></div>"
    )


def thresholds_to_html(thresholds: Any, *, parameter: str = "") -> str:
    """A table of thresholds: value, formula and what changes.

    Examples
    --------
    >>> thresholds_to_html([], parameter="credibility")
    '<p><b>Thresholds in credibility</b>: none (the equilibria do not change)</p>'
    """
    items = list(thresholds)
    head = f"Thresholds in {parameter}" if parameter else "Thresholds"
    if not items:
        return f"<p><b>{_escape(head)}</b>: none (the equilibria do not change)</p>"
    rows = [_header_row(("value", "formula", "what changes"))]
    for t in items:
        value = getattr(t, "value", None)
        formula = threshold_to_latex(t).strip("$")
        rows.append(
            f'<tr><td style="{_CELL}">{_escape("" if value is None else format_number(value))}'
            f'</td><td style="{_CELL}">\\({_escape(formula)}\\)</td>'
            f'<td style="{_CELL};text-align:left">{_escape(t.description)}</td></tr>'
        )
    return (
        f'<div class="deterrence-thresholds"><p><b>{_escape(head)}</b></p>'
        f'<table style="border-collapse:collapse">{"".join(rows)}</table></div>'
    )


def regimes_to_html(regimes: Any) -> str:
    """A regime summary as HTML: one row per regime (its interval or region, equilibria and
    share of the domain), then the thresholds between regimes.

    Accepts a :class:`~deterrence.analysis.regimes.RegimeMap` or any object with
    ``to_frame()``, or a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> "Regimes" in regimes_to_html(pd.DataFrame({"regime": ["deterred"]}))
    True
    """
    if not hasattr(regimes, "regimes"):
        frame = regimes.to_frame() if hasattr(regimes, "to_frame") else regimes
        return frame_to_html(frame, caption="Regimes")
    names = list(regimes.parameters)
    title = getattr(regimes.game, "title", "")
    head = f"{len(regimes.regimes)} regimes in {', '.join(names)}" + (
        f" ({title})" if title else ""
    )
    rows = [_header_row([*names, "equilibria", "share"])]
    for regime in regimes.regimes:
        spans = "".join(
            f'<td style="{_CELL}">[{_escape(format_number(regime.bounds[n][0]))}, '
            f"{_escape(format_number(regime.bounds[n][1]))}]</td>"
            for n in names
        )
        rows.append(
            f'<tr>{spans}<td style="{_CELL};text-align:left">{_escape(regime.label)}</td>'
            f'<td style="{_CELL}">{regime.area:.0%}</td></tr>'
        )
    parts = [
        f'<div class="deterrence-regimes"><p><b>{_escape(head)}</b></p>',
        f'<table style="border-collapse:collapse">{"".join(rows)}</table>',
    ]
    found = list(getattr(regimes, "thresholds", ()) or ())
    if found:
        parts.append(thresholds_to_html(found, parameter=names[0]))
    boundaries = list(getattr(regimes, "boundaries", ()) or ())
    if boundaries:
        parts.append(
            "<p>Boundaries: "
            + "; ".join(_escape(getattr(b, "label", str(b))) for b in boundaries)
            + "</p>"
        )
    parts.append("</div>")
    return "".join(parts)
