"""The store's connection, transactions, the acting principal and the audit trail.

Part of :mod:`userdata.store`: :class:`StoreCore` is the base of :class:`userdata.store.Store`
and holds what every operation needs: one connection per operation (or one held per session),
``BEGIN IMMEDIATE … COMMIT`` writes, the permission check against ``principal`` and the
append-only audit rows written in the same transaction as the change they record.

Examples
--------
>>> import tempfile, pathlib
>>> from userdata.roles import Principal, Role
>>> core = StoreCore(pathlib.Path(tempfile.mkdtemp()) / "atlas.sqlite3")
>>> core.principal = Principal(name="an", role=Role.VIEWER)
>>> core.sees_protected
False
>>> core.record("export_plan", target="Trip")
>>> core.principal = Principal(name="root", role=Role.ADMIN)
>>> [(r["actor"], r["role"], r["action"]) for r in core.audit_rows()]
[('an', 'viewer', 'export_plan')]
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo import settings
from geo.errors import AccessDenied, StoreError
from userdata import store_schema as schema
from userdata.roles import SYSTEM, Permission, Principal

PublicStop = Callable[[dict[str, Any]], dict[str, Any] | None]
"""Turns a surveyed stop into what a non-guard may see (its commune's point), or ``None``."""


def default_path() -> Path:
    """``atlas.sqlite3`` in the user data directory."""
    return settings.user_dir() / schema.STORE_FILENAME


def _iso(moment: datetime | str | None) -> str | None:
    if moment is None or isinstance(moment, str):
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class StoreCore:
    """Connection, transactions, principal and audit of the store (see :class:`Store`).

    Parameters
    ----------
    path
        The database file; default :func:`default_path`.
    keep_open
        Hold one connection (opened by the first operation, reopened if the file was moved
        aside, closed by :meth:`close` or ``with``) used under a lock; else one per operation.
    principal
        Who is acting (a plain attribute the UI sets each rerun); ``None`` when nobody is
        signed in: then every operation that needs a permission raises
        :class:`geo.errors.AccessDenied`.
    _after_write_hook
        Test hook called inside a write transaction after the row is written and before the
        commit (the crash test kills the process there).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        keep_open: bool = False,
        principal: Principal | None = SYSTEM,
        _after_write_hook: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        schema.private_dir(self.path.parent)
        self.keep_open = keep_open
        self.principal: Principal | None = principal
        self.public_stop: PublicStop | None = None
        self._after_write_hook = _after_write_hook
        self._lock = threading.RLock()
        self._held: tuple[sqlite3.Connection, tuple[int, int] | None] | None = None
        self._writing = 0
        schema.ensure_ready(self.path)

    def __enter__(self) -> StoreCore:
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
        schema.ensure_ready(self.path)
        if not self.keep_open:
            with closing(self._open()) as conn:
                yield conn
            return
        with self._lock:
            if self._held is not None and self._held[1] != schema.file_key(self.path):
                self.close()  # the file was moved aside: this connection holds the old one
            if self._held is None:
                self._held = (self._open(check_same_thread=False), schema.file_key(self.path))
            if self._held[0].in_transaction:  # never inherit what a failed operation left open
                self._held[0].rollback()
            yield self._held[0]

    def _open(self, *, check_same_thread: bool = True) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=check_same_thread, **schema.OPEN_ARGS)
        conn.row_factory = sqlite3.Row
        try:
            conn.executescript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        except BaseException:
            conn.close()
            raise
        schema.private_companions(self.path)
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
            self._writing += 1
            try:
                # A newer Border Atlas may have upgraded the file since this process checked it.
                schema.refuse_newer(self.path, schema.user_version(conn))
                yield conn
                if self._after_write_hook is not None:
                    self._after_write_hook(what)
                conn.execute("COMMIT")
            except BaseException as exc:
                conn.execute("ROLLBACK")
                if isinstance(exc, AccessDenied):  # the refusal stays on record (own commit)
                    self._audit_denied(conn, target=what, error=exc)
                raise
            finally:
                self._writing -= 1

    def integrity_check(self) -> str:
        """Result of ``PRAGMA integrity_check`` (``"ok"`` when the file is sound)."""
        with self._connect() as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- who is acting -----------------------------------------------------------------------

    def _require(self, permission: Permission, *, action: str) -> Principal:
        """The principal, if it may ``permission``; else :class:`AccessDenied`."""
        if self.principal is None:
            raise AccessDenied.of("store.signed_out", action=action)
        try:
            self.principal.require(permission, action=action)
        except AccessDenied as error:
            if not self._writing:  # inside a write, _write records it after its rollback
                with self._connect() as conn:
                    self._audit_denied(conn, target=action, error=error)
            raise
        return self.principal

    def _may(self, permission: Permission) -> bool:
        return self.principal is not None and self.principal.may(permission)

    @property
    def sees_protected(self) -> bool:
        """Whether the principal may see surveyed marker positions (border guard, admin).

        The one place that decides it: :meth:`get_import` and :meth:`get_plan` ask it.
        """
        return self._may(Permission.PROTECTED)

    def _is(self, name: str | None) -> bool:
        """Whether ``name`` (an owner, a grantee) is the principal (names ignore case)."""
        return (
            self.principal is not None
            and name is not None
            and name.casefold() == self.principal.name.casefold()
        )

    def _not_owner(self, name: str, action: str) -> AccessDenied:
        return AccessDenied.of("store.not_owner", name=name, action=action)

    # -- the audit trail ---------------------------------------------------------------------

    def _audit(
        self,
        conn: sqlite3.Connection,
        action: str,
        *,
        target: str = "",
        detail: dict[str, Any] | None = None,
        actor: str | None = None,
        role: str | None = None,
        session: str | None = None,
    ) -> None:
        """Append one audit row inside the caller's transaction."""
        principal = self.principal
        conn.execute(
            "INSERT INTO audit (at, actor, role, session, action, target, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                schema.now(),
                actor if actor is not None else (principal.name if principal else ""),
                role if role is not None else (str(principal.role) if principal else ""),
                session if session is not None else (principal.session if principal else ""),
                action,
                target,
                json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
            ),
        )

    def _audit_denied(self, conn: sqlite3.Connection, *, target: str, error: AccessDenied) -> None:
        """Record a refused action ("denied") outside any transaction (it commits alone), with
        the refusal's English words; never when nobody is signed in (the sign-in page's noise)."""
        if self.principal is not None:
            self._audit(conn, "denied", target=target, detail={"reason": error.message("en")})

    def record(
        self,
        action: str,
        *,
        target: str = "",
        detail: dict[str, Any] | None = None,
        actor: str | None = None,
        role: str | None = None,
        session: str | None = None,
    ) -> None:
        """Append one row to the audit trail: when (now), who (``actor``, ``role``,
        ``session``: the principal's unless given), ``action``, ``target`` and ``detail``.

        Needs no permission: sign-in records failures before anyone is signed in.
        """
        with self._write(f"record:{action}") as conn:
            self._audit(
                conn, action, target=target, detail=detail, actor=actor, role=role, session=session
            )

    def audit_rows(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        limit: int = 5000,
    ) -> list[dict[str, Any]]:
        """Audit rows, newest first, filtered by actor (any case), action and time
        (``since <= at < until``); needs ADMIN. ``detail`` is parsed from its JSON."""
        self._require(Permission.ADMIN, action="audit")
        clauses, params = [], []
        if actor:
            clauses.append("actor = ? COLLATE NOCASE")
            params.append(actor)
        if action:
            clauses.append("action = ?")
            params.append(action)
        if since is not None:
            clauses.append("at >= ?")
            params.append(_iso(since))
        if until is not None:
            clauses.append("at < ?")
            params.append(_iso(until))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT * FROM audit{where} ORDER BY seq DESC LIMIT ?", (*params, int(limit))
            ).fetchall()
        return [{**dict(row), "detail": json.loads(row["detail"])} for row in rows]
