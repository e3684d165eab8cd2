"""The store's file: its schema versions, how a file is opened and migrated, plan formats.

Part of :mod:`userdata.store` (see its docstring for the rules). To change the schema, append a
:class:`Migration` with the next version; never edit a released one.

The file, its ``-wal``/``-shm`` companions and the directory the store creates are private to
the account running Border Atlas (``0600`` / ``0700``): they hold plans, surveyed positions,
password hashes and the audit trail.

Examples
--------
>>> free_name("Trip", taken=["Trip", "Trip (2)"])
'Trip (3)'
>>> [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
True
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo import settings
from geo.errors import StoreError

STORE_FILENAME = "atlas.sqlite3"
CENTROID_PRECISION = "inside_commune"
"""What an old commune stop on the polygon's centroid is: a point inside the commune."""
BUSY_TIMEOUT_S = 10.0
"""How long a writer waits for another writer before giving up."""
OPEN_ARGS: dict[str, Any] = {"timeout": BUSY_TIMEOUT_S, "isolation_level": None}
FILE_MODE = 0o600
DIR_MODE = 0o700


@dataclass(frozen=True)
class Migration:
    """One step of the store's schema: ``steps`` take a file from ``version - 1`` to ``version``.

    A step is an SQL statement, or a function of the connection for changes SQL cannot make.
    Steps run inside the migration transaction (``executescript`` would commit it, so each
    statement is its own step).
    """

    version: int
    description: str
    steps: tuple[str | Callable[[sqlite3.Connection], None], ...]


_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit trail is append-only')"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "plans and imports (the tables of the stores made before versioning)",
        (
            """CREATE TABLE IF NOT EXISTS plans (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                body TEXT NOT NULL CHECK (json_valid(body)),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS imports (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                filename TEXT,
                loaded_by TEXT,
                loaded_at TEXT NOT NULL,
                body BLOB,
                meta TEXT NOT NULL CHECK (json_valid(meta))
            )""",
            "CREATE INDEX IF NOT EXISTS imports_kind ON imports (kind)",
        ),
    ),
    Migration(
        2,
        "plans record the format of their body, so old bodies are upgraded when read",
        ("ALTER TABLE plans ADD COLUMN plan_format INTEGER NOT NULL DEFAULT 1",),
    ),
    Migration(
        3,
        "accounts and roles: owners and shares, protected imports, the bin, the audit trail",
        (
            "ALTER TABLE plans ADD COLUMN owner TEXT",
            """CREATE TABLE plan_shares (
                plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
                grantee_kind TEXT NOT NULL CHECK (grantee_kind IN ('user', 'role')),
                grantee TEXT NOT NULL COLLATE NOCASE,
                can_edit INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (plan_id, grantee_kind, grantee)
            )""",
            "ALTER TABLE imports ADD COLUMN owner TEXT",
            "ALTER TABLE imports ADD COLUMN protected INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE imports ADD COLUMN public_body BLOB",
            "UPDATE imports SET protected = 1 WHERE kind = 'markers'",
            """CREATE TABLE bin (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('plan', 'import')),
                name TEXT NOT NULL,
                owner TEXT,
                deleted_at TEXT NOT NULL,
                deleted_by TEXT,
                row_json TEXT NOT NULL CHECK (json_valid(row_json))
            )""",
            """CREATE TABLE accounts (
                name TEXT PRIMARY KEY COLLATE NOCASE,
                role TEXT NOT NULL,
                password_hash TEXT,
                via TEXT NOT NULL DEFAULT 'password',
                created_at TEXT NOT NULL,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                disabled INTEGER NOT NULL DEFAULT 0,
                last_login TEXT
            )""",
            """CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT,
                role TEXT,
                session TEXT,
                action TEXT NOT NULL,
                target TEXT,
                detail TEXT NOT NULL CHECK (json_valid(detail))
            )""",
            "CREATE INDEX audit_at ON audit (at)",
            f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN {_APPEND_ONLY}; END",
            f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN {_APPEND_ONLY}; END",
        ),
    ),
    Migration(
        4,
        "field observations and their photos (issue 15)",
        (
            """CREATE TABLE observations (
                uuid TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                marker_condition TEXT,
                note TEXT NOT NULL,
                observed_at TEXT NOT NULL,
                observed_utc TEXT NOT NULL,
                lat REAL NOT NULL,
                lon REAL NOT NULL,
                accuracy_m REAL,
                position_source TEXT NOT NULL,
                observer TEXT NOT NULL,
                source TEXT NOT NULL,
                stop_id TEXT,
                stop_name TEXT,
                plan_name TEXT,
                plan_id TEXT,
                commune_code TEXT,
                imported_at TEXT NOT NULL,
                imported_by TEXT NOT NULL,
                source_file TEXT,
                protected INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX observations_observed ON observations (observed_utc)",
            "CREATE INDEX observations_commune ON observations (commune_code)",
            """CREATE TABLE observation_photos (
                uuid TEXT NOT NULL REFERENCES observations (uuid) ON DELETE CASCADE,
                n INTEGER NOT NULL,
                name TEXT NOT NULL,
                mime TEXT NOT NULL,
                body BLOB NOT NULL,
                thumb BLOB NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                PRIMARY KEY (uuid, n)
            )""",
        ),
    ),
)
"""Every schema change, oldest first; ``MIGRATIONS[i].version == i + 1``."""

SCHEMA_VERSION = MIGRATIONS[-1].version
"""The schema this code reads and writes (the ``user_version`` of an up-to-date file)."""


PLAN_FORMAT = 2
"""The format of the plan bodies this code writes (column ``plans.plan_format``).

1. Before 30 Nov 2026: commune stops stood on the polygon's centroid, labelled as the seat.
2. Commune stops stand on the best-known seat point, with its own precision.
"""


def _relabel_centroid_stops(body: dict[str, Any]) -> dict[str, Any]:
    """Format 1 → 2: a commune stop "at the seat" of format 1 stood on the polygon's centroid.

    Its position is kept (the user chose it) and its precision now says what it is.
    """
    for stop in [body.get("base"), *body.get("stops", [])]:
        if (
            isinstance(stop, dict)
            and stop.get("kind") == "commune"
            and stop.get("precision") == "commune_seat"
        ):
            stop["precision"] = CENTROID_PRECISION
    return body


PLAN_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _relabel_centroid_stops,
}
"""``PLAN_UPGRADES[n]`` takes a plan body from format ``n`` to ``n + 1``."""


def upgrade_plan_body(body: dict[str, Any], plan_format: int) -> dict[str, Any]:
    """Bring a stored plan body from ``plan_format`` to :data:`PLAN_FORMAT`.

    Examples
    --------
    >>> old = {"base": {"kind": "commune", "precision": "commune_seat"}, "stops": []}
    >>> upgrade_plan_body(old, 1)["base"]["precision"] == CENTROID_PRECISION
    True
    """
    if plan_format > PLAN_FORMAT:
        raise StoreError(
            f"A stored plan has format {plan_format}, newer than this Border Atlas understands "
            f"({PLAN_FORMAT}); update Border Atlas to open it."
        )
    for version in range(plan_format, PLAN_FORMAT):
        body = PLAN_UPGRADES[version](body)
    return body


def free_name(name: str, *, taken: Iterable[str]) -> str:
    """``name`` if it is not ``taken``, else the first free "name (2)", "name (3)", …"""
    used = set(taken)
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def now() -> str:
    """The time now, ISO 8601 in UTC with microseconds (every timestamp of the store)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


# -- private files -----------------------------------------------------------------------------


def private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if missing; a directory made here is owner-only."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        path.chmod(DIR_MODE)


def private_file(path: Path) -> None:
    """Create the store file owner-only (``0600``) before SQLite opens it; tighten an old one.

    SQLite gives the ``-wal`` and ``-shm`` files the database file's mode; they are tightened
    too (:func:`private_companions`) in case an older version made them readable.
    """
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, FILE_MODE))
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    except OSError:  # not ours to change (e.g. a read-only copy): SQLite decides
        pass


def private_companions(path: Path) -> None:
    """Make the ``-wal`` and ``-shm`` files of ``path`` owner-only, when they exist."""
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        try:
            if os.stat(companion).st_mode & 0o077:
                os.chmod(companion, FILE_MODE)
        except OSError:
            pass


# -- opening and migrating ---------------------------------------------------------------------


def user_version(conn: sqlite3.Connection) -> int:
    """The file's ``PRAGMA user_version`` (how many migrations it has had)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(path: Path, version: int) -> None:
    """:class:`StoreError` if ``version`` is newer than :data:`SCHEMA_VERSION`."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The store {path} has schema version {version}, newer than this Border Atlas "
            f"understands ({SCHEMA_VERSION}); it was left unchanged. Update Border Atlas, or "
            f"point {settings.USER_DIR_ENV} at another directory."
        )


def _migrate(path: Path) -> None:
    """Bring the file at ``path`` to :data:`SCHEMA_VERSION` (see :mod:`userdata.store`)."""
    if [m.version for m in MIGRATIONS] != list(range(1, len(MIGRATIONS) + 1)):
        raise RuntimeError("MIGRATIONS must be numbered 1, 2, 3 … in order")
    private_file(path)
    with closing(sqlite3.connect(path, **OPEN_ARGS)) as conn:
        version = user_version(conn)
        refuse_newer(path, version)  # before anything, WAL mode included, is written
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")  # persistent; outside any transaction
        private_companions(path)
        if version == SCHEMA_VERSION:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"The store {path} is busy ({exc}); try again in a moment.") from exc
        try:
            version = user_version(conn)  # another process may have migrated it meanwhile
            refuse_newer(path, version)
            for migration in MIGRATIONS[version:]:
                for step in migration.steps:
                    if callable(step):
                        step(conn)
                    else:
                        conn.execute(step)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"The store {path} could not be upgraded from schema version {version} to "
                    f"{SCHEMA_VERSION} ({exc}); it was left unchanged."
                ) from exc
            raise


_READY: set[tuple[int, int]] = set()
"""(device, inode) of the files this process has migrated or found up to date."""
_READY_LOCK = threading.Lock()


def file_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of ``path``, or ``None`` if there is no such file."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def ensure_ready(path: Path) -> None:
    """Migrate ``path`` unless this process already has (one ``stat`` when it has)."""
    if file_key(path) in _READY:
        return
    with _READY_LOCK:
        if file_key(path) in _READY:
            return
        try:
            _migrate(path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The store {path} could not be opened ({exc}). If the file is damaged, "
                "move it aside; a new empty store will be created."
            ) from exc
        key = file_key(path)
        if key is not None:
            _READY.add(key)
