"""Shared mode (``make serve``): nginx in front of two Streamlit processes on one store.

A plan saved through one process is read through the other; the proxy compresses what it
sends (gzip for files, ``permessage-deflate`` for the websocket) and lets browsers keep hashed
files for good; the map page loads through it on a phone with nothing fetched from outside.
Which process answered is told by the proxy's ``X-Border-Atlas-Worker`` header (1 or 2).
The workers run in shared mode: each browser signs in first, with an account made by the
command line in the test's own user dir.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from websockets.sync.client import connect

from scripts import serve
from tests.conftest import block_outside, cli_account, sign_in
from tests.test_planner_browser import _add_stops
from tests.test_privacy_browser import _proxy_headers
from ui.assets import cache_file
from userdata.store import Store

pytestmark = pytest.mark.browser

WORKER_HEADER = "X-Border-Atlas-Worker"
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
ADMIN, PASSWORD = "quan-tri", "mật khẩu dùng chung 1"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serve.SharedMode]:
    users = tmp_path_factory.mktemp("shared-user")
    assert serve.no_account_note(users) is not None
    cli_account(users, ADMIN, role="admin", password=PASSWORD)
    assert serve.no_account_note(users) is None
    mode = serve.start(
        port=0,
        workers=2,
        user_dir=users,
        log_dir=tmp_path_factory.mktemp("shared-logs"),
    )
    try:
        yield mode
    finally:
        mode.stop()


def _get(url: str, *, headers: dict[str, str] | None = None) -> tuple[bytes, Message]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


def _worker_of(shared: serve.SharedMode, node: str) -> str:
    _, headers = _get(f"{shared.url}/_stcore/health", headers={"Cookie": f"ba_node={node}"})
    return headers[WORKER_HEADER]


@pytest.fixture(scope="module")
def nodes(shared: serve.SharedMode) -> dict[str, str]:
    """The ``ba_node`` cookie that pins a browser to each worker, by worker index."""
    found = {str(index): str(index) for index in range(1, len(shared.worker_urls) + 1)}
    assert {_worker_of(shared, node) for node in found.values()} == set(found)
    return found


def _context(browser, shared: serve.SharedMode, node: str, viewport: dict[str, int]):
    """A browser context whose requests go to the worker of ``node``: (context, page,
    problems, worker indexes that answered). ``problems`` lists the requests to other hosts
    (aborted) and what the content security policy refused: both must stay empty."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    context.add_cookies([{"name": "ba_node", "value": node, "url": shared.url}])
    page = context.new_page()
    problems = block_outside(page, shared.url)
    answered: set[str] = set()

    def note(response) -> None:
        worker = response.headers.get(WORKER_HEADER.lower())
        if worker:
            answered.add(worker)

    page.on("response", note)
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    return context, page, problems, answered


def test_processes_saving_plans_into_one_store_at_once_lose_nothing(tmp_path: Path) -> None:
    """What the workers do when several users save at once: nothing lost, the file sound."""
    path = tmp_path / "atlas.sqlite3"
    script = (
        "import sys\n"
        "from tests.test_store import fake_plan\n"
        "from userdata.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "for k in range(15):\n"
        "    store.save_plan(fake_plan(f'Kế hoạch {sys.argv[2]}-{k}'))\n"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path), str(number)],
            cwd=serve.PROJECT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(4)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 4, errors
    store = Store(path)
    assert len(store.list_plans()) == 60
    assert store.integrity_check() == "ok"


def test_new_browsers_take_turns_and_keep_their_worker(shared, nodes) -> None:
    for worker, node in nodes.items():
        assert {_worker_of(shared, node) for _ in range(5)} == {worker}
    given: list[str] = []
    for cookie in ("", "", "ba_node=9"):  # two new browsers, then one with a stale cookie
        _, headers = _get(f"{shared.url}/", headers={"Cookie": cookie} if cookie else None)
        cookies = [c for c in headers.get_all("Set-Cookie") if c.startswith("ba_node=")]
        assert len(cookies) == 1
        assert cookies[0] == f"ba_node={headers[WORKER_HEADER]}; Path=/; HttpOnly; SameSite=Lax"
        given.append(headers[WORKER_HEADER])
    assert set(given[:2]) == {"1", "2"}
    _, headers = _get(f"{shared.url}/", headers={"Cookie": "ba_node=2"})
    assert headers.get_all("Set-Cookie") is None or not any(
        c.startswith("ba_node=") for c in headers.get_all("Set-Cookie")
    )
    assert "nginx/" not in headers.get("Server", "")  # no version shown


def test_the_proxy_sends_the_readme_security_headers(shared) -> None:
    """The browser tests of this module so run under the README's content security policy."""
    expected = _proxy_headers()
    assert "Content-Security-Policy" in expected
    _, headers = _get(f"{shared.url}/")
    for name, value in expected.items():
        assert value in headers.get_all(name), name


def test_a_plan_saved_through_one_worker_is_read_through_the_other(
    shared, nodes, browser, artifacts: Path
) -> None:
    name = "Chế độ chung: lưu qua tiến trình 1"
    context, page, problems, answered = _context(browser, shared, nodes["1"], DESKTOP)
    try:
        page.goto(f"{shared.url}/ke-hoach")
        sign_in(page, ADMIN, PASSWORD)
        _add_stops(page, ("muong xen", "nam can"))
        page.get_by_text("Các chặng", exact=True).wait_for(timeout=60_000)
        field = page.get_by_label("Tên kế hoạch")
        field.fill(name)
        field.press("Enter")
        page.wait_for_timeout(1000)
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.get_by_text(re.compile("Đã lưu kế hoạch")).wait_for(timeout=30_000)
        assert answered == {"1"}
        assert problems == []
    finally:
        context.close()

    context, page, problems, answered = _context(browser, shared, nodes["2"], DESKTOP)
    try:
        page.goto(f"{shared.url}/ke-hoach")
        sign_in(page, ADMIN, PASSWORD)
        page.get_by_text("Kế hoạch đã lưu (1)").wait_for(timeout=60_000)
        page.get_by_role("button", name="Mở", exact=True).click()
        page.get_by_text(re.compile(f"Đang sửa kế hoạch đã lưu “{name}”")).wait_for(timeout=60_000)
        page.screenshot(path=str(artifacts / "shared_mode_plan_read_by_worker_2.png"))
        assert answered == {"2"}
        assert problems == []
    finally:
        context.close()


def test_the_proxy_compresses_streamlit_javascript(shared) -> None:
    index, _ = _get(f"{shared.url}/")
    script = re.search(rb'<script[^>]+src="\.?(/static/js/[^"]+\.js)"', index)
    assert script, "no script in Streamlit's page"
    url = f"{shared.url}{script.group(1).decode()}"
    plain, plain_headers = _get(url)
    packed, packed_headers = _get(url, headers={"Accept-Encoding": "gzip"})
    assert plain_headers["Content-Encoding"] is None
    assert packed_headers["Content-Encoding"] == "gzip"
    assert len(packed) < len(plain) / 2.5


def test_hashed_static_files_are_cached_for_good_and_compressed(shared) -> None:
    data = json.dumps({"type": "FeatureCollection", "features": [{"n": n} for n in range(200)]})
    url = cache_file(stem="shared-mode-test", suffix="json", data=data.encode())
    body, headers = _get(f"{shared.url}{url}", headers={"Accept-Encoding": "gzip"})
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=31536000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"
    assert len(body) < len(data) / 4
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(f"{shared.url}/app/static/vendor/.installed")  # hidden files stay hidden
    assert missing.value.code == 404


def test_the_websocket_through_the_proxy_negotiates_permessage_deflate(shared, nodes) -> None:
    url = shared.url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(
        url,
        origin=shared.url,
        subprotocols=["streamlit"],
        additional_headers={"Cookie": f"ba_node={nodes['2']}"},
        compression="deflate",
    ) as socket:
        extensions = socket.response.headers["Sec-WebSocket-Extensions"]
        worker = socket.response.headers[WORKER_HEADER]
    assert extensions.startswith("permessage-deflate")
    assert worker == "2"


def test_the_map_loads_through_the_proxy_on_a_phone(shared, nodes, browser, artifacts) -> None:
    context, page, problems, answered = _context(browser, shared, nodes["1"], PHONE)
    try:
        page.goto(f"{shared.url}/")
        sign_in(page, ADMIN, PASSWORD)
        page.frame_locator(FRAME).first.locator(
            ".leaflet-overlay-pane path.leaflet-interactive"
        ).first.wait_for(state="attached", timeout=90_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts / "shared_mode_map_phone.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        assert answered == {"1"}
        assert problems == []
    finally:
        context.close()


def test_an_upload_through_the_proxy_reaches_the_browsers_worker(shared, nodes, browser) -> None:
    context, page, problems, answered = _context(browser, shared, nodes["2"], DESKTOP)
    uploads: list[tuple[int, str | None]] = []
    page.on(
        "response",
        lambda response: (
            "/_stcore/upload_file/" in response.url
            and uploads.append((response.status, response.headers.get(WORKER_HEADER.lower())))
        ),
    )
    try:
        page.goto(f"{shared.url}/du-lieu-cua-ban")
        sign_in(page, ADMIN, PASSWORD)
        page.locator('input[type="file"]').first.set_input_files(
            {"name": "qua_proxy.csv", "mimeType": "text/csv", "buffer": b"ten_xa,so_ho\nNa Meo,1\n"}
        )
        page.get_by_text("qua_proxy.csv").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert uploads and all(status < 300 and worker == "2" for status, worker in uploads)
        assert answered == {"2"}
        assert problems == []
    finally:
        context.close()


def test_each_worker_runs_the_warm_up_and_it_is_not_public(shared) -> None:
    """Each worker runs its first page through the script health check (what the launcher
    calls before nginx starts, so first visitors find it warm); through the proxy that
    address answers 404."""
    for worker in shared.worker_urls:
        body, _ = _get(f"{worker}/_stcore/script-health-check")
        assert body == b"ok"
    with pytest.raises(urllib.error.HTTPError) as refused:
        _get(f"{shared.url}/_stcore/script-health-check")
    assert refused.value.code == 404
