"""Time until the map page shows its map, on the running app (loopback, headless Chromium).

Prints, for the app started with ``streamlit run``:

* **cold**: from the process start to the first communes drawn in a fresh browser;
* **warm, first visit**: a new browser context (empty cache) on the running app;
* **warm, repeat visit**: the same context loading the page again (its cache filled).

"Drawn" means the commune paths are in the map's overlay pane (the page is opened on one area,
with the default basemap). Medians of ``RUNS`` runs; no assertions. Run with ``make bench`` or
``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_page.py``.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from ui.assets import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RUNS = 3
QUERY = "/?area=Kỳ%20Sơn"
PATHS = ".leaflet-overlay-pane path.leaflet-interactive"
FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "BORDER_ATLAS_USER_DIR": str(PROJECT / "bench" / "out" / "user")},
    )


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the app did not start within 120 s")


def _time_to_map(page, url: str) -> float:
    """Seconds from navigation to the first commune paths in the map frame."""
    start = time.monotonic()
    page.goto(url + QUERY)
    frame = page.frame_locator(FRAME).first
    frame.locator(PATHS).first.wait_for(state="attached", timeout=120_000)
    return time.monotonic() - start


def main() -> None:
    from playwright.sync_api import sync_playwright

    cold, first, repeat = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for _ in range(RUNS):
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            started = time.monotonic()
            process = _start(port)
            try:
                _wait_healthy(url)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                _time_to_map(page, url)
                cold.append(time.monotonic() - started)
                context.close()
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                first.append(_time_to_map(page, url))
                repeat.append(_time_to_map(page, url))
                context.close()
            finally:
                process.terminate()
                process.wait(timeout=20)
        browser.close()
    print(f"map page, time to first drawn map (median of {RUNS}, loopback):")
    print(f"  cold (process start → map drawn): {statistics.median(cold):6.2f} s")
    print(f"  warm, first visit:                {statistics.median(first):6.2f} s")
    print(f"  warm, repeat visit:               {statistics.median(repeat):6.2f} s")


if __name__ == "__main__":
    main()
