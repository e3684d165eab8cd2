"""The planner's warnings from field observations: a leg near a recent landslide or blocked road
(fake stops east to west along 19.0 N, fake observers; no data bundle needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.errors import UserInputError
from layers.observations import Observation
from planner.network import RoadNetwork
from planner.observation_warnings import observation_warnings, seen_on, today_in_vietnam
from planner.plan import Plan
from planner.plan_warnings import KINDS, group_warnings, ordered
from planner.travel import plan_legs
from tests.planner_cases import stop
from ui.planner_state import PLAN_KEY
from userdata.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER_PAGE = "ui/views/planner.py"
TODAY = date(2026, 12, 1)
ICT = timezone(timedelta(hours=7))


def _plan() -> Plan:
    """Base at 104.0 E, stop A at 104.2 E, stop B at 104.4 E (straight legs along 19.0 N)."""
    return Plan(
        name="Fake trip",
        base=stop("base", 19.0, 104.0, name="Fake base"),
        stops=[stop("a", 19.0, 104.2, name="Fake A"), stop("b", 19.0, 104.4, name="Fake B")],
        start=datetime(2026, 12, 2, 7),
        round_trip=False,
    )


def _seen(
    n: int,
    *,
    kind: str = "road_blocked",
    lat: float = 19.0,
    lon: float = 104.1,
    when: datetime = datetime(2026, 11, 30, 8, 15, tzinfo=ICT),
    note: str = "Fake note",
    observer: str = "Fake observer",
    **more,
) -> Observation:
    return Observation(
        uuid=f"00000000-0000-4000-8000-{n:012d}",
        kind=kind,
        note=note,
        observed_at=when,
        lat=lat,
        lon=lon,
        accuracy_m=more.pop("accuracy_m", 6.0),
        position_source=more.pop("position_source", "gps"),
        observer=observer,
        source="fieldpack",
        source_file=more.pop("source_file", "ghi-nhan-fake.zip"),
        **more,
    )


def _warn(observations, **kw):
    plan = _plan()
    return observation_warnings(
        plan, plan_legs(plan, network=None), observations, today=kw.pop("today", TODAY), **kw
    )


def test_a_leg_near_a_recent_blocked_road_is_warned() -> None:
    # ~0.44 km north of leg 1 (Fake base → Fake A); leg 2 is > 10 km away.
    [warning] = _warn([_seen(1, lat=19.004, note="Đất đá lấp <b>nửa</b> đường")])
    assert (warning.kind, warning.severity) == ("field_report", "high")
    assert (warning.leg_index, warning.leg_indices, warning.stop_id) == (0, [0], None)
    assert warning.text("vi") == (
        "Chặng 1 (Fake base → Fake A) — ghi nhận thực địa gần tuyến: Đường bị chặn hoặc hư hỏng "
        "ngày 30/11/2026, cách tuyến 0,4 km (Fake observer)"
    )
    assert "0.4 km from the route (Fake observer)" in warning.text("en")
    # The note is kept as written (plain text: the page escapes it), with the position's source.
    assert "“Đất đá lấp <b>nửa</b> đường”" in warning.details("vi")
    assert "GPS của điện thoại, sai số ±6 m" in warning.details("vi")
    assert "phone GPS, accuracy ±6 m" in warning.details("en")
    assert warning.sources == [
        "Ghi nhận thực địa của Fake observer, 30/11/2026 (tệp ghi-nhan-fake.zip) / "
        "Field observation by Fake observer, 30/11/2026 (file ghi-nhan-fake.zip)"
    ]
    # Listed under the stop the leg leads to, like a leg's risk warning.
    [group] = group_warnings(_plan(), [warning])
    assert (group.stop_id, group.label()) == ("a", "1")


def test_far_old_future_and_other_kinds_are_not_warned() -> None:
    far = _seen(1, lat=19.02)  # ~2.2 km from the route
    old = _seen(2, when=datetime(2026, 10, 31, 23, 0, tzinfo=ICT))  # 31 days before
    future = _seen(3, when=datetime(2026, 12, 2, 6, 0, tzinfo=ICT))
    visited = _seen(4, kind="site_visited")
    marker = _seen(5, kind="marker", marker_condition="damaged")
    impassable = _seen(6, kind="crossing_impassable")
    assert _warn([far, old, future, visited, marker, impassable]) == []
    # The settings change what counts: a wider distance, more days.
    assert len(_warn([far], within_km=3.0)) == 1
    assert len(_warn([old], recent_days=31)) == 1
    # Exactly 30 days back still counts; a landslide counts as a road blocked does.
    edge = _seen(7, kind="landslide", when=datetime(2026, 11, 1, 0, 30, tzinfo=ICT))
    assert [w.kind for w in _warn([edge])] == ["field_report"]


def test_the_day_is_read_in_vietnam_time() -> None:
    # 30 Nov 20:00 UTC is already 1 Dec in Vietnam: seen "today", not in the future.
    late = _seen(1, when=datetime(2026, 11, 30, 20, 0, tzinfo=UTC))
    assert seen_on(late) == TODAY
    assert len(_warn([late])) == 1
    assert _warn([late], today=date(2026, 11, 30)) == []


def test_several_observations_make_one_warning_per_leg_nearest_first() -> None:
    near = _seen(1, lat=19.001, observer="Fake Lan", kind="landslide", note="")
    nearer = _seen(2, lat=19.0003, lon=104.15, observer="Fake Minh", position_source="map")
    at_a = _seen(3, lat=19.0, lon=104.2, observer="Fake Hoa", source_file=None)  # both legs
    first, second = _warn([near, nearer, at_a])
    assert (first.leg_index, second.leg_index) == (0, 1)
    line = first.text("en")
    assert line.index("Fake Hoa") < line.index("Fake Minh") < line.index("Fake Lan")
    assert "Landslide seen on 30/11/2026, 0.1 km from the route (Fake Lan)" in line
    assert "on 30/11/2026, on the route (Fake Hoa)" in line
    assert "no note" in first.details("en")
    assert "tapped on the map (no GPS fix), not a measured position)" in first.details("en")
    assert "accuracy" not in first.details("en").split("Fake Minh")[1].split(";")[0]
    assert len(first.sources) == 3
    assert "Field observation by Fake Hoa, 30/11/2026" in first.sources[0]
    assert "(tệp" not in first.sources[0]
    assert "Fake Hoa" in second.text("vi") and "Fake Lan" not in second.text("vi")


def test_many_observations_are_all_in_the_details() -> None:
    many = [_seen(n, lat=19.0 + n / 10_000, observer=f"Fake {n}") for n in range(1, 6)]
    [warning] = _warn(many)
    assert warning.text("en").endswith("… (2 more reports)")
    assert "Fake 5" not in warning.text("en")
    assert all(f"Fake {n}" in warning.details("en") for n in range(1, 6))


def test_field_reports_come_first_among_the_most_severe() -> None:
    assert KINDS[0] == "field_report"
    plan = _plan()
    [report] = _warn([_seen(1)])
    others = [w for w in _warn([_seen(2, lat=19.0, lon=104.3)])]  # leg 2
    together = ordered(plan, [*others, report], lang="vi")
    assert [w.leg_index for w in together] == [0, 1]


def test_bad_settings_and_legs_are_refused() -> None:
    with pytest.raises(ValueError):
        _warn([_seen(1)], within_km=-1)
    with pytest.raises(ValueError):
        _warn([_seen(1)], recent_days=-1)
    plan = _plan()
    with pytest.raises(UserInputError):
        observation_warnings(plan, [], [_seen(1)], today=TODAY)


@pytest.mark.usefixtures("own_user_store")
def test_the_planner_page_warns_of_a_stored_report_with_its_settings(catalogue) -> None:
    app = AppTest.from_file(APP, default_timeout=180).run()
    app.switch_page(PLANNER_PAGE).run()
    for query in ("muong xen", "nam can"):
        app.text_input(key="w_stop_search").input(query).run()
        app.button(key="w_stop_add").click().run()
    plan = Plan.from_json(app.session_state[PLAN_KEY])
    legs = plan_legs(plan, network=RoadNetwork.from_catalogue(catalogue))  # as the page does
    on_road = legs[1].geometry.interpolate(0.5, normalized=True)
    seen = today_in_vietnam() - timedelta(days=3)
    report = _seen(
        1,
        lat=on_road.y,
        lon=on_road.x,
        when=datetime.combine(seen, datetime.min.time(), tzinfo=ICT) + timedelta(hours=9),
        observer="Fake <i>Lan</i>",
    )
    Store().add_observations([report], source_file="fake.zip")
    app.run()
    assert not app.exception, app.exception
    route = plan.route_stops()
    line = f"Chặng 2 ({route[1].name} → {route[2].name}) — ghi nhận thực địa gần tuyến"
    shown = "\n".join(element.value for element in app.markdown)
    assert line in shown
    assert "Fake \\<i\\>Lan\\</i\\>" in shown  # the observer's name as text, never HTML
    captions = "\n".join(element.value for element in app.caption)
    assert "1 ghi nhận sạt lở / đường bị chặn trong 30 ngày qua" in captions
    # Fewer days than its age: the report no longer counts; the setting stays for the session.
    app.number_input(key="w_obs_days").set_value(2).run()
    assert line not in "\n".join(element.value for element in app.markdown)
    assert app.session_state["planner_obs_recent_days"] == 2
    app.number_input(key="w_obs_days").set_value(3).run()
    assert line in "\n".join(element.value for element in app.markdown)
    # Field pack, warnings and map get it as any warning: the XLSForm download is beside it.
    keys = [button.key for button in app.get("download_button")]
    assert keys[:2] == ["dl_pack", "dl_xlsform"]
