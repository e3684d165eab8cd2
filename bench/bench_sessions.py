"""A room full of users: 1, 5, 10, 20 sessions opening the map page at once (server only).

The sessions are **not** browsers: a websocket client replays what a browser sends. First a real
Chromium (Playwright, ``ui.assets.CHROMIUM_ARGS``) opens the page once and the BackMsg frames it
sends on ``/_stcore/stream`` before its first ``script_finished`` are recorded (for this app: one
``rerun_script`` with the widget states and the page's URL). Then each simulated session

1. GETs the page (untimed) for the cookies a browser would hold: Streamlit's XSRF cookie
   ``_streamlit_xsrf`` and any sticky cookie a proxy sets (``ba_node`` in shared mode);
2. opens ``/_stcore/stream`` with what the browser sends that matters: ``Origin``, those cookies,
   the subprotocols ``streamlit, <xsrf token>`` and ``permessage-deflate``;
3. sends the recorded frames (the ``context_info.url`` patched to the session's URL) and reads
   ForwardMsgs (decoded with ``streamlit.proto``) until ``script_finished``.

In shared mode (``--serve``) every session must sign in first: the browser signs in with the
account ``bench_live.launch`` made, and each simulated session replays the sign-in page's run
(untimed), then the form's submit; its times start at that submit (sign-in, then the map).

Before the timed rounds, ``--warmup`` sessions (default 8) run untimed, so that every worker
behind a shared-mode proxy has run the page once (the recording warms only one of them; a
sticky cookie is drawn at random per session). Then all N sessions of a round connect at the
same moment; times run from the websocket connect:

``map``  until the ForwardMsg carrying the map (an element whose component name contains
         ``--component``, default ``streamlit_folium``) has arrived;
``done`` until ``script_finished``.

For each N it prints the median, p95 and max of both, the server CPU seconds spent (user +
system over every server process and its children: the app started here (``streamlit run``, or
with ``--serve`` the shared mode ``scripts/serve.py``: its workers and nginx), or with ``--url``
the processes given by ``--pid``, else every process whose command line mentions
``streamlit``), the peak of the summed RSS (sampled every 50 ms) and the bytes received per
session: on the wire (the sessions go through ``bench/throttle.py`` without shaping, which
counts) and decoded. A replayed session does not run the page's JavaScript, so it does not
fetch static files and its map component never reports back (a browser's st_folium may trigger
one more rerun): this measures the server, not the browser. No assertions.

Run::

    export BORDER_ATLAS_DATA=$(realpath ../shared/data)
    .venv/bin/python bench/bench_sessions.py                       # starts the app itself
    .venv/bin/python bench/bench_sessions.py --app-dir /tmp/before  # another tree (old commit)
    .venv/bin/python bench/bench_sessions.py --serve                # shared mode, started here
    .venv/bin/python bench/bench_sessions.py --url http://127.0.0.1:8080 --pid <launcher pid>
    .venv/bin/python bench/bench_sessions.py --sessions 1,5 --json bench/out/sessions.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlparse

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path[:0] = [str(BENCH), str(PROJECT)]

from bench_live import BLOCK_OUTSIDE, FRAME, _sign_in, cpu_seconds, launch  # noqa: E402
from bench_page import PATHS, _free_port, _wait_healthy  # noqa: E402
from throttle import Throttle  # noqa: E402

from ui.assets import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

STREAM = "_stcore/stream"
RERUN_STATUS = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
TIMEOUT = 300.0


class ReplayError(RuntimeError):
    """The recording or a replayed session went wrong."""


@dataclass
class Session:
    """One replayed session's outcome (seconds from connect; bytes decoded)."""

    map_s: float | None = None
    done_s: float | None = None
    payload: int = 0
    error: str = ""


@dataclass
class Monitor:
    """Samples the summed RSS of the server processes every 50 ms in a thread."""

    processes: list[psutil.Process]
    peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _rss(self) -> int:
        total = 0
        for process in self._all():
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total

    def _all(self) -> list[psutil.Process]:
        found = []
        for process in self.processes:
            with contextlib.suppress(psutil.Error):
                found += [process, *process.children(recursive=True)]
        return found

    def cpu(self) -> float:
        """CPU seconds so far of the processes and their (live and waited-for) children."""
        total = 0.0
        for process in self._all():
            with contextlib.suppress(psutil.Error):
                total += cpu_seconds(process)
        return total

    def __enter__(self) -> Monitor:
        self.peak = self._rss()

        def run() -> None:
            while not self._stop.wait(0.05):
                self.peak = max(self.peak, self._rss())

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()


def record(
    url: str, *, query: str, min_paths: int, sign_in: bool = False
) -> tuple[list[bytes], list[bytes]]:
    """The BackMsg frames a real browser sends on the stream before its first script_finished:
    ``([], frames)``. With ``sign_in`` (shared mode) that first run is the sign-in page: then
    ``(those frames, [the frame that submits the sign-in form])``, replayed one after the other."""
    from playwright.sync_api import sync_playwright

    sent: list[bytes] = []
    finished = threading.Event()
    prelude: list[bytes] = []

    def on_socket(socket) -> None:
        if STREAM not in socket.url:
            return
        socket.on("framesent", lambda f: None if finished.is_set() else sent.append(_raw(f)))
        socket.on("framereceived", lambda f: _finished(_raw(f)) and finished.set())

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *BLOCK_OUTSIDE]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("websocket", on_socket)
        page.goto(url + query, timeout=TIMEOUT * 1000)
        if sign_in:  # the bench account of bench_live.launch
            deadline = time.monotonic() + TIMEOUT
            while not finished.is_set() and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            prelude, sent[:] = list(sent), []
            finished.clear()
            _sign_in(page)
        paths = page.frame_locator(FRAME).first.locator(f"{PATHS} >> nth={min_paths - 1}")
        paths.wait_for(state="attached", timeout=TIMEOUT * 1000)
        deadline = time.monotonic() + TIMEOUT
        while not finished.is_set() and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        browser.close()
    if not sent:
        raise ReplayError("the browser sent nothing on the stream")
    return prelude, sent[:1] if sign_in else sent


def _raw(frame: bytes | str) -> bytes:
    return frame if isinstance(frame, bytes) else frame.encode("latin-1")


def _finished(data: bytes) -> bool:
    message = ForwardMsg()
    message.ParseFromString(data)
    return message.WhichOneof("type") == "script_finished"


def patch(frames: list[bytes], url: str) -> list[bytes]:
    """The frames with ``context_info.url`` (the page's URL) pointing at ``url``.

    Examples
    --------
    >>> message = BackMsg()
    >>> message.rerun_script.context_info.url = "http://127.0.0.1:1/?area=x"
    >>> out = patch([message.SerializeToString()], "http://127.0.0.1:2")
    >>> back = BackMsg()
    >>> _ = back.ParseFromString(out[0])
    >>> back.rerun_script.context_info.url
    'http://127.0.0.1:2/?area=x'
    """
    target = urlparse(url)
    out = []
    for frame in frames:
        message = BackMsg()
        message.ParseFromString(frame)
        if message.WhichOneof("type") == "rerun_script":
            info = message.rerun_script.context_info
            if info.url:
                old = urlparse(info.url)
                info.url = old._replace(scheme=target.scheme, netloc=target.netloc).geturl()
        out.append(message.SerializeToString())
    return out


def _carries(message: ForwardMsg, component: str) -> bool:
    if message.WhichOneof("type") != "delta":
        return False
    delta = message.delta
    if delta.WhichOneof("type") != "new_element":
        return False
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind in ("component_instance", "bidi_component"):
        return component in getattr(element, kind).component_name
    return False


def _cookies(url: str) -> tuple[str, str | None]:
    """GET ``url``; return its Cookie header for later requests and the XSRF token."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url, timeout=60) as response:
        response.read()
    header = "; ".join(f"{c.name}={c.value}" for c in jar)
    xsrf = next((c.value for c in jar if c.name == "_streamlit_xsrf"), None)
    return header, xsrf


async def _finish(socket) -> None:
    """Read until the run that the frames sent started has finished."""
    async with asyncio.timeout(TIMEOUT):
        async for data in socket:
            message = ForwardMsg()
            message.ParseFromString(_raw(data))
            if message.WhichOneof("type") == "script_finished":
                return


async def _session(
    url: str,
    frames: list[bytes],
    *,
    cookie: str,
    xsrf: str | None,
    component: str,
    go: float,
    prelude: list[bytes] = (),
) -> Session:
    """One replayed session. With a ``prelude`` (shared mode's sign-in page), it runs first and
    the times start when ``frames`` (the sign-in) are sent: signing in, then the map."""
    result = Session()
    parts = urlparse(url)
    ws_url = parts._replace(
        scheme="wss" if parts.scheme == "https" else "ws", path=f"{parts.path.rstrip('/')}/{STREAM}"
    ).geturl()
    await asyncio.sleep(max(0.0, go - time.monotonic()))
    start = time.monotonic()
    try:
        async with connect(
            ws_url,
            origin=f"{parts.scheme}://{parts.netloc}",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=TIMEOUT,
        ) as socket:
            if prelude:
                for frame in prelude:
                    await socket.send(frame)
                await _finish(socket)
                start = time.monotonic()
            for frame in frames:
                await socket.send(frame)
            async with asyncio.timeout(TIMEOUT):
                async for data in socket:
                    raw = _raw(data)
                    result.payload += len(raw)
                    message = ForwardMsg()
                    message.ParseFromString(raw)
                    if result.map_s is None and _carries(message, component):
                        result.map_s = time.monotonic() - start
                    if message.WhichOneof("type") == "script_finished":
                        if prelude and message.script_finished == RERUN_STATUS:
                            continue  # the sign-in run hands over to the page's run
                        result.done_s = time.monotonic() - start
                        break
    except Exception as error:  # report it with the numbers, do not lose the other sessions
        result.error = f"{type(error).__name__}: {error}"
    return result


async def _crowd(
    url: str,
    frames: list[bytes],
    count: int,
    *,
    component: str,
    counter: Throttle,
    prelude: list[bytes] = (),
) -> list[Session]:
    """Get ``count`` sessions' cookies, zero ``counter``, then replay all sessions at once."""
    loop = asyncio.get_running_loop()
    jars = await asyncio.gather(*(loop.run_in_executor(None, _cookies, url) for _ in range(count)))
    counter.reset()
    go = time.monotonic() + 0.2
    return list(
        await asyncio.gather(
            *(
                _session(
                    url,
                    frames,
                    cookie=cookie,
                    xsrf=xsrf,
                    component=component,
                    go=go,
                    prelude=prelude,
                )
                for cookie, xsrf in jars
            )
        )
    )


def _p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank).

    >>> _p95([1.0, 2.0, 3.0])
    3.0
    >>> _p95([float(i) for i in range(1, 101)])
    95.0
    """
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def _servers(pids: list[int], own: subprocess.Popen | None) -> list[psutil.Process]:
    if own:
        return [psutil.Process(own.pid)]
    if pids:
        return [psutil.Process(pid) for pid in pids]
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any("streamlit" in part for part in process.info["cmdline"] or []):
            found.append(process)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,5,10,20", help="comma-separated counts")
    parser.add_argument("--url", help="an already running app (else one is started)")
    parser.add_argument("--app-dir", type=Path, default=PROJECT, help="tree to start the app in")
    parser.add_argument("--pid", type=int, action="append", default=[], help="server process")
    parser.add_argument("--query", default="/", help="page the browser records")
    parser.add_argument("--min-paths", type=int, default=8, help="paths that mean 'drawn'")
    parser.add_argument("--component", default="streamlit_folium", help="map component name")
    parser.add_argument(
        "--serve", action="store_true", help="start the shared mode (scripts/serve.py) instead"
    )
    parser.add_argument(
        "--warmup", type=int, default=8, help="untimed sessions first (warm every worker)"
    )
    parser.add_argument("--json", type=Path, help="write the numbers here")
    args = parser.parse_args()
    counts = [int(n) for n in args.sessions.split(",") if n]

    own = None
    user_dir = tempfile.TemporaryDirectory(prefix="bench-sessions-")
    if args.url:
        target = urlparse(args.url.rstrip("/"))
    else:
        port = _free_port()
        own = launch(args.app_dir.resolve(), port, user_dir=user_dir.name, serve=args.serve)
        target = urlparse(f"http://127.0.0.1:{port}")
    host, _, port_text = target.netloc.partition(":")
    report: dict[str, dict] = {}
    try:
        _wait_healthy(target.geturl())
        with Throttle(
            int(port_text or 80), host=host or "127.0.0.1", rate=None, delay=0.0
        ) as counter:
            url = target._replace(netloc=f"127.0.0.1:{counter.port}").geturl()
            prelude, frames = record(
                url, query=args.query, min_paths=args.min_paths, sign_in=args.serve
            )
            prelude, frames = patch(prelude, url), patch(frames, url)
            kinds = [BackMsg.FromString(frame).WhichOneof("type") for frame in frames]
            print(f"replaying {len(frames)} recorded frame(s) {kinds} to {target.geturl()}")
            servers = _servers(args.pid, own)
            print(f"server processes watched: {[p.pid for p in servers]}")
            if args.warmup:
                warm = asyncio.run(
                    _crowd(
                        url,
                        frames,
                        args.warmup,
                        component=args.component,
                        counter=counter,
                        prelude=prelude,
                    )
                )
                print(f"warm-up: {args.warmup} sessions, {sum(bool(s.error) for s in warm)} failed")
            print(
                f"{'sessions':>8} {'map med':>8} {'p95':>7} {'max':>7} {'done med':>9} {'p95':>7}"
                f" {'max':>7} {'CPU s':>7} {'peak RSS MB':>12} {'wire KB/s':>10}"
                f" {'payload KB/s':>13} {'errors':>6}"
            )
            for count in counts:
                monitor = Monitor(servers)
                with monitor:
                    cpu = monitor.cpu()
                    sessions = asyncio.run(
                        _crowd(
                            url,
                            frames,
                            count,
                            component=args.component,
                            counter=counter,
                            prelude=prelude,
                        )
                    )
                    cpu = monitor.cpu() - cpu
                good = [s for s in sessions if s.map_s is not None and s.done_s is not None]
                errors = [
                    s.error or "no map or no script_finished" for s in sessions if s not in good
                ]
                maps = [s.map_s for s in good] or [float("nan")]
                done = [s.done_s for s in good] or [float("nan")]
                row = {
                    "map_median_s": statistics.median(maps),
                    "map_p95_s": _p95(maps),
                    "map_max_s": max(maps),
                    "done_median_s": statistics.median(done),
                    "done_p95_s": _p95(done),
                    "done_max_s": max(done),
                    "server_cpu_s": cpu,
                    "peak_rss_mb": monitor.peak / 1e6,
                    "wire_kb_per_session": counter.down / 1000 / count,
                    "payload_kb_per_session": statistics.mean(s.payload for s in sessions) / 1000,
                    "errors": len(errors),
                }
                report[str(count)] = row
                print(
                    f"{count:>8} {row['map_median_s']:>8.2f} {row['map_p95_s']:>7.2f}"
                    f" {row['map_max_s']:>7.2f} {row['done_median_s']:>9.2f}"
                    f" {row['done_p95_s']:>7.2f} {row['done_max_s']:>7.2f} {cpu:>7.2f}"
                    f" {row['peak_rss_mb']:>12.0f} {row['wire_kb_per_session']:>10.0f}"
                    f" {row['payload_kb_per_session']:>13.0f} {len(errors):>6}",
                    flush=True,
                )
                for error in sorted(set(errors))[:3]:
                    print(f"         error: {error}", file=sys.stderr)
    finally:
        if own:
            own.terminate()
            try:
                own.wait(timeout=20)
            except subprocess.TimeoutExpired:
                own.kill()
        user_dir.cleanup()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
