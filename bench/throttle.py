"""A throttling TCP proxy for the live benchmarks: a slow mountain link on loopback.

Listens on a local port and forwards every connection to a target port, shaping **both**
directions to a bandwidth (default 4 Mbit/s = 500,000 bytes/s per direction) and adding a
one-way latency to each (default 50 ms each way, so the round trip gains ~100 ms).

The model is a link with a fixed capacity and a propagation delay:

* **bandwidth**: one token bucket per direction, shared by every connection (the link is one
  pipe; connections opened in parallel share it), with a small burst (16 KB). Chunks of at most
  16 KB take turns, so parallel downloads interleave.
* **handshake**: a new connection waits one round trip (``2 * delay``) before its first byte
  goes on, as a TCP handshake over the link would cost.
* **latency**: each connection has its own delay line per direction. A chunk enters it once the
  bucket let it through and leaves ``delay`` seconds later, so the delay adds to each chunk's
  arrival without slowing the rate (a 1 MB response takes 2 s + 50 ms at 500 KB/s, not longer).

Bytes are counted per direction as they are delivered: ``up`` (client → app) and ``down``
(app → client), both as totals and as counters that :meth:`Throttle.reset` zeroes, so a
benchmark can read "bytes down during this step". With ``rate=None`` and ``delay=0`` the proxy
only counts (the loopback runs of ``bench/bench_live.py`` go through it that way).

The proxy does not read HTTP: the browser's ``Host`` and ``Origin`` name the proxy's port, which
Streamlit accepts (same host, same port as the page).

Use as a module (a thread runs the proxy's event loop)::

    with Throttle(8501, rate=500_000, delay=0.05) as proxy:
        ...  # browse http://127.0.0.1:{proxy.port}
        proxy.reset()
        ...
        print(proxy.down, proxy.down_total)

or from the command line (``Ctrl-C`` or SIGTERM stops it and prints the totals)::

    .venv/bin/python bench/throttle.py 8501 --listen 8600 --mbit 4 --rtt-ms 100

Examples
--------
>>> bucket = TokenBucket(rate=None)
>>> bucket.wait_for(10_000_000, now=0.0)
0.0
>>> bucket = TokenBucket(rate=1000, burst=100)
>>> bucket.wait_for(600, now=0.0)  # 100 bytes of burst, then 500 bytes at 1000 B/s
0.5
>>> bucket.wait_for(500, now=0.5)  # the link is busy until 0.5, then this takes 0.5 s
0.5
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CHUNK = 16_384
"""Largest piece read and sent at once: parallel connections take turns at this grain."""

DEFAULT_RATE = 500_000
"""4 Mbit/s in bytes per second, per direction."""

DEFAULT_DELAY = 0.05
"""One-way latency in seconds, added to each direction (round trip + 100 ms)."""


class ThrottleError(RuntimeError):
    """The proxy could not start (port taken, target unreachable at start, ...)."""


@dataclass
class TokenBucket:
    """A link's capacity in bytes per second (``None``: unlimited), with a ``burst`` in bytes.

    :meth:`wait_for` books ``size`` bytes on the link and says how long the sender waits before
    they have gone through: the link is modelled as the time at which it is free again.
    """

    rate: float | None
    burst: int = CHUNK
    _free_at: float = field(default=float("-inf"), repr=False)

    def wait_for(self, size: int, *, now: float) -> float:
        """Book ``size`` bytes at time ``now``; return the seconds to wait (0: at once)."""
        if not self.rate:
            return 0.0
        self._free_at = max(self._free_at, now - self.burst / self.rate) + size / self.rate
        return max(0.0, self._free_at - now)


@dataclass
class _Direction:
    """One direction's bucket and byte counters."""

    bucket: TokenBucket
    total: int = 0
    since_reset: int = 0

    def count(self, size: int) -> None:
        self.total += size
        self.since_reset += size


class Throttle:
    """A shaping TCP proxy from ``127.0.0.1:port`` to ``host:target_port``, run in a thread.

    Parameters
    ----------
    target_port
        The port to forward to (the app's).
    host
        The host to forward to.
    listen_port
        The port to listen on (0: a free one; read :attr:`port` after :meth:`start`).
    rate
        Bytes per second per direction; ``None`` for no shaping.
    delay
        One-way latency in seconds, added to each direction.
    """

    def __init__(
        self,
        target_port: int,
        *,
        host: str = "127.0.0.1",
        listen_port: int = 0,
        rate: float | None = DEFAULT_RATE,
        delay: float = DEFAULT_DELAY,
    ) -> None:
        self.target = (host, target_port)
        self.port = listen_port
        self.rate = rate
        self.delay = delay
        self._up = _Direction(TokenBucket(rate))
        self._down = _Direction(TokenBucket(rate))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._tasks: set[asyncio.Task] = set()
        self.connections = 0

    # counters -------------------------------------------------------------------------------
    @property
    def up(self) -> int:
        """Bytes client → app since the last :meth:`reset`."""
        return self._up.since_reset

    @property
    def down(self) -> int:
        """Bytes app → client since the last :meth:`reset`."""
        return self._down.since_reset

    @property
    def up_total(self) -> int:
        return self._up.total

    @property
    def down_total(self) -> int:
        return self._down.total

    def reset(self) -> None:
        """Zero the ``up``/``down`` counters (the totals keep counting)."""
        self._up.since_reset = 0
        self._down.since_reset = 0

    # lifecycle ------------------------------------------------------------------------------
    def start(self) -> Throttle:
        """Start listening in a background thread; return self once the port is bound."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self._server = loop.run_until_complete(
                    asyncio.start_server(self._handle, "127.0.0.1", self.port)
                )
            except OSError as error:
                failure.append(error)
                ready.set()
                return
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="throttle", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise ThrottleError(f"cannot listen on port {self.port}: {failure[0]}")
        return self

    def stop(self) -> None:
        """Close the listener and every connection; wait for the thread to end."""
        if self._loop and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    def __enter__(self) -> Throttle:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _shutdown(self) -> None:
        if self._server:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # forwarding -----------------------------------------------------------------------------
    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task:
            self._tasks.add(task)
        self.connections += 1
        try:
            await asyncio.sleep(2 * self.delay)  # the TCP handshake costs a round trip
            app_r, app_w = await asyncio.open_connection(*self.target)
        except (OSError, asyncio.CancelledError):
            client_w.close()
            return
        pumps = [
            asyncio.ensure_future(self._pump(client_r, app_w, self._up)),
            asyncio.ensure_future(self._pump(app_r, client_w, self._down)),
        ]
        try:
            await asyncio.gather(*pumps)
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # a side went away, or the proxy stops: close both ends quietly
        finally:
            for pump in pumps:
                pump.cancel()
            for writer in (client_w, app_w):
                writer.close()
            if task:
                self._tasks.discard(task)

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, way: _Direction
    ) -> None:
        """Read, pass the link's bucket, then the connection's delay line, then write."""
        line: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        sender = asyncio.ensure_future(self._send(line, writer, way.count))
        try:
            while data := await reader.read(CHUNK):
                wait = way.bucket.wait_for(len(data), now=time.monotonic())
                if wait:
                    await asyncio.sleep(wait)
                line.put_nowait((time.monotonic() + self.delay, data))
            line.put_nowait((time.monotonic() + self.delay, b""))
            await sender
        finally:
            sender.cancel()

    @staticmethod
    async def _send(
        line: asyncio.Queue[tuple[float, bytes]],
        writer: asyncio.StreamWriter,
        count: Callable[[int], None],
    ) -> None:
        while True:
            due, data = await line.get()
            late = due - time.monotonic()
            if late > 0:
                await asyncio.sleep(late)
            if not data:
                if writer.can_write_eof():
                    with contextlib.suppress(OSError):
                        writer.write_eof()
                return
            count(len(data))
            writer.write(data)
            await writer.drain()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=int, help="the app's port on 127.0.0.1")
    parser.add_argument("--listen", type=int, default=8600, help="port to listen on")
    parser.add_argument("--mbit", type=float, default=4.0, help="Mbit/s per direction; 0: none")
    parser.add_argument("--rtt-ms", type=float, default=100.0, help="added round trip, ms")
    args = parser.parse_args()
    proxy = Throttle(
        args.target,
        listen_port=args.listen,
        rate=args.mbit * 125_000 or None,
        delay=args.rtt_ms / 2000,
    ).start()
    print(
        f"127.0.0.1:{proxy.port} → 127.0.0.1:{args.target}, "
        f"{args.mbit:g} Mbit/s each way, +{args.rtt_ms:g} ms round trip (half each way)"
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop()
        print(f"bytes up {proxy.up_total:,}, down {proxy.down_total:,}")


if __name__ == "__main__":
    main()
