"""Embedded SQLite store for what users save: visit plans and imported data.

The file is ``atlas.sqlite3`` under :func:`geo.settings.user_dir` (or any path given to
:class:`Store`). The journal is WAL with ``synchronous=FULL`` and every write runs in one
``BEGIN IMMEDIATE … COMMIT`` transaction, so a crash in the middle of a save leaves the
previous version intact; readers never block on a writer.

Schema versions
---------------
The file's ``PRAGMA user_version`` is the number of :data:`MIGRATIONS` applied to it. The first
time a process opens a file, the migrations it lacks run in order in one ``BEGIN IMMEDIATE``
transaction that also sets ``user_version``: a failure leaves the file as it was, and two
processes opening an old file at once migrate it once. A file written by a newer Border Atlas
(``user_version`` above :data:`SCHEMA_VERSION`) is refused with :class:`StoreError`, never
written to. Stores created before versioning (``user_version`` 0) hold exactly the tables of
migration 1, whose ``IF NOT EXISTS`` adopts them unchanged.

Opening is cheap after the first time: which files are ready is remembered per process (by
device and inode, so a file moved aside and recreated is prepared again). A :class:`Store` opens
a connection per operation, or holds one (``keep_open``: one per Streamlit session).

To change the schema, append a :class:`Migration` with the next version; never edit a released one.

Examples
--------
>>> import tempfile, pathlib
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "atlas.sqlite3")
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> _ = store.save_plan(Plan(name="Trip", base=base, stops=[], start=datetime(2025, 3, 1, 7)))
>>> [p["name"] for p in store.list_plans()]
['Trip']
>>> store.get_plan("Trip").base.name
'Base'
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo import settings
from geo.errors import PlanExistsError, StoreError, UserInputError
from planner.plan import Plan

STORE_FILENAME = "atlas.sqlite3"
CENTROID_PRECISION = "inside_commune"
"""What an old commune stop on the polygon's centroid is: a point inside the commune."""
BUSY_TIMEOUT_S = 10.0
"""How long a writer waits for another writer before giving up."""
_OPEN: dict[str, Any] = {"timeout": BUSY_TIMEOUT_S, "isolation_level": None}


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
    """``name`` if it is not ``taken``, else the first free "name (2)", "name (3)", …

    Examples
    --------
    >>> free_name("Trip", taken=["Trip", "Trip (2)"])
    'Trip (3)'
    """
    used = set(taken)
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _refuse_newer(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The store {path} has schema version {version}, newer than this Border Atlas "
            f"understands ({SCHEMA_VERSION}); it was left unchanged. Update Border Atlas, or "
            f"point {settings.USER_DIR_ENV} at another directory."
        )


def _migrate(path: Path) -> None:
    """Bring the file at ``path`` to :data:`SCHEMA_VERSION` (see the module docstring)."""
    if [m.version for m in MIGRATIONS] != list(range(1, len(MIGRATIONS) + 1)):
        raise RuntimeError("MIGRATIONS must be numbered 1, 2, 3 … in order")
    with closing(sqlite3.connect(path, **_OPEN)) as conn:
        version = _user_version(conn)
        _refuse_newer(path, version)  # before anything, WAL mode included, is written
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")  # persistent; outside any transaction
        if version == SCHEMA_VERSION:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"The store {path} is busy ({exc}); try again in a moment.") from exc
        try:
            version = _user_version(conn)  # another process may have migrated it meanwhile
            _refuse_newer(path, version)
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


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def _ensure_ready(path: Path) -> None:
    """Migrate ``path`` unless this process already has (one ``stat`` when it has)."""
    if _file_key(path) in _READY:
        return
    with _READY_LOCK:
        if _file_key(path) in _READY:
            return
        try:
            _migrate(path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The store {path} could not be opened ({exc}). If the file is damaged, "
                "move it aside; a new empty store will be created."
            ) from exc
        key = _file_key(path)
        if key is not None:
            _READY.add(key)


def default_path() -> Path:
    """``atlas.sqlite3`` in the user data directory."""
    return settings.user_dir() / STORE_FILENAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _insert_plan(conn: sqlite3.Connection, *, name: str, body: str, now: str) -> dict[str, Any]:
    """Insert a new plan (version 1) inside the caller's transaction; return its record."""
    record = {
        "id": uuid.uuid4().hex,
        "name": name,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    conn.execute(
        "INSERT INTO plans (id, name, body, created_at, updated_at, version, plan_format) "
        "VALUES (:id, :name, :body, :created_at, :updated_at, :version, :plan_format)",
        {**record, "body": body, "plan_format": PLAN_FORMAT},
    )
    return record


class Store:
    """Plans and imports in one SQLite file.

    Cheap to construct: the schema is checked (and migrated) once per file per process.
    Concurrent writers, in this process or others, queue on SQLite's write lock.

    Parameters
    ----------
    path
        The database file; default :func:`default_path`.
    keep_open
        Hold one connection (opened by the first operation, reopened if the file was moved
        aside, closed by :meth:`close` or ``with``) used under a lock; else one per operation.
    _after_write_hook
        Test hook called inside a write transaction after the row is written and before the
        commit (the crash test kills the process there).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        keep_open: bool = False,
        _after_write_hook: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.keep_open = keep_open
        self._after_write_hook = _after_write_hook
        self._lock = threading.RLock()
        self._held: tuple[sqlite3.Connection, tuple[int, int] | None] | None = None
        _ensure_ready(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the held connection, if any (the next operation opens a new one)."""
        with self._lock:
            held, self._held = self._held, None
            if held is not None:
                held[0].close()

    # -- connection and transactions ---------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One stat per operation: a file moved aside (as the "damaged" error advises) is remade.
        _ensure_ready(self.path)
        if not self.keep_open:
            with closing(self._open()) as conn:
                yield conn
            return
        with self._lock:
            if self._held is not None and self._held[1] != _file_key(self.path):
                self.close()  # the file was moved aside: this connection holds the old one
            if self._held is None:
                self._held = (self._open(check_same_thread=False), _file_key(self.path))
            if self._held[0].in_transaction:  # never inherit what a failed operation left open
                self._held[0].rollback()
            yield self._held[0]

    def _open(self, *, check_same_thread: bool = True) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=check_same_thread, **_OPEN)
        conn.row_factory = sqlite3.Row
        try:
            conn.executescript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        with self._connect() as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"The store {self.path} is busy ({exc}); try saving again in a moment."
                ) from exc
            try:
                # A newer Border Atlas may have upgraded the file since this process checked it.
                _refuse_newer(self.path, _user_version(conn))
                yield conn
                if self._after_write_hook is not None:
                    self._after_write_hook(what)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def integrity_check(self) -> str:
        """Result of ``PRAGMA integrity_check`` (``"ok"`` when the file is sound)."""
        with self._connect() as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- plans ---------------------------------------------------------------------------------

    def save_plan(
        self, plan: Plan, *, opened_version: int | None = None, replace: bool = False
    ) -> dict[str, Any]:
        """Store ``plan`` under its name; never replace another plan without being asked.

        Parameters
        ----------
        plan
            The plan to store.
        opened_version
            The stored version the user opened (``None`` for a plan not opened from the
            store). Saving it again updates that plan (version + 1) unless someone saved a
            newer version meanwhile.
        replace
            Replace the stored plan of the same name whatever its version (the user confirmed).

        Returns
        -------
        dict
            The stored row's ``id``, ``name``, ``version``, ``created_at``, ``updated_at``.

        Raises
        ------
        PlanExistsError
            A plan of that name exists and is not the one opened (or was saved since it was
            opened), and ``replace`` is false: nothing was written.
        """
        body = plan.to_json()
        now = _now()
        with self._write(f"save_plan:{plan.name}") as conn:
            row = conn.execute(
                "SELECT id, version, created_at FROM plans WHERE name = ?", (plan.name,)
            ).fetchone()
            if row is None:
                return _insert_plan(conn, name=plan.name, body=body, now=now)
            if not replace and opened_version != row["version"]:
                raise PlanExistsError.taken(
                    plan.name,
                    stored_version=row["version"],
                    changed_since_opened=opened_version is not None,
                )
            record = {
                "id": row["id"],
                "name": plan.name,
                "version": row["version"] + 1,
                "created_at": row["created_at"],
                "updated_at": now,
            }
            conn.execute(
                "UPDATE plans SET body = :body, updated_at = :updated_at, version = :version, "
                "plan_format = :plan_format WHERE id = :id",
                {**record, "body": body, "plan_format": PLAN_FORMAT},
            )
        return record

    def free_plan_name(self, name: str) -> str:
        """``name`` if no plan has it, else the first free "name (2)", "name (3)", …

        Examples
        --------
        >>> import tempfile, pathlib
        >>> Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite3").free_plan_name("Trip")
        'Trip'
        """
        with self._connect() as conn:
            taken = [row[0] for row in conn.execute("SELECT name FROM plans")]
        return free_name(name, taken=taken)

    def get_plan(self, name: str) -> Plan:
        """Return the stored plan called ``name``; :class:`StoreError` if there is none."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT body, plan_format FROM plans WHERE name = ?", (name,)
            ).fetchone()
        if row is None:
            raise StoreError(f"No plan named {name!r} in {self.path}; see list_plans().")
        return Plan.from_dict(upgrade_plan_body(json.loads(row["body"]), row["plan_format"]))

    def plan_record(self, name: str) -> dict[str, Any]:
        """Metadata of the stored plan (id, name, version, created_at, updated_at)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT id, name, version, created_at, updated_at FROM plans WHERE name = ?",
                (name,),
            ).fetchone()
        if row is None:
            raise StoreError(f"No plan named {name!r} in {self.path}; see list_plans().")
        return dict(row)

    def list_plans(self) -> list[dict[str, Any]]:
        """Stored plans (id, name, version, created_at, updated_at), by name."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, name, version, created_at, updated_at FROM plans ORDER BY name"
            ).fetchall()
        return [dict(r) for r in rows]

    def _check_new_name(self, conn: sqlite3.Connection, new_name: str) -> None:
        if not new_name.strip():
            raise UserInputError.of("upload.plan_name_empty")
        if conn.execute("SELECT 1 FROM plans WHERE name = ?", (new_name,)).fetchone():
            raise UserInputError.of("upload.plan_name_taken", name=new_name)

    def _body_of(self, conn: sqlite3.Connection, name: str) -> tuple[str, dict[str, Any]]:
        row = conn.execute(
            "SELECT id, body, plan_format FROM plans WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            raise StoreError(f"No plan named {name!r} in {self.path}; see list_plans().")
        return row["id"], upgrade_plan_body(json.loads(row["body"]), row["plan_format"])

    def rename_plan(self, name: str, new_name: str) -> None:
        """Rename a plan (its body's ``name`` too); the version goes up by one."""
        with self._write(f"rename_plan:{name}") as conn:
            self._check_new_name(conn, new_name)
            plan_id, body = self._body_of(conn, name)
            body["name"] = new_name
            conn.execute(
                "UPDATE plans SET name = ?, body = ?, updated_at = ?, version = version + 1, "
                "plan_format = ? WHERE id = ?",
                (
                    new_name,
                    json.dumps(body, ensure_ascii=False, sort_keys=True),
                    _now(),
                    PLAN_FORMAT,
                    plan_id,
                ),
            )

    def duplicate_plan(self, name: str, new_name: str) -> dict[str, Any]:
        """Copy a plan under ``new_name`` (version 1)."""
        now = _now()
        with self._write(f"duplicate_plan:{name}") as conn:
            self._check_new_name(conn, new_name)
            _, body = self._body_of(conn, name)
            body["name"] = new_name
            text = json.dumps(body, ensure_ascii=False, sort_keys=True)
            record = _insert_plan(conn, name=new_name, body=text, now=now)
        return record

    def delete_plan(self, name: str) -> None:
        """Delete a plan; :class:`StoreError` if there is none."""
        with self._write(f"delete_plan:{name}") as conn:
            if conn.execute("DELETE FROM plans WHERE name = ?", (name,)).rowcount == 0:
                raise StoreError(f"No plan named {name!r} in {self.path}; nothing deleted.")

    # -- imports -------------------------------------------------------------------------------

    def put_import(
        self,
        *,
        kind: str,
        name: str,
        filename: str | None,
        loaded_by: str | None,
        body: bytes | str,
        meta: dict[str, Any] | None = None,
    ) -> str:
        """Store an imported file (e.g. border markers, zoning) and return its id."""
        if not kind or not name:
            raise UserInputError.of("upload.import_needs_kind_name")
        import_id = uuid.uuid4().hex
        try:
            meta_json = json.dumps(meta or {}, ensure_ascii=False, sort_keys=True)
        except TypeError as exc:
            raise UserInputError(
                "Thông tin kèm theo không lưu được dạng JSON.", f"meta is not JSON: {exc}"
            ) from exc
        with self._write(f"put_import:{name}") as conn:
            conn.execute(
                "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (import_id, kind, name, filename, loaded_by, _now(), body, meta_json),
            )
        return import_id

    def list_imports(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Imports without their body (id, kind, name, filename, loaded_by, loaded_at, meta)."""
        query = "SELECT id, kind, name, filename, loaded_by, loaded_at, meta FROM imports"
        params: tuple[Any, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            params = (kind,)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY loaded_at, name", params).fetchall()
        return [{**dict(r), "meta": json.loads(r["meta"])} for r in rows]

    def imports_version(self) -> str:
        """A short token that changes whenever an import is added or deleted ("" with none).

        Imports are never edited in place, so their ids say everything.
        """
        with self._connect() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM imports ORDER BY id")]
        return hashlib.sha256(",".join(ids).encode()).hexdigest()[:16] if ids else ""

    def get_import(self, import_id: str) -> dict[str, Any]:
        """One import with its body (``bytes`` or ``str`` as stored) and meta."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()
        if row is None:
            raise StoreError(f"No import with id {import_id!r} in {self.path}.")
        return {**dict(row), "meta": json.loads(row["meta"])}

    def delete_import(self, import_id: str) -> None:
        """Delete an import; :class:`StoreError` if there is none."""
        with self._write(f"delete_import:{import_id}") as conn:
            if conn.execute("DELETE FROM imports WHERE id = ?", (import_id,)).rowcount == 0:
                raise StoreError(f"No import with id {import_id!r} in {self.path}.")
