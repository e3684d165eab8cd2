"""River segments (ADB Greater Mekong Subregion atlas) for context.

Accuracy is 0.5–1 km and the data carries no river names: ``basin`` is the sub-basin, shown
under its usual Vietnamese name (the source writes "Song Ca", "Se Bang Hieng", "Vietnam
Coast1"), and the source's ``name_inferred`` is a guess from the shape of the line: it is kept
as ``name_guess`` (the name alone) and labelled as a guess (``label_vi`` / ``label_en``).
"""

from __future__ import annotations

import re

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.citations import without_paths
from geo.vocabulary import WGS84
from i18n.messages import EN, VI, message
from layers.schema import LayerSchema

SCHEMA = LayerSchema(
    name="rivers",
    description="River segments (ADB GMS atlas), 0.5–1 km accuracy",
    geometry_types=("LineString", "MultiLineString"),
    columns={
        "basin": "str",
        "name_guess": "str",
        "label_vi": "str",
        "label_en": "str",
        "strahler": "int",
        "area": "str",
        "source": "str",
        "precision": "str",
    },
)

BASIN_NAMES = {
    "Song Ma": "sông Mã",
    "Nam Sam": "Nậm Sam (thượng nguồn sông Chu)",
    "Song Ca": "sông Cả",
    "Song Con": "sông Con",
    "Nam Mat": "Nam Mat",
    "Nam Neun": "Nậm Nơn (Nam Neun)",
    "Nam Cadinh": "Nam Kading",
    "Se Bang Hieng": "Sê Păng Hiêng",
    "Vietnam Coast1": "các sông ven biển",
}
"""Sub-basin names of the source → the usual Vietnamese name (Lao rivers in their Lao form)."""

GUESS_NAMES = {
    "Sê Băng Hiêng": "Sê Păng Hiêng",
    "Nam Neun / Nậm Nơn": "Nậm Nơn",
    "Sê Pôn / Xe Pon": "Sê Pôn",
}
"""Spellings of the guessed names made one: the usual Vietnamese form."""

_GUESS_EXTRAS = re.compile(r"\s*\((?:inferred|đoán)[^)]*\)|,\s*Laos\b|\s+upper reach\b", re.I)


def basin_name(code: str) -> str:
    """The Vietnamese name of a source sub-basin; unknown ones keep the source's words without
    a trailing code number.

    Examples
    --------
    >>> basin_name("Se Bang Hieng"), basin_name("Vietnam Coast2")
    ('Sê Păng Hiêng', 'Vietnam Coast')
    """
    return BASIN_NAMES.get(code, re.sub(r"\d+$", "", str(code)).strip())


def guess_name(inferred: str) -> str:
    """The river name alone out of the source's ``name_inferred`` ("" when there is none).

    Examples
    --------
    >>> guess_name("Sê Băng Hiêng upper reach (inferred; border river in Hướng Lập – verify)")
    'Sê Păng Hiêng'
    >>> guess_name("Nậm Mộ upper reach, Laos (inferred)"), guess_name("")
    ('Nậm Mộ', '')
    """
    text = _GUESS_EXTRAS.sub("", str(inferred or "")).strip()
    return GUESS_NAMES.get(text, text)


def river_labels(name: str, basin: str) -> tuple[str, str]:
    """``(label_vi, label_en)``: the guessed name said to be a guess, or the basin alone."""
    if name:
        return tuple(message("river.guessed", lang, name=name, basin=basin) for lang in (VI, EN))
    return tuple(message("river.basin_only", lang, basin=basin) for lang in (VI, EN))


def build(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the rivers layer from ``network/rivers.geojson``."""
    raw = catalogue.read_vector("rivers")
    basins = [basin_name(code) for code in raw["Sub_Name"].astype(str)]
    names = [guess_name(text) for text in raw["name_inferred"].fillna("").astype(str)]
    labels = [river_labels(name, basin) for name, basin in zip(names, basins, strict=True)]
    frame = gpd.GeoDataFrame(
        {
            "basin": basins,
            "name_guess": names,
            "label_vi": [vi for vi, _ in labels],
            "label_en": [en for _, en in labels],
            "strahler": raw["Strahler"].astype("int64"),
            "area": raw["clip_area"].astype(str),
            "source": [without_paths(f"{text} (no licence stated)") for text in raw["source"]],
            "precision": "river_coarse",
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA.validate(frame)
