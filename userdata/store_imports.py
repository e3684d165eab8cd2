"""Imports in the store: who may add, read and delete them; protected marker positions.

Part of :mod:`userdata.store`. An import belongs to the account that loaded it (``owner``, also
its ``loaded_by``). Imports of kind ``markers`` hold surveyed positions: they are ``protected``,
only border guards and admins import them, and everyone else reads their ``public_body`` (the
markers at commune or gate level, or nothing) instead of the body:
:attr:`userdata.store_core.StoreCore.sees_protected` decides, inside :meth:`get_import`.

Examples
--------
>>> PROTECTED_KINDS
frozenset({'markers'})
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from geo.errors import StoreError, UserInputError
from userdata import store_schema as schema
from userdata.roles import Permission
from userdata.store_bin import BinMixin, encode_body

PROTECTED_KINDS = frozenset({"markers"})
"""Kinds of import that hold surveyed positions."""
_LISTED = "id, kind, name, filename, loaded_by, loaded_at, meta, owner, protected"


class ImportsMixin(BinMixin):
    """Adding, listing, reading and deleting imports."""

    def put_import(
        self,
        *,
        kind: str,
        name: str,
        filename: str | None,
        body: bytes | str,
        meta: dict[str, Any] | None = None,
        public_body: bytes | str | None = None,
    ) -> str:
        """Store an imported file (e.g. border markers, zoning) and return its id.

        Needs IMPORT, and PROTECTED for kind ``markers``. The principal is recorded as its
        owner and ``loaded_by``; ``public_body`` is what those who may not see surveyed
        positions get instead of ``body``.
        """
        principal = self._require(Permission.IMPORT, action="import")
        if kind in PROTECTED_KINDS:
            self._require(Permission.PROTECTED, action="import")
        if not kind or not name:
            raise UserInputError.of("upload.import_needs_kind_name")
        import_id = uuid.uuid4().hex
        try:
            meta_json = json.dumps(meta or {}, ensure_ascii=False, sort_keys=True)
        except TypeError as exc:
            raise UserInputError.of("store.meta_not_json") from exc
        protected = int(kind in PROTECTED_KINDS)
        with self._write(f"put_import:{name}") as conn:
            conn.execute(
                "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta, "
                "owner, protected, public_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    import_id,
                    kind,
                    name,
                    filename,
                    principal.name,
                    schema.now(),
                    body,
                    meta_json,
                    principal.name,
                    protected,
                    public_body,
                ),
            )
            detail = {"kind": kind, "id": import_id, "filename": filename}
            self._audit(conn, "import", target=name, detail={**detail, "protected": protected})
        return import_id

    def list_imports(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Every live import without its body: ``id``, ``kind``, ``name``, ``filename``,
        ``loaded_by``, ``loaded_at``, ``meta``, ``owner``, ``protected``."""
        self._require(Permission.VIEW, action="list_imports")
        query = f"SELECT {_LISTED} FROM imports"
        params: tuple[Any, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            params = (kind,)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY loaded_at, name", params).fetchall()
        return [
            {**dict(r), "meta": json.loads(r["meta"]), "protected": bool(r["protected"])}
            for r in rows
        ]

    def imports_version(self) -> str:
        """A short token that changes whenever an import is added or deleted ("" with none).

        Imports are never edited in place, so their ids say everything.
        """
        with self._connect() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM imports ORDER BY id")]
        return hashlib.sha256(",".join(ids).encode()).hexdigest()[:16] if ids else ""

    def get_import(self, import_id: str) -> dict[str, Any]:
        """One import with its body (``bytes`` or ``str`` as stored) and meta.

        For a protected import and a principal who may not see surveyed positions, ``body``
        is the ``public_body`` (may be ``None``) and ``withheld`` is true.
        """
        self._require(Permission.VIEW, action="get_import")
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()
        if row is None:
            raise StoreError(f"No import with id {import_id!r} in {self.path}.")
        got = {**dict(row), "meta": json.loads(row["meta"]), "protected": bool(row["protected"])}
        withheld = got["protected"] and not self.sees_protected
        if withheld:
            got["body"] = row["public_body"]
        return {**got, "withheld": withheld}

    def delete_import(self, import_id: str) -> None:
        """Move an import to the bin: its owner (who may still import it) or an admin."""
        self._require(Permission.VIEW, action="delete_import")
        with self._write(f"delete_import:{import_id}") as conn:
            row = conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()
            if row is None:
                raise StoreError(f"No import with id {import_id!r} in {self.path}.")
            if not self._may(Permission.ADMIN):
                self._require(Permission.IMPORT, action="delete_import")
                if row["protected"]:
                    self._require(Permission.PROTECTED, action="delete_import")
                if not self._is(row["owner"]):
                    raise self._not_owner(row["name"], "delete_import")
            saved = {
                **dict(row),
                "body": encode_body(row["body"]),
                "public_body": encode_body(row["public_body"]),
            }
            conn.execute("DELETE FROM imports WHERE id = ?", (import_id,))
            self._to_bin(conn, kind="import", name=row["name"], owner=row["owner"], row=saved)
