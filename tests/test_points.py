"""Gates, markers and sites: no coordinate that the sources do not give."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from i18n.messages import precision_label
from layers import markers
from layers.points import METHOD_PRECISION


def _source_rows(catalogue, key: str) -> pd.DataFrame:
    return pd.read_csv(catalogue.path(key)).set_index("id")


def _allowed_positions(catalogue, communes_2025, gates) -> set[tuple[float, float]]:
    seats = set(zip(communes_2025["seat_lat"], communes_2025["seat_lon"], strict=True))
    gate_points = set(zip(gates["lat"], gates["lon"], strict=True))
    return seats | gate_points


@pytest.mark.parametrize(
    ("layer", "key"), [("gates", "border_gates"), ("markers", "border_markers"), ("sites", "sites")]
)
def test_every_position_comes_from_a_source(layer, key, atlas, catalogue, communes_2025) -> None:
    frame = atlas.get(layer)
    source = _source_rows(catalogue, key)
    gates = atlas.get("gates")
    for row in frame.itertuples(index=False):
        if row.precision == "not_placed":
            assert row.geometry is None or row.geometry.is_empty
            continue
        assert row.geometry.x == pytest.approx(row.lon) and row.geometry.y == pytest.approx(row.lat)
        if row.precision in METHOD_PRECISION.values():
            original = source.loc[row.id]
            assert METHOD_PRECISION[original["method"]] == row.precision
            assert (row.lat, row.lon) == (original["lat"], original["lon"])
        elif row.precision == "commune_seat":
            seat = communes_2025.set_index("code").loc[row.commune_code]
            assert (row.lat, row.lon) == (seat["seat_lat"], seat["seat_lon"])
        elif row.precision == "at_gate":
            assert (row.lat, row.lon) in set(zip(gates["lat"], gates["lon"], strict=True))
        else:
            pytest.fail(f"{layer} row {row.id} has unexpected precision {row.precision}")


def test_gates(atlas) -> None:
    gates = atlas.get("gates").set_index("id")
    assert gates.loc["gate_na_meo", "precision"] == "published"
    assert gates.loc["gate_nam_can", "precision"] == "road_border_crossing_estimate"
    assert gates.loc["gate_lao_bao", "precision"] == "road_border_crossing_estimate"
    assert gates.loc["gate_ta_do", "precision"] == "commune_seat"
    assert "gate_na_meo_roadend" not in gates.index  # a cross-check, not a place
    assert gates.loc["gate_na_meo", "commune_code"] == "15013"


def test_no_marker_claims_a_surveyed_position(atlas) -> None:
    frame = atlas.get("markers")
    assert len(frame) == 6
    assert set(frame["precision"]) <= {"at_gate", "commune_seat"}
    assert frame.set_index("marker_number").loc["327", "precision"] == "at_gate"


def test_markers_accept_surveyed_coordinates(atlas) -> None:
    frame = atlas.get("markers")
    surveyed = gpd.GeoDataFrame(
        {"marker_number": ["327", "999"]},
        geometry=[shapely.Point(104.6220, 20.2965), shapely.Point(104.5, 20.2)],
        crs="EPSG:4326",
    )
    merged = markers.with_surveyed_positions(frame, surveyed, source="test fixture survey")
    by_number = merged.set_index("marker_number")
    assert by_number.loc["327", "precision"] == "surveyed"
    assert by_number.loc["327", "lat"] == pytest.approx(20.2965)
    assert by_number.loc["999", "source"] == "test fixture survey"
    assert by_number.loc["405(1)", "precision"] == "at_gate"  # untouched
    assert len(merged) == len(frame) + 1


def test_llm_hints_are_not_positions(atlas, catalogue) -> None:
    sites = atlas.get("sites").set_index("id")
    source = _source_rows(catalogue, "sites")
    for site_id in source.index[source["method"] == "llm_geocoded_repo"]:
        assert sites.loc[site_id, "precision"] == "commune_seat"
        assert (sites.loc[site_id, "lat"], sites.loc[site_id, "lon"]) != (
            source.loc[site_id, "lat"],
            source.loc[site_id, "lon"],
        )
        assert "unverified" in sites.loc[site_id, "note"]


def test_marker_number_parsing() -> None:
    assert markers.marker_number("Mốc quốc giới 607(1)") == "607(1)"
    assert markers.marker_number("no number here") == ""


@pytest.mark.parametrize("layer", ["gates", "markers", "sites"])
def test_rows_placed_at_their_commune_stand_on_its_seat_point(layer, atlas, catalogue) -> None:
    frame = atlas.get(layer)
    placed = frame[frame["precision"] == "commune_seat"]
    assert len(placed)
    seats = atlas.get("communes_2025").set_index("code")
    centroids = catalogue.read_vector("communes_2025").set_index("code")
    for row in placed.itertuples(index=False):
        seat = seats.loc[row.commune_code]
        assert (row.lat, row.lon) == (seat["seat_lat"], seat["seat_lon"])
        centroid = centroids.loc[row.commune_code]
        assert (row.lat, row.lon) != (centroid["center_lat"], centroid["center_lon"])


def test_the_commune_seat_label_does_not_claim_a_seat() -> None:
    vi, en = precision_label("commune_seat", "vi"), precision_label("commune_seat", "en")
    assert "trụ sở" not in vi and "seat" not in en
    assert "không phải vị trí thật" in vi and "not its own position" in en
