"""The national roads as a graph: build it, snap points onto it, find shortest paths.

There is no local road network for the three areas, only six national roads good to a few
hundred metres. :class:`RoadNetwork` turns their lines into a graph in metres
(:data:`geo.vocabulary.METRIC_CRS`): lines are noded where they cross, vertices closer than
:data:`NODE_MERGE_M` are merged and line ends near another road are joined to it. Shortest paths
are Dijkstra's with :mod:`heapq` (no graph library).

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import LineString
>>> frame = gpd.GeoDataFrame(
...     {"name": ["a"]}, geometry=[LineString([(105.0, 20.0), (105.1, 20.0)])], crs="EPSG:4326")
>>> net = RoadNetwork.from_lines(frame)
>>> a, b = net.snap(*net.nodes[0]), net.snap(*net.nodes[-1])
>>> metres, _, roads = net.path(a, b)
>>> round(metres / 1000, 1), roads
(10.5, ['a'])
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point

from geo.catalogue import Catalogue
from geo.errors import DataFileError
from geo.vocabulary import METRIC_CRS

NODE_MERGE_M = 50.0
"""Road vertices closer than this are one junction, so lines that touch connect."""
ROADS_SOURCE = "network/roads_national.geojson (CTU-SematX/LegoCity, CC BY-SA 4.0)"
"""The road data, as cited in the itinerary's sources."""


@dataclass(frozen=True)
class Snap:
    """Where a point meets the network: edge, fraction along it, and distance (m)."""

    edge: int
    t: float
    distance_m: float
    x: float
    y: float


@dataclass
class RoadNetwork:
    """The national roads as a graph in metres (:data:`geo.vocabulary.METRIC_CRS`).

    Build it with :meth:`from_lines` or :meth:`from_catalogue`; then :meth:`snap` a metric
    point onto it and ask :meth:`path` for the road between two snaps.
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
        """How many separate parts the roads form (a path never leaves its part)."""
        return int(self.component.max()) + 1 if len(self.component) else 0

    def snap(self, x: float, y: float) -> Snap:
        """Nearest point of the network to metric point (x, y)."""
        a = self.nodes[self.edges[:, 0]]
        b = self.nodes[self.edges[:, 1]]
        ab = b - a
        denom = np.maximum((ab**2).sum(axis=1), 1e-12)
        t = np.clip(((np.array([x, y]) - a) * ab).sum(axis=1) / denom, 0.0, 1.0)
        proj = a + ab * t[:, None]
        dist = np.hypot(proj[:, 0] - x, proj[:, 1] - y)
        k = int(np.argmin(dist))
        return Snap(edge=k, t=float(t[k]), distance_m=float(dist[k]), x=proj[k, 0], y=proj[k, 1])

    def edge_component(self, edge: int) -> int:
        """Connected part that edge ``edge`` belongs to."""
        return int(self.component[self.edges[edge, 0]])

    def dijkstra_from(self, snap: Snap) -> tuple[np.ndarray, np.ndarray]:
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
        self, a: Snap, b: Snap, *, tree: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[float, list[tuple[float, float]], list[str]] | None:
        """Road distance (m), metric coordinates and road names from ``a`` to ``b``.

        ``None`` when they are on different components. ``tree`` is ``dijkstra_from(a)``,
        passed when several paths start at ``a``.
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
