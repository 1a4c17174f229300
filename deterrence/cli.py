"""The ``deterrence`` command line.

Subcommands grow with the library; ``deterrence --help`` lists them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from deterrence.exceptions import DeterrenceError

__all__ = ["main", "build_parser"]

#: Exit codes scripts can rely on.
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _builtin_games() -> dict:
    from deterrence.games.normal_form import NormalFormGame

    return {
        "prisoners_dilemma": NormalFormGame.from_matrices(
            [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("bloc A", "bloc B"),
            strategies=(("open", "friend-shore"), ("open", "friend-shore")),
            title="economic security dilemma (prisoner's dilemma)"),
        "coercion": NormalFormGame.from_matrices(
            [[-2, 4], [0, 0]], [[-1, -5], [0, 0]], players=("coercer", "coalition"),
            strategies=(("coerce", "refrain"), ("share", "not share")),
            title="coercer versus coalition"),
    }


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests).

    Examples
    --------
    >>> build_parser().prog
    'deterrence'
    """
    parser = argparse.ArgumentParser(
        prog="deterrence",
        description="Game-theoretic deterrence analysis: equilibria, thresholds and sweeps.",
    )
    from deterrence import __version__

    parser.add_argument("--version", action="version", version=f"deterrence {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = sub.add_parser("analyze", help="solve a built-in game and print its equilibria")
    analyze.add_argument("name", help=f"built-in game: {', '.join(_builtin_games())}")
    analyze.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    analyze.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _cmd_analyze(args: argparse.Namespace) -> int:
    from deterrence.solvers.api import solve

    games = _builtin_games()
    if args.name not in games:
        print(f"deterrence: unknown game {args.name!r}; choose from {sorted(games)}",
              file=sys.stderr)
        return EXIT_USAGE
    game = games[args.name]
    result = solve(game, exact=args.exact)
    if args.json:
        payload = [
            {"outcome": eq.outcome,
             "strategies": {p: {s: str(v) for s, v in d.items()}
                            for p, d in eq.as_dict().items()},
             "payoffs": [str(v) for v in eq.payoffs]}
            for eq in result
        ]
        print(json.dumps({"game": game.title, "equilibria": payload}, indent=2))
        return EXIT_OK
    print(game)
    print()
    print(result.to_frame().to_string())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["analyze", "prisoners_dilemma", "--json"])  # doctest: +ELLIPSIS
    {
      "game": "economic security dilemma (prisoner's dilemma)",
    ...
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _cmd_analyze(args)
    except DeterrenceError as exc:
        print(f"deterrence: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
