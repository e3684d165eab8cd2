"""No internal code reaches the screen, in either language, on any page.

Every page of the running app (map, field visits, your data, data sources) is opened in
Vietnamese and in English, the map page also with a commune selected and the poverty filter on
(panel and table visible); the text of the page and of the map's frame is searched for the codes
of the schema's lists (precisions, figure levels and methods, poverty standards, qualifiers,
the communes' population / area / density / border / seat methods, warning kinds, stop kinds),
matched as whole tokens so that a code that is part of a word does not count. English words the
Vietnamese interface used to show ("unchanged", "unknown" …) are searched for in Vietnamese only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import vocabulary
from layers import communes
from planner.plan import STOP_KINDS
from planner.plan_warnings import KINDS as WARNING_KINDS

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

CODE_LISTS = (
    vocabulary.PRECISIONS,
    vocabulary.FIGURE_LEVELS,
    vocabulary.FIGURE_METHODS,
    vocabulary.POVERTY_STANDARDS,
    vocabulary.VALUE_QUALIFIERS,
    vocabulary.RISK_CLASSES,
    communes.POPULATION_METHODS,
    communes.AREA_METHODS,
    communes.DENSITY_METHODS,
    communes.BORDER_METHODS,
    tuple(communes.SEAT_METHOD_PRECISION),
    WARNING_KINDS,
    STOP_KINDS,
    ("unchanged",),  # a 2025 commune the merger left whole (``merged_from``)
)
"""Every list of codes the data and the schema use."""

CODES = sorted({code for codes in CODE_LISTS for code in codes if "_" in code})
"""Codes no text in either language contains as a word: they are joined by ``_``."""

ENGLISH_IN_VIETNAMESE = sorted(
    {"unchanged", "unknown", "none", "published", "surveyed", "modelled"}
    | {"Select all", "No results", "Choose an option", "Choose options", "Upload"}
)
"""Codes that are English words, and English words known to have leaked into the Vietnamese
interface. (Cited facts keep the bundle's English wording of their indicator and unit, e.g.
"border communes", and the inputs' descriptions are English: that is data, not a code, so words
like "border" or "official" are not listed.)"""

UPLOADER = '[data-testid="stFileUploaderDropzone"]'
STREAMLIT_OWN = re.compile(r"^upload\s*Upload\s*\d+MB per file(?: • [A-Z, ]+)?$")
"""Streamlit's own words in a file uploader (its icon's name, "Upload", "50MB per file • CSV …"),
which its API cannot change: taken out of the page text, and held to exactly these words."""

PAGES = {
    "map": "/?area=all&map=none",
    "map_selected": "/?area=all&map=none&sel=commune%3A15013&pov=30",
    "planner": "/ke-hoach?map=none",
    "imports": "/du-lieu-cua-ban",
    "sources": "/nguon-du-lieu",
}
READY = {  # a text each page shows once it is drawn, per language
    "map": ("xã phù hợp", "matching communes"),
    "map_selected": ("Na Mèo · Quan Sơn, Thanh Hóa", "Na Mèo · Quan Sơn, Thanh Hóa"),
    "planner": ("Kế hoạch", "plan"),
    "imports": ("Tệp bảng: CSV, TXT", "Table file: CSV, TXT"),
    "sources": ("Giới hạn", "Limits"),
}


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


_URL = re.compile(r"https?://\S+")


def found(text: str, words: list[str]) -> list[str]:
    """Each of ``words`` that ``text`` holds as a whole token (not inside a longer word, not in
    a web address such as the share link's ``?map=none``), with 30 characters either side.

    Examples
    --------
    >>> found("vị trí: commune_seat; at_gates", ["commune_seat", "at_gate"])
    ['vị trí: commune_seat; at_gates']
    >>> found("chưa rõ (unknown)", ["unknown"]), found("unknowns http://x/?a=unknown", ["unknown"])
    (['chưa rõ (unknown)'], [])
    """
    text = _URL.sub(" ", text)
    hits = _pattern(words).finditer(text)
    return sorted({text[max(0, m.start() - 30) : m.end() + 30] for m in hits})


def _expand_everything(page) -> None:
    """Open every expander and tab panel's content so that its text is in ``innerText``."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        try:
            summary.click(timeout=2_000)
        except Exception:  # an expander redrawn by a rerun
            continue
    page.wait_for_timeout(1_000)


def _texts(page) -> str:
    body = page.evaluate("document.body.innerText")
    for own in page.locator(UPLOADER).all_inner_texts():
        if not own.strip():  # in a closed expander: none of its words are shown
            continue
        assert STREAMLIT_OWN.match(own.strip()), own
        body = body.replace(own, " ")
    cells = page.evaluate(  # a table's grid draws on a canvas; its cells are in a hidden table
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] :is(td, th)')]
        .map(cell => cell.textContent).join("\\n")"""
    )
    body = f"{body}\n{cells}"
    frames = []
    for index in range(page.locator(MAP_FRAME).count()):
        frame = page.frame_locator(MAP_FRAME).nth(index)
        try:
            frames.append(frame.locator("body").evaluate("b => b.innerText", timeout=5_000))
        except Exception:  # the map draws later or not at all on this page
            continue
    return "\n".join([body, *frames])


def _tabs_text(page) -> str:
    """The text of every tab of a page with tabs (the import page): each tab clicked in turn."""
    texts = []
    for tab in page.locator('[data-baseweb="tab"]').all():
        tab.click()
        page.wait_for_timeout(500)
        texts.append(_texts(page))
    return "\n".join(texts)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_internal_code_on_the_page(app_url, browser, artifacts: Path, name, lang) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        address = PAGES[name] + ("&" if "?" in PAGES[name] else "?") + "lang=en"
        page.goto(app_url + (PAGES[name] if lang == "vi" else address))
        ready = READY[name][0 if lang == "vi" else 1]
        page.get_by_text(ready).first.wait_for(timeout=90_000)
        if name.startswith("map"):
            page.locator(MAP_FRAME).first.wait_for(timeout=60_000)
            page.wait_for_timeout(2_000)
        _expand_everything(page)
        text = _texts(page) + "\n" + _tabs_text(page)
        page.screenshot(path=str(artifacts / f"page_text_{name}_{lang}.png"), full_page=True)
    finally:
        context.close()
    assert ready in text
    assert found(text, CODES) == [], f"internal codes on {name} ({lang})"
    if lang == "vi":
        assert found(text, ENGLISH_IN_VIETNAMESE) == [], f"English words on {name} (vi)"
