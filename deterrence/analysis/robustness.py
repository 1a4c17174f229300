r"""Robust conclusions under uncertainty: how likely an outcome is, which lever matters most,
and where the outcome holds.

Analysts rarely know credibility, coverage or information sharing exactly; they bring ranges
and beliefs. :func:`robustness` takes a game and a distribution for each uncertain parameter
and answers, with one solution concept throughout (the game's own by default):

* **the probability of each outcome** (in the analyst's words,
  :class:`~deterrence.games.Outcomes`): *exactly* when one parameter is uncertain (the
  probability of the exact regime intervals of :func:`~deterrence.analysis.regimes`: a
  ``Fraction`` for a uniform distribution with rational bounds when the thresholds are
  rational, cdf differences otherwise), and by randomised quasi-Monte Carlo with a
  confidence interval always (scrambled Sobol' points, :mod:`scipy.stats.qmc`);
* **global sensitivity**: Sobol' first-order and total indices of an outcome indicator or an
  equilibrium payoff, computed by SALib (Saltelli's scheme, Jansen's estimators);
* **scenario discovery**: the few boxes of parameter space where the outcome holds with high
  density, found by PRIM (Friedman and Fisher 1999, :func:`prim_boxes`) and said in words;
* **equilibrium multiplicity**: the share of draws with several equilibria, and a
  documented selection rule where a single answer is asked for.

Every equilibrium is computed by :func:`~deterrence.analysis.sweep`, so large samples run on
its backends (a process pool or Dask), with checkpoints and a progress bar.

References
----------
Friedman, J. H. and Fisher, N. I. (1999). Bump hunting in high-dimensional data. *Statistics
and Computing* 9, 123-143.
Saltelli, A. et al. (2010). Variance based sensitivity analysis of model output. *Computer
Physics Communications* 181, 259-270.
Owen, A. B. (1997). Scrambled net variance for integrals of smooth functions. *Annals of
Statistics* 25, 1541-1562.
Bryant, B. P. and Lempert, R. J. (2010). Thinking inside the box: a participatory,
computer-assisted approach to scenario discovery. *Technological Forecasting and Social
Change* 77, 34-49.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy

from deterrence.analysis.concepts import SolutionConcept
from deterrence.analysis.regimes import regimes
from deterrence.analysis.sweep import sweep
from deterrence.analysis.thresholds import AnalysableGame, prepare_analysis
from deterrence.exceptions import InvalidGameError, MissingDependencyError

__all__ = [
    "robustness",
    "RobustnessResult",
    "ScenarioBox",
    "Uncertain",
    "parse_distribution",
    "prim_boxes",
    "SELECTIONS",
    "DEFAULT_SAMPLES",
    "REPLICATES",
]

#: Selection rules for a single answer where a draw has several equilibria.
SELECTIONS = ("payoff_dominant", "any", "all")
#: Default number of quasi-Monte Carlo draws for the outcome probabilities.
DEFAULT_SAMPLES = 4096
#: Independently scrambled Sobol' sequences behind each confidence interval.
REPLICATES = 8
#: Default base sample of Saltelli's scheme (``N * (d + 2)`` solves for ``d`` parameters).
DEFAULT_SENSITIVITY_SAMPLES = 512
#: At most this many draws (the first ones) are searched by PRIM.
PRIM_MAX_DRAWS = 20_000
#: Shorthand distributions: name -> the numbers they take.
SHORTHANDS = {
    "uniform": "LOW:HIGH",
    "beta": "A:B[:LOW:HIGH]",  # default: the parameter's bounded domain, else [0, 1]
    "normal": "MEAN:SD",
    "triangular": "LOW:MODE:HIGH",
}


# ---------------------------------------------------------------------- distributions
@dataclasses.dataclass(frozen=True)
class Uncertain:
    """One uncertain parameter: its distribution and how to name it.

    Attributes
    ----------
    name : str
        The parameter.
    distribution : scipy.stats frozen distribution
        Anything with ``ppf``, ``cdf`` and ``support``.
    text : str
        The distribution in words, e.g. ``"uniform on [2/5, 9/10]"``.
    bounds : tuple of Fraction or None
        Exact bounds of a uniform distribution (``None`` for other distributions).

    Examples
    --------
    >>> from deterrence.games import Parameter
    >>> u = parse_distribution(Parameter("p", domain=(0, 1)), "uniform:0.4:0.9")
    >>> u.text, u.bounds
    ('uniform on [2/5, 9/10]', (Fraction(2, 5), Fraction(9, 10)))
    """

    name: str
    distribution: Any
    text: str
    bounds: tuple[Fraction, Fraction] | None = None


def _exact_number(value: Any, what: str) -> Fraction:
    """A number given in a shorthand, exactly (floats by their shortest decimal)."""
    if isinstance(value, bool):
        raise InvalidGameError(f"{what}: expected a number, got {value!r}")
    try:
        if isinstance(value, (float, np.floating)):
            if not math.isfinite(float(value)):
                raise ValueError
            return Fraction(repr(float(value)))
        return Fraction(str(value).strip()) if isinstance(value, str) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InvalidGameError(f"{what}: expected a finite number, got {value!r}") from None


def parse_distribution(parameter: Any, spec: Any) -> Uncertain:
    """Read the distribution of one parameter.

    Parameters
    ----------
    parameter : Parameter
        The game's parameter (its domain bounds a beta distribution and is checked).
    spec : scipy.stats frozen distribution, str or tuple
        A frozen distribution (``scipy.stats.norm(0.7, 0.05)``), or a shorthand:
        ``("uniform", low, high)``, ``("beta", a, b)`` (on the parameter's bounded domain,
        else on [0, 1]; ``("beta", a, b, low, high)`` elsewhere), ``("normal", mean, sd)``,
        ``("triangular", low, mode, high)``, or the same as text, ``"uniform:0.4:0.9"``.

    Returns
    -------
    Uncertain

    Raises
    ------
    InvalidGameError
        Unknown shorthand, wrong numbers, or a distribution that puts mass outside the
        parameter's domain (the message names the parameter and the share).

    Examples
    --------
    >>> from deterrence.games import Parameter
    >>> coverage = Parameter("coverage", domain=(0, 1))
    >>> parse_distribution(coverage, ("beta", 8, 2)).text
    'beta(8, 2) on [0, 1]'
    >>> parse_distribution(coverage, "uniform:0.5:1.5")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: distribution of 'coverage' (uniform on [1/2, 3/2]) ...
    """
    from scipy import stats

    name = parameter.name
    if isinstance(spec, str):
        spec = tuple(part.strip() for part in spec.split(":"))
    if all(callable(getattr(spec, m, None)) for m in ("ppf", "cdf", "support")):
        uncertain = _frozen(name, spec)
    elif isinstance(spec, (tuple, list)) and spec and isinstance(spec[0], str):
        kind, numbers = spec[0].lower(), spec[1:]
        if kind not in SHORTHANDS:
            raise InvalidGameError(
                f"distribution of {name!r}: unknown shorthand {spec[0]!r}; use one of "
                + ", ".join(f"{k}:{v}" for k, v in SHORTHANDS.items())
                + ", or a scipy.stats frozen distribution"
            )
        values = [_exact_number(v, f"distribution of {name!r} ({kind})") for v in numbers]
        uncertain = _shorthand(parameter, kind, values, stats)
    else:
        raise InvalidGameError(
            f"distribution of {name!r}: expected a scipy.stats frozen distribution or a "
            "shorthand such as ('uniform', 0.4, 0.9), 'uniform:0.4:0.9' or ('beta', 8, 2); "
            f"got {spec!r}"
        )
    _check_domain(parameter, uncertain)
    return uncertain


def _frozen(name: str, distribution: Any) -> Uncertain:
    family = getattr(getattr(distribution, "dist", None), "name", type(distribution).__name__)
    low, high = (float(v) for v in distribution.support())
    args = ", ".join(f"{float(a):.4g}" for a in getattr(distribution, "args", ()))
    kwds = ", ".join(f"{k}={float(v):.4g}" for k, v in getattr(distribution, "kwds", {}).items())
    text = f"{family}({', '.join(p for p in (args, kwds) if p)})"
    bounds = None
    if family == "uniform" and math.isfinite(low) and math.isfinite(high):
        bounds = (Fraction(repr(low)), Fraction(repr(high)))
        text = f"uniform on [{bounds[0]}, {bounds[1]}]"
    return Uncertain(name, distribution, text, bounds)


def _shorthand(parameter: Any, kind: str, values: list[Fraction], stats: Any) -> Uncertain:
    name = parameter.name
    expected = {"uniform": (2,), "beta": (2, 4), "normal": (2,), "triangular": (3,)}[kind]
    if len(values) not in expected:
        raise InvalidGameError(
            f"distribution of {name!r}: {kind} takes {SHORTHANDS[kind]}; got {len(values)} "
            "number(s)"
        )
    if kind == "uniform":
        low, high = values
        if not low < high:
            raise InvalidGameError(
                f"distribution of {name!r}: uniform needs low < high, got [{low}, {high}]"
            )
        return Uncertain(
            name,
            stats.uniform(loc=float(low), scale=float(high - low)),
            f"uniform on [{low}, {high}]",
            (low, high),
        )
    if kind == "beta":
        a, b = values[:2]
        if len(values) == 4:
            low, high = values[2:]
        else:
            domain = parameter.domain or (None, None)
            bounded = domain[0] is not None and domain[1] is not None
            low, high = (
                (Fraction(str(domain[0])), Fraction(str(domain[1])))
                if bounded
                else (Fraction(0), Fraction(1))
            )
        if a <= 0 or b <= 0 or not low < high:
            raise InvalidGameError(
                f"distribution of {name!r}: beta needs a, b > 0 and low < high, got "
                f"a={a}, b={b} on [{low}, {high}]"
            )
        return Uncertain(
            name,
            stats.beta(float(a), float(b), loc=float(low), scale=float(high - low)),
            f"beta({a}, {b}) on [{low}, {high}]",
        )
    if kind == "normal":
        mean, sd = values
        if sd <= 0:
            raise InvalidGameError(f"distribution of {name!r}: normal needs sd > 0, got {sd}")
        return Uncertain(name, stats.norm(float(mean), float(sd)), f"normal({mean}, sd {sd})")
    low, mode, high = values
    if not low <= mode <= high or not low < high:
        raise InvalidGameError(
            f"distribution of {name!r}: triangular needs low <= mode <= high, low < high; "
            f"got ({low}, {mode}, {high})"
        )
    return Uncertain(
        name,
        stats.triang(float((mode - low) / (high - low)), loc=float(low), scale=float(high - low)),
        f"triangular({low}, {mode}, {high})",
    )


def _check_domain(parameter: Any, uncertain: Uncertain) -> None:
    if parameter.domain is None:
        return
    low, high = parameter.domain
    outside = 0.0
    if low is not None:
        outside += float(uncertain.distribution.cdf(float(low)))
    if high is not None:
        outside += float(uncertain.distribution.sf(float(high)))
    if outside > 1e-12:
        raise InvalidGameError(
            f"distribution of {parameter.name!r} ({uncertain.text}) puts {outside:.0%} of its "
            f"mass outside the parameter's domain {parameter.domain_text()}"
        )


# ---------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class ScenarioBox:
    """A box of parameter space where an outcome is dense (scenario discovery).

    Attributes
    ----------
    limits : dict
        ``{parameter: (low, high)}`` for the restricted parameters only (``None`` for an
        unrestricted side).
    density : float
        Share of the draws inside the box where the outcome holds.
    coverage : float
        Share of all draws with the outcome that fall inside the box.
    mass : float
        Share of all draws inside the box.
    outcome : str
        The outcome, in the analyst's words.

    Examples
    --------
    >>> box = ScenarioBox({"credibility": (0.81, None), "information_sharing": (0.86, None)},
    ...                   0.93, 0.88, 0.2, "coercion deterred")
    >>> print(box.text)  # doctest: +NORMALIZE_WHITESPACE
    coercion deterred in 93% of cases when credibility >= 0.81 and information_sharing >= 0.86
    (covering 88% of all "coercion deterred" cases)
    """

    limits: Mapping[str, tuple[float | None, float | None]]
    density: float
    coverage: float
    mass: float
    outcome: str

    @property
    def conditions(self) -> str:
        """The limits in words (``"credibility >= 0.81 and coverage <= 0.95"``)."""
        parts = []
        for name, (low, high) in self.limits.items():
            if low is not None and high is not None:
                parts.append(f"{low:.3g} <= {name} <= {high:.3g}")
            elif low is not None:
                parts.append(f"{name} >= {low:.3g}")
            elif high is not None:
                parts.append(f"{name} <= {high:.3g}")
        return " and ".join(parts) if parts else "anywhere"

    @property
    def text(self) -> str:
        """The box in one sentence."""
        return (
            f"{self.outcome} in {self.density:.0%} of cases when {self.conditions} "
            f'(covering {self.coverage:.0%} of all "{self.outcome}" cases)'
        )


@dataclasses.dataclass(frozen=True, eq=False)
class RobustnessResult:
    """What :func:`robustness` found: outcome probabilities, sensitivity, scenarios.

    Attributes
    ----------
    title : str
        The game's title.
    concept : str
        The solution concept (``"nash"``, ``"subgame_perfect"``, ``"anonymous"``, ...).
    method : str
        The equilibria sought (``sweep``'s ``attrs["method"]``).
    selection : str
        The rule giving one answer per draw (see :func:`robustness`).
    target : str
        The outcome (words) or ``"payoff:<player>"`` of the sensitivity and the boxes.
    distributions : dict
        ``{parameter: distribution in words}``.
    fixed : dict
        Values of the parameters that were not uncertain.
    samples : int
        Quasi-Monte Carlo draws behind the probabilities.
    probabilities : pandas.DataFrame
        One row per outcome: ``outcome``, ``probability`` (exact where ``method`` says so,
        else the QMC estimate), ``low``, ``high`` (the confidence interval; equal to the
        probability when exact), ``method`` (``"exact"``, ``"exact (cdf)"`` or
        ``"quasi-Monte Carlo"``), ``estimate``, ``estimate_low``, ``estimate_high`` (the QMC
        estimate and its interval, always), ``possible`` (share
        of draws where some equilibrium has the outcome) and ``certain`` (where every one
        does).
    multiplicity : float
        Share of probability with several equilibria.
    multiplicity_method : str
        How ``multiplicity`` was computed.
    sensitivity : pandas.DataFrame
        One row per uncertain parameter: ``first_order``, ``first_order_conf``, ``total``,
        ``total_conf`` (Sobol' indices of the target and their 95% bootstrap half-widths).
    boxes : tuple of ScenarioBox
        Where the target outcome holds (empty for a payoff target).
    draws : pandas.DataFrame
        The QMC draws: the uncertain parameters, ``outcome`` (the selected equilibrium's
        words), ``num_equilibria`` and ``target``.
    confidence : float
        Level of the intervals.
    notes : tuple of str
        How every number was computed.

    Examples
    --------
    >>> import deterrence as dt
    >>> game = dt.get_model("denial").build()
    >>> result = robustness(game, {"credibility": ("uniform", 0.4, 0.9)}, samples=64,
    ...                     rng=1, progress=False, sensitivity_samples=None)
    >>> result.target, result.samples, len(result.draws)
    ('coercion deterred', 64, 64)
    >>> for line in result.to_text().splitlines()[:5]:
    ...     print(line)
    Robustness of deterrence by denial (nash; selection payoff_dominant)
      credibility ~ uniform on [2/5, 9/10]
    Outcome probabilities:
      coercion deterred: 29/405 = 0.0716 (exact)
      coerced, coalition shares: 376/405 = 0.9284 (exact)
    """

    title: str
    concept: str
    method: str
    selection: str
    target: str
    distributions: Mapping[str, str]
    fixed: Mapping[str, Any]
    samples: int
    probabilities: pd.DataFrame
    multiplicity: float
    multiplicity_method: str
    sensitivity: pd.DataFrame
    boxes: tuple[ScenarioBox, ...]
    draws: pd.DataFrame
    confidence: float = 0.95
    notes: tuple[str, ...] = ()

    @property
    def parameters(self) -> tuple[str, ...]:
        """The uncertain parameters."""
        return tuple(self.distributions)

    def probability(self, outcome: str) -> Any:
        """The probability of one outcome (a ``Fraction`` where exact).

        Raises
        ------
        KeyError
            For an outcome that never occurred (the message lists those that did).
        """
        rows = self.probabilities[self.probabilities["outcome"] == outcome]
        if rows.empty:
            raise KeyError(
                f"outcome {outcome!r} not found; outcomes are "
                f"{self.probabilities['outcome'].tolist()}"
            )
        return rows["probability"].iloc[0]

    def to_frame(self, what: str = "probabilities") -> pd.DataFrame:
        """A table: ``"probabilities"`` (default), ``"sensitivity"`` or ``"boxes"``.

        Raises
        ------
        InvalidGameError
            For another ``what``.
        """
        if what == "probabilities":
            return self.probabilities.copy()
        if what == "sensitivity":
            return self.sensitivity.copy()
        if what == "boxes":
            return pd.DataFrame(
                [
                    {
                        "outcome": b.outcome,
                        "conditions": b.conditions,
                        "density": b.density,
                        "coverage": b.coverage,
                        "mass": b.mass,
                        "text": b.text,
                    }
                    for b in self.boxes
                ],
                columns=["outcome", "conditions", "density", "coverage", "mass", "text"],
            )
        raise InvalidGameError(
            f"to_frame({what!r}): choose 'probabilities', 'sensitivity' or 'boxes'"
        )

    def as_dict(self) -> dict[str, Any]:
        """Everything as plain data (fractions as ``"29/405"`` strings)."""
        from deterrence.display import to_jsonable

        return to_jsonable(
            {
                "title": self.title,
                "concept": self.concept,
                "method": self.method,
                "selection": self.selection,
                "target": self.target,
                "distributions": dict(self.distributions),
                "fixed": dict(self.fixed),
                "samples": self.samples,
                "confidence": self.confidence,
                "probabilities": self.probabilities.to_dict(orient="records"),
                "multiplicity": self.multiplicity,
                "multiplicity_method": self.multiplicity_method,
                "sensitivity": self.sensitivity.to_dict(orient="records"),
                "boxes": [
                    {
                        "limits": {k: list(v) for k, v in b.limits.items()},
                        "density": b.density,
                        "coverage": b.coverage,
                        "mass": b.mass,
                        "outcome": b.outcome,
                        "text": b.text,
                    }
                    for b in self.boxes
                ],
                "notes": list(self.notes),
            }
        )

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`as_dict` as JSON text."""
        return json.dumps(self.as_dict(), indent=indent)

    def to_text(self) -> str:
        """The findings in sentences and small tables (what ``deterrence robustness``
        prints)."""
        lines = [
            f"Robustness of {self.title or 'the game'} ({self.concept}; selection {self.selection})"
        ]
        for name, text in self.distributions.items():
            lines.append(f"  {name} ~ {text}")
        lines.append("Outcome probabilities:")
        for row in self.probabilities.itertuples():
            value = row.probability
            exact = "" if isinstance(value, (float, np.floating)) else f"{value} = "
            interval = "" if row.method.startswith("exact") else f" [{row.low:.3f}, {row.high:.3f}]"
            lines.append(f"  {row.outcome}: {exact}{float(value):.4f}{interval} ({row.method})")
        lines.append(
            f"Several equilibria: {float(self.multiplicity):.1%} ({self.multiplicity_method})"
        )
        if len(self.sensitivity):
            lines.append(f"Sobol' indices of {self.target} (first order / total):")
            for row in self.sensitivity.itertuples():
                lines.append(f"  {row.parameter}: {row.first_order:.3f} / {row.total:.3f}")
        if self.boxes:
            lines.append("Where it holds:")
            lines.extend(f"  {box.text}" for box in self.boxes)
        lines.append("Notes:")
        lines.extend(f"  - {note}" for note in self.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        """Tables of probabilities, sensitivity and boxes (Jupyter)."""
        import html

        from deterrence.display import frame_to_html

        probabilities = self.probabilities.copy()
        probabilities["probability"] = [
            v if isinstance(v, (float, np.floating)) else str(v)
            for v in probabilities["probability"]
        ]
        parts = [
            f"<p><b>Robustness of {html.escape(self.title or 'the game')}</b> "
            f"({html.escape(self.concept)}; selection {html.escape(self.selection)}; "
            + "; ".join(html.escape(f"{k} ~ {v}") for k, v in self.distributions.items())
            + ")</p>",
            frame_to_html(probabilities, caption="Outcome probabilities"),
            f"<p>Several equilibria: {float(self.multiplicity):.1%} "
            f"({html.escape(self.multiplicity_method)})</p>",
        ]
        if len(self.sensitivity):
            parts.append(
                frame_to_html(self.sensitivity, caption=f"Sobol' indices of {self.target}")
            )
        if self.boxes:
            parts.append(
                "<ul>" + "".join(f"<li>{html.escape(b.text)}</li>" for b in self.boxes) + "</ul>"
            )
        parts.append("<p><i>" + html.escape(" ".join(self.notes)) + "</i></p>")
        return "\n".join(parts)


# ---------------------------------------------------------------------- PRIM
def prim_boxes(
    x: np.ndarray,
    y: np.ndarray,
    names: Sequence[str],
    *,
    alpha: float = 0.05,
    min_mass: float = 0.01,
    threshold: float = 0.8,
    max_boxes: int = 3,
    min_coverage: float = 0.05,
    outcome: str = "outcome",
) -> list[ScenarioBox]:
    """Boxes where a binary outcome is dense: PRIM with peeling, pasting and covering.

    Parameters
    ----------
    x : ndarray, shape (n, d)
        The draws.
    y : ndarray of bool, shape (n,)
        Whether the outcome holds at each draw.
    names : sequence of str
        The ``d`` parameter names.
    alpha : float, default 0.05
        Share of the points in the box removed by one peel (or added by one paste).
    min_mass : float, default 0.01
        Peeling stops when the box holds this share of the remaining draws.
    threshold : float, default 0.8
        A box is reported only if its density reaches this.
    max_boxes : int, default 3
        At most this many boxes (covering: each next box is sought among the draws outside
        the earlier ones).
    min_coverage : float, default 0.05
        A box must hold at least this share of all the outcome's draws.
    outcome : str
        The outcome's name, for the boxes' words.

    Returns
    -------
    list of ScenarioBox

    Notes
    -----
    Friedman and Fisher (1999), as used for scenario discovery by Bryant and Lempert (2010):

    1. *Peeling*: starting from the whole sample, remove the ``alpha``-quantile slice (low or
       high end of one parameter) whose removal leaves the highest density, until the box
       holds ``min_mass`` of the draws; this gives the peeling trajectory.
    2. The box of highest density on the trajectory is kept (the largest one among equally
       dense boxes).
    3. *Pasting*: widen one side of the box to take in the ``alpha`` share of nearest points
       outside (or half, a quarter, ... down to one point), whenever that does not lower the
       density, until no side can grow.
    4. A restriction is dropped when removing it does not lower the density (so the words
       name only the parameters that matter).
    5. *Covering*: the draws inside the box are set aside and the search repeats.

    Examples
    --------
    A planted box, ``x0 >= 0.6`` and ``x1 <= 0.3``, is found, and ``x2`` is left free:

    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((4000, 3))
    >>> [box] = prim_boxes(x, (x[:, 0] >= 0.6) & (x[:, 1] <= 0.3), ["x0", "x1", "x2"],
    ...                    max_boxes=1)
    >>> sorted(box.limits), round(box.density, 2), box.coverage > 0.9
    (['x0', 'x1'], 1.0, True)
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=bool)
    if x.ndim != 2 or x.shape[0] != y.shape[0] or x.shape[1] != len(names):
        raise InvalidGameError(
            f"prim_boxes needs x of shape (n, {len(names)}) and y of length n; got x "
            f"{x.shape}, y {y.shape}"
        )
    if not 0 < alpha < 0.5 or not 0 < min_mass < 1:
        raise InvalidGameError("prim_boxes needs 0 < alpha < 0.5 and 0 < min_mass < 1")
    total = int(y.sum())
    n = len(y)
    active = np.ones(n, dtype=bool)
    boxes: list[ScenarioBox] = []
    while total and len(boxes) < max_boxes and y[active].any():
        lower, upper = _peel(x, y, active, alpha, min_mass)
        lower, upper = _paste(x, y, active, lower, upper, alpha)
        lower, upper = _drop_restrictions(x, y, active, lower, upper)
        inside = active & _inside(x, lower, upper)
        count = int(inside.sum())
        if not count:
            break
        density = float(y[inside].mean())
        coverage = float(y[inside].sum()) / total
        if density < threshold or coverage < min_coverage:
            break
        low_data, high_data = x[active].min(0), x[active].max(0)
        limits = {}
        for j, name in enumerate(names):
            low = float(lower[j]) if lower[j] > low_data[j] else None
            high = float(upper[j]) if upper[j] < high_data[j] else None
            if low is not None or high is not None:
                limits[name] = (low, high)
        boxes.append(ScenarioBox(limits, density, coverage, count / n, outcome))
        active &= ~inside
    return boxes


def _inside(x: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    return np.all((x >= lower) & (x <= upper), axis=1)


def _peel(
    x: np.ndarray, y: np.ndarray, active: np.ndarray, alpha: float, min_mass: float
) -> tuple[np.ndarray, np.ndarray]:
    index = np.flatnonzero(active)
    lower, upper = x[index].min(0), x[index].max(0)
    stop = max(1, int(min_mass * len(index)))
    best_box = (lower.copy(), upper.copy())
    best_density = float(y[index].mean())
    while len(index) > stop:
        box_x, box_y = x[index], y[index]
        choice = None
        for j in range(x.shape[1]):
            column = box_x[:, j]
            low_cut, high_cut = np.quantile(column, [alpha, 1 - alpha])
            for side, keep in ((0, column >= low_cut), (1, column <= high_cut)):
                kept = int(keep.sum())
                if kept == 0 or kept == len(index):
                    continue
                density = float(box_y[keep].mean())
                if choice is None or (density, kept) > (choice[0], choice[1]):
                    choice = (density, kept, j, side, low_cut if side == 0 else high_cut, keep)
        if choice is None:
            break
        density, _kept, j, side, cut, keep = choice
        index = index[keep]
        if side == 0:
            lower[j] = cut
        else:
            upper[j] = cut
        if density > best_density + 1e-12:
            best_density, best_box = density, (lower.copy(), upper.copy())
    return best_box


def _paste(
    x: np.ndarray,
    y: np.ndarray,
    active: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    alpha: float,
) -> tuple[np.ndarray, np.ndarray]:
    lower, upper = lower.copy(), upper.copy()
    while True:
        inside = active & _inside(x, lower, upper)
        count = int(inside.sum())
        density = float(y[inside].mean()) if count else 0.0
        step = max(1, int(math.ceil(alpha * count)))
        best = None
        for j in range(x.shape[1]):
            others = np.ones(x.shape[1], dtype=bool)
            others[j] = False
            near = active & np.all(
                (x[:, others] >= lower[others]) & (x[:, others] <= upper[others]), axis=1
            )
            for side in (0, 1):
                outside = near & (x[:, j] < lower[j] if side == 0 else x[:, j] > upper[j])
                values = np.sort(x[outside, j])
                if side == 0:
                    values = values[::-1]
                take = min(step, len(values))
                while take >= 1:  # the widest paste (step, step/2, ..., 1 point) that keeps
                    trial_lower, trial_upper = lower.copy(), upper.copy()  # the density
                    (trial_lower if side == 0 else trial_upper)[j] = values[take - 1]
                    trial = active & _inside(x, trial_lower, trial_upper)
                    trial_density = float(y[trial].mean())
                    if trial_density >= density:
                        if best is None or trial_density > best[0]:
                            best = (trial_density, trial_lower, trial_upper)
                        break
                    take //= 2
        if best is None:
            return lower, upper
        _density, lower, upper = best


def _drop_restrictions(
    x: np.ndarray, y: np.ndarray, active: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    lower, upper = lower.copy(), upper.copy()
    low_data, high_data = x[active].min(0), x[active].max(0)
    density = float(y[active & _inside(x, lower, upper)].mean())
    for j in range(x.shape[1]):
        for bound, free in ((lower, low_data), (upper, high_data)):
            if bound[j] == free[j]:
                continue
            kept = bound[j]
            bound[j] = free[j]
            trial = float(y[active & _inside(x, lower, upper)].mean())
            if trial >= density:
                density = trial
            else:
                bound[j] = kept
    return lower, upper


# ---------------------------------------------------------------------- sampling
def _unit_draws(dimension: int, samples: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """``REPLICATES`` independently scrambled Sobol' sequences (replicate-major)."""
    from scipy.stats import qmc

    per = max(2, samples // REPLICATES)
    power = int(math.ceil(math.log2(per)))
    parts = [
        qmc.Sobol(dimension, scramble=True, seed=rng).random_base2(power) for _ in range(REPLICATES)
    ]
    return np.concatenate(parts), 2**power


def _to_parameters(unit: np.ndarray, uncertain: Sequence[Uncertain], game: Any) -> pd.DataFrame:
    columns = {}
    for j, item in enumerate(uncertain):
        values = np.asarray(item.distribution.ppf(unit[:, j]), dtype=np.float64)
        domain = game.parameter(item.name).domain or (None, None)
        low = -np.inf if domain[0] is None else float(domain[0])
        high = np.inf if domain[1] is None else float(domain[1])
        columns[item.name] = np.clip(values, low, high)
    return pd.DataFrame(columns)


# ---------------------------------------------------------------------- per-draw answers
@dataclasses.dataclass
class _Answers:
    """Per draw: number of equilibria, selected outcome code, possible/certain per code."""

    labels: list[str]
    count: np.ndarray
    selected: np.ndarray
    possible: np.ndarray  # (points, labels) bool
    certain: np.ndarray
    payoff: dict[str, np.ndarray]


NO_EQUILIBRIUM = "no equilibrium"


def _answers(table: pd.DataFrame, grid: pd.DataFrame, order: Sequence[str]) -> _Answers:
    points = len(grid)
    ids = table["point"].to_numpy(dtype=np.int64)  # the grid row of each table row
    outcome = table["outcome"].astype("category")
    raw_codes = outcome.cat.codes.to_numpy()
    categories = [str(c) for c in outcome.cat.categories]
    present = [categories[k] for k in pd.unique(raw_codes[raw_codes >= 0])]
    labels = list(dict.fromkeys([*[w for w in order if w in set(present)], *present]))
    index = {w: k for k, w in enumerate(labels)}
    mapping = np.array([index.get(c, -1) for c in categories] or [0], dtype=np.int64)
    codes = mapping[raw_codes]
    count = np.bincount(ids, minlength=points)
    payoff_columns = [c for c in table.columns if str(c).startswith("payoff:")]
    totals = (
        table[payoff_columns].to_numpy(dtype=np.float64).sum(axis=1)
        if payoff_columns
        else np.zeros(len(table))
    )
    totals = np.nan_to_num(totals, nan=-np.inf)
    order_rows = np.lexsort((table["equilibrium"].to_numpy(), -totals, ids))
    first_points, first = np.unique(ids[order_rows], return_index=True)
    chosen_rows = order_rows[first]
    if (count == 0).any():
        labels.append(NO_EQUILIBRIUM)
    selected = np.full(points, len(labels) - 1, dtype=np.int64)
    selected[first_points] = codes[chosen_rows]
    pairs = np.zeros((points, len(labels)), dtype=np.int64)
    np.add.at(pairs, (ids, codes), 1)
    if (count == 0).any():
        pairs[count == 0, -1] = 1
    possible = pairs > 0
    certain = pairs == np.maximum(count, 1)[:, None]
    payoff = {}
    for column in payoff_columns:
        values = table[column].to_numpy(dtype=np.float64)
        mean = np.full(points, np.nan)
        mean[count > 0] = (
            np.bincount(ids, weights=values, minlength=points)[count > 0] / count[count > 0]
        )
        best = np.full(points, np.nan)
        best[first_points] = values[chosen_rows]
        payoff[column] = np.stack([mean, best])
    return _Answers(labels, count, selected, possible, certain, payoff)


def _indicator(answers: _Answers, code: int, selection: str) -> np.ndarray:
    if selection == "any":
        return answers.possible[:, code]
    if selection == "all":
        return answers.certain[:, code]
    return answers.selected == code


def _target_values(answers: _Answers, target: str, selection: str) -> np.ndarray:
    if target in answers.payoff:
        return answers.payoff[target][1 if selection == "payoff_dominant" else 0]
    return _indicator(answers, answers.labels.index(target), selection).astype(np.float64)


def _interval(values: np.ndarray, confidence: float) -> tuple[float, float, float]:
    """Mean and t-interval over the replicate means (randomised QMC)."""
    from scipy import stats

    means = values.reshape(REPLICATES, -1).mean(axis=1)
    mean = float(means.mean())
    half = float(
        stats.t.ppf(0.5 + confidence / 2, REPLICATES - 1)
        * means.std(ddof=1)
        / math.sqrt(REPLICATES)
    )
    return mean, max(0.0, mean - half), min(1.0, mean + half)


# ---------------------------------------------------------------------- exact 1-D
def _as_exact(value: Any) -> Fraction | float:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return float(value)


def _selected_words(outcomes: Sequence[str], selection: str) -> list[str] | None:
    """The outcomes a region counts for under a selection rule (``None``: the rule does not
    give one answer for the whole region)."""
    if selection == "any":
        return list(dict.fromkeys(outcomes))
    if len(set(outcomes)) == 1:
        return [outcomes[0]]
    return None if selection == "payoff_dominant" else []


def _exact_probabilities(
    game: Any,
    concept: SolutionConcept,
    method: str,
    item: Uncertain,
    fixed: Mapping[str, Any],
    selection: str,
) -> tuple[dict[str, Any], Any, str] | None:
    """``({outcome: probability}, multiplicity, method)`` from the exact regimes of one
    parameter, or ``None`` when the distribution or the selection rule does not allow it."""
    parameter = game.parameter(item.name)
    distribution = item.distribution
    low, high = (float(v) for v in distribution.support())
    domain = parameter.domain or (None, None)
    if domain[0] is not None:
        low = max(low, float(domain[0]))
    if domain[1] is not None:
        high = min(high, float(domain[1]))
    if item.bounds is not None:
        interval = (
            max(item.bounds[0], Fraction(domain[0]) if domain[0] is not None else item.bounds[0]),
            min(item.bounds[1], Fraction(domain[1]) if domain[1] is not None else item.bounds[1]),
        )
    else:
        if not math.isfinite(low):
            low = float(distribution.ppf(1e-15))
        if not math.isfinite(high):
            high = float(distribution.ppf(1 - 1e-15))
        interval = (Fraction(repr(low)), Fraction(repr(high)))
    found = regimes(
        game,
        {item.name: interval},
        fixed=dict(fixed),
        concept=concept,
        method=method if method in ("auto", "pure") else "auto",
    )
    if method not in ("auto", "pure") or found.method != method:
        return None
    width = item.bounds[1] - item.bounds[0] if item.bounds is not None else None
    probabilities: dict[str, Any] = {}
    multiplicity: Any = Fraction(0) if width is not None else 0.0
    exact_bounds = True
    last = len(found.regimes) - 1
    for k, regime in enumerate(found.regimes):
        a, b = (_as_exact(v) for v in regime.bounds[item.name])
        if width is not None and isinstance(a, Fraction) and isinstance(b, Fraction):
            mass: Any = (b - a) / width
        else:
            exact_bounds = False
            upper = 1.0 if k == last and item.bounds is None else float(distribution.cdf(float(b)))
            lower = 0.0 if k == 0 and item.bounds is None else float(distribution.cdf(float(a)))
            mass = upper - lower
        outcomes = regime.outcomes or (NO_EQUILIBRIUM,)
        chosen = _selected_words(outcomes, selection)
        if chosen is None:
            return None
        for word in chosen:
            probabilities[word] = probabilities.get(word, 0) + mass
        if regime.num_equilibria > 1:
            multiplicity = multiplicity + mass
    if not exact_bounds:
        probabilities = {k: float(v) for k, v in probabilities.items()}
        multiplicity = float(multiplicity)
    how = "exact" if exact_bounds else "exact (cdf)"
    return probabilities, multiplicity, how


def _exact_probabilities_2d(
    game: Any,
    concept: SolutionConcept,
    method: str,
    items: Sequence[Uncertain],
    fixed: Mapping[str, Any],
    selection: str,
) -> tuple[dict[str, Any], Any, str] | None:
    """Exact probabilities for two uniform parameters with rational bounds: the rectangle is
    cut into slabs of the second parameter where every candidate boundary ``a = f(b)`` (a
    rational function) keeps its order; each cell between consecutive curves has one
    structure (solved at its centre) and its area is an exact integral. ``None`` where the
    boundaries are not all rational functions or a selection is ambiguous."""
    from deterrence.analysis.concepts import fixed_values

    if method not in ("auto", "pure") or any(u.bounds is None for u in items):
        return None
    first, second = items
    values = fixed_values(game, {"defaults": True, **fixed}, [first.name, second.name])
    _chosen, fixed_game = prepare_analysis(game, concept, values, [first.name, second.name])
    if concept.needs_scan(fixed_game):
        return None
    a, b = (fixed_game.parameter(u.name).symbol for u in items)
    bounds = [
        (sympy.Rational(lo.numerator, lo.denominator), sympy.Rational(hi.numerator, hi.denominator))
        for lo, hi in (u.bounds for u in items if u.bounds is not None)
    ]
    (a0, a1), (b0, b1) = bounds
    curves: list[sympy.Expr] = []
    cuts = {b0, b1}
    for variable in (a, b):
        for expression, info in concept.candidates(
            fixed_game, variable, {}, (None, None), method=method
        ):
            if info.get("numeric"):
                return None
            expression = sympy.cancel(sympy.sympify(expression))
            free = expression.free_symbols
            if variable == b:
                if not free and expression.is_real and b0 < expression < b1:
                    cuts.add(expression)
                continue  # curves b = h(a) are also found as a = f(b)
            if not free <= {b} or not expression.is_rational_function(b):
                return None
            curves.append(expression)
    curves = list(dict.fromkeys(curves))
    for k, curve in enumerate(curves):
        numerator, denominator = sympy.fraction(sympy.together(curve))
        equations = [denominator, numerator - a0 * denominator, numerator - a1 * denominator]
        equations += [sympy.numer(sympy.together(curve - other)) for other in curves[k + 1 :]]
        for equation in equations:
            equation = sympy.expand(equation)
            if equation.free_symbols != {b}:
                continue
            for root in sympy.Poly(equation, b).real_roots():
                if b0 < root < b1:
                    cuts.add(root)
    edges = sorted(cuts, key=lambda v: float(v))
    cells = []  # (low curve, high curve, slab low, slab high, probe a, probe b)
    for low_b, high_b in zip(edges, edges[1:]):
        middle = (float(low_b) + float(high_b)) / 2
        levels = [(float(a0), a0), (float(a1), a1)]
        for curve in curves:
            value = float(curve.subs(b, middle))
            if float(a0) < value < float(a1):
                levels.append((value, curve))
        levels.sort(key=lambda pair: pair[0])
        for (low_value, low_curve), (high_value, high_curve) in zip(levels, levels[1:]):
            if high_value - low_value > 1e-12:
                cells.append(
                    (low_curve, high_curve, low_b, high_b, (low_value + high_value) / 2, middle)
                )
    if not cells:
        return None
    structures = concept.structure_at(
        fixed_game,
        {first.name: [c[4] for c in cells], second.name: [c[5] for c in cells]},
        method=method,
    )
    total = (a1 - a0) * (b1 - b0)
    probabilities: dict[str, Any] = {}
    multiplicity: Any = sympy.Integer(0)
    for (low_curve, high_curve, low_b, high_b, _pa, _pb), structure in zip(cells, structures):
        mass = sympy.integrate(high_curve - low_curve, (b, low_b, high_b)) / total
        outcomes = concept.outcomes(fixed_game, structure) or (NO_EQUILIBRIUM,)
        chosen = _selected_words(outcomes, selection)
        if chosen is None:
            return None
        for word in chosen:
            probabilities[word] = probabilities.get(word, sympy.Integer(0)) + mass
        if len(concept.labels(fixed_game, structure)) > 1:
            multiplicity += mass
    out = {word: _exact_value(value) for word, value in probabilities.items()}
    return out, _exact_value(multiplicity), "exact"


def _agrees(
    exact: Mapping[str, Any],
    answers: _Answers,
    labels: Sequence[str],
    selection: str,
    size: int,
    confidence: float,
) -> bool:
    """Whether exact probabilities lie within five QMC half-widths (at least 0.01) of the
    estimates (a guard on the 2-D integration)."""
    for word, value in exact.items():
        if word in labels[: answers.possible.shape[1]]:
            code = labels.index(word)
            draws = _indicator(answers, code, selection)[:size].astype(np.float64)
        else:
            draws = np.zeros(size)
        estimate, low, high = _interval(draws, confidence)
        if abs(float(value) - estimate) > max(5 * (high - low) / 2, 0.01):
            return False
    return True


def _exact_value(value: Any) -> Any:
    """A sympy number as a Fraction when rational, else expanded (exact)."""
    value = value if value.is_Rational else sympy.expand(sympy.expand_log(value, force=True))
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return value


# ---------------------------------------------------------------------- the entry point
def robustness(
    game: AnalysableGame,
    distributions: Mapping[str, Any],
    *,
    outcome: str | None = None,
    concept: str | SolutionConcept = "auto",
    samples: int = DEFAULT_SAMPLES,
    rng: np.random.Generator | int | None = None,
    backend: str = "serial",
    fixed: Mapping[str, Any] | str | None = None,
    selection: str = "payoff_dominant",
    checkpoint: str | os.PathLike | None = None,
    progress: bool = True,
    method: str = "auto",
    sensitivity_samples: int | None = DEFAULT_SENSITIVITY_SAMPLES,
    confidence: float = 0.95,
    boxes: int = 3,
    threshold: float = 0.8,
    **sweep_options: Any,
) -> RobustnessResult:
    r"""How likely each outcome is, which parameter matters most, and where an outcome holds,
    when parameters are uncertain.

    Parameters
    ----------
    game : game
        Any analysable game (see :mod:`deterrence.analysis.concepts`); for a model, use
        :func:`deterrence.robustness`, which builds it.
    distributions : mapping
        ``{parameter: distribution}``: a ``scipy.stats`` frozen distribution or a shorthand
        (``("uniform", 0.4, 0.9)``, ``"uniform:0.4:0.9"``, ``("beta", 8, 2)`` on the
        parameter's bounded domain, ``("normal", mean, sd)``, ``("triangular", low, mode,
        high)``; see :func:`parse_distribution`). Parameters not named keep their defaults
        or the ``fixed`` values.
    outcome : str, optional
        The target of the sensitivity indices and the scenario boxes: an outcome in the
        analyst's words (its indicator) or ``"payoff:<player>"`` (the equilibrium payoff).
        Default: the first outcome the game declares that occurs (``"coercion deterred"``
        for ``denial``), else the most likely one.
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own by default).
    samples : int, default 4096
        Quasi-Monte Carlo draws, rounded up to ``REPLICATES`` (8) times a power of two.
    rng : numpy.random.Generator, int or None
        Seeds the scrambling and the bootstrap; the same seed gives the same result.
    backend : {"serial", "processes", "dask"}
        Where :func:`~deterrence.analysis.sweep` solves the draws.
    fixed : mapping or "defaults", optional
        Values of parameters that are not uncertain (others take their defaults).
    selection : {"payoff_dominant", "any", "all"}
        The single answer at a draw with several equilibria. ``"payoff_dominant"``
        (default): the equilibrium with the largest total payoff (the first in the solver's
        order among ties), which is the payoff-dominant equilibrium of Harsanyi and Selten
        (1988) whenever one exists; the probabilities then sum to one. ``"any"``: an outcome
        counts where some equilibrium has it (it is *possible*); ``"all"``: where every
        equilibrium has it (it is *certain*). Every row also reports both shares.
    checkpoint : path, optional
        Passed to :func:`~deterrence.analysis.sweep`: an interrupted run resumes.
    progress : bool, default True
        Show the sweep's progress bar.
    method : str, default "auto"
        The equilibria sought (as :func:`~deterrence.analysis.sweep`).
    sensitivity_samples : int or None, default 512
        Base sample ``N`` of Saltelli's scheme (a power of two; ``N * (d + 2)`` more solves
        for ``d`` uncertain parameters); ``None`` skips the sensitivity analysis.
    confidence : float, default 0.95
        Level of the confidence intervals.
    boxes : int, default 3
        At most this many scenario boxes (0 skips scenario discovery).
    threshold : float, default 0.8
        Least density of a reported box.
    **sweep_options
        Passed to :func:`~deterrence.analysis.sweep` (``chunk_size``, ``client``,
        ``workers``, ``tol``).

    Returns
    -------
    RobustnessResult

    Raises
    ------
    InvalidGameError
        Unknown or fixed parameters, bad distributions, an unknown outcome, selection or
        backend, too few samples.
    MissingDependencyError
        Sensitivity indices without SALib (``pip install 'deterrence[robustness]'``).

    Notes
    -----
    *Probabilities.* With one uncertain parameter the regimes of
    :func:`~deterrence.analysis.regimes` are exact intervals, so the probability of an
    outcome is the probability of its intervals: ``(b - a) / (high - low)`` summed, a
    ``Fraction``, for a uniform distribution with rational bounds and rational thresholds;
    ``F(b) - F(a)`` otherwise (floats; an unbounded support is cut at the ``1e-15`` and
    ``1 - 1e-15`` quantiles and the end regimes take the tails). The exact answer is used
    whenever the selection rule gives one outcome per regime. With two uniformly
    distributed parameters (rational bounds) whose regime boundaries are rational functions
    ``a = f(b)``, the rectangle is cut into slabs of ``b`` where no two boundaries cross, each
    cell between consecutive boundaries is solved at its centre, and its area is integrated
    exactly by sympy (a ``Fraction``, or an exact sympy number such as ``50/27 +
    175*log(7)/27 - 350*log(3)/27``); it is used only if it lies within five half-widths of
    the QMC estimate. Always, and for more
    parameters, the probabilities are estimated by randomised quasi-Monte Carlo (Owen 1997):
    ``REPLICATES`` independently scrambled Sobol' sequences, each mapped through the
    distributions' quantile functions; the estimate is the mean of the replicate means and
    the interval is Student's ``t`` interval over them (``REPLICATES - 1`` degrees of
    freedom).

    *Sensitivity.* Sobol' indices (Saltelli et al. 2010) by SALib on a Saltelli sample of
    the unit cube mapped through the quantile functions: ``S_i = Var(E[Y | X_i]) / Var(Y)``
    (first order) and ``S_Ti = E[Var(Y | X_{~i})] / Var(Y)`` (total), with bootstrap
    half-widths. ``Y`` is the target outcome's indicator under the selection rule, or the
    selected equilibrium's payoff (``"any"``/``"all"``: the mean payoff over the
    equilibria). A target that never varies has undefined indices (NaN, said in the notes).

    *Scenario discovery.* PRIM (:func:`prim_boxes`) on the first ``PRIM_MAX_DRAWS`` QMC
    draws and the target outcome's indicator.

    Examples
    --------
    >>> import deterrence as dt
    >>> game = dt.get_model("denial").build()
    >>> result = robustness(game, {"credibility": ("uniform", 0.4, 0.9)}, rng=1,
    ...                     progress=False, sensitivity_samples=None)
    >>> result.probability("coercion deterred")
    Fraction(29, 405)
    >>> result.probabilities[["outcome", "method"]]
                         outcome method
    0          coercion deterred  exact
    1  coerced, coalition shares  exact
    """
    from deterrence.analysis.concepts import fixed_values

    if selection not in SELECTIONS:
        raise InvalidGameError(f"selection must be one of {list(SELECTIONS)}, got {selection!r}")
    if (
        not isinstance(samples, (int, np.integer))
        or isinstance(samples, bool)
        or samples < 2 * REPLICATES
    ):
        raise InvalidGameError(f"samples must be an integer >= {2 * REPLICATES}, got {samples!r}")
    if not 0 < confidence < 1:
        raise InvalidGameError(f"confidence must lie in (0, 1), got {confidence!r}")
    if not isinstance(distributions, Mapping) or not distributions:
        raise InvalidGameError(
            "distributions must be a non-empty mapping {parameter: distribution}, got "
            f"{distributions!r}"
        )
    names = [str(n) for n in distributions]
    chosen, prepared = prepare_analysis(game, concept)
    fixed_map = fixed_values(prepared, fixed, names)
    uncertain = [
        parse_distribution(prepared.parameter(name), spec) for name, spec in distributions.items()
    ]
    missing = [
        p.name
        for p in prepared.parameters
        if p.name not in names and p.name not in fixed_map and p.default is None
    ]
    if missing:
        raise InvalidGameError(
            f"parameter(s) {missing} are not uncertain, not fixed and have no default; give "
            "them a distribution or fixed="
        )
    rng = np.random.default_rng(rng)
    unit, per_replicate = _unit_draws(len(uncertain), samples, rng)
    draws = _to_parameters(unit, uncertain, prepared)
    saltelli = None
    if sensitivity_samples is not None:
        saltelli = _saltelli(uncertain, sensitivity_samples, rng)
        grid = pd.concat(
            [draws, _to_parameters(saltelli[1], uncertain, prepared)], ignore_index=True
        )
    else:
        grid = draws
    table = sweep(
        prepared,
        grid,
        method=method,
        backend=backend,
        progress=progress,
        checkpoint=checkpoint,
        concept=chosen,
        fixed=fixed_map or None,
        **sweep_options,
    )
    assert isinstance(table, pd.DataFrame)
    declared = getattr(prepared, "outcomes", None)
    order = list(declared.labels) if declared is not None else []
    answers = _answers(table, grid, order)
    size = len(draws)
    labels = answers.labels
    notes = [
        f"Quasi-Monte Carlo: {size:,} draws = {REPLICATES} independently scrambled Sobol' "
        f"sequences of {per_replicate:,}; intervals are {confidence:.0%} Student t intervals "
        "over the replicate means."
    ]
    # --- probabilities
    rows = []
    exact = None
    if len(uncertain) == 1:
        exact = _exact_probabilities(
            prepared, chosen, table.attrs.get("method", method), uncertain[0], fixed_map, selection
        )
    elif len(uncertain) == 2:
        try:
            exact = _exact_probabilities_2d(
                prepared, chosen, table.attrs.get("method", method), uncertain, fixed_map, selection
            )
        except (NotImplementedError, TypeError, ValueError, sympy.PolynomialError):
            exact = None  # boundaries sympy cannot order or integrate: QMC only
        if exact is not None and not _agrees(
            exact[0], answers, labels, selection, size, confidence
        ):
            notes.append(
                "The exact integral over the regime boundaries disagreed with the "
                "QMC estimate and was not used (please report this game)."
            )
            exact = None
    if exact is None and len(uncertain) <= 2:
        notes.append(
            "No exact probabilities: the selection rule does not pick one outcome "
            "per regime, a distribution is not uniform (two parameters), the "
            "boundaries are not rational functions, or the method is not "
            "'auto'/'pure'."
        )
    if exact is not None:
        for word in exact[0]:
            if word not in labels:
                labels.append(word)
    for code, word in enumerate(labels):
        values = (
            _indicator(answers, code, selection)[:size].astype(np.float64)
            if code < answers.possible.shape[1]
            else np.zeros(size)
        )
        estimate, low, high = _interval(values, confidence)
        possible = (
            float(answers.possible[:size, code].mean()) if code < answers.possible.shape[1] else 0.0
        )
        certain = (
            float(answers.certain[:size, code].mean()) if code < answers.certain.shape[1] else 0.0
        )
        if exact is not None:
            value = exact[0].get(word, Fraction(0) if exact[2] == "exact" else 0.0)
            rows.append(
                (word, value, value, value, exact[2], estimate, low, high, possible, certain)
            )
        else:
            rows.append(
                (
                    word,
                    estimate,
                    low,
                    high,
                    "quasi-Monte Carlo",
                    estimate,
                    low,
                    high,
                    possible,
                    certain,
                )
            )
    probabilities = pd.DataFrame(
        rows,
        columns=[
            "outcome",
            "probability",
            "low",
            "high",
            "method",
            "estimate",
            "estimate_low",
            "estimate_high",
            "possible",
            "certain",
        ],
    )
    if exact is not None:
        probabilities["low"] = probabilities["low"].astype(float)
        probabilities["high"] = probabilities["high"].astype(float)
        if len(uncertain) == 2:
            exact_note = (
                "exact: areas between the exact regime boundaries, integrated in "
                "sympy (a Fraction, or an exact sympy number)"
            )
        elif exact[2] == "exact":
            exact_note = "exact: the probability of the exact regime intervals (a Fraction)"
        else:
            exact_note = "exact (cdf): cdf differences over the exact regime intervals (floats)"
        notes.append(f"Probabilities are {exact_note}; 'estimate' is the QMC estimate.")
    several = answers.count[:size] > 1
    if exact is not None:
        multiplicity, multiplicity_method = exact[1], f"{exact[2]}, from the regimes"
    else:
        multiplicity = float(several.mean())
        multiplicity_method = "share of QMC draws"
    notes.append(
        f"Selection '{selection}': "
        + {
            "payoff_dominant": "at a draw with several equilibria, the one with the largest total "
            "payoff (first among ties).",
            "any": "an outcome counts where some equilibrium has it.",
            "all": "an outcome counts where every equilibrium has it.",
        }[selection]
    )
    # --- target
    target = _choose_target(outcome, labels, order, probabilities, answers)
    values = (
        _target_values(answers, target, selection)
        if target in answers.payoff or target in answers.labels
        else np.zeros(len(grid))
    )
    # --- sensitivity
    if saltelli is not None:
        sensitivity_frame = _sobol(saltelli[0], values[size:], uncertain, rng, confidence)
        notes.append(
            f"Sobol' indices of {target} by SALib (Saltelli sampling, N = "
            f"{sensitivity_samples}, {len(grid) - size:,} solves; 'conf' columns are "
            f"{confidence:.0%} bootstrap half-widths)."
        )
        if sensitivity_frame["first_order"].isna().all():
            notes.append(
                f"{target} does not vary over the Saltelli sample: its indices are undefined (NaN)."
            )
    else:
        sensitivity_frame = pd.DataFrame(
            columns=["parameter", "first_order", "first_order_conf", "total", "total_conf"]
        )
    # --- scenario discovery
    found: list[ScenarioBox] = []
    if boxes and target in answers.labels:
        limit = min(size, PRIM_MAX_DRAWS)
        found = prim_boxes(
            draws.to_numpy()[:limit],
            values[:limit] > 0.5,
            names,
            max_boxes=boxes,
            threshold=threshold,
            outcome=target,
        )
        notes.append(
            f"Boxes by PRIM (Friedman and Fisher 1999) on {limit:,} QMC draws: "
            "density = share of the box's draws with the outcome, coverage = share "
            "of all the outcome's draws inside the box."
        )
    frame = draws.copy()
    frame["outcome"] = (
        pd.Categorical.from_codes(answers.selected[:size], labels[: answers.possible.shape[1]])
        if size
        else pd.Categorical([])
    )
    frame["num_equilibria"] = answers.count[:size]
    frame["target"] = values[:size]
    return RobustnessResult(
        title=getattr(prepared, "title", "") or "",
        concept=chosen.name,
        method=str(table.attrs.get("method", method)),
        selection=selection,
        target=target,
        distributions={u.name: u.text for u in uncertain},
        fixed=fixed_map,
        samples=size,
        probabilities=probabilities,
        multiplicity=multiplicity,
        multiplicity_method=multiplicity_method,
        sensitivity=sensitivity_frame,
        boxes=tuple(found),
        draws=frame,
        confidence=confidence,
        notes=tuple(notes),
    )


def _choose_target(
    outcome: str | None,
    labels: Sequence[str],
    order: Sequence[str],
    probabilities: pd.DataFrame,
    answers: _Answers,
) -> str:
    if outcome is None:
        for word in order:
            if word in labels:
                return word
        best = probabilities.sort_values("estimate", ascending=False, kind="stable")
        return str(best["outcome"].iloc[0])
    if outcome.startswith("payoff:"):
        if outcome not in answers.payoff:
            raise InvalidGameError(
                f"outcome={outcome!r}: no such payoff; choose from {sorted(answers.payoff)}"
            )
        return outcome
    if outcome not in labels and outcome not in order:
        raise InvalidGameError(
            f"outcome={outcome!r} is not an outcome of this game; its outcomes are "
            f"{list(dict.fromkeys([*order, *labels]))} (or 'payoff:<player>')"
        )
    return outcome


def _saltelli(
    uncertain: Sequence[Uncertain], base: int, rng: np.random.Generator
) -> tuple[dict[str, Any], np.ndarray]:
    if not isinstance(base, (int, np.integer)) or base < 2 or base & (base - 1):
        raise InvalidGameError(f"sensitivity_samples must be a power of two >= 2, got {base!r}")
    try:
        from SALib.sample import sobol as saltelli_sample
    except ImportError:
        raise MissingDependencyError(
            "Sobol' sensitivity indices need SALib: pip install 'deterrence[robustness]' (or "
            "pass sensitivity_samples=None)"
        ) from None
    problem = {
        "num_vars": len(uncertain),
        "names": [u.name for u in uncertain],
        "bounds": [[0.0, 1.0]] * len(uncertain),
    }
    unit = saltelli_sample.sample(
        problem, int(base), calc_second_order=False, seed=int(rng.integers(2**31))
    )
    # quantile functions are infinite at 0 and 1; Saltelli points may touch the edges
    return problem, np.clip(unit, 1e-12, 1 - 1e-12)


def _sobol(
    problem: dict[str, Any],
    values: np.ndarray,
    uncertain: Sequence[Uncertain],
    rng: np.random.Generator,
    confidence: float,
) -> pd.DataFrame:
    from SALib.analyze import sobol as sobol_analyze

    names = [u.name for u in uncertain]
    clean = np.nan_to_num(values, nan=0.0)
    if np.ptp(clean) == 0:
        nan = [math.nan] * len(names)
        return pd.DataFrame(
            {
                "parameter": names,
                "first_order": nan,
                "first_order_conf": nan,
                "total": nan,
                "total_conf": nan,
            }
        )
    indices = sobol_analyze.analyze(
        problem,
        clean,
        calc_second_order=False,
        conf_level=confidence,
        seed=int(rng.integers(2**31)),
    )
    return pd.DataFrame(
        {
            "parameter": names,
            "first_order": indices["S1"],
            "first_order_conf": indices["S1_conf"],
            "total": indices["ST"],
            "total_conf": indices["ST_conf"],
        }
    )
