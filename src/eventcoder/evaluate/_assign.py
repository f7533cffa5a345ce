"""Exact maximum-weight one-to-one matching: connected components, then the Hungarian algorithm."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["components", "hungarian_max", "max_weight_matching"]

Edge = tuple[int, int]


def components(edges: Mapping[Edge, int]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite graph, as (sorted left nodes, sorted right nodes).

    Only nodes with at least one edge appear. Components are ordered by their smallest left node.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for left, right in edges:
        a, b = find(("L", left)), find(("R", right))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        side, index = node
        lefts, rights = groups.setdefault(find(node), ([], []))
        (lefts if side == "L" else rights).append(index)
    return sorted(groups.values(), key=lambda g: (g[0][:1], g[1][:1]))


def hungarian_max(weights: list[list[int]]) -> list[int]:
    """Assignment of each row to a distinct column maximising the total weight (rows <= columns).

    The O(n²m) shortest-augmenting-path Hungarian algorithm on integer weights, so results are exact and
    deterministic: among equal optima it returns the one this fixed scan order reaches.

    Returns:
        for each row, the index of its column.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n > m:
        raise ValueError("hungarian_max needs rows <= columns")
    top = max((w for row in weights for w in row), default=0)
    cost = [[top - w for w in row] for row in weights]  # non-negative costs, minimised
    inf = (top + 1) * (n + m + 2) * 10**12  # above any slack
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row (1-based) assigned to column j, 0 = none
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        col = 0
        min_slack = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col] = True
            current_row = owner[col]
            delta, next_col = inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                slack = cost[current_row - 1][j - 1] - u[current_row] - v[j]
                if slack < min_slack[j]:
                    min_slack[j], way[j] = slack, col
                if min_slack[j] < delta:
                    delta, next_col = min_slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_slack[j] -= delta
            col = next_col
            if owner[col] == 0:
                break
        while col:
            previous = way[col]
            owner[col] = owner[previous]
            col = previous
    assignment = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment


def _match_component(lefts: list[int], rights: list[int], edges: Mapping[Edge, int]) -> list[Edge]:
    """Best matching inside one component; pairs without an edge are dropped (weight 0 = unmatched)."""
    if len(lefts) <= len(rights):
        grid = [[edges.get((a, b), 0) for b in rights] for a in lefts]
        pairs = [(lefts[i], rights[j]) for i, j in enumerate(hungarian_max(grid))]
    else:
        grid = [[edges.get((a, b), 0) for a in lefts] for b in rights]
        pairs = [(lefts[j], rights[i]) for i, j in enumerate(hungarian_max(grid))]
    return sorted(p for p in pairs if p in edges)


def max_weight_matching(edges: Mapping[Edge, int]) -> list[Edge]:
    """A one-to-one matching of maximum total weight over the given edges (all weights must be > 0).

    Args:
        edges: ``{(left, right): weight}``; a missing pair cannot be matched.

    Returns:
        the matched ``(left, right)`` pairs, sorted.
    """
    if any(w <= 0 for w in edges.values()):
        raise ValueError("edge weights must be positive")
    matched: list[Edge] = []
    for lefts, rights in components(edges):
        matched.extend(_match_component(lefts, rights, edges))
    return sorted(matched)
