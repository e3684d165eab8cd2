"""The order in which to visit the stops of a trip, on any matrix of travel costs.

Exact (Held–Karp, dynamic programming over subsets) for up to :data:`EXACT_MAX_STOPS` stops
besides the base; beyond that nearest neighbour, then 2-opt and Or-opt local search, then a few
seeded perturbation rounds (double bridge). The planner feeds it the travel estimates of
:func:`planner.travel.distance_matrix`, but nothing here knows about stops or roads.

Examples
--------
>>> import numpy as np
>>> matrix = np.array([[0, 1, 2], [1, 0, 1], [2, 1, 0]], dtype=float)
>>> order_stops(matrix, round_trip=False)
[0, 1, 2]
>>> route_length(matrix, [0, 1, 2], round_trip=True)
4.0
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from geo.errors import UserInputError

EXACT_MAX_STOPS = 10
"""Up to this many stops (base excluded) the order is exact (Held–Karp)."""
EXACT_HARD_LIMIT = 15
"""Held–Karp is refused beyond this (memory 2^n × n)."""
HEURISTIC_KICKS = 40
"""Perturbation rounds (double bridge + local search) of the heuristic."""
HEURISTIC_SEED = 20250701


def route_length(matrix: np.ndarray, order: Sequence[int], *, round_trip: bool) -> float:
    """Length of visiting ``order`` on ``matrix`` (back to ``order[0]`` if ``round_trip``)."""
    m = np.asarray(matrix, dtype=float)
    idx = list(order)
    total = float(sum(m[a, b] for a, b in itertools.pairwise(idx)))
    if round_trip and len(idx) > 1:
        total += float(m[idx[-1], idx[0]])
    return total


def _check_matrix(matrix: np.ndarray, start: int) -> np.ndarray:
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise UserInputError(
            "Ma trận khoảng cách phải vuông.", f"The distance matrix must be square: {m.shape}"
        )
    if not np.isfinite(m).all() or (m < 0).any():
        raise UserInputError.of("plan.error.matrix_values")
    if not 0 <= start < m.shape[0]:
        raise UserInputError("Điểm xuất phát không hợp lệ.", f"start={start} is out of range")
    return m


def _held_karp(m: np.ndarray, *, round_trip: bool, start: int) -> list[int]:
    """Exact order by dynamic programming over subsets (vectorised over the last stop)."""
    others = [i for i in range(m.shape[0]) if i != start]
    k = len(others)
    if k == 0:
        return [start]
    sub = m[np.ix_(others, others)]  # stop → stop
    from_start = m[start, others]
    to_start = m[others, start]
    full = (1 << k) - 1
    dp = np.full((1 << k, k), np.inf)
    parent = np.full((1 << k, k), -1, dtype=np.int16)
    for j in range(k):
        dp[1 << j, j] = from_start[j]
    bits = np.array([1 << j for j in range(k)])
    for mask in range(1, full + 1):
        row = dp[mask]
        if not np.isfinite(row).any():
            continue
        outside = np.nonzero((mask & bits) == 0)[0]
        if outside.size == 0:
            continue
        # candidates[j_prev, j_next] = dp[mask, j_prev] + sub[j_prev, j_next]
        candidates = row[:, None] + sub[:, outside]
        best_prev = np.argmin(candidates, axis=0)
        best = candidates[best_prev, np.arange(outside.size)]
        for col, j in enumerate(outside):
            target = mask | (1 << j)
            if best[col] < dp[target, j]:
                dp[target, j] = best[col]
                parent[target, j] = best_prev[col]
    final = dp[full] + (to_start if round_trip else 0.0)
    last = int(np.argmin(final))
    order: list[int] = []
    mask = full
    while last != -1:
        order.append(others[last])
        previous = int(parent[mask, last])
        mask ^= 1 << last
        last = previous
    return [start, *reversed(order)]


def _nearest_neighbour(m: np.ndarray, start: int) -> list[int]:
    n = m.shape[0]
    visited = np.zeros(n, dtype=bool)
    visited[start] = True
    order = [start]
    current = start
    for _ in range(n - 1):
        row = np.where(visited, np.inf, m[current])
        current = int(np.argmin(row))
        visited[current] = True
        order.append(current)
    return order


def _two_opt(m: np.ndarray, order: list[int], *, round_trip: bool) -> tuple[list[int], bool]:
    """First-improvement 2-opt on a path whose first element stays fixed."""
    p = np.array(order)
    n = len(p)
    improved_any = False
    improved = True
    while improved:
        improved = False
        for i in range(1, n - 1):
            # reverse p[i..j]; edges (p[i-1], p[i]) and (p[j], p[j+1]) are replaced
            j = np.arange(i + 1, n)
            a, b = p[i - 1], p[i]
            c = p[j]
            if round_trip:
                d = p[(j + 1) % n]
                delta = m[a, c] + m[b, d] - m[a, b] - m[c, d]
            else:
                d = p[np.minimum(j + 1, n - 1)]
                has_next = j + 1 < n
                delta = m[a, c] - m[a, b] + np.where(has_next, m[b, d] - m[c, d], 0.0)
            best = int(np.argmin(delta))
            if delta[best] < -1e-9:
                jj = int(j[best])
                p[i : jj + 1] = p[i : jj + 1][::-1].copy()
                improved = improved_any = True
    return p.tolist(), improved_any


def _or_opt(m: np.ndarray, order: list[int], *, round_trip: bool) -> tuple[list[int], bool]:
    """Move segments of 1–3 stops elsewhere (possibly reversed) while that shortens the path.

    Insertion costs of one segment are computed for every position at once (numpy).
    """
    p = list(order)
    n = len(p)
    improved_any = False
    improved = True
    while improved:
        improved = False
        for length in (1, 2, 3):
            for i in range(1, n - length + 1):
                seg = p[i : i + length]
                prev = p[i - 1]
                nxt = p[i + length] if i + length < n else (p[0] if round_trip else None)
                removed = m[prev, seg[0]] - (m[prev, nxt] if nxt is not None else 0.0)
                if nxt is not None:
                    removed += m[seg[-1], nxt]
                rest = np.array(p[:i] + p[i + length :])
                u = rest
                if round_trip:
                    v = np.roll(rest, -1)
                    has_v = np.ones(len(rest), dtype=bool)
                else:
                    v = np.append(rest[1:], rest[0])
                    has_v = np.arange(len(rest)) < len(rest) - 1
                base_uv = np.where(has_v, m[u, v], 0.0)
                best_delta, best_k, best_rev = -1e-9, -1, False
                for rev in (False, True):
                    s0, s1 = (seg[-1], seg[0]) if rev else (seg[0], seg[-1])
                    added = m[u, s0] + np.where(has_v, m[s1, v], 0.0) - base_uv
                    added[i - 1] = np.inf  # the place it came from
                    k = int(np.argmin(added))
                    delta = added[k] - removed
                    if delta < best_delta:
                        best_delta, best_k, best_rev = delta, k, rev
                if best_k >= 0:
                    moved = seg[::-1] if best_rev else seg
                    rest_list = rest.tolist()
                    p = rest_list[: best_k + 1] + moved + rest_list[best_k + 1 :]
                    improved = improved_any = True
    return p, improved_any


def _local_search(m: np.ndarray, order: list[int], *, round_trip: bool) -> list[int]:
    p = order
    while True:
        p, a = _two_opt(m, p, round_trip=round_trip)
        p, b = _or_opt(m, p, round_trip=round_trip)
        if not (a or b):
            return p


def _double_bridge(p: list[int], rng: np.random.Generator) -> list[int]:
    """Classic perturbation: cut the path (after the fixed start) in four and swap the middle."""
    n = len(p)
    if n < 8:
        i, j = sorted(rng.choice(np.arange(1, n), size=2, replace=False))
        return p[:i] + p[i : j + 1][::-1] + p[j + 1 :]
    a, b, c = sorted(rng.choice(np.arange(2, n), size=3, replace=False))
    return p[:a] + p[b:c] + p[a:b] + p[c:]


def heuristic_order(
    matrix: np.ndarray,
    *,
    round_trip: bool,
    start: int = 0,
    kicks: int = HEURISTIC_KICKS,
    seed: int = HEURISTIC_SEED,
    initial: Sequence[int] | None = None,
) -> list[int]:
    """Order by nearest neighbour, then 2-opt + Or-opt, then ``kicks`` perturbation rounds.

    The matrix is symmetrised for the moves (the estimates of this module are symmetric);
    deterministic for a given ``seed``. ``initial`` replaces the nearest-neighbour start.
    """
    m = _check_matrix(matrix, start)
    m = (m + m.T) / 2
    n = m.shape[0]
    if n <= 2:
        return [start, *[i for i in range(n) if i != start]]
    if initial is None:
        p = _nearest_neighbour(m, start)
    else:
        p = list(initial)
        if sorted(p) != list(range(n)) or p[0] != start:
            raise UserInputError.of("plan.error.initial_order")
    p = _local_search(m, p, round_trip=round_trip)
    best, best_cost = p, route_length(m, p, round_trip=round_trip)
    rng = np.random.default_rng(seed)
    if n < 5:
        kicks = 0
    for _ in range(kicks):
        candidate = _local_search(m, _double_bridge(best, rng), round_trip=round_trip)
        cost = route_length(m, candidate, round_trip=round_trip)
        if cost < best_cost - 1e-9:
            best, best_cost = candidate, cost
    return best


def order_stops(
    matrix: np.ndarray, *, round_trip: bool, start: int = 0, method: str = "auto"
) -> list[int]:
    """Return the visiting order (indices into ``matrix``), beginning with ``start``.

    Parameters
    ----------
    matrix
        Square matrix of travel costs (km or hours), ``matrix[i, j]`` from i to j.
    round_trip
        Whether the trip returns to ``start`` (the return is not repeated in the result).
        A one-way trip ends at whichever stop makes the route shortest.
    start
        Index of the base.
    method
        ``"auto"`` (exact up to :data:`EXACT_MAX_STOPS` stops besides the base, heuristic
        beyond), ``"exact"`` or ``"heuristic"``.

    Examples
    --------
    >>> m = np.array([[0, 5, 1, 9], [5, 0, 4, 1], [1, 4, 0, 6], [9, 1, 6, 0]], dtype=float)
    >>> order_stops(m, round_trip=False)
    [0, 2, 1, 3]
    """
    m = _check_matrix(matrix, start)
    stops = m.shape[0] - 1
    if method == "auto":
        method = "exact" if stops <= EXACT_MAX_STOPS else "heuristic"
    if method == "exact":
        if stops > EXACT_HARD_LIMIT:
            raise UserInputError(
                f"Tối ưu chính xác chỉ áp dụng cho ≤ {EXACT_HARD_LIMIT} điểm dừng.",
                f"Exact ordering is limited to {EXACT_HARD_LIMIT} stops (got {stops}); "
                f"use method='heuristic'.",
            )
        return _held_karp(m, round_trip=round_trip, start=start)
    if method == "heuristic":
        return heuristic_order(m, round_trip=round_trip, start=start)
    raise ValueError(f"method must be 'auto', 'exact' or 'heuristic', not {method!r}")
