"""Every layer matches its declared schema; every feature has a source and a precision."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.errors import SchemaError
from geo.vocabulary import PRECISIONS
from layers import border, communes, gates, markers, rivers, roads, sites
from layers.registry import LAYERS

GEO_LAYERS = [layer.name for layer in LAYERS if layer.name != "indicators"]


def test_every_layer_builds(atlas) -> None:
    assert atlas.errors == {}
    assert set(atlas.layers) == {layer.name for layer in LAYERS}


@pytest.mark.parametrize("name", GEO_LAYERS)
def test_every_feature_has_source_and_precision(atlas, name) -> None:
    frame = atlas.get(name)
    assert isinstance(frame, gpd.GeoDataFrame)
    assert frame.crs.to_epsg() == 4326
    assert len(frame) > 0
    assert frame["source"].astype(str).str.strip().ne("").all()
    assert frame["precision"].isin(list(PRECISIONS)).all()


def test_schemas_are_enforced(atlas) -> None:
    for module, name in [
        (communes, "communes_2025"),
        (border, "border"),
        (gates, "gates"),
        (markers, "markers"),
        (sites, "sites"),
        (roads, "roads"),
        (rivers, "rivers"),
    ]:
        schema = communes.SCHEMA_2025 if name == "communes_2025" else module.SCHEMA
        frame = atlas.get(name)
        schema.validate(frame)
        with pytest.raises(SchemaError, match="source"):
            schema.validate(frame.drop(columns=["source"]))
        broken = frame.copy()
        broken.loc[broken.index[0], "precision"] = "guessed"
        with pytest.raises(SchemaError, match="unknown precision"):
            schema.validate(broken)
        with pytest.raises(SchemaError, match="CRS"):
            schema.validate(frame.to_crs(3405))


def test_border_is_labelled_derived(atlas) -> None:
    frame = atlas.get("border")
    assert frame["label_en"].str.contains("not the official").all()
    assert frame["label_vi"].str.contains("không phải đường biên chính thức").all()
