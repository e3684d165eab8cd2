"""What a filter change sends, and how fast the map is drawn, at area, province and national scale.

For three commune layers, built the way the map page builds them:

* the 27 communes of the three areas (the page's own layer, coloured by the poverty rate);
* the 374 units of the three provinces (coloured by their computed area, the one figure the
  bundle gives for all of them);
* the 11,163 GADM communes of Vietnam (coloured by an area computed here from the geometry;
  for the benchmark only: ``communes_gadm_vietnam`` in the catalogue),

it prints, for the old way (everything inline in the map's scripts, as before issue 13) and the
new way (shapes and texts in files fetched once by URL, styles inline: ``by_url=True``):

* bytes of the commune group script a filter change sends (raw, and deflated as the websocket's
  ``permessage-deflate`` would send it), and of the base map script (sent on every rerun);
* bytes of the files fetched once (shapes, texts);
* server milliseconds to build one filter change (base map + commune group, rendered);
* in headless Chromium (outside requests blocked): milliseconds from navigation to the
  communes drawn (``data-ba-drawn`` on the map), and from a filter change (the new group
  script evaluated in the page, as ``st_folium`` does) to the communes drawn again.

Run with ``make bench`` or ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python
bench/bench_scale.py [--runs 3] [--only 27,374,11163]``. Needs ``make assets`` and Chromium.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_map import serve
from geo.catalogue import Catalogue
from geo.vocabulary import METRIC_CRS
from ui import assets, webmap
from ui.assets import CHROMIUM, CHROMIUM_ARGS

DRAWN = """(n) => {
  const map = document.querySelector('.leaflet-container');
  return map && Number(map.getAttribute('data-ba-drawn') || 0) >= n;
}"""


def _layers(catalogue: Catalogue, only: set[str]) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
    """Display-ready layers by name, with the column each is coloured by."""
    from layers import commune_view as model
    from layers.registry import build_atlas

    found: dict[str, tuple[gpd.GeoDataFrame, str]] = {}
    if "27" in only:
        view = model.commune_view(build_atlas(catalogue=catalogue), edition="2025")
        columns = ["code", "name", "former_district", "province", "poverty_rate_pct"]
        columns += [c for c in view.columns if c.startswith("poverty_rate_pct_")]
        frame = webmap.prepare_display_geometries(view, columns=columns)
        found["27 communes"] = (frame, "poverty_rate_pct")
    if "374" in only:
        units = gpd.read_file(catalogue.path("units_2025_provinces"))
        units = units.rename(columns={"area_km2_computed": "area_km2"})
        frame = webmap.prepare_display_geometries(
            units, columns=["code", "name", "province", "area_km2"]
        )
        found["374 units"] = (frame, "area_km2")
    if "11163" in only:
        gadm = gpd.read_file(f"zip://{catalogue.path('communes_gadm_vietnam')}")
        gadm = gadm.rename(columns={"GID_3": "code", "NAME_3": "name", "NAME_1": "province"})
        gadm["area_km2"] = gadm.to_crs(METRIC_CRS).area / 1e6
        frame = webmap.prepare_display_geometries(
            gadm[["code", "name", "province", "area_km2", "geometry"]],
            columns=["code", "name", "province", "area_km2"],
        )
        found["11,163 communes"] = (frame, "area_km2")
    return found


def _filters(frame: gpd.GeoDataFrame, column: str) -> list[set[str] | None]:
    values = frame[column]
    return [
        None,
        set(frame.loc[values >= values.median(), "code"]),
        set(frame.loc[values >= values.quantile(0.9), "code"]),
    ]


def _median_ms(function: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _deflated(text: str) -> int:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return len(packer.compress(text.encode()) + packer.flush(zlib.Z_SYNC_FLUSH))


def _rerun(frame, column, highlight, *, by_url: bool, shapes: str | None, bounds, zones):
    """One rerun of the map page: the base map and the commune group, as st_folium sends them."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    m = webmap.base_map(bounds=bounds, basemap="none", zones=zones)
    group = webmap.communes_layer(
        communes=frame, indicator=column, highlight_codes=highlight, by_url=by_url, shapes=shapes
    )
    m.get_root().render()
    return _get_map_string(m), _get_feature_group_string(group, map=m)


def _url_bytes(script: str) -> int:
    """Bytes of the files a script refers to under /app/static/cache/."""
    import re

    urls = set(re.findall(r'"(/app/static/cache/[^"]+)"', script))
    return sum(assets.vendor_path(url).stat().st_size for url in urls)


def _browser_ms(page_html: str, *, next_group: str, root: Path, runs: int) -> tuple[float, float]:
    """(navigation → drawn, filter change → drawn) in Chromium, medians over ``runs``."""
    from playwright.sync_api import sync_playwright

    (root / "map.html").write_text(page_html, encoding="utf-8")
    server = serve(root)
    url = f"http://127.0.0.1:{server.server_port}/map.html"
    first, change = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.route("**/*", _local_only)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url, wait_until="commit")
                page.wait_for_function(DRAWN, arg=1, timeout=180_000, polling=20)
                first.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                page.evaluate("(s) => { window.__old.remove(); (0, eval)(s); }", next_group)
                page.wait_for_function(DRAWN, arg=2, timeout=180_000, polling=20)
                change.append((time.perf_counter() - start) * 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return statistics.median(first), statistics.median(change)


def _local_only(route) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


def _standalone(frame, column, *, by_url: bool, shapes: str | None, bounds) -> str:
    """The page a browser receives with no filter."""
    m = webmap.base_map(bounds=bounds, basemap="none")
    group = webmap.communes_layer(communes=frame, indicator=column, by_url=by_url, shapes=shapes)
    group.add_to(m)
    page = m.get_root().render()
    # Folium's scripts are modules: expose the map and the group as st_folium's frontend has them.
    page = page.replace(f"var {m.get_name()} = ", f"var {m.get_name()} = window.map_div = ", 1)
    page = page.replace(
        f"var {group.get_name()} = ", f"var {group.get_name()} = window.__old = ", 1
    )
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="27,374,11163")
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    warnings.simplefilter("ignore")
    catalogue = Catalogue.load()
    layers = _layers(catalogue, set(options.only.split(",")))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "app").mkdir()
        (root / "app" / "static").symlink_to(assets.STATIC_DIR)
        for name, (frame, column) in layers.items():
            bounds, zones = webmap.bounds_of(frame), ()
            run = functools.partial(_rerun, frame, column, bounds=bounds, zones=zones)
            shapes = webmap.commune_shapes(frame, by_url=True)
            filters = _filters(frame, column)
            print(f"\n## {name} (coloured by {column})")
            print(
                f"{'':10} {'group raw':>12} {'deflated':>10} {'base map':>10} "
                f"{'files once':>11} {'server ms':>10} {'drawn ms':>9} {'change ms':>10}"
            )
            for label, by_url in (("inline", False), ("by URL", True)):
                given = shapes if by_url else None
                ms, (base, group_script) = _median_ms(
                    functools.partial(run, filters[1], by_url=by_url, shapes=given), options.runs
                )
                files = _url_bytes(group_script) if by_url else 0
                drawn = change = float("nan")
                if not options.no_browser:
                    page_html = _standalone(
                        frame, column, by_url=by_url, shapes=given, bounds=bounds
                    )
                    drawn, change = _browser_ms(
                        page_html,
                        next_group=group_script,
                        root=root,
                        runs=options.runs,
                    )
                print(
                    f"{label:10} {len(group_script.encode()):>12,} "
                    f"{_deflated(group_script):>10,} {len(base.encode()):>10,} {files:>11,} "
                    f"{ms:>10.0f} {drawn:>9.0f} {change:>10.0f}"
                )
            print(
                f"features: {len(frame):,}; styles per filter change: "
                f"{len(np.unique([str(f) for f in filters]))} filters tried"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
