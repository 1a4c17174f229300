"""An interactive explorer for models and parametric games in Jupyter (``jupyter`` extra).

:func:`explore` shows one slider per parameter; moving a slider re-runs
:func:`deterrence.analyze` and redraws its answer: the equilibria at the slider values in the
model's words, the thresholds in words and the regime map along the chosen parameter (with
the current value marked). The explorer is a thin layer over :func:`~deterrence.analyze`, so
it works for every model of the catalogue and every game it accepts (strategic forms, trees
with their subgame-perfect equilibria, anonymous N-player games) and agrees with
``deterrence analyze``. ipywidgets and matplotlib are imported only when :func:`explore` is
called.

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
>>> [eq["outcome"] for eq in explorer.result]
['(refrain, share)']
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError, unknown_names

__all__ = ["explore", "Explorer"]


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


def _as_source(game: Any) -> tuple[Any, Any]:
    """``(model, game)``: a Model (or its registry name) is built at its defaults; a fixed
    strategic form or anonymous game becomes the parametric game without parameters."""
    from deterrence.games.anonymous import AnonymousGame
    from deterrence.games.normal_form import NormalFormGame
    from deterrence.games.parametric import ParametricGame
    from deterrence.games.parametric_anonymous import ParametricAnonymousGame
    from deterrence.models import Model, get_model

    if isinstance(game, str):
        game = get_model(game)
    if isinstance(game, Model):
        return game, game.build()
    if isinstance(game, NormalFormGame):
        return None, ParametricGame.from_game(game)
    if isinstance(game, AnonymousGame):
        return None, ParametricAnonymousGame.from_game(game)
    from deterrence.analysis.concepts import get_concept

    try:
        get_concept(game)
    except InvalidGameError:
        raise InvalidGameError(
            f"explore() needs a model or a game (normal form, parametric, tree, anonymous, "
            f"...), got {type(game).__name__}"
        ) from None
    return None, game


class Explorer:
    """The widget returned by :func:`explore`; display it in a notebook.

    Parameters
    ----------
    game, parameter, concept, method, plot, continuous_update
        As for :func:`explore`, which builds it.

    Attributes
    ----------
    model : Model or None
        The model explored (``None`` for a bare game).
    game : game
        The game analysed (a model's game at its defaults; structural sizes are fixed).
    anonymous : bool
        Whether the game is an anonymous N-player game.
    sliders : dict of str to ipywidgets.FloatSlider
    axis : ipywidgets.Dropdown
        The parameter along which the regime map is drawn.
    equilibria : ipywidgets.HTML
        The equilibria at the slider values, in the model's words.
    thresholds : ipywidgets.HTML
        The thresholds along the axis, in words.
    regime_map : ipywidgets.Image
        The regime map (PNG) with the current value marked, empty when plotting is off.
    report : AnalysisReport
        What :func:`deterrence.analyze` found at the slider values.
    result : tuple of dict
        ``report.equilibria``: one record per equilibrium (``outcome`` in words,
        ``profile``, ``strategies``, ``payoffs``, ...).
    widget : ipywidgets.VBox
        The whole explorer.

    Raises
    ------
    MissingDependencyError, InvalidGameError
        As for :func:`explore`.

    Examples
    --------
    It needs the ``jupyter`` extra (ipywidgets); without it this example checks nothing.

    >>> from importlib.util import find_spec
    >>> explorer = Explorer("denial", plot=False) if find_spec("ipywidgets") else None
    >>> explorer is None or explorer.axis.value == "credibility"
    True
    >>> if explorer is not None:
    ...     explorer.set(credibility=0.95)
    >>> explorer is None or [eq["outcome"] for eq in explorer.result] == ["coercion deterred"]
    True
    """

    def __init__(
        self,
        game: Any,
        *,
        parameter: str | None = None,
        concept: Any = "auto",
        method: str = "auto",
        plot: bool = True,
        continuous_update: bool = False,
    ) -> None:
        widgets = _require_widgets()
        self.model, self.game = _as_source(game)
        self.concept, self.method, self.plot = concept, method, plot
        self.anonymous = hasattr(self.game, "player_label")
        names = list(getattr(self.game, "parameter_names", ()) or ())
        if parameter is not None and parameter not in names:
            raise InvalidGameError(unknown_names("parameter", [parameter], names))
        # a model's key parameter is explored over its key range (and is the default axis)
        model = self.model
        key = model.key_parameter if model is not None else None
        if parameter is None and key in names:
            parameter = key
        self._ranges: dict[str, tuple[float, float]] = {}
        self.sliders: dict[str, Any] = {}
        for p in getattr(self.game, "parameters", ()) or ():
            low, high = _slider_range(p)
            if model is not None and p.name == key:
                low, high = (float(v) for v in model.key_range)
            self._ranges[p.name] = (low, high)
            value = float(p.default) if p.default is not None else (low + high) / 2
            value = min(max(value, low), high)
            self.sliders[p.name] = widgets.FloatSlider(
                value=value,
                min=low,
                max=high,
                step=(high - low) / 100 or 0.01,
                description=p.name,
                readout_format=".3g",
                continuous_update=continuous_update,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"),
                tooltip=p.description,
            )
        self.axis = widgets.Dropdown(
            options=names,
            value=parameter or (names[0] if names else None),
            description="regime map along",
            style={"description_width": "initial"},
        )
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
        title = getattr(self.game, "title", "") or (model.name if model is not None else "game")
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{html.escape(title)}</b>"),
                widgets.HBox([widgets.VBox(controls), widgets.VBox(right)]),
            ]
        )
        self.report: Any = None
        self._along: dict[Any, Any] = {}  # regime analyses by (axis, other values)
        self.update()

    # ------------------------------------------------------------------ state
    @property
    def values(self) -> dict[str, Fraction]:
        """The current parameter values (exact)."""
        return {name: _exact(slider.value) for name, slider in self.sliders.items()}

    @property
    def result(self) -> tuple[Mapping[str, Any], ...]:
        """The equilibria at the slider values (``report.equilibria``)."""
        return tuple(self.report.equilibria) if self.report is not None else ()

    def set(self, **values: float) -> None:
        """Move sliders programmatically (one update at the end).

        Raises
        ------
        InvalidGameError
            For a name that is not a parameter.
        """
        unknown = sorted(set(values) - set(self.sliders))
        if unknown:
            raise InvalidGameError(unknown_names("parameter", unknown, self.sliders))
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
        """Re-analyse at the slider values and redraw (errors show in the widget)."""
        import dataclasses
        import warnings

        from deterrence.report import analyze

        values = self.values
        axis = self.axis.value
        source = self.model if self.model is not None else self.game
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # the regime map depends on the axis and the other values only: reuse it
                # while the axis parameter's own slider moves
                key = (axis, tuple((k, v) for k, v in values.items() if k != axis))
                along = self._along.get(key)
                if along is None:
                    interval = self._ranges.get(axis) if axis is not None else None
                    if (
                        interval is not None
                        and self.model is not None
                        and (axis == self.model.key_parameter)
                    ):
                        interval = None  # the model's exact key range
                    along = analyze(
                        source,
                        values=values,
                        parameter=axis,
                        concept=self.concept,
                        method=self.method,
                        interval=interval,
                    )
                    self._along = {key: along}
                    report = along
                else:
                    here = analyze(
                        source,
                        values=values,
                        parameter=axis,
                        concept=self.concept,
                        method=self.method,
                        along=False,
                    )
                    report = dataclasses.replace(
                        along,
                        values=here.values,
                        equilibria=here.equilibria,
                        game_type=here.game_type,
                        notes=here.notes,
                    )
        except Exception as exc:  # show, do not raise, inside a live widget
            self.message.value = (
                f"<p style='color:#D55E00'>{type(exc).__name__}: {html.escape(str(exc))}</p>"
            )
            return
        self.report = report
        self.message.value = "".join(
            f"<p style='color:#666'>note: {html.escape(n)}</p>" for n in report.notes
        )
        self.equilibria.value = _equilibria_html(report)
        self.thresholds.value = _thresholds_html(report)
        if self.plot and axis is not None:
            self.regime_map.value = self._regime_png(report, float(values[axis]))

    @staticmethod
    def _regime_png(report: Any, current: float) -> bytes:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(8, 2.6))
        FigureCanvasAgg(figure)  # a canvas that can measure text (labels inside regimes)
        ax = figure.subplots()
        report.plot(ax=ax)
        ax.axvline(current, color="black", linewidth=1, linestyle=":")
        buffer = io.BytesIO()  # a tight box keeps the legend below the strip
        figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        return buffer.getvalue()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        title = getattr(self.game, "title", "") or "a game"
        return f"<Explorer of {title!r}: {', '.join(f'{k}={v}' for k, v in self.values.items())}>"


def _equilibria_html(report: Any) -> str:
    """The equilibria of a report as an HTML table (outcome in words, profile, payoffs)."""
    from deterrence.report import number_text

    cell = "padding:2px 8px;text-align:left;border-bottom:1px solid #ddd"
    count = len(report.equilibria)
    title = (
        report.concept_title
        if count != 1
        else report.concept_title.replace("equilibria", "equilibrium")
    )
    rows = "".join(
        f"<tr><td style='{cell}'>{html.escape(str(eq['outcome']))}</td>"
        f"<td style='{cell}'><code>{html.escape(str(eq['profile']))}</code></td>"
        f"<td style='{cell}'>"
        + html.escape(
            ", ".join(
                f"{who} {number_text(v)}" for who, v in eq["payoffs"].items() if v is not None
            )
        )
        + "</td></tr>"
        for eq in report.equilibria
    )
    kind = (
        f"<p>The game here is a {html.escape(report.game_type)}.</p>" if (report.game_type) else ""
    )
    return (
        f"<p style='margin:2px 0'><b>{count} {html.escape(title)}</b></p>"
        f"<table style='border-collapse:collapse'><tr><th style='{cell}'>outcome</th>"
        f"<th style='{cell}'>profile</th><th style='{cell}'>payoffs</th></tr>{rows}"
        f"</table>{kind}"
    )


def _thresholds_html(report: Any) -> str:
    if report.parameter is None:
        return ""
    items = "".join(f"<li>{html.escape(t['description'])}</li>" for t in report.thresholds)
    moves = "".join(
        f"<li>{html.escape(m['action'])} for {html.escape(report.parameter)} in "
        f"{html.escape(m['region'])}</li>"
        for m in report.credible_moves
    )
    body = f"<ul>{items}</ul>" if items else "<p>none in this interval</p>"
    if moves:
        body += f"<p><b>Subgame-perfect first move</b></p><ul>{moves}</ul>"
    return (
        f"<p style='margin:2px 0'><b>Thresholds in {html.escape(report.parameter)}</b></p>" + body
    )


def explore(
    game: Any,
    *,
    parameter: str | None = None,
    concept: Any = "auto",
    method: str = "auto",
    plot: bool = True,
    continuous_update: bool = False,
) -> Explorer:
    """Explore a model or a parametric game with sliders: its analysis updates live.

    Parameters
    ----------
    game : Model, str or game
        A model (:func:`deterrence.models.get_model`, or its name), built at its defaults,
        its key parameter explored over its key range; or any game :func:`deterrence.analyze`
        accepts (``ParametricGame``, ``NormalFormGame``, ``ExtensiveFormGame``,
        ``ParametricAnonymousGame``, ``AnonymousGame``, ...). The structural parameters of an
        anonymous model (its number of players) are fixed when it is built:
        ``explore(model.build(num_partners=7))``.
    parameter : str, optional
        The parameter along which to draw the regime map (a dropdown changes it; default:
        a model's key parameter, else the first parameter).
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own: subgame perfect for trees, ...).
    method : str
        Which equilibria to seek (``"auto"``, or ``"pure"``: pure ones only).
    plot : bool
        Draw the regime map (needs matplotlib).
    continuous_update : bool
        Re-analyse while a slider is dragged (default: when it is released).

    Returns
    -------
    Explorer
        Displays itself in Jupyter; ``explorer.set(name=value)`` moves sliders from code.

    Raises
    ------
    MissingDependencyError
        Without ipywidgets (``pip install 'deterrence[jupyter]'``).
    InvalidGameError
        For objects that are not models or games, or an unknown ``parameter``.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> explorer = explore(get_model("punishment"), plot=False)
    >>> explorer.axis.value, [eq["outcome"] for eq in explorer.result]
    ('credibility', ['challenge, only a resolute defender retaliates'])
    >>> explorer.set(credibility=0.5)
    >>> [eq["outcome"] for eq in explorer.result]
    ['challenger deterred']
    """
    return Explorer(
        game,
        parameter=parameter,
        concept=concept,
        method=method,
        plot=plot,
        continuous_update=continuous_update,
    )
