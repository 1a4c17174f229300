"""numba path tracker of the n-player support systems (imported only through
:data:`deterrence.solvers.polynomial_enumeration.TRACKER`, once the numpy tracker has used
its budget).

It follows each path of the linear-product homotopy exactly as the vectorised numpy twin
``deterrence.solvers.polynomial_enumeration._track_numpy`` does (same start system, same
classical Runge-Kutta predictor, same four Newton corrections, same step-size and
acceptance rules: a step is halved when rejected and doubled, up to 1/4, after
``grow_after`` acceptances in a row), one path at a time, with the equations stored as lists
of monomials:

* ``coefficients[p, e, m]``: the coefficient of monomial ``m`` of equation ``e`` in support
  profile ``p``;
* ``factors[e, m, :]``: the positions, in the concatenation of all players' mixtures on
  their supports, of the probabilities whose product the monomial is (one per other player);
* ``start_coefficients[e, j, :]``: the random complex affine form ``c_0 + c . y_j`` of
  group ``j`` in start equation ``e`` (``start_present[e, j]`` says whether it is a factor);
* ``first[j]``, ``size[j]``, ``offset[j]``: where player ``j``'s mixture starts in that
  concatenation, its support size, and where its unknowns ``y_j`` start (-1 for a pure
  player).

Status per path: 0 reached t = 1, 1 diverged (left every bounded region: a solution at
infinity), 2 failed (step size underflow or the step limit).
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["track_paths"]


@numba.njit(cache=True, nogil=True)
def _homotopy(
    y, t, profile, gamma, coefficients, factors, start_coefficients, start_present,
    first, size, offset, sigma, gradient, linear, partials, value, jacobian, derivative,
):  # fmt: skip  # pragma: no cover - compiled
    """H(y, t), its Jacobian in y and its derivative in t, written into the last three."""
    players = first.shape[0]
    equations, monomials, order = factors.shape
    dimension = y.shape[0]
    for j in range(players):
        o = offset[j]
        if o < 0:
            sigma[first[j]] = 1.0
            continue
        total = 0.0j
        for a in range(1, size[j]):
            sigma[first[j] + a] = y[o + a - 1]
            total += y[o + a - 1]
        sigma[first[j]] = 1.0 - total
    for e in range(equations):
        gradient[:] = 0.0
        target = 0.0j
        for m in range(monomials):
            c = coefficients[profile, e, m]
            if c == 0.0:
                continue
            if order == 2:  # three players: real coefficients times complex products
                s0, s1 = sigma[factors[e, m, 0]], sigma[factors[e, m, 1]]
                target += c * (s0 * s1)
                gradient[factors[e, m, 0]] += c * s1
                gradient[factors[e, m, 1]] += c * s0
                continue
            # partial[f] = c * (product of the other factors), by prefix and suffix products
            prefix = sigma[factors[e, m, 0]] * 0.0 + c
            for f in range(order):
                partials[f] = prefix
                prefix = prefix * sigma[factors[e, m, f]]
            target += prefix
            suffix = sigma[factors[e, m, 0]] * 0.0 + 1.0
            for f in range(order - 1, -1, -1):
                gradient[factors[e, m, f]] += partials[f] * suffix
                suffix = suffix * sigma[factors[e, m, f]]
        start = 1.0 + 0.0j
        for j in range(players):
            if start_present[e, j]:
                o = offset[j]
                form = start_coefficients[e, j, 0]
                for a in range(1, size[j]):
                    form += start_coefficients[e, j, a] * y[o + a - 1]
                linear[j] = form
                start *= form
        for v in range(dimension):
            jacobian[e, v] = 0.0
        for j in range(players):
            o = offset[j]
            if o < 0:
                continue
            base = gradient[first[j]]
            for a in range(1, size[j]):
                jacobian[e, o + a - 1] = t * (gradient[first[j] + a] - base)
            if start_present[e, j]:
                rest = (1.0 - t) * gamma
                for j2 in range(players):
                    if j2 != j and start_present[e, j2]:
                        rest *= linear[j2]
                for a in range(1, size[j]):
                    jacobian[e, o + a - 1] += rest * start_coefficients[e, j, a]
        value[e] = (1.0 - t) * gamma * start + t * target
        derivative[e] = target - gamma * start


@numba.njit(cache=True, nogil=True)
def _solve(matrix, rhs, work, out):  # pragma: no cover - compiled
    """``out = matrix^{-1} rhs`` by Gaussian elimination with partial pivoting (``matrix``
    is left intact); False where a pivot is exactly zero or not finite."""
    d = rhs.shape[0]
    for r in range(d):
        for c in range(d):
            work[r, c] = matrix[r, c]
        work[r, d] = rhs[r]
    for c in range(d):
        pivot = c
        best = abs(work[c, c].real) + abs(work[c, c].imag)
        for r in range(c + 1, d):
            size = abs(work[r, c].real) + abs(work[r, c].imag)
            if size > best:
                best, pivot = size, r
        if not best > 0.0 or not np.isfinite(best):
            return False
        if pivot != c:
            for k in range(c, d + 1):
                work[c, k], work[pivot, k] = work[pivot, k], work[c, k]
        inverse = 1.0 / work[c, c]
        for r in range(c + 1, d):
            factor = work[r, c] * inverse
            if factor != 0.0:
                for k in range(c, d + 1):
                    work[r, k] -= factor * work[c, k]
    for r in range(d - 1, -1, -1):
        total = work[r, d]
        for k in range(r + 1, d):
            total -= work[r, k] * out[k]
        out[r] = total / work[r, r]
    return True


@numba.njit(cache=True, nogil=True)
def _norm(vector):  # pragma: no cover - compiled
    total = 0.0
    for v in vector:
        total += v.real * v.real + v.imag * v.imag
    return np.sqrt(total)


@numba.njit(cache=True, nogil=True)
def track_paths(
    start, profile_of, gamma, coefficients, factors, start_coefficients, start_present,
    first, size, offset, max_steps, grow_after,
):  # fmt: skip  # pragma: no cover - compiled
    """Track every path (rows of ``start``, profile ``profile_of[path]``) from t = 0 to 1.

    Returns the endpoints (complex, one row per path), the status of each path and the
    number of steps (accepted or not) it took.
    """
    paths, dimension = start.shape
    endpoints = start.copy()
    status = np.full(paths, 2, dtype=np.int64)
    steps = np.zeros(paths, dtype=np.int64)
    sigma = np.empty(int(first[-1] + size[-1]), dtype=np.complex128)
    gradient = np.empty_like(sigma)
    linear = np.empty(first.shape[0], dtype=np.complex128)
    partials = np.empty(factors.shape[2], dtype=np.complex128)
    value = np.empty(dimension, dtype=np.complex128)
    derivative = np.empty(dimension, dtype=np.complex128)
    jacobian = np.empty((dimension, dimension), dtype=np.complex128)
    work = np.empty((dimension, dimension + 1), dtype=np.complex128)
    slopes = np.empty((4, dimension), dtype=np.complex128)
    point = np.empty(dimension, dtype=np.complex128)
    update = np.empty(dimension, dtype=np.complex128)
    for path in range(paths):
        profile = profile_of[path]
        y = start[path].copy()
        t = 0.0
        h = 0.05
        known = False  # whether slopes[0] is k1 at (y, t)
        streak = 0  # steps accepted since h last changed
        for _ in range(max_steps):
            steps[path] += 1
            t1 = min(t + h, 1.0)
            step = t1 - t
            ok = True
            first_update = 0.0
            norm = 0.0
            # stages 0-3: classical Runge-Kutta predictor for dy/dt = -H_y^{-1} H_t;
            # stages 4-7: Newton corrections at t1 (one call site each keeps compiles short)
            for stage in range(8):
                time = t1
                if stage == 0 and known:
                    continue  # a retry from the same point: slopes[0] still holds k1
                if stage == 0:
                    time = t
                    for v in range(dimension):
                        point[v] = y[v]
                elif stage < 3:
                    time = t + 0.5 * step
                    for v in range(dimension):
                        point[v] = y[v] + 0.5 * step * slopes[stage - 1, v]
                elif stage == 3:
                    for v in range(dimension):
                        point[v] = y[v] + step * slopes[2, v]
                elif stage == 4:
                    for v in range(dimension):
                        point[v] = (
                            y[v]
                            + step
                            * (slopes[0, v] + 2 * slopes[1, v] + 2 * slopes[2, v] + slopes[3, v])
                            / 6
                        )
                _homotopy(
                    point, time, profile, gamma, coefficients, factors, start_coefficients,
                    start_present, first, size, offset, sigma, gradient, linear, partials, value,
                    jacobian, derivative,
                )  # fmt: skip
                if not _solve(jacobian, derivative if stage < 4 else value, work, update):
                    ok = False
                    break
                if stage < 4:
                    for v in range(dimension):
                        slopes[stage, v] = -update[v]
                    known = known or stage == 0
                    continue
                for v in range(dimension):
                    point[v] -= update[v]
                norm = _norm(update)
                if stage == 4:
                    first_update = norm
                elif norm < 1e-9 * (1 + _norm(point)):
                    break
            scale = 1 + _norm(point)
            ok = ok and np.isfinite(norm) and norm < 1e-8 * scale and first_update < 0.02 * scale
            if ok:
                known = False
                for v in range(dimension):
                    y[v] = point[v]
                t = t1
                streak += 1
                if streak >= grow_after:
                    h = min(h * 2.0, 0.25)
                    streak = 0
                if t >= 1.0:
                    status[path] = 0
                    break
                if _norm(y) > 1e5:
                    status[path] = 1
                    break
            else:
                streak = 0
                h *= 0.5
                if h < 1e-12:
                    break
        endpoints[path] = y
    return endpoints, status, steps
