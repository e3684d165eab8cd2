"""The offline web map: asserts on the rendered HTML, plus one headless-Chromium check."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely

from geo import crs
from ui import assets, webmap

PROJECT = Path(__file__).resolve().parent.parent
CDN_HOSTS = re.compile(
    r"cdn\.jsdelivr|unpkg\.com|cdnjs\.cloudflare|code\.jquery\.com|netdna\.bootstrapcdn|d3js\.org"
)
EVIL = "<script>alert('x')</script>"


def calls(page_html: str, function: str, arguments: int) -> list[tuple]:
    """The JSON arguments of every ``BorderAtlas.<function>(...)`` call in the page, in order."""
    decoder = json.JSONDecoder()
    found = []
    for match in re.finditer(rf"BorderAtlas\.{function}\(\s*", page_html):
        position = match.end()
        parsed = []
        for _ in range(arguments):
            value, position = decoder.raw_decode(page_html, position)
            parsed.append(value)
            position = re.compile(r"\s*,?\s*").match(page_html, position).end()
        found.append(tuple(parsed))
    return found


def geo_layers(page_html: str) -> list[tuple[dict, list[dict], dict]]:
    """Every (data, styles, options) passed to BorderAtlas.geoLayer in the page, in order."""
    return calls(page_html, "geoLayer", 3)


def commune_features(page_html: str) -> list[tuple[dict, dict]]:
    """(feature, style) of each commune of the (last, inline) commune layer: its shape, code,
    tooltip ``t`` and popup ``p``."""
    shapes, texts, styles, index, _ = calls(page_html, "communes", 5)[-1]
    return [
        ({**shape, "t": texts[shape["c"]][0], "p": texts[shape["c"]][1]}, styles[i])
        for shape, i in zip(shapes, index, strict=True)
    ]


def decode_polyline(text: str, factor: float) -> list[tuple[float, float]]:
    """Reference decoder (Google's published algorithm), written out plainly."""
    points, index, lat, lng = [], 0, 0, 0
    while index < len(text):
        values = []
        for _ in range(2):
            shift = result = 0
            while True:
                byte = ord(text[index]) - 63
                index += 1
                result |= (byte & 0x1F) << shift
                shift += 5
                if byte < 0x20:
                    break
            values.append(~(result >> 1) if result & 1 else result >> 1)
        lat += values[0]
        lng += values[1]
        points.append((lat / factor, lng / factor))
    return points


@pytest.fixture(scope="module")
def view(atlas):
    from layers import commune_view as model

    return model.commune_view(atlas, edition="2025")


@pytest.fixture(scope="module")
def display(view):
    return webmap.prepare_display_geometries(view, tolerance_m=50)


@pytest.fixture(scope="module")
def overlays(atlas):
    keys = ("border", "gates", "markers", "sites", "roads", "rivers", "risk_2025")
    return webmap.prepare_overlays({key: atlas.get(key) for key in keys})


@pytest.fixture(scope="module")
def full_html(display, overlays, view):
    highlight = set(view.loc[view["is_border"], "code"])
    m = webmap.build_map(
        communes=display,
        overlays=overlays,
        indicator="poverty_rate_pct",
        basemap="osm",
        lang="vi",
        highlight_codes=highlight,
    )
    return webmap.map_html(m)


def test_rendered_map_loads_nothing_from_outside(full_html):
    assert assets.external_urls(full_html) == []
    assert not CDN_HOSTS.search(full_html)
    for url in (assets.LEAFLET_JS, assets.LEAFLET_CSS, assets.PROJ4_JS):
        assert url in full_html  # proj4 is loaded by the map's script on first use
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", full_html)
    links = re.findall(r"<link[^>]*\bhref=\"([^\"]+)\"", full_html)
    assert scripts and all(src.startswith("/app/static/") for src in scripts)
    assert links and all(href.startswith("/app/static/") for href in links)
    # The runtime comes after Leaflet, which it extends when it loads.
    assert scripts.index(assets.ATLAS_JS) > scripts.index(assets.LEAFLET_JS)
    assert assets.ATLAS_CSS in links


def test_runtime_and_style_are_linked_static_files_not_inlined(full_html):
    script = assets.vendor_path(assets.ATLAS_JS)
    style = assets.vendor_path(assets.ATLAS_CSS)
    assert script == PROJECT / "static/atlas/webmap.js"
    assert style == PROJECT / "static/atlas/webmap.css"
    runtime = script.read_text(encoding="utf-8")
    assert "window.BorderAtlas" in runtime and "init: init" in runtime
    assert ".ba-legend" in style.read_text(encoding="utf-8")
    assert "BorderAtlas.init(" in full_html  # the map only calls it
    assert "window.BorderAtlas" not in full_html and ".ba-legend" not in full_html
    # The URL changes with the content, so a cached copy is never stale.
    for url, path in ((assets.ATLAS_JS, script), (assets.ATLAS_CSS, style)):
        assert url.endswith("?v=" + hashlib.sha256(path.read_bytes()).hexdigest()[:10])


def test_ui_sources_name_no_cdn():
    sources = [*(PROJECT / "ui").rglob("*.py"), *(PROJECT / "static/atlas").iterdir()]
    assert PROJECT / "ui/webmap/build.py" in sources
    for path in sources:
        assert not CDN_HOSTS.search(path.read_text(encoding="utf-8")), path


def test_vendor_urls_point_at_the_installed_layout():
    # The standalone export inlines these two files from exactly here.
    assert assets.vendor_path(assets.LEAFLET_JS) == PROJECT / "static/vendor/leaflet/leaflet.js"
    assert assets.vendor_path(assets.LEAFLET_CSS) == PROJECT / "static/vendor/leaflet/leaflet.css"
    with pytest.raises(ValueError, match="not served"):
        assets.vendor_path("https://example.org/leaflet.js")


def test_all_27_communes_are_drawn_with_their_codes(full_html, view):
    features = commune_features(full_html)
    assert sorted(p["c"] for p, _ in features) == sorted(view["code"])
    assert len(features) == 27
    for name in view["name"]:
        assert name in full_html


def test_overlays_are_switchable_and_border_is_labelled_derived(full_html):
    assert "L.control.layers" in full_html
    labels = ("Đường biên giới (suy ra, không chính thức)", "Cửa khẩu", "Quốc lộ", "Sông suối")
    for label in labels:
        assert json.dumps(label) in full_html  # layer-control names are JSON in the script
    assert "không phải đường biên giới chính thức" in full_html
    assert len(geo_layers(full_html)) == 7  # 7 overlays (the communes: BorderAtlas.communes)
    assert len(calls(full_html, "communes", 5)) == 1


def test_script_in_names_is_shown_as_text(display, atlas):
    communes = display.copy()
    communes.loc[communes.index[0], "name"] = EVIL
    gates = atlas.get("gates").copy()
    gates.loc[gates.index[0], "name"] = EVIL
    m = webmap.build_map(
        communes=communes, overlays={"gates": gates}, indicator="density", basemap="none"
    )
    page_html = webmap.map_html(m)
    assert EVIL not in page_html
    assert "alert('x')</script>" not in page_html
    assert "<script>alert" not in page_html
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    tips = [p["t"] for p, _ in commune_features(page_html)]
    assert any(escaped in tip for tip in tips)
    gate_features = geo_layers(page_html)[0][0]
    assert any(escaped in feature["t"] for feature in gate_features)


def test_template_syntax_in_names_is_not_evaluated(display):
    communes = display.copy()
    communes.loc[communes.index[0], "name"] = "{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}"
    page_html = webmap.map_html(
        webmap.build_map(communes=communes, indicator="density", basemap="none")
    )
    tips = [feature["t"] for feature, _ in commune_features(page_html)]
    assert any("{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}" in tip for tip in tips)
    assert not any("<b>49" in tip for tip in tips)


@pytest.mark.parametrize(
    ("lang", "district_text", "commune_text", "year_word"),
    [
        ("vi", "Số liệu cấp huyện cũ", "Số liệu cấp xã", "năm"),
        ("en", "Former-district figure", "Commune-level figure", "year"),
    ],
)
def test_legend_states_year_and_level(display, lang, district_text, commune_text, year_word):
    frame = display.copy()
    frame["poverty_rate_pct"] = [20.25] + [30.02] * (len(frame) - 1)
    frame["poverty_rate_pct_level"] = ["commune"] + ["district"] * (len(frame) - 1)
    frame["poverty_rate_pct_year"] = [2024] + [2023] * (len(frame) - 1)
    m = webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none", lang=lang)
    legend = json.loads(
        re.search(r"BorderAtlas\.legend\(\s*(\"(?:[^\"\\]|\\.)*\")", webmap.map_html(m)).group(1)
    )
    assert f"{district_text}: 26 " in legend
    assert f"{year_word} 2023" in legend
    assert f"{commune_text}: 1 " in legend
    assert f"{year_word} 2024" in legend
    assert "ba-hatch-" in legend  # the hatched swatch explains the hatching


def _legend(m) -> str:
    found = re.search(r"BorderAtlas\.legend\(\s*(\"(?:[^\"\\]|\\.)*\")", webmap.map_html(m))
    return json.loads(found.group(1))


def test_legend_warns_when_poverty_figures_mix_standards_and_years(display):
    frame = display.copy()
    frame["poverty_rate_pct"] = [20.25] + [42.21] * (len(frame) - 1)
    frame["poverty_rate_pct_level"] = ["commune"] + ["district"] * (len(frame) - 1)
    frame["poverty_rate_pct_year"] = [2024.0] + [2020.0] * (len(frame) - 1)
    frame["poverty_rate_pct_standard"] = ["2021-2025"] + ["2016-2020"] * (len(frame) - 1)
    legend = _legend(
        webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none", lang="en")
    )
    assert "Different or unstated standards or years: not one ranking" in legend
    assert "2024.0" not in legend and "2020.0" not in legend
    frame["poverty_rate_pct_standard"] = "2021-2025"
    frame["poverty_rate_pct_year"] = 2024
    legend = _legend(
        webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none", lang="vi")
    )
    assert "không xếp hạng chung" not in legend


def test_district_figures_are_hatched_and_commune_figures_solid(full_html, view):
    levels = dict(zip(view["code"], view["poverty_rate_pct_level"], strict=True))
    assert {"commune", "district"} <= set(levels.values())
    for properties, style in commune_features(full_html):
        level = levels[properties["c"]]
        if level == "district":
            assert "hatch" in style and style.get("dashArray"), properties["c"]
            assert "fillColor" not in style
        elif level == "commune":
            assert "hatch" not in style and "dashArray" not in style
            assert style["fillColor"].startswith("#")
    tips = {p["c"]: p["t"] for p, _ in commune_features(full_html)}
    district_code = next(code for code, level in levels.items() if level == "district")
    assert "số liệu cấp huyện cũ" in tips[district_code]


def test_missing_values_are_grey_and_counted(display):
    frame = display.copy()
    frame["forest_cover_pct"] = np.nan
    frame.loc[frame.index[:3], "forest_cover_pct"] = [80.0, 85.0, 90.0]
    m = webmap.build_map(communes=frame, indicator="forest_cover_pct", basemap="none")
    page_html = webmap.map_html(m)
    styles = [style for _, style in commune_features(page_html)]
    assert sum(style.get("fillColor") == webmap.NO_DATA_COLOR for style in styles) == 24
    assert json.dumps("Không có số liệu (24 xã)", ensure_ascii=False)[1:-1] in page_html


def test_communes_outside_the_filter_are_faded(display):
    keep = set(display["code"][:5])
    group = webmap.communes_layer(
        communes=display, indicator="population_2025", highlight_codes=keep
    )
    m = webmap.base_map(bounds=webmap.bounds_of(display), basemap="none")
    group.add_to(m)
    page_html = webmap.map_html(m)
    for properties, style in commune_features(page_html):
        if properties["c"] in keep:
            assert style["fillOpacity"] >= 0.7
        else:
            assert style["fillOpacity"] < 0.3 and style["opacity"] < 0.5
    assert "Mờ: không khớp bộ lọc" in page_html


def test_risk_classes_use_the_risk_legend(display, view):
    frame = display.copy()
    frame["risk_class"] = view["risk_class"].to_numpy()
    m = webmap.build_map(communes=frame, indicator="risk_class", basemap="none", lang="en")
    page_html = webmap.map_html(m)
    assert "Very high" in page_html
    unknown = int((frame["risk_class"] == "unknown").sum())
    assert f"No data ({unknown} communes)" in page_html


def test_display_geometries_keep_shared_borders(communes_2025):
    light = webmap.prepare_display_geometries(
        communes_2025, tolerance_m=50, columns=["code", "name"]
    )
    assert list(light.columns) == ["code", "name", "geometry"]
    assert light.crs.to_epsg() == 4326
    geoms = light.geometry.to_numpy()
    before = shapely.get_num_coordinates(communes_2025.geometry.to_numpy()).sum()
    after = shapely.get_num_coordinates(geoms).sum()
    assert after < before / 4
    assert shapely.coverage_is_valid(geoms)  # shared borders are one edge: no gap, no overlap
    coords = shapely.get_coordinates(geoms)
    on_grid = np.isclose(coords, np.round(coords, 4), rtol=0, atol=1e-9).all(axis=1)
    assert on_grid.mean() > 0.99  # a few nodes added by the cleaning step lie off the grid
    # Neighbours still share their border: their common edge has real length, no sliver.
    total = sum(g.area for g in geoms)
    assert abs(shapely.coverage_union_all(geoms).area - total) < 1e-6 * total


def test_polyline_encoding_round_trips(display):
    assert (
        webmap.encode_polyline(
            np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]]), decimals=5
        )
        == "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
    )
    for geom in display.geometry:
        for polygon in shapely.get_parts(geom):
            coords = shapely.get_coordinates(polygon.exterior)[:-1]
            text = webmap.encode_polyline(coords, decimals=4)
            decoded = np.array(decode_polyline(text, 1e4))[:, ::-1]
            assert np.abs(decoded - coords).max() <= 0.5e-4 + 1e-9


def test_sent_geometry_matches_the_prepared_geometry(full_html, display):
    by_code = dict(zip(display["code"], display.geometry, strict=True))
    for feature, _ in commune_features(full_html):
        assert feature["g"]["k"] in ("P", "MP")
        polygons = feature["g"]["c"] if feature["g"]["k"] == "MP" else [feature["g"]["c"]]
        rebuilt = shapely.MultiPolygon(
            [
                shapely.Polygon(
                    [(x, y) for y, x in decode_polyline(rings[0], 1e4)],
                    [[(x, y) for y, x in decode_polyline(r, 1e4)] for r in rings[1:]],
                )
                for rings in polygons
            ]
        )
        original = by_code[feature["c"]]
        assert abs(rebuilt.area - original.area) < 1e-3 * original.area


def test_proj4_definition_matches_pyproj_within_a_metre(display):
    zones = webmap.vn2000_zones(display)
    assert len(zones) == 3
    for epsg in (zone.epsg for zone in zones):
        definition = crs.proj4_definition(epsg)
        assert "+towgs84=" in definition
        ours = pyproj.Transformer.from_crs("EPSG:4326", pyproj.CRS(definition), always_xy=True)
        official = pyproj.Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
        x1, y1 = ours.transform(104.9, 19.6)
        x2, y2 = official.transform(104.9, 19.6)
        assert abs(x1 - x2) < 1 and abs(y1 - y2) < 1


def test_readout_carries_the_three_zones(full_html):
    for epsg in (5897, 9208, 9212):
        assert f'"epsg":{epsg}' in full_html


def test_clicked_code_finds_the_commune(display, view):
    seat = view.iloc[3]
    point = {"lat": float(seat["seat_lat"]), "lng": float(seat["seat_lon"])}
    assert webmap.clicked_code(point, communes=display) == seat["code"]
    assert webmap.clicked_code(None, communes=display) is None
    assert webmap.clicked_code({"lat": 0.0, "lng": 0.0}, communes=display) is None


def test_base_map_is_stable_and_only_the_commune_group_changes(display, overlays):
    from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

    def rerun(highlight):
        m = webmap.base_map(
            bounds=webmap.bounds_of(display),
            overlays=overlays,
            zones=webmap.vn2000_zones(display),
        )
        group = webmap.communes_layer(
            communes=display, indicator="population_2025", highlight_codes=highlight
        )
        m.get_root().render()
        base = generate_js_hash(_get_map_string(m), "map")
        return base, _get_feature_group_string(group, map=m)

    base_1, group_1 = rerun(None)
    base_2, group_2 = rerun(set(display["code"][:3]))
    assert base_1 == base_2  # same component: the browser keeps its map
    assert group_1 != group_2  # only the commune group is swapped
    assert "BorderAtlas.communes" in group_2 and "legend" in group_2


def test_unknown_basemap_and_missing_columns_are_named():
    with pytest.raises(ValueError, match="unknown basemap 'google'"):
        webmap.base_map(bounds=((19, 104), (20, 105)), basemap="google")
    frame = gpd.GeoDataFrame({"code": ["1"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326)
    with pytest.raises(KeyError, match="name"):
        webmap.communes_layer(communes=frame, indicator=None)


@pytest.mark.browser
def test_map_draws_offline_in_chromium(display, overlays, page, tmp_path):
    missing = assets.missing_assets()
    assert not missing, f"vendor files missing: {missing}; {assets.INSTALL_HINT}"
    communes = display.copy()
    communes.loc[communes.index[0], "name"] = EVIL
    m = webmap.build_map(
        communes=communes, overlays=overlays, indicator="population_2025", basemap="osm"
    )
    root = tmp_path / "site"
    (root / "app").mkdir(parents=True)
    (root / "app" / "static").symlink_to(assets.STATIC_DIR)
    (root / "map.html").write_text(webmap.map_html(m), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside: list[str] = []
    errors: list[str] = []
    page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/map.html")
        page.wait_for_function(
            "document.querySelectorAll('.leaflet-overlay-pane path').length >= 27", timeout=15000
        )
        assert errors == []
        assert page.locator(".ba-legend").count() == 1
        assert page.locator(".ba-readout").count() == 1
        # Only tiles may be requested from outside (and they fail here: the map still draws).
        assert all("tile" in url or "arcgisonline" in url for url in outside), outside
        box = page.locator(".leaflet-overlay-pane path").first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(300)
        page.evaluate(
            "Object.values(document.querySelectorAll('.leaflet-overlay-pane path'))"
            ".forEach(function (p) { p.dispatchEvent(new MouseEvent('mouseover', "
            "{bubbles: true})); })"
        )
        tooltips = page.locator(".leaflet-tooltip").all_inner_texts()
        assert any(EVIL in text for text in tooltips), tooltips
        decoded = page.evaluate("BorderAtlas.decode('_p~iF~ps|U_ulLnnqC_mqNvxq`@', 1e5)")
        assert decoded == [[38.5, -120.2], [40.7, -120.95], [43.252, -126.453]]
        page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
        page.wait_for_function("typeof window.proj4 === 'function'", timeout=5000)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + 3)
        readout = page.locator(".ba-readout").inner_text()
        assert "WGS 84:" in readout and "VN-2000" in readout and "X = " in readout, readout
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def legend_entries(page_html: str) -> dict[str, dict]:
    """Every overlay legend entry in the page (``BorderAtlas.legendEntry``), by key."""
    decoder = json.JSONDecoder()
    found = {}
    for match in re.finditer(r"BorderAtlas\.legendEntry\(\s*[\w]+,\s*", page_html):
        entry, _ = decoder.raw_decode(page_html, match.end())
        found.setdefault(entry["key"], entry)
    return found


def test_every_overlay_has_its_legend_entry_with_its_symbol(full_html):
    entries = legend_entries(full_html)
    kinds = {"border", "gates", "markers", "risk", "sites", "roads", "rivers"}
    assert set(entries) == kinds | {"approximate"}
    assert "<svg" in entries["gates"]["body"] and "Cửa khẩu" in entries["gates"]["body"]
    assert 'stroke-dasharray="10 4 2 4"' in entries["border"]["body"]  # the border's dashes
    risk = entries["risk"]["body"]
    assert "Vùng nguy cơ sạt lở" in risk
    for words in ("Rất cao", "Cao", "Trung bình"):
        assert f"<span>{words}</span>" in risk
    assert "Vòng đứt nét: vị trí gần đúng" in entries["approximate"]["body"]
    orders = [entries[kind]["order"] for kind in ("border", "gates", "markers", "risk")]
    assert orders == sorted(orders)
    assert "icon" not in json.dumps(entries)  # symbols are inline SVG, no icon font


def test_lao_overlay_has_a_legend_entry(atlas):
    overlays = webmap.prepare_overlays({"lao": atlas.get("lao_provinces")})
    m = webmap.base_map(bounds=((16.0, 103.8), (20.6, 107.2)), basemap="none", overlays=overlays)
    entries = legend_entries(webmap.map_html(m))
    assert list(entries) == ["lao"] and "Tỉnh của Lào" in entries["lao"]["body"]


def test_approximate_positions_wear_a_dashed_ring(full_html, atlas):
    layers = geo_layers(full_html)
    by_kind = {}
    for data, styles, _ in layers[:-1]:
        icons = [styles[f["s"]].get("icon", "") for f in data]
        if icons and all(icons):
            by_kind[len(by_kind)] = icons
    gates, markers, sites = (by_kind[i] for i in range(3))
    assert all("stroke-dasharray" in icon for icon in markers)  # all known by place only
    # Na Mèo's published position and the two road-crossing estimates carry no ring.
    assert 0 < sum("stroke-dasharray" in icon for icon in gates) < len(gates)
    assert any("stroke-dasharray" in icon for icon in sites)


@pytest.mark.parametrize(
    ("lang", "figure", "level", "button"),
    [
        ("vi", "42,21 %", "2020 · số liệu cấp huyện cũ", "Chi tiết ›"),
        ("en", "42.21%", "2020 · former-district figure", "Details ›"),
    ],
)
def test_popup_is_compact_with_the_coloured_figure(display, view, lang, figure, level, button):
    frame = display.copy()
    for column in ("poverty_rate_pct_year", "poverty_rate_pct_level", "risk_class"):
        frame[column] = view[column].to_numpy()
    page_html = webmap.map_html(
        webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none", lang=lang)
    )
    popups = {p["c"]: p["p"] for p, _ in commune_features(page_html)}
    code = view.loc[view["former_district"] == "Kỳ Sơn", "code"].iloc[0]
    popup = popups[code]
    assert "<table" not in popup  # the full record is the details panel's
    assert f"<b>{figure}</b>" in popup and level in popup
    assert 'data-ba-action="details"' in popup and button in popup
    assert "url(#ba-hatch-" in popup  # the swatch is hatched like the district figure
    lines = re.findall(r'class="ba-pc-line"', popup)
    assert 1 <= len(lines) <= 3
    risk = "Nguy cơ sạt lở" if lang == "vi" else "Landslide"
    assert risk in popup
    assert all(len(re.sub(r"<[^>]+>", "", p)) < 260 for p in popups.values())


def test_fit_codes_reach_the_script_and_only_when_given(display):
    codes = set(display.loc[display["former_district"] == "Hướng Hóa", "code"])
    group = webmap.communes_layer(communes=display, indicator="density", fit_codes=codes)
    m = webmap.base_map(bounds=webmap.bounds_of(display), basemap="none")
    group.add_to(m)
    page_html = webmap.map_html(m)
    found = re.search(r"BorderAtlas\.fitOnAdd\(\s*\w+,\s*(\[\[.*?\]\]),\s*(\"[^\"]*\")", page_html)
    bounds, key = json.loads(found.group(1)), json.loads(found.group(2))
    assert key == ",".join(sorted(codes))
    west, south, east, north = display[display["code"].isin(codes)].total_bounds
    assert np.allclose(bounds, [[south, west], [north, east]])
    plain = webmap.communes_layer(communes=display, indicator="density")
    m = webmap.base_map(bounds=webmap.bounds_of(display), basemap="none")
    plain.add_to(m)
    assert "fitOnAdd" not in webmap.map_html(m)
    unknown = webmap.communes_layer(communes=display, indicator="density", fit_codes={"x"})
    assert not any(type(c).__name__ == "FitView" for c in unknown._children.values())


@pytest.mark.parametrize(
    ("lang", "number", "count"), [("vi", "20,2 – 25,1", "1 xã"), ("en", "20.2 – 25.1", "1 commune")]
)
def test_legend_numbers_follow_the_language(display, view, lang, number, count):
    frame = display.copy()
    for column in ("poverty_rate_pct_year", "poverty_rate_pct_level"):
        frame[column] = view[column].to_numpy()
    legend = _legend(
        webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none", lang=lang)
    )
    assert number in legend
    assert f": {count} ·" in legend  # one commune-level figure, counted in words of lang
    title = re.search(
        r"BorderAtlas\.legend\([^;]*?\"title\":\s*(\"[^\"]*\")",
        webmap.map_html(
            webmap.build_map(communes=frame, indicator="poverty_rate_pct", basemap="none")
        ),
        flags=re.S,
    )
    assert json.loads(title.group(1)) == "Tỷ lệ hộ nghèo (%)"


def _cached(url: str) -> object:
    return json.loads(assets.vendor_path(url).read_text(encoding="utf-8"))


def test_on_a_page_a_filter_change_sends_styles_not_shapes_or_texts(display, overlays):
    """By URL (the page's way), the rerun scripts carry the files' URLs and one style index a
    commune; shapes, popups and overlay features are in files the browser fetches once."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    drawings = {
        key: webmap.prepare_overlay(layer, kind=key, by_url=True) for key, layer in overlays.items()
    }
    shapes = webmap.commune_shapes(display, by_url=True)

    def rerun(highlight):
        m = webmap.base_map(bounds=webmap.bounds_of(display), overlays=drawings)
        group = webmap.communes_layer(
            communes=display,
            indicator="poverty_rate_pct",
            highlight_codes=highlight,
            by_url=True,
            shapes=shapes,
        )
        m.get_root().render()
        return _get_map_string(m), _get_feature_group_string(group, map=m)

    base_1, group_1 = rerun(None)
    base_2, group_2 = rerun(set(display["code"][:3]))
    assert base_1 == base_2
    (shapes_1, texts_1, _, index_1, _), (shapes_2, texts_2, styles_2, index_2, _) = (
        calls(group_1, "communes", 5)[0],
        calls(group_2, "communes", 5)[0],
    )
    assert shapes_1 == shapes_2 == json.loads(shapes)  # the same file: fetched once
    assert texts_1 == texts_2  # the popups do not change with a filter
    assert index_1 != index_2 and len(index_2) == len(display)
    assert sum(style["opacity"] == 0.3 for style in (styles_2[i] for i in index_2)) == 24
    # Nothing of the shapes or the popups is in the scripts a rerun sends.
    name = display["name"].iloc[0]
    assert name not in group_2 and name not in base_2
    assert len(group_2.encode()) < 8_000 and len(base_2.encode()) < 20_000
    files = _cached(shapes_2)
    assert [feature["c"] for feature in files] == list(display["code"].astype(str))
    assert name in json.dumps(_cached(texts_2), ensure_ascii=False)
    gates = calls(base_2, "geoLayer", 3)
    assert all(
        isinstance(data, str) and data.startswith("/app/static/cache/overlay-")
        for data, _, _ in gates
    )
    assert len(gates) == len(overlays)


def test_cache_files_are_named_by_their_content(display):
    """Same content, same URL (browsers keep it); different content, a new URL."""
    first = webmap.commune_shapes(display, by_url=True)
    again = webmap.commune_shapes(display, by_url=True)
    other = webmap.commune_shapes(display.iloc[:3], by_url=True)
    assert first == again != other


def test_an_overlay_holding_surveyed_positions_never_goes_to_a_file_served_by_url() -> None:
    """A cache file under /app/static/cache can be fetched by anyone who knows its URL: a
    markers overlay with a surveyed position stays inline; without one it goes by URL."""
    markers = gpd.GeoDataFrame(
        {"name": ["Mốc 336", "Mốc 1987"], "precision": ["inside_commune", "surveyed"]},
        geometry=[shapely.Point(104.9, 20.3), shapely.Point(104.612345, 20.301234)],
        crs=4326,
    )
    inline = webmap.prepare_overlay(markers, kind="markers", lang="en", by_url=True)
    assert inline.data.startswith("[") and "20.30123" in inline.data
    public = webmap.prepare_overlay(markers.iloc[:1], kind="markers", lang="en", by_url=True)
    assert public.data.startswith('"/app/static/cache/overlay-markers-')
    assert "20.30123" not in assets.vendor_path(public.data.strip('"')).read_text("utf-8")
