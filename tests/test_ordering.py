"""Stop order: exact (Held–Karp) against brute force, the heuristic against the exact optimum
and against many restarts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from geo.errors import UserInputError
from planner.ordering import EXACT_MAX_STOPS, heuristic_order, order_stops, route_length
from tests.planner_cases import euclid

HEURISTIC_VS_EXACT_BOUND = 1.10
HEURISTIC_VS_RESTARTS_BOUND = 1.05


def brute_force(matrix: np.ndarray, *, round_trip: bool) -> float:
    n = len(matrix)
    return min(
        route_length(matrix, [0, *perm], round_trip=round_trip)
        for perm in itertools.permutations(range(1, n))
    )


@pytest.mark.parametrize("round_trip", [True, False])
@pytest.mark.parametrize("symmetric", [True, False])
def test_exact_order_equals_brute_force(round_trip: bool, symmetric: bool) -> None:
    rng = np.random.default_rng(7)
    for case in range(40):
        n = 2 + case % 7  # 1..7 stops besides the base
        if symmetric:
            matrix = euclid(rng.random((n, 2)))
        else:
            matrix = rng.random((n, n)) * 10
            np.fill_diagonal(matrix, 0)
        order = order_stops(matrix, round_trip=round_trip, method="exact")
        assert order[0] == 0 and sorted(order) == list(range(n))
        assert route_length(matrix, order, round_trip=round_trip) == pytest.approx(
            brute_force(matrix, round_trip=round_trip)
        )


def test_auto_uses_exact_up_to_the_limit() -> None:
    rng = np.random.default_rng(11)
    matrix = euclid(rng.random((EXACT_MAX_STOPS + 1, 2)))
    auto = order_stops(matrix, round_trip=True)
    exact = order_stops(matrix, round_trip=True, method="exact")
    assert route_length(matrix, auto, round_trip=True) == pytest.approx(
        route_length(matrix, exact, round_trip=True)
    )


def test_order_respects_start_and_one_way_ends_anywhere() -> None:
    # Points on a line: from the left end, one-way goes straight right; from the middle, the
    # one-way route first clears the nearer side.
    matrix = euclid(np.array([[0.0, 0], [1, 0], [2, 0], [3, 0], [10, 0]]))
    assert order_stops(matrix, round_trip=False, start=0) == [0, 1, 2, 3, 4]
    assert order_stops(matrix, round_trip=False, start=2) == [2, 1, 0, 3, 4]
    assert order_stops(matrix, round_trip=False, start=2, method="heuristic") == [2, 1, 0, 3, 4]


def test_order_rejects_bad_matrices() -> None:
    with pytest.raises(UserInputError):
        order_stops(np.array([[0, np.nan], [1, 0]]), round_trip=True)
    with pytest.raises(UserInputError):
        order_stops(np.zeros((2, 3)), round_trip=True)
    with pytest.raises(UserInputError):
        order_stops(np.zeros((20, 20)), round_trip=True, method="exact")


def test_heuristic_near_optimal_on_small_cases() -> None:
    """60 random cases with 9–10 stops where the exact optimum is known."""
    rng = np.random.default_rng(2025)
    ratios = []
    for case in range(60):
        n = 1 + (9 if case % 2 else 10)
        matrix = euclid(rng.random((n, 2)) * 100)
        round_trip = case % 4 < 2
        exact = route_length(
            matrix,
            order_stops(matrix, round_trip=round_trip, method="exact"),
            round_trip=round_trip,
        )
        heur = route_length(
            matrix,
            order_stops(matrix, round_trip=round_trip, method="heuristic"),
            round_trip=round_trip,
        )
        assert heur >= exact - 1e-9
        ratios.append(heur / exact)
    assert max(ratios) <= HEURISTIC_VS_EXACT_BOUND, max(ratios)


def best_of_restarts(matrix: np.ndarray, *, round_trip: bool, restarts: int) -> float:
    rng = np.random.default_rng(99)
    n = len(matrix)
    best = np.inf
    for r in range(restarts):
        initial = [0, *rng.permutation(np.arange(1, n)).tolist()]
        order = heuristic_order(matrix, round_trip=round_trip, initial=initial, kicks=60, seed=r)
        best = min(best, route_length(matrix, order, round_trip=round_trip))
    return best


@pytest.mark.parametrize(("n_stops", "round_trip"), [(30, True), (45, False), (60, True)])
def test_heuristic_close_to_best_of_many_restarts(n_stops: int, round_trip: bool) -> None:
    rng = np.random.default_rng(n_stops)
    matrix = euclid(rng.random((n_stops + 1, 2)) * 100)
    order = order_stops(matrix, round_trip=round_trip)
    assert sorted(order) == list(range(n_stops + 1)) and order[0] == 0
    ours = route_length(matrix, order, round_trip=round_trip)
    reference = min(ours, best_of_restarts(matrix, round_trip=round_trip, restarts=8))
    assert ours <= HEURISTIC_VS_RESTARTS_BOUND * reference, ours / reference
