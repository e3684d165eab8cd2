"""Warnings on fake communes ("Xã Giả …", codes FAKE…), the rainy season and the real border;
then a real 5-stop plan across the three areas: short lines, readable sources, one permit rule.
"""

from __future__ import annotations

import re
from datetime import datetime

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from layers.commune_view import commune_view
from layers.places import places
from layers.risk.evidence import NASA_SOURCE
from planner.plan import Plan, Stop
from planner.plan_warnings import (
    BORDER_SOURCE,
    PlanWarning,
    cite,
    facts_by_url,
    group_warnings,
    plan_warnings,
    readable_text,
)
from planner.travel import plan_legs
from tests.planner_cases import NA_MEO, stop

NO_FACTS = pd.DataFrame(columns=["source_url", "source_title", "source_outlet"])
"""Cited facts that know no page: sources are cited by their host."""

BEFORE_CHARS = 21_598
"""Characters of Vietnamese warning text for :func:`five_stop_plan` before issue 9 (measured
with the code of commit 7cff086: 20 warnings, each quoting whole evidence lists and file paths;
straight-line legs as below, identical with the national roads). Kept as the yardstick."""
PATH_LIKE = re.compile(
    r"(boundaries|indicators|hazards|terrain|points|network|seeds)/|\.txt\b|\.tif\b|\.geojson\b"
    r"|geo\.settings"
)


@pytest.fixture
def fake_communes() -> gpd.GeoDataFrame:
    """Three fake communes side by side (0.1° squares from 105.0 E, 20.0 N)."""
    return gpd.GeoDataFrame(
        {
            "code": ["FAKE1", "FAKE2", "FAKE3"],
            "name": ["Xã Giả Một", "Xã Giả Hai", "Xã Giả Ba"],
            "risk_class": ["low", "very_high", "medium"],
            "risk_reasons": [
                "—",
                "Địa hình: giả (+3) [terrain/srtm30plus_0.02deg.tif (SRTM30_PLUS v9, 0.02°)]\n"
                "Sạt lở 2097: giả (+2) [a.invalid]\nLũ quét/lũ 2099: giả (+2) [b.invalid]\n"
                "Điểm nguy cơ sạt lở: giả (+1) [c.invalid]",
                "—",
            ],
            "risk_reasons_en": ["—", "Fake landslide 2099; fake hotspot", "—"],
            "risk_sources": [
                "",
                "https://example.invalid/fake-1 ; https://example.invalid/2 ; "
                "indicators/facts_cited.csv",
                "",
            ],
            "is_border": [False, False, True],
        },
        geometry=[
            box(105.0, 20.0, 105.1, 20.1),
            box(105.1, 20.0, 105.2, 20.1),
            box(105.2, 20.0, 105.3, 20.1),
        ],
        crs="EPSG:4326",
    )


def make_plan(stops: list[Stop], *, month: int = 3, round_trip: bool = True) -> Plan:
    return Plan(
        name="Fake",
        base=stop("base", 20.05, 105.05, name="Fake base"),
        stops=stops,
        start=datetime(2025, month, 3, 7, 0),
        round_trip=round_trip,
    )


def test_warnings_on_fake_communes(fake_communes) -> None:
    risky = stop("risky", 20.05, 105.15, name="Fake risky stop")
    seat = stop("seat", 20.05, 105.25, precision="commune_seat", name="Fake seat")
    plan = make_plan([risky, seat])
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(
        plan, legs, communes=fake_communes, border_line=None, lang="en", facts=NO_FACTS
    )
    by_kind: dict[str, list[PlanWarning]] = {}
    for w in warnings:
        by_kind.setdefault(w.kind, []).append(w)
    risk_stop = [w for w in by_kind["risk"] if w.stop_id == "risky"]
    assert len(risk_stop) == 1
    assert risk_stop[0].severity == "high"
    # one short line with a short reason; the evidence in the details, paths named by title
    assert risk_stop[0].text_vi == (
        "Fake risky stop — nguy cơ sạt lở, lũ quét rất cao (xã Xã Giả Hai): "
        "2 sự kiện (2097–2099), 1 điểm nguy cơ"
    )
    assert risk_stop[0].text_en.endswith(
        "very high landslide / flash-flood risk "
        "(Xã Giả Hai commune): 2 events (2097–2099), 1 risk point"
    )
    assert "Fake landslide 2099" in risk_stop[0].details_en
    assert "Sạt lở 2097: giả" in risk_stop[0].details_vi
    assert "SRTM30_PLUS v9, độ cao lưới 0,02°" in risk_stop[0].details_vi
    assert "terrain/" not in risk_stop[0].details_vi
    assert risk_stop[0].sources == [
        "example.invalid, ngày không rõ / date unknown — https://example.invalid/fake-1",
        "example.invalid, ngày không rõ / date unknown — https://example.invalid/2",
    ]
    # the return leg seat → base crosses the very-high commune between its ends
    crossing = [w for w in by_kind["risk"] if w.leg_index == 2]
    assert crossing and "Xã Giả Hai (very high)" in crossing[0].text_en
    assert crossing[0].text_en.startswith("Leg 3 (Fake seat → Fake base)")
    # the permit rule once for the plan, a short flag at the stop in the border commune
    assert [w.stop_id for w in by_kind["border"]] == ["seat"]
    assert "Đồn Biên phòng" not in by_kind["border"][0].text_vi
    assert by_kind["border"][0].text_vi == (
        "Fake seat — khu vực biên giới (xã biên giới Xã Giả Ba): cần giấy phép"
    )
    assert len(by_kind["border_permit"]) == 1
    assert "Đồn Biên phòng" in by_kind["border_permit"][0].text_vi
    assert by_kind["border_permit"][0].sources == [BORDER_SOURCE]
    assert [w.stop_id for w in by_kind["approximate_position"]] == ["seat"]
    assert "rainy_season" not in by_kind  # March
    assert warnings[0].severity == "high"


def test_warnings_group_by_stop_plan_level_first(fake_communes) -> None:
    risky = stop("risky", 20.05, 105.15, name="Fake risky stop")
    seat = stop("seat", 20.05, 105.25, precision="commune_seat", name="Fake seat")
    plan = make_plan([seat, risky], month=8)
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=fake_communes, border_line=None, facts=NO_FACTS)
    groups = group_warnings(plan, warnings)
    assert sum(len(g.warnings) for g in groups) == len(warnings)
    # plan-level first (permit rule, rainy season), then the stop with the most severe warning
    assert groups[0].stop_id is None and groups[0].title("vi") == "Cả chuyến đi"
    assert [w.kind for w in groups[0].warnings] == ["border_permit", "rainy_season"]
    assert [(g.label(), g.title("en"), g.severity) for g in groups[1:]] == [
        ("1", "Fake seat", "high"),  # leg 1 (base → seat) crosses Xã Giả Hai: listed here
        ("2", "Fake risky stop", "high"),
    ]
    assert groups[1].warnings[0].leg_index == 0
    # within a group: most severe first
    ranks = [["high", "warning", "info"].index(w.severity) for w in groups[1].warnings]
    assert ranks == sorted(ranks)


def test_rainy_season_warning(fake_communes) -> None:
    plan = make_plan([stop("s1", 20.05, 105.06)], month=7)
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=None, border_line=None)
    rainy = [w for w in warnings if w.kind == "rainy_season"]
    assert len(rainy) == 1 and rainy[0].leg_indices == [0, 1]
    assert "tháng 7" in rainy[0].text_vi
    assert rainy[0].details_vi and "geo.settings" not in " ".join(rainy[0].sources)
    # starts on 31 May; the 2.5 h second leg does not fit in the 3 h day: it runs on 1 June
    plan = Plan(
        name="Fake",
        base=stop("base", 20.0, 105.0),
        stops=[stop("s1", 20.0, 105.3), stop("s2", 20.0, 105.6)],
        start=datetime(2025, 5, 31, 7, 0),
        round_trip=False,
        drive_hours_per_day=3,
    )
    legs = plan_legs(plan, network=None)
    rainy = [
        w
        for w in plan_warnings(plan, legs, communes=None, border_line=None)
        if w.kind == "rainy_season"
    ]
    assert rainy and rainy[0].leg_indices == [1]
    assert rainy[0].text_en.startswith("Legs 2 are in the rainy season (month 6)")


def test_na_meo_gate_gets_border_flag_from_real_line(catalogue) -> None:
    border = gpd.read_file(catalogue.path("border_line"))
    gate = stop("na_meo", **NA_MEO, kind="gate", name="Cửa khẩu quốc tế Na Mèo")
    base = stop("base", 20.30, 104.85, name="Fake base inland")  # ~24 km from the border
    plan = Plan(name="Na Mèo", base=base, stops=[gate], start=datetime(2025, 3, 3, 7))
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=None, border_line=border, lang="vi")
    border_flags = [w for w in warnings if w.kind == "border"]
    assert [w.stop_id for w in border_flags] == ["na_meo"]
    assert "cách đường biên ~0,1 km" in border_flags[0].text_vi
    permit = [w for w in warnings if w.kind == "border_permit"]
    assert len(permit) == 1 and "Cửa khẩu quốc tế Na Mèo" in permit[0].text_vi
    distance = gpd.GeoSeries([Point(NA_MEO["lon"], NA_MEO["lat"])], crs=4326).to_crs(32648)
    km = distance.distance(border.to_crs(32648).union_all()).iloc[0] / 1000
    assert km < 1.0  # the gate is on the border


def test_sources_are_cited_by_title_and_outlet_with_mirrors_flagged() -> None:
    pages = pd.DataFrame(
        {
            "source_url": ["https://bet.example/a", "https://news.example/b"],
            "source_title": ["Nguy cơ sạt lở", "Lũ quét"],
            "source_outlet": ["bet.example (mirror site; original outlet not recorded)", "Báo X"],
            "source_date": ["2024-09-30 (URL timestamp)", "2020-10-19"],
        }
    )
    text = f"https://bet.example/a ; https://news.example/b ; {NASA_SOURCE}"
    mirror, news, nasa = cite(text, facts=facts_by_url(pages))
    assert mirror == (
        "bet.example: “Nguy cơ sạt lở”, 30/09/2024 — https://bet.example/a — "
        "bản sao, cần kiểm chứng / mirror, verify"
    )
    assert news == "Báo X: “Lũ quét”, 19/10/2020 — https://news.example/b"
    assert (
        nasa == "NASA Global Landslide Catalog (chỉ để tham khảo) / NASA Global Landslide "
        "Catalog (context only)"
    )
    assert (
        readable_text("see seeds/004_report.txt and geo.settings.RAINY_SEASON_MONTHS") == "see and"
    )


# -- a real plan ------------------------------------------------------------------------------

FIVE_STOPS = (
    "commune:15007",  # Tam Thanh (Quan Sơn), high risk, border commune
    "commune:16858",  # Mường Típ (Kỳ Sơn), very high risk
    "gate:gate_nam_can",  # Nậm Cắn gate (Kỳ Sơn)
    "commune:19441",  # Hướng Phùng (Hướng Hóa), very high risk
    "gate:gate_lao_bao",  # Lao Bảo gate (Hướng Hóa)
)


@pytest.fixture(scope="module")
def five_stop_plan(atlas) -> tuple[Plan, list[PlanWarning]]:
    """Base at the Na Mèo gate, five stops across the three areas, in September (rainy);
    straight-line legs (so the plan does not move with the road graph); warnings computed as
    the planner page does (2025 commune view, the atlas border)."""
    catalogue = places(atlas, edition="2025")
    plan = Plan(
        name="Năm điểm",
        base=Stop.from_place(catalogue["gate:gate_na_meo"]),
        stops=[Stop.from_place(catalogue[key]) for key in FIVE_STOPS],
        start=datetime(2026, 9, 14, 7, 0),
        order_fixed=True,
    )
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(
        plan,
        legs,
        communes=commune_view(atlas, edition="2025"),
        border_line=atlas.get("border"),
        lang="vi",
    )
    return plan, warnings


def test_real_plan_warnings_are_short(five_stop_plan) -> None:
    _, warnings = five_stop_plan
    visible = sum(len(w.text_vi) for w in warnings)
    assert visible <= BEFORE_CHARS / 4, f"{visible} characters of warning lines"
    assert all(len(w.text_vi) <= 260 and len(w.text_en) <= 300 for w in warnings)
    assert all("\n" not in w.text_vi for w in warnings)
    na_meo = [w for w in warnings if w.kind == "risk" and w.stop_id == "gate:gate_na_meo"]
    assert na_meo[0].text_vi.startswith(
        "Cửa khẩu quốc tế Na Mèo — nguy cơ sạt lở, lũ quét rất cao (xã Na Mèo): "
    )
    assert re.search(r"\d+ sự kiện \(\d{4}", na_meo[0].text_vi)
    assert {w.kind for w in warnings} >= {"risk", "border", "border_permit", "rainy_season"}


def test_real_plan_shows_no_file_path(five_stop_plan) -> None:
    _, warnings = five_stop_plan
    for w in warnings:
        for text in (w.text_vi, w.text_en, w.details_vi, w.details_en, *w.sources):
            assert not PATH_LIKE.search(text), text


def test_real_plan_states_the_permit_rule_once(five_stop_plan) -> None:
    plan, warnings = five_stop_plan
    assert [w.kind for w in warnings].count("border_permit") == 1
    assert sum("Đồn Biên phòng" in w.text_vi for w in warnings) == 1
    assert sum("Border Guard" in w.text_en for w in warnings) == 1
    flagged = {w.stop_id for w in warnings if w.kind == "border"}
    assert flagged == {s.id for s in plan.all_stops()}  # every stop lies in the border area
    groups = group_warnings(plan, warnings)
    assert groups[0].stop_id is None
    assert [w.kind for w in groups[0].warnings] == ["border_permit", "rainy_season"]


def test_real_plan_cites_mirrors_as_copies(five_stop_plan) -> None:
    _, warnings = five_stop_plan
    sources = [s for w in warnings for s in w.sources]
    mirrored = [s for s in sources if "88tysobongda.com" in s]
    assert mirrored, "Hướng Phùng's evidence cites a page on a mirror site"
    assert all(s.endswith("bản sao, cần kiểm chứng / mirror, verify") for s in mirrored)
    for source in sources:  # pages by outlet (and headline) and date, then the link
        assert "://" not in source or re.match(r"[^—]+, [^—]+ — .*https?://", source)
