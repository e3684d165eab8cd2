"""The files :mod:`planner.fieldpack` inlines into the pack's ``map.html``.

Leaflet (from the directory the caller passes), fflate (the zip writer the "Export" button
uses, from ``<vendor>/fflate``), the app's offline basemap script and style, and the map's own
scripts and styles in ``templates/``: ``fieldpack_map.js``/``.css`` (the map, the key, "my
position") and ``fieldpack_observe.js``/``.css`` (recording observations offline). Everything
is read as text and checked so that no closing tag can end its ``<script>``/``<style>`` early.

Examples
--------
>>> js_literal({"name": "</script>"})
'{"name":"\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.errors import DataFileError
from geo.settings import PROJECT_DIR

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
MAP_JS = "fieldpack_map.js"
MAP_CSS = "fieldpack_map.css"
OBSERVE_JS = "fieldpack_observe.js"
OBSERVE_CSS = "fieldpack_observe.css"
BASEMAP_DIR = PROJECT_DIR / "static" / "atlas"
"""Where the app's offline basemap script and style live (shared with the web map)."""


def js_literal(value: Any) -> str:
    """JSON safe to put inside a ``<script>`` block.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no ``</script>``
    or ``<!--`` can appear) and U+2028/2029 are escaped; the value parses back unchanged.

    Examples
    --------
    >>> json.loads(js_literal(["a & b", "<!--"])) == ["a & b", "<!--"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline(text: str, tag: str, origin: Path | str) -> str:
    """``text`` to be inlined in a ``<tag>`` block; a closing tag inside would end it early.

    Examples
    --------
    >>> _inline("var a = 1;", "script", "a.js")
    'var a = 1;'
    """
    if f"</{tag}" in text.lower():
        raise DataFileError(f"{origin} holds '</{tag}': it cannot be inlined in map.html.")
    return text


def _read_script(js_path: Path) -> str:
    """A script to be inlined, without source-map comments (browsers' dev tools would fetch a
    file that is not there)."""
    js = js_path.read_text(encoding="utf-8")
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL"))
    return _inline(js, "script", js_path.name)


def compact(text: str) -> str:
    """``text`` without the indentation of its lines, blank lines and whole-line comments.

    Only for the project's own scripts and styles, which hold no template literal and no
    string running over several lines (so a line's leading blanks never matter, and a line
    starting with ``/*`` starts a comment). A comment is dropped only when it takes whole lines
    (it starts a line and its ``*/`` ends one); anything else is kept as it is.

    Examples
    --------
    >>> compact("/* a\\n   note */\\na {\\n    color: red; /* kept */\\n\\n}\\n").splitlines()
    ['a {', 'color: red; /* kept */', '}']
    """
    lines = [line.strip(" \t") for line in text.splitlines()]
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("/*"):
            end = next((j for j in range(i, len(lines)) if "*/" in lines[j]), None)
            whole = end is not None and lines[end].endswith("*/") and lines[end].count("*/") == 1
            if whole and (end > i or lines[i].count("/*") == 1):
                i = end + 1
                continue
        if lines[i]:
            out.append(lines[i])
        i += 1
    return "\n".join(out)


def _inline_files(js_path: Path, css_path: Path, *, own: bool = False) -> tuple[str, str]:
    """A script and a style sheet, read to be inlined in ``map.html`` (``own``: compacted)."""
    js, css = (
        _read_script(js_path),
        _inline(css_path.read_text(encoding="utf-8"), "style", css_path.name),
    )
    if own:
        if "`" in js:
            raise DataFileError(f"{js_path.name} holds a template literal: it cannot be compacted.")
        js, css = compact(js), compact(css)
    return js, css


def _read_leaflet(directory: Path) -> tuple[str, str]:
    js_path, css_path = directory / "leaflet.js", directory / "leaflet.css"
    missing = [str(p) for p in (js_path, css_path) if not p.is_file()]
    if missing:
        raise DataFileError(
            f"Leaflet is not installed: missing {', '.join(missing)}. Run `make assets` "
            "(it installs Leaflet from npm)."
        )
    return _inline_files(js_path, css_path)


def read_fflate(directory: Path) -> str:
    """fflate's UMD build (``fflate.js`` in ``directory``: it defines ``window.fflate``).

    Raises
    ------
    DataFileError
        When ``fflate.js`` is not there.

    Examples
    --------
    >>> "zipSync" in read_fflate(PROJECT_DIR / "static" / "vendor" / "fflate")
    True
    """
    path = Path(directory) / "fflate.js"
    if not path.is_file():
        raise DataFileError(
            f"fflate is not installed: missing {path}. Run `make assets` (it installs fflate "
            "from npm)."
        )
    return _read_script(path)


def map_assets() -> tuple[str, str]:
    """The map's own script and style sheet (``templates/fieldpack_map.js`` and ``.css``).

    Examples
    --------
    >>> js, css = map_assets()
    >>> "navigator.geolocation" in js and ".fp-stop" in css
    True
    """
    return _inline_files(TEMPLATE_DIR / MAP_JS, TEMPLATE_DIR / MAP_CSS, own=True)


def observe_assets() -> tuple[str, str]:
    """The recording form's script and style (``templates/fieldpack_observe.js`` and ``.css``).

    Examples
    --------
    >>> js, css = observe_assets()
    >>> "indexedDB" in js and "#fp-obs" in css
    True
    """
    return _inline_files(TEMPLATE_DIR / OBSERVE_JS, TEMPLATE_DIR / OBSERVE_CSS, own=True)


def basemap_assets() -> tuple[str, str]:
    """The offline basemap's script and style sheet (``static/atlas/basemap.js`` and ``.css``).

    Examples
    --------
    >>> js, css = basemap_assets()
    >>> "BorderAtlasBasemap" in js and ".ba-bm-label" in css
    True
    """
    return _inline_files(BASEMAP_DIR / "basemap.js", BASEMAP_DIR / "basemap.css", own=True)
