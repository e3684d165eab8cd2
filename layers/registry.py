"""Build every layer once, in dependency order, and keep going when an input is broken.

Examples
--------
>>> from geo.catalogue import Catalogue
>>> atlas = build_atlas(catalogue=Catalogue.load())
>>> len(atlas.get("communes_2025"))
27
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from geo.catalogue import Catalogue
from geo.errors import BorderAtlasError
from layers import border, communes, gates, indicators, lao, markers, risk, rivers, roads, sites

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LayerInfo:
    """A layer's name and the layers it is built on; its words are ``layer.<name>``."""

    name: str
    needs: tuple[str, ...] = ()


LAYERS: tuple[LayerInfo, ...] = (
    LayerInfo("communes_2024"),
    LayerInfo("communes_2025", ("communes_2024",)),
    LayerInfo("border"),
    LayerInfo("gates", ("communes_2025",)),
    LayerInfo("markers", ("communes_2025", "gates")),
    LayerInfo("indicators"),
    LayerInfo("sites", ("communes_2025", "gates")),
    LayerInfo("risk_2025", ("communes_2025",)),
    LayerInfo("risk_2024", ("communes_2024",)),
    LayerInfo("roads"),
    LayerInfo("rivers"),
    LayerInfo("lao_provinces", ("communes_2025",)),
)


_BUILDERS: dict[str, Callable[[Catalogue, dict[str, Any]], Any]] = {
    "communes_2024": lambda catalogue, built: communes.build_2024(catalogue=catalogue),
    "communes_2025": lambda catalogue, built: communes.build_2025(
        catalogue=catalogue, communes_2024=built["communes_2024"]
    ),
    "border": lambda catalogue, built: border.build(catalogue=catalogue),
    "gates": lambda catalogue, built: gates.build(
        catalogue=catalogue, communes_2025=built["communes_2025"]
    ),
    "markers": lambda catalogue, built: markers.build(
        catalogue=catalogue, communes_2025=built["communes_2025"], gates=built["gates"]
    ),
    "indicators": lambda catalogue, built: indicators.build(catalogue=catalogue),
    "sites": lambda catalogue, built: sites.build(
        catalogue=catalogue, communes_2025=built["communes_2025"], gates=built["gates"]
    ),
    "risk_2025": lambda catalogue, built: risk.build(catalogue=catalogue, edition="2025"),
    "risk_2024": lambda catalogue, built: risk.build(catalogue=catalogue, edition="2024"),
    "roads": lambda catalogue, built: roads.build(catalogue=catalogue),
    "rivers": lambda catalogue, built: rivers.build(catalogue=catalogue),
    "lao_provinces": lambda catalogue, built: lao.build(
        catalogue=catalogue, communes_2025=built["communes_2025"]
    ),
}
"""How each layer is built from the catalogue and the layers built before it."""


@dataclass
class Atlas:
    """Every built layer by name, and the reason each missing layer could not be built."""

    layers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """Return layer ``name``; raise KeyError naming the reason when it is unavailable."""
        if name in self.layers:
            return self.layers[name]
        raise KeyError(f"Layer '{name}' is unavailable: {self.errors.get(name, 'unknown layer')}")

    def available(self, name: str) -> bool:
        return name in self.layers


def info(name: str) -> LayerInfo:
    """Return the :class:`LayerInfo` of layer ``name``."""
    return next(layer for layer in LAYERS if layer.name == name)


def build_atlas(*, catalogue: Catalogue) -> Atlas:
    """Build every layer; a broken input makes its layers (and their dependants) unavailable."""
    atlas = Atlas()
    for layer in LAYERS:
        missing = [need for need in layer.needs if need not in atlas.layers]
        if missing:
            atlas.errors[layer.name] = f"needs {', '.join(missing)}, which could not be built"
            continue
        try:
            atlas.layers[layer.name] = _BUILDERS[layer.name](catalogue, atlas.layers)
        except BorderAtlasError as error:
            log.warning("layer %s unavailable: %s", layer.name, error)
            atlas.errors[layer.name] = str(error)
    return atlas
