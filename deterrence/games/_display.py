"""Plain-text rendering of games (HTML rendering lives beside it in later layers)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deterrence.games.normal_form import NormalFormGame

__all__ = ["format_number", "game_to_text"]


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
        values = ", ".join(format_number(game.payoffs[(p, *profile)])
                           for p in range(game.num_players))
        lines.append(f"({labels}): ({values})")
    return "\n".join(lines)
