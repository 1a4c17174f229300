"""An interactive explorer for parametric games in Jupyter (optional ``jupyter`` extra).

:func:`explore` shows one slider per parameter; moving a slider re-solves the game and
redraws the equilibria table and the regime map along the chosen parameter (with the
thresholds drawn as labelled lines). Anonymous N-player games
(:class:`~deterrence.games.ParametricAnonymousGame`) show their count equilibria ("3 of 5
honour") and symmetric equilibria with their replicator stability instead of a payoff
table. ipywidgets and matplotlib are imported only when :func:`explore` is called.

Examples
--------
>>> from deterrence.games import Parameter, ParametricGame
>>> game = ParametricGame.from_matrices(
...     [["2*(1 - credibility) - 6*credibility", 2], [0, 0]], [[-1, -3], [1, 0]],
...     [Parameter("credibility", default="1/10", domain=(0, 1))],
...     players=("coercer", "coalition"),
...     strategies=(("coerce", "refrain"), ("share", "hoard")))
>>> explorer = explore(game, plot=False)
>>> explorer.set(credibility=0.9)
>>> explorer.result[0].outcome
'(refrain, share)'
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError

__all__ = ["explore", "Explorer"]

#: Colour-blind-safe palette (Okabe and Ito) for regimes.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")


def _require_widgets() -> Any:
    try:
        import ipywidgets
    except ImportError:
        raise MissingDependencyError(
            "explore() needs ipywidgets: pip install 'deterrence[jupyter]'"
        ) from None
    return ipywidgets


def _exact(value: float) -> Fraction:
    """A slider float as a short exact fraction (keeps games exact)."""
    return Fraction(value).limit_denominator(10_000)


def _slider_range(parameter: Any) -> tuple[float, float]:
    low, high = parameter.domain if parameter.domain is not None else (None, None)
    default = float(parameter.default) if parameter.default is not None else 0.0
    if low is None:
        if high is None:
            span = max(abs(default), 1.0)
            return default - 2 * span, default + 2 * span
        return float(high) - 2 * max(abs(float(high) - default), 1.0), float(high)
    if high is None:
        return float(low), max(float(low) + 1.0, 2 * default - float(low), default + 1.0)
    return float(low), float(high)


class Explorer:
    """The widget returned by :func:`explore`; display it in a notebook.

    Attributes
    ----------
    game : ParametricGame or ParametricAnonymousGame
    anonymous : bool
        Whether ``game`` is an anonymous N-player game.
    sliders : dict of str to ipywidgets.FloatSlider
    axis : ipywidgets.Dropdown
        The parameter along which the regime map is drawn.
    equilibria : ipywidgets.HTML
        The current equilibria (payoff table with the pure equilibria highlighted; for an
        anonymous game, its count and symmetric equilibria).
    regime_map : ipywidgets.Image
        The current regime map (PNG), empty when plotting is off.
    result : EquilibriumResult or AnonymousResult
        The equilibria at the current slider values (for an anonymous game, the count
        equilibria followed by the symmetric ones).
    widget : ipywidgets.VBox
        The whole explorer.
    """

    def __init__(self, game: Any, *, parameter: str | None = None, method: str = "auto",
                 points: int = 101, plot: bool = True, continuous_update: bool = False
                 ) -> None:
        widgets = _require_widgets()
        from deterrence.games.anonymous import AnonymousGame
        from deterrence.games.normal_form import NormalFormGame
        from deterrence.games.parametric import ParametricGame
        from deterrence.games.parametric_anonymous import ParametricAnonymousGame

        model = None
        if isinstance(game, NormalFormGame):
            game = ParametricGame.from_game(game)
        elif isinstance(game, AnonymousGame):
            game = ParametricAnonymousGame.from_game(game)
        if not isinstance(game, (ParametricGame, ParametricAnonymousGame)):
            build = getattr(game, "build", None)  # a Model from the scenario library
            if build is None:
                raise InvalidGameError(
                    f"explore() needs a ParametricGame, a NormalFormGame, a "
                    f"ParametricAnonymousGame or a model, got {type(game).__name__}"
                )
            model, game = game, build()
        if type(game).__name__ == "ExtensiveFormGame" and getattr(game, "is_parametric", False):
            game = game.to_normal_form()  # explore the parametric strategic form
        if not isinstance(game, (ParametricGame, ParametricAnonymousGame)):
            raise InvalidGameError(
                f"explore() needs a parametric game (normal form, or anonymous N-player); got "
                f"{type(game).__name__}"
            )
        # (the analysis functions accept both kinds of game; their hints name one)
        self.game: Any = game
        self.method, self.points, self.plot = method, int(points), plot
        self.anonymous = isinstance(game, ParametricAnonymousGame)
        names = list(game.parameter_names)
        if parameter is not None and parameter not in names:
            raise InvalidGameError(f"unknown parameter {parameter!r}; parameters are {names}")
        # a model's key parameter is explored over its key range (and is the default axis)
        key = getattr(model, "key_parameter", None)
        key_range = getattr(model, "key_range", None)
        if parameter is None and key in names:
            parameter = key
        self._ranges: dict[str, tuple[float, float]] = {}
        self.sliders: dict[str, Any] = {}
        for p in game.parameters:
            low, high = _slider_range(p)
            if key_range is not None and p.name == key:
                low, high = float(key_range[0]), float(key_range[1])
            self._ranges[p.name] = (low, high)
            value = float(p.default) if p.default is not None else (low + high) / 2
            value = min(max(value, low), high)
            self.sliders[p.name] = widgets.FloatSlider(
                value=value, min=low, max=high, step=(high - low) / 100 or 0.01,
                description=p.name, readout_format=".3g",
                continuous_update=continuous_update,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"),
                tooltip=p.description,
            )
        self.axis = widgets.Dropdown(options=names, value=parameter or (names[0] if names
                                                                         else None),
                                     description="regime map along",
                                     style={"description_width": "initial"})
        self.equilibria = widgets.HTML()
        self.thresholds = widgets.HTML()
        self.regime_map = widgets.Image(format="png")
        self.message = widgets.HTML()
        for slider in self.sliders.values():
            slider.observe(self._changed, names="value")
        self.axis.observe(self._changed, names="value")
        controls = [*self.sliders.values()]
        if names:
            controls.append(self.axis)
        right = [self.equilibria, self.thresholds, self.message]
        if plot and names:
            right.insert(0, self.regime_map)
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>{game.title or 'game'}</b>"),
            widgets.HBox([widgets.VBox(controls), widgets.VBox(right)]),
        ])
        self.result: Any = None
        self.update()

    # ------------------------------------------------------------------ state
    @property
    def values(self) -> dict[str, Fraction]:
        """The current parameter values (exact)."""
        return {name: _exact(slider.value) for name, slider in self.sliders.items()}

    def set(self, **values: float) -> None:
        """Move sliders programmatically (one update at the end)."""
        unknown = sorted(set(values) - set(self.sliders))
        if unknown:
            raise InvalidGameError(f"unknown parameter(s) {unknown}; parameters are "
                                   f"{list(self.sliders)}")
        self._hold = True
        try:
            for name, value in values.items():
                self.sliders[name].value = float(value)
        finally:
            self._hold = False
        self.update()

    def _changed(self, change: Mapping[str, Any]) -> None:
        if not getattr(self, "_hold", False):
            self.update()

    # ------------------------------------------------------------------ drawing
    def update(self) -> None:
        """Re-solve at the slider values and redraw the table and the regime map."""
        import warnings

        from deterrence.display import result_to_html, thresholds_to_html
        from deterrence.solvers.api import solve

        values = self.values
        try:
            game = self.game.at(**values)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if self.anonymous:
                    self.result = _solve_anonymous(game, self.method)
                else:
                    self.result = solve(game, self.method, exact=game.is_exact)
        except Exception as exc:  # show, do not raise, inside a live widget
            self.message.value = f"<p style='color:#D55E00'>{type(exc).__name__}: {exc}</p>"
            return
        self.message.value = ""
        self.equilibria.value = (anonymous_result_to_html(self.result) if self.anonymous
                                 else result_to_html(self.result))
        axis = self.axis.value
        found: list[Any] = []
        if axis is not None:
            try:
                from deterrence.analysis import thresholds

                fixed = {k: v for k, v in values.items() if k != axis}
                found = list(thresholds(self.game, axis, fixed=fixed))
                self.thresholds.value = thresholds_to_html(found, parameter=axis)
            except Exception as exc:  # noqa: BLE001 - thresholds are a bonus in the explorer
                self.thresholds.value = f"<p>thresholds unavailable: {exc}</p>"
            if self.plot:
                self.regime_map.value = self._regime_png(axis, values, found)

    def _regime_png(self, axis: str, values: Mapping[str, Any], found: list[Any]) -> bytes:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        from deterrence.analysis import sweep

        low, high = self._ranges[axis]
        grid = [low + (high - low) * k / (self.points - 1) for k in range(self.points)]
        fixed = {k: v for k, v in values.items() if k != axis}
        frame: Any = sweep(self.game.substitute(**fixed) if fixed else self.game, {axis: grid},
                           method=self.method, progress=False)  # a DataFrame without out=
        if self.anonymous:  # name symmetric mixes by stability, not by their moving shares
            mixed = ~frame["is_pure"].to_numpy()
            frame = frame.assign(outcome=[
                f"symmetric mix ({stability})" if is_mixed else str(outcome)
                for is_mixed, outcome, stability in zip(mixed, frame["outcome"],
                                                        frame["stability"])])
        figure = Figure(figsize=(8, 1.8))
        ax = figure.subplots()
        draw_regime_strip(ax, frame, axis, found, current=float(values[axis]))
        buffer = io.BytesIO()  # a tight box keeps the legend, beside or below the strip
        figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        return buffer.getvalue()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        return (f"<Explorer of {self.game.title or 'a game'!r}: "
                f"{', '.join(f'{k}={v}' for k, v in self.values.items())}>")


def _solve_anonymous(game: Any, method: str) -> Any:
    """Count and symmetric equilibria in one result (the solver's ``solve_anonymous``)."""
    from deterrence.solvers.anonymous import solve_anonymous

    return solve_anonymous(game, method=method)


def anonymous_result_to_html(result: Any) -> str:
    """HTML for the equilibria of an anonymous game: count equilibria, then symmetric ones.

    Parameters
    ----------
    result : AnonymousResult
        With :class:`~deterrence.solvers.anonymous.CountEquilibrium` and
        :class:`~deterrence.solvers.anonymous.SymmetricEquilibrium` objects.

    Returns
    -------
    str
        A table with one row per equilibrium: kind, outcome in words, payoffs, stability.
    """
    import pandas as pd

    from deterrence.display import format_number, frame_to_html

    game = result.game
    n, label = game.num_players, game.player_label
    rows = []
    for eq in result:
        if hasattr(eq, "counts"):
            used = [(c, s) for c, s in zip(eq.counts, game.strategies) if c]
            if len(used) == 1:
                outcome = f"all {used[0][1]}"
            elif game.num_strategies == 2:
                outcome = f"{eq.counts[0]} of {n} {game.strategies[0]}"
            else:
                outcome = ", ".join(f"{c} of {n} {s}" for c, s in used)
            payoff = ", ".join(f"{s} {format_number(v)}"
                               for s, v in zip(game.strategies, eq.payoffs) if v is not None)
            rows.append({"kind": "count", "outcome": outcome, "payoffs": payoff,
                         "stability": ""})
        else:
            p = eq.probability
            first, second = game.strategies[:2]
            outcome = (f"every {label} plays {first if p == 1 else second}" if p in (0, 1)
                       else f"each {label} plays {first} with probability {format_number(p)}")
            rows.append({"kind": "symmetric", "outcome": outcome,
                         "payoffs": format_number(eq.payoff), "stability": eq.stability})
    flags = ["exact" if result.exact else "exact where rational" if game.is_exact
             else "floating point"]
    if result.degenerate:
        flags.append("degenerate: a continuum of symmetric equilibria")
    count = len(rows)
    caption = (f"{count} equilibri{'um' if count == 1 else 'a'} of {n} {label}s "
               f"({', '.join(flags)})")
    frame = pd.DataFrame(rows, columns=["kind", "outcome", "payoffs", "stability"])
    return frame_to_html(frame, caption=caption)


def draw_regime_strip(ax: Any, frame: Any, axis: str, thresholds: Any = (), *,
                      current: float | None = None) -> Any:
    """Draw a 1-D regime map from a sweep frame: one coloured band per equilibrium set.

    Parameters
    ----------
    ax : matplotlib Axes
    frame : pandas.DataFrame
        Output of :func:`deterrence.analysis.sweep` along ``axis``.
    axis : str
        The swept parameter.
    thresholds : sequence of Threshold
        Drawn as labelled vertical lines.
    current : float, optional
        Marks the current value.

    Returns
    -------
    matplotlib Axes
    """
    grouped = frame.groupby(axis, sort=True)["outcome"].apply(
        lambda s: " | ".join(sorted(map(str, s))))
    xs = [float(x) for x in grouped.index]
    labels = list(grouped.values)
    regimes = list(dict.fromkeys(labels))
    colour = {label: PALETTE[k % len(PALETTE)] for k, label in enumerate(regimes)}
    hatches = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
    for k, (x, label) in enumerate(zip(xs, labels)):
        left = x if k == 0 else (xs[k - 1] + x) / 2
        right = x if k == len(xs) - 1 else (x + xs[k + 1]) / 2
        index = regimes.index(label)
        ax.axvspan(left, right, color=colour[label], alpha=0.55, lw=0,
                   hatch=hatches[index % len(hatches)])
    for label in regimes:
        ax.fill_between([], [], color=colour[label], alpha=0.55, label=label,
                        hatch=hatches[regimes.index(label) % len(hatches)])
    for t in thresholds:
        value = getattr(t, "value", None)
        if value is None:
            continue
        ax.axvline(float(value), color="black", lw=1.2)
        ax.annotate(f"{axis}* = {float(value):.3g}", (float(value), 1.02),
                    xycoords=("data", "axes fraction"), ha="center", va="bottom", fontsize=8)
    if current is not None:
        ax.axvline(current, color="black", lw=1, ls=":")
    ax.set_xlim(min(xs), max(xs))
    ax.set_yticks([])
    ax.set_xlabel(axis)
    if max(map(len, regimes), default=0) > 40:  # long labels (many equilibria): below
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.5), fontsize=8, frameon=False)
    else:
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return ax


def explore(game: Any, *, parameter: str | None = None, method: str = "auto",
            points: int = 101, plot: bool = True, continuous_update: bool = False) -> Explorer:
    """Explore a parametric game with sliders: equilibria and regime map update live.

    Parameters
    ----------
    game : ParametricGame, NormalFormGame, ParametricAnonymousGame, AnonymousGame or Model
        The game (a model from :func:`deterrence.models.get_model` is built at its defaults,
        and its key parameter is explored over its key range). The structural parameters of
        an anonymous model (its number of players) are fixed when it is built:
        ``explore(model.build(num_partners=7))``.
    parameter : str, optional
        The parameter along which to draw the regime map (a dropdown changes it; default:
        a model's key parameter, else the first parameter).
    method : str
        Solver method for :func:`deterrence.solve` (for anonymous games ``"auto"``, count
        and symmetric equilibria, or ``"pure"``, count equilibria only).
    points : int
        Grid points of the regime map.
    plot : bool
        Draw the regime map (needs matplotlib).
    continuous_update : bool
        Re-solve while a slider is dragged (default: when it is released).

    Returns
    -------
    Explorer
        Displays itself in Jupyter; ``explorer.set(name=value)`` moves sliders from code.

    Raises
    ------
    MissingDependencyError
        Without ipywidgets (``pip install 'deterrence[jupyter]'``).
    InvalidGameError
        For objects that are not games or an unknown ``parameter``.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> explorer = explore(get_model("friend_shoring"), plot=False)
    >>> explorer.axis.value, explorer.sliders["institutionalisation"].max
    ('institutionalisation', 4.0)
    >>> explorer.set(institutionalisation=3)
    >>> explorer.result
    AnonymousResult(2 equilibria; anonymous, exact)
      0: CountEquilibrium(5 of 5 honour)
      1: SymmetricEquilibrium(p=1 honour, stable)
    """
    return Explorer(game, parameter=parameter, method=method, points=points, plot=plot,
                    continuous_update=continuous_update)
