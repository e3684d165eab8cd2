"""Travel estimates, stop order, day plan and warnings for field visits.

There is no local road network for the three areas, only six national roads good to a few
hundred metres. Every estimate therefore says how it was made:

* ``road``: both ends lie within ``road_snap_km`` of the same connected part of the national
  roads. Distance = access legs (straight line × detour factor, at mountain speed) + the
  shortest path along the national roads (at road speed).
* ``straight_line_detour``: otherwise, straight-line (great-circle) distance × detour factor,
  at mountain speed.

Stop order is optimised on the same estimates (:func:`distance_matrix`), exactly (Held–Karp)
for up to :data:`EXACT_MAX_STOPS` stops and with nearest neighbour + 2-opt + Or-opt and a few
seeded perturbation rounds beyond.

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

import heapq
import itertools
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point

from geo import settings
from geo.catalogue import Catalogue
from geo.errors import DataFileError, UserInputError
from geo.vocabulary import APPROXIMATE_PRECISIONS, HIGH_RISK_CLASSES, METRIC_CRS, WGS84
from i18n.messages import EN, VI, precision_label, risk_label
from i18n.numbers import format_number
from planner.plan import Plan, Stop, TravelSettings

"""WGS 84 / UTM 48N: metres over all three areas (103.9–107 E)."""
EARTH_RADIUS_KM = 6371.0088
NODE_MERGE_M = 50.0
"""Road vertices closer than this are one junction, so lines that touch connect."""
EXACT_MAX_STOPS = 10
"""Up to this many stops (base excluded) the order is exact (Held–Karp)."""
EXACT_HARD_LIMIT = 15
"""Held–Karp is refused beyond this (memory 2^n × n)."""
HEURISTIC_KICKS = 40
"""Perturbation rounds (double bridge + local search) of the heuristic."""
HEURISTIC_SEED = 20250701
LATE_ARRIVAL_HOUR = 18
"""Arrivals at or after this hour get a note: mountain roads after dark are dangerous."""
"""Stop precisions that get the 'position known only approximately' warning."""
BORDER_SOURCE = "boundaries/border_vn_la.geojson (derived line, not the treaty line)"
ROADS_SOURCE = "network/roads_national.geojson (CTU-SematX/LegoCity, CC BY-SA 4.0)"

_TO_METRIC = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True)


def _fmt(value: float, *, lang: str, digits: int = 1) -> str:
    return format_number(value, lang=lang, decimals=digits)


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in km (scalars or numpy arrays).

    Examples
    --------
    >>> round(haversine_km(20.0, 105.0, 21.0, 105.0), 1)
    111.2
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    out = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(out) if np.ndim(out) == 0 else out


# --- ordering ----------------------------------------------------------------------------------


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
        raise UserInputError(
            "Ma trận khoảng cách có giá trị thiếu hoặc âm.",
            "The distance matrix has missing (NaN/inf) or negative values.",
        )
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


def _path_cost(m: np.ndarray, p: list[int], *, round_trip: bool) -> float:
    return route_length(m, p, round_trip=round_trip)


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
            raise UserInputError(
                "Thứ tự ban đầu không hợp lệ.", "initial must be a permutation starting at start"
            )
    p = _local_search(m, p, round_trip=round_trip)
    best, best_cost = p, _path_cost(m, p, round_trip=round_trip)
    rng = np.random.default_rng(seed)
    if n < 5:
        kicks = 0
    for _ in range(kicks):
        candidate = _local_search(m, _double_bridge(best, rng), round_trip=round_trip)
        cost = _path_cost(m, candidate, round_trip=round_trip)
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


# --- road network ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Snap:
    """Where a point meets the network: edge, fraction along it, and distance (m)."""

    edge: int
    t: float
    distance_m: float
    x: float
    y: float


@dataclass
class RoadNetwork:
    """The national roads as a graph in UTM 48N metres (no networkx: heapq Dijkstra).

    Build it with :meth:`from_lines` or :meth:`from_catalogue`.
    """

    nodes: np.ndarray
    """(n, 2) node coordinates, metres in :data:`METRIC_CRS`."""
    edges: np.ndarray
    """(e, 2) node indices of each straight edge."""
    edge_length: np.ndarray
    edge_road: list[str]
    component: np.ndarray
    """Connected-component id of each node."""
    adjacency: list[list[tuple[int, float, int]]] = field(repr=False)
    """adjacency[u] = [(v, length_m, edge index), ...]."""

    @classmethod
    def from_lines(
        cls,
        lines: gpd.GeoDataFrame,
        *,
        merge_m: float = NODE_MERGE_M,
        name_column: str | None = None,
    ) -> RoadNetwork:
        """Build the graph from (Multi)LineStrings.

        Lines are noded where they cross; vertices within ``merge_m`` metres are merged, and
        a line end within ``merge_m`` of another road's edge is joined to it, so roads that
        touch connect.

        Examples
        --------
        >>> frame = gpd.GeoDataFrame(
        ...     {"name": ["a", "b"]},
        ...     geometry=[LineString([(105.0, 20.0), (105.1, 20.0)]),
        ...               LineString([(105.1, 20.0002), (105.1, 20.1)])],
        ...     crs="EPSG:4326")
        >>> net = RoadNetwork.from_lines(frame)
        >>> len(set(net.component.tolist()))
        1
        """
        if lines.crs is None:
            raise DataFileError("The road lines have no CRS; set EPSG:4326 before building.")
        if name_column is None:
            name_column = next((c for c in ("name", "ten") if c in lines.columns), None)
        metric = lines.to_crs(METRIC_CRS)
        parts: list[tuple[np.ndarray, str]] = []
        for row_name, geom in zip(
            metric[name_column] if name_column else [""] * len(metric),
            metric.geometry,
            strict=True,
        ):
            if geom is None or geom.is_empty:
                continue
            for part in getattr(geom, "geoms", [geom]):
                if part.geom_type != "LineString":
                    continue
                parts.append((np.asarray(part.coords)[:, :2], str(row_name)))
        if not parts:
            raise DataFileError("The road layer has no LineString geometry to build a network.")
        parts = _node_crossings(parts)

        # Merge vertices within merge_m (union-find over close pairs).
        coords = np.vstack([c for c, _ in parts])
        n = len(coords)
        parent = np.arange(n)

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return int(i)

        order = np.argsort(coords[:, 0])
        xs = coords[order, 0]
        for pos, i in enumerate(order):
            hi = np.searchsorted(xs, xs[pos] + merge_m, side="right")
            cand = order[pos + 1 : hi]
            if cand.size == 0:
                continue
            close = cand[np.hypot(*(coords[cand] - coords[i]).T) <= merge_m]
            for j in close:
                ri, rj = find(int(i)), find(int(j))
                if ri != rj:
                    parent[rj] = ri
        roots = np.array([find(i) for i in range(n)])
        uniq, label = np.unique(roots, return_inverse=True)
        nodes = np.zeros((len(uniq), 2))
        np.add.at(nodes, label, coords)
        nodes /= np.bincount(label)[:, None]

        edges: dict[tuple[int, int], tuple[float, str]] = {}
        offset = 0
        for c, road in parts:
            ids = label[offset : offset + len(c)]
            offset += len(c)
            for u, v in itertools.pairwise(ids):
                if u == v:
                    continue
                key = (int(min(u, v)), int(max(u, v)))
                length = float(np.hypot(*(nodes[u] - nodes[v])))
                if key not in edges or length < edges[key][0]:
                    edges[key] = (length, road)
        node_list = [tuple(p) for p in nodes]
        edge_keys = list(edges)
        edge_roads = [edges[k][1] for k in edge_keys]
        node_list, edge_keys, edge_roads = _join_dangling(
            node_list, edge_keys, edge_roads, merge_m=merge_m
        )
        return cls._assemble(np.array(node_list), edge_keys, edge_roads)

    @classmethod
    def _assemble(
        cls, nodes: np.ndarray, edge_keys: list[tuple[int, int]], edge_roads: list[str]
    ) -> RoadNetwork:
        edges = np.array(edge_keys, dtype=int).reshape(-1, 2)
        lengths = np.hypot(*(nodes[edges[:, 0]] - nodes[edges[:, 1]]).T) if len(edges) else []
        adjacency: list[list[tuple[int, float, int]]] = [[] for _ in range(len(nodes))]
        for k, ((u, v), length) in enumerate(zip(edges, lengths, strict=True)):
            adjacency[u].append((int(v), float(length), k))
            adjacency[v].append((int(u), float(length), k))
        component = np.full(len(nodes), -1)
        for seed in range(len(nodes)):
            if component[seed] >= 0:
                continue
            component[seed] = seed
            stack = [seed]
            while stack:
                u = stack.pop()
                for v, _, _ in adjacency[u]:
                    if component[v] < 0:
                        component[v] = seed
                        stack.append(v)
        _, component = np.unique(component, return_inverse=True)
        return cls(
            nodes=nodes,
            edges=edges,
            edge_length=np.asarray(lengths, dtype=float),
            edge_road=edge_roads,
            component=component,
            adjacency=adjacency,
        )

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue | None = None) -> RoadNetwork:
        """Build the network from the catalogue's ``roads`` file (national roads)."""
        catalogue = catalogue or Catalogue.load()
        raw = catalogue.read_vector("roads")
        if "ten" in raw.columns:
            raw["name"] = raw["ten"].astype(str).str.replace("Tỉnh lộ 217", "QL217")
        return cls.from_lines(raw, name_column="name" if "name" in raw.columns else None)

    @property
    def n_components(self) -> int:
        return int(self.component.max()) + 1 if len(self.component) else 0

    def snap(self, x: float, y: float) -> _Snap:
        """Nearest point of the network to metric point (x, y)."""
        a = self.nodes[self.edges[:, 0]]
        b = self.nodes[self.edges[:, 1]]
        ab = b - a
        denom = np.maximum((ab**2).sum(axis=1), 1e-12)
        t = np.clip(((np.array([x, y]) - a) * ab).sum(axis=1) / denom, 0.0, 1.0)
        proj = a + ab * t[:, None]
        dist = np.hypot(proj[:, 0] - x, proj[:, 1] - y)
        k = int(np.argmin(dist))
        return _Snap(edge=k, t=float(t[k]), distance_m=float(dist[k]), x=proj[k, 0], y=proj[k, 1])

    def edge_component(self, edge: int) -> int:
        return int(self.component[self.edges[edge, 0]])

    def dijkstra_from(self, snap: _Snap) -> tuple[np.ndarray, np.ndarray]:
        """Shortest distance (m) and predecessor from a snapped point to every node."""
        n = len(self.nodes)
        dist = np.full(n, np.inf)
        prev = np.full(n, -1)
        u0, v0 = self.edges[snap.edge]
        length = self.edge_length[snap.edge]
        heap: list[tuple[float, int]] = []
        for node, d in ((u0, snap.t * length), (v0, (1 - snap.t) * length)):
            if d < dist[node]:
                dist[node] = d
                heapq.heappush(heap, (d, int(node)))
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            for v, w, _ in self.adjacency[u]:
                nd = d + w
                if nd < dist[v]:
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
        return dist, prev

    def path(
        self, a: _Snap, b: _Snap, tree: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[float, list[tuple[float, float]], list[str]] | None:
        """Road distance (m), metric coordinates and road names from ``a`` to ``b``.

        ``None`` when they are on different components. ``tree`` is ``dijkstra_from(a)``.
        """
        if self.edge_component(a.edge) != self.edge_component(b.edge):
            return None
        if a.edge == b.edge:
            d = abs(a.t - b.t) * self.edge_length[a.edge]
            return float(d), [(a.x, a.y), (b.x, b.y)], [self.edge_road[a.edge]]
        dist, prev = tree if tree is not None else self.dijkstra_from(a)
        u, v = self.edges[b.edge]
        length = self.edge_length[b.edge]
        via_u = dist[u] + b.t * length
        via_v = dist[v] + (1 - b.t) * length
        end = int(u) if via_u <= via_v else int(v)
        total = float(min(via_u, via_v))
        chain = [end]
        while prev[chain[-1]] >= 0:
            chain.append(int(prev[chain[-1]]))
        chain.reverse()
        coords = [(a.x, a.y), *(tuple(self.nodes[k]) for k in chain), (b.x, b.y)]
        roads = [self.edge_road[a.edge]]
        for p, q in itertools.pairwise(chain):
            for w, _, k in self.adjacency[p]:
                if w == q:
                    roads.append(self.edge_road[k])
                    break
        roads.append(self.edge_road[b.edge])
        return total, [(float(x), float(y)) for x, y in coords], list(dict.fromkeys(roads))


def _node_crossings(parts: list[tuple[np.ndarray, str]]) -> list[tuple[np.ndarray, str]]:
    """Insert a vertex where two road lines cross without sharing one."""
    lines = [LineString(c) for c, _ in parts]
    extra: list[list[np.ndarray]] = [[] for _ in lines]
    tree = shapely.STRtree(lines)
    left, right = tree.query(lines, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i >= j:
            continue
        inter = lines[i].intersection(lines[j])
        points = [g for g in getattr(inter, "geoms", [inter]) if g.geom_type == "Point"]
        for point in points:
            xy = np.array([point.x, point.y])
            extra[i].append(xy)
            extra[j].append(xy)
    out: list[tuple[np.ndarray, str]] = []
    for (coords, road), line, points in zip(parts, lines, extra, strict=True):
        if not points:
            out.append((coords, road))
            continue
        cumulative = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
        items = [(float(m), tuple(c)) for m, c in zip(cumulative, coords, strict=True)]
        items += [(float(line.project(Point(p))), tuple(p)) for p in points]
        items.sort(key=lambda item: item[0])
        out.append((np.array([c for _, c in items]), road))
    return out


def _join_dangling(
    nodes: list[tuple[float, float]],
    edges: list[tuple[int, int]],
    roads: list[str],
    *,
    merge_m: float,
) -> tuple[list[tuple[float, float]], list[tuple[int, int]], list[str]]:
    """Join a line end lying within ``merge_m`` of another edge's interior (a T-junction)."""
    degree = np.zeros(len(nodes), dtype=int)
    for u, v in edges:
        degree[u] += 1
        degree[v] += 1
    nodes = list(nodes)
    edges = list(edges)
    roads = list(roads)
    for end in np.nonzero(degree == 1)[0]:
        arr_nodes = np.array(nodes)
        arr_edges = np.array(edges)
        a, b = arr_nodes[arr_edges[:, 0]], arr_nodes[arr_edges[:, 1]]
        ab = b - a
        p = arr_nodes[end]
        t = np.clip(((p - a) * ab).sum(axis=1) / np.maximum((ab**2).sum(axis=1), 1e-12), 0, 1)
        proj = a + ab * t[:, None]
        dist = np.hypot(*(proj - p).T)
        incident = (arr_edges[:, 0] == end) | (arr_edges[:, 1] == end)
        dist[incident] = np.inf
        k = int(np.argmin(dist))
        if dist[k] > merge_m:
            continue
        u, v = edges[k]
        if t[k] <= 0 or t[k] >= 1:
            target = u if t[k] <= 0 else v
        else:
            nodes.append((float(proj[k, 0]), float(proj[k, 1])))
            target = len(nodes) - 1
            road = roads[k]
            edges[k] = (u, target)
            edges.append((target, v))
            roads.append(road)
        if target != end:
            edges.append((int(end), int(target)))
            roads.append(roads[k])
    return nodes, edges, roads


# --- legs --------------------------------------------------------------------------------------


@dataclass
class Leg:
    """One travel estimate between two stops, with how it was made."""

    distance_km: float
    hours: float
    method: str
    """``"road"`` or ``"straight_line_detour"``."""
    explanation_vi: str
    explanation_en: str
    geometry: LineString
    """Drawn route in EPSG:4326 (a straight line for ``straight_line_detour``)."""
    from_id: str = ""
    to_id: str = ""
    straight_km: float = 0.0
    road_km: float = 0.0
    access_km: float = 0.0
    roads: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["geometry"] = shapely.to_wkt(self.geometry, rounding_precision=6)
        return data

    def explanation(self, lang: str = "vi") -> str:
        return self.explanation_vi if lang == "vi" else self.explanation_en


class _Estimator:
    """Caches snaps and shortest-path trees so a matrix costs one Dijkstra per stop."""

    def __init__(self, network: RoadNetwork | None, travel: TravelSettings) -> None:
        self.network = network
        self.travel = travel
        self._snaps: dict[tuple[float, float], _Snap | None] = {}
        self._trees: dict[tuple[float, float], tuple[np.ndarray, np.ndarray]] = {}

    def _metric(self, stop: Stop) -> tuple[float, float]:
        x, y = _TO_METRIC.transform(stop.lon, stop.lat)
        return float(x), float(y)

    def snap(self, stop: Stop) -> _Snap | None:
        key = (stop.lat, stop.lon)
        if key not in self._snaps:
            snap = None
            if self.network is not None and len(self.network.edges):
                snap = self.network.snap(*self._metric(stop))
                if snap.distance_m > self.travel.road_snap_km * 1000:
                    snap = None
            self._snaps[key] = snap
        return self._snaps[key]

    def tree(self, stop: Stop, snap: _Snap) -> tuple[np.ndarray, np.ndarray]:
        key = (stop.lat, stop.lon)
        if key not in self._trees:
            assert self.network is not None
            self._trees[key] = self.network.dijkstra_from(snap)
        return self._trees[key]

    def leg(self, a: Stop, b: Stop) -> Leg:
        travel = self.travel
        straight = float(haversine_km(a.lat, a.lon, b.lat, b.lon))
        snap_a, snap_b = self.snap(a), self.snap(b)
        routed = None
        if snap_a is not None and snap_b is not None and self.network is not None:
            routed = self.network.path(snap_a, snap_b, self.tree(a, snap_a))
        if routed is None or straight == 0.0:
            return self._straight(a, b, straight, snap_a, snap_b)
        road_m, coords, roads = routed
        assert snap_a is not None and snap_b is not None
        access_straight = (snap_a.distance_m + snap_b.distance_m) / 1000
        access_km = access_straight * travel.detour_factor
        road_km = road_m / 1000
        hours = access_km / travel.mountain_speed_kmh + road_km / travel.road_speed_kmh
        direct_hours = straight * travel.detour_factor / travel.mountain_speed_kmh
        if direct_hours < hours:
            # Both ends are near the road but going straight is quicker than the detour via
            # the national road (e.g. two stops off the road on the same side).
            why = (
                f"nhanh hơn đi vòng qua quốc lộ ({_fmt(hours, lang='vi', digits=2)} giờ)",
                f"quicker than going via the national road: {_fmt(hours, lang='en', digits=2)} h",
            )
            return self._straight(a, b, straight, snap_a, snap_b, why=why)
        lon, lat = _TO_WGS84.transform(*np.array(coords).T)
        line = LineString([(a.lon, a.lat), *zip(lon, lat, strict=True), (b.lon, b.lat)])
        names = ", ".join(r for r in roads if r) or "?"
        vi = (
            f"Theo quốc lộ ({names}): {_fmt(road_km, lang='vi')} km trên quốc lộ ở "
            f"{_fmt(travel.road_speed_kmh, lang='vi', digits=0)} km/h + "
            f"{_fmt(access_km, lang='vi')} km đường vào (đường chim bay "
            f"{_fmt(access_straight, lang='vi')} km × hệ số đường vòng "
            f"{_fmt(travel.detour_factor, lang='vi', digits=2)}) ở "
            f"{_fmt(travel.mountain_speed_kmh, lang='vi', digits=0)} km/h. Quốc lộ sai số vài "
            "trăm mét; không có dữ liệu đường địa phương."
        )
        en = (
            f"Along national roads ({names}): {_fmt(road_km, lang='en')} km on the road at "
            f"{_fmt(travel.road_speed_kmh, lang='en', digits=0)} km/h + "
            f"{_fmt(access_km, lang='en')} km of access (straight line "
            f"{_fmt(access_straight, lang='en')} km × detour factor "
            f"{_fmt(travel.detour_factor, lang='en', digits=2)}) at "
            f"{_fmt(travel.mountain_speed_kmh, lang='en', digits=0)} km/h. Road positions good "
            "to a few hundred metres; no local road data."
        )
        return Leg(
            distance_km=road_km + access_km,
            hours=hours,
            method="road",
            explanation_vi=vi,
            explanation_en=en,
            geometry=line,
            from_id=a.id,
            to_id=b.id,
            straight_km=straight,
            road_km=road_km,
            access_km=access_km,
            roads=[r for r in roads if r],
        )

    def _straight(
        self,
        a: Stop,
        b: Stop,
        straight: float,
        snap_a: _Snap | None,
        snap_b: _Snap | None,
        *,
        why: tuple[str, str] | None = None,
    ) -> Leg:
        travel = self.travel
        km = straight * travel.detour_factor
        hours = km / travel.mountain_speed_kmh
        if why is not None:
            why_vi, why_en = why
        elif straight == 0.0:
            why_vi, why_en = "cùng vị trí", "same position"
        elif snap_a is None or snap_b is None:
            far = [s.name for s, snap in ((a, snap_a), (b, snap_b)) if snap is None]
            why_vi = (
                f"{' và '.join(far)} cách quốc lộ hơn {_fmt(travel.road_snap_km, lang='vi')} km"
            )
            why_en = (
                f"{' and '.join(far)} more than {_fmt(travel.road_snap_km, lang='en')} km "
                "from a national road"
            )
        else:
            why_vi = "hai điểm gần hai quốc lộ không nối với nhau trong dữ liệu"
            why_en = "the two ends are near national roads that do not connect in the data"
        vi = (
            f"Ước tính theo đường chim bay ({why_vi}): {_fmt(straight, lang='vi')} km × hệ số "
            f"đường vòng {_fmt(travel.detour_factor, lang='vi', digits=2)} = "
            f"{_fmt(km, lang='vi')} km ở {_fmt(travel.mountain_speed_kmh, lang='vi', digits=0)}"
            " km/h. Đường thực tế có thể dài hơn nhiều ở vùng núi."
        )
        en = (
            f"Straight-line estimate ({why_en}): {_fmt(straight, lang='en')} km × detour factor "
            f"{_fmt(travel.detour_factor, lang='en', digits=2)} = {_fmt(km, lang='en')} km at "
            f"{_fmt(travel.mountain_speed_kmh, lang='en', digits=0)} km/h. The real road may be "
            "much longer in the mountains."
        )
        return Leg(
            distance_km=km,
            hours=hours,
            method="straight_line_detour",
            explanation_vi=vi,
            explanation_en=en,
            geometry=LineString([(a.lon, a.lat), (b.lon, b.lat)]),
            from_id=a.id,
            to_id=b.id,
            straight_km=straight,
        )


def estimate_leg(
    a: Stop, b: Stop, *, network: RoadNetwork | None, settings: TravelSettings | None = None
) -> Leg:
    """Estimate distance and time from ``a`` to ``b`` and say how.

    Examples
    --------
    >>> a = Stop(id="a", name="A", kind="point", lat=20.0, lon=105.0,
    ...          precision="published", commune_code=None, source="test")
    >>> b = Stop(id="b", name="B", kind="point", lat=20.1, lon=105.0,
    ...          precision="published", commune_code=None, source="test")
    >>> leg = estimate_leg(a, b, network=None)
    >>> leg.method, round(leg.distance_km, 1)
    ('straight_line_detour', 17.8)
    """
    return _Estimator(network, settings or TravelSettings()).leg(a, b)


def distance_matrix(
    points: Sequence[Stop],
    *,
    network: RoadNetwork | None,
    settings: TravelSettings | None = None,
    metric: str = "km",
) -> np.ndarray:
    """Matrix of :func:`estimate_leg` distances (``metric="km"``) or hours between stops."""
    if metric not in {"km", "hours"}:
        raise ValueError(f"metric must be 'km' or 'hours', not {metric!r}")
    estimator = _Estimator(network, settings or TravelSettings())
    n = len(points)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            leg = estimator.leg(points[i], points[j])
            value = leg.distance_km if metric == "km" else leg.hours
            out[i, j] = out[j, i] = value
    return out


def optimise_plan(plan: Plan, *, network: RoadNetwork | None, metric: str = "km") -> Plan:
    """Return ``plan`` with its stops in the shortest order (unchanged if ``order_fixed``)."""
    if plan.order_fixed or len(plan.stops) < 2:
        return plan
    points = [plan.base, *plan.stops]
    matrix = distance_matrix(
        points, network=network, settings=plan.travel_settings(), metric=metric
    )
    order = order_stops(matrix, round_trip=plan.round_trip, start=0)
    return plan.with_stops([points[i] for i in order[1:]])


def plan_legs(plan: Plan, *, network: RoadNetwork | None) -> list[Leg]:
    """Legs between consecutive stops of :meth:`Plan.route_stops`, in the plan's order."""
    estimator = _Estimator(network, plan.travel_settings())
    route = plan.route_stops()
    return [estimator.leg(a, b) for a, b in itertools.pairwise(route)]


# --- schedule ----------------------------------------------------------------------------------


@dataclass
class DayRow:
    """One stop of the day plan: when the team arrives and leaves."""

    day: int
    date: date
    stop_id: str
    stop_name: str
    kind: str
    arrival: datetime | None
    departure: datetime | None
    leg_index: int | None
    """Index of the leg that arrives here (``None`` at the start)."""
    leg_km: float | None
    leg_hours: float | None
    leg_method: str | None
    drive_hours_day: float
    """Driving hours of this day up to the arrival here."""
    dwell_minutes: float
    overnight: bool = False
    note_vi: str = ""
    note_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("arrival", "departure"):
            data[key] = data[key].isoformat() if data[key] else None
        data["date"] = self.date.isoformat()
        return data


def _add_note(row: DayRow, vi: str, en: str) -> None:
    row.note_vi = f"{row.note_vi} {vi}".strip()
    row.note_en = f"{row.note_en} {en}".strip()


def _to_minute(value: datetime) -> datetime:
    """Round to the nearest whole minute (estimates are nowhere near seconds)."""
    return (value + timedelta(seconds=30)).replace(second=0, microsecond=0)


def _late(arrival: datetime, start: datetime) -> bool:
    """Arrival after LATE_ARRIVAL_HOUR on its day, or after midnight of a day started earlier."""
    return arrival.hour >= LATE_ARRIVAL_HOUR or arrival.hour < start.hour


def schedule(plan: Plan, legs: Sequence[Leg]) -> list[DayRow]:
    """Split the trip into days.

    Each day starts at the clock time of ``plan.start``. A leg that would take the day's
    driving beyond ``plan.drive_hours_per_day`` starts the next morning (overnight at the
    current stop). A leg longer than a whole day's driving gets day(s) of its own and a note.
    Dwell time does not count towards the driving budget.
    """
    route = plan.route_stops()
    if len(legs) != len(route) - 1:
        raise UserInputError(
            "Số chặng không khớp với số điểm dừng của kế hoạch.",
            f"Got {len(legs)} legs for {len(route)} route stops; compute them with plan_legs().",
        )
    budget = plan.drive_hours_per_day
    eps = 1e-9

    def day_start(day: int) -> datetime:
        return plan.start + timedelta(days=day - 1)

    day, driven = 1, 0.0
    now = plan.start
    rows = [
        DayRow(
            day=1,
            date=plan.start.date(),
            stop_id=plan.base.id,
            stop_name=plan.base.name,
            kind=plan.base.kind,
            arrival=None,
            departure=plan.start,
            leg_index=None,
            leg_km=None,
            leg_hours=None,
            leg_method=None,
            drive_hours_day=0.0,
            dwell_minutes=0.0,
        )
    ]
    for index, (leg, stop) in enumerate(zip(legs, route[1:], strict=True)):
        previous = rows[-1]
        # Dwell ran past the next morning: the team stayed overnight there.
        while now >= day_start(day + 1):
            day, driven = day + 1, 0.0
            previous.overnight = True
        hours = float(leg.hours)
        note = ("", "")
        if driven > eps and driven + hours > budget + eps:
            day, driven = day + 1, 0.0
            now = max(now, day_start(day))
            previous.departure = now
            previous.overnight = True
            _add_note(
                previous,
                f"Nghỉ đêm tại đây (chặng tiếp theo vượt {_fmt(budget, lang='vi')} giờ lái/ngày).",
                f"Overnight here (the next leg would exceed {_fmt(budget, lang='en')} "
                "driving hours a day).",
            )
        if hours > budget + eps:
            full_days = math.ceil(hours / budget - eps)
            remainder = hours - (full_days - 1) * budget
            day += full_days - 1
            arrival = _to_minute(day_start(day) + timedelta(hours=remainder))
            driven = remainder
            note = (
                f"Chặng dài {_fmt(hours, lang='vi')} giờ, hơn {_fmt(budget, lang='vi')} giờ lái "
                f"một ngày: chia {full_days} ngày, cần nơi nghỉ đêm dọc đường.",
                f"Leg of {_fmt(hours, lang='en')} h, more than {_fmt(budget, lang='en')} driving "
                f"hours a day: spread over {full_days} days; plan overnight stops on the way.",
            )
        else:
            arrival = _to_minute(now + timedelta(hours=hours))
            driven += hours
        is_end = index == len(legs) - 1
        dwell = 0.0 if is_end and plan.round_trip else plan.dwell_minutes(stop)
        departure = None if is_end else _to_minute(arrival + timedelta(minutes=dwell))
        row = DayRow(
            day=day,
            date=(plan.start + timedelta(days=day - 1)).date(),
            stop_id=stop.id,
            stop_name=stop.name,
            kind=stop.kind,
            arrival=arrival,
            departure=departure,
            leg_index=index,
            leg_km=float(leg.distance_km),
            leg_hours=hours,
            leg_method=leg.method,
            drive_hours_day=driven,
            dwell_minutes=dwell,
        )
        if note[0]:
            _add_note(row, *note)
        if _late(arrival, plan.start):
            _add_note(
                row,
                f"Đến sau {LATE_ARRIVAL_HOUR} giờ: tránh đi đường núi khi trời tối.",
                f"Arrives after {LATE_ARRIVAL_HOUR}:00: avoid mountain roads after dark.",
            )
        rows.append(row)
        now = departure or arrival
    return rows


# --- warnings ----------------------------------------------------------------------------------


@dataclass
class PlanWarning:
    """Something the team must know before leaving, with its sources."""

    kind: str
    """``risk``, ``rainy_season``, ``border`` or ``approximate_position``."""
    severity: str
    """``high``, ``warning`` or ``info``."""
    text_vi: str
    text_en: str
    sources: list[str]
    stop_id: str | None = None
    leg_index: int | None = None
    leg_indices: list[int] = field(default_factory=list)
    """Every leg concerned, when the warning is about several (``leg_index`` is the first)."""

    def text(self, lang: str = "vi") -> str:
        return self.text_vi if lang == "vi" else self.text_en

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Warning = PlanWarning
"""The name used in the design notes."""

_SEVERITY_RANK = {"high": 0, "warning": 1, "info": 2}


def _text_col(row: Any, column: str) -> str:
    value = row.get(column) if hasattr(row, "get") else None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _split_sources(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace(" ; ", ";").split(";")]
    return [p for p in dict.fromkeys(parts) if p]


def _rainy_dates(start: datetime, end: datetime) -> list[date]:
    days = []
    current = start.date()
    while current <= end.date():
        if current.month in settings.RAINY_SEASON_MONTHS:
            days.append(current)
        current += timedelta(days=1)
    return days


def plan_warnings(
    plan: Plan,
    legs: Sequence[Leg],
    *,
    communes: gpd.GeoDataFrame | None,
    border_line: gpd.GeoDataFrame | None,
    lang: str = "vi",
    border_warning_km: float = settings.BORDER_WARNING_KM,
) -> list[PlanWarning]:
    """Warnings for the plan: risk communes, rainy season, border area, approximate positions.

    Parameters
    ----------
    communes
        Polygons with ``code``, ``name`` and, where known, ``risk_class``, ``risk_reasons``
        (``;``-separated), ``risk_reasons_en``, ``risk_sources`` and ``is_border``. Missing
        columns skip the matching check.
    border_line
        The border line (catalogue key ``border_line``); ``None`` skips the distance check.
    lang
        ``"vi"`` or ``"en"``: warnings are sorted by severity, then by the text in this language.
        Both texts are always filled.
    """
    if lang not in {"vi", "en"}:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    route = plan.route_stops()
    if len(legs) != len(route) - 1:
        raise UserInputError(
            "Số chặng không khớp với số điểm dừng của kế hoạch.",
            f"Got {len(legs)} legs for {len(route)} route stops.",
        )
    unique_stops = list({s.id: s for s in route}.values())
    out: list[PlanWarning] = []
    stop_points = gpd.GeoSeries([Point(s.lon, s.lat) for s in unique_stops], crs=WGS84).to_crs(
        METRIC_CRS
    )

    # Communes holding each stop, and risk communes crossed by legs.
    if communes is not None and len(communes):
        metric = (
            communes.to_crs(METRIC_CRS)
            if communes.crs
            else communes.set_crs(WGS84).to_crs(METRIC_CRS)
        )
        has_risk = "risk_class" in metric.columns
        has_border = "is_border" in metric.columns
        tree = shapely.STRtree(metric.geometry.values)
        communes_of: dict[str, set[int]] = {}
        for stop, point in zip(unique_stops, stop_points, strict=True):
            hits = tree.query(point, predicate="intersects")
            communes_of[stop.id] = {int(i) for i in hits}
            for idx in hits:
                row = metric.iloc[int(idx)]
                name = _text_col(row, "name") or _text_col(row, "code")
                if has_risk and _text_col(row, "risk_class") in HIGH_RISK_CLASSES:
                    out.append(_risk_warning(row, name, stop=stop))
                if has_border and bool(row["is_border"]) is True:
                    out.append(_border_warning(stop, commune=name, distance_km=None))
        if has_risk:
            # Communes a leg crosses between its ends; its end communes have stop warnings.
            is_risky = metric["risk_class"].astype(str).isin(HIGH_RISK_CLASSES).to_numpy()
            stop_communes = set().union(*communes_of.values()) if communes_of else set()
            legs_metric = gpd.GeoSeries([leg.geometry for leg in legs], crs=WGS84).to_crs(
                METRIC_CRS
            )
            for index, geom in enumerate(legs_metric):
                ends = communes_of[route[index].id] | communes_of[route[index + 1].id]
                hits = sorted(
                    int(i)
                    for i in tree.query(geom, predicate="intersects")
                    if is_risky[int(i)] and int(i) not in ends
                )
                if hits:
                    out.append(
                        _risk_leg_warning(
                            metric.iloc[hits],
                            index,
                            legs[index],
                            reasons_elsewhere=[i in stop_communes for i in hits],
                        )
                    )

    # Border line distance (stops not already warned through is_border).
    if border_line is not None and len(border_line):
        border = border_line.to_crs(METRIC_CRS) if border_line.crs else border_line
        union = shapely.union_all(border.geometry.values)
        warned = {w.stop_id for w in out if w.kind == "border"}
        for stop, point in zip(unique_stops, stop_points, strict=True):
            distance_km = float(point.distance(union)) / 1000
            if distance_km <= border_warning_km:
                existing = [w for w in out if w.kind == "border" and w.stop_id == stop.id]
                if stop.id in warned:
                    for w in existing:
                        _append_distance(w, distance_km)
                else:
                    out.append(_border_warning(stop, commune=None, distance_km=distance_km))

    # Rainy season: one warning naming every leg travelled in a rainy-season month.
    rows = schedule(plan, legs)
    rainy_legs: list[int] = []
    months: set[int] = set()
    for index in range(len(legs)):
        depart = rows[index].departure or plan.start
        arrive = rows[index + 1].arrival or depart
        rainy = _rainy_dates(depart, arrive)
        if rainy:
            rainy_legs.append(index)
            months.update(d.month for d in rainy)
    if rainy_legs:
        month_list = ", ".join(str(m) for m in sorted(months))
        if len(rainy_legs) == len(legs):
            which_vi, which_en = "Cả chuyến đi", "The whole trip is"
        else:
            numbers = ", ".join(str(i + 1) for i in rainy_legs)
            which_vi, which_en = f"Các chặng {numbers}", f"Legs {numbers} are"
        out.append(
            PlanWarning(
                kind="rainy_season",
                severity="warning",
                text_vi=(
                    f"{which_vi} đi trong mùa mưa (tháng {month_list}): sạt lở, lũ quét có thể "
                    "cắt đường. Hỏi tình trạng đường (UBND xã, Đồn Biên phòng) trước khi đi, "
                    "dự phòng thời gian và phương án quay lại."
                ),
                text_en=(
                    f"{which_en} in the rainy season (month {month_list}): landslides and flash "
                    "floods can cut roads. Ask about road conditions (commune office, Border "
                    "Guard station) before leaving; keep spare time and a way back."
                ),
                sources=[
                    "geo.settings.RAINY_SEASON_MONTHS (north-central Vietnam, roughly "
                    "June–November)"
                ],
                leg_index=rainy_legs[0],
                leg_indices=rainy_legs,
            )
        )

    # Positions known only approximately.
    for stop in unique_stops:
        if stop.precision in APPROXIMATE_PRECISIONS:
            out.append(
                PlanWarning(
                    kind="approximate_position",
                    severity="info",
                    text_vi=(
                        f"Vị trí của '{stop.name}' chỉ là gần đúng "
                        f"({precision_label(stop.precision, VI)}): hỏi đường tại địa phương; "
                        "khoảng cách và thời gian có thể sai nhiều."
                    ),
                    text_en=(
                        f"The position of '{stop.name}' is only approximate "
                        f"({precision_label(stop.precision, EN)}): ask locally for the way; "
                        "distance and time may be well off."
                    ),
                    sources=[stop.source] if stop.source else [],
                    stop_id=stop.id,
                )
            )
    key = "text_vi" if lang == "vi" else "text_en"
    out.sort(key=lambda w: (_SEVERITY_RANK.get(w.severity, 9), getattr(w, key)))
    return out


def _risk_warning(row: Any, name: str, *, stop: Stop) -> PlanWarning:
    cls = _text_col(row, "risk_class")
    label_vi = risk_label(cls, VI)
    label_en = cls.replace("_", " ")
    reasons_vi = _text_col(row, "risk_reasons")
    reasons_en = _text_col(row, "risk_reasons_en") or reasons_vi
    return PlanWarning(
        kind="risk",
        severity="high" if cls == "very_high" else "warning",
        text_vi=(
            f"'{stop.name}' nằm trong xã {name}, nguy cơ sạt lở – lũ quét {label_vi}. "
            f"Lý do: {reasons_vi or 'không ghi'}."
        ),
        text_en=(
            f"'{stop.name}' lies in {name} commune, {label_en} landslide / flash-flood risk. "
            f"Reasons: {reasons_en or 'not stated'}."
        ),
        sources=_split_sources(_text_col(row, "risk_sources")),
        stop_id=stop.id,
    )


def _risk_leg_warning(
    rows: gpd.GeoDataFrame, index: int, leg: Leg, *, reasons_elsewhere: list[bool]
) -> PlanWarning:
    """Warning for a leg crossing risk communes; reasons given once per plan where possible."""
    names = [_text_col(r, "name") or _text_col(r, "code") for _, r in rows.iterrows()]
    parts_vi, parts_en = [], []
    for name, (_, r), elsewhere in zip(names, rows.iterrows(), reasons_elsewhere, strict=True):
        label_vi = risk_label(_text_col(r, "risk_class"), VI)
        label_en = _text_col(r, "risk_class").replace("_", " ")
        if elsewhere:
            parts_vi.append(f"{name} ({label_vi}; lý do: xem cảnh báo điểm dừng trong xã)")
            parts_en.append(f"{name} ({label_en}; reasons: see the warning of the stop there)")
        else:
            reasons_en = _text_col(r, "risk_reasons_en") or _text_col(r, "risk_reasons")
            parts_vi.append(f"{name} ({label_vi}): {_text_col(r, 'risk_reasons') or '—'}")
            parts_en.append(f"{name} ({label_en}): {reasons_en or '—'}")
    reasons_vi, reasons_en = "; ".join(parts_vi), "; ".join(parts_en)
    sources: list[str] = []
    for _, r in rows.iterrows():
        sources.extend(_split_sources(_text_col(r, "risk_sources")))
    very = (rows["risk_class"].astype(str) == "very_high").any()
    if leg.method == "road":
        how_vi, how_en = "Tuyến ước tính đi qua", "The estimated route passes through"
    else:
        how_vi = "Đường thẳng nối hai điểm (tuyến thật chưa rõ) cắt qua"
        how_en = "The straight line between the stops (real route unknown) crosses"
    return PlanWarning(
        kind="risk",
        severity="high" if very else "warning",
        text_vi=(f"Chặng {index + 1}: {how_vi} xã có nguy cơ sạt lở – lũ quét cao: {reasons_vi}."),
        text_en=(
            f"Leg {index + 1}: {how_en} communes with high landslide / flash-flood risk: "
            f"{reasons_en}."
        ),
        sources=list(dict.fromkeys(sources)),
        leg_index=index,
    )


def _border_warning(stop: Stop, *, commune: str | None, distance_km: float | None) -> PlanWarning:
    if commune is not None:
        where_vi = f"thuộc xã biên giới {commune}"
        where_en = f"is in the border commune {commune}"
        sources = ["layers.communes is_border (touches the derived border line)"]
    else:
        assert distance_km is not None
        where_vi = f"cách đường biên giới khoảng {_fmt(distance_km, lang='vi')} km"
        where_en = f"is about {_fmt(distance_km, lang='en')} km from the border line"
        sources = [BORDER_SOURCE]
    return PlanWarning(
        kind="border",
        severity="warning",
        text_vi=(
            f"'{stop.name}' {where_vi}: vào khu vực biên giới cần được Đồn Biên phòng sở tại "
            "cho phép; liên hệ trước và mang theo giấy tờ."
        ),
        text_en=(
            f"'{stop.name}' {where_en}: entering the border area needs permission from the "
            "local Border Guard station (Đồn Biên phòng); contact them beforehand and carry "
            "papers."
        ),
        sources=sources,
        stop_id=stop.id,
    )


def _append_distance(warning: PlanWarning, distance_km: float) -> None:
    if BORDER_SOURCE in warning.sources:
        return
    warning.text_vi += f" Cách đường biên giới khoảng {_fmt(distance_km, lang='vi')} km."
    warning.text_en += f" About {_fmt(distance_km, lang='en')} km from the border line."
    warning.sources.append(BORDER_SOURCE)


def trip_summary(legs: Sequence[Leg]) -> dict[str, float]:
    """Total km and hours, and how many legs used each method."""
    return {
        "distance_km": float(sum(leg.distance_km for leg in legs)),
        "hours": float(sum(leg.hours for leg in legs)),
        "road_legs": float(sum(leg.method == "road" for leg in legs)),
        "straight_line_legs": float(sum(leg.method != "road" for leg in legs)),
    }


def replace_stops(plan: Plan, order: Sequence[int]) -> Plan:
    """Reorder ``plan.stops`` by ``order`` (indices into ``plan.stops``)."""
    if sorted(order) != list(range(len(plan.stops))):
        raise UserInputError(
            "Thứ tự mới phải chứa mỗi điểm dừng đúng một lần.",
            "The new order must list every stop exactly once.",
        )
    return replace(plan, stops=[plan.stops[i] for i in order])
