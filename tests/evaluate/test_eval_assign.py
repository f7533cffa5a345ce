"""The exact one-to-one matching (Hungarian algorithm over connected components)."""

from __future__ import annotations

import itertools
import random

import pytest

from eventcoder.evaluate._assign import components, hungarian_max, max_weight_matching


def _brute_force(edges: dict[tuple[int, int], int]) -> int:
    """Best total weight of any one-to-one matching, by trying every subset of edges."""
    best = 0
    items = list(edges.items())
    for size in range(len(items) + 1):
        for chosen in itertools.combinations(items, size):
            lefts = [e[0][0] for e in chosen]
            rights = [e[0][1] for e in chosen]
            if len(set(lefts)) == size and len(set(rights)) == size:
                best = max(best, sum(w for _, w in chosen))
    return best


def _is_matching(pairs: list[tuple[int, int]]) -> bool:
    return len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})


def test_greedy_is_wrong_here_the_matching_is_not() -> None:
    # greedy takes (0, 0) = 5 first and leaves 1 unmatched; the optimum pairs 0-1 and 1-0 for 8
    edges = {(0, 0): 5, (0, 1): 4, (1, 0): 4}
    assert max_weight_matching(edges) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("seed", range(40))
def test_matches_brute_force_on_random_graphs(seed: int) -> None:
    rng = random.Random(seed)
    n_left, n_right = rng.randint(1, 5), rng.randint(1, 5)
    edges = {(i, j): rng.randint(1, 9) for i in range(n_left) for j in range(n_right) if rng.random() < 0.6}
    pairs = max_weight_matching(edges)
    assert _is_matching(pairs)
    assert all(p in edges for p in pairs)
    assert sum(edges[p] for p in pairs) == _brute_force(edges)


def test_hungarian_rectangular_and_square() -> None:
    assert hungarian_max([[1, 9, 1], [9, 8, 1]]) == [1, 0]
    assert hungarian_max([[3, 1], [1, 3]]) == [0, 1]
    with pytest.raises(ValueError):
        hungarian_max([[1], [2]])


def test_components_split_independent_groups() -> None:
    edges = {(0, 0): 1, (1, 0): 1, (2, 5): 1, (3, 6): 1, (3, 5): 1}
    assert components(edges) == [([0, 1], [0]), ([2, 3], [5, 6])]


def test_rejects_non_positive_weights() -> None:
    with pytest.raises(ValueError):
        max_weight_matching({(0, 0): 0})


def test_deterministic_on_ties() -> None:
    edges = {(i, j): 1 for i in range(4) for j in range(4)}
    first = max_weight_matching(edges)
    assert len(first) == 4
    assert all(max_weight_matching(dict(edges)) == first for _ in range(3))
