"""The checks every upload goes through before anything parses it.

* Size: at most :data:`geo.settings.MAX_UPLOAD_BYTES`, and not empty.
* Zip archives (a zipped Shapefile, and every XLSX, which is a zip): no member path outside the
  archive, no nested archives, no password, at most :data:`MAX_MEMBERS` members, at most
  :data:`geo.settings.MAX_UNZIPPED_BYTES` expanded, and no member expanding more than
  :data:`MAX_RATIO` times its compressed size.

Large uploads are parsed in a child process, one at a time in the server, with a memory and a
time limit (:func:`run_child`, :func:`large_parse_turn`).

The zip checks read only the archive's directory; :func:`extract` counts the bytes it really
writes as well, so an archive whose directory lies about sizes is still stopped. Every refusal is
a :class:`geo.errors.UserInputError` with its Vietnamese and English words from
:mod:`i18n.messages` (keys ``upload.*``).

Examples
--------
>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
...     archive.writestr("layer.geojson", '{"type": "FeatureCollection", "features": []}')
>>> check_upload(buffer.getvalue())
>>> [info.filename for info in open_zip(buffer.getvalue()).infolist()]
['layer.geojson']
>>> bomb = io.BytesIO()
>>> with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
...     archive.writestr("layer.geojson", b" " * 5_000_000)
>>> try:
...     open_zip(bomb.getvalue())
... except UnsafeArchive as refused:
...     print(refused.message("en"))
The archive expands abnormally (a possible zip bomb): layer.geojson
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import resource
import subprocess
import sys
import threading
import traceback
import zipfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from geo import settings
from geo.errors import BorderAtlasError, UserInputError
from i18n.messages import message
from i18n.numbers import format_number

MAX_MEMBERS = 200
"""Most entries (files and folders) a zip upload may hold."""
MAX_RATIO = 100
"""Largest expanded / compressed size of one zip member."""
RATIO_GRACE_BYTES = 1 << 20
"""Members expanding to less than this are not held to :data:`MAX_RATIO`: they cannot exhaust
anything, and short runs of padding (a blank ``.prj``, a ``.dbf`` header) compress very well."""
ARCHIVE_SUFFIXES = frozenset(
    {".zip", ".kmz", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".xlsx", ".xlsm"}
)
"""Member names that are archives themselves (refused: nothing is unpacked twice)."""

_MB = 1024 * 1024

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
"""How a zip archive starts (an XLSX, a zipped shapefile): a file, or an empty archive."""
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
"""How an Office 97–2003 file (``.xls``, ``.doc``) starts, whatever it is named."""
SIGNATURES: dict[bytes, tuple[str, str]] = {
    b"\x89PNG": ("PNG", "image"), b"\xff\xd8\xff": ("JPEG", "image"), b"GIF8": ("GIF", "image"),
    b"II*\x00": ("TIFF", "image"), b"MM\x00*": ("TIFF", "image"), b"RIFF": ("WEBP", "image"),
    b"%PDF": ("PDF", "document"), OLE2_MAGIC: ("Office 97–2003", "document"),
    b"{\\rtf": ("RTF", "document"),
    b"\x1f\x8b": ("GZIP", "archive"), b"7z\xbc\xaf": ("7z", "archive"), b"Rar!": ("RAR", "archive"),
    b"BZh": ("BZIP2", "archive"), b"\x7fELF": ("ELF", "program"), b"MZ": ("EXE", "program"),
}  # fmt: skip
"""First bytes of files users upload by mistake: ``magic → (name shown, family)``."""


def file_kind(data: bytes) -> tuple[str, str] | None:
    """``(name, family)`` of a file no reader here takes, from its first bytes (else ``None``).

    Families: ``image``, ``document``, ``archive`` (other than zip) and ``program``.

    Examples
    --------
    >>> file_kind(b"%PDF-1.7 ..."), file_kind(b"Ten xa,Ty le")
    (('PDF', 'document'), None)
    """
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


class DamagedArchive(UserInputError):
    """The upload is not a readable zip archive (readers may say it in their own words)."""


class UnsafeArchive(UserInputError):
    """The zip archive breaks one of the rules of this module."""


def _megabytes(size: int, lang: str) -> str:
    return format_number(size / _MB, lang=lang, decimals=1)


def check_upload(data: bytes) -> None:
    """Refuse an upload that is larger than :data:`geo.settings.MAX_UPLOAD_BYTES` or empty.

    Examples
    --------
    >>> check_upload(b"   ")
    Traceback (most recent call last):
    ...
    geo.errors.UserInputError: Tệp trống. / The file is empty.
    """
    if len(data) > settings.MAX_UPLOAD_BYTES:
        limit = settings.MAX_UPLOAD_BYTES // _MB
        raise UserInputError(
            message("upload.too_big", "vi", size=_megabytes(len(data), "vi"), limit=limit),
            message("upload.too_big", "en", size=_megabytes(len(data), "en"), limit=limit),
        )
    if not data or data.isspace():
        raise UserInputError.of("upload.empty")


def _unsafe_path(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    drive = bool(path.parts) and path.parts[0].endswith(":")
    return path.is_absolute() or drive or ".." in path.parts


def open_zip(data: bytes, *, max_members: int = MAX_MEMBERS) -> zipfile.ZipFile:
    """Open an uploaded zip archive after checking its directory against every rule.

    ``max_members`` is the most entries allowed (an observations export holds one member per
    photo, so it allows more than :data:`MAX_MEMBERS`); the size rules stay the same.

    Raises
    ------
    DamagedArchive
        When ``data`` is not a readable zip archive.
    UnsafeArchive
        When a rule of this module is broken (the message names the member).
    """
    check_upload(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError):
        raise DamagedArchive.of("upload.zip_damaged") from None
    if len(infos) > max_members:
        raise UnsafeArchive.of("upload.zip_too_many", n=len(infos), limit=max_members)
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_path(name):
            raise UnsafeArchive.of("upload.zip_unsafe_path", name=name)
        if info.is_dir():
            continue
        if PurePosixPath(name).suffix.lower() in ARCHIVE_SUFFIXES:
            raise UnsafeArchive.of("upload.zip_nested", name=name)
        if info.flag_bits & 0x1:
            raise UnsafeArchive.of("upload.zip_encrypted", name=name)
        if info.file_size > RATIO_GRACE_BYTES and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            raise UnsafeArchive.of("upload.zip_ratio", name=name)
        total += info.file_size
    if total > settings.MAX_UNZIPPED_BYTES:
        raise UnsafeArchive.of("upload.zip_too_big", limit=settings.MAX_UNZIPPED_BYTES // _MB)
    return archive


def _macos_metadata(name: str) -> bool:
    """Finder's ``__MACOSX/`` copies and ``._`` resource forks: not part of any layer."""
    path = PurePosixPath(name)
    return path.parts[0] == "__MACOSX" or path.name.startswith("._")


def extract(archive: zipfile.ZipFile, folder: Path, *, suffixes: Collection[str]) -> list[Path]:
    """Write the members whose suffix is in ``suffixes`` into ``folder`` (flat), in archive order.

    ``archive`` comes from :func:`open_zip`. Bytes are counted as they are written, so the
    expanded total stays under :data:`geo.settings.MAX_UNZIPPED_BYTES` whatever the archive's
    directory claims. Two wanted members with the same file name are refused.
    """
    wanted = {suffix.lower() for suffix in suffixes}
    budget = settings.MAX_UNZIPPED_BYTES
    written: list[Path] = []
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        if info.is_dir() or _macos_metadata(name):
            continue
        if PurePosixPath(name).suffix.lower() not in wanted:
            continue
        target = folder / PurePosixPath(name).name
        if target.exists():
            raise UnsafeArchive.of("upload.zip_duplicate", name=target.name)
        with archive.open(info) as source, target.open("wb") as sink:
            while chunk := source.read(1 << 16):
                budget -= len(chunk)
                if budget < 0:
                    raise UnsafeArchive.of(
                        "upload.zip_too_big",
                        limit=settings.MAX_UNZIPPED_BYTES // _MB,
                    )
                sink.write(chunk)
        written.append(target)
    return written


# Big uploads: parsed in a child process, one at a time, so that other users do not wait.

LARGE_PARSE_BYTES = 1 << 20
"""Uploads larger than this are parsed in a child process (:func:`run_child`), one at a time.

A parse is CPU work in Python: in the server's own process it would hold the interpreter lock
that every other user's page needs, and its memory would stay with the server. A child process
runs on another core, is limited in memory and gives every byte back when it ends."""
PARSE_MEMORY_BYTES = 2 << 30
"""Address space a child parse may use (``RLIMIT_AS``); past it the parse stops with a message.

Reading the largest accepted CSV (50 MB, about 1.4 million rows of seven columns) peaks near
0.8 GB of address space in the child."""
PARSE_TIMEOUT_S = 300.0
"""A child parse running longer than this is stopped, and the user told to split the file."""

CHILD_NICENESS = 10
"""How much lower than the server a child parse runs: the server's pages come first for the CPU."""

_LARGE_PARSE = threading.Lock()


class ParseFailed(BorderAtlasError):
    """A child parse ended in an unexpected way; the text is for the server log, not for users."""


@contextmanager
def large_parse_turn(*, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the server's one turn for a large parse; call ``on_wait`` first if it is taken.

    Examples
    --------
    >>> with large_parse_turn(on_wait=lambda: print("waiting")):
    ...     print("parsing")
    parsing
    """
    if not _LARGE_PARSE.acquire(blocking=False):
        on_wait()
        _LARGE_PARSE.acquire()
    try:
        yield
    finally:
        _LARGE_PARSE.release()


def _receive(stream: IO[bytes]) -> object | None:
    size = stream.read(8)
    if len(size) < 8:
        return None
    data = stream.read(int.from_bytes(size, "big"))
    return pickle.loads(data) if data else None


def run_child(
    module: str,
    payload: object,
    *,
    on_progress: Callable[[object], None],
    memory_bytes: int | None = None,
    timeout_s: float | None = None,
) -> object:
    """Run ``python -m module`` (whose main calls :func:`serve_child`) on ``payload``.

    Returns what the child's parse returned; ``on_progress`` gets what it reported on the way.

    Raises
    ------
    UserInputError
        The parse refused the file, ran out of its memory or out of time (each said to the user).
    ParseFailed
        The child failed in any other way (its traceback, for the server log).
    """
    memory_bytes = memory_bytes or PARSE_MEMORY_BYTES
    timeout_s = timeout_s or PARSE_TIMEOUT_S
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(memory_bytes)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=settings.PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(settings.PROJECT_DIR)},
    )
    expired = threading.Event()

    def stop() -> None:
        expired.set()
        process.kill()

    timer = threading.Timer(timeout_s, stop)
    timer.start()
    try:
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(BrokenPipeError):
            pickle.dump(payload, process.stdin, protocol=5)  # large bytes go straight through
            process.stdin.close()
        while (reply := _receive(process.stdout)) is not None:
            kind, *rest = reply  # type: ignore[misc]
            if kind == "progress":
                on_progress(rest[0])
            elif kind == "result":
                return rest[0]
            elif kind == "refused":
                raise UserInputError(rest[0], rest[1])
            elif kind == "memory":
                raise UserInputError.of("upload.parse_memory", limit=memory_bytes // _MB)
            else:
                raise ParseFailed(str(rest[0]) if rest else repr(reply))
    finally:
        timer.cancel()
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
    if expired.is_set():
        raise UserInputError.of("upload.parse_timeout", limit=round(timeout_s))
    raise ParseFailed(f"the parse's child process ended with code {process.returncode}")


def serve_child(parse: Callable[[Any, Callable[[object], None]], object]) -> None:
    """The child's side of :func:`run_child`: limit memory, read the payload, parse, reply.

    ``parse(payload, report)`` may call ``report(value)`` to send progress. The reply is pickled
    on standard output, each message prefixed by its length.
    """
    limit = int(sys.argv[1])
    os.nice(CHILD_NICENESS)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may break the replies

    def send(reply: tuple[object, ...]) -> None:
        data = pickle.dumps(reply, protocol=5)
        out.write(len(data).to_bytes(8, "big"))
        out.write(data)
        out.flush()

    try:
        payload = pickle.load(sys.stdin.buffer)
        result = parse(payload, lambda value: send(("progress", value)))
        send(("result", result))
    except UserInputError as refused:
        send(("refused", refused.message_vi, refused.message_en))
    except MemoryError:
        send(("memory",))
    except BaseException:  # the parent logs it as an incident
        send(("failed", traceback.format_exc()))
