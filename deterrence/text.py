"""English words for labels, shared by every layer (the bottom layer: imports nothing of the
package).

Examples
--------
>>> plural("country")
'countries'
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(word: str) -> str:
    """The English plural of a one-word label: ``country`` -> ``countries``.

    Parameters
    ----------
    word : str

    Returns
    -------
    str

    Examples
    --------
    >>> [plural(w) for w in ("partner", "country", "coalition", "strategy", "bus", "ally")]
    ['partners', 'countries', 'coalitions', 'strategies', 'buses', 'allies']
    """
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"
