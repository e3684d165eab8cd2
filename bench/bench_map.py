"""Benchmark of the web map against a naive ``GeoDataFrame.explore()`` baseline.

For (a) the 27 communes of the three areas and (b) the 374 units of the three provinces it
prints, side by side: bytes of HTML sent to the browser, Python time to build the map, and the
time until every polygon is drawn in headless Chromium. Then the server time of a styling-only
change (new filter → new commune group, as ``st_folium`` does on a rerun) for the three areas.

Run with ``make bench`` or ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python
bench/bench_map.py``. Needs the vendor files (``make assets``) and Debian's Chromium.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import geopandas as gpd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.catalogue import Catalogue
from ui import assets, webmap
from ui.assets import CHROMIUM, CHROMIUM_ARGS

RUNS = 3
INDICATOR = "population_2025"
NETWORKS: dict[str, dict | None] = {
    "loopback": None,
    # A field connection: 4 Mbit/s down, 1 Mbit/s up, 100 ms round trip.
    "4 Mbit/s, 100 ms": {
        "latency": 100,
        "downloadThroughput": 4_000_000 / 8,
        "uploadThroughput": 1_000_000 / 8,
    },
}

# Records, in the page's own clock, when N paths are in the overlay pane and painted.
DRAW_PROBE = """
(() => {
  const want = %d;
  window.__drawnAt = null;
  const check = () => {
    if (window.__drawnAt !== null) return;
    const pane = document.querySelector('.leaflet-overlay-pane');
    if (pane && pane.querySelectorAll('path').length >= want) {
      window.__drawnAt = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.__drawnAt = performance.now();
      }));
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""

_CDN_LEAFLET_JS = re.compile(r"https://cdn\.jsdelivr\.net/npm/leaflet@[\d.]+/dist/leaflet\.js")
_CDN_LEAFLET_CSS = re.compile(r"https://cdn\.jsdelivr\.net/npm/leaflet@[\d.]+/dist/leaflet\.css")
_OTHER_CDN_TAG = re.compile(
    r'<script src="https?://[^"]+"></script>|<link rel="stylesheet" href="https?://[^"]+"/>'
)


def localise_baseline(page_html: str) -> tuple[str, int]:
    """Point the baseline's Leaflet at the local copy; drop the CDN files we have no copy of.

    Returns the page and how many tags were dropped (jQuery, Bootstrap, Font Awesome...).
    """
    page_html = _CDN_LEAFLET_JS.sub(assets.LEAFLET_JS, page_html)
    page_html = _CDN_LEAFLET_CSS.sub(assets.LEAFLET_CSS, page_html)
    dropped = len(_OTHER_CDN_TAG.findall(page_html))
    return _OTHER_CDN_TAG.sub("", page_html), dropped


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def draw_ms(browser, url: str, count: int, network: dict | None = None) -> float:
    """Milliseconds from navigation start until ``count`` paths are drawn (fresh context).

    ``network``: Chromium's network emulation (latency in ms, throughputs in bytes/s).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page = context.new_page()
        if network is not None:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        page.add_init_script(DRAW_PROBE % count)
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__drawnAt > 0", timeout=120_000, polling=50)
        return float(page.evaluate("window.__drawnAt"))
    finally:
        context.close()


def explore_available() -> bool:
    try:
        import mapclassify  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def baseline_html(frame: gpd.GeoDataFrame) -> str:
    """The naive map: ``explore()`` or, without matplotlib/mapclassify, what it emits."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if explore_available():
            m = frame.explore(column=INDICATOR, tiles=None, legend=False)
        else:
            import folium

            m = folium.Map(tiles=None)
            fields = [c for c in frame.columns if c != frame.geometry.name]
            folium.GeoJson(
                frame,
                style_function=lambda _: {"color": "#3388ff", "fillOpacity": 0.5},
                tooltip=folium.GeoJsonTooltip(fields=fields),
            ).add_to(m)
            m.fit_bounds(webmap.bounds_of(frame))
        return m.get_root().render()


def timed(function, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> int:
    missing = assets.missing_assets()
    if missing:
        print(f"vendor files missing: {[str(p) for p in missing]}; {assets.INSTALL_HINT}")
        return 1
    from playwright.sync_api import sync_playwright

    catalogue = Catalogue.load()
    cases = {
        "(a) 27 communes, three areas": gpd.read_file(catalogue.path("communes_2025")),
        "(b) 374 units, three provinces": gpd.read_file(catalogue.path("units_2025_provinces")),
    }
    workdir = Path(tempfile.mkdtemp(prefix="bench_map_"))
    (workdir / "app").mkdir()
    (workdir / "app" / "static").symlink_to(assets.STATIC_DIR)
    server = serve(workdir)
    base_url = f"http://127.0.0.1:{server.server_port}"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for number, (label, frame) in enumerate(cases.items()):
                count = int((~(frame.geometry.is_empty | frame.geometry.isna())).sum())
                prep_ms, display = timed(
                    lambda frame=frame: webmap.prepare_display_geometries(
                        frame, columns=["code", "name", "province", INDICATOR]
                    ),
                    runs=1,
                )
                ours_ms, ours_html = timed(
                    lambda display=display: webmap.map_html(
                        webmap.build_map(communes=display, indicator=INDICATOR, basemap="none")
                    )
                )
                base_ms, base_html = timed(lambda frame=frame: baseline_html(frame))
                local_html, dropped = localise_baseline(base_html)
                (workdir / f"ours_{number}.html").write_text(ours_html, encoding="utf-8")
                (workdir / f"base_{number}.html").write_text(local_html, encoding="utf-8")
                draws = {}
                for network_name, network in NETWORKS.items():
                    draws[network_name] = tuple(
                        statistics.median(
                            draw_ms(browser, f"{base_url}/{side}_{number}.html", count, network)
                            for _ in range(RUNS)
                        )
                        for side in ("ours", "base")
                    )
                rows.append(
                    (
                        label,
                        count,
                        len(ours_html.encode()),
                        len(base_html.encode()),
                        prep_ms,
                        ours_ms,
                        base_ms,
                        draws,
                        dropped,
                    )
                )
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)

    print("Web map benchmark (median of", RUNS, "runs; no basemap tiles on either side)")
    baseline = (
        "GeoDataFrame.explore(column=..., tiles=None, legend=False)"
        if explore_available()
        else "folium.GeoJson + GeoJsonTooltip of all columns (explore() needs matplotlib and "
        "mapclassify, not installed)"
    )
    print(
        f"Baseline: {baseline} on the same GeoDataFrame, full geometry.\n"
        "Its CDN Leaflet URLs are rewritten to the local vendor "
        "copy; the other CDN tags (jQuery, Bootstrap,\nFont Awesome, awesome-markers) have no "
        "local copy and are removed; all off-machine requests are aborted."
    )
    for label, count, ob, bb, prep, om, bm, draws, dropped in rows:
        print(f"\n{label}: {count} polygons")
        print(f"  {'':30}{'ours':>12}{'baseline':>12}{'ratio':>9}")
        print(f"  {'HTML bytes sent':30}{ob:>12,}{bb:>12,}{ob / bb:>9.3f}   (target <= 0.200)")
        print(f"  {'build + render (ms)':30}{om:>12.0f}{bm:>12.0f}{om / bm:>9.3f}")
        for network_name, (od, bd) in draws.items():
            name = f"drawn, {network_name} (ms)"
            print(f"  {name:30}{od:>12.0f}{bd:>12.0f}{od / bd:>9.3f}   (target <= 0.333)")
        print(f"  one-off display preparation (cached by the page): {prep:.0f} ms")
        print(f"  baseline CDN tags removed: {dropped}")

    print("\nStyling-only change, three areas (server side of one st_folium rerun):")
    for line in styling_change_report(catalogue):
        print("  " + line)
    return 0


def styling_change_report(catalogue: Catalogue) -> list[str]:
    """Time to rebuild the base map and a re-coloured commune group the way st_folium does."""
    from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

    from layers import commune_view as model
    from layers.registry import build_atlas

    atlas = build_atlas(catalogue=catalogue)
    view = model.commune_view(atlas, edition="2025")
    display = webmap.prepare_display_geometries(view)
    keys = ("border", "gates", "markers", "sites", "roads", "rivers", "risk_2025")
    overlays = webmap.prepare_overlays(
        {key: atlas.get(key) for key in keys if atlas.available(key)}
    )
    zones = webmap.vn2000_zones(display)
    bounds = webmap.bounds_of(display)
    filters = [None, set(view.loc[view["is_border"], "code"]), set(view["code"][:5])]
    hashes, sizes, times = set(), [], []
    for run in range(12):
        highlight = filters[run % len(filters)]
        start = time.perf_counter()
        m = webmap.base_map(bounds=bounds, basemap="osm", overlays=overlays, zones=zones)
        group = webmap.communes_layer(
            communes=display, indicator="poverty_rate_pct", highlight_codes=highlight
        )
        m.get_root().render()
        base_script = _get_map_string(m)
        hashes.add(generate_js_hash(base_script, "map"))
        group_script = _get_feature_group_string(group, map=m)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append((len(base_script.encode()), len(group_script.encode())))
    base_bytes, group_bytes = sizes[-1]
    return [
        f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms over {len(times)} "
        "re-colourings (target < 300 ms)",
        f"base map script {base_bytes:,} bytes, identical on every run: "
        f"{'yes' if len(hashes) == 1 else 'NO'} (the browser keeps its map)",
        f"commune group script swapped in the browser: {group_bytes:,} bytes",
    ]


if __name__ == "__main__":
    sys.exit(main())
