r"""One analysis of a model or a game: equilibria, thresholds, regimes, in the analyst's words.

:func:`analyze` answers the question this toolkit exists for -- does this threat deter, and
what would change the answer -- with one solution concept throughout (the game's own by
default: Nash equilibria for strategic forms, subgame-perfect equilibria for trees, so that
only credible threats deter; count and symmetric equilibria for anonymous games). It
collects, at one parameter point and along one parameter:

* the equilibria at the point, each in the model's words (:class:`~deterrence.games.Outcomes`)
  beside its raw profile;
* the thresholds in words and the regime map (:func:`~deterrence.analysis.regimes`) of the
  parameter over an interval, and, where the model names classic games, which game each
  regime is;
* for trees, where each first move is played in every subgame-perfect equilibrium
  (:func:`~deterrence.analysis.credibility`);
* what the model assumes (each parameter's value and meaning), its key result, and the
  size of the game.

The :class:`AnalysisReport` renders as text (:meth:`~AnalysisReport.to_text`, what
``deterrence analyze`` prints), a JSON-ready dict (:meth:`~AnalysisReport.to_json`, which
:meth:`~AnalysisReport.from_json` reads back), HTML for Jupyter and a figure
(:meth:`~AnalysisReport.plot`, the regime map). Every section comes from the same engine
(:mod:`deterrence.analysis`), so the text and the figure cannot disagree.

This module sits in the interface layer: it accepts models (:mod:`deterrence.models`) as well
as games.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from deterrence.exceptions import DeterrenceError, InvalidGameError, unknown_names
from deterrence.games.outcomes import plural

__all__ = ["AnalysisReport", "analyze", "model_card_html", "number_text", "region_text"]

#: Version of the :meth:`AnalysisReport.to_json` layout.
JSON_VERSION = 1


# ---------------------------------------------------------------------- small helpers
def number_text(value: Any, digits: int = 4) -> str:
    """A number as text: fractions exactly (``2/3``, ``5``), floats to ``digits`` digits.

    Examples
    --------
    >>> number_text(Fraction(147, 50)), number_text(Fraction(6)), number_text(0.38042684)
    ('147/50', '6', '0.3804')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(number):
        return "inf" if number > 0 else "-inf" if number < 0 else "nan"
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.{digits}g}"


def _json_number(value: Any) -> Any:
    """A number for JSON: ints stay ints, the rest floats (``None`` for non-finite)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None


def region_text(region: Any) -> str:
    """A sympy set of parameter values as text: ``(147/50, inf)``, ``[0, 2] U {3}``.

    Examples
    --------
    >>> import sympy
    >>> region_text(sympy.Interval.Lopen(sympy.Rational(147, 50), sympy.oo))
    '(147/50, inf)'
    >>> region_text(sympy.EmptySet)
    'the empty set'
    """
    import sympy

    def one(part: Any) -> str:
        if isinstance(part, sympy.Interval):
            left = "(" if part.left_open or part.start == -sympy.oo else "["
            right = ")" if part.right_open or part.end == sympy.oo else "]"
            ends = [
                "-inf" if e == -sympy.oo else "inf" if e == sympy.oo else str(e)
                for e in (part.start, part.end)
            ]
            return f"{left}{ends[0]}, {ends[1]}{right}"
        if isinstance(part, sympy.FiniteSet):
            return "{" + ", ".join(str(x) for x in part) + "}"
        return str(part)

    if region == sympy.EmptySet:
        return "the empty set"
    parts = region.args if isinstance(region, sympy.Union) else (region,)
    return " U ".join(one(part) for part in parts)


def _values_text(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={number_text(v)}" for k, v in values.items())


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _singular(title: str) -> str:
    """``"Nash equilibria"`` -> ``"Nash equilibrium"``."""
    return title[: -len("equilibria")] + "equilibrium" if title.endswith("equilibria") else title


# ---------------------------------------------------------------------- the report
@dataclasses.dataclass(frozen=True, eq=False)
class AnalysisReport:
    """What :func:`analyze` found: equilibria at a point, thresholds and regimes along a
    parameter, credible first moves, the model's assumptions; as text, JSON, HTML, a figure.

    Attributes
    ----------
    title : str
        The game's title (or the model's name).
    source : str
        The model's name, or the game's title.
    game_kind : str
        The class of the analysed game (``"ParametricGame"``, ``"ExtensiveFormGame"``, ...).
    concept : str
        The solution concept used (``"nash"``, ``"subgame_perfect"``, ``"anonymous"``, ...).
    concept_title : str
        Its name in reports (``"subgame-perfect equilibria"``).
    method : str
        Which equilibria were sought (``"auto"``: all; ``"pure"``: pure only).
    values : dict
        The parameter point (exact numbers where given exactly).
    structural : dict
        Values of the model's structural parameters (sizes), if any.
    equilibria : tuple of dict
        One record per equilibrium at the point: ``outcome`` (the model's words, else the
        profile), ``profile`` (the raw label), ``strategies`` (``{player: {strategy:
        probability}}``), ``payoffs`` (``{player: value}``), ``is_pure``, plus what the
        concept adds (``stability`` of anonymous symmetric equilibria, ...).
    parameter : str or None
        The parameter varied for thresholds and regimes.
    interval : tuple or None
        ``(low, high)`` of ``parameter``.
    thresholds : tuple of dict
        ``parameter``, ``value`` (float), ``value_exact`` (text), ``expression``,
        ``description`` (in words), ``below``, ``above`` (the equilibria either side).
    regimes : tuple of dict
        ``low``, ``high`` (text), ``label`` (the outcomes in words), ``outcomes``,
        ``equilibria`` (raw profiles), ``game_type`` (the model's classifier, if any).
    credible_moves : tuple of dict
        Trees: ``player``, ``action`` and ``region`` (text) where the first move is played
        in every subgame-perfect equilibrium.
    game_type : str or None
        What classic game the model is at the point (models with a classifier).
    outcome_labels : tuple of str
        The model's outcome words in palette order (empty when none are declared).
    assumptions : tuple of str
        Each parameter at its value, with its meaning.
    key_result, story, essay_argument : str
        From the model ("" for a bare game).
    references : tuple of str
    size : dict
        Structural sizes: players, strategies, nodes, ...
    notes : tuple of str
        Caveats (pure equilibria only, sections that could not be computed).
    sections : tuple of (str, tuple of str)
        What the model adds at the point, as ``(heading, lines)`` (a network model's cut
        effects; :meth:`deterrence.models.Model.report_sections`).

    See Also
    --------
    analyze : builds the report.

    Examples
    --------
    >>> import deterrence as dt
    >>> report = dt.analyze("punishment", values={"credibility": "1/2"})
    >>> report.concept, [eq["outcome"] for eq in report.equilibria]
    ('subgame_perfect', ['challenger deterred'])
    >>> AnalysisReport.from_json(report.to_json()).to_json() == report.to_json()
    True
    """

    title: str
    source: str
    game_kind: str
    concept: str
    concept_title: str
    method: str
    values: Mapping[str, Any]
    structural: Mapping[str, Any]
    equilibria: tuple[Mapping[str, Any], ...]
    parameter: str | None = None
    interval: tuple[Any, Any] | None = None
    thresholds: tuple[Mapping[str, Any], ...] = ()
    regimes: tuple[Mapping[str, Any], ...] = ()
    credible_moves: tuple[Mapping[str, Any], ...] = ()
    game_type: str | None = None
    outcome_labels: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    key_result: str = ""
    story: str = ""
    essay_argument: str = ""
    references: tuple[str, ...] = ()
    size: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    notes: tuple[str, ...] = ()
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The live regime map (for :meth:`plot`); not part of the JSON.
    regime_map: Any = dataclasses.field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ text
    def to_text(self) -> str:
        """The report as plain text (what ``deterrence analyze`` prints).

        Examples
        --------
        >>> import deterrence as dt
        >>> print(dt.analyze("denial").to_text().splitlines()[0])
        deterrence by denial
        """
        lines = [self.title]
        if self.story:
            lines.append(f"  {self.story}")
        size = _size_text(self.size, self.structural)
        if size:
            lines.append(size)
        lines.append(
            f"Solution concept: {self.concept_title}"
            + (" (pure equilibria only)" if self.method == "pure" else "")
        )
        if self.values:
            lines.append(f"At {_values_text(self.values)}:")
        count = len(self.equilibria)
        lines.append(f"{count} {self._noun()}" + (":" if count else "."))
        for k, eq in enumerate(self.equilibria, start=1):
            lines.extend(_equilibrium_lines(k, eq))
        if self.game_type:
            lines.append(f"The game here is a {self.game_type}.")
        for note in self.notes:
            lines.append(f"note: {note}")
        if self.credible_moves:
            lines.append("")
            mover = self.credible_moves[0]["player"]
            lines.append(
                f"Subgame-perfect first move of the {mover} as {self.parameter} varies "
                "(others fixed):"
            )
            for move in self.credible_moves:
                lines.append(
                    f"  - {move['action']} in every subgame-perfect equilibrium for "
                    f"{self.parameter} in {move['region']}"
                )
        if self.parameter is not None:
            lines.append("")
            where = ""
            if self.interval is not None:
                where = f" over [{number_text(self.interval[0])}, {number_text(self.interval[1])}]"
            if self.thresholds:
                lines.append(f"Thresholds in {self.parameter}{where}:")
                for t in self.thresholds:
                    lines.append(f"  - {t['description']}")
            else:
                lines.append(
                    f"Thresholds in {self.parameter}{where}: none, the "
                    f"{self.concept_title} do not change with it"
                )
            if self.regimes:
                lines.append(f"Regimes of {self.parameter}:")
                for r in self.regimes:
                    kind = f" [{r['game_type']}]" if r.get("game_type") else ""
                    lines.append(f"  - {r['interval']}: {r['label']}{kind}")
        for heading, entries in self.sections:
            lines.extend(["", f"{heading}:", *(f"  - {entry}" for entry in entries)])
        if self.assumptions:
            lines.append("")
            lines.append("Assumptions (parameter values and meaning):")
            lines.extend(f"  - {a}" for a in self.assumptions)
        if self.key_result:
            lines.append("")
            lines.append(f"Key result: {self.key_result}")
        return "\n".join(lines)

    def _noun(self) -> str:
        """The concept's equilibria, singular for one."""
        return _singular(self.concept_title) if len(self.equilibria) == 1 else (self.concept_title)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return (
            f"<AnalysisReport {self.source!r}: {len(self.equilibria)} {self._noun()}"
            f", {len(self.thresholds)} thresholds in {self.parameter}>"
        )

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (numbers as floats, exact values as text).

        Returns
        -------
        dict
            Read back by :meth:`from_json`.

        Examples
        --------
        >>> import json, deterrence as dt
        >>> data = dt.analyze("denial").to_json()
        >>> data["concept"], data["thresholds"][-1]["value_exact"]
        ('nash', '70/81')
        >>> _ = json.dumps(data)
        """
        data = {
            "version": JSON_VERSION,
            "title": self.title,
            "source": self.source,
            "game_kind": self.game_kind,
            "concept": self.concept,
            "concept_title": self.concept_title,
            "method": self.method,
            "parameters": {k: _json_number(v) for k, v in self.values.items()},
            "parameters_exact": {k: number_text(v) for k, v in self.values.items()},
            "structural": {k: _json_number(v) for k, v in self.structural.items()},
            "equilibria": [dict(eq) for eq in self.equilibria],
            "key_parameter": self.parameter,
            "interval": None if self.interval is None else [number_text(v) for v in self.interval],
            "thresholds": [dict(t) for t in self.thresholds],
            "regimes": [dict(r) for r in self.regimes],
            "credible_moves": [dict(m) for m in self.credible_moves],
            "game_type": self.game_type,
            "outcome_labels": list(self.outcome_labels),
            "assumptions": list(self.assumptions),
            "key_result": self.key_result,
            "story": self.story,
            "essay_argument": self.essay_argument,
            "references": list(self.references),
            "size": dict(self.size),
            "notes": list(self.notes),
            "sections": [{"heading": h, "lines": list(entries)} for h, entries in self.sections],
        }
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AnalysisReport:
        """Rebuild a report from :meth:`to_json` output (without the live regime map).

        Raises
        ------
        InvalidGameError
            If ``data`` lacks a field or comes from another layout version.

        Examples
        --------
        >>> import deterrence as dt
        >>> data = dt.analyze("prisoners_dilemma").to_json()
        >>> AnalysisReport.from_json(data).to_text() == dt.analyze("prisoners_dilemma").to_text()
        True
        """
        if data.get("version") != JSON_VERSION:
            raise InvalidGameError(
                f"analysis report data has version {data.get('version')!r}; expected {JSON_VERSION}"
            )
        try:
            exact = data["parameters_exact"]
            interval = data["interval"]
            return cls(
                title=data["title"],
                source=data["source"],
                game_kind=data["game_kind"],
                concept=data["concept"],
                concept_title=data["concept_title"],
                method=data["method"],
                values={k: _parse_number(v) for k, v in exact.items()},
                structural=dict(data["structural"]),
                equilibria=tuple(data["equilibria"]),
                parameter=data["key_parameter"],
                interval=None if interval is None else tuple(_parse_number(v) for v in interval),
                thresholds=tuple(data["thresholds"]),
                regimes=tuple(data["regimes"]),
                credible_moves=tuple(data["credible_moves"]),
                game_type=data["game_type"],
                outcome_labels=tuple(data["outcome_labels"]),
                assumptions=tuple(data["assumptions"]),
                key_result=data["key_result"],
                story=data["story"],
                essay_argument=data["essay_argument"],
                references=tuple(data["references"]),
                size=dict(data["size"]),
                notes=tuple(data["notes"]),
                sections=tuple((s["heading"], tuple(s["lines"])) for s in data.get("sections", ())),
            )
        except KeyError as exc:
            raise InvalidGameError(f"analysis report data lacks the field {exc}") from None

    # ------------------------------------------------------------------ HTML
    def _repr_html_(self) -> str:
        """The report as HTML (Jupyter; tables rendered by :mod:`deterrence.display`)."""
        import pandas as pd

        from deterrence.display import frame_to_html

        parts = [f"<div><h4 style='margin:0'>{_escape(self.title)}</h4>"]
        if self.story:
            parts.append(f"<p style='margin:2px 0'>{_escape(self.story)}</p>")
        where = f" at {_values_text(self.values)}" if self.values else ""
        equilibria = pd.DataFrame(
            [
                {"outcome": eq["outcome"], "profile": eq["profile"], "payoffs": _payoff_text(eq)}
                for eq in self.equilibria
            ],
            columns=["outcome", "profile", "payoffs"],
        )
        parts.append(
            frame_to_html(equilibria, caption=f"{len(self.equilibria)} {self._noun()}{where}")
        )
        if self.game_type:
            parts.append(f"<p>The game here is a {_escape(self.game_type)}.</p>")
        if self.credible_moves:
            items = "".join(
                f"<li>{_escape(m['action'])} for {_escape(self.parameter)} in "
                f"{_escape(m['region'])}</li>"
                for m in self.credible_moves
            )
            parts.append(
                f"<p style='margin:4px 0'><b>Subgame-perfect first move</b></p><ul>{items}</ul>"
            )
        if self.thresholds:
            items = "".join(f"<li>{_escape(t['description'])}</li>" for t in self.thresholds)
            parts.append(
                f"<p style='margin:4px 0'><b>Thresholds in "
                f"{_escape(self.parameter)}</b></p><ul>{items}</ul>"
            )
        if self.regimes:
            regimes = pd.DataFrame(
                [
                    {
                        self.parameter: r["interval"],
                        "outcomes": r["label"],
                        **({"game": r["game_type"]} if r.get("game_type") else {}),
                    }
                    for r in self.regimes
                ]
            )
            parts.append(frame_to_html(regimes, caption=f"Regimes of {self.parameter}"))
        for heading, entries in self.sections:
            listed = "".join(f"<li>{_escape(entry)}</li>" for entry in entries)
            parts.append(f"<p style='margin:4px 0'><b>{_escape(heading)}</b></p><ul>{listed}</ul>")
        if self.key_result:
            parts.append(f"<p><b>Key result:</b> {_escape(self.key_result)}</p>")
        for note in self.notes:
            parts.append(f"<p style='color:#666'>note: {_escape(note)}</p>")
        parts.append("</div>")
        return "".join(parts)

    # ------------------------------------------------------------------ figure
    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw the regime map (outcome words, the model's fixed colours).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        **kwargs
            Passed to :func:`deterrence.plotting.plot_regimes`.

        Returns
        -------
        matplotlib.axes.Axes

        Raises
        ------
        InvalidGameError
            If the report has no regime map (no parameter to vary, or rebuilt from JSON).

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import deterrence as dt
        >>> ax = dt.analyze("denial").plot()
        >>> "coercion deterred" in [t.get_text() for t in ax.get_legend().get_texts()]
        True
        """
        if self.regime_map is None:
            raise InvalidGameError(
                "this report has no regime map to draw (the game has no parameter to vary, "
                "or the report was rebuilt from JSON)"
            )
        from deterrence.plotting import plot_regimes

        return plot_regimes(self.regime_map, ax=ax, **kwargs)


def _parse_number(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return float(text)


def _size_text(size: Mapping[str, Any], structural: Mapping[str, Any]) -> str:
    parts = []
    if "members" in size:
        text = f"{size['members']} {plural(size.get('member_label', 'member'))}"
        if structural:
            text += f" ({_values_text(structural)})"
        labels = size.get("strategy_labels", ())
        return text + (f", each choosing {' or '.join(labels)}" if labels else "")
    if "players" in size:
        count = size["players"]
        parts.append("1 player (a decision problem)" if count == 1 else f"{count} players")
    if "nodes" in size:
        parts.append(f"{size['nodes']} nodes")
    elif "strategies" in size:
        parts.append("x".join(str(k) for k in size["strategies"]) + " strategies")
    text = ", ".join(parts)
    if structural:
        text += f" ({_values_text(structural)})"
    return text


def _payoff_text(eq: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{who} {number_text(v)}" for who, v in eq.get("payoffs", {}).items() if v is not None
    )


def _equilibrium_lines(k: int, eq: Mapping[str, Any]) -> list[str]:
    words, profile = eq["outcome"], eq["profile"]
    head = f"  {k}. {words}" + (f" -- {profile}" if words != profile else "")
    extra = [
        f"{eq[key]}" for key in ("stability",) if eq.get(key) and f"({eq[key]})" not in profile
    ]
    payoffs = _payoff_text(eq)
    if payoffs or extra:
        head += " (" + "; ".join(extra + ([f"payoffs: {payoffs}"] if payoffs else [])) + ")"
    lines = [head]
    strategies = eq.get("strategies", {})
    pure = [next((s for s, p in mix.items() if p == 1), None) for mix in strategies.values()]
    if strategies and all(pure):  # everyone (every member) plays one strategy
        lines.append("     " + "; ".join(f"{who} plays {s}" for who, s in zip(strategies, pure)))
    return lines


# ---------------------------------------------------------------------- building it
def _resolve_source(model_or_game: Any) -> tuple[Any, Any]:
    """``(model, game-or-None)``: a :class:`~deterrence.models.Model` (or its registry name)
    is built later (its structural values may rebuild it); anything else is a game."""
    from deterrence.models import Model, get_model

    if isinstance(model_or_game, str):
        return get_model(model_or_game), None
    if isinstance(model_or_game, Model):
        return model_or_game, None
    return None, model_or_game


def _default_interval(game: Any, name: str, point: Mapping[str, Any]) -> tuple[Any, Any]:
    """The parameter's domain; an unbounded end becomes ``max(2 * |value|, low + 1)``."""
    parameter = game.parameter(name)
    low, high = parameter.domain if parameter.domain else (None, None)
    reference = point.get(name, parameter.default)
    reference = abs(reference) if reference is not None else 1
    if low is None:
        low = 0 if high is None or high > 0 else high - max(2 * reference, 1)
    if high is None:
        high = max(2 * reference, low + 1)
    return low, high


def _equilibrium_records(
    table: Any, players: Mapping[str, Sequence[str]], parameters: Sequence[str]
) -> list[dict]:
    """One JSON-ready record per row of a concept's table at a single point."""
    records = []
    reserved = {"point", "equilibrium", "is_pure", "profile", "outcome", *parameters}
    used = {column for columns in players.values() for column in columns}
    for _, row in table.iterrows():
        strategies = {
            player: {column.split(":", 1)[1]: _json_number(row[column]) for column in columns}
            for player, columns in players.items()
        }
        payoffs = {
            column[len("payoff:") :]: _json_number(row[column])
            for column in table.columns
            if column.startswith("payoff:")
        }
        record: dict[str, Any] = {
            "outcome": str(row["outcome"]),
            "profile": str(row["profile"]),
            "strategies": strategies,
            "payoffs": payoffs,
            "is_pure": bool(row["is_pure"]),
        }
        for column in table.columns:
            if column in reserved or column in used or column.startswith("payoff:"):
                continue
            value = row[column]
            record[column] = (
                bool(value)
                if isinstance(value, (bool,)) or str(type(value).__name__) == "bool_"
                else _json_number(value)
                if not isinstance(value, str)
                else value
            )
        records.append(record)
    return records


def _threshold_record(threshold: Any) -> dict[str, Any]:
    value = threshold.value
    return {
        "parameter": threshold.parameter,
        "value": None if value is None else _json_number(value),
        "value_exact": None if value is None else number_text(value),
        "expression": str(threshold.expression),
        "description": threshold.description,
        "below": list(threshold.below),
        "above": list(threshold.above),
        "kind": threshold.kind,
        "players": list(threshold.players),
    }


def _credible_first_moves(
    game: Any, parameter: str, fixed: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], str]:
    """Where each action at the root is played in every subgame-perfect equilibrium."""
    import sympy

    from deterrence.analysis import credibility

    root = [s for s in game.information_sets if () in s.members]
    if not root:  # the tree starts with a chance move
        return [], ""
    out = []
    try:
        for action in root[0].actions:
            found = credibility(game, (), action, parameter=parameter, fixed=dict(fixed))
            if found.region != sympy.EmptySet:
                out.append(
                    {"player": found.player, "action": action, "region": region_text(found.region)}
                )
    except DeterrenceError as exc:
        return [], f"credible first moves could not be derived: {exc}"
    return out, ""


def analyze(
    model_or_game: Any,
    *,
    values: Mapping[str, Any] | None = None,
    parameter: str | None = None,
    concept: Any = "auto",
    method: str = "auto",
    interval: tuple[Any, Any] | None = None,
    along: bool = True,
) -> AnalysisReport:
    r"""Analyse a model or a game with one solution concept, in the analyst's words.

    Parameters
    ----------
    model_or_game : Model, str or game
        A model (:func:`deterrence.models.get_model`) or its registry name, or any analysable
        game (``ParametricGame``, ``ExtensiveFormGame``, ``ParametricAnonymousGame``, ...).
    values : mapping, optional
        The parameter point (defaults fill the rest). For models, structural values (the
        number of partners, a quorum) rebuild the game.
    parameter : str, optional
        The parameter to vary for thresholds and regimes (default: the model's key
        parameter, else the game's first parameter).
    concept : str or SolutionConcept, default "auto"
        The game's own concept (subgame perfect for trees, ...), or e.g. ``"nash"`` for the
        Nash equilibria of a tree's strategic form.
    method : str, default "auto"
        Which equilibria to seek (``"pure"``: pure ones only); see the concept.
    interval : (low, high), optional
        The interval of ``parameter`` (default: the model's key range for its key parameter,
        else the parameter's domain, bounded where it is unbounded).
    along : bool, default True
        Analyse along ``parameter`` (thresholds, regimes, credible first moves); ``False``
        gives the equilibria at the point only (fast, for live widgets).

    Returns
    -------
    AnalysisReport

    Raises
    ------
    InvalidGameError
        On unknown parameters, values outside a domain, a structural ``parameter``, or a
        concept or method that does not apply to the game.

    Notes
    -----
    Every section comes from :mod:`deterrence.analysis` with the same concept: the
    equilibria at the point are one row each of the concept's table
    (:func:`~deterrence.analysis.solve_points`), the thresholds are those of the regime map
    (:func:`~deterrence.analysis.regimes`), so the text, the JSON and the figure agree.

    Examples
    --------
    Deterrence by punishment (Zagare and Kilgour 2000): a resolute defender's retaliation is
    credible, and the challenger is deterred once its belief in resolve exceeds
    gain/punishment = 2/5.

    >>> import deterrence as dt
    >>> report = dt.analyze("punishment")
    >>> [r["label"] for r in report.regimes]
    ['challenge, only a resolute defender retaliates', 'challenger deterred']
    >>> [t["value_exact"] for t in report.thresholds]
    ['2/5']
    """
    import numpy as np

    from deterrence.analysis import regimes, solve_points
    from deterrence.analysis.concepts import get_concept

    model, game = _resolve_source(model_or_game)
    given = dict(values or {})
    structural: dict[str, Any] = {}
    if model is not None:
        structural, given = model.split(given)
        game = model.build(**structural)
        structural = {
            name: _integral(structural.get(name, model.parameter(name).default))
            for name in model.structural
        }
    names = tuple(getattr(game, "parameter_names", ()) or ())
    unknown = sorted(set(given) - set(names))
    if unknown:
        fixed_size = list(model.structural) if model is not None else []
        text = unknown_names("parameter", unknown, [*names, *fixed_size])
        if fixed_size:
            text += (
                f" (analysable: {list(names)}; structural, they fix the size of the game:"
                f" {fixed_size})"
            )
        raise InvalidGameError(text)
    point = dict(game.resolve(given)) if names else {}
    if point:
        game.at(**point)  # payoffs defined at the point? (a clear error if not)
    chosen = get_concept(game, concept)
    used_method = chosen.resolve_method(chosen.prepare(game), method)
    notes = [note for note in (chosen.describe_method(used_method),) if note]
    # equilibria at the point: one row each of the concept's table
    table = solve_points(
        game, {k: np.array([float(v)]) for k, v in point.items()}, method=method, concept=chosen
    )
    equilibria = _equilibrium_records(table, table.attrs.get("players", {}), names)
    # the parameter to vary
    if parameter is None and model is not None:
        parameter = model.key_parameter
    if parameter is None and names:
        parameter = names[0]
    if parameter is not None and model is not None and parameter in model.structural:
        raise InvalidGameError(
            f"{parameter} is structural (it fixes the size of the game), so it has no "
            f"thresholds; choose it in values= (--set {parameter}=VALUE); analysable "
            f"parameters are {list(names)}"
        )
    if parameter is not None and parameter not in names:
        raise InvalidGameError(unknown_names("parameter", [parameter], names))
    regime_map = None
    threshold_records: list[dict[str, Any]] = []
    regime_records: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    if parameter is not None and along:
        if interval is None:
            interval = (
                model.key_range
                if model is not None and parameter == model.key_parameter
                else _default_interval(game, parameter, point)
            )
        interval = tuple(game.parameter(parameter).validate(v) for v in interval)
        fixed = {k: v for k, v in point.items() if k != parameter}
        regime_map = regimes(
            game, {parameter: interval}, fixed=fixed, method=method, concept=chosen
        )
        threshold_records = [_threshold_record(t) for t in regime_map.thresholds]
        for regime in regime_map.regimes:
            low, high = regime.bounds[parameter]
            kind = None
            if model is not None and model.classifier is not None:
                kind = model.classify(**structural, **{**fixed, **regime.sample})
            regime_records.append(
                {
                    "low": number_text(low),
                    "high": number_text(high),
                    "interval": f"[{number_text(low)}, {number_text(high)}]",
                    "label": regime.label,
                    "outcomes": list(regime.outcomes),
                    "equilibria": list(regime.equilibria),
                    "game_type": kind,
                }
            )
        if chosen.name == "subgame_perfect":
            moves, note = _credible_first_moves(game, parameter, fixed)
            notes += [note] if note else []
    outcomes = getattr(game, "outcomes", None)
    return AnalysisReport(
        title=getattr(game, "title", "") or (model.name if model is not None else "game"),
        source=model.name if model is not None else (getattr(game, "title", "") or "game"),
        game_kind=type(game).__name__,
        concept=chosen.name,
        concept_title=chosen.nouns(used_method)[1] if used_method == "pure" else chosen.title,
        method=used_method,
        values=point,
        structural=structural,
        equilibria=tuple(equilibria),
        parameter=parameter,
        interval=interval,
        thresholds=tuple(threshold_records),
        regimes=tuple(regime_records),
        credible_moves=tuple(moves),
        game_type=model.classify(**structural, **point) if model is not None else None,
        outcome_labels=outcomes.labels if outcomes is not None else (),
        assumptions=_assumptions(game, point),
        key_result=model.key_result if model is not None else "",
        story=model.story if model is not None else "",
        essay_argument=model.essay_argument if model is not None else "",
        references=tuple(model.references) if model is not None else (),
        size=_size(game),
        notes=tuple(notes),
        sections=model.report_sections(**structural, **point) if model is not None else (),
        regime_map=regime_map,
    )


def _integral(value: Any) -> Any:
    """``Fraction(5)`` as ``5`` (sizes read better as integers)."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return value


def _assumptions(game: Any, point: Mapping[str, Any]) -> tuple[str, ...]:
    out = []
    for p in getattr(game, "parameters", ()) or ():
        value = point.get(p.name, p.default)
        meaning = f": {p.description}" if p.description else ""
        out.append(f"{p.name} = {number_text(value)} in {p.domain_text()}{meaning}")
    return tuple(out)


def _size(game: Any) -> dict[str, Any]:
    """Structural sizes, read from whatever the game declares."""
    size: dict[str, Any] = {}
    label = getattr(game, "player_label", None)
    if label is not None:
        size["members"] = int(game.num_players)
        size["member_label"] = label
        size["strategies"] = [len(game.strategies)]
        size["strategy_labels"] = list(game.strategies)
        return size
    size["players"] = int(getattr(game, "num_players", len(getattr(game, "players", ()))))
    if hasattr(game, "num_nodes"):
        size["nodes"] = int(game.num_nodes)
    strategies = getattr(game, "strategies", None)
    if strategies and not callable(strategies):
        size["strategies"] = [len(s) for s in strategies]
    return size


# ---------------------------------------------------------------------- model cards
def model_card_html(model: Any) -> str:
    """A model as an HTML card: story, parameters, key result and outcomes (Jupyter).

    Parameters
    ----------
    model : Model
        A registered model (:func:`deterrence.models.get_model`).

    Returns
    -------
    str
        An HTML fragment.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> card = model_card_html(get_model("denial"))
    >>> "coercion deterred" in card and "<table" in card
    True
    """
    import pandas as pd

    from deterrence.display import frame_to_html

    parameters = pd.DataFrame(
        [
            {
                "parameter": p.name,
                "default": number_text(p.default),
                "domain": p.domain_text(),
                "meaning": p.description + (" (structural)" if p.name in model.structural else ""),
            }
            for p in model.parameters
        ],
        columns=["parameter", "default", "domain", "meaning"],
    )
    low, high = model.key_range
    parts = [
        "<div style='border:1px solid #bbb;padding:8px 12px;max-width:52em'>",
        f"<h4 style='margin:0 0 4px 0'>{_escape(model.name)} "
        f"<small style='color:#666'>[{_escape(model.kind)}]</small></h4>",
        f"<p style='margin:4px 0'>{_escape(model.story)}</p>",
        frame_to_html(parameters),
        f"<p style='margin:6px 0'><b>Key parameter:</b> <code>{_escape(model.key_parameter)}"
        f"</code> over [{_escape(number_text(low))}, {_escape(number_text(high))}]</p>",
        f"<p style='margin:6px 0'><b>Key result:</b> {_escape(model.key_result)}</p>",
    ]
    if model.outcomes is not None:
        items = "".join(f"<li>{_escape(words)}</li>" for words in model.outcomes.labels)
        parts.append(
            f"<p style='margin:6px 0 0 0'><b>Outcomes:</b></p><ul style='margin:0'>{items}</ul>"
        )
    if model.essay_argument:
        parts.append(
            f"<p style='margin:6px 0'><b>Argument:</b> {_escape(model.essay_argument)}</p>"
        )
    if model.references:
        parts.append(
            f"<p style='margin:6px 0;color:#666'>{_escape('; '.join(model.references))}</p>"
        )
    parts.append("</div>")
    return "".join(parts)
