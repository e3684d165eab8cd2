"""Gates, markers and sites: no coordinate that the sources do not give."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import DataFileError
from i18n.messages import precision_label
from layers import markers, points
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
        elif row.precision == "inside_commune":  # a cited marker: at its commune's point
            seat = communes_2025.set_index("code").loc[row.commune_code]
            assert (row.lat, row.lon) == (seat["seat_lat"], seat["seat_lon"])
            assert row.id.startswith("mk_cited_") and row.id not in source.index
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


def test_no_marker_claims_a_surveyed_position(atlas, catalogue) -> None:
    frame = atlas.get("markers")
    listed = _source_rows(catalogue, "border_markers")
    assert set(listed.index) <= set(frame["id"])  # the six markers of the bundle
    assert len(frame) == len(listed) + 15  # and 15 placed by cited facts
    assert set(frame["precision"]) <= {"at_gate", "commune_seat", "inside_commune"}
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


INTERNAL_WORDS = ("proxy", "terminal vertex", "OSM place node", "(town", "plateau", ".csv")
"""Words that say how a point was found or what kind it is: never part of a shown name."""


@pytest.mark.parametrize("layer", ["gates", "markers", "sites"])
def test_a_name_is_a_name(layer, atlas) -> None:
    frame = atlas.get(layer)
    shown = ["name", "label_vi", "label_en", "source", "note", "placement_basis"]
    for column in shown:
        for text in frame[column].astype(str):
            found = [word for word in INTERNAL_WORDS if word.lower() in text.lower()]
            assert not found, f"{layer}.{column}: {found} in {text!r}"
    assert not frame["name"].str.contains(r"\d m\)|\bm\)$", regex=True).any()  # no height


def test_names_changed_and_labels_say_what_the_point_is(atlas) -> None:
    sites = atlas.get("sites").set_index("id")
    gates = atlas.get("gates").set_index("id")
    assert sites.loc["site_khe_sanh_town", "name"] == "Khe Sanh (thị trấn cũ, nay là xã Khe Sanh)"
    assert sites.loc["site_lao_bao_town", "name"] == "Lao Bảo (thị trấn cũ, nay là xã Lao Bảo)"
    assert sites.loc["site_muong_long", "name"] == "Mường Lống"
    assert "OpenStreetMap" in sites.loc["site_khe_sanh_town", "label_en"]
    nam_can = gates.loc["gate_nam_can"]
    assert nam_can["name"] == "Cửa khẩu quốc tế Nậm Cắn"
    assert (
        "where QL7 meets the" in nam_can["label_en"] and "not the checkpoint" in nam_can["label_en"]
    )
    assert "nơi QL7 gặp đường biên giới" in nam_can["label_vi"]
    thac_pa = sites[sites["name"] == "Thác Pa"].iloc[0]
    assert thac_pa["label_vi"].startswith("Thác Pa — trong xã Tam Thanh")
    assert (gates["label_vi"] == gates["name"]).loc["gate_na_meo"]  # published: its own point


def test_clean_name_strips_kinds_heights_and_working_words() -> None:
    assert points.clean_name("Đa Krông (OSM place node 369494984)") == "Đa Krông"
    assert points.clean_name("Đỉnh Pu Xai Lai Leng (2,711–2,720 m)") == "Đỉnh Pu Xai Lai Leng"
    assert points.clean_name("Căn cứ Làng Vây (Lang Vei camp)") == "Căn cứ Làng Vây (Lang Vei camp)"
    assert "proxy" not in points.user_text("Use gate point as proxy.")


CITED_MARKERS = {
    "336": "15022",  # bản Yên, Sơn Điện
    "579": "19441",  # Hướng Phùng
    **{str(number): "16816" for number in range(389, 398)},  # Mỹ Lý border-post sector
    **{str(number): "16834" for number in range(399, 402)},  # Na Loi (with former Đoọc Mạy)
    "591": "19435",  # Hướng Lập (with former Hướng Việt)
}


def test_markers_known_by_commune_are_placed_at_commune_level(atlas, communes_2025) -> None:
    frame = atlas.get("markers")
    assert not frame["marker_number"].duplicated().any()
    by_number = frame.set_index("marker_number")
    communes = communes_2025.set_index("code")
    for number, code in CITED_MARKERS.items():
        row = by_number.loc[number]
        commune = communes.loc[code]
        assert row["commune_code"] == code, number
        assert row["precision"] == "inside_commune"
        assert (row["lat"], row["lon"]) == (commune["seat_lat"], commune["seat_lon"])
        assert commune["geometry"].covers(row["geometry"])
        assert (
            row["label_vi"]
            == f"Mốc {number} — trong xã {commune['name']}; vị trí mốc không công bố"
        )
        assert (
            row["label_en"]
            == f"Marker {number} — in {commune['name']} commune; marker position not public"
        )
        assert row["source"].count("https://") >= 1 and row["name"] == f"Mốc quốc giới {number}"
    assert "baothanhhoa.vn" in by_number.loc["336", "source"]
    assert "bản Yên" in by_number.loc["336", "note"]


def test_a_cited_marker_already_listed_gains_the_source_not_a_second_row(catalogue) -> None:
    communes = pd.DataFrame(
        {
            "code": ["15022"],
            "name": ["Sơn Điện"],
            "seat_lat": [20.28428],
            "seat_lon": [104.80135],
            "former_district": ["Quan Sơn"],
            "province": ["Thanh Hóa"],
        }
    )
    listed = pd.DataFrame({"marker_number": ["336(1)"]})
    cited, merged = markers._cited_markers(
        catalogue=catalogue, communes_2025=gpd.GeoDataFrame(communes), listed=listed
    )
    assert "336" not in set(cited["marker_number"])
    assert any("baothanhhoa.vn" in source for source in merged["336(1)"])


def test_sites_are_the_three_areas_only(atlas, communes_2025) -> None:
    sites = atlas.get("sites").set_index("id")
    assert not {"site_dakrong_node", "site_dakrong_bridge_junction"} & set(sites.index)
    area = communes_2025.union_all()
    codes = set(communes_2025["code"])
    for site_id, row in sites.iterrows():
        if row["precision"] == "not_placed":
            continue
        lao_side = "Lao side" in row["label_en"]
        assert row["commune_code"] in codes or lao_side, site_id
        if row["precision"] not in ("at_gate",) and not lao_side:
            assert area.covers(row["geometry"]), site_id


def test_a_lao_side_market_is_in_no_vietnamese_commune(atlas) -> None:
    market = atlas.get("sites").set_index("id").loc["site_nam_can_market"]
    assert market["commune_code"] == ""
    assert market["name"] == "Chợ biên giới Nậm Cắn"
    assert "phía Lào" in market["label_vi"] and "Lao side" in market["label_en"]
    assert market["precision"] == "at_gate"


def test_a_cited_site_that_is_a_row_is_not_a_second_point(atlas) -> None:
    sites = atlas.get("sites")
    ta_puong = sites[sites["name"].str.contains("Tà Puồng")]
    assert list(ta_puong["id"]) == ["site_ta_puong"]
    assert "dulichvn.org.vn" in ta_puong["source"].iloc[0]  # the cited page joined its source


def test_an_own_position_outside_the_areas_must_be_excluded_or_lao_side(communes_2025) -> None:
    rows = pd.DataFrame(
        {
            "id": ["far"],
            "name": ["Đa Krông"],
            "category": ["village"],
            "district_pre2025": ["Đakrông"],
            "province_pre2025": ["Quảng Trị"],
            "lat": [16.6657888],
            "lon": [106.8131928],
            "method": ["osm_node"],
            "confidence": ["medium"],
            "source": ["OSM"],
            "note": [""],
        }
    )
    table = pd.DataFrame(
        {"commune_code_2025": [""], "placement": ["own"], "at_gate": [""], "side": [""]}
        | {"name": [""], "label_vi": [""], "label_en": [""], "basis": ["test"]},
        index=pd.Index(["far"], name="id"),
    )
    with pytest.raises(DataFileError, match="outside the three areas"):
        points.place_rows(rows, communes_2025=communes_2025, placements=table)
    table["placement"] = "exclude"
    excluded = points.place_rows(
        pd.concat([rows, rows.assign(id="near", lat=16.6296, lon=106.7377)]),
        communes_2025=communes_2025,
        placements=pd.concat([table, table.rename(index={"far": "near"}).assign(placement="own")]),
    )
    assert list(excluded["id"]) == ["near"] and excluded["commune_code"].iloc[0] == "19429"


def test_geonames_hotel_records_are_never_read(catalogue) -> None:
    raw = pd.read_csv(catalogue.path("geonames"))
    assert (raw["feature_code"] == "HTL").sum() == 10  # the bundle has them
    rows = points.read_geonames(catalogue=catalogue)
    assert "HTL" not in set(rows["feature_code"])
    placeholder = (rows["latitude"].round(4) == 16.7603) & (rows["longitude"].round(4) == 106.6566)
    assert not placeholder.any()
    assert len(rows) == len(raw) - 10
