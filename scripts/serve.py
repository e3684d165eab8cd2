"""Shared mode (``make serve``): nginx in front of one Streamlit process per core.

Starts ``--workers`` Streamlit processes (default: ``os.cpu_count()``), each on its own port of
127.0.0.1, all on the same data bundle (``BORDER_ATLAS_DATA``), the same user store
(``BORDER_ATLAS_USER_DIR``: one SQLite file in WAL mode, safe for several processes) and the
same cookie secret; waits until each answers ``/_stcore/health`` and runs the first page once
in each (Streamlit's script health check, so the first visitors find it warm; nginx answers 404
to that address from outside); then runs Debian's nginx on
``--port`` (default 8501) with ``scripts/nginx.conf.in`` rendered into a temporary runtime
directory. nginx compresses what it sends (gzip), serves ``static/`` from disk with long-lived
caching, passes the websocket through (with Streamlit's own ``permessage-deflate``) and keeps
each browser on one worker: a new browser goes to the next worker in turn and gets a
``ba_node`` cookie naming it (1..N), which sends it there again.

The workers run in shared mode (``BORDER_ATLAS_MODE=shared``): every visitor signs in with an
account (README "Accounts and roles"); when none exists yet the launcher says how to create the
first administrator (:func:`no_account_note`).

Ctrl-C, SIGTERM or SIGHUP stops everything; if any process dies, the others are stopped and the
launcher exits with status 1. The cookie secret is made once and kept, mode 0600, as
``cookie_secret`` in the user directory.

Run from the project directory::

    .venv/bin/python scripts/serve.py --port 8501 [--workers N] [--address 0.0.0.0]

From Python (tests), :func:`start` returns a running :class:`SharedMode` to ``stop()``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from geo import settings  # noqa: E402
from ui.assets import STATIC_DIR, STATIC_URL  # noqa: E402

TEMPLATE = PROJECT / "scripts" / "nginx.conf.in"
STREAMLIT_CONFIG = PROJECT / ".streamlit" / "config.toml"
SECRET_FILE = "cookie_secret"
"""Name of the cookie secret's file in the user directory."""
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
MIME_TYPES = Path("/etc/nginx/mime.types")
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 10.0
_PR_SET_PDEATHSIG = 1


class ServeError(RuntimeError):
    """The shared mode could not start, or one of its processes stopped."""


def nginx_binary() -> str:
    """Path of Debian's ``nginx`` (often in /usr/sbin, outside a user's PATH).

    Raises
    ------
    ServeError
        When nginx is not installed.
    """
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise ServeError("nginx is not installed: `make serve` installs Debian's nginx package")
    return found


def cookie_secret(user_dir: Path) -> str:
    """Return the cookie secret kept in ``user_dir``, making it (mode 0600) the first time.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> first = cookie_secret(folder)
    >>> first == cookie_secret(folder), len(first), oct((folder / SECRET_FILE).stat().st_mode)
    (True, 64, '0o100600')
    """
    path = user_dir / SECRET_FILE
    user_dir.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
        path.unlink()
        return cookie_secret(user_dir)
    value = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


def max_upload_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """Streamlit's ``server.maxUploadSize`` (MB) from ``config``; Streamlit's 200 when unset.

    Examples
    --------
    >>> max_upload_mb()
    50
    """
    if not config.is_file():
        return 200
    with config.open("rb") as handle:
        return int(tomllib.load(handle).get("server", {}).get("maxUploadSize", 200))


def render_config(
    *,
    listen: str,
    worker_ports: Sequence[int],
    runtime: Path,
    static_dir: Path = STATIC_DIR,
    max_upload: int = 50,
) -> str:
    """Fill ``scripts/nginx.conf.in`` for workers on ``worker_ports`` of 127.0.0.1.

    Examples
    --------
    >>> text = render_config(listen="127.0.0.1:8501", worker_ports=[9001, 9002],
    ...                      runtime=Path("/tmp/run"))
    >>> "server 127.0.0.1:9002;" in text, '"2" 127.0.0.1:9002;' in text
    (True, True)
    >>> import re
    >>> re.search("@[A-Z_]+@", text) is None
    True
    """
    indexes = list(enumerate(worker_ports, start=1))
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in worker_ports)
    workers = "\n".join(f'        "127.0.0.1:{port}" {index};' for index, port in indexes)
    pinned = "\n".join(f'        "{index}" 127.0.0.1:{port};' for index, port in indexes)
    kept = "\n".join(f'        "{index}" "";' for index, _ in indexes)
    values = {
        "@RUNTIME@": str(runtime),
        "@MIME_TYPES@": str(MIME_TYPES),
        "@MAX_UPLOAD_MB@": str(max_upload),
        "@WORKER_MAP@": workers,
        "@SERVERS@": servers,
        "@PINNED@": pinned,
        "@KEPT@": kept,
        "@LISTEN@": listen,
        "@STATIC_DIR@": str(static_dir),
        "@STATIC_URL@": STATIC_URL,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In a child before exec: get SIGTERM when the launcher dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@dataclass
class SharedMode:
    """The running shared mode: nginx at :attr:`url`, Streamlit workers at :attr:`worker_urls`."""

    url: str
    worker_urls: list[str]
    runtime: Path
    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    logs: list[IO[bytes]] = field(default_factory=list)

    def dead(self) -> str | None:
        """Name and exit status of the first process that has stopped, else None."""
        for name, process in self.processes:
            code = process.poll()
            if code is not None:
                return f"{name} exited with status {code}"
        return None

    def stop(self) -> None:
        """Stop nginx and the workers (SIGTERM, SIGKILL after a grace period); clean up."""
        for _, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for _, process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


def _spawn(
    mode: SharedMode, name: str, command: list[str], *, env: dict, log_dir: Path | None
) -> None:
    sink: IO[bytes] | None = None
    if log_dir is not None:
        sink = (log_dir / f"{name}.log").open("wb")
        mode.logs.append(sink)
    process = subprocess.Popen(
        command,
        cwd=PROJECT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=sink,
        stderr=subprocess.STDOUT if sink else None,
        start_new_session=True,  # Ctrl-C reaches the launcher only; it stops them in order
        preexec_fn=_die_with_parent,
    )
    mode.processes.append((name, process))


def _warm(urls: Sequence[str]) -> None:
    """Run the app's first page once in each worker (Streamlit's script health check, a session
    with no browser) before nginx lets anyone in: the imports, the layers and the map's files
    are then ready, and the first visitor of each worker does not wait for them. A worker
    whose run fails still serves (its page shows what failed); only the wait is lost."""

    def run(url: str) -> None:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{url}/_stcore/script-health-check", timeout=START_TIMEOUT_S)

    threads = [threading.Thread(target=run, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _wait_healthy(mode: SharedMode, urls: Sequence[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    waiting = list(urls)
    while waiting:
        if (died := mode.dead()) is not None:
            raise ServeError(f"{died} while starting")
        if time.monotonic() > deadline:
            raise ServeError(f"not healthy after {START_TIMEOUT_S:.0f} s: {', '.join(waiting)}")
        waiting = [url for url in waiting if not _healthy(url)]
        if waiting:
            time.sleep(0.3)


def start(
    *,
    port: int = 8501,
    workers: int | None = None,
    address: str = "127.0.0.1",
    user_dir: Path | None = None,
    data_dir: Path | None = None,
    log_dir: Path | None = None,
) -> SharedMode:
    """Start the workers and nginx; return once the proxy answers (see the module docstring).

    ``port`` 0 picks a free port. ``log_dir`` receives ``worker-<i>.log`` and ``nginx.log``
    (else they write to this process's terminal).

    Raises
    ------
    ServeError
        When nginx is missing, its configuration is refused, or a process does not come up.
    """
    nginx = nginx_binary()
    count = workers or os.cpu_count() or 1
    users = (user_dir or settings.user_dir()).resolve()
    users.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        settings.DATA_DIR_ENV: str((data_dir or settings.data_dir()).resolve()),
        settings.USER_DIR_ENV: str(users),
        settings.MODE_ENV: "shared",
        COOKIE_SECRET_ENV: cookie_secret(users),
    }
    ports = [_free_port() for _ in range(count)]
    port = port or _free_port(address)
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does
            probe.bind((address, port))
    except OSError as exc:
        raise ServeError(
            f"cannot listen on {address}:{port} ({exc.strerror}): choose another port "
            "(make serve PORT=...)"
        ) from exc
    host = "127.0.0.1" if address in ("0.0.0.0", "") else address
    runtime = Path(tempfile.mkdtemp(prefix="border-atlas-serve-"))
    mode = SharedMode(
        url=f"http://{host}:{port}",
        worker_urls=[f"http://127.0.0.1:{p}" for p in ports],
        runtime=runtime,
    )
    try:
        for index, worker_port in enumerate(ports, start=1):
            command = [
                *(sys.executable, "-m", "streamlit", "run", "app.py"),
                *("--server.port", str(worker_port), "--server.address", "127.0.0.1"),
                *("--server.headless", "true", "--server.fileWatcherType", "none"),
                *("--server.scriptHealthCheckEnabled", "true"),
            ]
            _spawn(mode, f"worker-{index}", command, env=env, log_dir=log_dir)
        _wait_healthy(mode, mode.worker_urls)
        _warm(mode.worker_urls)
        config = runtime / "nginx.conf"
        config.write_text(
            render_config(
                listen=f"{address}:{port}",
                worker_ports=ports,
                runtime=runtime,
                max_upload=max_upload_mb(),
            ),
            encoding="utf-8",
        )
        nginx_command = [nginx, "-p", str(runtime), "-c", str(config), "-e", "stderr"]
        checked = subprocess.run(
            [*nginx_command, "-t", "-q"], capture_output=True, text=True, check=False
        )
        if checked.returncode != 0:
            raise ServeError(f"nginx refused its configuration: {checked.stderr.strip()}")
        _spawn(mode, "nginx", [*nginx_command, "-g", "daemon off;"], env=env, log_dir=log_dir)
        _wait_healthy(mode, [mode.url])
    except BaseException:
        mode.stop()
        raise
    return mode


def no_account_note(user_dir: Path) -> str | None:
    """What to tell whoever started the shared mode when its store holds no account yet (nobody
    could sign in); None once one exists.

    Examples
    --------
    >>> import tempfile
    >>> print(no_account_note(Path(tempfile.mkdtemp())))  # doctest: +ELLIPSIS
    No account exists yet: nobody can sign in. Create the first administrator ...
      .venv/bin/python -m access users add NAME --role admin
    ...
    """
    from access.cli import FIRST_ADMIN_COMMAND
    from userdata.store import STORE_FILENAME, Store

    path = user_dir / STORE_FILENAME
    if path.is_file() and Store(path).count_accounts() > 0:
        return None
    return (
        "No account exists yet: nobody can sign in. Create the first administrator "
        f"(from {PROJECT}, with BORDER_ATLAS_USER_DIR={user_dir} if you set it):\n"
        f"  {FIRST_ADMIN_COMMAND}\n"
        'then sign in with it and add the others (README "Accounts and roles").'
    )


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument(
        "--workers", type=int, default=None, help="Streamlit processes (default: one per core)"
    )
    parser.add_argument(
        "--address",
        default="0.0.0.0",
        help="where nginx listens (default: every interface, like `streamlit run`)",
    )
    return parser.parse_args(argv)


def _raise_interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the shared mode until Ctrl-C / SIGTERM (status 0) or a process dies (status 1)."""
    arguments = _arguments(argv)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_interrupt)
    try:
        mode = start(port=arguments.port, workers=arguments.workers, address=arguments.address)
    except ServeError as exc:
        print(f"make serve: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    print(f"\nBorder Atlas (shared mode, {len(mode.worker_urls)} workers): {mode.url}", flush=True)
    for index, url in enumerate(mode.worker_urls, start=1):
        print(f"  worker {index}: {url}", flush=True)
    note = no_account_note(settings.user_dir().resolve())
    if note:
        print(f"\n{note}", flush=True)
    try:
        while (died := mode.dead()) is None:
            time.sleep(0.5)
        print(f"make serve: {died}; stopping the others", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nmake serve: stopping", flush=True)
        return 0
    finally:
        mode.stop()


if __name__ == "__main__":
    sys.exit(main())
