"""Folium elements of the map: the map itself, and the calls into the ``BorderAtlas`` runtime.

The runtime (``static/atlas/webmap.js``) and its stylesheet are loaded by URL, after Leaflet,
through :class:`OfflineMap`'s ``default_js`` / ``default_css``: the browser caches them, and
``st_folium`` passes them on as script and stylesheet links. The element scripts below only
call ``BorderAtlas`` with data written by Python (:func:`ui.webmap.encoding.script_json`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from geo.crs import proj4_definition
from geo.display import Vn2000Zone
from i18n.messages import Lang, message
from ui import assets
from ui.webmap.encoding import script_json

PANES = {"zones": 420, "lines": 440, "points": 460}
"""Leaflet panes (``ba-<name>``) and their z-index: risk zones under lines under points."""


class _Text(Element):
    """Rendered script text, added to the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A ``MacroElement`` whose rendered script goes into the page as text.

    branca wraps each element's rendered script in a new ``Element(text)``, which compiles it
    as a Jinja template once more: on a rerun that was most of the map's server time (148
    templates compiled per view). These elements render their ``script`` macro only, once.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a Figure")
        script = self._template.module.__dict__.get("script")
        if script is not None:
            figure.script.add_child(_Text(script(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class OfflineMap(folium.Map):
    """A ``folium.Map`` that loads Leaflet and the map's runtime from the app.

    No jQuery, Bootstrap or Font Awesome: nothing but these files is loaded.
    """

    default_js = [  # noqa: RUF012  (folium's own class lists)
        ("leaflet", assets.LEAFLET_JS),
        ("border_atlas", assets.ATLAS_JS),
    ]
    default_css = [  # noqa: RUF012
        ("leaflet_css", assets.LEAFLET_CSS),
        ("border_atlas_css", assets.ATLAS_CSS),
    ]


class Runtime(ScriptElement):
    """Starts the runtime on the map: panes, cursor readout (WGS 84 / VN-2000), distance tool,
    the words of the legend and the fitting of popups into the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BorderAtlas.init({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, zones: Sequence[Vn2000Zone], lang: Lang) -> None:
        super().__init__()
        self._name = "BorderAtlasRuntime"
        options = {
            "panes": {f"ba-{name}": z for name, z in PANES.items()},
            "zones": [
                {
                    "epsg": z.epsg,
                    "def": proj4_definition(z.epsg),
                    "bbox": list(z.bbox),
                    "label": f"VN-2000 {z.province} (EPSG:{z.epsg})",
                }
                for z in zones
            ],
            "hint": message("map.cursor", lang),
            "proj4": assets.PROJ4_JS,
            "measure": message("map.measure", lang),
            "legend": {
                "title": message("legend.title", lang),
                "toggle": message("legend.toggle", lang),
                "layers": message("legend.layers", lang),
            },
        }
        self.options_json = script_json(options)


class GeoLayer(ScriptElement):
    """Features drawn by ``BorderAtlas.geoLayer``: per-feature style index, tooltip, popup.

    ``data`` is a script expression: the features' JSON itself, or the quoted URL of a file
    holding it (:func:`ui.webmap.sources.source`), which the browser fetches once and keeps.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = BorderAtlas.geoLayer(
            {{ this.data }}, {{ this.styles }}, {{ this.options_json }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, *, data: str, styles: Sequence[Mapping[str, Any]], options: Mapping[str, Any]
    ) -> None:
        super().__init__()
        self._name = "GeoLayer"
        self.data = data
        self.styles = script_json(list(styles))
        self.options_json = script_json(dict(options))


class Legend(ScriptElement):
    """The commune part of the map's legend, there while the feature group holding it is.

    The runtime keeps one legend per map (header with ``title``, collapsible); this element
    only sets and clears the commune part, so the open/closed choice survives the swap of the
    commune group on a rerun.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = BorderAtlas.legend(
            {{ this.html_json }}, {{ this.colors }}, {{ this.options_json }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, html_text: str, hatch_colors: Sequence[str], title: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = script_json(html_text)
        self.colors = script_json(list(hatch_colors))
        self.options_json = script_json({"title": title})


class LegendEntry(ScriptElement):
    """An overlay's legend entry, shown while the overlay (the parent group) is on the map.

    ``key`` names the entry (entries with the same key are shown once: the approximate-position
    ring of gates, markers and sites); ``order`` sorts the entries; ``body`` is trusted HTML
    (:func:`ui.webmap.legend.entry_html`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BorderAtlas.legendEntry({{ this._parent.get_name() }}, {{ this.entry_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, key: str, order: int, body: str) -> None:
        super().__init__()
        self._name = "LegendEntry"
        self.entry_json = script_json({"key": key, "order": order, "body": body})


class FitView(ScriptElement):
    """Fits the map to ``bounds`` when the parent group is added, unless ``key`` (the set of
    communes) was the last one fitted (``BorderAtlas.fitOnAdd``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BorderAtlas.fitOnAdd({{ this._parent.get_name() }}, {{ this.bounds_json }},
            {{ this.key_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self, *, bounds: tuple[tuple[float, float], tuple[float, float]], key: str
    ) -> None:
        super().__init__()
        self._name = "FitView"
        self.bounds_json = script_json([list(bounds[0]), list(bounds[1])])
        self.key_json = script_json(key)


class CommuneLayer(ScriptElement):
    """The communes drawn by ``BorderAtlas.communes``: ``shapes`` (code and geometry) and
    ``texts`` (code → tooltip and popup) are script expressions, inline JSON or a quoted URL
    (:func:`ui.webmap.sources.source`); ``styles`` and each shape's style index (``index``, in
    the order of the shapes) are what a filter changes, and always travel inline."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = BorderAtlas.communes(
            {{ this.shapes }}, {{ this.texts }}, {{ this.styles }}, {{ this.index }},
            {{ this.options_json }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        shapes: str,
        texts: str,
        styles: Sequence[Mapping[str, Any]],
        index: Sequence[int],
        options: Mapping[str, Any],
    ) -> None:
        super().__init__()
        self._name = "CommuneLayer"
        self.shapes = shapes
        self.texts = texts
        self.styles = script_json(list(styles))
        self.index = script_json([int(i) for i in index])
        self.options_json = script_json(dict(options))


class Labels(ScriptElement):
    """Permanent names on the map (``BorderAtlas.labels``): not clickable, no tooltip; each
    ``(lat, lon, text)``, the text escaped here. ``attribution`` shows while the parent layer
    is on. One element for all of them (one ``folium.Marker`` each cost a template apiece)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BorderAtlas.labels({{ this._parent.get_name() }}, {{ this.labels_json }},
            {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self, *, labels: Sequence[tuple[float, float, str]], class_name: str, attribution: str
    ) -> None:
        super().__init__()
        self._name = "Labels"
        self.labels_json = script_json(
            [[lat, lon, f"<i>{html.escape(text)}</i>"] for lat, lon, text in labels]
        )
        self.options_json = script_json(
            {"className": class_name, "attribution": html.escape(attribution)}
        )
