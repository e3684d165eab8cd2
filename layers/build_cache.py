"""The built layers kept on disk, so a restarted server draws its first map without rebuilding.

:func:`load_or_build` returns the :class:`~layers.registry.Atlas` from
``atlas-<key>.pickle`` in :func:`geo.settings.cache_dir` when one matches, else builds it with
:func:`~layers.registry.build_atlas` and writes it there for the next start.
:func:`load_or_make` does the same for anything else made from the inputs by ``geo``/``layers``
code (e.g. the offline basemap's relief picture).

The key (:func:`cache_key`) is a SHA-256 over everything a build depends on:

- :data:`CACHE_FORMAT`;
- every catalogued input, each checked against its catalogue SHA-256 first, as the builders
  do; a missing or altered input enters the key as unusable, so a layer built from it before
  is never reused (its builder fails again, and an atlas with a failed layer is not stored:
  the broken layers are reported exactly as without a cache);
- the source of the packages the builders run (``geo``, ``i18n``, ``layers``) and the
  project's own data files (``data/*.csv``), so any change of code or mapping rebuilds;
- the versions of Python and of the libraries whose objects are stored.

A file starts with :data:`MAGIC` and the SHA-256 of the pickled atlas that follows; a file
that fails the check or cannot be read is removed and the atlas rebuilt, never shown. Files are
written to a temporary name and renamed (atomic), so processes sharing the directory never read
half a file. Only a complete atlas (every layer built) is kept, and writing it removes the
files of other keys. The directory is the app's own (like the store beside it): the file is
trusted as much as the code that wrote it.

Examples
--------
>>> import tempfile, pathlib
>>> from geo.catalogue import Catalogue
>>> directory = pathlib.Path(tempfile.mkdtemp())
>>> atlas = load_or_build(catalogue=Catalogue.load(), directory=directory)
>>> [path.name.startswith("atlas-") for path in directory.iterdir()]
[True]
>>> len(load_or_build(catalogue=Catalogue.load(), directory=directory).get("communes_2025"))
27
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import platform
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from geo import settings
from geo.catalogue import Catalogue
from geo.errors import DataFileError
from layers.registry import Atlas, build_atlas

log = logging.getLogger(__name__)
T = TypeVar("T")

CACHE_FORMAT = 1
"""Raise when the layout of a cache file changes."""
MAGIC = b"border-atlas-layers\n"
CODE_PACKAGES = ("geo", "i18n", "layers")
"""The project packages whose source the layers are built by."""
LIBRARIES = ("numpy", "pandas", "geopandas", "shapely", "pyproj", "pyogrio")
"""Libraries whose objects the stored atlas holds or whose results it stores."""
_DIGEST_BYTES = hashlib.sha256().digest_size


def _code_files() -> list[Path]:
    files = [
        path for package in CODE_PACKAGES for path in (settings.PROJECT_DIR / package).rglob("*.py")
    ]
    files += [path for path in settings.PROJECT_DATA_DIR.iterdir() if path.is_file()]
    return sorted(files)


def cache_key(catalogue: Catalogue) -> str:
    """The key of what this code makes from ``catalogue`` (see the module docstring).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> len(cache_key(Catalogue.load()))
    64
    """
    digest = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    for key in sorted(catalogue.keys()):
        try:
            catalogue.path(key)  # checks the file's SHA-256 (once per catalogue object)
            state = catalogue.entry(key).sha256
        except DataFileError:
            state = "unusable"
        digest.update(f"input {key} {state}\n".encode())
    for path in _code_files():
        digest.update(f"file {path.relative_to(settings.PROJECT_DIR).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = [f"python {platform.python_version()}"]
    versions += [f"{name} {metadata.version(name)}" for name in LIBRARIES]
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def _file_name(name: str, key: str) -> str:
    return f"{name}-{key}.pickle"


def read(path: Path, *, kind: type[T]) -> T | None:
    """The ``kind`` object stored at ``path``; ``None`` (and the file removed) if it is absent
    or unsound."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    head, digest = blob[: len(MAGIC)], blob[len(MAGIC) : len(MAGIC) + _DIGEST_BYTES]
    payload = blob[len(MAGIC) + _DIGEST_BYTES :]
    value: object = None
    if head == MAGIC and hashlib.sha256(payload).digest() == digest:
        try:
            value = pickle.loads(payload)
        except Exception as error:  # e.g. a class renamed since; the key should have changed
            log.warning("build cache %s unreadable (%s)", path.name, error)
    if isinstance(value, kind):
        return value
    log.warning("build cache %s is damaged; making it again", path.name)
    path.unlink(missing_ok=True)
    return None


def write(path: Path, value: object) -> None:
    """Store ``value`` at ``path`` atomically; remove the files of the same name, other keys."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".build-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    name = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(_file_name(name, "*")):
        if other != path:
            other.unlink(missing_ok=True)


def load_or_make(
    name: str,
    *,
    catalogue: Catalogue,
    make: Callable[[], T],
    kind: type[T],
    keep: Callable[[T], bool] | None = None,
    directory: Path | None = None,
) -> T:
    """``make()``'s result, from the cache when one matches ``catalogue`` and the code.

    For anything made from the catalogued inputs by code in ``geo``, ``i18n`` and ``layers``
    only (the key covers nothing else).

    Parameters
    ----------
    name
        What is stored (the file's prefix; letters, digits and ``_``).
    catalogue
        The inputs.
    make
        Makes the value when no cache matches; its errors propagate (nothing is stored).
    kind
        The value's type: a stored object of another type is treated as damaged.
    keep
        Whether a made value may be stored (default: always).
    directory
        The cache directory; default :func:`geo.settings.cache_dir` (no cache when it is off).
    """
    started = time.perf_counter()
    directory = directory if directory is not None else settings.cache_dir()
    if directory is None:
        return make()
    path = directory / _file_name(name, cache_key(catalogue))
    value = read(path, kind=kind)
    if value is not None:
        log.info("%s read from the build cache in %.3f s", name, time.perf_counter() - started)
        return value
    value = make()
    if keep is None or keep(value):
        try:
            write(path, value)
        except OSError as error:  # a full or read-only disk costs the next start time only
            log.warning("build cache %s not written (%s)", path.name, error)
    log.info("%s made in %.3f s", name, time.perf_counter() - started)
    return value


def load_or_build(*, catalogue: Catalogue, directory: Path | None = None) -> Atlas:
    """The atlas of ``catalogue``: from the cache when it matches, else built (and stored when
    every layer could be built).

    Parameters
    ----------
    catalogue
        The inputs.
    directory
        The cache directory; default :func:`geo.settings.cache_dir` (no cache when it is off).
    """
    return load_or_make(
        "atlas",
        catalogue=catalogue,
        make=lambda: build_atlas(catalogue=catalogue),
        kind=Atlas,
        keep=lambda atlas: not atlas.errors,
        directory=directory,
    )
