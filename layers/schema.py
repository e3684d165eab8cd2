"""Declared schemas of the map layers, and the check that enforces them.

Every layer has ``source`` (where the row comes from) and ``precision`` (how well its position
is known), a code of :data:`geo.vocabulary.PRECISIONS`. A layer that carries a second position
(the 2025 communes' seat point, the 2024 communes' stop point) names its precision
``<what>_precision``: those columns hold codes of the same vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.errors import SchemaError
from geo.vocabulary import PRECISIONS, WGS84

_KIND_CHECKS = {
    "str": lambda s: pd.api.types.is_string_dtype(s) or pd.api.types.is_object_dtype(s),
    "float": pd.api.types.is_float_dtype,
    "int": pd.api.types.is_integer_dtype,
    "bool": pd.api.types.is_bool_dtype,
    "number": pd.api.types.is_numeric_dtype,
    "object": lambda s: True,
}


def column_problems(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    required: tuple[str, ...],
    extra_allowed: bool = False,
) -> list[str]:
    """What is wrong with ``frame``'s columns: missing, undeclared, wrong kind, or empty.

    Shared by the layer schemas and the indicators table. ``geometry`` is never undeclared.
    """
    problems: list[str] = []
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems.append(f"missing columns {missing}")
    extra = [c for c in frame.columns if c not in columns and c != "geometry"]
    if extra and not extra_allowed:
        problems.append(f"undeclared columns {extra}")
    for column, kind in columns.items():
        if column in frame.columns and len(frame) and not _KIND_CHECKS[kind](frame[column]):
            problems.append(f"column {column!r} is {frame[column].dtype}, expected {kind}")
    for column in required:
        if column in frame.columns:
            empty = frame[column].isna() | (frame[column].astype("string").str.strip() == "")
            if empty.any():
                problems.append(f"column {column!r} is empty on {int(empty.sum())} rows")
    return problems


def precision_columns(columns: Iterable[str]) -> list[str]:
    """The columns that hold precision codes: ``precision`` and every ``<what>_precision``.

    Examples
    --------
    >>> precision_columns(["name", "precision", "seat_precision", "seat_lat"])
    ['precision', 'seat_precision']
    """
    return [c for c in columns if c == "precision" or str(c).endswith("_precision")]


@dataclass(frozen=True)
class LayerSchema:
    """Columns (name → kind), geometry types and CRS a layer must have.

    Kinds are ``str``, ``float``, ``int``, ``bool``, ``number`` and ``object``.
    Columns listed in ``required`` must not be empty on any row.
    """

    name: str
    columns: Mapping[str, str]
    geometry_types: tuple[str, ...]
    required: tuple[str, ...] = ("source", "precision")
    crs: str = WGS84
    description: str = ""
    extra_columns_allowed: bool = field(default=False)

    def validate(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Return ``frame`` unchanged if it matches the schema; raise :class:`SchemaError`."""
        problems: list[str] = []
        if frame.crs is None or frame.crs.to_string() != self.crs:
            problems.append(f"CRS is {frame.crs}, expected {self.crs}")
        problems += column_problems(
            frame,
            self.columns,
            required=self.required,
            extra_allowed=self.extra_columns_allowed,
        )
        if len(frame):
            types = set(frame.geometry.dropna().geom_type)
            wrong = types - set(self.geometry_types)
            if wrong:
                problems.append(f"geometry types {sorted(wrong)}, expected {self.geometry_types}")
        declared = [c for c in frame.columns if c == "precision" or c in self.columns]
        for column in precision_columns(declared):
            unknown = set(frame[column].dropna()) - set(PRECISIONS)
            if unknown:
                what = "precision" if column == "precision" else f"{column} (precision)"
                problems.append(f"unknown {what} values {sorted(unknown)}")
        if problems:
            raise SchemaError(
                f"Layer '{self.name}' does not match its schema: {'; '.join(problems)}"
            )
        return frame
