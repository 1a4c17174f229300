"""Plain-text rendering of games (HTML rendering lives beside it in later layers)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "format_number",
    "frame_to_html",
    "game_to_html",
    "game_to_text",
    "parametric_game_to_html",
    "regimes_to_html",
    "result_to_html",
    "threshold_to_html",
    "threshold_to_latex",
    "thresholds_to_html",
]


def format_number(value: Any, digits: int = 4) -> str:
    """Format an exact or float number compactly: ``2/3``, ``5``, ``0.6667``."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{digits}g}"


def game_to_text(game: NormalFormGame) -> str:
    """A payoff table for two-player games, a list of profiles otherwise."""
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
        widths = [max(len(c), *(len(cells[i][j]) for i in range(len(rows))))
                  for j, c in enumerate(cols)]
        lines.append(head.ljust(width0) + " | " + " | ".join(
            c.center(w) for c, w in zip(cols, widths)))
        lines.append("-" * len(lines[-1]))
        for i, r in enumerate(rows):
            lines.append(r.ljust(width0) + " | " + " | ".join(
                cells[i][j].center(w) for j, w in enumerate(widths)))
        return "\n".join(lines)
    for profile in game.pure_profiles():
        labels = ", ".join(game.strategies[p][s] for p, s in enumerate(profile))
        values = ", ".join(format_number(game.payoffs[(p,) + tuple(profile)])
                           for p in range(game.num_players))
        lines.append(f"({labels}): ({values})")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- HTML
#: Highlight of equilibrium cells: a pale yellow fill plus bold text and a star, so the cue
#: does not rest on colour alone (colour-blind safe).
_HIGHLIGHT = "background-color:#fde9a9;font-weight:bold"
_CELL = "padding:2px 10px;text-align:center;border:1px solid #bbb"
_HEAD = "padding:2px 10px;text-align:center;border:1px solid #bbb;background-color:#f2f2f2"
#: Largest number of pure profiles for which the HTML table looks for pure equilibria.
MAX_HIGHLIGHT_PROFILES = 2500


def _escape(value: Any) -> str:
    import html

    return html.escape(str(value), quote=True)


def _pure_equilibrium_cells(game: NormalFormGame) -> set[tuple[int, ...]]:
    """Pure profiles that are Nash equilibria (empty for very large games)."""
    import math

    if math.prod(game.num_strategies) > MAX_HIGHLIGHT_PROFILES:
        return set()
    from deterrence.solvers.pure import solve_pure

    result = solve_pure(game, exact=game.is_exact)
    return {tuple(s[0] for s in eq.support) for eq in result}


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
    parts = ['<div class="deterrence-game">']
    if game.title:
        parts.append(f"<p><b>{_escape(game.title)}</b></p>")
    parts.append('<table style="border-collapse:collapse">')

    def cell(profile: tuple[int, ...]) -> str:
        text = ", ".join(format_number(game.payoffs[(p,) + tuple(profile)])
                         for p in range(game.num_players))
        if profile in highlight:
            return (f'<td style="{_CELL};{_HIGHLIGHT}" title="Nash equilibrium">'
                    f"&#9733; {_escape(text)}</td>")
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
        parts.append(
            "<tr>" + "".join(f'<th style="{_HEAD}">{_escape(p)}</th>' for p in game.players)
            + f'<th style="{_HEAD}">payoffs</th></tr>'
        )
        for profile in game.pure_profiles():
            parts.append(
                "<tr>" + "".join(
                    f'<td style="{_CELL}">{_escape(game.strategies[p][s])}</td>'
                    for p, s in enumerate(profile)
                ) + cell(tuple(profile)) + "</tr>"
            )
    parts.append("</table>")
    if highlight:
        parts.append('<p style="font-size:smaller">&#9733; pure Nash equilibrium</p>')
    parts.append("</div>")
    return "\n".join(parts)


def frame_to_html(frame: Any, *, caption: str = "") -> str:
    """A compact HTML table of a pandas DataFrame with an optional caption."""
    table = frame.to_html(border=0, float_format=lambda x: format_number(x))
    head = f"<p><b>{_escape(caption)}</b></p>" if caption else ""
    return f'<div class="deterrence-table">{head}{table}</div>'


def result_to_html(result: Any) -> str:
    """HTML for an :class:`~deterrence.solvers.result.EquilibriumResult`.

    The game's payoff table with the pure equilibria highlighted, then one row per
    equilibrium: each player's mixture, the expected payoffs and the regret.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> html = result_to_html(solve(game, exact=True))
    >>> html.count('title="Nash equilibrium"'), "s1 + " in html
    (2, True)
    """
    game = result.game
    pure = {tuple(s[0] for s in eq.support) for eq in result if eq.is_pure}
    flags = [result.method.replace("_", " "), "exact" if result.exact else "floating point"]
    if result.degenerate:
        flags.append("degenerate game")
    flags.append("all extreme equilibria" if result.complete else "some equilibria")
    count = len(result)
    parts = [
        '<div class="deterrence-result">',
        f"<p><b>{count} equilibri{'um' if count == 1 else 'a'}</b> "
        f"({_escape(', '.join(flags))})</p>",
        game_to_html(game, highlight=pure),
        '<table style="border-collapse:collapse">',
        f'<tr><th style="{_HEAD}">#</th>'
        + "".join(f'<th style="{_HEAD}">{_escape(p)}</th>' for p in game.players)
        + "".join(f'<th style="{_HEAD}">payoff {_escape(p)}</th>' for p in game.players)
        + f'<th style="{_HEAD}">max regret</th></tr>',
    ]
    for index, eq in enumerate(result):
        mixtures = []
        for i, sigma in enumerate(eq.strategies):
            labels = game.strategies[i]
            mixtures.append(" + ".join(
                (labels[k] if len(eq.support[i]) == 1 else
                 f"{format_number(sigma[k])} {labels[k]}")
                for k in eq.support[i]
            ))
        parts.append(
            f'<tr><td style="{_CELL}">{index}</td>'
            + "".join(f'<td style="{_CELL}">{_escape(m)}</td>' for m in mixtures)
            + "".join(f'<td style="{_CELL}">{_escape(format_number(v))}</td>'
                      for v in eq.payoffs)
            + f'<td style="{_CELL}">{_escape(format_number(eq.max_regret()))}</td></tr>'
        )
    parts += ["</table>", "</div>"]
    return "\n".join(parts)


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
    """A threshold as HTML: the formula (MathJax), its value and the sentence describing it."""
    formula = threshold_to_latex(threshold).strip("$")
    below = ", ".join(getattr(threshold, "below", ()) or ())
    above = ", ".join(getattr(threshold, "above", ()) or ())
    change = ""
    if below or above:
        change = (f'<br><span style="font-size:smaller">below: {_escape(below or "none")}'
                  f" &#8594; above: {_escape(above or 'none')}</span>")
    return (
        '<div class="deterrence-threshold">'
        f"<p>\\({_escape(formula)}\\)"
        f"<br>{_escape(threshold.description)}{change}</p></div>"
    )


def thresholds_to_html(thresholds: Any, *, parameter: str = "") -> str:
    """A table of thresholds: value, formula and what changes."""
    items = list(thresholds)
    head = f"Thresholds in {parameter}" if parameter else "Thresholds"
    if not items:
        return f"<p><b>{_escape(head)}</b>: none (the equilibria do not change)</p>"
    rows = [
        f'<tr><th style="{_HEAD}">value</th><th style="{_HEAD}">formula</th>'
        f'<th style="{_HEAD}">what changes</th></tr>'
    ]
    for t in items:
        value = getattr(t, "value", None)
        formula = threshold_to_latex(t).strip("$")
        rows.append(
            f'<tr><td style="{_CELL}">{_escape("" if value is None else format_number(value))}'
            f'</td><td style="{_CELL}">\\({_escape(formula)}\\)</td>'
            f'<td style="{_CELL};text-align:left">{_escape(t.description)}</td></tr>'
        )
    return (f'<div class="deterrence-thresholds"><p><b>{_escape(head)}</b></p>'
            f'<table style="border-collapse:collapse">{"".join(rows)}</table></div>')


def parametric_game_to_html(game: Any) -> str:
    """A parametric game as HTML: the parameters (default, domain, meaning) and a payoff table
    of formulas."""
    parts = ['<div class="deterrence-parametric-game">']
    if game.title:
        parts.append(f"<p><b>{_escape(game.title)}</b></p>")
    if game.parameters:
        parts.append('<table style="border-collapse:collapse"><tr>'
                     + "".join(f'<th style="{_HEAD}">{h}</th>'
                               for h in ("parameter", "default", "domain", "meaning"))
                     + "</tr>")
        for p in game.parameters:
            default = "" if p.default is None else format_number(p.default)
            parts.append(
                f'<tr><td style="{_CELL}"><code>{_escape(p.name)}</code></td>'
                f'<td style="{_CELL}">{_escape(default)}</td>'
                f'<td style="{_CELL}">{_escape(p.domain_text())}</td>'
                f'<td style="{_CELL};text-align:left">{_escape(p.description)}</td></tr>'
            )
        parts.append("</table>")

    def cell(profile: tuple[int, ...]) -> str:
        text = "; ".join(str(game.payoffs[(p,) + tuple(profile)]) for p in range(game.num_players))
        return f'<td style="{_CELL}">{_escape(text)}</td>'

    parts.append('<table style="border-collapse:collapse">')
    if game.num_players == 2:
        rows, cols = game.strategies
        parts.append(
            f'<tr><th style="{_HEAD}">{_escape(game.players[0])} \\ '
            f'{_escape(game.players[1])}</th>'
            + "".join(f'<th style="{_HEAD}">{_escape(c)}</th>' for c in cols) + "</tr>")
        for i, label in enumerate(rows):
            parts.append(f'<tr><th style="{_HEAD}">{_escape(label)}</th>'
                         + "".join(cell((i, j)) for j in range(len(cols))) + "</tr>")
    else:
        import itertools

        parts.append("<tr>" + "".join(f'<th style="{_HEAD}">{_escape(p)}</th>'
                                      for p in game.players)
                     + f'<th style="{_HEAD}">payoffs</th></tr>')
        for profile in itertools.product(*(range(k) for k in game.num_strategies)):
            parts.append("<tr>" + "".join(
                f'<td style="{_CELL}">{_escape(game.strategies[p][s])}</td>'
                for p, s in enumerate(profile)) + cell(profile) + "</tr>")
    parts.append("</table></div>")
    return "\n".join(parts)


def regimes_to_html(regimes: Any) -> str:
    """A regime summary as HTML: one row per regime (its interval or region, equilibria and
    share of the domain), then the thresholds between regimes.

    Accepts a :class:`~deterrence.analysis.regimes.RegimeMap` or any object with
    ``to_frame()``, or a DataFrame.
    """
    if not hasattr(regimes, "regimes"):
        frame = regimes.to_frame() if hasattr(regimes, "to_frame") else regimes
        return frame_to_html(frame, caption="Regimes")
    names = list(regimes.parameters)
    title = getattr(regimes.game, "title", "")
    head = f"{len(regimes.regimes)} regimes in {', '.join(names)}" + (
        f" ({title})" if title else "")
    rows = [
        "<tr>" + "".join(f'<th style="{_HEAD}">{_escape(n)}</th>' for n in names)
        + f'<th style="{_HEAD}">equilibria</th><th style="{_HEAD}">share</th></tr>'
    ]
    for regime in regimes.regimes:
        spans = "".join(
            f'<td style="{_CELL}">[{_escape(format_number(regime.bounds[n][0]))}, '
            f"{_escape(format_number(regime.bounds[n][1]))}]</td>" for n in names)
        rows.append(
            f"<tr>{spans}<td style=\"{_CELL};text-align:left\">{_escape(regime.label)}</td>"
            f'<td style="{_CELL}">{regime.area:.0%}</td></tr>'
        )
    parts = [f'<div class="deterrence-regimes"><p><b>{_escape(head)}</b></p>',
             f'<table style="border-collapse:collapse">{"".join(rows)}</table>']
    found = list(getattr(regimes, "thresholds", ()) or ())
    if found:
        parts.append(thresholds_to_html(found, parameter=names[0]))
    boundaries = list(getattr(regimes, "boundaries", ()) or ())
    if boundaries:
        parts.append("<p>Boundaries: " + "; ".join(
            _escape(getattr(b, "label", str(b))) for b in boundaries) + "</p>")
    parts.append("</div>")
    return "".join(parts)
