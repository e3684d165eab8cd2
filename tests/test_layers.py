"""Every layer matches its declared schema; every feature has a source and a precision."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest

from geo import settings
from geo.errors import SchemaError
from geo.vocabulary import PRECISIONS
from layers import border, communes, gates, lao, markers, rivers, roads, sites
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
        (lao, "lao_provinces"),
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


def test_ql217_is_a_national_road(atlas) -> None:
    roads = atlas.get("roads")
    ql217 = roads[roads["name"].str.contains("217")]
    assert list(ql217["name"].unique()) == ["QL217 (Tỉnh lộ 217 cũ)"]
    assert set(ql217["road_class"]) == {"Quốc Gia"}
    assert set(roads["road_class"]) <= set(settings.ROAD_CLASS_SPEED_KMH)  # planner speeds


def test_river_names_are_vietnamese_and_guesses_say_so(atlas) -> None:
    rivers = atlas.get("rivers")
    basins = set(rivers["basin"])
    assert "Sê Păng Hiêng" in basins and {"sông Mã", "sông Cả"} <= basins
    assert not any(re.search(r"\d", basin) for basin in basins)  # no "Vietnam Coast1"
    assert not any(basin in {"Song Ma", "Song Ca", "Se Bang Hieng"} for basin in basins)
    text = " ".join(rivers[["basin", "name_guess", "label_vi", "label_en"]].to_numpy().ravel())
    assert "Băng Hiêng" not in text and "inferred" not in text
    guessed = rivers[rivers["name_guess"] != ""]
    assert len(guessed) and guessed["label_vi"].str.contains("tên đoán").all()
    assert guessed["label_en"].str.contains("guessed name").all()
    assert ".zip" not in " ".join(rivers["source"])


def test_the_lao_provinces_are_a_registered_context_layer(atlas) -> None:
    assert "lao_provinces" in {layer.name for layer in LAYERS}
    lao = atlas.get("lao_provinces")
    assert {"Houaphan", "Xiangkhoang", "Savannakhet"} <= set(lao["name"])
    assert (lao["precision"] == "gadm_boundary").all() and lao["source"].str.contains("GADM").all()
