"""Sentences an analyst reads: player names as nouns, lists, and what changes at a threshold.

Every solution concept describes its own comparisons ("the defender's choice after
challenge is retaliate"); the phrases they share live here so that every concept speaks
the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "join",
    "noun",
    "possessive",
    "count_phrase",
    "count_ranges",
    "change_sentence",
    "number_word",
]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """``"a, b and c"``.

    Examples
    --------
    >>> join(["a", "b", "c"]), join(["a", "b"], "or"), join(["a"])
    ('a, b and c', 'a or b', 'a')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def noun(player: str) -> str:
    """A player label as a noun phrase: ``"the coercer"``, but ``"bloc A"``, ``"USA"``,
    ``"partner 3"`` and ``"player 1"`` (labels that look like proper names) take no article.

    Examples
    --------
    >>> noun("coercer"), noun("bloc A")
    ('the coercer', 'bloc A')
    """
    if player.startswith(("the ", "The ")) or any(c.isupper() or c.isdigit() for c in player):
        return player
    return f"the {player}"


def possessive(player: str) -> str:
    """``"the coercer's"``, ``"bloc A's"``, ``"the allies'"`` (a lowercase plural).

    Examples
    --------
    >>> possessive("coercer"), possessive("allies"), possessive("bloc A")
    ("the coercer's", "the allies'", "bloc A's")
    """
    phrase = noun(player)
    if (
        phrase.startswith("the ")
        and player.endswith("s")
        and not player.endswith(("ss", "us", "is"))
    ):
        return f"{phrase}'"
    return f"{phrase}'s"


def number_word(k: int) -> str:
    """``"two"`` for 2, digits from eleven on.

    Examples
    --------
    >>> number_word(2), number_word(12)
    ('two', '12')
    """
    return _NUMBERS[k] if 0 <= k < len(_NUMBERS) else str(k)


def count_phrase(labels: Sequence[str], others: int) -> str:
    """What the other players do, by counts: ``"two of the others play honour and one
    plays renege"``.

    Examples
    --------
    >>> count_phrase(["honour", "honour", "renege"], 3)
    'two of the others play honour and one plays renege'
    >>> count_phrase(["open", "open"], 2)
    'both others play open'
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    if len(counts) == 1:
        return ("both others play " if others == 2 else "all the others play ") + labels[0]
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    first, k = ranked[0]
    parts = [f"{number_word(k)} of the others play{'s' if k == 1 else ''} {first}"]
    parts += [f"{number_word(k)} play{'s' if k == 1 else ''} {label}" for label, k in ranked[1:]]
    return join(parts)


def count_ranges(counts: Sequence[int]) -> list[str]:
    """``[0, 1, 2, 3, 7]`` as ``["0 to 3", "7"]`` (runs of three or more become ranges).

    Examples
    --------
    >>> count_ranges([0, 1, 2, 3, 7, 9, 10])
    ['0 to 3', '7', '9', '10']
    """
    out: list[str] = []
    ordered = sorted(counts)
    start = 0
    for k in range(1, len(ordered) + 1):
        if k == len(ordered) or ordered[k] != ordered[k - 1] + 1:
            run = ordered[start:k]
            out += [f"{run[0]} to {run[-1]}"] if len(run) >= 3 else [str(x) for x in run]
            start = k
    return out


def change_sentence(below: Sequence[str], above: Sequence[str], singular: str, plural: str) -> str:
    """What happens to the equilibria across a threshold, from the labels on both sides.

    Parameters
    ----------
    below, above : sequence of str
        The equilibria just below and just above.
    singular, plural : str
        The concept's noun, e.g. ``"subgame-perfect equilibrium"``.

    Returns
    -------
    str

    Examples
    --------
    >>> change_sentence(["(a, b)"], ["(c, d)"], "equilibrium", "equilibria")
    '(c, d) becomes the unique equilibrium'
    >>> change_sentence(["(a, b)", "(c, d)"], ["(a, b)"] * 0 + ["(a, b)", "(e, f)"],
    ...                 "equilibrium", "equilibria")
    '(e, f) appears; (c, d) disappears (equilibria: (a, b) and (e, f))'
    """
    if len(above) == 1:
        return f"{above[0]} becomes the unique {singular}"
    appear = [x for x in above if x not in below]
    vanish = [x for x in below if x not in above]
    bits = []
    if appear:
        bits.append(join(appear) + (" appears" if len(appear) == 1 else " appear"))
    if vanish:
        bits.append(join(vanish) + (" disappears" if len(vanish) == 1 else " disappear"))
    listing = join(list(above)) if above else "none"
    return "; ".join(bits) + (f" ({plural}: {listing})" if bits else f"{plural}: {listing}")
