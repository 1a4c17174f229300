r"""Robust conclusions under uncertainty, for models as well as games (interface layer).

:func:`robustness` is :func:`deterrence.analysis.robustness.robustness` for anything an
analyst names: a game, a :class:`~deterrence.models.Model` or a model's registry name
(``"denial"``). A model is built with :meth:`~deterrence.models.Model.build`; its structural
options (such as ``num_partners`` of ``friend_shoring``) may be given in ``fixed`` and go to
the builder. :func:`parse_dist_option` reads the command line's ``--dist name=spec``.

This module sits in the interface layer (it imports :mod:`deterrence.models`), so that the
analysis layer never imports a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from deterrence.analysis.robustness import RobustnessResult
from deterrence.analysis.robustness import robustness as robustness_of_game
from deterrence.exceptions import InvalidGameError

__all__ = ["robustness", "parse_dist_option", "RobustnessResult"]


def robustness(
    game_or_model: Any,
    distributions: Mapping[str, Any],
    *,
    fixed: Mapping[str, Any] | str | None = None,
    **options: Any,
) -> RobustnessResult:
    """How likely each outcome is, which parameter matters most, and where an outcome holds,
    for a game or a model with uncertain parameters.

    Parameters
    ----------
    game_or_model : game, Model or str
        A game, a :class:`~deterrence.models.Model`, or a model's name.
    distributions : mapping
        ``{parameter: distribution}`` (``scipy.stats`` frozen distributions or shorthands
        such as ``("uniform", 0.4, 0.9)``, ``"uniform:0.4:0.9"``, ``("beta", 8, 2)``).
    fixed : mapping or "defaults", optional
        Values of parameters that are not uncertain; for a model, structural options
        (``num_partners``) are passed to its builder.
    **options
        Everything else :func:`deterrence.analysis.robustness.robustness` takes
        (``outcome``, ``concept``, ``samples``, ``rng``, ``backend``, ``selection``,
        ``checkpoint``, ``progress``, ...).

    Returns
    -------
    RobustnessResult

    Raises
    ------
    InvalidGameError
        Unknown model, parameters or distributions (see the analysis function).

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.robustness("denial", {"credibility": "uniform:0.4:0.9"}, rng=0,
    ...                        progress=False, sensitivity_samples=None)
    >>> result.probability("coercion deterred"), result.boxes[0].conditions
    (Fraction(29, 405), 'credibility >= 0.864')
    """
    from deterrence.models import Model, get_model

    model = get_model(game_or_model) if isinstance(game_or_model, str) else game_or_model
    if isinstance(model, Model):
        structural: dict[str, Any] = {}
        if isinstance(fixed, Mapping):
            structural, rest = model.split(fixed)
            fixed = rest
        clash = sorted(set(distributions) & set(model.structural))
        if clash:
            raise InvalidGameError(
                f"{clash} are structural parameters of model {model.name!r} (they change the "
                "game's shape) and cannot be uncertain; fix them with fixed="
            )
        game = model.build(**structural)
    else:
        game = model
    return robustness_of_game(game, distributions, fixed=fixed, **options)


def parse_dist_option(text: str) -> tuple[str, str]:
    """Read one ``--dist name=spec`` option.

    Parameters
    ----------
    text : str
        ``"credibility=uniform:0.4:0.9"``.

    Returns
    -------
    (str, str)
        The parameter and the shorthand.

    Raises
    ------
    InvalidGameError
        Without ``=``.

    Examples
    --------
    >>> parse_dist_option("coverage=beta:8:2")
    ('coverage', 'beta:8:2')
    """
    name, sep, spec = text.partition("=")
    if not sep or not name.strip() or not spec.strip():
        raise InvalidGameError(
            f"--dist {text!r}: expected NAME=SPEC, e.g. credibility=uniform:0.4:0.9"
        )
    return name.strip(), spec.strip()
