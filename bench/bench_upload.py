"""A second user's map page while a 47 MB CSV is uploaded on *Dữ liệu của bạn* (issue 12, item 8).

Starts the app with ``streamlit run`` (as ``bench/bench_page.py`` does) and prints:

* **idle**: the map page's load time for a second user: ``/?area=all`` in a fresh browser
  context, from navigation until the map frame has drawn the communes (all 27 commune paths in
  Leaflet's overlay pane); median of ``RUNS`` after one warm-up load;
* **during the upload**: the same, repeated back to back from the moment a first user drops a
  47 MB CSV (made here: Tên xã, Mã xã, Năm, Tỷ lệ hộ nghèo, Số hộ, Số hộ nghèo, Ghi chú; about
  1.2 million rows) on the *Bảng chỉ tiêu* tab in another browser, until that page is done;
  each load is labelled with what the upload was doing when it started (reading → preview, or
  the page's later steps);
* the upload's own times: from the drop to the progress bar (the file has reached the server),
  to the preview of its table, and to the end of the page (its save button drawn);
* the server's resident memory: idle, and the peak while uploading (psutil, the server process
  and its children, sampled every 0.1 s).

No assertions. Run with ``make bench`` or
``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_upload.py``. Takes 2–5 minutes.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

import psutil  # noqa: E402
from bench_page import FRAME, PATHS, _free_port, _start, _wait_healthy  # noqa: E402

from ui.assets import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RUNS = 3
QUERY = "/?area=all"
COMMUNES = 27
UPLOAD_BYTES = 47_000_000
UPLOAD_TIMEOUT_S = 240
NAMES = (
    "Mường Xén", "Nậm Cắn", "Mỹ Lý", "Na Mèo", "Tam Thanh", "Hướng Lập", "Lao Bảo", "Tà Rụt",
    "Keng Đu", "Bắc Lý", "Na Loi", "Hữu Kiệm", "Tây Sơn", "Sơn Thủy", "Trung Hạ", "Khe Sanh",
)  # fmt: skip


def make_csv(path: Path, size: int = UPLOAD_BYTES) -> Path:
    """A realistic indicator table of ``size`` bytes (commune figures by year), made once."""
    if path.exists() and path.stat().st_size == size:
        return path
    rng = random.Random(12)
    lines = ["Tên xã,Mã xã,Năm,Tỷ lệ hộ nghèo,Số hộ,Số hộ nghèo,Ghi chú"]
    total = len(lines[0].encode()) + 1
    i = 0
    while total < size - 200:
        households = rng.randint(200, 3000)
        poor = rng.randint(0, households // 2)
        note = "ước tính" if i % 17 == 0 else ""
        line = (
            f"{NAMES[i % len(NAMES)]},{16700 + i % 400},{2010 + i % 15},"
            f"{100 * poor / households:.2f},{households},{poor},{note}"
        )
        lines.append(line)
        total += len(line.encode()) + 1
        i += 1
    data = ("\n".join(lines) + "\n").encode()
    data += b"\n" * (size - len(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


class MemorySampler(threading.Thread):
    """The resident memory of a process and its children, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.samples: list[tuple[float, int, int]] = []  # (time, server alone, with children)
        self.running = True

    def rss(self) -> tuple[int, int]:
        """Resident bytes of the server alone, and of the server with its children."""
        server = total = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # a child that has just ended
                rss = process.memory_info().rss
                server = server or rss
                total += rss
        return server, total

    def run(self) -> None:
        while self.running:
            self.samples.append((time.monotonic(), *self.rss()))
            time.sleep(0.1)

    def peak(self, start: float, end: float) -> tuple[int, int]:
        """The highest (server alone, server with children) between ``start`` and ``end``."""
        inside = [(server, total) for t, server, total in self.samples if start <= t <= end]
        return max((s for s, _ in inside), default=0), max((t for _, t in inside), default=0)


def time_to_map(browser, url: str) -> float:
    """Seconds from navigation to the communes drawn, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        start = time.monotonic()
        page.goto(url + QUERY)
        frame = page.frame_locator(FRAME).first
        frame.locator(PATHS).nth(COMMUNES - 1).wait_for(state="attached", timeout=180_000)
        return time.monotonic() - start
    finally:
        context.close()


class Upload(threading.Thread):
    """The first user: drops the CSV on the table tab and waits for its preview, then for the
    rest of the page (column matching, the save button) to be drawn."""

    def __init__(self, url: str, csv: Path) -> None:
        super().__init__(daemon=True)
        self.url, self.csv = url, csv
        self.ready = threading.Event()
        self.started = self.reading = self.preview = self.settled = 0.0
        self.outcome = ""

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{self.url}/du-lieu-cua-ban")
            uploader = page.locator('input[type="file"]').first
            uploader.wait_for(state="attached", timeout=120_000)
            self.ready.set()
            self.started = time.monotonic()
            uploader.set_input_files(str(self.csv))
            preview = page.get_by_text("Xem trước", exact=True)
            error = page.locator('[data-testid="stAlertContentError"]')
            reading = page.locator('[data-testid="stProgress"]')
            deadline = self.started + UPLOAD_TIMEOUT_S
            while time.monotonic() < deadline:
                if not self.reading and reading.count():
                    self.reading = time.monotonic()
                if preview.count():
                    self.preview = time.monotonic()
                    self.outcome = "preview shown"
                    break
                if error.count():
                    self.preview = time.monotonic()
                    self.outcome = "refused: " + error.first.inner_text()[:120]
                    break
                time.sleep(0.1)
            else:
                self.outcome = f"no preview within {UPLOAD_TIMEOUT_S} s"
            # the page is done when its last control (the save button) is drawn, or it refused
            done = page.locator(".st-key-m_save, [data-testid='stAlertContentError']")
            while time.monotonic() < deadline and self.preview and not done.count():
                time.sleep(0.1)
            self.settled = time.monotonic() if done.count() else 0.0
            browser.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    csv = make_csv(PROJECT / "bench" / "out" / "upload_47mb.csv")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = _start(port)
    sampler = MemorySampler(process.pid)
    try:
        _wait_healthy(url)
        sampler.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            time_to_map(browser, url)  # warm-up: layers built, caches filled
            idle = [time_to_map(browser, url) for _ in range(RUNS)]
            idle_rss = sampler.rss()
            upload = Upload(url, csv)
            upload.start()
            upload.ready.wait(timeout=180)
            time.sleep(0.5)
            during: list[tuple[float, float]] = []  # (start, seconds)
            while upload.is_alive() or not during:
                started = time.monotonic()
                during.append((started, time_to_map(browser, url)))
            upload.join()
            browser.close()
        end = time.monotonic()
    finally:
        sampler.running = False
        process.terminate()
        process.wait(timeout=30)
    base = statistics.median(idle)
    reading = [s for t, s in during if t < (upload.preview or end)]
    after = [s for t, s in during if t >= (upload.preview or end)]
    mb = 1024 * 1024
    print(f"second user's map page (/?area=all, {COMMUNES} communes drawn), loopback:")
    print(f"  idle (median of {RUNS}):              {base:6.2f} s   {_list(idle)}")
    phases = (("while reading (drop → preview)", reading), ("after preview (matching)", after))
    for label, loads in phases:
        if loads:
            worst = max(loads)
            print(
                f"  {label:32s} median {statistics.median(loads):6.2f} s, worst {worst:6.2f} s"
                f" ({worst / base:.2f}× idle)   {_list(loads)}"
            )
    print(f"upload of {UPLOAD_BYTES / 1e6:.0f} MB CSV ({csv.name}): {upload.outcome}")
    if upload.reading:
        print(f"  drop → progress bar shown:          {upload.reading - upload.started:6.2f} s")
    if upload.preview:
        print(f"  drop → preview:                     {upload.preview - upload.started:6.2f} s")
    if upload.settled:
        print(f"  drop → page done (save button):     {upload.settled - upload.started:6.2f} s")
    else:
        print(f"  page not done within {UPLOAD_TIMEOUT_S} s of the drop")
    split = upload.preview or end
    print("server memory (RSS): server alone, and with its child processes")
    for label, (alone, whole) in (
        ("idle", idle_rss),
        ("peak while reading", sampler.peak(upload.started, split)),
        ("peak after preview", sampler.peak(split, end)),
    ):
        print(f"  {label + ':':34s} {alone / mb:7.0f} MB   {whole / mb:7.0f} MB")


def _list(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"


if __name__ == "__main__":
    main()
