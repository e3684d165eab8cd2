"""What users wait for on the live app: cold start, first and repeat visits, filter changes.

Starts the app (``<python> -m streamlit run app.py`` in each ``--app-dir``, the data bundle from
``BORDER_ATLAS_DATA``, a fresh user store per start), puts ``bench/throttle.py`` in front of it
and drives Debian's Chromium through it with Playwright (flags ``ui.assets.CHROMIUM_ARGS``;
every request not to loopback fails: see ``BLOCK_OUTSIDE``). With ``--serve`` it starts the
shared mode instead (``scripts/serve.py``: nginx, compressing, in front of one Streamlit process
per core; not in the old commit), with an account made by ``python -m access`` in its user
directory; each visit then signs in on the way to the map. Two links, each with its own app start:

* ``loopback``: the proxy only counts bytes (no shaping, no delay);
* ``field``: 4 Mbit/s each way and +100 ms round trip (50 ms each way, one round trip more for
  each new TCP connection): a mountain mobile link.

Measures, per app start (``--runs`` times, medians printed):

``cold_s``
    process start → first map drawn. The browser opens the page as soon as
    ``/_stcore/health`` answers. "Drawn": inside the st_folium iframe, the Leaflet overlay pane
    holds at least ``--min-paths`` interactive paths (8: the communes of the default view,
    Quan Sơn, 2025 edition).
``first_s`` / ``first_kb``
    a new browser context (empty cache) → map drawn; kilobytes down (app → browser, counted by
    the proxy) until the app is idle again (``stApp``'s ``data-test-script-state`` no longer
    ``running``) and nothing went down for a second (the wait is not in the time).
``repeat_s`` / ``repeat_kb`` / ``repeat_cpu_s``
    the same context loading the page again (its cache filled); the server's CPU seconds
    (user + system of the started process and its children) spent on that page view.
``filter_s`` / ``filter_kb`` / ``filter_cpu_s``
    ticking "border communes only" (options expander ``st-key-w_options``, checkbox
    ``st-key-w_bord``) → the commune paths changed (a snapshot of the overlay pane's SVG differs)
    and the app is idle; bytes down and server CPU seconds during the change.
``indicator_s`` / ``indicator_kb``
    choosing the second entry of "Colour by" (``st-key-w_indicator``), measured the same way.
``peak_rss_mb``
    the Streamlit process' peak resident memory (``VmHWM``) at the end of the run (``--serve``:
    the sum of every process' peak, an upper bound).

With several ``--app-dir`` (e.g. a worktree of the old commit and the current tree) the runs
interleave (A, B, A, B, ...) and a before/after table is printed. Numbers vary with the
machine's load: compare medians from the same run. No assertions.

Run (a worktree of the old commit needs ``static/vendor`` copied from the main tree)::

    export BORDER_ATLAS_DATA=$(realpath ../shared/data)
    git worktree add /tmp/before cb519c0 && cp -r static/vendor /tmp/before/static/
    .venv/bin/python bench/bench_live.py --app-dir /tmp/before --app-dir . --runs 3 \\
        --json bench/out/live.json
    .venv/bin/python bench/bench_live.py --runs 1 --links loopback   # a quick look
    .venv/bin/python bench/bench_live.py --serve --runs 3            # the shared mode
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psutil

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path[:0] = [str(BENCH), str(PROJECT)]

from bench_page import PATHS, _free_port, _wait_healthy  # noqa: E402
from throttle import DEFAULT_DELAY, DEFAULT_RATE, Throttle  # noqa: E402

from ui.assets import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LINKS: dict[str, tuple[float | None, float]] = {
    "loopback": (None, 0.0),
    "field": (DEFAULT_RATE, DEFAULT_DELAY),
}
"""Link name → (bytes per second per direction, one-way delay in seconds)."""

FRAME = 'iframe[title*="streamlit_folium"], iframe[src*="streamlit_folium"]'
PANE = ".leaflet-overlay-pane"
APP = '[data-testid="stApp"]'
BUSY = ("running", "rerunRequested", "initial")
"""Values of stApp's ``data-test-script-state`` while the script has not finished."""

TIMEOUT = 180.0
METRICS = (
    ("cold_s", "cold start → map drawn", "s"),
    ("first_s", "first visit → map drawn", "s"),
    ("first_kb", "first visit, down", "KB"),
    ("repeat_s", "repeat visit → map drawn", "s"),
    ("repeat_kb", "repeat visit, down", "KB"),
    ("repeat_cpu_s", "repeat visit, server CPU", "s"),
    ("filter_s", "filter change → map updated", "s"),
    ("filter_kb", "filter change, down", "KB"),
    ("filter_cpu_s", "filter change, server CPU", "s"),
    ("indicator_s", "indicator change → map updated", "s"),
    ("indicator_kb", "indicator change, down", "KB"),
    ("peak_rss_mb", "server peak RSS", "MB"),
    ("outside_requests", "requests to outside hosts (blocked)", "n"),
)


ADD_ACCOUNT = (sys.executable, "-m", "access", "users", "add")
BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-not-secret"
"""The account ``--serve`` makes in its own throw-away user directory."""


class BenchError(RuntimeError):
    """The page did not reach the state a step waits for."""


@dataclass
class Options:
    query: str
    min_paths: int
    frame: str
    paths: str
    serve: bool = False


def launch(app_dir: Path, port: int, *, user_dir: str, serve: bool = False) -> subprocess.Popen:
    """Start the app in ``app_dir`` on 127.0.0.1:``port`` (output discarded).

    ``streamlit run app.py``, or with ``serve`` the shared mode (``scripts/serve.py``: nginx in
    front of one Streamlit process per core), which the old commit does not have.
    """
    if serve:  # shared mode asks every visitor to sign in: give the bench an account
        subprocess.run(
            [*ADD_ACCOUNT, BENCH_USER, "--role", "admin", "--password-stdin"],
            cwd=app_dir,
            env={**os.environ, "BORDER_ATLAS_USER_DIR": user_dir},
            input=BENCH_PASSWORD + "\n",
            text=True,
            capture_output=True,
            check=True,
        )
        command = ["scripts/serve.py", "--port", str(port), "--address", "127.0.0.1"]
    else:
        command = ["-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=app_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "BORDER_ATLAS_USER_DIR": user_dir},
    )


def cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU seconds of ``process`` and its waited-for children."""
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def tree(process: psutil.Process) -> list[psutil.Process]:
    """``process`` and its live descendants (a shared-mode launcher's workers and nginx)."""
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return [process]


def tree_cpu(process: psutil.Process) -> float:
    """CPU seconds of ``process``'s whole tree (see :func:`cpu_seconds`)."""
    total = 0.0
    for member in tree(process):
        with contextlib.suppress(psutil.Error):
            total += cpu_seconds(member)
    return total


def peak_rss_mb(process: psutil.Process) -> float:
    """Summed peak resident set size (``VmHWM``, from ``/proc``) of ``process``'s tree, in MB.

    For one process its peak; for a tree an upper bound (peaks need not coincide).
    """
    total = 0
    for member in tree(process):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total / 1024


def _until(check: Callable[[], bool], what: str, *, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise BenchError(f"timed out waiting for {what}")
        time.sleep(0.03)


def _quiet(proxy: Throttle, *, still: float = 1.0) -> None:
    """Wait until no byte went down for ``still`` seconds (late downloads end), at most 60 s."""
    deadline = time.monotonic() + 60
    seen, since = proxy.down, time.monotonic()
    while time.monotonic() - since < still and time.monotonic() < deadline:
        time.sleep(0.1)
        if proxy.down != seen:
            seen, since = proxy.down, time.monotonic()


def _idle(page) -> bool:
    state = page.locator(APP).first.get_attribute("data-test-script-state", timeout=5_000)
    return state not in BUSY


def _snapshot(page, opts: Options) -> str:
    """The overlay pane's SVG (paths with their style) inside the map frame; '' if absent."""
    pane = page.frame_locator(opts.frame).first.locator(PANE)
    try:
        return pane.first.inner_html(timeout=1_000) if pane.count() else ""
    except Exception:  # the frame is being replaced: treat as not drawn yet
        return ""


def _wait_drawn(page, opts: Options) -> None:
    nth = page.frame_locator(opts.frame).first.locator(f"{opts.paths} >> nth={opts.min_paths - 1}")
    nth.wait_for(state="attached", timeout=TIMEOUT * 1000)


def _sign_in(page) -> None:
    """Fill the shared mode's sign-in page (each visit is a new session) with the bench's
    account; the page then runs the map."""
    page.get_by_label("Tên tài khoản", exact=True).fill(BENCH_USER, timeout=TIMEOUT * 1000)
    page.get_by_label("Mật khẩu", exact=True).fill(BENCH_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def _visit(page, url: str, opts: Options) -> float:
    """Seconds from opening ``url`` until the map is drawn (in shared mode, signing in on
    the way: the time a user waits, but for typing)."""
    start = time.monotonic()
    page.goto(url + opts.query, timeout=TIMEOUT * 1000)
    if opts.serve:
        _sign_in(page)
    _wait_drawn(page, opts)
    return time.monotonic() - start


def _change(page, opts: Options, act: Callable[[], None]) -> float:
    """Seconds from ``act()`` until the map's paths changed and the app is idle."""
    before = _snapshot(page, opts)
    start = time.monotonic()
    act()
    _until(
        lambda: (now := _snapshot(page, opts)) != before and bool(now) and _idle(page),
        "the map to change",
    )
    return time.monotonic() - start


BLOCK_OUTSIDE = [
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
"""Outside requests fail: names other than the loopback ones do not resolve, and everything not
to loopback (which Chromium never proxies) goes to a closed port. Playwright's request routing
would block them too, but it turns the HTTP cache off, and the repeat visit measures the cache."""


def _outside(context, url: str) -> list[str]:
    """Record the requests of ``context`` not to ``url``'s host (they fail: BLOCK_OUTSIDE)."""
    own = urlparse(url).netloc
    seen: list[str] = []
    context.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if urlparse(request.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(request.url).netloc != own
            else None
        ),
    )
    return seen


def _pick_second_option(page, selector: str) -> Callable[[], None]:
    """Open the select box ``selector`` and return the click choosing its second entry."""
    box = page.locator(f"{selector} input").first
    box.click()
    option = page.locator('[role="option"]').nth(1)
    try:
        option.wait_for(timeout=10_000)
    except Exception:  # the list did not open on the click: the keyboard opens it
        box.press("ArrowDown")
        option.wait_for(timeout=30_000)
    return option.click


def one_run(browser, app_dir: Path, link: str, opts: Options) -> dict[str, float]:
    """Start the app in ``app_dir`` behind the proxy for ``link``; measure every step.

    A step that fails ends the run; the steps measured before it are kept (and a screenshot of
    the page goes to ``bench/out/live-failed-<link>.png``).
    """
    rate, delay = LINKS[link]
    port = _free_port()
    result: dict[str, float] = {}
    step = "start"
    page = None
    with (
        tempfile.TemporaryDirectory(prefix="bench-live-") as user_dir,
        Throttle(port, rate=rate, delay=delay) as proxy,
    ):
        url = f"http://127.0.0.1:{proxy.port}"
        started = time.monotonic()
        process = launch(app_dir, port, user_dir=user_dir, serve=opts.serve)
        server = psutil.Process(process.pid)
        outside: list[str] = []
        try:
            _wait_healthy(f"http://127.0.0.1:{port}")
            step = "cold start"
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            outside += _outside(context, url)
            page = context.new_page()
            _visit(page, url, opts)
            result["cold_s"] = time.monotonic() - started
            context.close()

            step = "first visit"
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            outside += _outside(context, url)
            page = context.new_page()
            proxy.reset()
            result["first_s"] = _visit(page, url, opts)
            _until(lambda: _idle(page), "the first visit to finish")
            _quiet(proxy)
            result["first_kb"] = proxy.down / 1000

            step = "repeat visit"
            time.sleep(0.5)
            cpu = tree_cpu(server)
            proxy.reset()
            result["repeat_s"] = _visit(page, url, opts)
            _until(lambda: _idle(page), "the repeat visit to finish")
            _quiet(proxy)
            result["repeat_kb"] = proxy.down / 1000
            result["repeat_cpu_s"] = tree_cpu(server) - cpu

            step = "filter change"
            page.locator(".st-key-w_options summary").first.click()
            checkbox = page.locator(".st-key-w_bord label").first
            checkbox.wait_for(timeout=TIMEOUT * 1000)
            time.sleep(0.5)
            _until(lambda: _idle(page), "the app to be idle")
            cpu = tree_cpu(server)
            proxy.reset()
            result["filter_s"] = _change(page, opts, checkbox.click)
            _quiet(proxy)
            result["filter_kb"] = proxy.down / 1000
            result["filter_cpu_s"] = tree_cpu(server) - cpu

            step = "indicator change"
            choose = _pick_second_option(page, ".st-key-w_indicator")
            proxy.reset()
            result["indicator_s"] = _change(page, opts, choose)
            _quiet(proxy)
            result["indicator_kb"] = proxy.down / 1000
            context.close()
        except Exception as error:  # keep the steps measured so far
            print(f"  {link} {app_dir}: {step} failed: {error}".splitlines()[0], file=sys.stderr)
            if page is not None:
                with contextlib.suppress(Exception):
                    (BENCH / "out").mkdir(exist_ok=True)
                    page.screenshot(path=BENCH / "out" / f"live-failed-{link}.png")
        finally:
            with contextlib.suppress(psutil.Error):
                result["peak_rss_mb"] = peak_rss_mb(server)
            result["outside_requests"] = len(outside)
            if outside:
                print(f"  blocked outside requests: {sorted(set(outside))[:5]}", file=sys.stderr)
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return result


def _table(results: dict[str, dict[str, list[dict[str, float]]]], links: list[str]) -> str:
    apps = list(results)
    width = max(12, *(len(a) for a in apps))
    lines = [f"{'median of runs':<44}" + "".join(f"{a[-width:]:>{width + 2}}" for a in apps)]
    for link in links:
        lines.append(f"[{link}]")
        for key, label, unit in METRICS:
            cells = []
            for app in apps:
                values = [run[key] for run in results[app][link] if key in run]
                cells.append(f"{statistics.median(values):.2f}" if values else "-")
            lines.append(
                f"  {label + ' (' + unit + ')':<42}" + "".join(f"{c:>{width + 2}}" for c in cells)
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-dir", action="append", type=Path, help="repeatable; default: .")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--links", default="loopback,field", help="loopback,field")
    parser.add_argument("--query", default="/", help="page opened (default: the default view)")
    parser.add_argument("--min-paths", type=int, default=8, help="paths that mean 'drawn'")
    parser.add_argument("--frame", default=FRAME, help="CSS selector of the map's iframe")
    parser.add_argument("--paths", default=PATHS, help="CSS selector of a commune path")
    parser.add_argument(
        "--serve", action="store_true", help="start the shared mode (scripts/serve.py) instead"
    )
    parser.add_argument("--json", type=Path, help="write every run's numbers here")
    args = parser.parse_args()
    apps = [path.resolve() for path in (args.app_dir or [PROJECT])]
    links = [name for name in args.links.split(",") if name]
    opts = Options(args.query, args.min_paths, args.frame, args.paths, serve=args.serve)

    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[dict[str, float]]]] = {
        str(app): {link: [] for link in links} for app in apps
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *BLOCK_OUTSIDE]
        )
        for run in range(args.runs):
            for link in links:
                for app in apps:
                    try:
                        numbers = one_run(browser, app, link, opts)
                    except Exception as error:  # one failed run must not lose the others
                        print(f"run {run + 1} {link} {app}: failed: {error}", file=sys.stderr)
                        continue
                    results[str(app)][link].append(numbers)
                    shown = ", ".join(f"{k}={v:.2f}" for k, v in numbers.items())
                    print(f"run {run + 1} {link} {app}: {shown}", flush=True)
        browser.close()
    print()
    print(_table(results, links))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
