"""Where the map's data travels: inline in the element script, or as a file fetched by URL.

What does not change with a filter (static overlays, commune shapes, the texts of a commune
layer for one indicator and language) is written once as ``static/cache/<stem>-<sha10>.json``
(:func:`ui.assets.cache_file`) and the element script carries only its URL: the browser fetches
it once and keeps it (the name changes with the content), so a rerun sends a few hundred bytes
instead of the data again. Standalone maps (a downloaded HTML file, tests) keep it inline.

Examples
--------
>>> source('[{"c":"1"}]', stem="doctest-source", by_url=False)
'[{"c":"1"}]'
>>> source('[{"c":"1"}]', stem="doctest-source", by_url=True)
'"/app/static/cache/doctest-source-aeb5ee0bc9.json"'
"""

from __future__ import annotations

from ui import assets
from ui.webmap.encoding import script_json


def source(data: str, *, stem: str, by_url: bool) -> str:
    """A script expression for the JSON text ``data``: ``data`` itself, or (``by_url``) the
    quoted URL of a cache file holding it (same bytes, same name: written once)."""
    if not by_url:
        return data
    return script_json(assets.cache_file(stem=stem, suffix="json", data=data.encode("utf-8")))
