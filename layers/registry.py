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
from dataclasses import dataclass, field
from typing import Any

from geo.catalogue import Catalogue
from geo.errors import BorderAtlasError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LayerInfo:
    """A layer's name, its labels in Vietnamese and English, and what it needs."""

    name: str
    label_vi: str
    label_en: str
    inputs: tuple[str, ...]
    needs: tuple[str, ...] = ()


LAYERS: tuple[LayerInfo, ...] = (
    LayerInfo(
        "communes_2024",
        "Xã 2020–2025 (54)",
        "Communes 2020–2025 (54)",
        ("communes_2024", "crosswalk", "census_2019", "border_line"),
    ),
    LayerInfo(
        "communes_2025",
        "Xã từ 1/7/2025 (27)",
        "Communes since 1 Jul 2025 (27)",
        ("communes_2025", "crosswalk", "census_2019", "border_line"),
        ("communes_2024",),
    ),
    LayerInfo("border", "Đường biên giới (suy ra)", "Border line (derived)", ("border_line",)),
    LayerInfo("gates", "Cửa khẩu", "Border gates", ("border_gates",), ("communes_2025",)),
    LayerInfo(
        "markers",
        "Mốc quốc giới",
        "Border markers",
        ("border_markers",),
        ("communes_2025", "gates"),
    ),
    LayerInfo(
        "indicators",
        "Chỉ tiêu",
        "Indicators",
        ("facts", "landcover_districts", "population_districts", "province_poverty"),
    ),
    LayerInfo(
        "sites",
        "Du lịch và di tích",
        "Tourism and heritage sites",
        ("sites", "facts"),
        ("communes_2025", "gates"),
    ),
    LayerInfo(
        "risk_2025",
        "Nguy cơ sạt lở (xã 2025)",
        "Landslide risk (2025 communes)",
        ("terrain", "facts", "communes_2025"),
        ("communes_2025",),
    ),
    LayerInfo(
        "risk_2024",
        "Nguy cơ sạt lở (xã 2020–2025)",
        "Landslide risk (2020–2025 communes)",
        ("terrain", "facts", "communes_2024"),
        ("communes_2024",),
    ),
    LayerInfo("roads", "Quốc lộ", "National roads", ("roads",)),
    LayerInfo("rivers", "Sông suối", "Rivers", ("rivers",)),
)


def _build(name: str, catalogue: Catalogue, built: dict[str, Any]) -> Any:
    """Build layer ``name`` from the catalogue and the layers it needs (imports are lazy)."""
    if name == "communes_2024":
        from layers import communes

        return communes.build_2024(catalogue=catalogue)
    if name == "communes_2025":
        from layers import communes

        return communes.build_2025(catalogue=catalogue, communes_2024=built["communes_2024"])
    if name == "border":
        from layers import border

        return border.build(catalogue=catalogue)
    if name == "gates":
        from layers import gates

        return gates.build(catalogue=catalogue, communes_2025=built["communes_2025"])
    if name == "markers":
        from layers import markers

        return markers.build(
            catalogue=catalogue, communes_2025=built["communes_2025"], gates=built["gates"]
        )
    if name == "indicators":
        from layers import indicators

        return indicators.build(catalogue=catalogue)
    if name == "sites":
        from layers import sites

        return sites.build(
            catalogue=catalogue,
            communes_2025=built["communes_2025"],
            gates=built["gates"],
        )
    if name in ("risk_2025", "risk_2024"):
        from layers import risk

        return risk.build(catalogue=catalogue, edition=name.removeprefix("risk_"))
    if name == "roads":
        from layers import roads

        return roads.build(catalogue=catalogue)
    if name == "rivers":
        from layers import rivers

        return rivers.build(catalogue=catalogue)
    raise KeyError(f"no builder for layer '{name}'")


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
            atlas.layers[layer.name] = _build(layer.name, catalogue, atlas.layers)
        except BorderAtlasError as error:
            log.warning("layer %s unavailable: %s", layer.name, error)
            atlas.errors[layer.name] = str(error)
    return atlas
