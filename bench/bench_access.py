"""What accounts and roles cost: password hashing, sign-in, and the store's checks.

Prints medians in milliseconds; no assertions. Runs on a temporary store:

- argon2id hash and verify (``access.accounts``, the library's default parameters);
- sign-in with the right password, a wrong one and an unknown name (the last two should take
  about as long as the first, so a name cannot be probed by timing);
- the store's reads a page makes on every rerun, as an admin and as a planner with shares:
  ``list_plans`` over ``PLANS`` plans, ``get_import`` of a markers import as a guard and as a
  viewer (the one rule for surveyed positions), ``count_accounts`` (the sign-in gate);
- ``audit_rows`` over ``AUDIT`` rows (the admin page).

Run: ``.venv/bin/python bench/bench_access.py [PLANS] [AUDIT]``
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from access import accounts
from geo.errors import LoginError
from planner.plan import Plan, Stop
from userdata.roles import Principal, Role
from userdata.store import Store

PLANS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
AUDIT = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
PASSWORD = "mật-khẩu-đủ-dài-1"


def median_ms(step: Callable[[], object], *, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _try_sign_in(store: Store, name: str, password: str) -> None:
    with contextlib.suppress(LoginError):
        accounts.sign_in(store, name, password)


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "atlas.sqlite3"
    admin = Store(path, keep_open=True)
    for name, role in (("quan", Role.ADMIN), ("an", Role.PLANNER), ("binh", Role.PLANNER)):
        accounts.add_account(admin, name, role=role, password=PASSWORD)
    base = Stop(
        id="b", name="Base", kind="point", lat=20.0, lon=105.0,
        precision="published", commune_code=None, source="bench",
    )  # fmt: skip
    owner = Store(path, keep_open=True, principal=Principal(name="an", role=Role.PLANNER))
    for number in range(PLANS):
        name = f"Chuyến {number}"
        owner.save_plan(Plan(name=name, base=base, stops=[], start=datetime(2026, 3, 1, 7)))
        if number % 4 == 0:
            owner.share_plan(name, grantee_kind="user", grantee="binh", can_edit=number % 8 == 0)
    guard = Store(path, keep_open=True, principal=Principal(name="quan", role=Role.ADMIN))
    marker_id = guard.put_import(
        kind="markers", name="Mốc đo đạc", filename="moc.geojson",
        body='{"type": "FeatureCollection", "features": []}', public_body="[]",
    )  # fmt: skip
    viewer = Store(path, keep_open=True, principal=Principal(name="binh", role=Role.VIEWER))
    reader = Store(path, keep_open=True, principal=Principal(name="binh", role=Role.PLANNER))
    for number in range(AUDIT):
        guard.record("export_plan", target=f"Chuyến {number % PLANS}", detail={"format": "gpx"})

    stored = accounts.hash_password(PASSWORD)
    print(f"argon2id hash: {median_ms(lambda: accounts.hash_password(PASSWORD), runs=7):.1f} ms")
    print(f"argon2id verify: {median_ms(lambda: accounts.verify(stored, PASSWORD), runs=7):.1f} ms")
    right = median_ms(lambda: accounts.sign_in(admin, "an", PASSWORD), runs=7)
    print(f"sign-in, right password: {right:.1f} ms")
    wrong = median_ms(lambda: _try_sign_in(admin, "binh", "sai-mật-khẩu-1"), runs=4)
    print(f"sign-in, wrong password: {wrong:.1f} ms")
    unknown = median_ms(lambda: _try_sign_in(admin, "khong-co", "sai-mật-khẩu-1"), runs=7)
    print(f"sign-in, unknown name: {unknown:.1f} ms")
    print(f"list_plans ({PLANS} plans), admin: {median_ms(admin.list_plans):.2f} ms")
    print(f"list_plans, planner with shares: {median_ms(reader.list_plans):.2f} ms")
    print(f"get_import markers, guard: {median_ms(lambda: guard.get_import(marker_id)):.3f} ms")
    print(f"get_import markers, viewer: {median_ms(lambda: viewer.get_import(marker_id)):.3f} ms")
    print(f"count_accounts (the gate): {median_ms(admin.count_accounts):.3f} ms")
    print(f"audit_rows ({AUDIT} rows): {median_ms(guard.audit_rows, runs=5):.1f} ms")
    print(f"audit_rows for one user: {median_ms(lambda: guard.audit_rows(actor='an')):.1f} ms")


if __name__ == "__main__":
    main()
