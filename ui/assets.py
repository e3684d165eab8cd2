"""The browser files the web map loads, served by the app itself so the map works offline.

The map's own script and stylesheet (``static/atlas/``) are committed with the code; their URLs
carry a digest of their content (``?v=...``) so browsers cache them and still fetch a new copy
after an update.

Leaflet and proj4 come from the npm registry at install time (pinned in ``package-lock.json``)
and ``scripts/install_assets.sh`` copies them into ``static/vendor/``, which git ignores.
Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing`` in
``.streamlit/config.toml``), so the map refers to them by the URLs below. Nothing the map needs
comes from a CDN; only basemap tiles are fetched from outside, and the map works without them.

Install the files with::

    npm ci --no-audit --no-fund && bash scripts/install_assets.sh

Examples
--------
>>> LEAFLET_JS
'/app/static/vendor/leaflet/leaflet.js'
>>> vendor_path(LEAFLET_JS).name
'leaflet.js'
>>> ATLAS_JS.startswith("/app/static/atlas/webmap.js?v="), vendor_path(ATLAS_JS).name
(True, 'webmap.js')
>>> external_urls('<script src="https://cdn.example/x.js"></script><script src="/a.js"></script>')
['https://cdn.example/x.js']
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
from pathlib import Path

from geo.settings import PROJECT_DIR

STATIC_URL = "/app/static"
"""Where Streamlit serves the project's ``static/`` directory."""
VENDOR_URL = f"{STATIC_URL}/vendor"
STATIC_DIR = PROJECT_DIR / "static"
"""Served by Streamlit at ``/app/static/`` (``server.enableStaticServing``)."""
VENDOR_DIR = STATIC_DIR / "vendor"
"""Filled by ``scripts/install_assets.sh``; never committed."""

LEAFLET_JS = f"{VENDOR_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{VENDOR_URL}/leaflet/leaflet.css"
PROJ4_JS = f"{VENDOR_URL}/proj4/proj4.js"

REQUIRED_URLS: tuple[str, ...] = (LEAFLET_JS, LEAFLET_CSS, PROJ4_JS)
"""Every vendor file a map built by :mod:`ui.webmap` refers to."""


def _versioned(relative: str) -> str:
    path = STATIC_DIR / relative
    url = f"{STATIC_URL}/{relative}"
    if not path.is_file():
        return url
    return f"{url}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:10]}"


ATLAS_JS = _versioned("atlas/webmap.js")
"""The map's runtime (``BorderAtlas``): loaded after Leaflet, before the map's scripts."""
ATLAS_CSS = _versioned("atlas/webmap.css")
BASEMAP_JS = _versioned("atlas/basemap.js")
"""The offline basemap's drawing (``BorderAtlasBasemap``): relief, rivers, roads, labels."""
BASEMAP_CSS = _versioned("atlas/basemap.css")

CACHE_DIR = STATIC_DIR / "cache"
"""Files the app makes from the bundle at first use (git-ignored); served like the rest."""
CACHE_URL = f"{STATIC_URL}/cache"

INSTALL_HINT = (
    "run `npm ci --no-audit --no-fund && bash scripts/install_assets.sh` (or `make assets`)"
)

_TAG_URL = re.compile(
    r"<(?:script|link|img|iframe|source|embed)\b[^>]*?\b(?:src|href)\s*=\s*[\"']"
    r"((?:https?:)?//[^\"']+)[\"']",
    flags=re.IGNORECASE,
)
_CSS_URL = re.compile(r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)


def cache_file(*, stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` once as ``static/cache/<stem>-<sha10>.<suffix>``; return its URL.

    The name carries a digest of the content, so a browser may cache the file for good and a
    changed bundle gives a new name. An existing file of that name is left as it is (another
    process or an earlier run wrote the same bytes); a new one is written to a temporary name
    and renamed, so a reader never sees half a file.

    Examples
    --------
    >>> url = cache_file(stem="doctest", suffix="txt", data=b"same bytes")
    >>> url
    '/app/static/cache/doctest-58100dc8fc.txt'
    >>> cache_file(stem="doctest", suffix="txt", data=b"same bytes") == url
    True
    >>> vendor_path(url).read_bytes()
    b'same bytes'
    """
    digest = hashlib.sha256(data).hexdigest()[:10]
    name = f"{stem}-{digest}.{suffix}"
    path = CACHE_DIR / name
    if not path.is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{name}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
    return f"{CACHE_URL}/{name}"


def vendor_path(url: str) -> Path:
    """Return the file behind an ``/app/static/...`` URL (its ``?v=`` query ignored).

    Raises
    ------
    ValueError
        When ``url`` is not under ``/app/static/``.
    """
    prefix = STATIC_URL + "/"
    if not url.startswith(prefix):
        raise ValueError(f"'{url}' is not served from {prefix}")
    return STATIC_DIR / url.removeprefix(prefix).split("?", 1)[0]


def missing_assets() -> list[Path]:
    """Return the vendor files that are not installed (empty when the map can load).

    Examples
    --------
    >>> isinstance(missing_assets(), list)
    True
    """
    paths = [vendor_path(url) for url in REQUIRED_URLS]
    paths.append(VENDOR_DIR / "leaflet" / "images" / "layers.png")
    return [path for path in paths if not path.is_file()]


def external_urls(html: str) -> list[str]:
    """Return the off-site URLs that ``html`` loads as scripts, stylesheets, images or frames.

    Tile URL templates inside scripts are not loads of the page itself and are not listed.
    """
    found = _TAG_URL.findall(html) + _CSS_URL.findall(html)
    return list(dict.fromkeys(found))


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium, which the browser tests and the map benchmark drive through Playwright."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
"""Headless flags: without the networking ones Chromium calls Google's hosts at start."""
