"""The offline basemap on a Folium map: files made once from the bundle, drawn by the browser.

:func:`basemap_files` makes, once per process and data directory, the relief picture
(:func:`geo.terrain.relief_image` over :func:`layers.basemap.area_box`) and the vector JSON
(:func:`layers.basemap.vector_basemap`), and writes them into ``static/cache/`` under names
carrying their content's digest (:func:`ui.assets.cache_file`). Streamlit serves them at
``/app/static/cache/...`` (checked: a file written after start-up is served, WebP as
``image/webp``, JSON as ``application/json``), so the browser fetches them by URL and caches
them; they never travel inside a rerun's HTML.

:class:`OfflineBasemap` is the Folium element that draws them with ``static/atlas/basemap.js``
(loaded by URL through its ``default_js``, after Leaflet). With ``standby=True`` it stays
hidden behind the tile layer the user chose and takes over at once when the browser is
offline or the first tile fails, with a notice inside the map.

Examples
--------
>>> files = basemap_files()
>>> files.relief_url.startswith("/app/static/cache/relief-"), files.vector_url.endswith(".json")
(True, True)
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from folium.elements import JSCSSMixin
from folium.template import Template

from geo.catalogue import Catalogue
from geo.errors import DataFileError
from geo.terrain import ReliefImage, relief_image
from i18n.messages import Lang
from layers import build_cache
from layers.basemap import area_box, basemap_json, basemap_options, vector_basemap
from ui import assets
from ui.webmap.elements import ScriptElement
from ui.webmap.encoding import script_json


@dataclass(frozen=True)
class BasemapFiles:
    """The offline basemap's files as the browser fetches them (``None``: not available).

    ``relief_bounds`` is ``((south, west), (north, east))``; the sizes are in bytes and
    ``seconds`` is how long making them took (for the benchmark).
    """

    relief_url: str | None
    relief_bounds: tuple[tuple[float, float], tuple[float, float]] | None
    relief_size: tuple[int, int] | None
    relief_bytes: int
    vector_url: str | None
    vector_bytes: int
    label_counts: dict[str, int]
    seconds: float

    @property
    def available(self) -> bool:
        """Whether there is anything to draw."""
        return self.relief_url is not None or self.vector_url is not None


_LOCK = threading.Lock()
_MADE: dict[Path, BasemapFiles] = {}


def make_basemap_files(*, catalogue: Catalogue) -> BasemapFiles:
    """Make the relief picture and the vector JSON now and write them to ``static/cache/``.

    A part whose input is missing or altered is left out (its URL is ``None``): the rest of
    the basemap still draws, and the data page names the problem.
    """
    started = time.perf_counter()
    relief_url = relief_bounds = relief_size = None
    relief_bytes = vector_bytes = 0
    vector_url = None
    counts: dict[str, int] = {}
    try:
        box = area_box(catalogue=catalogue)
    except (DataFileError, OSError):
        box = None
    if box is not None:
        try:
            relief = build_cache.load_or_make(
                "relief",
                catalogue=catalogue,
                make=lambda: relief_image(catalogue=catalogue, box=box),
                kind=ReliefImage,
            )
            relief_url = assets.cache_file(stem="relief", suffix=relief.suffix, data=relief.data)
            relief_bounds, relief_size = relief.bounds, (relief.width, relief.height)
            relief_bytes = len(relief.data)
        except DataFileError:
            pass
        try:
            data = build_cache.load_or_make(
                "vector_basemap",
                catalogue=catalogue,
                make=lambda: vector_basemap(catalogue=catalogue, box=box),
                kind=dict,
            )
            payload = basemap_json(data)
            vector_url = assets.cache_file(stem="basemap", suffix="json", data=payload)
            vector_bytes = len(payload)
            for label in data["labels"]:
                counts[label[3]] = counts.get(label[3], 0) + 1
        except (DataFileError, KeyError):
            pass
    return BasemapFiles(
        relief_url=relief_url,
        relief_bounds=relief_bounds,
        relief_size=relief_size,
        relief_bytes=relief_bytes,
        vector_url=vector_url,
        vector_bytes=vector_bytes,
        label_counts=counts,
        seconds=time.perf_counter() - started,
    )


def _present(files: BasemapFiles) -> bool:
    urls = [url for url in (files.relief_url, files.vector_url) if url]
    return all(assets.vendor_path(url).is_file() for url in urls)


def basemap_files(*, catalogue: Catalogue | None = None) -> BasemapFiles:
    """The offline basemap's files, made at first use in this process (then reused).

    ``catalogue`` defaults to :meth:`geo.catalogue.Catalogue.load`. Files removed from
    ``static/cache/`` while the app runs are made again.
    """
    catalogue = catalogue or Catalogue.load()
    key = Path(catalogue.data_dir).resolve()
    with _LOCK:
        files = _MADE.get(key)
        if files is None or not _present(files):
            files = make_basemap_files(catalogue=catalogue)
            _MADE[key] = files
        return files


class OfflineBasemap(JSCSSMixin, ScriptElement):
    """Draws the offline basemap on its parent map; ``standby``: only if the tiles fail."""

    default_js = [("border_atlas_basemap", assets.BASEMAP_JS)]  # noqa: RUF012
    default_css = [("border_atlas_basemap_css", assets.BASEMAP_CSS)]  # noqa: RUF012
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BorderAtlasBasemap.add({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, files: BasemapFiles, lang: Lang, standby: bool = False) -> None:
        super().__init__()
        self._name = "OfflineBasemap"
        options = basemap_options(
            relief_url=files.relief_url,
            relief_bounds=files.relief_bounds,
            vector={"url": files.vector_url} if files.vector_url else None,
            lang=lang,
            standby=standby,
        )
        self.options_json = script_json(options)
