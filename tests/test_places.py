"""Places to visit: communes stand where people go, and say what their point is."""

from __future__ import annotations

import re

import pytest
import shapely
from pyproj import Geod

from geo.citations import without_paths
from geo.vocabulary import APPROXIMATE_PRECISIONS, PRECISIONS, SEAT_PRECISIONS
from i18n.messages import precision_label
from layers.places import Place, find, places

SEAT_WORD = re.compile(r"\bseats?\b", flags=re.IGNORECASE)


def _km(a: Place, lat: float, lon: float) -> float:
    return Geod(ellps="WGS84").inv(a.lon, a.lat, lon, lat)[2] / 1000.0


def claims_a_seat(text: str) -> bool:
    """Whether ``text`` calls something a seat (a "not the seat/office" does not count)."""
    without_denials = text.replace("không phải trụ sở", "")
    return bool(SEAT_WORD.search(text)) or "trụ sở" in without_denials


@pytest.fixture(scope="module")
def places_2025(atlas) -> dict[str, Place]:
    return places(atlas, edition="2025")


@pytest.fixture(scope="module")
def places_2024(atlas) -> dict[str, Place]:
    return places(atlas, edition="2024")


@pytest.mark.parametrize(
    ("code", "precision"), [("16813", "seat_published"), ("19429", "seat_osm_node")]
)
def test_town_stops_are_the_town_points(code, precision, places_2025, catalogue) -> None:
    place = places_2025[f"commune:{code}"]
    raw = catalogue.read_vector("communes_2025").set_index("code").loc[code]
    assert place.precision == precision
    assert _km(place, raw["center_lat"], raw["center_lon"]) > 5  # the old centroid
    assert ".csv" not in place.source and "bundle" not in place.source  # no path shown


def test_2025_commune_stops_are_their_seat_points(places_2025, communes_2025) -> None:
    for row in communes_2025.itertuples(index=False):
        place = places_2025[f"commune:{row.code}"]
        assert (place.lat, place.lon) == (row.seat_lat, row.seat_lon)
        assert place.precision == row.seat_precision
        assert place.source == without_paths(row.seat_source)
        assert row.geometry.covers(shapely.Point(place.lon, place.lat))


def test_2024_commune_stops_are_geonames_points_inside_or_a_point_inside(
    places_2024, communes_2024
) -> None:
    counts = {"former_commune_point": 0, "inside_commune": 0}
    for row in communes_2024.itertuples(index=False):
        place = places_2024[f"commune:{row.code}"]
        assert row.geometry.covers(shapely.Point(place.lon, place.lat)), row.name
        counts[place.precision] += 1
        if place.precision == "former_commune_point":
            assert "GeoNames" in place.source and "geonameid" in place.source
        assert place.commune_code == row.codes_2025.split(";")[0]
    assert counts == {"former_commune_point": 50, "inside_commune": 4}


def test_only_seat_precisions_claim_a_seat() -> None:
    for code in PRECISIONS:
        claims = any(claims_a_seat(precision_label(code, lang)) for lang in ("vi", "en"))
        assert claims == (code in SEAT_PRECISIONS), code
    assert not set(SEAT_PRECISIONS) & set(APPROXIMATE_PRECISIONS)
    assert {"former_commune_point", "inside_commune", "commune_seat"} <= set(APPROXIMATE_PRECISIONS)


def test_search_ignores_diacritics(places_2025) -> None:
    assert find("muong xen", places_2025)[0].key == "commune:16813"
    assert find("MUONG XEN", places_2025)[0].key == "commune:16813"
    assert find("khe sanh", places_2025)[0].key == "commune:19429"
    assert find("Muòng Xen", places_2025)[0].key == "commune:16813"  # a mistyped tone


def test_search_never_confuses_nam_can_and_nam_can(places_2024) -> None:
    can = {p.key for p in find("Nậm Cắn", places_2024, limit=50)}
    can_grave = {p.key for p in find("Nậm Càn", places_2024, limit=50)}
    assert "commune:16837" in can and "commune:16873" not in can
    assert "commune:16873" in can_grave and "commune:16837" not in can_grave
    both = [p.key for p in find("nam can", places_2024, limit=50)]
    assert both[:2] == ["commune:16837", "commune:16873"]  # unmarked: both, for the user


def test_search_respects_the_limit(places_2025) -> None:
    assert len(find("a", places_2025, limit=3)) == 3
    assert find("", places_2025) == []


def test_unknown_edition_is_refused(atlas) -> None:
    with pytest.raises(ValueError, match="edition"):
        places(atlas, edition="2019")


INTERNAL_WORDS = ("proxy", "terminal vertex", "OSM place node", "(town", "plateau", ".csv")


def test_place_names_and_labels_are_names(atlas) -> None:
    for edition in ("2025", "2024"):
        for place in places(atlas, edition=edition).values():
            for text in (place.name, place.label, place.source):
                found = [word for word in INTERNAL_WORDS if word.lower() in text.lower()]
                assert not found, (place.key, text)


def test_markers_known_by_commune_can_be_visited_at_commune_level(places_2025) -> None:
    found = find("Mốc quốc giới 336", places_2025)
    assert [place.key for place in found] == ["marker:mk_cited_336"]
    marker = found[0]
    assert marker.precision == "inside_commune" and marker.commune_code == "15022"
    assert marker.precision in APPROXIMATE_PRECISIONS  # the planner warns: not its position
    assert "baothanhhoa.vn" in marker.source


def test_sites_outside_the_areas_cannot_be_visited(places_2025) -> None:
    assert not find("Đa Krông", places_2025) and not find("QL14", places_2025)
    market = places_2025["site:site_nam_can_market"]
    assert market.commune_code == ""  # Lao side: in no Vietnamese commune
