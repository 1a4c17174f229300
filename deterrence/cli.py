"""The ``deterrence`` command line.

Subcommands
-----------
``models``
    List the scenario library (name, story, game kind, parameters).
``analyze MODEL|FILE``
    :func:`deterrence.analyze` of a model or a game file at its defaults (or ``--set
    name=value``): the equilibria in the model's words, the thresholds and regimes of the key
    parameter (``--parameter``), for trees the credible first moves; ``--plot FILE`` writes
    the regime map, ``--concept`` chooses the solution concept (default: the game's own,
    subgame perfect for trees). Anonymous N-player models (``friend_shoring``,
    ``swing_states``) report count equilibria ("3 of 5 honour") and symmetric equilibria with
    their stability; their structural parameters (the number of players, a quorum) are
    chosen with ``--set`` too and rebuild the game.
``solve FILE``
    The equilibria table of a game file (``.toml`` scenario, Gambit ``.nfg``/``.efg``);
    ``--exact`` for rational arithmetic, ``--method`` to choose the algorithm.
``sweep MODEL|FILE --grid name=start:stop:num ...``
    Solve on a parameter grid; ``--out results.parquet|csv``, ``--plot FILE``,
    ``--backend serial|processes|dask``. Structural parameters are not swept: fix them
    with ``--set``.
``convert INPUT OUTPUT``
    Convert between ``.toml``, ``.nfg`` and ``.efg`` (by file suffix); an anonymous model
    is written as its expanded normal form (small N only).

Every subcommand takes ``--help``; ``--json`` prints machine-readable output on stdout.

Exit codes
----------
0
    Success.
1
    An error in the input or the analysis: a malformed or missing file, a parameter value
    outside its domain, a game a solver cannot handle.
2
    A usage error: unknown subcommand or option, a malformed ``--grid``/``--set``, or a
    MODEL|FILE argument that names neither a model nor a file.

With ``--json``, errors are also printed on stdout as ``{"error": message, "exit_code": n}``.

JSON output
-----------
``models``
    A list of ``{name, story, kind, parameters, key_parameter, key_result}``.
``solve``
    ``{source, game, parameters, method, exact, complete, degenerate, equilibria, ...}``;
    each equilibrium has ``outcome``, ``strategies`` (``{player: {strategy: probability}}``),
    ``payoffs`` (``{player: value}``), ``is_pure`` and ``max_regret`` as numbers, plus
    ``strategies_exact`` and ``payoffs_exact`` (strings such as ``"8/9"``) in exact mode.
``analyze``
    :meth:`deterrence.report.AnalysisReport.to_json` (``concept``, ``parameters``,
    ``structural``, ``equilibria`` with ``outcome`` in the model's words and the raw
    ``profile``, ``strategies``, ``payoffs`` and ``is_pure``; ``key_parameter``,
    ``thresholds`` with ``value_exact`` and ``description``, ``regimes``, ``credible_moves``
    for trees, ``game_type``, ``assumptions``, ``story``, ``key_result``, ``size``) plus
    ``source``, ``kind`` and ``plot``.
``sweep``
    ``{source, grid, rows, columns}`` plus ``out`` (the file written) or ``records`` (the
    table, one object per row).
``convert``
    ``{input, output}`` (plus ``structural`` and ``parameters`` for anonymous models).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from deterrence.exceptions import BudgetExceededError, DeterrenceError, did_you_mean, unknown_names
from deterrence.games.outcomes import plural

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_ERROR", "EXIT_USAGE"]

#: Exit codes scripts can rely on.
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

GAME_SUFFIXES = (".toml", ".nfg", ".efg")


class UsageError(Exception):
    """A command-line usage problem (exit code 2)."""


class InputError(Exception):
    """A problem with the input or the analysis outside DeterrenceError (exit code 1)."""


# ---------------------------------------------------------------------------- helpers
def _number(text: str) -> Any:
    """Parse ``"0.5"``, ``"1/2"`` or ``"3"`` exactly (a Fraction)."""
    from deterrence.games._numbers import check_number_size

    try:
        check_number_size(text, "value")  # "1e999999999" would take minutes to build
    except DeterrenceError as exc:
        raise UsageError(str(exc)) from None
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise UsageError(f"{text!r} is not a number (use e.g. 0.5 or 1/2)") from None


def _parse_assignments(items: Sequence[str] | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set expects name=value, got {item!r}")
        values[name.strip()] = _number(value)
    return values


def _parse_grid(items: Sequence[str] | None) -> dict[str, tuple[Any, ...]]:
    from deterrence.io.scenario import parse_grid_spec

    grid: dict[str, tuple[Any, ...]] = {}
    for item in items or ():
        name, sep, spec = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--grid expects name=start:stop:num, got {item!r}")
        try:
            if ":" in spec:
                grid[name.strip()] = parse_grid_spec(spec)
            else:
                grid[name.strip()] = parse_grid_spec(spec.split(","))
        except DeterrenceError as exc:
            raise UsageError(f"--grid {item!r}: {exc}") from None
    return grid


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _text(value: Any) -> str:
    from deterrence.report import number_text

    return number_text(value)


def _print_json(payload: Any) -> None:
    print(json.dumps(_jsonable(payload), indent=2, ensure_ascii=False))


class _Source:
    """What a MODEL|FILE argument names: a game (possibly parametric) and its settings."""

    def __init__(
        self, game: Any, *, name: str, kind: str, model: Any = None, scenario: Any = None
    ) -> None:
        self.game, self.name, self.kind = game, name, kind
        self.model, self.scenario = model, scenario

    @property
    def is_parametric(self) -> bool:
        return bool(getattr(self.game, "parameters", ()))

    def concrete(self, values: dict[str, Any]) -> Any:
        """The game at ``values`` (defaults fill the gaps)."""
        at = getattr(self.game, "at", None)
        if at is not None:
            return at(**values)
        if values:
            raise InputError(f"{self.name} has no parameters; --set does not apply")
        return self.game


def _load_file(path: Path) -> _Source:
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if suffix == ".toml":
        from deterrence.io.scenario import load_scenario

        scenario = load_scenario(path)
        return _Source(scenario.game, name=str(path), kind="scenario", scenario=scenario)
    if suffix in (".nfg", ".efg"):
        from deterrence.io.gambit import read_gambit

        return _Source(read_gambit(path), name=str(path), kind=suffix[1:])
    raise UsageError(
        f"{path}: unknown file type {suffix or '(none)'!r}; expected one of {GAME_SUFFIXES}"
    )


def _load_source(spec: str, *, allow_models: bool = True) -> _Source:
    path = Path(spec)
    if path.suffix.lower() in GAME_SUFFIXES or path.exists():
        return _load_file(path)
    if not allow_models:
        raise UsageError(f"{spec}: no such file (expected a {', '.join(GAME_SUFFIXES)} file)")
    from deterrence.models import get_model
    from deterrence.models._registry import REGISTRY

    if spec not in REGISTRY:
        guess = did_you_mean(spec, REGISTRY)
        hint = f" (did you mean {guess!r}?)" if guess else ""
        raise UsageError(
            f"{spec!r} is neither a model nor a file{hint}; models are {', '.join(REGISTRY)} "
            "(see 'deterrence models')"
        )
    model = get_model(spec)
    return _Source(model.build(), name=spec, kind="model", model=model)


def _normal_form(game: Any) -> Any:
    from deterrence.games.normal_form import NormalFormGame

    if isinstance(game, NormalFormGame):
        return game
    convert = getattr(game, "to_normal_form", None)
    if convert is None:
        raise InputError(f"cannot solve a {type(game).__name__} as a normal-form game")
    return convert()


def _solve(game: Any, method: str, exact: bool | None, *, chosen: bool = True) -> Any:
    """Solve ``game`` (``"auto"`` means what it means for :func:`deterrence.solve`: every
    equilibrium within the work budget, else the pure ones with a note)."""
    from deterrence.solvers.api import solve

    game = _normal_form(game)
    use_exact = game.is_exact if exact is None else exact
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = solve(game, method, exact=use_exact)
        except DeterrenceError as exc:
            # exact arithmetic was our default, not the user's request: fall back to floats
            # for methods that compute in floating point
            if exact is not None or not use_exact or "exact" not in str(exc):
                raise
            result = solve(game, method, exact=False)
    notes = [str(w.message) for w in caught]
    return result, notes


def _equilibria_payload(result: Any) -> list[dict[str, Any]]:
    rows = []
    for eq in result:
        row = {
            "outcome": eq.outcome,
            "strategies": {p: {s: float(v) for s, v in d.items()} for p, d in eq.as_dict().items()},
            "payoffs": {p: float(v) for p, v in zip(result.game.players, eq.payoffs)},
            "is_pure": eq.is_pure,
            "max_regret": float(eq.max_regret()),
        }
        if result.exact:
            row["strategies_exact"] = {
                p: {s: _text(v) for s, v in d.items()} for p, d in eq.as_dict().items()
            }
            row["payoffs_exact"] = {p: _text(v) for p, v in zip(result.game.players, eq.payoffs)}
        rows.append(row)
    return rows


def _values_text(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_text(v)}" for k, v in values.items())


# ---------------------------------------------------------------------------- commands
def _cmd_models(args: argparse.Namespace) -> int:
    from deterrence.models import catalog, get_model

    table = catalog()
    if args.json:
        records = table.to_dict(orient="records")
        for record in records:
            record["presets"] = list(get_model(str(record["name"])).presets)
        _print_json(records)
        return EXIT_OK
    width = max(len(n) for n in table["name"]) if len(table) else 4
    print(f"{len(table)} models (deterrence analyze NAME):")
    for row in table.itertuples():
        print(f"  {row.name.ljust(width)}  [{row.kind}] {row.story}")
        print(f"  {' ' * width}  parameters: {row.parameters}")
        presets = get_model(row.name).presets
        for preset in presets.values():
            print(f"  {' ' * width}  --preset {preset.name}: {preset.title}")
    return EXIT_OK


def _kind(game: Any) -> str:
    name = type(game).__name__
    return {
        "ExtensiveFormGame": "extensive",
        "AnonymousGame": "anonymous",
        "ParametricAnonymousGame": "anonymous",
    }.get(name, "normal")


def _anonymous_game(
    source: _Source, values: dict[str, Any]
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """An anonymous source at ``--set`` values: (game, structural values, the other values).

    Structural values (the number of players, a quorum) rebuild the game through the model;
    the others are values of the game's parameters (not yet validated against domains).
    """
    from deterrence.games.anonymous import AnonymousGame
    from deterrence.games.parametric_anonymous import ParametricAnonymousGame

    game, model = source.game, source.model
    if isinstance(game, AnonymousGame):
        game = ParametricAnonymousGame.from_game(game)
    structural_names = tuple(getattr(model, "structural", ()) if model is not None else ())
    structural, rest = model.split(values) if model is not None else ({}, dict(values))
    unknown = sorted(set(rest) - set(game.parameter_names))
    if unknown:
        raise InputError(_anonymous_names(game, model, unknown))
    if structural:
        game = model.build(**structural)
    sizes = {
        name: _integral(structural.get(name, model.parameter(name).default))
        for name in structural_names
    }
    return game, sizes, rest


def _anonymous_names(game: Any, model: Any, unknown: list[str]) -> str:
    """The error for names ``--set`` does not accept for an anonymous game, in words."""
    structural = list(getattr(model, "structural", ()) if model is not None else ())
    text = unknown_names("parameter", unknown, [*game.parameter_names, *structural])
    if structural:
        text += (
            f" (analysable: {list(game.parameter_names)}; structural, they fix the size of the"
            f" game, choose them with --set: {structural})"
        )
    return text


def _integral(value: Any) -> Any:
    """``Fraction(5)`` as ``5`` (sizes read better as integers)."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return value


def _preset_values(source: _Source, preset: str | None) -> dict[str, Any]:
    """The values of ``--preset NAME`` of a model (``--set`` values override them)."""
    if preset is None:
        return {}
    if source.model is None:
        raise UsageError(f"--preset applies to models only, not to {source.name}")
    try:
        return source.model.preset_values(preset)
    except DeterrenceError as exc:
        raise UsageError(str(exc)) from None


def _cmd_analyze(args: argparse.Namespace) -> int:
    """``analyze``: :func:`deterrence.analyze` of the model or game, printed or as JSON."""
    from deterrence.report import analyze

    source = _load_source(args.target)
    parameter = args.parameter
    if parameter is None and source.scenario is not None and source.scenario.grid:
        parameter = next(iter(source.scenario.grid))  # the scenario's first swept parameter
    method = args.method or (source.scenario.method if source.scenario else "auto")
    report = analyze(
        source.model if source.model is not None else source.game,
        values=_preset_values(source, args.preset) | _parse_assignments(args.set),
        parameter=parameter,
        concept=args.concept,
        method=method,
    )
    plot_path = _save_figure(report.plot, args.plot, two=False, dpi=args.dpi) if args.plot else None
    if args.json:
        payload = report.to_json()
        payload.update(source=source.name, kind=source.kind)
        if args.preset:
            payload["preset"] = args.preset
        if plot_path:
            payload["plot"] = str(plot_path)
        _print_json(payload)
        return EXIT_OK
    if args.preset:
        print(f"Preset {args.preset}: {source.model.presets[args.preset].title}\n")
    print(report.to_text())
    if plot_path:
        print(f"\nRegime map written to {plot_path}")
    return EXIT_OK


def _cmd_robustness(args: argparse.Namespace) -> int:
    """``robustness``: :func:`deterrence.robustness` of the model or game, printed or as JSON."""
    from deterrence.uncertainty import parse_dist_option, robustness

    source = _load_source(args.target)
    distributions = dict(parse_dist_option(item) for item in args.dist or ())
    if not distributions:
        raise UsageError(
            "robustness needs at least one --dist NAME=SPEC, e.g. "
            "--dist credibility=uniform:0.4:0.9"
        )
    result = robustness(
        source.model if source.model is not None else source.game,
        distributions,
        fixed=_parse_assignments(args.set) or None,
        samples=args.samples,
        rng=args.seed,
        concept=args.concept,
        selection=args.selection,
        outcome=args.outcome,
        backend=args.backend,
        progress=_progress(args),
    )
    plot_path = None
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from deterrence.plotting import plot_robustness

        figure = plot_robustness(result, dpi=args.dpi)
        plot_path = Path(args.plot)
        figure.savefig(plot_path, bbox_inches="tight")
        plt.close(figure)
    if args.json:
        payload = result.as_dict()
        if plot_path:
            payload["plot"] = str(plot_path)
        _print_json(payload)
        return EXIT_OK
    print(result.to_text())
    if plot_path:
        print(f"\nFigure written to {plot_path}")
    return EXIT_OK


def _dpi_option(parser: argparse.ArgumentParser) -> None:
    """``--dpi N``: the resolution of the ``--plot`` figure (a positive number)."""

    def dots(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(
                f"expected a positive number of dots per inch, got {text!r}"
            )
        return value

    parser.add_argument(
        "--dpi",
        type=dots,
        metavar="N",
        help="resolution of the --plot figure in dots per inch (e.g. 300 for print; default 100)",
    )


def _save_figure(draw: Any, path: str, *, two: bool, dpi: float | None = None) -> Path:
    """Call ``draw(ax=...)`` on a new figure and write it to ``path`` (png, pdf, svg), at
    ``dpi`` dots per inch; the figure grows by the height of the legend under the axes."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise InputError(
            f"--plot needs matplotlib (pip install 'deterrence[plot]'): {exc}"
        ) from None
    figure, axes = plt.subplots(figsize=(7, 5.5) if two else (7, 3.2), dpi=dpi)
    try:
        draw(ax=axes)
        legend = axes.get_legend()
        if legend is not None:  # room for the legend, the axes keep their height
            extent = legend.get_window_extent()
            figure.set_figheight(figure.get_figheight() + extent.height / figure.dpi)
        figure.tight_layout()
        out = Path(path)
        figure.savefig(out, bbox_inches="tight")
    finally:
        plt.close(figure)
    return out


def _draw_regime_map(
    game: Any,
    domain: dict[str, tuple[Any, Any]],
    fixed: dict[str, Any],
    path: str,
    *,
    concept: str = "auto",
    dpi: float | None = None,
) -> Path:
    """Write the regime map of ``game`` over ``domain`` (one or two parameters) to ``path``."""
    if not getattr(game, "parameters", ()):
        raise InputError("--plot needs a game with parameters (the regime map is over them)")
    from deterrence.analysis import regimes

    regime_map = regimes(game, domain, fixed=fixed, concept=concept)

    def draw(ax: Any) -> Any:
        from deterrence.plotting import plot_regimes

        return plot_regimes(regime_map, ax=ax)

    return _save_figure(draw, path, two=len(domain) == 2, dpi=dpi)


def _cmd_solve(args: argparse.Namespace) -> int:
    source = _load_source(args.file, allow_models=False)
    values = _parse_assignments(args.set)
    concrete = source.concrete(values)
    method = args.method or (source.scenario.method if source.scenario else "auto")
    exact = True if args.exact else (source.scenario.exact if source.scenario else None)
    result, notes = _solve(concrete, method, exact)
    if args.json:
        normal = result.game
        _print_json(
            {
                "source": source.name,
                "game": normal.title,
                "players": list(normal.players),
                "strategies": {p: list(s) for p, s in zip(normal.players, normal.strategies)},
                "parameters": dict(source.game.resolve(values))
                if hasattr(source.game, "resolve")
                else {},
                "method": result.method,
                "exact": result.exact,
                "complete": result.complete,
                "degenerate": result.degenerate,
                "equilibria": _equilibria_payload(result),
                "notes": notes,
            }
        )
        return EXIT_OK
    import pandas as pd

    frame = result.to_frame()
    if result.exact:  # show exact probabilities
        for eq_index, eq in enumerate(result):
            for i, player in enumerate(result.game.players):
                for label, p in zip(result.game.strategies[i], eq.strategies[i]):
                    frame[f"{player}:{label}"] = frame[f"{player}:{label}"].astype(object)
                    frame.at[eq_index, f"{player}:{label}"] = _text(p)
            for player, value in zip(result.game.players, eq.payoffs):
                frame[f"payoff:{player}"] = frame[f"payoff:{player}"].astype(object)
                frame.at[eq_index, f"payoff:{player}"] = _text(value)
    with pd.option_context("display.width", 200, "display.max_columns", 50):
        count = len(result)
        print(
            f"{result.game.title or source.name}: {count} "
            f"equilibri{'um' if count == 1 else 'a'} "
            f"({result.method}, {'exact' if result.exact else 'float'})"
        )
        print(frame.drop(columns=["max_regret"]).to_string())
    for note in notes:
        print(f"note: {note}")
    return EXIT_OK


def _progress(args: argparse.Namespace) -> bool:
    """``--progress`` / ``--no-progress``; by default a bar when stderr is a terminal."""
    return sys.stderr.isatty() if args.progress is None else bool(args.progress)


def _max_points(text: str) -> float:
    """``--max-points``: a count of points or ``inf``."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected a number of points >= 0 or inf, got {text!r}")
    return value


def _cmd_sweep(args: argparse.Namespace) -> int:
    source = _load_source(args.target)
    game = source.game
    sizes: dict[str, Any] = {}
    set_values: dict[str, Any] | None = None
    if _kind(game) == "anonymous":
        # structural parameters fix the size of the game: one value each, chosen with --set
        grid = _parse_grid(args.grid)
        structural = list(getattr(source.model, "structural", ()) if source.model else ())
        swept = [name for name in grid if name in structural]
        if swept:
            raise InputError(
                f"cannot sweep {', '.join(swept)}: structural parameters fix the size of the "
                f"game; choose one value with --set {swept[0]}=VALUE (run the sweep once per "
                f"value) and sweep the others {list(game.parameter_names)}"
            )
        game, sizes, set_values = _anonymous_game(source, _parse_assignments(args.set))
    if not getattr(game, "parameters", ()):
        raise InputError(f"{source.name} has no parameters to sweep")
    grid = _parse_grid(args.grid)
    if not grid and source.scenario is not None:
        grid = dict(source.scenario.grid)
    if not grid and source.model is not None:
        parameter = source.model.parameter(source.model.key_parameter)
        low, high = parameter.domain if parameter.domain else (0, 1)
        low = 0 if low is None else low
        high = (2 * abs(parameter.default or 1)) if high is None else high
        if getattr(source.model, "key_range", None):
            low, high = (Fraction(str(v)) for v in source.model.key_range)
        grid = {parameter.name: tuple(low + (high - low) * Fraction(k, 20) for k in range(21))}
    if not grid:
        raise UsageError("give at least one --grid name=start:stop:num")
    values = _parse_assignments(args.set) if set_values is None else set_values
    unknown = sorted((set(grid) | set(values)) - set(game.parameter_names))
    if unknown:
        raise InputError(unknown_names("parameter", unknown, game.parameter_names))
    try:
        from deterrence.analysis import sweep
    except ImportError:
        raise InputError("parameter sweeps are not available in this version") from None
    if values:
        game = game.substitute(**values)
    method = args.method or (source.scenario.method if source.scenario else "auto")
    options: dict[str, Any] = {
        "method": method,
        "backend": args.backend,
        "progress": _progress(args),
        "concept": args.concept,
        "max_points": args.max_points,
    }
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".parquet", ".csv"):
        raise UsageError(f"--out {out}: expected a .parquet or .csv file")
    try:
        frame = sweep(game, {k: list(v) for k, v in grid.items()}, **options)
    except BudgetExceededError as exc:
        raise InputError(f"{exc}; on the command line: --max-points {exc.points}") from None
    import pandas as pd

    # Without ``out=``, sweep returns the table itself (a Path only when it streams to disk).
    assert isinstance(frame, pd.DataFrame)
    if out is not None:
        if out.suffix.lower() == ".parquet":
            try:
                frame.to_parquet(out)
            except ImportError as exc:
                raise InputError(
                    f"writing parquet needs pyarrow (pip install 'deterrence[parquet]'): {exc}"
                ) from None
        else:
            frame.to_csv(out, index=False)
    plot_path = None
    if args.plot:
        parameter = next(iter(grid))
        plot_path = _plot_sweep(
            game, frame, grid, parameter, args.plot, concept=args.concept, dpi=args.dpi
        )
    if args.json:
        payload = {
            "source": source.name,
            "grid": grid,
            "rows": len(frame),
            "columns": list(map(str, frame.columns)),
        }
        if sizes:
            payload["structural"] = sizes
        if out is not None:
            payload["out"] = str(out)
        else:
            payload["records"] = json.loads(frame.to_json(orient="records"))
        if plot_path:
            payload["plot"] = str(plot_path)
        _print_json(payload)
        return EXIT_OK
    where = f" ({_values_text(sizes)})" if sizes else ""
    print(
        f"{source.name}{where}: swept "
        f"{' x '.join(f'{k} ({len(v)} values)' for k, v in grid.items())}, {len(frame)} rows"
    )
    if out is not None:
        print(f"results written to {out}")
    else:
        with pd.option_context(
            "display.width", 200, "display.max_columns", 20, "display.max_rows", 60
        ):
            print(frame.to_string(max_rows=60))
    if plot_path:
        print(f"plot written to {plot_path}")
    return EXIT_OK


def _plot_sweep(
    game: Any,
    frame: Any,
    grid: dict[str, Any],
    parameter: str,
    path: str,
    *,
    concept: str = "auto",
    dpi: float | None = None,
) -> Path:
    names = [n for n in grid if len(grid[n]) > 1][:2] or [parameter]
    domain = {n: (min(grid[n]), max(grid[n])) for n in names}
    if any(low == high for low, high in domain.values()):
        raise InputError("--plot needs a grid with at least two values of a parameter")
    fixed = {n: grid[n][0] for n in grid if n not in domain}
    return _draw_regime_map(game, domain, fixed, path, concept=concept, dpi=dpi)


def _cmd_convert(args: argparse.Namespace) -> int:
    source = _load_source(args.input, allow_models=True)
    out = Path(args.output)
    suffix = out.suffix.lower()
    values = _parse_assignments(args.set)
    if _kind(source.game) == "anonymous" and suffix in GAME_SUFFIXES:
        return _convert_anonymous(args, source, values, out)
    if suffix == ".toml":
        from deterrence.io.scenario import Scenario, save_scenario

        if source.scenario is not None:
            target = source.scenario
        else:
            game = source.game
            from deterrence.games.normal_form import NormalFormGame
            from deterrence.games.parametric import ParametricGame

            if not isinstance(game, (NormalFormGame, ParametricGame)):
                game = _normal_form(source.concrete(values))
            target = Scenario(game)
        save_scenario(target, out)
    elif suffix == ".nfg":
        from deterrence.io.gambit import write_nfg

        write_nfg(_normal_form(source.concrete(values)), out, format=args.nfg_format)
    elif suffix == ".efg":
        from deterrence.io.gambit import write_efg

        game = source.concrete(values)
        write_efg(game, out)
    else:
        raise UsageError(
            f"{out}: unknown output type {suffix or '(none)'!r}; expected one of {GAME_SUFFIXES}"
        )
    if args.json:
        _print_json({"input": source.name, "output": str(out)})
    else:
        print(f"wrote {out}")
    return EXIT_OK


def _convert_anonymous(
    args: argparse.Namespace, source: _Source, values: dict[str, Any], out: Path
) -> int:
    """Write an anonymous game as its expanded normal form (small N only).

    ``.nfg`` and ``.efg`` get the game at the given values; ``.toml`` keeps the parameters
    (the parametric normal form, with the given values as defaults).
    """
    import dataclasses

    from deterrence.exceptions import UnsupportedGameError
    from deterrence.games.anonymous import MAX_NORMAL_FORM_ENTRIES

    game, sizes, rest = _anonymous_game(source, values)
    point = dict(game.resolve(rest))
    suffix = out.suffix.lower()
    n, m = game.num_players, game.num_strategies
    hint = f"; choose a smaller game with --set {next(iter(sizes))}=..." if sizes else ""
    if n * m**n > MAX_NORMAL_FORM_ENTRIES:
        raise InputError(
            f"{source.name} has {n} {plural(game.player_label)}: its normal form would have "
            f"{m}^{n} profiles ({n * m**n} payoff entries, above the limit of "
            f"{MAX_NORMAL_FORM_ENTRIES}){hint}"
        )
    try:
        if suffix == ".toml":
            from deterrence.io.scenario import save_scenario

            normal = game.to_parametric_normal_form()
            normal = normal.replace(
                parameters=tuple(
                    dataclasses.replace(p, default=point[p.name]) for p in normal.parameters
                )
            )
            save_scenario(normal, out)
        else:
            normal = game.to_normal_form(**point)
            if suffix == ".nfg":
                from deterrence.io.gambit import write_nfg

                write_nfg(normal, out, format=args.nfg_format)
            else:
                from deterrence.io.gambit import write_efg

                write_efg(normal, out)
    except UnsupportedGameError as exc:
        raise InputError(f"{source.name}: {exc}{hint}") from None
    if args.json:
        _print_json(
            {"input": source.name, "output": str(out), "structural": sizes, "parameters": point}
        )
    else:
        what = "parametric normal form, defaults" if suffix == ".toml" else "normal form at"
        print(
            f"wrote {out} (the {n}-{game.player_label} {what} {_values_text({**sizes, **point})})"
        )
    return EXIT_OK


# ---------------------------------------------------------------------------- parser
class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so --json can report usage errors too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        prefix = "" if self.prog == "deterrence" else f"{self.prog}: "
        raise UsageError(f"{prefix}{message}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests).

    Examples
    --------
    >>> build_parser().prog
    'deterrence'
    """
    from deterrence import __version__

    epilog = (
        "exit codes: 0 success; 1 error in the input or the analysis; "
        "2 usage error. Use --json for machine-readable output."
    )
    examples = (
        "examples:\n"
        "  deterrence models\n"
        "  deterrence analyze denial --plot denial.png\n"
        "  deterrence analyze denial --set institutionalisation=0.5 --json\n"
        "  deterrence analyze friend_shoring --set num_partners=7 --set quorum=4\n"
        "  deterrence solve game.nfg --exact\n"
        "  deterrence sweep denial --grid credibility=0:1:101 --grid coverage=0:1:11 "
        "--out sweep.parquet\n"
        "  deterrence convert scenario.toml game.nfg --set credibility=0.9\n\n"
    )
    parser = _Parser(
        prog="deterrence",
        description="Game-theoretic deterrence analysis: equilibria, thresholds and sweeps.",
        epilog=examples + epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"deterrence {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="print the full traceback of an unexpected error (anywhere on the command line)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")

    def settings(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--set",
            metavar="NAME=VALUE",
            action="append",
            help="fix a parameter (repeatable), e.g. --set credibility=0.8",
        )

    models = sub.add_parser(
        "models",
        help="list the scenario library",
        epilog=epilog,
        description="List the models: name, story, game kind, parameters.",
    )
    common(models)

    def concept(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--concept",
            default="auto",
            metavar="NAME",
            help="solution concept: auto (the game's own: subgame perfect for trees, "
            "count and symmetric equilibria for anonymous games, Nash "
            "otherwise), nash (for a tree: its strategic form), "
            "subgame_perfect, bayesian_nash, perfect_bayesian, anonymous",
        )

    analyze = sub.add_parser(
        "analyze",
        help="equilibria and key thresholds of a model or game file",
        epilog=epilog,
        description="Analyse a model (see 'deterrence models') or a game file (.toml, .nfg, "
        ".efg) at its defaults (or --set values): the equilibria in the model's "
        "words, the thresholds and regimes of its key parameter, and for trees "
        "where each first move is credible; the text, JSON and figure come from "
        "deterrence.analyze().",
    )
    analyze.add_argument("target", metavar="MODEL|FILE", help="a model name or a game file")
    settings(analyze)
    analyze.add_argument(
        "--preset",
        metavar="NAME",
        help="a model's preset grounded in a real agreement (listed by "
        "'deterrence models'), e.g. --preset ipef; --set overrides it",
    )
    analyze.add_argument(
        "--parameter",
        metavar="NAME",
        help="parameter whose thresholds and regimes to report (default: the "
        "model's key parameter)",
    )
    concept(analyze)
    analyze.add_argument("--method", help="which equilibria: auto (default) or pure")
    analyze.add_argument(
        "--exact",
        action="store_true",
        help="accepted for compatibility: thresholds and regime bounds are "
        "always exact, equilibria at the point are reported as numbers",
    )
    analyze.add_argument(
        "--plot", metavar="FILE", help="write the regime map of the parameter (png, pdf, svg)"
    )
    _dpi_option(analyze)
    common(analyze)

    solve = sub.add_parser(
        "solve",
        help="equilibria table of a game file",
        epilog=epilog,
        description="Solve a game file (.toml scenario, Gambit .nfg/.efg).",
    )
    solve.add_argument("file", metavar="FILE", help="a .toml, .nfg or .efg file")
    solve.add_argument(
        "--method",
        help="solver method, e.g. vertex_enumeration, "
        "support_enumeration, lemke_howson, pure "
        "(default: auto)",
    )
    solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    settings(solve)
    common(solve)

    sweep = sub.add_parser(
        "sweep",
        help="solve on a grid of parameter values",
        epilog=epilog,
        description="Solve a model or scenario file on a parameter grid and write a long "
        "table (one row per grid point and equilibrium).",
    )
    sweep.add_argument("target", metavar="MODEL|FILE", help="a model name or a .toml file")
    sweep.add_argument(
        "--grid",
        metavar="NAME=START:STOP:NUM",
        action="append",
        help="grid of one parameter (repeatable); also NAME=v1,v2,...",
    )
    settings(sweep)
    sweep.add_argument("--out", metavar="FILE", help="write results to .parquet or .csv")
    sweep.add_argument("--plot", metavar="FILE", help="write the regime map of the sweep")
    _dpi_option(sweep)
    sweep.add_argument(
        "--backend",
        choices=("serial", "processes", "dask"),
        default="serial",
        help="where to run the solves (default: serial)",
    )
    sweep.add_argument("--method", help="solver method (default: auto)")
    concept(sweep)
    sweep.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when standard error is a terminal)",
    )
    sweep.add_argument(
        "--max-points",
        type=_max_points,
        metavar="N",
        help="run a grid above the budget of deterrence.games.limits (N points, or inf)",
    )
    common(sweep)

    robust = sub.add_parser(
        "robustness",
        help="outcome probabilities, sensitivity and scenarios under uncertainty",
        epilog=epilog,
        description="How likely each outcome is when parameters are uncertain (exact for one "
        "parameter, else quasi-Monte Carlo with intervals), Sobol' indices of the "
        "target outcome and the boxes where it holds; deterrence.robustness().",
    )
    robust.add_argument("target", metavar="MODEL|FILE", help="a model name or a game file")
    robust.add_argument(
        "--dist",
        metavar="NAME=SPEC",
        action="append",
        help="distribution of a parameter (repeatable): uniform:LOW:HIGH, "
        "beta:A:B, normal:MEAN:SD, triangular:LOW:MODE:HIGH",
    )
    settings(robust)
    robust.add_argument(
        "--samples", type=int, default=4096, help="quasi-Monte Carlo draws (default 4096)"
    )
    robust.add_argument("--seed", type=int, default=None, help="random seed")
    robust.add_argument("--outcome", help="target outcome (words) or payoff:PLAYER")
    robust.add_argument(
        "--selection",
        choices=("payoff_dominant", "any", "all"),
        default="payoff_dominant",
        help="single answer where there are several equilibria",
    )
    robust.add_argument(
        "--backend",
        choices=("serial", "processes", "dask"),
        default="serial",
        help="where to run the solves (default: serial)",
    )
    concept(robust)
    robust.add_argument("--plot", metavar="FILE", help="write the figures (png, pdf, svg)")
    _dpi_option(robust)
    robust.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when standard error is a terminal)",
    )
    common(robust)

    convert = sub.add_parser(
        "convert",
        help="convert between .toml, .nfg and .efg",
        epilog=epilog,
        description="Convert a game between formats, chosen by the file suffixes. A model "
        "name is accepted as input (written at its defaults or --set values).",
    )
    convert.add_argument("input", metavar="INPUT", help="a game file or a model name")
    convert.add_argument("output", metavar="OUTPUT", help="the file to write")
    convert.add_argument(
        "--nfg-format",
        choices=("payoff", "outcome"),
        default="payoff",
        help=".nfg flavour to write (default: payoff)",
    )
    settings(convert)
    common(convert)
    return parser


_COMMANDS = {
    "models": _cmd_models,
    "analyze": _cmd_analyze,
    "solve": _cmd_solve,
    "sweep": _cmd_sweep,
    "convert": _cmd_convert,
    "robustness": _cmd_robustness,
}


def _fail(message: str, code: int, as_json: bool) -> int:
    print(f"deterrence: error: {message}", file=sys.stderr)
    if as_json:
        _print_json({"error": message, "exit_code": code})
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["solve", "missing.nfg"])
    1
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    debug = "--debug" in argv  # accepted before or after the command
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(parser.format_usage().rstrip(), file=sys.stderr)
        return _fail(str(exc), EXIT_USAGE, as_json)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _COMMANDS[args.command](args)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE, as_json)
    except (DeterrenceError, InputError, OSError) as exc:
        return _fail(str(exc), EXIT_ERROR, as_json)
    except OverflowError as exc:  # e.g. --set gain=1e400 where an analysis needs floats
        if debug:
            import traceback

            traceback.print_exc(file=sys.stderr)
        return _fail(
            f"a number is beyond the floating-point range (about 1.8e308) used to "
            f"compute or show this result ({exc}); rescale the payoffs (equilibria "
            "do not change when a player's payoffs are multiplied by a positive "
            "number)",
            EXIT_ERROR,
            as_json,
        )
    except Exception as exc:  # a bug: still exit 1 with a message (the trace with --debug)
        if debug:
            import traceback

            traceback.print_exc(file=sys.stderr)
        hint = "" if debug else " (run again with --debug for the traceback)"
        return _fail(
            f"internal error ({type(exc).__name__}: {exc}); please report it{hint}",
            EXIT_ERROR,
            as_json,
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
