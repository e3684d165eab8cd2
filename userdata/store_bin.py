"""The bin: deleted plans and imports wait :data:`geo.settings.BIN_DAYS` days to be restored.

Part of :mod:`userdata.store`. A deleted row moves whole into ``bin.row_json`` (a plan with
its shares; an import with its body and public body, bytes in base64), so a restore puts back
exactly what was deleted, under the same id. Entries older than ``BIN_DAYS`` are purged (and
audited as ``purge``) whenever the bin is listed or written.

Examples
--------
>>> decode_body(encode_body(b"\\x00\\xff")) == b"\\x00\\xff", decode_body(encode_body("{}"))
(True, '{}')
"""

from __future__ import annotations

import base64
import json
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any

from geo import settings
from geo.errors import StoreError
from userdata import store_schema as schema
from userdata.roles import Permission
from userdata.store_core import StoreCore


def encode_body(body: bytes | str | None) -> dict[str, str] | None:
    """A stored body as JSON: ``{"b64": …}`` for bytes, ``{"text": …}`` for text."""
    if body is None:
        return None
    if isinstance(body, bytes | bytearray | memoryview):
        return {"b64": base64.b64encode(bytes(body)).decode("ascii")}
    return {"text": str(body)}


def decode_body(value: dict[str, str] | None) -> bytes | str | None:
    """The inverse of :func:`encode_body`."""
    if value is None:
        return None
    if "b64" in value:
        return base64.b64decode(value["b64"])
    return value["text"]


def _expires(deleted_at: str) -> str:
    moment = datetime.fromisoformat(deleted_at) + timedelta(days=settings.BIN_DAYS)
    return moment.isoformat(timespec="microseconds")


class BinMixin(StoreCore):
    """Moving rows to the bin, listing it, restoring from it, purging it."""

    def _to_bin(
        self,
        conn: sqlite3.Connection,
        *,
        kind: str,
        name: str,
        owner: str | None,
        row: dict[str, Any],
    ) -> str:
        """Put ``row`` in the bin (inside the caller's transaction); return the bin id."""
        self._purge(conn)
        bin_id = uuid.uuid4().hex
        principal = self.principal
        conn.execute(
            "INSERT INTO bin (id, kind, name, owner, deleted_at, deleted_by, row_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                bin_id,
                kind,
                name,
                owner,
                schema.now(),
                principal.name if principal else None,
                json.dumps(row, ensure_ascii=False, sort_keys=True),
            ),
        )
        self._audit(conn, "delete", target=name, detail={"kind": kind, "bin_id": bin_id})
        return bin_id

    def _purge(self, conn: sqlite3.Connection) -> None:
        """Remove (and audit) bin entries deleted more than ``BIN_DAYS`` ago."""
        oldest = datetime.fromisoformat(schema.now()) - timedelta(days=settings.BIN_DAYS)
        cutoff = oldest.isoformat(timespec="microseconds")
        old = conn.execute(
            "SELECT id, kind, name, deleted_at FROM bin WHERE deleted_at < ?", (cutoff,)
        ).fetchall()
        for entry in old:
            conn.execute("DELETE FROM bin WHERE id = ?", (entry["id"],))
            self._audit(
                conn,
                "purge",
                target=entry["name"],
                detail={"kind": entry["kind"], "bin_id": entry["id"], "deleted_at": entry[3]},
            )

    def _may_restore(self, owner: str | None) -> bool:
        return self._may(Permission.ADMIN) or self._is(owner)

    def list_bin(self) -> list[dict[str, Any]]:
        """Bin entries the principal may restore (their own; all for an admin), newest first.

        Each has ``id``, ``kind`` (``plan`` or ``import``), ``name``, ``owner``,
        ``deleted_at``, ``deleted_by`` and ``expires_at``. Expired entries are purged first.
        """
        self._require(Permission.VIEW, action="bin")
        with self._write("purge") as conn:
            self._purge(conn)
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, kind, name, owner, deleted_at, deleted_by FROM bin "
                "ORDER BY deleted_at DESC"
            ).fetchall()
        return [
            {**dict(row), "expires_at": _expires(row["deleted_at"])}
            for row in rows
            if self._may_restore(row["owner"])
        ]

    def restore(self, bin_id: str) -> str:
        """Put a bin entry back (owner or admin) and return its name.

        A plan whose name was taken meanwhile comes back as "name (2)" (see
        :func:`userdata.store_schema.free_name`); an import keeps its id, so
        :meth:`imports_version` returns to what it was before the delete.
        """
        self._require(Permission.VIEW, action="restore")
        with self._write(f"restore:{bin_id}") as conn:
            self._purge(conn)
            entry = conn.execute("SELECT * FROM bin WHERE id = ?", (bin_id,)).fetchone()
            if entry is None or not self._may_restore(entry["owner"]):
                raise StoreError(f"No bin entry {bin_id!r} to restore in {self.path}.")
            row = json.loads(entry["row_json"])
            if entry["kind"] == "plan":
                name = self._restore_plan(conn, row)
            else:
                name = self._restore_import(conn, row)
            conn.execute("DELETE FROM bin WHERE id = ?", (bin_id,))
            self._audit(
                conn,
                "restore",
                target=name,
                detail={"kind": entry["kind"], "bin_id": bin_id, "was": entry["name"]},
            )
        return name

    def _restore_plan(self, conn: sqlite3.Connection, row: dict[str, Any]) -> str:
        taken = [r[0] for r in conn.execute("SELECT name FROM plans")]
        name = schema.free_name(row["name"], taken=taken)
        body = row["body"]
        if name != row["name"]:
            parsed = json.loads(body)
            parsed["name"] = name
            body = json.dumps(parsed, ensure_ascii=False, sort_keys=True)
        conn.execute(
            "INSERT INTO plans (id, name, body, created_at, updated_at, version, plan_format, "
            "owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                name,
                body,
                row["created_at"],
                row["updated_at"],
                row["version"],
                row["plan_format"],
                row["owner"],
            ),
        )
        conn.executemany(
            "INSERT INTO plan_shares (plan_id, grantee_kind, grantee, can_edit) "
            "VALUES (?, ?, ?, ?)",
            [
                (row["id"], s["grantee_kind"], s["grantee"], int(s["can_edit"]))
                for s in row["shares"]
            ],
        )
        return name

    def _restore_import(self, conn: sqlite3.Connection, row: dict[str, Any]) -> str:
        conn.execute(
            "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta, "
            "owner, protected, public_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                row["kind"],
                row["name"],
                row["filename"],
                row["loaded_by"],
                row["loaded_at"],
                decode_body(row["body"]),
                row["meta"],
                row["owner"],
                row["protected"],
                decode_body(row["public_body"]),
            ),
        )
        return str(row["name"])
