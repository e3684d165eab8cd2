"""Nothing leaves the machine without consent, and hostile names stay text in a real browser
(issue 12, items 7 and 9).

The app is started here on its own port, under a Python audit hook that writes down every host
the server process looks up or connects to (``socket.getaddrinfo`` / ``socket.connect``), with
a user store holding the hostile names of :mod:`tests.bad_input.text` (user points, their
source, the import's name, a saved plan). Chromium, on a desk (1400×1000) and a phone
(390×844), opens in the default settings the map page (searching the hostile points and
showing one), the planner with the hostile plan opened, the coordinates tab's map and the
field pack's ``map.html`` downloaded from the planner and opened from disk. Every request is
recorded; anything not on the app's own origin (or ``data:``, ``blob:``, ``file:``,
``about:``) is aborted and fails the test, a request to ``evil.example`` above all. Last, the
server's own log of hosts must hold none but this machine: Streamlit did not ask
checkip.amazonaws.com (or anyone) for its outside address.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.bad_input.text import HOSTILE, PREFIX
from tests.conftest import PROJECT, running_app
from tests.test_text_is_text import IMPORT_NAME, PLAN_NAME, SOURCE, _hostile_store
from ui.assets import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DRAWN = ".leaflet-overlay-pane path"
LOCAL_SCHEMES = ("data:", "blob:", "file:", "about:")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", "::", ""}

WATCHED_START = """
import sys

LOG = sys.argv[1]


def hook(event, args):
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else "unix"
    else:
        return
    if isinstance(host, bytes):
        host = host.decode()
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{event} {host}\\n")


sys.addaudithook(hook)
with open(LOG, "a", encoding="utf-8") as log:
    log.write("hook installed\\n")
from streamlit.web.cli import main

sys.argv = ["streamlit", "run", *sys.argv[2:]]
main()
"""
"""Start ``streamlit run`` with an audit hook logging every host looked up or connected to."""


@pytest.fixture(scope="module")
def watched_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app with a hostile user store, under the audit hook: (its URL, the host log)."""
    folder = tmp_path_factory.mktemp("watched")
    user = folder / "user"
    user.mkdir()
    _hostile_store(user)
    script, log = folder / "watched_start.py", folder / "hosts.log"
    script.write_text(WATCHED_START, encoding="utf-8")
    log.write_text("", encoding="utf-8")
    # Only the port is given: every other setting comes from .streamlit/config.toml, as with
    # `make run`.
    with running_app(
        user, launcher=(str(script), str(log)), options=(), output=folder / "server.out"
    ) as url:
        yield url, log


def _outside_hosts(log: Path) -> list[str]:
    """The hosts other than this machine in the server's log."""
    lines = log.read_text(encoding="utf-8").splitlines()
    hosts = {line.split(" ", 1)[1] for line in lines if line.startswith("socket.")}
    return sorted(host for host in hosts if host not in LOCAL_HOSTS and host != "unix")


class RequestLog:
    """Every request of a browser context; those leaving the app's origin are aborted."""

    def __init__(self, context, app_url: str, *, headers: dict[str, str] | None = None) -> None:
        self.own = urlparse(app_url).netloc
        self.headers = headers or {}
        self.seen: list[str] = []
        self.outside: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self.seen.append(request.url))

    def _route(self, route) -> None:
        url = route.request.url
        if urlparse(url).netloc == self.own and self.headers:
            try:
                response = route.fetch()
            except PlaywrightError:  # the page navigated away and its request was dropped
                route.abort()
                return
            route.fulfill(response=response, headers={**response.headers, **self.headers})
        elif url.startswith(LOCAL_SCHEMES) or urlparse(url).netloc == self.own:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def foreign(self) -> list[str]:
        """Requests seen that were neither on the app's origin nor local."""
        return [
            url
            for url in [*self.seen, *self.outside]
            if not url.startswith(LOCAL_SCHEMES) and urlparse(url).netloc != self.own
        ]


def _context(browser, viewport: dict[str, int], app_url: str):
    context = browser.new_context(
        viewport=viewport,
        locale="vi-VN",
        accept_downloads=True,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    return context, RequestLog(context, app_url)


def _map_drawn(page) -> None:
    frame = page.frame_locator(FRAME).first
    frame.locator(DRAWN).first.wait_for(state="attached", timeout=90_000)
    page.wait_for_timeout(1500)


def _wait_text(page, text: str) -> None:
    """Wait until the page (its invisible word joiners left out) holds ``text`` as typed."""
    page.wait_for_function(
        """text => document.body.textContent.replaceAll('\\u2060', '').includes(text)""",
        arg=text,
        timeout=60_000,
    )


def _no_hostile_html(page) -> None:
    """No element made from a hostile name: no image, link or icon from it anywhere."""
    for frame in page.frames:
        found = frame.evaluate(
            """() => [...document.querySelectorAll('img, a, iframe, script')]
                .map(e => e.getAttribute('src') || e.getAttribute('href') || '')
                .filter(u => !u.startsWith('#'))  // a heading's own anchor
                .filter(u => u.includes('evil') || u.startsWith('javascript'))"""
        )
        assert found == [], found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_map_planner_coordinates_and_pack_ask_no_outside_host(
    watched_app, browser, artifacts: Path, tmp_path: Path, viewport
) -> None:
    app_url, _ = watched_app
    size = "phone" if viewport is PHONE else "desktop"
    context, requests = _context(browser, viewport, app_url)
    page = context.new_page()

    # The map page, then the hostile points found by search and the first one shown.
    page.goto(f"{app_url}/?area=Quan%20S%C6%A1n")
    _map_drawn(page)
    search = page.get_by_placeholder(re.compile("muong xen"))
    search.fill(PREFIX.lower())
    search.press("Enter")
    for hostile in HOSTILE.values():  # each name shown as typed
        _wait_text(page, f"Địa điểm: {PREFIX} {hostile}")
    _wait_text(page, SOURCE)  # the source of the point shown
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / f"privacy_map_hostile_{size}.png"), full_page=True)
    _no_hostile_html(page)

    # The planner with the hostile plan opened (stops drawn on its map).
    page.goto(f"{app_url}/ke-hoach")
    page.get_by_role("button", name="Mở", exact=True).click()
    page.get_by_text("Các chặng", exact=True).wait_for(timeout=90_000)
    _wait_text(page, PLAN_NAME)
    for hostile in HOSTILE.values():
        _wait_text(page, hostile)
    _map_drawn(page)
    page.screenshot(path=str(artifacts / f"privacy_planner_hostile_{size}.png"), full_page=True)
    _no_hostile_html(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Gói thực địa (.zip)").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        archive.extract("map.html", tmp_path)

    # The coordinates tab's map.
    page.goto(f"{app_url}/du-lieu-cua-ban")
    page.get_by_role("tab", name="Nhập tọa độ").click()
    typed = page.get_by_label("Tọa độ", exact=True)
    typed.fill("20.29, 104.62")
    typed.press("Enter")
    _map_drawn(page)
    _wait_text(page, IMPORT_NAME)  # the list of imports, in its tab
    page.screenshot(path=str(artifacts / f"privacy_coords_{size}.png"), full_page=True)
    _no_hostile_html(page)

    # The field pack's map, from disk, network blocked.
    page.goto((tmp_path / "map.html").as_uri())
    page.locator(DRAWN).first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / f"privacy_pack_map_{size}.png"))
    _no_hostile_html(page)

    assert any(url.startswith(app_url) for url in requests.seen)  # the log did record
    assert not [url for url in requests.seen if "evil" in url]
    assert requests.foreign() == []
    context.close()


def _proxy_headers() -> dict[str, str]:
    """The response headers the README's nginx example adds (``add_header NAME "VALUE"``)."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r'add_header ([\w-]+) "([^"]+)" always;', text))


@pytest.fixture
def proxied_browser(browser):
    """Chromium that lets a page whose headers the test rewrote reach the app on 127.0.0.1.

    A response Playwright fulfils has no address space, so Chromium's local network access
    check would take the page for a public one and refuse its WebSocket to 127.0.0.1; behind
    a real proxy, page and WebSocket come from the same host and no check applies.
    """
    instance = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"],
    )
    yield instance
    instance.close()


def test_the_readme_proxy_headers_leave_the_pages_working(watched_app, proxied_browser) -> None:
    """The content security policy of the README blocks nothing the map or planner need."""
    app_url, _ = watched_app
    headers = _proxy_headers()
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Referrer-Policy"] == "no-referrer"
    context = proxied_browser.new_context(viewport=DESKTOP, locale="vi-VN")
    requests = RequestLog(context, app_url, headers=headers)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{app_url}/?area=Quan%20S%C6%A1n", wait_until="domcontentloaded", timeout=90_000)
    _map_drawn(page)
    page.goto(f"{app_url}/ke-hoach", wait_until="domcontentloaded", timeout=90_000)
    page.get_by_role("button", name="Mở", exact=True).click()
    page.get_by_text("Các chặng", exact=True).wait_for(timeout=90_000)
    _map_drawn(page)
    assert refused == []
    other = context.new_page()  # another site framing the app (its delete buttons too)
    framing: list[str] = []
    other.on("console", lambda message: framing.append(message.text))
    other.set_content(f'<iframe src="{app_url}/ke-hoach" width="800" height="600"></iframe>')
    other.wait_for_timeout(3000)
    context.close()
    assert any("frame-ancestors" in text for text in framing), framing
    assert requests.foreign() == []


def test_the_server_asks_no_outside_host(watched_app, browser) -> None:
    """At start-up (Streamlit's outside-address lookup) and while serving a page."""
    app_url, log = watched_app
    context, _ = _context(browser, DESKTOP, app_url)
    page = context.new_page()
    page.goto(app_url)
    _map_drawn(page)
    context.close()
    assert "hook installed" in log.read_text(encoding="utf-8")
    assert _outside_hosts(log) == []
