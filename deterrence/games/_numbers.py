"""Conversion of user-supplied numbers into exact rationals or floats.

A game is *exact* when every payoff is an ``int``, a :class:`fractions.Fraction`, a
:class:`decimal.Decimal`, a sympy ``Rational`` or a string such as ``"2/3"``; it is then held
as a read-only numpy object array of :class:`~fractions.Fraction`. A single float anywhere
makes the whole game a float game (``float64``): floats stay floats.
"""

from __future__ import annotations

import ctypes
import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError

__all__ = [
    "check_number_size",
    "MAX_NUMBER_DIGITS",
    "MAX_DECIMAL_EXPONENT",
    "as_payoff_array",
    "to_fraction",
    "readonly",
    "as_float_array",
    "distinct_objects",
    "factorize_objects",
    "classify_number",
    "format_number",
]


def readonly(array: np.ndarray) -> np.ndarray:
    """Return ``array`` with its write flag cleared (a view, no copy)."""
    view = array.view()
    view.setflags(write=False)
    return view


def to_fraction(value: Any, *, what: str = "value") -> Fraction:
    """Convert one number to :class:`~fractions.Fraction`; the exact-mode float policy.

    This function is the one place where a float becomes exact. Parameter values
    (``game.at(credibility=0.5)``, ``game.substitute(...)``, ``thresholds(..., fixed=...)``,
    ``game.resolve(...)``) and exact checks of mixed profiles go through it.

    Parameters
    ----------
    value : int, Fraction, Decimal, str, sympy Rational or float
        The number.
    what : str
        How to name the value in an error message.

    Returns
    -------
    Fraction

    Raises
    ------
    InvalidGameError
        If ``value`` is not a finite number.

    Notes
    -----
    A float becomes the fraction of its *shortest decimal representation*,
    ``Fraction(repr(x))``: ``0.1`` is ``1/10`` and ``0.5`` is ``1/2`` -- what the user typed,
    and what the command line does with ``--set credibility=0.1`` -- not the binary value
    ``3602879701896397/36028797018963968`` that ``Fraction(0.1)`` gives. Payoffs are not
    converted: a float payoff keeps its game a float game (see :func:`as_payoff_array`).
    To pass a binary value exactly, pass ``Fraction(x)`` itself.

    Examples
    --------
    >>> to_fraction("2/3")
    Fraction(2, 3)
    >>> to_fraction(3)
    Fraction(3, 1)
    >>> to_fraction(0.1)
    Fraction(1, 10)
    >>> to_fraction(1 / 3)
    Fraction(3333333333333333, 10000000000000000)
    """
    kind, converted = classify_number(value, what)
    return converted if kind == "exact" else Fraction(repr(float(converted)))


#: Most decimal digits accepted in one exact number (numerator, denominator or mantissa);
#: Python's own int/str conversion limit. Change it at run time if you need more.
MAX_NUMBER_DIGITS = 4300
#: Largest decimal exponent accepted in a number such as ``"1e300"`` or ``Decimal("1e-300")``
#: (the expression parser uses the same bound).
MAX_DECIMAL_EXPONENT = 1000

_EXPONENT = re.compile(r"[eE]\s*([+-]?)\s*0*(\d*)")


def check_number_size(value: Any, what: str = "value") -> None:
    """Refuse a number whose exact value would take unbounded time or memory to build.

    ``Fraction("1e999999999")`` and ``Fraction(Decimal("1e-999999999"))`` compute a power of
    ten with a billion digits (minutes, gigabytes) before any check could run. Strings,
    ``Decimal`` values, ints and fractions are checked against :data:`MAX_NUMBER_DIGITS`
    digits and :data:`MAX_DECIMAL_EXPONENT` first; floats are always small.

    Raises
    ------
    InvalidGameError
        Naming the value (abbreviated) and the limit it exceeds.

    Examples
    --------
    >>> check_number_size("1e300")
    >>> check_number_size("1e999999999", "payoff")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: payoff '1e999999999' has a decimal exponent ...
    """
    problem = None
    if isinstance(value, str):
        if len(value) < 16 and "e" not in value and "E" not in value:
            return  # the common case, checked in constant time
        if len(value) > MAX_NUMBER_DIGITS + 64:
            problem = f"has {len(value)} characters (more than {MAX_NUMBER_DIGITS} digits)"
        else:
            for match in _EXPONENT.finditer(value):
                digits = match.group(2)
                if len(digits) > 6 or (digits and int(digits) > MAX_DECIMAL_EXPONENT):
                    problem = f"has a decimal exponent beyond {MAX_DECIMAL_EXPONENT}"
    elif isinstance(value, Decimal) and value.is_finite():
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        if len(digits) > MAX_NUMBER_DIGITS:
            problem = f"has {len(digits)} digits (more than {MAX_NUMBER_DIGITS})"
        elif abs(exponent) > MAX_DECIMAL_EXPONENT + MAX_NUMBER_DIGITS:
            problem = f"has a decimal exponent beyond {MAX_DECIMAL_EXPONENT}"
    elif isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        bits = max(int(value.numerator).bit_length(), int(value.denominator).bit_length())
        if bits > MAX_NUMBER_DIGITS * 3.33:
            problem = f"has more than {MAX_NUMBER_DIGITS} digits"
    if problem is not None:
        if isinstance(value, (int, Fraction)) and problem.startswith("has more"):
            shown = "(an exact number)"  # too long to print: str() itself would refuse it
        else:
            text = repr(value) if isinstance(value, str) else str(value)
            shown = text if len(text) <= 40 else text[:20] + "..." + text[-12:]
        raise InvalidGameError(
            f"{what} {shown} {problem}; raise deterrence.games._numbers.MAX_NUMBER_DIGITS or "
            "MAX_DECIMAL_EXPONENT if you really need such numbers"
        )


def classify_number(value: Any, what: str) -> tuple[str, Any]:
    """Classify one user-supplied number as exact or float and convert it.

    Parameters
    ----------
    value : object
        One payoff or parameter value as the user gave it (see :func:`to_fraction`).
    what : str
        Its name in error messages.

    Returns
    -------
    tuple
        ``("exact", Fraction)`` or ``("float", float)``.

    Raises
    ------
    InvalidGameError
        If ``value`` is not a finite number (booleans, NaN, inf, other types).

    Examples
    --------
    >>> classify_number("2/3", "payoff")
    ('exact', Fraction(2, 3))
    >>> classify_number(0.5, "payoff")
    ('float', 0.5)
    """
    if isinstance(value, (bool, np.bool_)):
        raise InvalidGameError(f"{what} is a boolean ({value!r}); expected a number")
    if isinstance(value, (Fraction, int, Decimal, str)):
        check_number_size(value, what)
    if isinstance(value, Fraction):
        return "exact", value
    if isinstance(value, (int, np.integer)):
        return "exact", Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if not math.isfinite(x):
            raise InvalidGameError(f"{what} is {x!r}; payoffs must be finite numbers")
        return "float", x
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidGameError(f"{what} is {value!r}; payoffs must be finite numbers")
        return "exact", Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            frac = Fraction(text)
        except (ValueError, ZeroDivisionError, OverflowError):
            raise InvalidGameError(
                f"{what} is the string {value!r}; expected a number such as '3', '-1.5' or '2/3'"
            ) from None
        return "exact", frac
    # sympy numbers and other numbers.Rational implementations
    if isinstance(value, numbers.Rational):
        return "exact", Fraction(int(value.numerator), int(value.denominator))
    is_rational = getattr(value, "is_Rational", None)
    if is_rational:
        return "exact", Fraction(int(value.p), int(value.q))
    if getattr(value, "is_Number", False) or isinstance(value, numbers.Real):
        try:
            x = float(value)
        except (TypeError, ValueError):
            x = math.nan
        if not math.isfinite(x):
            raise InvalidGameError(f"{what} is {value!r}; payoffs must be finite numbers")
        return "float", x
    raise InvalidGameError(
        f"{what} is {value!r} of type {type(value).__name__}; expected a number "
        "(int, float, Fraction, Decimal or a string like '2/3')"
    )


def as_payoff_array(data: Any, *, what: str = "payoffs") -> tuple[np.ndarray, bool]:
    """Convert nested sequences or an array of numbers to a payoff array.

    Parameters
    ----------
    data : array_like
        Numbers, possibly nested lists.
    what : str
        How to name ``data`` in error messages.

    Returns
    -------
    array : numpy.ndarray
        ``float64`` if any entry is a float, otherwise an object array of ``Fraction``.
    exact : bool
        Whether ``array`` is exact.

    Raises
    ------
    InvalidGameError
        For ragged nesting, non-numeric entries, NaN or infinity.

    Examples
    --------
    >>> array, exact = as_payoff_array([[1, "1/2"], [0, 3]])
    >>> exact, array[0, 1]
    (True, Fraction(1, 2))
    """
    if isinstance(data, np.ndarray) and data.dtype != object:
        if data.dtype.kind == "b":
            raise InvalidGameError(f"{what} is a boolean array; expected numbers")
        if data.dtype.kind in "iu":
            out = np.empty(data.shape, dtype=object)
            flat = out.reshape(-1)
            flat[:] = [Fraction(int(v)) for v in data.reshape(-1).tolist()]
            return out, True
        if data.dtype.kind == "f":
            arr = np.asarray(data, dtype=np.float64)
            bad = ~np.isfinite(arr)
            if bad.any():
                index = tuple(int(i) for i in np.argwhere(bad)[0])
                raise InvalidGameError(
                    f"{what} has {float(arr[index])!r} at index {index}; payoffs must be finite "
                    "numbers"
                )
            return arr.copy(), False
        raise InvalidGameError(f"{what} has dtype {data.dtype}; expected real numbers")
    try:  # copying an object array is quicker than rebuilding it (no nesting to look for)
        raw = data.copy() if isinstance(data, np.ndarray) else np.array(data, dtype=object)
    except ValueError as exc:  # ragged nesting
        raise InvalidGameError(f"{what} is ragged (rows of different lengths): {exc}") from None
    flat = raw.reshape(-1)
    # Each distinct object is inspected once: large tables repeat a few values (a
    # 10,000-member anonymous game has four), and entries that are all Fractions of an
    # acceptable size need no conversion.
    distinct = distinct_objects(flat)
    if raw.dtype != object or any(isinstance(v, (list, tuple)) for v in distinct):
        raise InvalidGameError(f"{what} is ragged (rows of different lengths)")
    bits = MAX_NUMBER_DIGITS * 3.33
    if all(
        type(v) is Fraction and max(v.numerator.bit_length(), v.denominator.bit_length()) <= bits
        for v in distinct
    ):
        return raw, True
    kinds: list[str] = []
    values: list[Any] = []
    for i, value in enumerate(flat):
        kind_of = type(value)
        if (kind_of is Fraction or kind_of is int) and max(
            value.numerator.bit_length(), value.denominator.bit_length()
        ) <= bits:
            kinds.append("exact")  # the common case of file readers, without the slow path
            values.append(value if kind_of is Fraction else Fraction(value))
            continue
        position = np.unravel_index(i, raw.shape) if raw.ndim else ()
        where = f"{what} entry at index {tuple(map(int, position))}"
        kind, converted = classify_number(value, where)
        kinds.append(kind)
        values.append(converted)
    if "float" in kinds:
        arr = np.array([float(v) for v in values], dtype=np.float64).reshape(raw.shape)
        return arr, False
    out = np.empty(raw.shape, dtype=object)
    out.reshape(-1)[:] = values
    return out, True


def as_float_array(array: np.ndarray) -> np.ndarray:
    """Return a float64 copy of an exact or float payoff array.

    Each distinct ``Fraction`` object is converted once (large tables repeat a few).

    Examples
    --------
    >>> as_float_array(np.array([Fraction(1, 2), Fraction(1, 4)], dtype=object)).tolist()
    [0.5, 0.25]
    """
    if array.dtype == object:
        distinct, codes = factorize_objects(array)
        return np.array([float(value) for value in distinct], dtype=np.float64)[codes]
    return np.asarray(array, dtype=np.float64)


def distinct_objects(array: np.ndarray) -> list[Any]:
    """The distinct objects of an object array, by identity, in order of first appearance.

    Large payoff tables repeat a few objects (an anonymous game of 10,000 members built from
    four ``Fraction`` objects): checking each distinct object once costs one Python step per
    distinct object rather than per entry.

    Parameters
    ----------
    array : numpy.ndarray
        An object array (any shape).

    Returns
    -------
    list

    Notes
    -----
    An object array holds pointers to its objects, and two entries are the same object
    exactly when their pointers are equal. In a large array (at least 256 entries) the
    pointers are compared as integers, without a Python call per entry; when they form
    fewer runs of one object than a quarter of the entries, only the first entry of each run
    is looked at. Otherwise every entry is keyed by ``id`` (the same pointer) in a dict.
    :func:`factorize_objects` also says where each entry's object is.

    Examples
    --------
    >>> half, one = Fraction(1, 2), Fraction(1)
    >>> distinct_objects(np.array([half, one, half, half], dtype=object))
    [Fraction(1, 2), Fraction(1, 1)]
    """
    items, _ = _run_heads(array)
    return list(dict(zip(map(id, items), items)).values())


def factorize_objects(array: np.ndarray) -> tuple[list[Any], np.ndarray]:
    """The distinct objects of an object array (by identity) and where each entry's one is.

    Converting or scaling each distinct object once and indexing the results costs one
    Python step per distinct object, not per entry (see :func:`distinct_objects`).

    Parameters
    ----------
    array : numpy.ndarray
        An object array (any shape).

    Returns
    -------
    values : list
        The distinct objects, in order of first appearance.
    codes : numpy.ndarray
        ``intp`` array of ``array``'s shape: ``array[i] is values[codes[i]]``.

    Examples
    --------
    >>> half, one = Fraction(1, 2), Fraction(1)
    >>> values, codes = factorize_objects(np.array([half, one, half, half], dtype=object))
    >>> values, codes.tolist()
    ([Fraction(1, 2), Fraction(1, 1)], [0, 1, 0, 0])
    """
    items, lengths = _run_heads(array)
    keys = list(map(id, items))
    distinct = dict(zip(keys, items))  # in order of first appearance
    position = {key: index for index, key in enumerate(distinct)}
    codes = np.fromiter(map(position.__getitem__, keys), dtype=np.intp, count=len(keys))
    if lengths is not None:  # one code per run: repeat it over the run
        codes = np.repeat(codes, lengths)
    return list(distinct.values()), codes.reshape(np.shape(array))


def _run_heads(array: np.ndarray) -> tuple[list[Any], np.ndarray | None]:
    """The entries to look at: the first of each run of one object and the runs' lengths,
    or every entry (lengths ``None``) when runs are short."""
    flat = np.ascontiguousarray(array, dtype=object).reshape(-1)
    if flat.size >= 256:
        words = (ctypes.c_ssize_t * flat.size).from_address(flat.__array_interface__["data"][0])
        pointers = np.frombuffer(memoryview(words), dtype=np.intp)
        starts = np.flatnonzero(pointers[1:] != pointers[:-1]) + 1
        if 4 * len(starts) < flat.size:
            bounds = np.concatenate(([0], starts, [flat.size]))
            return flat[bounds[:-1]].tolist(), np.diff(bounds)
    return flat.tolist(), None


def format_number(value: Any, digits: int = 4) -> str:
    """Format an exact or float number compactly: ``2/3``, ``5``, ``0.6667``.

    Parameters
    ----------
    value : Fraction, int or float
    digits : int
        Significant digits of non-integral floats.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(Fraction(2, 3)), format_number(5.0), format_number(2 / 3)
    ('2/3', '5', '0.6667')
    """
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{digits}g}"
