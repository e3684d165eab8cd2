"""Tourism and heritage sites: ``points/sites.csv`` and the site rows of ``facts_cited.csv``.

A site is placed at its own coordinate when its source publishes one (or it is an OSM node or a
road-junction estimate); otherwise at its commune's point (the 2025 seat point, see
:mod:`layers.points`), marked ``commune_seat``: not its own position. Site rows of the cited
facts never carry coordinates: they go to the point of the commune the fact names, or,
when the fact names only a district, they are listed with ``precision`` ``not_placed`` and no
geometry (the page lists them; the map cannot draw them).

Only sites of the three areas are kept (rows elsewhere are excluded in ``data/placements.csv``);
a site across the border (a Lao-side market) is in no Vietnamese commune and its label says
"Lao side". A cited site that is already a row (same name, or a name the row's name contains,
or listed in :data:`SAME_SITE`) adds its source to that row instead of a second point.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.names import fold
from geo.vocabulary import WGS84
from i18n.messages import both_languages
from layers import crosswalk
from layers.facts import load_facts
from layers.points import place_rows, point_labels, point_schema, user_text

SCHEMA = point_schema("sites", description="Tourism and heritage sites")

SAME_SITE = {
    "Di tích Làng Vây": "site_lang_vay",
    "Nhà đày Lao Bảo": "site_lao_bao_prison",
    "Khu căn cứ quân sự Khe Sanh": "site_khe_sanh_combat_base",
    "Chợ phiên biên giới Na Mèo": "site_na_meo_market",
    "Khu danh thắng Tà Puồng": "site_ta_puong",
    "Sân bay Tà Cơn": "site_khe_sanh_combat_base",
}
"""Cited site names that are a ``sites.csv`` row under another name: their source is added there."""


def _site_category(indicator: str) -> str:
    text = indicator.lower()
    if text.startswith("heritage"):
        return "heritage"
    if text.startswith("protected area"):
        return "protected_area"
    return "tourism"


def _fact_sites(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, codes_2025: dict[str, list[str]]
) -> pd.DataFrame:
    """One row per site named by a cited fact, placed at its commune's point when one is known."""
    facts = load_facts(catalogue=catalogue)
    facts = facts[(facts["category"] == "site") & (facts["site_name"].fillna("") != "")]
    seats = communes_2025.set_index("code")
    records = []
    for fact in facts.itertuples(index=False):
        codes = [code for code in str(fact.unit_codes).split(";") if code]
        if fact.unit_level == "commune_2024" and len(codes) == 1:
            targets = codes_2025.get(codes[0], [])
        elif fact.unit_level == "commune_2025" and len(codes) == 1:
            targets = codes
        else:
            targets = []
        code = targets[0] if len(targets) == 1 and targets[0] in seats.index else ""
        if code:
            basis = both_languages("sites.basis_commune")
        elif len(targets) > 1:
            basis = both_languages("sites.basis_split")
        else:
            basis = both_languages("sites.basis_district")
        for name in str(fact.site_name).split(";"):
            name = name.strip()
            precision = "commune_seat" if code else "not_placed"
            commune = str(seats.loc[code, "name"]) if code else ""
            label_vi, label_en = point_labels(name=name, precision=precision, commune=commune)
            records.append(
                {
                    "id": f"fact_{fact.fact_key}_{fold(name).replace(' ', '_')}",
                    "name": name,
                    "label_vi": label_vi,
                    "label_en": label_en,
                    "category": _site_category(str(fact.indicator)),
                    "former_district": seats.loc[code, "former_district"] if code else "",
                    "province": seats.loc[code, "province"] if code else "",
                    "commune_code": code,
                    "lat": float(seats.loc[code, "seat_lat"]) if code else np.nan,
                    "lon": float(seats.loc[code, "seat_lon"]) if code else np.nan,
                    "precision": precision,
                    "method": "text_only",
                    "confidence": "cited",
                    "source": user_text(fact.source_url),
                    "note": user_text(fact.quote),
                    "placement_basis": basis,
                }
            )
    return pd.DataFrame.from_records(records, columns=list(SCHEMA.columns))


def _same_site(name: str, rows: dict[str, str]) -> str:
    """Id of the row (by folded name) that cited site ``name`` is, or ``""``."""
    if name in SAME_SITE:
        return SAME_SITE[name]
    wanted = fold(name)
    return next((row for row, other in rows.items() if wanted == other or wanted in other), "")


def build(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, gates: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Build the sites layer; a cited site already in ``sites.csv`` is not added twice."""
    rows = pd.read_csv(catalogue.path("sites"), dtype={"lat": float, "lon": float})
    placed = place_rows(rows, communes_2025=communes_2025, gates=gates)
    codes_2025 = crosswalk.new_codes(crosswalk.read_crosswalk(catalogue=catalogue))
    facts = _fact_sites(catalogue=catalogue, communes_2025=communes_2025, codes_2025=codes_2025)
    site_names = {str(i): fold(n) for i, n in zip(placed["id"], placed["name"], strict=True)}
    gate_names = {str(i): fold(n) for i, n in zip(gates["id"], gates["name"], strict=True)}
    is_new = []
    for name, source in zip(facts["name"], facts["source"], strict=True):
        site_id = _same_site(name, site_names)
        if site_id and site_id in set(placed["id"]):
            row = placed["id"] == site_id
            known = placed.loc[row, "source"].iloc[0]
            if source and source not in known:
                placed.loc[row, "source"] = f"{known} ; {source}"
        is_new.append(not site_id and not _same_site(name, gate_names))
    facts = facts.loc[is_new].drop_duplicates(subset=["name", "commune_code"])
    facts = facts.drop_duplicates(subset=["id"])
    geometry = [
        shapely.Point(lon, lat) if not np.isnan(lat) else None
        for lat, lon in zip(facts["lat"], facts["lon"], strict=True)
    ]
    extra = gpd.GeoDataFrame(facts, geometry=geometry, crs=WGS84)
    frame = pd.concat([placed, extra], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84))
