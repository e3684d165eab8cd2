"""Tests of the terrain relief statistics and the commune-level landslide risk layer."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import rasterio.mask
import shapely
from shapely.geometry import box

from geo.errors import UserInputError
from geo.terrain import MIN_CENTRE_CELLS, relief_by_polygon
from geo.vocabulary import METRIC_CRS, RISK_CLASSES
from layers import risk
from layers.risk import rules, scoring

# --- terrain ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def grid(catalogue):
    with rasterio.open(catalogue.path("terrain")) as dataset:
        return dataset.read(1)


@pytest.fixture(scope="module", params=["2025", "2024"])
def relief(request, catalogue):
    communes = risk.read_communes(catalogue=catalogue, edition=request.param)
    return communes, relief_by_polygon(catalogue=catalogue, polygons=communes)


def test_relief_has_one_row_per_polygon_with_cells(relief):
    communes, frame = relief
    assert list(frame["code"]) == list(communes["code"])
    assert (frame["n_cells"] >= 1).all()
    assert frame[["elev_mean_m", "elev_max_m", "relief_p90_p10_m"]].notna().all().all()


def test_relief_values_lie_within_the_raster_range(relief, grid):
    _, frame = relief
    low, high = float(np.nanmin(grid)), float(np.nanmax(grid))
    assert (frame["elev_min_m"] >= low).all()
    assert (frame["elev_max_m"] <= high).all()
    assert (frame["elev_min_m"] <= frame["elev_mean_m"]).all()
    assert (frame["elev_mean_m"] <= frame["elev_max_m"]).all()
    assert (frame["relief_p90_p10_m"] >= 0).all()
    assert (frame["relief_p90_p10_m"] <= frame["elev_max_m"] - frame["elev_min_m"]).all()
    # The three areas are mountains: every commune tops 300 m, none 2,711 m (Pu Xai Lai Leng).
    assert (frame["elev_max_m"] > 300).all()
    assert (frame["elev_max_m"] < 2711).all()


def test_relief_matches_an_independent_rasterio_mask(catalogue):
    communes = risk.read_communes(catalogue=catalogue, edition="2025")
    na_meo = communes[communes["code"] == "15013"]
    frame = relief_by_polygon(catalogue=catalogue, polygons=na_meo)
    with rasterio.open(catalogue.path("terrain")) as dataset:
        data, _ = rasterio.mask.mask(
            dataset, list(na_meo.geometry), crop=True, all_touched=False, filled=False
        )
    values = data.compressed()
    values = values[np.isfinite(values)]
    row = frame.iloc[0]
    assert row["cell_rule"] == "centre"
    assert row["n_cells"] == values.size
    assert row["elev_max_m"] == pytest.approx(float(values.max()))
    assert row["elev_mean_m"] == pytest.approx(float(values.mean()), rel=1e-6)
    p10, p90 = np.percentile(values, [10, 90])
    assert row["relief_p90_p10_m"] == pytest.approx(float(p90 - p10), rel=1e-6)


def test_small_communes_fall_back_to_all_touched(catalogue):
    communes = risk.read_communes(catalogue=catalogue, edition="2024")
    frame = relief_by_polygon(catalogue=catalogue, polygons=communes)
    touched = frame[frame["cell_rule"] == "all_touched"]
    # Thị trấn Mường Xén (2024) is ~2 km² — smaller than one 0.02° cell.
    assert "16813" in set(touched["code"])
    centre = frame[frame["cell_rule"] == "centre"]
    assert (centre["n_cells"] >= MIN_CENTRE_CELLS).all()


# --- scoring on made-up evidence (tests only) -------------------------------------------------


def _fake_communes(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": [f"9{i:04d}" for i in range(n)], "name": [f"Fake {i}" for i in range(n)]},
        geometry=[box(104 + i * 0.1, 19, 104.05 + i * 0.1, 19.05) for i in range(n)],
        crs="EPSG:4326",
    )


def _fake_relief(codes: list[str], relief_m: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": codes,
            "relief_p90_p10_m": relief_m,
            "elev_max_m": [1000.0 if np.isfinite(r) else np.nan for r in relief_m],
            "n_cells": [10 if np.isfinite(r) else 0 for r in relief_m],
            "cell_rule": "centre",
        }
    )


def _fact(code, category, year, *, level="commune", url="https://example.test/a"):
    return {
        "code": code,
        "category": category,
        "level": level,
        "year": year,
        "label_vi": f"tin {category}",
        "label_en": f"report {category}",
        "source": url,
        "cite_vi": url.removeprefix("https://"),
        "cite_en": url.removeprefix("https://"),
    }


def test_scoring_rules_on_made_up_evidence():
    communes = _fake_communes(5)
    codes = list(communes["code"])
    relief_frame = _fake_relief(codes, [800.0, 800.0, 100.0, np.nan, 450.0])
    evidence = pd.DataFrame(
        [
            # Commune 0: two reports of one 2019 flood count once, plus a 2025 landslide.
            _fact(codes[0], "flood_event", 2019, url="https://example.test/1"),
            _fact(codes[0], "flood_event", 2019, url="https://example.test/2"),
            _fact(codes[0], "landslide_event", 2025),
            _fact(codes[0], "landslide_hotspots", None, level="district"),
            # Commune 1: district count only -> relief-only, capped at medium.
            _fact(codes[1], "landslide_hotspots", None, level="district"),
            # Commune 4: an undated landslide scores less than a recent one.
            _fact(codes[4], "landslide_event", None),
        ],
        columns=list(risk.EVIDENCE_COLUMNS),
    )
    frame = risk.score_communes(
        communes, relief=relief_frame, evidence=evidence, edition="2025"
    ).set_index("code")
    assert frame.at[codes[0], "n_events"] == 2
    assert frame.at[codes[0], "risk_score"] == 3 + 2 + 2 + 1
    assert frame.at[codes[0], "risk_class"] == "very_high"
    assert "https://example.test/1 ; https://example.test/2" in frame.at[codes[0], "risk_sources"]
    assert frame.at[codes[1], "risk_score"] == 3 + 1
    assert frame.at[codes[1], "risk_class"] == "medium"
    assert "Chỉ theo địa hình" in frame.at[codes[1], "risk_reasons"]
    # Low relief and no report is not 'low': the coarse grid misses local slopes.
    assert frame.at[codes[2], "risk_class"] == "unknown"
    assert "không có nghĩa là không có nguy cơ" in frame.at[codes[2], "risk_reasons"]
    assert "not enough evidence to call it low" in frame.at[codes[2], "risk_reasons_en"]
    assert frame.at[codes[3], "risk_class"] == "unknown"
    assert frame.at[codes[4], "risk_score"] == 2 + 1
    assert frame.at[codes[4], "risk_class"] == "medium"


def test_one_event_year_per_year_whatever_the_kind():
    communes = _fake_communes(2)
    codes = list(communes["code"])
    evidence = pd.DataFrame(
        [
            # One storm year reported as a landslide and as a flood: one event-year.
            _fact(codes[0], "landslide_event", 2020, url="https://example.test/1"),
            _fact(codes[0], "flood_event", 2020, url="https://example.test/2"),
            # Undated landslide and undated flood reports: together one event-year.
            _fact(codes[0], "landslide_event", None, url="https://example.test/3"),
            _fact(codes[0], "flood_event", None, url="https://example.test/4"),
            # Four recent years cap at EVENT_POINTS_MAX.
            *[
                _fact(codes[1], "flood_event", y, url=f"https://e.test/{y}")
                for y in range(2018, 2022)
            ],
        ],
        columns=list(risk.EVIDENCE_COLUMNS),
    )
    frame = risk.score_communes(
        communes, relief=_fake_relief(codes, [100.0, 100.0]), evidence=evidence, edition="2024"
    ).set_index("code")
    assert frame.at[codes[0], "n_events"] == 2
    assert frame.at[codes[0], "risk_score"] == rules.POINTS_RECENT_EVENT + rules.POINTS_OTHER_EVENT
    lines = frame.at[codes[0], "risk_reasons"].split(risk.REASON_SEPARATOR)
    assert [line.split(":")[0] for line in lines[1:3]] == [
        "Sạt lở và lũ quét/lũ 2020",
        "Sạt lở và lũ quét/lũ không rõ năm",
    ]
    assert frame.at[codes[1], "n_events"] == 4
    assert frame.at[codes[1], "risk_score"] == rules.EVENT_POINTS_MAX
    counts = risk.reason_counts(frame.at[codes[0], "risk_reasons"])
    assert (counts.years, counts.undated) == ((2020,), 1)


def test_warnings_are_listed_never_scored():
    communes = _fake_communes(2)
    codes = list(communes["code"])
    evidence = pd.DataFrame(
        [
            _fact(codes[0], "warning", 2025, url="https://example.test/warn"),
            _fact(codes[1], "warning", 2025, url="https://example.test/warn"),
            _fact(codes[1], "landslide_hotspots", None),
        ],
        columns=list(risk.EVIDENCE_COLUMNS),
    )
    frame = risk.score_communes(
        communes, relief=_fake_relief(codes, [450.0, 450.0]), evidence=evidence, edition="2025"
    ).set_index("code")
    # A warning alone is not a report naming a hazard in the commune: relief only.
    assert frame.at[codes[0], "risk_score"] == 2
    assert "Chỉ theo địa hình" in frame.at[codes[0], "risk_reasons"]
    assert frame.at[codes[1], "risk_score"] == 2 + 1
    for code in codes:
        warning = [
            line
            for line in frame.at[code, "risk_reasons"].split(risk.REASON_SEPARATOR)
            if line.startswith("Cảnh báo")
        ]
        assert len(warning) == 1 and "(không tính điểm)" in warning[0]


def test_relief_only_class_never_exceeds_the_cap(monkeypatch):
    monkeypatch.setattr(scoring, "POINTS_DISTRICT_HOTSPOTS", 5.0)
    communes = _fake_communes(1)
    code = communes["code"].iloc[0]
    evidence = pd.DataFrame(
        [_fact(code, "landslide_hotspots", None, level="district")],
        columns=list(risk.EVIDENCE_COLUMNS),
    )
    frame = risk.score_communes(
        communes, relief=_fake_relief([code], [900.0]), evidence=evidence, edition="2024"
    )
    assert frame["risk_score"].iloc[0] == 8
    assert frame["risk_class"].iloc[0] == risk.RELIEF_ONLY_MAX_CLASS


def test_facts_move_across_editions_only_when_placeable():
    crosswalk = pd.DataFrame(
        {
            "code_2024": ["1", "2", "3", "3", "4"],
            "name_2024": ["a", "b", "c", "c", "d"],
            "district_2024": "D",
            "code_2025": ["10", "10", "30", "40", "40"],
            "name_2025": ["x", "x", "y", "z", "z"],
        }
    )

    def fact(level, codes):
        return {
            "category": "landslide_event",
            "unit_level": level,
            "unit_codes": codes,
            "year": "2020-10-01",
            "quote": f"sạt lở {level} {codes}",
            "indicator": "landslide",
            "value": "1",
            "source_url": "https://example.test/f",
            "citation": "https://example.test/f",
        }

    loaded = pd.DataFrame(
        [
            fact("commune_2024", "1"),  # whole inside 2025 commune 10
            fact("commune_2024", "3"),  # split between 30 and 40: context only
            fact("commune_2025", "10"),  # merged from 1 and 2: context only in 2024
            fact("commune_2025", "30"),  # from part of split 3: context only in 2024
            fact("district", "Huyện D"),
            fact("province", "P"),
        ]
    )
    new = risk.normalise_facts(
        loaded,
        edition="2025",
        crosswalk=crosswalk,
        districts=pd.Series("D", index=["10", "30", "40"]),
    )
    commune = new[new["level"] == "commune"]
    assert sorted(commune["code"]) == ["10", "10", "30"]
    assert sorted(new.loc[new["level"] == "context", "code"]) == ["30", "40"]
    assert sorted(new.loc[new["level"] == "district", "code"]) == ["10", "30", "40"]
    assert (new["year"] == 2020).all()
    old = risk.normalise_facts(
        loaded,
        edition="2024",
        crosswalk=crosswalk,
        districts=pd.Series("D", index=["1", "2", "3", "4"]),
    )
    assert sorted(old.loc[old["level"] == "commune", "code"]) == ["1", "3"]
    assert sorted(old.loc[old["level"] == "context", "code"]) == ["1", "2", "3"]


# --- the built layers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def layers(catalogue):
    return {
        edition: risk.build(catalogue=catalogue, edition=edition) for edition in ("2025", "2024")
    }


@pytest.mark.parametrize(("edition", "rows"), [("2025", 27), ("2024", 54)])
def test_layer_rows_validate_and_cite(layers, edition, rows):
    frame = layers[edition]
    risk.SCHEMA.validate(frame)
    assert len(frame) == rows
    assert frame["code"].is_unique
    assert (frame["edition"] == edition).all()
    assert set(frame["risk_class"]) <= set(RISK_CLASSES)
    assert (frame["basis"] == "derived_commune_class").all()
    assert (frame["precision"] == "commune_class").all()
    for column in ("risk_reasons", "risk_reasons_en", "risk_sources", "source"):
        assert (frame[column].str.strip() != "").all(), column
    # Every row cites the terrain grid, and every row with events cites a web page.
    assert frame["risk_sources"].str.contains("SRTM30_PLUS").all()
    # No file path of the bundle or the project reaches a user.
    for column in ("risk_reasons", "risk_reasons_en", "risk_sources", "source"):
        for marker in (".csv", ".tif", ".geojson", "indicators/", "hazards/", "terrain/"):
            assert not frame[column].str.contains(marker, regex=False).any(), (column, marker)
    with_events = frame[frame["n_events"] > 0]
    assert len(with_events) > 0
    assert with_events["risk_sources"].str.contains("https?://", regex=True).all()


def test_na_meo_is_high_or_very_high(layers):
    row = layers["2025"].set_index("code").loc["15013"]
    assert row["name"] == "Na Mèo"
    assert row["risk_class"] in {"high", "very_high"}
    assert row["n_events"] >= 1
    assert "2019" in row["risk_reasons"]


def test_reports_without_evidence_say_so(layers):
    for frame in layers.values():
        silent = frame[~frame["risk_reasons"].str.contains(r"\(\+\d", regex=True)]
        assert silent.empty  # every row has at least the relief item with its points
        relief_only = frame[frame["risk_reasons"].str.contains("Chỉ theo địa hình")]
        assert set(relief_only["risk_class"]) <= {"unknown", "medium"}
        assert (relief_only["n_events"] == 0).all()


def test_district_reports_reach_every_commune_of_the_district(layers):
    for frame in layers.values():
        assert frame["risk_reasons"].str.contains("Báo cáo cấp huyện cũ").all()


def test_na_meo_keeps_its_events_in_the_2024_edition(layers):
    row = layers["2024"].set_index("code").loc["15013"]
    assert row["risk_class"] in {"high", "very_high"}
    assert "vnexpress.net" in row["risk_sources"]


def test_nasa_context_never_raises_the_score(layers):
    frame = layers["2025"]
    assert frame["risk_reasons"].str.contains("không tính điểm").all()
    assert frame["risk_reasons_en"].str.contains("not scored").all()


# --- official zoning (made-up polygons, tests only) -------------------------------------------


def _metric(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.to_crs(METRIC_CRS)


def test_official_zoning_replaces_the_class_where_it_covers(layers):
    derived = layers["2025"]
    na_meo = _metric(derived[derived["code"] == "15013"]).geometry.iloc[0]
    seat_elsewhere = _metric(derived[derived["code"] == "16813"]).geometry.iloc[0].centroid
    fake = gpd.GeoDataFrame(
        {
            "zone_class": ["thấp", "very_high"],
            "source": ["FAKE test zoning A", "FAKE test zoning B"],
        },
        geometry=[na_meo.buffer(100), seat_elsewhere.buffer(1000)],
        crs=METRIC_CRS,
    ).to_crs("EPSG:4326")
    result = risk.apply_official_zoning(derived, fake)
    risk.SCHEMA.validate(result)
    row = result.set_index("code").loc["15013"]
    assert row["risk_class"] == "low"
    assert row["basis"] == "official_zoning"
    assert row["risk_reasons"].startswith("Theo bản đồ phân vùng chính thức (FAKE test zoning A)")
    assert "FAKE test zoning A" in row["risk_sources"]
    others = result["code"] != "15013"
    columns = ["risk_class", "risk_score", "risk_reasons", "basis", "source", "risk_sources"]
    pd.testing.assert_frame_equal(
        result.loc[others, columns], derived.loc[others, columns], check_like=True
    )


def test_official_zoning_takes_the_worst_class_covering_enough(layers):
    derived = layers["2025"]
    commune = _metric(derived[derived["code"] == "16858"]).geometry.iloc[0]
    minx, miny, maxx, maxy = commune.bounds
    cut = shapely.centroid(commune).x
    west = box(minx - 10, miny - 10, cut, maxy + 10)
    east = box(cut, miny - 10, maxx + 10, maxy + 10)
    speck = shapely.centroid(commune).buffer(300)  # far below 10 % of the commune
    fake = gpd.GeoDataFrame(
        {"zone_class": ["medium", "high", "very_high"], "source": ["F1", "F2", "F3"]},
        geometry=[west, east, speck],
        crs=METRIC_CRS,
    )
    result = risk.apply_official_zoning(derived, fake).set_index("code")
    assert result.at["16858", "risk_class"] == "high"
    assert result.at["16858", "basis"] == "official_zoning"


def test_official_zoning_below_half_cover_changes_nothing(layers):
    derived = layers["2025"]
    commune = _metric(derived[derived["code"] == "16858"]).geometry.iloc[0]
    minx, miny, _, maxy = commune.bounds
    strip = box(minx - 10, miny - 10, minx + (commune.bounds[2] - minx) * 0.2, maxy + 10)
    fake = gpd.GeoDataFrame(
        {"zone_class": ["low"], "source": ["F"]}, geometry=[strip], crs=METRIC_CRS
    )
    result = risk.apply_official_zoning(derived, fake)
    pd.testing.assert_frame_equal(
        pd.DataFrame(result.drop(columns="geometry")),
        pd.DataFrame(derived.drop(columns="geometry")),
    )


def test_official_zoning_rejects_unknown_labels_and_missing_columns(layers):
    derived = layers["2025"]
    shape = derived.geometry.iloc[0]
    bad_label = gpd.GeoDataFrame(
        {"zone_class": ["nguy hiểm lắm"], "source": ["F"]}, geometry=[shape], crs="EPSG:4326"
    )
    with pytest.raises(UserInputError, match="cấp nguy cơ"):
        risk.apply_official_zoning(derived, bad_label)
    no_source = gpd.GeoDataFrame({"zone_class": ["high"]}, geometry=[shape], crs="EPSG:4326")
    with pytest.raises(UserInputError, match="source"):
        risk.apply_official_zoning(derived, no_source)


def test_method_texts_are_short():
    for text in (risk.METHOD_VI, risk.METHOD_EN):
        assert 5 <= len(text.splitlines()) <= 8


# --- the written rule, recomputed independently, and the audited evidence rows -------------


@pytest.fixture(scope="module")
def inputs(catalogue):
    """Per edition: the communes, their relief and the evidence table the layer is built from."""
    out = {}
    for edition in ("2025", "2024"):
        communes = risk.read_communes(catalogue=catalogue, edition=edition)
        out[edition] = (
            communes,
            relief_by_polygon(catalogue=catalogue, polygons=communes).set_index("code"),
            risk.read_evidence(catalogue=catalogue, edition=edition, communes=communes),
        )
    return out


def _written_rule(relief_m: float, evidence: pd.DataFrame) -> tuple[str, float, int]:
    """The method as written (README, METHOD_EN), from the constants: class, score, event-years."""
    relief = 0.0
    if np.isfinite(relief_m):
        relief = next((p for minimum, p in rules.RELIEF_BANDS_M if relief_m >= minimum), 0.0)
    commune = evidence[evidence["level"] == "commune"]
    events = commune[commune["category"].isin(["landslide_event", "flood_event"])]
    hotspots = commune[commune["category"].isin(["landslide_hotspots", "erosion"])]
    scored = evidence["category"].isin(
        ["landslide_event", "flood_event", "landslide_hotspots", "erosion"]
    )
    district = evidence[(evidence["level"] == "district") & scored]
    # One event-year per year whatever the kind; all undated reports together make one.
    years = {None if y is None or pd.isna(y) else int(y) for y in events["year"]}
    first_recent = rules.REFERENCE_YEAR - rules.EVENT_WINDOW_YEARS + 1
    event_points = sum(
        rules.POINTS_RECENT_EVENT
        if y is not None and first_recent <= y <= rules.REFERENCE_YEAR
        else rules.POINTS_OTHER_EVENT
        for y in years
    )
    score = (
        relief
        + min(event_points, rules.EVENT_POINTS_MAX)
        + min(rules.POINTS_HOTSPOT * len(hotspots), rules.HOTSPOT_POINTS_MAX)
        + (rules.POINTS_DISTRICT_HOTSPOTS if len(district) else 0.0)
    )
    order = ["low", "medium", "high", "very_high"]
    risk_class = next((c for c, minimum in rules.CLASS_THRESHOLDS if score >= minimum), "low")
    if len(events) + len(hotspots) == 0:
        if not np.isfinite(relief_m):
            return "unknown", score, 0
        cap = order.index(rules.RELIEF_ONLY_MAX_CLASS)
        risk_class = order[min(order.index(risk_class), cap)]
        if risk_class == "low":
            risk_class = "unknown"
    return risk_class, score, len(years)


@pytest.mark.parametrize(("edition", "rows"), [("2025", 27), ("2024", 54)])
def test_every_class_follows_the_written_rule(layers, inputs, edition, rows):
    communes, relief, evidence = inputs[edition]
    built = layers[edition].set_index("code")
    assert len(communes) == len(built) == rows
    expected = {}
    for code in communes["code"]:
        relief_m = float(relief.at[code, "relief_p90_p10_m"]) if code in relief.index else np.nan
        expected[code] = _written_rule(relief_m, evidence[evidence["code"] == code])
    got = {
        code: (
            built.at[code, "risk_class"],
            built.at[code, "risk_score"],
            built.at[code, "n_events"],
        )
        for code in communes["code"]
    }
    assert got == expected


def test_method_text_states_the_constants():
    first = rules.REFERENCE_YEAR - rules.EVENT_WINDOW_YEARS + 1
    en = risk.METHOD_EN
    for phrase in (
        "≥700 m 3 points, ≥400 m 2, ≥250 m 1",
        "counts once for the commune, whether landslide, flood or both",
        "undated reports together count once",
        f"2 points for a year in {first}–{rules.REFERENCE_YEAR}, 1 if older or undated; at most 6",
        "1 point each, at most 2",
        "+1 once for every commune of the district",
        "Warnings and forecasts are listed as context, never scored",
        "≥7 very high, ≥5 high, ≥2 medium, otherwise low",
        "at most medium",
        "never the page's date",
    ):
        assert phrase in en, phrase
    assert "2016–2025" in risk.METHOD_VI and "tối đa 6" in risk.METHOD_VI


@pytest.mark.parametrize("edition", ["2025", "2024"])
def test_reasons_are_one_per_line(layers, edition):
    frame = layers[edition]
    heads_vi = (
        "Địa hình:",
        "Sạt lở ",
        "Lũ quét/lũ ",
        "Điểm nguy cơ sạt lở:",
        "Sạt lở bờ sông/xói lở:",
        "Báo cáo cấp huyện cũ",
        "Báo cáo về xã",
        "Chỉ theo địa hình:",
        "Chưa rõ:",
        "Tham khảo, không tính điểm:",
        "Cảnh báo",
    )
    for vi, en in zip(frame["risk_reasons"], frame["risk_reasons_en"], strict=True):
        lines = vi.split(risk.REASON_SEPARATOR)
        assert len(lines) == len(en.split(risk.REASON_SEPARATOR))
        assert all(line.startswith(heads_vi) for line in lines), lines


def _lines_citing(frame, code, host):
    reasons = frame.set_index("code").at[code, "risk_reasons"]
    return [line for line in reasons.split(risk.REASON_SEPARATOR) if host in line]


def _from(evidence, host):
    return evidence[evidence["source"].str.contains(host, regex=False)]


def test_row_152_names_its_communes_as_mirror_hotspots(layers, inputs):
    named = {"19468": "Húc", "19453": "Hướng Tân", "19438": "Hướng Việt", "19477": "Ba Tầng"}
    row = _from(inputs["2024"][2], "88tysobongda.com/xa-hoi/nguy-co-sat-lo")
    hotspots = row[row["label_vi"].str.contains("45 điểm")]
    assert set(hotspots["code"]) == set(named)
    assert set(hotspots["level"]) == {"commune"}
    frame = layers["2024"].set_index("code")
    for code, name in named.items():
        assert name in frame.at[code, "name"]
        line = _lines_citing(layers["2024"], code, "88tysobongda.com")
        assert line and "bản sao, cần kiểm chứng" in line[0]
    assert frame.at["19453", "risk_class"] != "unknown"  # Hướng Tân


def test_row_94_is_a_son_dien_event(layers, inputs):
    for edition in ("2025", "2024"):
        evidence = inputs[edition][2]
        row = _from(evidence, "baomoi.com/quoc-lo-nghin-ty")
        assert row[["code", "level", "category", "year"]].values.tolist() == [
            ["15022", "commune", "landslide_event", 2017]
        ]
        assert _lines_citing(layers[edition], "15022", "baomoi.com")[0].startswith("Sạt lở 2017")
        assert layers[edition].set_index("code").at["15022", "n_events"] >= 1


def test_row_96_warning_is_listed_and_never_scores(layers, inputs):
    """Row 96 is a 6-hour forecast naming Sơn Điện and Tam Thanh: listed, never scored."""
    scored = set(risk.SCORED_CATEGORIES)
    for edition in ("2025", "2024"):
        cited = _from(inputs[edition][2], "thanh-hoa-san-sang-phuong-an-so-tan")
        assert set(cited["category"]) == {"warning"} and not set(cited["category"]) & scored
        tam_thanh = layers[edition].set_index("code").loc["15007"]
        assert tam_thanh["risk_class"] != "high"  # it was "high" only because of the warning
    built = layers["2025"].set_index("code")
    for code in ("15007", "15022"):
        lines = [
            line
            for line in built.at[code, "risk_reasons"].split(risk.REASON_SEPARATOR)
            if line.startswith("Cảnh báo")
        ]
        assert len(lines) == 1 and "không tính điểm" in lines[0]


def test_row_156_road_ends_get_nothing(layers, inputs):
    road_ends = {"16813", "16864", "16855", "16870", "16828", "16834", "16822", "16837"}
    evidence = inputs["2024"][2]
    row = _from(evidence, "sggp.org.vn/nghe-an-noi-lo-sat-nui")
    assert row[["code", "level"]].values.tolist() == [["16852", "commune"]]
    assert row["year"].isna().all()  # year not stated
    for code in road_ends:
        assert not _lines_citing(layers["2024"], code, "sggp.org.vn")
    # In 2025 it reaches only the one commune that holds Tà Cạ.
    assert len(set(_from(inputs["2025"][2], "sggp.org.vn")["code"])) == 1
    # Na Ngoi's only event report was row 156: now it is relief only.
    na_ngoi = layers["2024"].set_index("code").loc["16870"]
    assert na_ngoi["n_events"] == 0


def test_row_162_is_undated_not_the_page_year(layers, inputs):
    for edition in ("2025", "2024"):
        row = _from(inputs[edition][2], "plo.vn/xa-hoi/chin-nguoi-chet")
        assert len(row) and row["year"].isna().all()
    for code in ("16858", "16867"):
        lines = _lines_citing(layers["2024"], code, "plo.vn")
        assert len(lines) == 1 and "không rõ năm" in lines[0]
        assert "2017" not in lines[0].split(":")[0]
    assert risk.event_year("not stated (30 June; page date 2017)") is None
    assert risk.event_year("2017 (page metadata)") is None
    assert risk.event_year("2020-10-17") == 2020


def test_no_event_year_comes_from_a_page_date(inputs):
    for _, evidence in ((e, inputs[e][2]) for e in inputs):
        dated = evidence[evidence["year"].notna()]
        assert not dated["source"].str.contains("plo.vn", regex=False).any()
