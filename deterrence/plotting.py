"""Figures for comparative statics (matplotlib, imported lazily: the ``plot`` extra).

* :func:`plot_regimes`: a regime map of one parameter (coloured intervals) or two parameters
  (coloured regions), with the exact thresholds / boundary curves drawn and labelled;
* :func:`plot_equilibrium_probabilities`: equilibrium mixed strategies along a parameter, one
  line per tracked branch (or points from a sweep);
* :func:`plot_symmetric_equilibria`: the bifurcation diagram of an anonymous N-player game,
  its symmetric equilibria along a parameter, stable branches solid and unstable ones dashed;
* :func:`plot_best_responses`: the best-response diagram of a 2x2 game, whose intersections
  are the Nash equilibria.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common forms of
colour blindness (Okabe and Ito 2008), and follow meaning: when a game declares its outcomes
in words (:class:`~deterrence.games.Outcomes`), each outcome keeps the colour of its place in
``Outcomes.labels`` in every figure of that model (:func:`outcome_colours`); a regime with
several equilibria is filled with the first outcome's colour and hatched with the second's.
Every function draws on ``ax`` (a new figure when omitted) and returns the ``Axes``; ``dpi=``
sets the figure's resolution (also the one ``savefig`` uses), for figures ready to print.

References
----------
.. [1] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
   presentations that are friendly to colorblind people", 2008, https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, MissingDependencyError
from deterrence.games.parametric_anonymous import ParametricAnonymousGame

__all__ = [
    "OKABE_ITO",
    "outcome_colours",
    "plot_regimes",
    "boundary_label",
    "plot_equilibrium_probabilities",
    "plot_symmetric_equilibria",
    "plot_best_responses",
    "plot_replicator_simplex",
    "plot_tournament",
    "plot_outcome_probabilities",
    "plot_sensitivity",
    "plot_scenario_boxes",
    "plot_robustness",
]

#: The Okabe-Ito colour-blind-safe palette (black last).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - exercised only without matplotlib
        raise MissingDependencyError(
            "plotting needs matplotlib: pip install 'deterrence[plot]'"
        ) from None
    return plt


def _axes(ax: Any, dpi: float | None = None) -> Any:
    """``ax``, or the axes of a new figure; ``dpi`` sets the resolution of either figure."""
    dpi = _dpi(dpi)
    if ax is not None:
        if dpi is not None:
            ax.figure.set_dpi(dpi)
        return ax
    plt = _pyplot()
    # constrained layout keeps legends placed outside the axes on the canvas
    _figure, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained", dpi=dpi)
    return ax


def _dpi(dpi: Any) -> float | None:
    """A checked resolution in dots per inch (``None`` keeps matplotlib's default)."""
    if dpi is None:
        return None
    try:
        value = float(dpi)
    except (TypeError, ValueError):
        value = float("nan")
    if not np.isfinite(value) or value <= 0 or isinstance(dpi, bool):
        raise InvalidGameError(f"dpi must be a positive number of dots per inch, got {dpi!r}")
    return value


def _legend_below(ax: Any, handles: list, *, ncol: int = 1) -> Any:
    """A legend centred under the axes, below the tick labels and the x-axis label.

    The gap is measured once, in points, from the drawn x axis, so it stays right when the
    axes are resized by a layout engine (``layout="constrained"``, ``tight_layout`` or
    ``savefig(bbox_inches="tight")``, which all make room for it).
    """
    from matplotlib.transforms import ScaledTranslation

    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    decorations = ax.xaxis.get_tightbbox(renderer)
    depth = 0.0
    if decorations is not None and decorations.height > 0:
        depth = max(0.0, ax.bbox.y0 - decorations.y0) * 72.0 / figure.dpi
    below = ax.transAxes + ScaledTranslation(0, -(depth + 4.0) / 72.0, figure.dpi_scale_trans)
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        frameon=False,
        fontsize="small",
        ncol=ncol,
        borderaxespad=0.0,
    )


def _legend_columns(labels: list[str]) -> int:
    """As many columns as fit in about 60 characters (at most 3)."""
    longest = max((max(len(line) for line in label.split("\n")) for label in labels), default=1)
    return max(1, min(3, len(labels), 60 // (longest + 4)))


def _colour(index: int) -> str:
    return OKABE_ITO[index % (len(OKABE_ITO) - 1)]  # keep black for lines


def outcome_colours(labels: Any = (), outcomes: Any = None) -> dict[str, str]:
    """Colours that follow meaning: an outcome's colour is fixed by its place in the model's
    ``Outcomes.labels``, so every figure of one model agrees.

    Parameters
    ----------
    labels : iterable of str
        The labels to colour (outcome words or raw profiles).
    outcomes : Outcomes or sequence of str, optional
        The declared outcomes (or their labels in palette order). Labels that are not among
        them (raw profiles) get the following colours, in sorted order.

    Returns
    -------
    dict
        ``{label: colour}`` for every declared outcome and every label.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> colours = outcome_colours(["(x, y)"], get_model("denial").outcomes)
    >>> colours["coercion deterred"] == OKABE_ITO[0], colours["(x, y)"] == OKABE_ITO[4]
    (True, True)
    """
    order = list(getattr(outcomes, "labels", outcomes) or ())
    colours = {words: _colour(k) for k, words in enumerate(order)}
    for k, label in enumerate(sorted(set(labels) - set(colours)), start=len(order)):
        colours[label] = _colour(k)
    return colours


def _regime_styles(regime_map: Any) -> dict[str, tuple[str, str | None]]:
    """``{regime label: (fill colour, hatch colour or None)}``: a regime is filled with its
    first outcome's colour and, when it has several distinct outcomes, hatched with the
    second's; a regime whose colour another one already has (a model with more outcomes
    than the palette has colours) takes the first colour still free."""
    outcomes = getattr(regime_map.game, "outcomes", None)
    words = {o for regime in regime_map.regimes for o in regime.outcomes}
    bare = {regime.label for regime in regime_map.regimes if not regime.outcomes}
    colours = outcome_colours(words | bare, outcomes)
    styles: dict[str, tuple[str, str | None]] = {}
    used: list[str] = []
    for regime in regime_map.regimes:
        distinct = list(dict.fromkeys(regime.outcomes)) or [regime.label]
        fill = colours[distinct[0]]
        spare = [c for c in OKABE_ITO[:-1] if c not in used]
        if fill in used and spare:  # the palette wrapped round: keep the regimes apart
            fill = spare[0]
        used.append(fill)
        styles[regime.label] = (fill, colours[distinct[1]] if len(distinct) > 1 else None)
    return styles


def plot_regimes(
    regime_map: Any,
    domain: Any = None,
    *,
    ax: Any = None,
    legend: bool = True,
    label_thresholds: bool = True,
    concept: Any = "auto",
    fixed: Any = None,
    classify: Any = None,
    solve_for: str | None = None,
    dpi: float | None = None,
) -> Any:
    """Draw a regime map: coloured regimes and labelled exact thresholds.

    Parameters
    ----------
    regime_map : RegimeMap or game
        From :func:`deterrence.analysis.regimes` (one or two parameters), or a game whose
        map over ``domain`` is computed here with ``concept`` and ``fixed``.
    domain : optional
        With a game: the parameter(s) and interval(s), as for
        :func:`deterrence.analysis.regimes`.
    ax : matplotlib.axes.Axes, optional
    legend : bool, default True
        Name each regime's outcomes in a legend, placed under the axes below the x-axis
        label (a figure made here uses the constrained layout; on your own axes use
        ``layout="constrained"``, ``figure.tight_layout()`` or
        ``savefig(..., bbox_inches="tight")`` to keep it on the canvas).
    label_thresholds : bool, default True
        Write each threshold (``credibility = 1/4``) beside its line.
    concept : str or SolutionConcept, default "auto"
        With a game: the solution concept (the game's own by default: a tree's map shows
        credible threats only).
    fixed : mapping or "defaults", optional
        With a game: values of other parameters.
    classify : callable, optional
        ``classify(game_at_point) -> str``, naming the kind of game at a point (a registered
        model's :attr:`~deterrence.models.Model.classifier`, e.g. "stag hunt"): each region
        (each interval of a 1-D map) is labelled with the kind of game there, the outcomes
        staying in the legend.
    solve_for : str, optional
        2-D maps: the parameter each boundary's label is solved for (with sympy, see
        :func:`boundary_label`); by default the vertical axis's, so that a curve reads as a
        function of the horizontal one (``threat = 4 - 2*institutionalisation``).
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If ``regime_map`` is neither a RegimeMap nor a game with a ``domain``, or ``dpi``
        is not a positive number.
    MissingDependencyError
        Without matplotlib.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> from deterrence.analysis import regimes
    >>> game = ParametricGame.from_matrices(
    ...     [["(1 - credibility)*2 - credibility*6", 2], [0, 0]], [[-1, -3], [1, 0]],
    ...     [Parameter("credibility", domain=(0, 1))])
    >>> ax = plot_regimes(regimes(game, "credibility"))
    >>> [t.get_text() for t in ax.texts if "=" in t.get_text()]
    ['credibility = 1/4']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['(s1, s1)', '(s2, s1)']

    Maps that sought only pure equilibria (games with more than two players) say so in
    the title.

    Notes
    -----
    Regimes are coloured by meaning (:func:`outcome_colours`): the first outcome's colour,
    hatched with the second's when a regime has several; without declared outcomes, by their
    sorted labels, so maps of one game agree on colours. In one dimension the outcomes are
    also written inside each interval when they fit.

    Labels are placed when the figure is drawn, after its layout has sized the axes: the
    threshold labels of a 1-D map sit in rows under the top of the axes, never outside them
    nor on each other; the words in each interval are wrapped, turned upright, moved clear
    of the threshold labels or left out (they are in the legend); a boundary's label goes to
    the first point along its curve where it lies inside the axes and clear of the other
    labels (in a smaller font if need be).
    """
    from deterrence.analysis.regimes import RegimeMap, regimes

    if not isinstance(regime_map, RegimeMap):
        if domain is None:
            raise InvalidGameError(
                "plot_regimes needs a RegimeMap from regimes(), or a game with domain=, got "
                f"{type(regime_map).__name__}"
            )
        regime_map = regimes(regime_map, domain, concept=concept, fixed=fixed)
    ax = _axes(ax, dpi)
    # colours follow meaning (the declared outcomes), so maps of one model agree on colours
    colours = _regime_styles(regime_map)
    if len(regime_map.parameters) == 1:
        _regimes_1d(ax, regime_map, colours, label_thresholds, classify)
    else:
        _regimes_2d(ax, regime_map, colours, label_thresholds, classify, solve_for)
    title = regime_map.game.title
    pure = getattr(regime_map, "method", "auto") == "pure"
    heading = textwrap.fill(f"Equilibrium regimes{': ' + title if title else ''}", 60)
    concept = getattr(regime_map, "concept", "nash")
    if concept != "nash":  # say which equilibria (Nash is what "equilibrium" means by default)
        from deterrence.analysis.concepts import get_concept

        heading += f"\n({get_concept(None, concept).title})"
    ax.set_title(heading + ("\n(pure equilibria only)" if pure else ""))
    if legend:
        from matplotlib.patches import Patch

        texts = [
            _legend_text(tuple(dict.fromkeys(regime.outcomes))) or regime.label
            for regime in regime_map.regimes
        ]
        handles = []
        for regime, text in zip(regime_map.regimes, texts):
            fill, hatch = colours[regime.label]
            handles.append(
                Patch(
                    facecolor=fill,
                    edgecolor=hatch or "none",
                    hatch="//" if hatch else None,
                    linewidth=0,
                    label=text,
                )
            )
        _legend_below(ax, handles, ncol=_legend_columns(texts))
    return ax


def _legend_text(outcomes: tuple[str, ...], limit: int = 4) -> str:
    """One outcome per line; long lists end with "... and k more" (the legend must leave
    room for the axes)."""
    if len(outcomes) > limit:
        outcomes = (*outcomes[: limit - 1], f"... and {len(outcomes) - limit + 1} more")
    return "\n".join(outcomes)


def _regimes_1d(ax, regime_map, colours, label_thresholds, classify) -> None:
    [name] = regime_map.parameters
    low, high = (float(v) for v in regime_map.domain[name])
    ax.set_xlim(low, high)
    ax.set_yticks([])
    ax.set_xlabel(name)
    insides = []
    for regime in regime_map.regimes:
        left, right = (float(v) for v in regime.bounds[name])
        fill, hatch = colours[regime.label]
        ax.axvspan(
            left,
            right,
            facecolor=fill,
            edgecolor=hatch or fill,
            hatch="//" if hatch else None,
            alpha=0.85,
            linewidth=0,
        )
        if classify is not None:  # the kind of game, in the middle of the interval
            points = np.linspace(left, right, 7)[1:-1]
            lines = tuple(
                dict.fromkeys(_game_type(regime_map, classify, {name: v}) for v in points)
            )
        else:  # the outcomes (also in the legend)
            lines = tuple(dict.fromkeys(regime.outcomes)) or ("none",)
        text = ax.text(
            (left + right) / 2,
            0.5,
            "\n".join(lines),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="center",
            fontsize="small",
            clip_on=True,
        )
        text.set_in_layout(False)  # kept inside the axes when drawn
        insides.append((text, left, right, lines))
    labels = []
    for threshold in regime_map.thresholds:
        x = float(threshold.value)
        ax.axvline(x, color="black", linewidth=1.5)
        if label_thresholds:
            labels.append(_threshold_label(ax, x, f"{name} = {_pretty(threshold)}"))
    _when_drawn(ax, lambda renderer: _place_1d(ax, renderer, labels, insides))


def _threshold_label(ax: Any, x: float, text: str) -> Any:
    """A threshold's label at the top of its line, placed when drawn (:func:`_place_1d`)."""
    label = ax.annotate(
        text,
        (x, 1),
        xycoords=ax.get_xaxis_transform(),
        xytext=(0, -_GAP),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize="small",
        bbox=_LABEL_BOX,
    )
    label.set_in_layout(False)
    return label


#: Gap in points between a label and its anchor (the top of the axes, a curve).
_GAP = 3.0
#: The white box behind threshold and boundary labels (its padding in font sizes).
_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85, "edgecolor": "none"}


def _when_drawn(ax: Any, layout: Any) -> None:
    """Run ``layout(renderer)`` each time ``ax`` is drawn, before its texts are.

    Labels are placed once the figure's layout (constrained, tight, ``bbox_inches="tight"``)
    has fixed the size of the axes, so they fit the final frame and not a provisional one.
    """
    from matplotlib.artist import Artist

    placer = Artist()
    placer.draw = layout  # type: ignore[method-assign]
    placer.set_zorder(-100)  # before every other artist of the axes
    placer.set_in_layout(False)
    ax.add_artist(placer)


def _size(ax: Any, renderer: Any, text: str, *, rotation: float = 0, fontsize: Any = "small"):
    """Width and height in pixels of ``text`` as drawn on ``ax`` (measured on a probe, so
    that trying sizes changes nothing on the figure)."""
    from matplotlib.text import Text

    probe = Text(0, 0, text, fontsize=fontsize, rotation=rotation)
    probe.set_figure(ax.figure)
    extent = probe.get_window_extent(renderer)
    return extent.width, extent.height


def _box(x0: float, y0: float, width: float, height: float, pad: float) -> Any:
    from matplotlib.transforms import Bbox

    return Bbox([[x0 - pad, y0 - pad], [x0 + width + pad, y0 + height + pad]])


def _inside(extent: Any, frame: Any) -> bool:
    return (
        extent.x0 >= frame.x0
        and extent.x1 <= frame.x1
        and extent.y0 >= frame.y0
        and extent.y1 <= frame.y1
    )


def _set(artist: Any, **properties: Any) -> None:
    """Set properties that differ (a layout that settles changes nothing on a redraw)."""
    for key, value in properties.items():
        if getattr(artist, f"get_{key}")() != value:
            getattr(artist, f"set_{key}")(value)


def _pad(ax: Any, fontsize: Any = "small") -> float:
    """The padding of a label's box, in pixels (0.2 font sizes, as ``_LABEL_BOX``)."""
    from matplotlib.font_manager import FontProperties

    points = FontProperties(size=fontsize).get_size_in_points()
    return 0.25 * points * ax.figure.dpi / 72.0


def _place_1d(ax, renderer, labels, insides) -> None:
    """Threshold labels in rows under the top of the axes, each inside the frame and clear
    of the others; the words inside each interval where they fit (wrapped or upright),
    clear of the threshold labels, else left out (they are in the legend)."""
    frame = ax.bbox
    scale = 72.0 / ax.figure.dpi  # pixels to points
    pad = _pad(ax)
    placed: list[Any] = []
    for label in labels:
        width, height = _size(ax, renderer, label.get_text())
        anchor = ax.get_xaxis_transform().transform(label.xy)
        centre = min(max(anchor[0], frame.x0 + width / 2 + pad), frame.x1 - width / 2 - pad)
        row, top = 0, frame.y1 - _GAP / scale
        while True:
            extent = _box(centre - width / 2, top - height, width, height, pad)
            clear = not any(extent.overlaps(other) for other in placed)
            if clear or extent.y0 - height - 2 * pad < frame.y0:
                break
            row += 1
            top -= height + 2 * pad + 1
        placed.append(extent)
        _set(label, position=((centre - anchor[0]) * scale, (top - frame.y1) * scale))
    for text, left, right, lines in insides:
        room = abs(ax.transData.transform((right, 0))[0] - ax.transData.transform((left, 0))[0])
        variants = [("\n".join(lines), 0)]
        variants += [("\n".join(textwrap.fill(o, n) for o in lines), 0) for n in (28, 20)]
        variants.append(("\n".join(lines), 90))
        chosen = None
        for words, rotation in variants:
            width, height = _size(ax, renderer, words, rotation=rotation)
            if width > 0.95 * room or height > 0.95 * frame.height:
                continue
            centre = ax.transData.transform(((left + right) / 2, 0))[0]
            for fraction in (0.5, 0.4, 0.6, 0.3, 0.2, 0.7, 0.1):
                middle = frame.y0 + fraction * frame.height
                extent = _box(centre - width / 2, middle - height / 2, width, height, 1)
                if _inside(extent, frame) and not any(extent.overlaps(o) for o in placed):
                    chosen = (words, rotation, fraction)
                    break
            if chosen:
                break
        if chosen is None:
            _set(text, visible=False)
            continue
        words, rotation, fraction = chosen
        _set(text, text=words, rotation=rotation, position=(text.get_position()[0], fraction))
        _set(text, visible=True)


def _pretty(threshold) -> str:
    from fractions import Fraction

    from deterrence.analysis.thresholds import format_expression

    if threshold.value is None or not threshold.expression.is_number:
        return format_expression(threshold.expression)
    value = threshold.value
    return str(value) if isinstance(value, Fraction) else f"{float(value):.4g}"


def _game_type(regime_map: Any, classify: Any, point: dict[str, float]) -> str:
    """``classify`` of the map's game at ``point`` (the other parameters as fixed)."""
    return str(classify(regime_map.game.at(**{k: float(v) for k, v in point.items()})))


def _regimes_2d(ax, regime_map, colours, label_thresholds, classify, solve_for) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Rectangle

    x_name, y_name = regime_map.parameters
    cells = regime_map.cells
    labels = [r.label for r in regime_map.regimes]
    patches = []
    face = []
    hatched, hatch_colours = [], []
    for row in cells.itertuples(index=False):
        x0, x1, y0, y1, regime = row
        patches.append(Rectangle((x0, y0), x1 - x0, y1 - y0))
        fill, hatch = colours[labels[int(regime)]]
        # opaque tints (as alpha 0.85 on white) with matching edges: no seams between cells
        face.append(tuple(0.85 * c + 0.15 for c in to_rgb(fill)))
        if hatch is not None:
            hatched.append(Rectangle((x0, y0), x1 - x0, y1 - y0))
            hatch_colours.append(hatch)
    ax.add_collection(PatchCollection(patches, facecolor=face, edgecolor=face, linewidth=0.5))
    if hatched:  # regimes with several outcomes: the second outcome's colour as hatching
        ax.add_collection(
            PatchCollection(
                hatched, facecolor="none", edgecolor=hatch_colours, hatch="//", linewidth=0
            )
        )
    (x_low, x_high), (y_low, y_high) = (
        tuple(map(float, regime_map.domain[n])) for n in (x_name, y_name)
    )
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(y_low, y_high)
    names = _game_type_labels(ax, regime_map, classify) if classify is not None else []
    curves = []
    for boundary in regime_map.boundaries:
        values = np.where(boundary.separates, boundary.values, np.nan)
        if boundary.parameter == x_name:
            xs, ys = values, boundary.other_values
        else:
            xs, ys = boundary.other_values, values
        ax.plot(xs, ys, color="black", linewidth=1.5)
        finite = np.flatnonzero(np.isfinite(values))
        if label_thresholds and len(finite):
            label = ax.annotate(
                boundary_label(boundary, solve_for or y_name, regime_map.game),
                (xs[finite[0]], ys[finite[0]]),
                xytext=(_GAP, _GAP),
                textcoords="offset points",
                fontsize="small",
                annotation_clip=False,
                bbox=_LABEL_BOX,
            )
            label.set_in_layout(False)
            curves.append((label, xs[finite], ys[finite], label.get_text()))
    ax.set_xlabel(x_name)
    ax.set_ylabel(y_name)
    if curves or names:
        _when_drawn(ax, lambda renderer: _place_2d(ax, renderer, names, curves))


def _game_type_labels(ax, regime_map, classify) -> list[Any]:
    """Name the kind of game in each region: ``classify`` at every cell's centre, the name
    written at the middle of the cells of one kind (of the largest cell when the middle
    falls outside them)."""
    cells = regime_map.cells.to_numpy(dtype=float)[:, :4]
    x_name, y_name = regime_map.parameters
    centres = np.column_stack([(cells[:, 0] + cells[:, 1]) / 2, (cells[:, 2] + cells[:, 3]) / 2])
    kinds = [_game_type(regime_map, classify, {x_name: x, y_name: y}) for x, y in centres]
    areas = (cells[:, 1] - cells[:, 0]) * (cells[:, 3] - cells[:, 2])
    texts = []
    for kind in dict.fromkeys(kinds):
        mine = np.array([k == kind for k in kinds])
        x, y = np.average(centres[mine], axis=0, weights=areas[mine])
        within = (cells[:, 0] <= x) & (x <= cells[:, 1]) & (cells[:, 2] <= y) & (y <= cells[:, 3])
        if not (within & mine).any():
            x, y = centres[mine][int(np.argmax(areas[mine]))]
        text = ax.text(
            x,
            y,
            kind,
            ha="center",
            va="center",
            fontsize="medium",
            fontweight="bold",
            bbox=_LABEL_BOX,
        )
        text.set_in_layout(False)
        texts.append(text)
    return texts


def boundary_label(boundary: Any, parameter: str, game: Any = None) -> str:
    """A boundary's equation solved for ``parameter`` where it can be (uniquely), else as
    found.

    Parameters
    ----------
    boundary : Boundary
        A boundary curve of a 2-D :func:`~deterrence.analysis.regimes` map
        (``boundary.parameter = boundary.expression`` in ``boundary.other``).
    parameter : str
        The parameter to write it for (a 2-D map's vertical axis, say).
    game : game, optional
        The map's game, whose parameter symbols carry the assumptions (positive, real)
        that pick one solution; by default the symbols of the expression.

    Returns
    -------
    str
        ``"parameter = expression"``: solved with sympy for ``parameter`` when the
        equation has exactly one solution that runs through the drawn curve; the boundary's
        own ``boundary.label`` otherwise (or when it does not involve ``parameter``: a
        line along an axis).

    Examples
    --------
    >>> from deterrence.analysis import regimes
    >>> from deterrence.models import get_model
    >>> found = regimes(get_model("critical_minerals").build(),
    ...                 {"threat": (0, 2), "institutionalisation": (0, 3)},
    ...                 resolution=2, max_depth=0)
    >>> [boundary] = [b for b in found.boundaries if "4 - 2*" in b.label]
    >>> boundary.label
    'threat = 4 - 2*institutionalisation'
    >>> boundary_label(boundary, "institutionalisation")
    'institutionalisation = 2 - threat/2'
    >>> boundary_label(boundary, "threat")
    'threat = 4 - 2*institutionalisation'
    """
    import sympy

    from deterrence.analysis.thresholds import format_expression

    if boundary.parameter == parameter:
        return boundary.label
    symbols = {s.name: s for s in boundary.expression.free_symbols}
    if parameter not in symbols:
        return boundary.label
    solved = sympy.Symbol(boundary.parameter, **_assumptions(symbols[parameter]))
    if game is not None and hasattr(game, "parameter"):
        solved = game.parameter(boundary.parameter).symbol
    target = symbols[parameter]
    try:
        solutions = sympy.solve(sympy.Eq(solved, boundary.expression), target)
    except (NotImplementedError, TypeError, ValueError):
        return boundary.label
    separating = np.flatnonzero(boundary.separates & np.isfinite(boundary.values))
    drawn = [
        s
        for s in solutions
        if _runs_through(s, solved, boundary.values[separating], boundary.other_values[separating])
    ]
    if len(drawn) != 1:
        return boundary.label
    forms = [sympy.simplify(drawn[0]), sympy.cancel(drawn[0]), sympy.factor(drawn[0])]
    return f"{parameter} = {min((format_expression(f) for f in forms), key=len)}"


def _assumptions(symbol: Any) -> dict[str, bool]:
    return {
        k: v for k, v in symbol.assumptions0.items() if k in ("real", "positive", "nonnegative")
    }


def _runs_through(solution: Any, symbol: Any, values: np.ndarray, targets: np.ndarray) -> bool:
    """Whether ``parameter = solution(symbol)`` passes through the sampled curve points."""
    import sympy

    try:
        function = sympy.lambdify([symbol], solution, modules="numpy")
        with np.errstate(all="ignore"):
            found = np.broadcast_to(np.asarray(function(values), dtype=complex), values.shape)
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    scale = 1e-6 * max(1.0, float(np.max(np.abs(targets), initial=0)))
    return bool(len(values)) and bool(np.all(np.abs(found - targets) <= scale))


#: Boundary pieces shorter than this share of the axes' diagonal are drawn, not labelled.
_SHORTEST = 0.04
#: Where along a boundary its label may go (fractions of the drawn curve), in order.
_ALONG = (0.5, 0.3, 0.7, 0.15, 0.85, 0.4, 0.6, 0.05, 0.95, 0.25, 0.75)


def _place_2d(ax, renderer, names, curves) -> None:
    """Game-type names kept inside the axes; each boundary's label (but a sliver's) at the
    first point along its curve (on the side towards the middle of the axes first, then
    further from the curve, on two lines, in a smaller font) where it lies inside the axes
    and clear of the names and the labels already placed; failing that, not at all (the
    curve is drawn: a crowded map cannot carry every formula)."""
    frame = ax.bbox
    scale = 72.0 / ax.figure.dpi
    placed: list[Any] = []
    for text in names:
        width, height = _size(ax, renderer, text.get_text(), fontsize="medium")
        pad = _pad(ax, "medium")
        x, y = ax.transData.transform(text.get_position())
        x = min(max(x, frame.x0 + width / 2 + pad), frame.x1 - width / 2 - pad)
        y = min(max(y, frame.y0 + height / 2 + pad), frame.y1 - height / 2 - pad)
        placed.append(_box(x - width / 2, y - height / 2, width, height, pad))
        _set(text, position=tuple(ax.transData.inverted().transform((x, y))))
    middle = ((frame.x0 + frame.x1) / 2, (frame.y0 + frame.y1) / 2)
    gap = _GAP / scale
    diagonal = float(np.hypot(frame.width, frame.height))
    for label, xs, ys, words in curves:
        points = ax.transData.transform(np.column_stack([xs, ys]))
        if np.ptp(points, axis=0).max() < _SHORTEST * diagonal:
            _set(label, visible=False)  # a sliver of a curve (where it grazes a corner)
            continue
        best = None
        for text, fontsize in _variants(words):
            width, height = _size(ax, renderer, text, fontsize=fontsize)
            pad = _pad(ax, fontsize)
            for away in range(4):  # rows of labels away from the curve
                for fraction in _ALONG:
                    k = min(int(fraction * len(xs)), len(xs) - 1)
                    px, py = ax.transData.transform((xs[k], ys[k]))
                    towards = (1 if px < middle[0] else -1, 1 if py < middle[1] else -1)
                    for sx, sy in (towards, (towards[0], -towards[1]), (-towards[0], towards[1])):
                        dy = gap + away * (height + 2 * pad + 1)
                        x0 = px + gap if sx > 0 else px - gap - width
                        y0 = py + dy if sy > 0 else py - dy - height
                        extent = _box(x0, y0, width, height, pad)
                        if not _inside(extent, frame):
                            continue
                        overlap = sum(_overlap(extent, other) for other in placed)
                        if best is None or overlap < best[0]:
                            best = (overlap, (xs[k], ys[k]), text, fontsize, sx, sy * dy, extent)
                        if overlap == 0:
                            break
                    if best is not None and best[0] == 0:
                        break
                if best is not None and best[0] == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None or best[0] > 0:  # too long for the axes, or nowhere clear of
            _set(label, visible=False)  # the others (a crowded map): the curve alone
            continue
        _, point, text, fontsize, sx, dy, extent = best
        placed.append(extent)
        _set(
            label,
            visible=True,
            text=text,
            fontsize=_points(fontsize),
            horizontalalignment="left" if sx > 0 else "right",
            verticalalignment="bottom" if dy > 0 else "top",
            position=(sx * _GAP, dy * scale),
        )
        if tuple(label.xy) != tuple(point):
            label.xy = point


def _variants(words: str) -> list[tuple[str, str]]:
    """A label as it may be written: one line, then broken after ``=``; small, then x-small."""
    broken = words.replace(" = ", " =\n", 1)
    return [(words, "small"), (words, "x-small"), (broken, "small"), (broken, "x-small")]


def _points(fontsize: Any) -> float:
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=fontsize).get_size_in_points()


def _overlap(a: Any, b: Any) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, width) * max(0.0, height)


def plot_equilibrium_probabilities(
    data: Any,
    player: str | int = 0,
    strategy: str | int = 0,
    *,
    parameter: str | None = None,
    ax: Any = None,
    dpi: float | None = None,
) -> Any:
    """Probability that ``player`` plays ``strategy`` in each equilibrium along a parameter.

    Parameters
    ----------
    data : Tracking or pandas.DataFrame
        A :func:`~deterrence.analysis.track` result (one line per branch) or a one-parameter
        :func:`~deterrence.analysis.sweep` table (points coloured by equilibrium index, or by
        outcome in the model's words when its game declares them).
    player, strategy : str or int
        Labels or indices.
    parameter : str, optional
        The parameter column of a sweep table (default: the only varying one).
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        Unknown player or strategy, or a table without a varying parameter.

    See Also
    --------
    plot_symmetric_equilibria : for anonymous games, the symmetric equilibria joined into
        branches and drawn by stability.

    Examples
    --------
    >>> from deterrence.games import ParametricGame, Parameter
    >>> from deterrence.analysis import track
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> ax = plot_equilibrium_probabilities(track(game, "x", [-1, -0.5, 0.5, 1]), 1, "s1")
    >>> len(ax.lines)   # three branches and the threshold x = 0
    4
    """
    from deterrence.analysis.tracking import Tracking

    ax = _axes(ax, dpi)
    if isinstance(data, Tracking):
        game = data.game
        if isinstance(game, ParametricAnonymousGame):
            # one representative member: its share (or probability) of each strategy
            if player not in (0, game.player_label):
                raise InvalidGameError(
                    f"an anonymous game is tracked for one representative "
                    f"{game.player_label!r} (player 0), got {player!r}"
                )
            i = 0
            k = _strategy_of(game.strategies, strategy)
            column = f"{game.player_label}:{game.strategies[k]}"
        else:
            i = _player(game, player)
            k = _strategy(game, i, strategy)
            column = f"{game.players[i]}:{game.strategies[i][k]}"
        for n, branch in enumerate(data.branches):
            marker = "o" if len(branch.values) == 1 else None
            ax.plot(
                branch.values,
                branch.strategies[i][:, k],
                color=_colour(n),
                marker=marker,
                linewidth=2,
                label=f"branch {branch.id}: {branch.outcomes[-1]}",
            )
        for event in data.events:
            if event.threshold is not None and event.threshold.value is not None:
                ax.axvline(float(event.threshold.value), color="black", linestyle=":", linewidth=1)
        name = data.parameter
    else:
        import pandas as pd

        if not isinstance(data, pd.DataFrame):
            raise InvalidGameError(
                f"expected a Tracking or a sweep DataFrame, got {type(data).__name__}"
            )
        players = sorted(
            {c.split(":")[0] for c in data.columns if ":" in c and not c.startswith("payoff:")},
            key=lambda p: list(data.columns).index(
                next(c for c in data.columns if c.startswith(p + ":"))
            ),
        )
        if isinstance(player, int):
            if not 0 <= player < len(players):
                raise InvalidGameError(f"player index {player} out of range for {players}")
            player = players[player]
        strategies = [c.split(":", 1)[1] for c in data.columns if c.startswith(f"{player}:")]
        if not strategies:
            raise InvalidGameError(f"unknown player {player!r}; players are {players}")
        if isinstance(strategy, int):
            strategy = strategies[strategy]
        column = f"{player}:{strategy}"
        if column not in data.columns:
            raise InvalidGameError(f"unknown strategy {strategy!r}; strategies are {strategies}")
        if parameter is None:
            names = _parameter_columns(data)
            parameter = _sweep_parameter(data, names, None)
        name = parameter
        words_of = data["outcome"].astype(str) if "outcome" in data.columns else None
        if (
            words_of is not None
            and "profile" in data.columns
            and (data["profile"].astype(str) != words_of).any()
        ):
            # the game declares its outcomes: colour points by meaning, labelled in words
            order = data.attrs.get("outcome_labels") or list(dict.fromkeys(words_of))
            colours = outcome_colours(words_of, order)
            for words, part in data.groupby(words_of, sort=False):
                ax.scatter(
                    part[parameter],
                    part[column],
                    s=12,
                    color=colours[words],
                    label=textwrap.shorten(str(words), 40),
                )
        else:
            for index, part in data.groupby("equilibrium"):
                ax.scatter(
                    part[parameter],
                    part[column],
                    s=12,
                    color=_colour(int(index)),
                    label=f"equilibrium {index}",
                )
    ax.set_xlabel(name)
    ax.set_ylabel(f"P({column})")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(fontsize="small", frameon=False)
    return ax


def _player(game, player) -> int:
    if isinstance(player, int):
        if not 0 <= player < game.num_players:
            raise InvalidGameError(f"player index {player} is out of range")
        return player
    if player in game.players:
        return game.players.index(player)
    raise InvalidGameError(f"unknown player {player!r}; players are {list(game.players)}")


def _strategy(game, i, strategy) -> int:
    return _strategy_of(game.strategies[i], strategy)


def _strategy_of(labels, strategy) -> int:
    if isinstance(strategy, int):
        if not 0 <= strategy < len(labels):
            raise InvalidGameError(
                f"strategy index {strategy} is out of range for strategies {list(labels)}"
            )
        return strategy
    if strategy in labels:
        return labels.index(strategy)
    raise InvalidGameError(f"unknown strategy {strategy!r}; strategies are {list(labels)}")


# ---------------------------------------------------------------------- anonymous games
#: Columns that only the sweep frame of an anonymous game has (beside parameters and payoffs).
_ANONYMOUS_COLUMNS = ("equilibrium", "stability", "is_pure", "is_symmetric", "outcome")
#: Largest step in share between neighbouring points that are joined into one branch.
_BRANCH_JUMP = 0.25
#: Sweeps with at most this many parameter values get a marker on every equilibrium.
_MARKED_POINTS = 40
_STABILITY_STYLE: dict[str | None, dict[str, Any]] = {
    "stable": {"color": OKABE_ITO[4], "linestyle": "-", "linewidth": 2.2},
    "unstable": {"color": OKABE_ITO[5], "linestyle": "--", "linewidth": 1.8},
    None: {"color": "0.45", "linestyle": ":", "linewidth": 1.5},
}


def plot_symmetric_equilibria(
    data: Any,
    *,
    parameter: str | None = None,
    strategy: str | int = 0,
    thresholds: Any = None,
    asymmetric: bool = True,
    legend: bool = True,
    ax: Any = None,
    dpi: float | None = None,
) -> Any:
    r"""Bifurcation diagram of an anonymous game: its symmetric equilibria along a parameter.

    Each symmetric equilibrium is drawn at the probability with which every player chooses
    ``strategy`` (0 or 1 for "all choose it" and "none does"): stable branches solid, unstable
    ones dashed (the tipping points between the basins of the stable ones), in two Okabe-Ito
    colours. Asymmetric count equilibria ("3 of 5 honour") appear as small grey squares at
    their share of players, and the exact thresholds as labelled vertical lines.

    Parameters
    ----------
    data : pandas.DataFrame
        The table :func:`~deterrence.analysis.sweep` returns for a
        :class:`~deterrence.games.ParametricAnonymousGame` (columns ``stability`` and
        ``is_symmetric`` among others) over one parameter.
    parameter : str, optional
        The parameter along the horizontal axis (default: the only one that varies).
    strategy : str or int, default 0
        The strategy whose probability (or share) is drawn, by label or index.
    thresholds : RegimeMap or sequence of Threshold, optional
        Draw these critical values of ``parameter`` (a one-parameter
        :func:`~deterrence.analysis.regimes` map or
        :func:`~deterrence.analysis.thresholds` with every other parameter fixed); those
        outside the swept range are left out.
    asymmetric : bool, default True
        Also mark the asymmetric count equilibria.
    legend : bool, default True
        Explain the line styles in a legend under the axes (see :func:`plot_regimes` for
        keeping it on the canvas of your own axes).
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If ``data`` is not the sweep table of an anonymous game (a normal-form sweep, say),
        varies more than one parameter, or names an unknown parameter or strategy; or if a
        threshold belongs to another parameter or has no numeric value.
    MissingDependencyError
        Without matplotlib.

    See Also
    --------
    plot_equilibrium_probabilities : every equilibrium of any game, coloured by its index.

    Notes
    -----
    With :math:`D_k` the gain from the first strategy when :math:`k` of the other
    :math:`n = N - 1` players choose it, the symmetric mixed equilibria are the roots in
    :math:`(0, 1)` of :math:`f(h) = \sum_k D_k \binom{n}{k} h^k (1-h)^{n-k}`; a root is stable
    under the replicator dynamics when :math:`f` falls through zero there and unstable when
    it rises (Hofbauer and Sigmund 1998). Two roots meeting and vanishing as the parameter
    moves is a fold (saddle-node) bifurcation; a root leaving through 0 or 1 changes the
    stability of the pure profile it meets.

    The sweep has points, not curves: points at neighbouring parameter values are joined
    into a branch when each is the other's nearest (or the only near) neighbour and their
    probabilities differ by at most 1/4, so a fine grid draws smooth branches that meet at
    folds, and a coarse one draws markers (every point is marked on grids of at most 40
    values). A fold point hit exactly by the grid is semi-stable (half-filled marker).

    Examples
    --------
    >>> from deterrence.analysis import regimes, sweep
    >>> from deterrence.models.security_dilemma import swing_states
    >>> game = swing_states()
    >>> frame = sweep(game, {"security_premium": [0, 1, 2, 3, 4, 5, 6]}, progress=False)
    >>> ax = plot_symmetric_equilibria(
    ...     frame, thresholds=regimes(game, {"security_premium": (0, 6)}))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['stable symmetric equilibrium', 'unstable symmetric equilibrium']
    >>> [t.get_text() for t in ax.texts]
    ['security_premium = 4']

    >>> ax.get_ylabel()
    'probability of align (share of states)'

    The tipping point (dashed) falls from 4/7 to 0 as the security premium rises to 4,
    where "all non-aligned" stops being stable and the world tips.
    """
    label, strategies, names = _anonymous_frame(data, "plot_symmetric_equilibria")
    strategy = strategies[_strategy_of(strategies, strategy)]
    parameter = _sweep_parameter(data, names, parameter)
    lines = _threshold_values(thresholds, parameter)
    ax = _axes(ax, dpi)

    x = data[parameter].to_numpy(dtype=float)
    y = data[f"{label}:{strategy}"].to_numpy(dtype=float)
    symmetric = data["is_symmetric"].to_numpy(dtype=bool)
    stability = np.array(
        [s if isinstance(s, str) else None for s in data["stability"].tolist()], dtype=object
    )
    on_curve = symmetric & np.isfinite(y)
    columns = np.unique(x[on_curve])
    marked = len(np.unique(x)) <= _MARKED_POINTS
    present: set[str] = set()

    nodes = np.flatnonzero(on_curve)
    nodes = nodes[np.lexsort((y[nodes], x[nodes]))]
    chains, isolated = _branches(nodes, x, y, columns)
    for chain in chains:
        for style, run in _styled_runs(chain, x, y, stability):
            xs, ys = zip(*run)
            ax.plot(xs, ys, solid_capstyle="round", **_STABILITY_STYLE[style])
            present.add(style or "other")
    markers: dict[str | None, list[int]] = {}
    for node in nodes:
        kind = stability[node]
        if marked or node in isolated or kind not in ("stable", "unstable"):
            markers.setdefault(kind, []).append(int(node))
    for kind, points in markers.items():
        _mark(ax, x[points], y[points], kind)
        present.add(kind or "unknown")

    degenerate = np.unique(x[symmetric & ~np.isfinite(y)])
    for value in degenerate:
        ax.plot([value, value], [0, 1], color="0.45", linestyle=":", linewidth=1.2)
    counts = ~symmetric & np.isfinite(y)
    if asymmetric and counts.any():
        ax.scatter(x[counts], y[counts], s=7, marker="s", color="0.65", linewidths=0, zorder=1.5)

    if len(x):
        low, high = float(np.min(x)), float(np.max(x))
        pad = 0.02 * (high - low) if marked else 0.0  # room for the end markers
        ax.set_xlim(low - pad, high + pad)
    ax.set_ylim(-0.05, 1.05)
    low, high = ax.get_xlim()
    lines = [(threshold, value) for threshold, value in lines if low <= value <= high]
    if lines:
        # the labels go in a band above the probabilities, clear of the branches at 1
        ax.set_ylim(-0.05, 1.17)
        ax.set_yticks(np.linspace(0, 1, 6))
    labels = []
    for threshold, value in lines:
        ax.axvline(value, color="black", linewidth=1, zorder=1)
        labels.append(_threshold_label(ax, value, f"{parameter} = {_pretty(threshold)}"))
    if labels:  # in rows under the top, inside the frame and clear of each other when drawn
        _when_drawn(ax, lambda renderer: _place_1d(ax, renderer, labels, []))
    ax.set_xlabel(parameter)
    ax.set_ylabel(f"probability of {strategy} (share of {label}s)")
    pure = data.attrs.get("method") == "pure"
    ax.set_title("Symmetric equilibria" + ("\n(pure equilibria only)" if pure else ""))
    if legend:
        handles = _stability_handles(
            present, asymmetric and bool(counts.any()), bool(len(degenerate)), marked, label
        )
        if handles:
            _legend_below(ax, handles, ncol=_legend_columns([h.get_label() for h in handles]))
    return ax


def _anonymous_frame(data: Any, caller: str) -> tuple[str, tuple[str, ...], list[str]]:
    """Check that ``data`` is the sweep table of an anonymous game; return the player label,
    the strategies and the parameter columns."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        name = type(data).__name__
        hint = {
            "ParametricAnonymousGame": "; sweep the game first: sweep(game, {parameter: values})",
            "AnonymousGame": "; sweep a ParametricAnonymousGame over a parameter first",
            "RegimeMap": "; pass a regime map as thresholds= beside the sweep table",
        }.get(name, "")
        raise InvalidGameError(
            f"{caller} needs the table that sweep() returns for an anonymous game, got {name}{hint}"
        )
    payoffs = [str(c).split(":", 1)[1] for c in data.columns if str(c).startswith("payoff:")]
    missing = [c for c in _ANONYMOUS_COLUMNS if c not in data.columns]
    if missing or len(payoffs) != 1:
        if "equilibrium" in data.columns and len(payoffs) > 1:
            found = (
                f"it has payoff columns for the players {payoffs}, as the sweep of a "
                "normal-form game does: plot that with plot_equilibrium_probabilities"
            )
        else:
            found = f"its columns are {[str(c) for c in data.columns]}"
        raise InvalidGameError(
            f"{caller} needs the sweep table of an anonymous game (a ParametricAnonymousGame), "
            f"with columns {list(_ANONYMOUS_COLUMNS)} and one 'payoff:<player>'; {found}"
        )
    [label] = payoffs
    strategies = tuple(
        str(c).split(":", 1)[1] for c in data.columns if str(c).startswith(f"{label}:")
    )
    names = _parameter_columns(data)
    if not strategies:
        raise InvalidGameError(f"{caller}: the table has no '{label}:<strategy>' columns")
    return label, strategies, names


def _parameter_columns(data: Any) -> list[str]:
    """The parameter columns of a sweep table: those before ``equilibrium``, except the grid
    point id (``point``)."""
    columns = [str(c) for c in data.columns[: list(data.columns).index("equilibrium")]]
    return [c for c in columns if c != "point"]


def _sweep_parameter(data: Any, names: list[str], parameter: str | None) -> str:
    varying = [n for n in names if data[n].nunique() > 1]
    if parameter is None:
        if len(varying) != 1:
            raise InvalidGameError(
                f"cannot tell which parameter to plot against (varying: {varying}); pass parameter="
            )
        return varying[0]
    if parameter not in names:
        raise InvalidGameError(f"unknown parameter {parameter!r}; the table has {names}")
    others = [n for n in varying if n != parameter]
    if others:
        raise InvalidGameError(
            f"the table also varies {others}: the diagram follows one parameter, so select "
            f"one slice first, e.g. data[data[{others[0]!r}] == value]"
        )
    return parameter


def _threshold_values(thresholds: Any, parameter: str) -> list[tuple[Any, float]]:
    """``(threshold, value)`` pairs to draw from a RegimeMap, a Threshold or a sequence."""
    from deterrence.analysis.regimes import RegimeMap
    from deterrence.analysis.thresholds import Threshold

    if thresholds is None:
        return []
    if isinstance(thresholds, RegimeMap):
        if thresholds.parameters != (parameter,):
            raise InvalidGameError(
                f"the regime map is over {list(thresholds.parameters)}; the diagram needs one "
                f"over {parameter!r} alone"
            )
        thresholds = thresholds.thresholds
    elif isinstance(thresholds, Threshold):
        thresholds = [thresholds]
    out = []
    for threshold in thresholds:
        if not isinstance(threshold, Threshold):
            raise InvalidGameError(
                "thresholds= takes a RegimeMap or Threshold objects, got "
                f"{type(threshold).__name__}"
            )
        if threshold.parameter != parameter:
            raise InvalidGameError(
                f"threshold in {threshold.parameter!r} cannot be drawn along {parameter!r}"
            )
        if threshold.value is None:
            raise InvalidGameError(
                f"threshold {parameter} = {threshold.expression} depends on other parameters; "
                "fix them (thresholds(..., fixed=...)) to draw it"
            )
        out.append((threshold, float(threshold.value)))
    return out


def _branches(
    nodes: np.ndarray, x: np.ndarray, y: np.ndarray, columns: np.ndarray
) -> tuple[list[list[int]], set[int]]:
    """Join the points of neighbouring parameter values into branches.

    Each point is linked to its nearest point in the next column and each point to its
    nearest in the previous one (closer than ``_BRANCH_JUMP``). Runs of one-to-one links
    become chains, which run into a point where branches meet (a fold) and out of one where
    they part; links left over become two-point chains. Returns the chains and the points
    with no link at all.
    """
    by_column = [nodes[x[nodes] == value] for value in columns]
    links: set[tuple[int, int]] = set()
    for left, right in zip(by_column, by_column[1:]):
        for sources, targets, forward in ((left, right, True), (right, left, False)):
            for node in sources:
                gaps = np.abs(y[targets] - y[node])
                nearest = int(np.argmin(gaps))
                if gaps[nearest] <= _BRANCH_JUMP:
                    other = int(targets[nearest])
                    links.add((int(node), other) if forward else (other, int(node)))
    ahead: dict[int, list[int]] = {}
    behind: dict[int, list[int]] = {}
    for a, b in sorted(links):
        ahead.setdefault(a, []).append(b)
        behind.setdefault(b, []).append(a)

    chains: list[list[int]] = []
    used: set[tuple[int, int]] = set()
    for node in (int(n) for n in nodes):
        before = behind.get(node, [])
        if len(before) == 1 and ahead.get(before[0]) == [node]:
            continue  # inside a chain that starts further left
        chain = [node]
        if len(before) == 1:  # one of the branches born at a fold starts at the fold point
            chain.insert(0, before[0])
            used.add((before[0], node))
        while len(ahead.get(chain[-1], [])) == 1:
            following = ahead[chain[-1]][0]
            used.add((chain[-1], following))
            chain.append(following)
            if behind.get(following) != [chain[-2]]:
                break  # branches meet here (a fold): each ends at the meeting point
        if len(chain) > 1:
            chains.append(chain)
    chains.extend([a, b] for a, b in sorted(links - used))
    linked = {n for link in links for n in link}
    return chains, {int(n) for n in nodes} - linked


def _styled_runs(
    chain: list[int], x: np.ndarray, y: np.ndarray, stability: np.ndarray
) -> list[tuple[str | None, list[tuple[float, float]]]]:
    """Split a chain where its stability changes (halfway between the two points); points
    without a definite stability (semi-stable, neutral) take their neighbours'."""
    styles: list[str | None] = [
        s if s in ("stable", "unstable") else None for s in stability[chain]
    ]
    for k in range(1, len(chain)):  # from the left neighbour, then from the right one
        styles[k] = styles[k] or styles[k - 1]
    for k in range(len(chain) - 2, -1, -1):
        styles[k] = styles[k] or styles[k + 1]
    runs: list[tuple[str | None, list[tuple[float, float]]]] = []
    points = [(float(x[n]), float(y[n])) for n in chain]
    current = [points[0]]
    for k in range(1, len(chain)):
        if styles[k] != styles[k - 1]:
            middle = ((points[k - 1][0] + points[k][0]) / 2, (points[k - 1][1] + points[k][1]) / 2)
            runs.append((styles[k - 1], current + [middle]))
            current = [middle]
        current.append(points[k])
    runs.append((styles[-1], current))
    return runs


#: Markers of symmetric equilibria by stability (None: not computed, as in pure-only sweeps).
_MARKERS: dict[str | None, dict[str, Any]] = {
    "stable": {"marker": "o", "ms": 5.5, "color": OKABE_ITO[4]},
    "unstable": {"marker": "o", "ms": 5.5, "color": OKABE_ITO[5], "mfc": "white", "mew": 1.5},
    "semi-stable": {
        "marker": "o",
        "ms": 6.5,
        "color": "0.3",
        "fillstyle": "left",
        "markerfacecoloralt": "white",
        "mew": 1.2,
    },
    "neutral": {"marker": "D", "ms": 5, "color": "0.45", "mfc": "white", "mew": 1.2},
    None: {"marker": "o", "ms": 5, "color": "0.45"},
}
_MARKER_LABELS = {
    "semi-stable": "semi-stable (fold point)",
    "neutral": "neutral symmetric equilibrium",
    "unknown": "symmetric equilibrium (stability not computed)",
}


def _mark(ax: Any, x: np.ndarray, y: np.ndarray, kind: str | None) -> None:
    """Filled markers for stable points, hollow for unstable, half filled for semi-stable
    ones (a fold point hit exactly by the grid), grey where stability is neutral or
    unknown."""
    ax.plot(x, y, linestyle="none", zorder=3, **_MARKERS.get(kind, _MARKERS[None]))


def _stability_handles(
    present: set[str], counts: bool, degenerate: bool, marked: bool, label: str
) -> list:
    from matplotlib.lines import Line2D

    handles = []
    for kind in ("stable", "unstable"):
        if kind in present:
            style = _MARKERS[kind] if marked else {}
            handles.append(
                Line2D(
                    [],
                    [],
                    label=f"{kind} symmetric equilibrium",
                    **{**style, **_STABILITY_STYLE[kind]},
                )
            )
    for kind in ("semi-stable", "neutral", "unknown"):
        if kind in present:
            style = _MARKERS[None if kind == "unknown" else kind]
            line = (
                {"linestyle": ":", "linewidth": 1.5}
                if kind == "unknown" and "other" in present
                else {"linestyle": "none"}
            )
            handles.append(Line2D([], [], label=_MARKER_LABELS[kind], **{**style, **line}))
    if degenerate:
        handles.append(
            Line2D([], [], color="0.45", linestyle=":", label="every mix an equilibrium")
        )
    if counts:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="s",
                ms=4,
                color="0.65",
                label=f"asymmetric count equilibrium (share of {label}s)",
            )
        )
    return handles


def plot_best_responses(
    game: Any,
    *,
    ax: Any = None,
    annotate: bool = True,
    dpi: float | None = None,
    **values: Any,
) -> Any:
    r"""Best-response diagram of a 2x2 game; the intersections are the Nash equilibria.

    Parameters
    ----------
    game : NormalFormGame or ParametricGame
        A 2x2 game (a parametric game is evaluated at ``**values`` and its defaults).
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.
    annotate : bool, default True
        Mark and label the equilibria.
    **values
        Parameter values for a parametric game.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If the game is not 2x2.

    Notes
    -----
    With :math:`q` the probability that the column player plays her first strategy, the row
    player's best reply is her first strategy when
    :math:`q a_{11} + (1-q) a_{12} > q a_{21} + (1-q) a_{22}` (and any mixture at equality);
    symmetrically for :math:`p`. Equilibria are the points where the two correspondences
    cross.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> ax = plot_best_responses(stag)
    >>> len(ax.collections[0].get_offsets())   # three equilibria marked
    3
    """
    import warnings

    from deterrence.exceptions import DegenerateGameWarning
    from deterrence.games.parametric import ParametricGame
    from deterrence.solvers.api import solve

    if isinstance(game, ParametricGame):
        game = game.at(**values)
    if getattr(game, "num_strategies", None) != (2, 2):
        raise InvalidGameError(
            "plot_best_responses needs a 2x2 game, got "
            f"{getattr(game, 'num_strategies', type(game).__name__)}"
        )
    ax = _axes(ax, dpi)
    a, b = game.float_payoffs
    grid = np.linspace(0, 1, 401)
    row_gain = grid * (a[0, 0] - a[1, 0]) + (1 - grid) * (a[0, 1] - a[1, 1])  # by q
    column_gain = grid * (b[0, 0] - b[0, 1]) + (1 - grid) * (b[1, 0] - b[1, 1])  # by p
    row_best = _step(grid, row_gain)
    column_best = _step(grid, column_gain)
    ax.plot(
        row_best[0],
        row_best[1],
        color=OKABE_ITO[4],
        linewidth=2.5,
        label=f"{game.players[0]}'s best reply",
    )
    ax.plot(
        column_best[1],
        column_best[0],
        color=OKABE_ITO[5],
        linewidth=2.5,
        linestyle="--",
        label=f"{game.players[1]}'s best reply",
    )
    if annotate:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            result = solve(game)
        points = np.array(
            [[float(eq.strategies[1][0]), float(eq.strategies[0][0])] for eq in result]
        )
        ax.scatter(points[:, 0], points[:, 1], s=60, color="black", zorder=5)
        for eq, (x, y) in zip(result, points):
            ax.annotate(
                eq.outcome,
                (x, y),
                xytext=(6, -12 if y > 0.5 else 6),
                textcoords="offset points",
                fontsize="small",
            )
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"P({game.players[1]} plays {game.strategies[1][0]})")
    ax.set_ylabel(f"P({game.players[0]} plays {game.strategies[0][0]})")
    ax.set_aspect("equal")
    ax.legend(
        fontsize="small", frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2
    )
    ax.set_title(game.title or "Best responses")
    return ax


def _step(grid: np.ndarray, gain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Best reply correspondence as a polyline: 1 where gain > 0, 0 where < 0, vertical at 0."""
    reply = np.where(gain > 0, 1.0, np.where(gain < 0, 0.0, np.nan))
    xs, ys = [], []
    for k, (x, y) in enumerate(zip(grid, reply)):
        if np.isnan(y):
            xs += [x, x]
            ys += [0.0, 1.0]
            continue
        if k and not np.isnan(reply[k - 1]) and reply[k - 1] != y:
            # sign change between grid points: vertical segment at the exact crossing
            crossing = grid[k - 1] + (grid[k] - grid[k - 1]) * gain[k - 1] / (gain[k - 1] - gain[k])
            xs += [crossing, crossing]
            ys += [reply[k - 1], y]
        xs.append(x)
        ys.append(y)
    if np.all(gain == 0):
        return np.array([0.0, 1.0, 1.0, 0.0, 0.0]), np.array([0.0, 0.0, 1.0, 1.0, 0.0])
    return np.array(xs), np.array(ys)


# ---------------------------------------------------------------------- evolution, tournaments
def _symmetric_matrix(game: Any) -> tuple[np.ndarray, tuple[str, ...]]:
    """Row player's payoff matrix (float) and strategy labels of a symmetric game or matrix."""
    from deterrence.games.normal_form import NormalFormGame

    if isinstance(game, NormalFormGame):
        if game.num_players != 2:
            raise InvalidGameError(
                f"replicator plots need a two-player (symmetric) game; got {game.num_players} "
                "players"
            )
        return np.asarray(game.float_payoffs[0], dtype=float), game.strategies[0]
    matrix = np.asarray(game, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise InvalidGameError(f"expected a square payoff matrix, got shape {matrix.shape}")
    return matrix, tuple(f"s{k + 1}" for k in range(matrix.shape[0]))


def _simplex_xy(shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Barycentric (three shares) to the plane: corners (0, 0), (1, 0), (1/2, sqrt(3)/2)."""
    shares = np.atleast_2d(shares)
    x = shares[:, 1] + shares[:, 2] / 2
    y = shares[:, 2] * np.sqrt(3) / 2
    return x, y


def plot_replicator_simplex(
    game: Any,
    *,
    starts: Any = None,
    ax: Any = None,
    time: float = 30.0,
    steps: int = 300,
    density: int = 14,
    rest_points: bool = True,
    dpi: float | None = None,
) -> Any:
    """Replicator-dynamics flow of a symmetric game: the simplex (3 strategies) or a line (2).

    Parameters
    ----------
    game : NormalFormGame or array_like
        A symmetric two-player game (the row player's payoffs are used) or a square matrix.
    starts : sequence of share vectors, optional
        Initial populations whose trajectories are drawn (default: a few spread points).
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.
    time, steps : float, int
        Length and resolution of each trajectory (:func:`~deterrence.solvers.replicator_dynamics`).
    density : int
        Arrows per side of the simplex (3 strategies) or along the line (2).
    rest_points : bool
        Mark rest points: filled when stable, open when unstable.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        For games that are not two-player with 2 or 3 strategies.

    Examples
    --------
    >>> rock_paper_scissors = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> ax = plot_replicator_simplex(rock_paper_scissors, starts=[[0.5, 0.3, 0.2]])
    >>> len(ax.lines) >= 1
    True
    """
    from deterrence.solvers.evolutionary import replicator_dynamics, replicator_rest_points

    matrix, labels = _symmetric_matrix(game)
    size = matrix.shape[0]
    if size not in (2, 3):
        raise InvalidGameError(f"replicator plots show 2 or 3 strategies; this game has {size}")
    ax = _axes(ax, dpi)

    def velocity(shares: np.ndarray) -> np.ndarray:
        fitness = shares @ matrix.T
        mean = np.sum(fitness * shares, axis=-1, keepdims=True)
        return shares * (fitness - mean)

    if starts is None:
        starts = (
            [[0.1, 0.9], [0.5, 0.5], [0.9, 0.1]]
            if size == 2
            else [[0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6], [1 / 3, 1 / 3, 1 / 3]]
        )
    rest = (
        replicator_rest_points(matrix.tolist() if not hasattr(game, "payoffs") else game)
        if rest_points
        else []
    )
    if size == 2:
        x = np.linspace(0, 1, 201)
        flow = velocity(np.column_stack([x, 1 - x]))[:, 0]
        ax.plot(x, flow, color=OKABE_ITO[4])
        ax.axhline(0, color="black", linewidth=0.8)
        arrows = np.linspace(0.05, 0.95, density)
        direction = np.sign(velocity(np.column_stack([arrows, 1 - arrows]))[:, 0])
        ax.quiver(
            arrows,
            np.zeros_like(arrows),
            direction,
            np.zeros_like(arrows),
            angles="xy",
            scale_units="xy",
            scale=1 / 0.04,
            width=0.004,
            color="0.3",
        )
        for point in rest:
            share = float(point.shares[0])
            stable = point.stability == "stable"
            ax.plot(
                share, 0, "o", ms=8, color="black", mfc="black" if stable else "white", zorder=3
            )
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"share playing {labels[0]}")
        ax.set_ylabel("growth rate of that share")
        return ax
    corners = np.array([[0, 0], [1, 0], [0.5, np.sqrt(3) / 2]])
    ax.fill(corners[:, 0], corners[:, 1], facecolor="none", edgecolor="black", linewidth=1)
    for corner, label, offset in zip(corners, labels, [(-0.04, -0.05), (0.04, -0.05), (0, 0.04)]):
        ax.text(
            corner[0] + offset[0],
            corner[1] + offset[1],
            label,
            ha="center",
            va="center",
            fontsize="small",
        )
    points = []
    for i in range(density + 1):
        for j in range(density + 1 - i):
            k = density - i - j
            points.append((i, j, k))
    shares = np.array(points, dtype=float) / density
    inner = shares[(shares > 0.02).all(axis=1)] if len(shares) else shares
    move = velocity(inner)
    x0, y0 = _simplex_xy(inner)
    x1, y1 = _simplex_xy(inner + move)
    dx, dy = x1 - x0, y1 - y0
    norm = np.hypot(dx, dy)
    norm[norm == 0] = 1
    ax.quiver(
        x0,
        y0,
        dx / norm,
        dy / norm,
        np.log1p(norm),
        cmap="cividis",
        angles="xy",
        scale_units="xy",
        scale=1 / 0.035,
        width=0.004,
    )
    for index, start in enumerate(starts):
        path = replicator_dynamics(matrix.tolist(), start, time=time, steps=steps)
        px, py = _simplex_xy(np.asarray(path.shares, dtype=float))
        ax.plot(px, py, color=_colour(index), linewidth=1.5)
        ax.plot(px[:1], py[:1], "o", ms=3, color=_colour(index))
    for point in rest:
        px, py = _simplex_xy(np.array([[float(v) for v in point.shares]]))
        stable = point.stability == "stable"
        ax.plot(px, py, "o", ms=8, color="black", mfc="black" if stable else "white", zorder=3)
    ax.set_aspect("equal")
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.08, np.sqrt(3) / 2 + 0.08)
    ax.axis("off")
    return ax


def plot_tournament(
    results: Any, *, ax: Any = None, matrix: bool = False, dpi: float | None = None
) -> Any:
    """Tournament results: a ranking of mean payoffs, or the head-to-head payoff matrix.

    Parameters
    ----------
    results : pandas.DataFrame
        The output of :func:`deterrence.analysis.tournament.round_robin`.
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.
    matrix : bool, default False
        Draw the matrix of mean per-period payoffs (row strategy against column strategy)
        instead of the ranking.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If ``results`` lacks the round-robin columns.

    Examples
    --------
    >>> from deterrence.analysis.tournament import round_robin
    >>> from deterrence.games.automata import ALLC, ALLD, TFT
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> results = round_robin([ALLC, ALLD, TFT], prisoners_dilemma(), turns=20,
    ...                       repetitions=2, rng=0, progress=False)
    >>> [t.get_text() for t in plot_tournament(results).get_yticklabels()]  # bottom to top
    ['ALLC', 'TFT', 'ALLD']
    """
    needed = {"mean_payoff", "cooperation_rate"}
    if not hasattr(results, "columns") or not needed <= set(results.columns):
        raise InvalidGameError(
            "plot_tournament needs the DataFrame returned by round_robin (columns "
            "mean_payoff, cooperation_rate, ...)"
        )
    ax = _axes(ax, dpi)
    if matrix:
        payoffs = np.asarray(results.attrs.get("payoff_matrix"), dtype=float)
        names = list(results.attrs.get("strategies", results.index))
        if payoffs.ndim != 2:
            raise InvalidGameError("these results carry no payoff matrix (attrs lost?)")
        image = ax.imshow(payoffs, cmap="cividis")
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
        ax.set_yticks(range(len(names)), names)
        for i in range(len(names)):
            for j in range(len(names)):
                value = payoffs[i, j]
                ax.text(
                    j,
                    i,
                    f"{value:.2f}",
                    ha="center",
                    va="center",
                    fontsize="x-small",
                    color="white" if value < payoffs.mean() else "black",
                )
        ax.figure.colorbar(image, ax=ax, label="mean payoff per period (row player)")
        ax.set_xlabel("opponent")
        ax.set_title("Head-to-head payoffs")
        return ax
    ordered = results.sort_values("mean_payoff")
    positions = np.arange(len(ordered))
    errors = ordered["std_payoff"] if "std_payoff" in ordered else None
    ax.barh(
        positions, ordered["mean_payoff"], xerr=errors, color=OKABE_ITO[4], alpha=0.85, capsize=3
    )
    for y, (value, rate) in enumerate(zip(ordered["mean_payoff"], ordered["cooperation_rate"])):
        ax.text(value, y, f"  cooperates {rate:.0%}", va="center", fontsize="x-small")
    ax.set_yticks(positions, [str(name) for name in ordered.index])
    ax.set_xlabel("mean payoff per period")
    ax.set_title("Tournament ranking")
    ax.margins(x=0.25)
    return ax


# ---------------------------------------------------------------------- robustness (issue 14)
def plot_outcome_probabilities(result: Any, *, ax: Any = None, dpi: float | None = None) -> Any:
    """Horizontal bars of each outcome's probability with its confidence interval.

    Parameters
    ----------
    result : RobustnessResult
        From :func:`deterrence.robustness`.
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.robustness("denial", {"credibility": "uniform:0.4:0.9"}, rng=0,
    ...                        progress=False, samples=64, sensitivity_samples=None)
    >>> plot_outcome_probabilities(result).get_xlabel()
    'probability (exact where marked; else 95% QMC interval)'
    """
    ax = _axes(ax, dpi)
    frame = result.probabilities
    values = np.array([float(v) for v in frame["probability"]])
    low = np.asarray(frame["estimate_low"], dtype=float)
    high = np.asarray(frame["estimate_high"], dtype=float)
    exact = frame["method"].str.startswith("exact").to_numpy()
    centre = np.where(exact, values, np.asarray(frame["estimate"], dtype=float))
    errors = np.vstack([np.clip(centre - low, 0, None), np.clip(high - centre, 0, None)])
    positions = np.arange(len(frame))[::-1]
    colours = outcome_colours(list(frame["outcome"]))
    ax.barh(positions, values, color=[colours[o] for o in frame["outcome"]], alpha=0.85)
    ax.errorbar(centre, positions, xerr=errors, fmt="none", ecolor="black", capsize=3)
    for y, value, is_exact in zip(positions, values, exact):
        ax.text(
            value,
            y,
            f"  {value:.3f}{' (exact)' if is_exact else ''}",
            va="center",
            fontsize="x-small",
        )
    ax.set_yticks(positions, [textwrap.fill(str(o), 28) for o in frame["outcome"]])
    ax.set_xlim(0, 1.15)
    ax.set_xlabel(f"probability (exact where marked; else {result.confidence:.0%} QMC interval)")
    ax.set_title("Outcome probabilities")
    return ax


def plot_sensitivity(result: Any, *, ax: Any = None, dpi: float | None = None) -> Any:
    """Tornado of Sobol' indices: total (light) and first-order (dark) bars per parameter,
    largest total on top, with bootstrap half-widths.

    Parameters
    ----------
    result : RobustnessResult
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        If the result has no sensitivity indices (``sensitivity_samples=None``).

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.robustness("denial", {"credibility": "uniform:0.4:0.9",
    ...                        "coverage": "beta:8:2"}, rng=0, progress=False, samples=64,
    ...                        sensitivity_samples=64)
    >>> plot_sensitivity(result).get_title()
    "Sobol' indices of coercion deterred"
    """
    frame = result.sensitivity
    if not len(frame):
        raise InvalidGameError("this result has no Sobol' indices (sensitivity_samples=None)")
    ax = _axes(ax, dpi)
    ordered = frame.sort_values("total", na_position="first")
    positions = np.arange(len(ordered))
    ax.barh(
        positions,
        ordered["total"],
        xerr=ordered["total_conf"],
        color=OKABE_ITO[1],
        alpha=0.6,
        capsize=3,
        label="total",
    )
    ax.barh(
        positions,
        ordered["first_order"],
        xerr=ordered["first_order_conf"],
        height=0.4,
        color=OKABE_ITO[4],
        capsize=3,
        label="first order",
    )
    ax.set_yticks(positions, list(ordered["parameter"]))
    ax.set_xlabel("share of the variance")
    ax.set_title(f"Sobol' indices of {result.target}")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_scenario_boxes(
    result: Any,
    parameters: Any = None,
    *,
    regime_map: Any = None,
    ax: Any = None,
    dpi: float | None = None,
) -> Any:
    """The draws in two uncertain parameters, coloured by whether the target outcome holds,
    with the discovered boxes drawn over them (and over a 2-D regime map if given).

    Parameters
    ----------
    result : RobustnessResult
    parameters : pair of str, optional
        The axes (default: the first two uncertain parameters; with one, the draws are
        shown against their rank).
    regime_map : RegimeMap, optional
        A 2-D map of the same parameters from :func:`deterrence.regimes`, drawn underneath.
    ax : matplotlib.axes.Axes, optional
    dpi : float, optional
        Resolution of the figure (a new one, or ``ax``'s) in dots per inch, which
        ``savefig`` also uses unless given its own; matplotlib's default when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        Unknown parameters.

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.robustness("denial", {"credibility": "uniform:0.6:1",
    ...                        "information_sharing": "uniform:0.7:1"}, rng=0,
    ...                        progress=False, samples=256, sensitivity_samples=None)
    >>> plot_scenario_boxes(result).get_xlabel()
    'credibility'
    """
    from matplotlib.patches import Rectangle

    names = list(parameters) if parameters is not None else list(result.parameters[:2])
    unknown = [n for n in names if n not in result.parameters]
    if unknown or not 1 <= len(names) <= 2:
        raise InvalidGameError(
            f"plot_scenario_boxes needs one or two of the uncertain parameters "
            f"{list(result.parameters)}; got {names}"
        )
    if regime_map is not None:
        ax = plot_regimes(regime_map, ax=ax, legend=False, label_thresholds=False, dpi=dpi)
    ax = _axes(ax, dpi)
    draws = result.draws.head(5000)
    holds = draws["target"].to_numpy(dtype=float) > 0.5
    x = draws[names[0]].to_numpy(dtype=float)
    y = draws[names[1]].to_numpy(dtype=float) if len(names) == 2 else np.linspace(0, 1, len(draws))
    ax.scatter(x[~holds], y[~holds], s=4, color="0.6", alpha=0.5, label="otherwise")
    ax.scatter(x[holds], y[holds], s=4, color=OKABE_ITO[2], alpha=0.8, label=result.target)
    x_range = (np.nanmin(x), np.nanmax(x))
    y_range = (np.nanmin(y), np.nanmax(y))
    for k, box in enumerate(result.boxes):
        x_low, x_high = box.limits.get(names[0], (None, None))
        if len(names) == 2:
            y_low, y_high = box.limits.get(names[1], (None, None))
        else:
            y_low, y_high = None, None
        left = x_range[0] if x_low is None else x_low
        right = x_range[1] if x_high is None else x_high
        bottom = y_range[0] if y_low is None else y_low
        top = y_range[1] if y_high is None else y_high
        ax.add_patch(
            Rectangle(
                (left, bottom),
                right - left,
                top - bottom,
                fill=False,
                edgecolor=OKABE_ITO[5],
                linewidth=2,
                label=f"box {k + 1}: {box.density:.0%} dense, {box.coverage:.0%} coverage",
            )
        )
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1] if len(names) == 2 else "draw (rank)")
    ax.set_title(f"Where {result.target} holds")
    ax.legend(loc="best", fontsize="x-small")
    return ax


def plot_robustness(result: Any, *, dpi: float | None = None) -> Any:
    """One figure: outcome probabilities, the Sobol' tornado (when computed) and the
    discovered boxes (what ``deterrence robustness --plot`` saves).

    Parameters
    ----------
    result : RobustnessResult
    dpi : float, optional
        Resolution of the figure in dots per inch (``savefig`` uses it too).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.robustness("denial", {"credibility": "uniform:0.4:0.9"}, rng=0,
    ...                        progress=False, samples=64, sensitivity_samples=None)
    >>> figure = plot_robustness(result, dpi=200)
    >>> len(figure.axes), figure.dpi
    (2, 200.0)
    """
    plt = _pyplot()
    panels = 2 + bool(len(result.sensitivity))
    figure, axes = plt.subplots(
        1, panels, figsize=(5.2 * panels, 4.2), layout="constrained", dpi=_dpi(dpi)
    )
    plot_outcome_probabilities(result, ax=axes[0])
    if len(result.sensitivity):
        plot_sensitivity(result, ax=axes[1])
    plot_scenario_boxes(result, ax=axes[-1])
    return figure
