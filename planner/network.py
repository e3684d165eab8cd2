"""Vietnam's road network as a graph: build it, snap points onto it, find the quickest paths.

:class:`RoadNetwork` turns road lines (``network/roads_vietnam.geojson``, catalogue key
``roads_vietnam``) into a graph in metres (:data:`geo.vocabulary.METRIC_CRS`):

* a line end within :data:`LINE_END_JOIN_M` of another line is joined to it by a short
  connector (a *gap* of the data: national-scale lines often stop short of the road they meet);
* the lines and connectors are noded where they cross or touch (shapely's snap-rounding union
  on a :data:`GRID_M` grid);
* each noded piece is an edge of a :class:`networkx.MultiGraph` keeping the name and
  ``road_class`` of the line it came from and its geodesic length.

:meth:`RoadNetwork.snap` finds the nearest piece with a :class:`shapely.STRtree`;
:meth:`RoadNetwork.router` weighs every piece by the hours it takes at a speed per road class,
and :class:`Router` answers quickest paths with :func:`scipy.sparse.csgraph.dijkstra`, many
sources at once.

Examples
--------
>>> from shapely.geometry import LineString
>>> frame = gpd.GeoDataFrame(
...     {"name": ["a"]}, geometry=[LineString([(105.0, 20.0), (105.1, 20.0)])], crs="EPSG:4326")
>>> net = RoadNetwork.from_lines(frame)
>>> start, end = net.snap(*net.nodes[0]), net.snap(*net.nodes[1])
>>> path = net.router({}, default_kmh=50).path(start, end)
>>> round(path.km, 1), round(path.hours, 3), [piece.name for piece in path.pieces]
(10.5, 0.209, ['a'])
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from pyproj import Geod, Transformer
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from geo.catalogue import Catalogue
from geo.errors import DataFileError
from geo.vocabulary import METRIC_CRS, WGS84

LINE_END_JOIN_M = 200.0
"""A line end this close to another line is joined to it (the data's gaps at junctions)."""
GRID_M = 1.0
"""Noding grid (m): vertices and crossings are rounded to it, so lines that touch connect."""
GAP_CLASS = "gap"
"""``road_class`` of the connectors that bridge the data's gaps (not a road of the data)."""
UNNAMED = ("", "Không biết")
"""Names the data gives a road whose name is not known."""
ROADS_SOURCE = (
    "network/roads_vietnam.geojson (CTU-SematX/LegoCity@b9097f7 "
    "opendata/giaothong/giaothong.geojson, CC BY-SA 4.0)"
)
"""The road data, as cited in the itinerary's sources."""

_GEOD = Geod(ellps="WGS84")
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True)


@dataclass(frozen=True)
class Snap:
    """Where a point meets the network: piece ``edge``, fraction ``t`` along it, distance (m),
    and the metric point on the piece (``x``, ``y``)."""

    edge: int
    t: float
    distance_m: float
    x: float
    y: float


@dataclass(frozen=True)
class PathPiece:
    """One piece of a path, in travel order: which edge, how far and how long along it."""

    edge: int
    name: str
    road_class: str
    km: float
    hours: float


@dataclass
class RoadPath:
    """A path along the network between two snaps.

    ``coords`` are metric vertices from the first snap to the second; ``hour_marks`` the hours
    from the first snap at each vertex; ``pieces`` the edges followed, in order.
    """

    km: float
    hours: float
    coords: np.ndarray
    hour_marks: np.ndarray
    pieces: list[PathPiece]

    @property
    def gaps(self) -> int:
        """How many of the data's gaps (connectors) the path crosses."""
        return sum(piece.road_class == GAP_CLASS for piece in self.pieces)


@dataclass(eq=False)
class RoadNetwork:
    """The roads as a graph in metres (:data:`geo.vocabulary.METRIC_CRS`).

    Build it with :meth:`from_lines` or :meth:`from_catalogue`; :meth:`snap` a metric point onto
    it; ask a :meth:`router` (speeds per road class) for the quickest path between two snaps.
    """

    lines: np.ndarray
    """Metric LineString of each edge (a noded piece of road, or a connector)."""
    edge_nodes: np.ndarray
    """(e, 2) start and end node of each edge."""
    edge_km: np.ndarray
    """Geodesic length of each edge (km)."""
    edge_name: list[str]
    edge_class: list[str]
    """``road_class`` of each edge (``""`` when the data has none, :data:`GAP_CLASS`)."""
    nodes: np.ndarray
    """(n, 2) metric node coordinates."""
    component: np.ndarray
    """Connected part of each node, 0 the largest."""
    graph: nx.MultiGraph = field(repr=False)
    """Nodes 0..n-1; one edge per piece, key = edge index, attributes km, name, road_class."""
    _tree: shapely.STRtree = field(repr=False)
    _routers: dict[tuple, Router] = field(default_factory=dict, repr=False)

    @classmethod
    def from_lines(
        cls,
        lines: gpd.GeoDataFrame,
        *,
        join_m: float = LINE_END_JOIN_M,
        name_column: str | None = None,
        class_column: str | None = None,
    ) -> RoadNetwork:
        """Build the graph from (Multi)LineStrings with a CRS.

        Parameters
        ----------
        lines
            Road lines; names from ``name_column`` (default ``name`` or ``ten`` when present),
            road classes from ``class_column`` (default ``road_class`` when present).
        join_m
            A line end within this distance of another line is joined to it.

        Examples
        --------
        >>> from shapely.geometry import LineString
        >>> frame = gpd.GeoDataFrame(
        ...     {"name": ["a", "b"]},
        ...     geometry=[LineString([(105.0, 20.0), (105.1, 20.0)]),
        ...               LineString([(105.1, 20.0002), (105.1, 20.1)])],
        ...     crs="EPSG:4326")
        >>> net = RoadNetwork.from_lines(frame)
        >>> net.n_components, sorted(set(net.edge_class))
        (1, ['', 'gap'])
        """
        if lines.crs is None:
            raise DataFileError("The road lines have no CRS; set EPSG:4326 before building.")
        if name_column is None:
            name_column = next((c for c in ("name", "ten") if c in lines.columns), None)
        if class_column is None:
            class_column = "road_class" if "road_class" in lines.columns else None
        metric = lines.to_crs(METRIC_CRS)
        parts, row = shapely.get_parts(metric.geometry.values, return_index=True)
        keep = (shapely.get_type_id(parts) == 1) & (shapely.length(parts) > 0)
        parts, row = parts[keep], row[keep]
        if not len(parts):
            raise DataFileError("The road layer has no LineString geometry to build a network.")
        names = _column(lines, name_column)[row]
        classes = _column(lines, class_column)[row]
        connectors = _connectors(parts, join_m)
        sources = np.concatenate([parts, connectors])
        source_name = np.concatenate([names, np.full(len(connectors), "", dtype=object)])
        source_class = np.concatenate([classes, np.full(len(connectors), GAP_CLASS, dtype=object)])
        pieces = shapely.get_parts(shapely.union_all(sources, grid_size=GRID_M))
        pieces = pieces[shapely.length(pieces) > 0]
        best = _source_of(pieces, sources, source_name, source_class)
        return cls._assemble(pieces, source_name[best], source_class[best])

    @classmethod
    def _assemble(cls, pieces: np.ndarray, names: np.ndarray, classes: np.ndarray) -> RoadNetwork:
        ends = np.vstack(
            [
                shapely.get_coordinates(shapely.get_point(pieces, 0)),
                shapely.get_coordinates(shapely.get_point(pieces, -1)),
            ]
        )
        nodes, label = np.unique(np.round(ends / GRID_M), axis=0, return_inverse=True)
        nodes = nodes * GRID_M
        edge_nodes = label.reshape(2, -1).T
        edge_km = _geodesic_km(pieces)
        graph = nx.MultiGraph()
        graph.add_nodes_from(range(len(nodes)))
        for k, (u, v) in enumerate(edge_nodes):
            graph.add_edge(
                int(u), int(v), key=k, km=float(edge_km[k]), name=names[k], road_class=classes[k]
            )
        parts = sorted(nx.connected_components(graph), key=len, reverse=True)
        component = np.zeros(len(nodes), dtype=int)
        for index, part in enumerate(parts):
            component[list(part)] = index
        return cls(
            lines=pieces,
            edge_nodes=edge_nodes,
            edge_km=edge_km,
            edge_name=[str(n) for n in names],
            edge_class=[str(c) for c in classes],
            nodes=nodes,
            component=component,
            graph=graph,
            _tree=shapely.STRtree(pieces),
        )

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue | None = None) -> RoadNetwork:
        """Build the network from the catalogue's ``roads_vietnam`` (Vietnam's road network).

        Raises
        ------
        DataFileError
            When the file is missing, altered, or lacks its ``name`` or ``road_class`` column.
        """
        catalogue = catalogue or Catalogue.load()
        raw = catalogue.read_vector("roads_vietnam")
        missing = [c for c in ("name", "road_class") if c not in raw.columns]
        if missing:
            raise DataFileError(
                f"Input '{catalogue.entry('roads_vietnam').path}' has no column(s) {missing}: "
                "restore the original file from the data bundle."
            )
        return cls.from_lines(raw, name_column="name", class_column="road_class")

    @property
    def n_components(self) -> int:
        """How many separate parts the roads form (a path never leaves its part)."""
        return int(self.component.max()) + 1 if len(self.component) else 0

    def edge_component(self, edge: int) -> int:
        """Connected part that edge ``edge`` belongs to (0 the largest)."""
        return int(self.component[self.edge_nodes[edge, 0]])

    def snap(self, x: float, y: float, *, max_m: float | None = None) -> Snap | None:
        """Nearest point of the network to metric point (x, y); ``None`` beyond ``max_m``."""
        point = shapely.Point(x, y)
        found, distance = self._tree.query_nearest(point, return_distance=True)
        if not len(found) or (max_m is not None and distance[0] > max_m):
            return None
        k = int(found[0])
        line = self.lines[k]
        t = float(shapely.line_locate_point(line, point, normalized=True))
        on = shapely.line_interpolate_point(line, t, normalized=True)
        return Snap(edge=k, t=t, distance_m=float(distance[0]), x=on.x, y=on.y)

    def router(self, class_speeds_kmh: Mapping[str, float], *, default_kmh: float) -> Router:
        """Quickest paths at these speeds (km/h per road class; ``default_kmh`` for others).

        Routers are kept, one per set of speeds, so their shortest-path trees are reused.
        """
        key = (tuple(sorted(class_speeds_kmh.items())), float(default_kmh))
        if key not in self._routers:
            speeds = np.array(
                [class_speeds_kmh.get(c, default_kmh) for c in self.edge_class], dtype=float
            )
            self._routers[key] = Router(self, self.edge_km / speeds)
        return self._routers[key]

    def piece_coords(self, edge: int, t0: float, t1: float) -> np.ndarray:
        """Metric vertices of edge ``edge`` from fraction ``t0`` to ``t1`` (reversed if t1 < t0)."""
        coords = shapely.get_coordinates(self.lines[edge])
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
        total = along[-1] or 1.0
        lo, hi = sorted((t0 * total, t1 * total))
        inside = coords[(along > lo) & (along < hi)]
        start = [np.interp(lo, along, coords[:, 0]), np.interp(lo, along, coords[:, 1])]
        end = [np.interp(hi, along, coords[:, 0]), np.interp(hi, along, coords[:, 1])]
        out = np.vstack([start, inside, end])
        return out[::-1] if t1 < t0 else out


class Router:
    """Quickest paths on a :class:`RoadNetwork` with one weight (hours) per edge.

    Parallel edges keep the quicker one. Shortest-path trees come from
    :func:`scipy.sparse.csgraph.dijkstra`, one per node asked for, computed in batches
    (:meth:`prepare`) and kept.
    """

    def __init__(self, network: RoadNetwork, edge_hours: np.ndarray) -> None:
        self.network = network
        self.edge_hours = np.maximum(edge_hours, 1e-12)  # csgraph drops zero weights
        u, v = np.sort(network.edge_nodes, axis=1).T
        order = np.lexsort((self.edge_hours, v, u))
        pairs = np.stack([u[order], v[order]], axis=1)
        first = np.ones(len(order), dtype=bool)
        first[1:] = np.any(pairs[1:] != pairs[:-1], axis=1)
        best = order[first & (u[order] != v[order])]
        n = len(network.nodes)
        self.matrix = csr_matrix((self.edge_hours[best], (u[best], v[best])), shape=(n, n))
        self.pair_edge = {(int(u[k]), int(v[k])): int(k) for k in best}
        self._trees: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def prepare(self, nodes: list[int] | np.ndarray) -> None:
        """Compute (in one batch) the shortest-path trees from ``nodes`` not yet known."""
        todo = sorted({int(n) for n in nodes} - set(self._trees))
        if not todo:
            return
        hours, pred = dijkstra(self.matrix, directed=False, indices=todo, return_predecessors=True)
        for row, node in enumerate(todo):
            self._trees[node] = (hours[row], pred[row], self._tree_km(hours[row], pred[row]))

    def _tree_km(self, hours: np.ndarray, pred: np.ndarray) -> np.ndarray:
        """Kilometres along the quickest-path tree (nodes in order of arrival)."""
        km = np.full(len(hours), np.inf)
        reached = np.flatnonzero(np.isfinite(hours))
        for node in reached[np.argsort(hours[reached], kind="stable")]:
            parent = pred[node]
            if parent < 0:
                km[node] = 0.0
            else:
                edge = self.pair_edge[(min(node, parent), max(node, parent))]
                km[node] = km[parent] + self.network.edge_km[edge]
        return km

    def _tree(self, node: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self.prepare([node])
        return self._trees[node]

    def _ends(self, snap: Snap) -> list[tuple[int, float, float, float]]:
        """(node, hours, km, fraction) from a snap to each end of its edge."""
        u, v = self.network.edge_nodes[snap.edge]
        hours = self.edge_hours[snap.edge]
        km = self.network.edge_km[snap.edge]
        return [
            (int(u), snap.t * hours, snap.t * km, 0.0),
            (int(v), (1 - snap.t) * hours, (1 - snap.t) * km, 1.0),
        ]

    def cost(self, a: Snap, b: Snap) -> tuple[float, float, tuple[int, int] | None] | None:
        """Hours and km of the quickest path from ``a`` to ``b``, and the end nodes it leaves
        ``a``'s edge and joins ``b``'s edge by (``None`` along one edge); ``None`` if apart."""
        best: tuple[float, float, tuple[int, int] | None] | None = None
        if a.edge == b.edge:
            share = abs(a.t - b.t)
            best = (
                float(share * self.edge_hours[a.edge]),
                float(share * self.network.edge_km[a.edge]),
                None,
            )
        for x, hx, kx, _ in self._ends(a):
            hours, _, km = self._tree(x)
            for y, hy, ky, _ in self._ends(b):
                total = hx + hours[y] + hy
                if np.isfinite(total) and (best is None or total < best[0]):
                    best = (float(total), float(kx + km[y] + ky), (x, y))
        return best

    def path(self, a: Snap, b: Snap) -> RoadPath | None:
        """The quickest path from ``a`` to ``b``, or ``None`` when they are on separate parts."""
        found = self.cost(a, b)
        if found is None:
            return None
        hours, km, via = found
        net = self.network
        if via is None:
            steps = [(a.edge, a.t, b.t)]
        else:
            x, y = via
            fraction = {n: t for n, _, _, t in self._ends(a)}
            steps = [(a.edge, a.t, fraction[x])]
            chain = [y]
            pred = self._tree(x)[1]
            while chain[-1] != x:
                chain.append(int(pred[chain[-1]]))
            chain.reverse()
            for p, q in itertools.pairwise(chain):
                edge = self.pair_edge[(min(p, q), max(p, q))]
                forward = net.edge_nodes[edge, 0] == p
                steps.append((edge, 0.0 if forward else 1.0, 1.0 if forward else 0.0))
            fraction = {n: t for n, _, _, t in self._ends(b)}
            steps.append((b.edge, fraction[y], b.t))
        coords: list[np.ndarray] = []
        marks: list[np.ndarray] = []
        pieces: list[PathPiece] = []
        elapsed = 0.0
        for edge, t0, t1 in steps:
            share = abs(t1 - t0)
            if share * net.edge_km[edge] * 1000 < GRID_M / 2 and len(steps) > 1:
                continue  # where a snap falls on a node: nothing of this edge is driven
            part = net.piece_coords(edge, t0, t1)
            along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(part, axis=0).T))])
            piece_hours = share * self.edge_hours[edge]
            marks.append(elapsed + piece_hours * along / (along[-1] or 1.0))
            coords.append(part)
            elapsed += piece_hours
            pieces.append(
                PathPiece(
                    edge=edge,
                    name=net.edge_name[edge],
                    road_class=net.edge_class[edge],
                    km=share * float(net.edge_km[edge]),
                    hours=piece_hours,
                )
            )
        return RoadPath(
            km=km,
            hours=hours,
            coords=np.vstack(coords),
            hour_marks=np.concatenate(marks),
            pieces=pieces,
        )


def _column(frame: gpd.GeoDataFrame, column: str | None) -> np.ndarray:
    """Text values of ``column`` (``""`` where missing, or everywhere without the column)."""
    if column is None:
        return np.full(len(frame), "", dtype=object)
    return frame[column].fillna("").astype(str).to_numpy(dtype=object)


def _connectors(parts: np.ndarray, join_m: float) -> np.ndarray:
    """Short lines joining each line end to the nearest other line within ``join_m``.

    An end that already touches another line gets none (the noding connects it).
    """
    ends = np.concatenate([shapely.get_point(parts, 0), shapely.get_point(parts, -1)])
    owner = np.tile(np.arange(len(parts)), 2)
    end_index, part_index = shapely.STRtree(parts).query(ends, predicate="dwithin", distance=join_m)
    other = owner[end_index] != part_index
    end_index, part_index = end_index[other], part_index[other]
    if not len(end_index):
        return np.array([], dtype=object)
    distance = shapely.distance(ends[end_index], parts[part_index])
    order = np.lexsort((distance, end_index))
    first = np.ones(len(order), dtype=bool)
    first[1:] = end_index[order][1:] != end_index[order][:-1]
    nearest = order[first]
    nearest = nearest[distance[nearest] > 0]
    lines = shapely.shortest_line(ends[end_index[nearest]], parts[part_index[nearest]])
    return lines[shapely.length(lines) > 0]


def _source_of(
    pieces: np.ndarray, sources: np.ndarray, names: np.ndarray, classes: np.ndarray
) -> np.ndarray:
    """Index of the source line each noded piece lies on.

    Where lines overlap, a named road wins over an unnamed one and a road over a connector.
    """
    middles = shapely.line_interpolate_point(pieces, 0.5, normalized=True)
    piece_index, source_index = shapely.STRtree(sources).query(
        middles, predicate="dwithin", distance=2 * GRID_M
    )
    rank = (classes[source_index] == GAP_CLASS) * 2 + np.isin(names[source_index], UNNAMED)
    order = np.lexsort((source_index, rank, piece_index))
    found, first = np.unique(piece_index[order], return_index=True)
    best = np.full(len(pieces), -1)
    best[found] = source_index[order][first]
    lost = np.flatnonzero(best < 0)
    if len(lost):
        best[lost] = shapely.STRtree(sources).query_nearest(middles[lost], all_matches=False)[1]
    return best


def _geodesic_km(pieces: np.ndarray) -> np.ndarray:
    """Geodesic (WGS 84 ellipsoid) length of each metric piece, km."""
    coords, index = shapely.get_coordinates(pieces, return_index=True)
    lon, lat = _TO_WGS84.transform(coords[:, 0], coords[:, 1])
    same = index[1:] == index[:-1]
    _, _, metres = _GEOD.inv(lon[:-1][same], lat[:-1][same], lon[1:][same], lat[1:][same])
    return np.bincount(index[1:][same], weights=metres, minlength=len(pieces)) / 1000
