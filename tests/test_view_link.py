"""Links that survive: every value encoded, old and cut links open the nearest valid view."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.vocabulary import RISK_CLASSES
from layers.filters import Filters
from ui.view_link import (
    AREAS,
    BASEMAP_KEYS,
    EDITIONS,
    RANKED_STANDARDS,
    LinkNotice,
    ViewState,
    area_slug,
    from_query,
    notice_text,
    read_link,
    share_url,
    to_query,
    with_area,
)

INDICATORS = ("poverty_rate_pct", "population_2025", "density", "imp_thu_nhap_2")
BASE = "http://127.0.0.1:8501/ban-do"


def _params(url: str) -> dict[str, str]:
    """What Streamlit's ``st.query_params`` holds for ``url`` (decoded, last value wins)."""
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _subset(items: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(items), unique=True).map(tuple)


_numbers = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))
_selected = st.one_of(
    st.just(""),
    st.builds(
        lambda kind, rest: f"{kind}:{rest}",
        st.sampled_from(["commune", "gate", "marker", "site", "former"]),
        st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=20),
    ),
)
_filters = st.builds(
    Filters,
    poverty_min=st.none() | _numbers,
    risk_classes=_subset(RISK_CLASSES),
    districts=_subset(AREAS[1:]),
    border_only=st.booleans(),
    indicator_min=st.none()
    | st.tuples(
        st.sampled_from(INDICATORS),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3)),
    ),
    poverty_standard=st.none() | st.sampled_from(RANKED_STANDARDS),
    poverty_year_from=st.none() | st.integers(min_value=1990, max_value=2100),
)
_states = st.builds(
    ViewState,
    area=st.sampled_from(AREAS),
    edition=st.sampled_from(EDITIONS),
    indicator=st.sampled_from(INDICATORS),
    basemap=st.sampled_from(BASEMAP_KEYS),
    selected=_selected,
    filters=_filters,
)


@settings(max_examples=300, deadline=None)
@given(state=_states, lang=st.sampled_from(["vi", "en"]))
def test_a_shared_link_reopens_the_same_view(state: ViewState, lang: str) -> None:
    url = share_url(base=BASE, state=state, lang=lang)
    assert url.isascii() and " " not in url, url
    reading = read_link(_params(url), indicators=INDICATORS)
    assert reading.state == state
    assert reading.notices == ()
    assert reading.lang == lang
    assert ("lang=" in url) == (lang != "vi")


def test_areas_travel_as_ascii_slugs() -> None:
    assert [area_slug(area) for area in AREAS] == ["all", "quan-son", "ky-son", "huong-hoa"]
    url = share_url(base=BASE, state=ViewState(area="Hướng Hóa"), lang="vi")
    assert url == f"{BASE}?area=huong-hoa"
    districts = ViewState(filters=Filters(districts=("Kỳ Sơn", "Quan Sơn")))
    assert to_query(districts)["dist"] == "ky-son,quan-son"


@pytest.mark.parametrize("given_area", ["Kỳ Sơn", "ky-son", "KY SON", "ky son", "Ky-Son"])
def test_old_and_hand_typed_area_names_still_open(given_area: str) -> None:
    reading = read_link({"area": given_area})
    assert reading.state.area == "Kỳ Sơn"
    assert reading.notices == ()
    assert reading.area_given


def test_an_old_link_with_an_encoded_space_opens_its_area() -> None:
    assert read_link(_params(f"{BASE}?area=K%E1%BB%B3%20S%C6%A1n")).state.area == "Kỳ Sơn"


@pytest.mark.parametrize(
    ("given_area", "opened"),
    [("Kỳ", "Kỳ Sơn"), ("K%E1%BB%B3", "Kỳ Sơn"), ("huong", "Hướng Hóa"), ("Quan S", "Quan Sơn")],
)
def test_a_cut_area_opens_the_only_area_it_starts(given_area: str, opened: str) -> None:
    reading = read_link(_params(f"{BASE}?area={given_area}"))
    assert reading.state.area == opened
    [notice] = reading.notices
    assert notice.param == "area" and notice.used == area_slug(opened)
    assert opened in notice_text(notice, lang="vi")


def test_a_link_cut_at_the_space_says_what_it_opened() -> None:
    reading = read_link(_params(f"{BASE}?area=K%E1%BB%B3"))
    [notice] = reading.notices
    assert notice == LinkNotice("area", "Kỳ", "ky-son")
    assert notice_text(notice, lang="vi") == "Liên kết: Vùng «Kỳ» không rõ, đang mở: Kỳ Sơn."
    assert notice_text(notice, lang="en") == "Link: Area “Kỳ” not understood, showing: Kỳ Sơn."


@pytest.mark.parametrize("given_area", ["", "x", "Hà Nội", "s", "son"])
def test_an_area_matching_no_single_area_opens_the_default(given_area: str) -> None:
    reading = read_link({"area": given_area})
    assert reading.state.area == ViewState().area
    if given_area:  # an empty value is the same as none
        [notice] = reading.notices
        assert notice.param == "area" and notice.given == given_area
        assert "Cả ba vùng" in notice_text(notice, lang="vi")


BAD = {
    "ed": "2023",
    "ind": "no_such_indicator",
    "map": "google",
    "pov": "abc",
    "pstd": "2030",
    "pyr": "20x1",
    "min": "density",
    "sel": "Na Mèo",
    "lang": "fr",
    "border": "yes",
}


@pytest.mark.parametrize("param", sorted(BAD))
def test_every_invalid_value_opens_the_default_with_a_notice(param: str) -> None:
    reading = read_link({"area": "ky-son", param: BAD[param]}, indicators=INDICATORS)
    assert reading.state == ViewState(area="Kỳ Sơn")
    [notice] = reading.notices
    assert (notice.param, notice.given) == (param, BAD[param])
    for lang in ("vi", "en"):
        text = notice_text(notice, lang=lang)
        assert BAD[param] in text
        assert "{" not in text


@pytest.mark.parametrize("value", ["101", "-1", "nan", "inf"])
def test_an_impossible_poverty_rate_is_ignored(value: str) -> None:
    reading = read_link({"pov": value})
    assert reading.state.filters.poverty_min is None
    assert [n.param for n in reading.notices] == ["pov"]


def test_list_values_keep_their_valid_items_and_say_which_were_dropped() -> None:
    reading = read_link({"risk": "high,bogus,very_high", "dist": "ky-son,nowhere,Hướng Hóa"})
    assert reading.state.filters.risk_classes == ("high", "very_high")
    assert reading.state.filters.districts == ("Kỳ Sơn", "Hướng Hóa")
    notices = {notice.param: notice for notice in reading.notices}
    assert set(notices) == {"risk", "dist"}
    assert notice_text(notices["risk"], lang="vi").endswith("cao, rất cao.")
    assert notice_text(notices["dist"], lang="en").endswith("Kỳ Sơn, Hướng Hóa.")


def test_the_offline_basemap_is_the_default_and_never_written() -> None:
    assert ViewState().basemap == "offline"
    assert "map" not in to_query(ViewState())
    assert read_link({"map": "offline"}).notices == ()
    assert read_link({"map": "none"}).state.basemap == "none"


def test_no_area_in_the_link_opens_the_remembered_area_or_the_first() -> None:
    assert not read_link({}).area_given
    assert with_area(read_link({}), "Kỳ Sơn").area == "Kỳ Sơn"
    assert with_area(read_link({}), None).area == "Quan Sơn"
    assert with_area(read_link({"area": "all"}), "Kỳ Sơn").area == "all"
    assert "area=all" in share_url(base=BASE, state=ViewState(), lang="vi")


def test_from_query_still_reads_old_links() -> None:
    state = from_query({"area": "Kỳ Sơn", "pov": "30", "risk": "high"})
    assert (state.area, state.filters.poverty_min, state.filters.risk_classes) == (
        "Kỳ Sơn",
        30.0,
        ("high",),
    )
