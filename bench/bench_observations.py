"""What field observations cost: photos, reading a file, storing it, and what a map rerun sends.

Prints numbers; no assertions. Uses the bundle (``BORDER_ATLAS_DATA``) for the position checks
and a temporary store:

- a 4000×3000 camera-like JPEG through :func:`userdata.photos.normalise_photo` (time, bytes);
- building the Vietnam and commune checks once (:func:`userdata.observations.vietnam_check`,
  :func:`~userdata.observations.commune_finder`) and ``N`` positions through each;
- reading an export of ``N`` observations (every tenth with a photo) with
  :func:`~userdata.observations.read_observations`, storing it with ``add_observations`` and
  importing it again (idempotent: nothing added), then ``list_observations``;
- the observations overlay's inline bytes (``ui.webmap.observations``) per observation.

Run: ``.venv/bin/python bench/bench_observations.py [N]``
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from geo.catalogue import Catalogue
from layers.observations import Observation
from layers.registry import build_atlas
from planner.schedule import overnight_places
from ui.webmap.observations import observations_overlay
from userdata.observations import (
    commune_finder,
    observations_zip,
    read_observations,
    vietnam_check,
)
from userdata.photos import normalise_photo
from userdata.roles import Principal, Role
from userdata.store import Store

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
KINDS = ("landslide", "road_blocked", "crossing_impassable", "site_visited", "other")


def camera_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A noisy gradient: compresses about as badly as a photo of a hillside."""
    rng = random.Random(1)
    small = Image.new("RGB", (width // 8, height // 8))
    small.putdata(
        [
            (x % 256, (y * 2) % 256, rng.randrange(256))
            for y in range(height // 8)
            for x in range(width // 8)
        ]
    )
    big = small.resize((width, height), Image.Resampling.BICUBIC)
    noise = Image.effect_noise((width, height), 60).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(big, noise, 0.35).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def timed(step):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def main() -> None:
    raw = camera_jpeg()
    photo, seconds = timed(lambda: normalise_photo(raw, name="IMG_0001.jpg"))
    print(
        f"photo 4000×3000: {len(raw) / 1e6:.1f} MB in → {len(photo.body) / 1e3:.0f} KB "
        f"{photo.width}×{photo.height}, thumbnail {len(photo.thumb) / 1e3:.1f} KB, "
        f"{seconds * 1000:.0f} ms"
    )

    atlas = build_atlas(catalogue=Catalogue.load())
    communes = atlas.get("communes_2025")
    (inside, commune_of), seconds = timed(
        lambda: (
            vietnam_check(communes=communes, vietnam=overnight_places()),
            commune_finder(communes),
        )
    )
    print(f"position checks built once: {seconds:.2f} s")
    rng = random.Random(2)
    inner = communes.geometry.representative_point()
    points = [
        (p.y + rng.uniform(-0.01, 0.01), p.x + rng.uniform(-0.01, 0.01))
        for p in (inner.iloc[i % len(inner)] for i in range(N))
    ]
    _, seconds = timed(lambda: [inside(lat, lon) for lat, lon in points])
    print(f"{N} positions inside Vietnam?: {seconds * 1000:.0f} ms")
    _, seconds = timed(lambda: [commune_of(lat, lon) for lat, lon in points])
    print(f"{N} positions → commune: {seconds * 1000:.0f} ms")

    start = datetime(2026, 11, 1, tzinfo=UTC)
    observations = [
        Observation(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            kind=KINDS[i % len(KINDS)],
            note=f"ghi chú {i}",
            observed_at=start + timedelta(minutes=17 * i),
            lat=lat,
            lon=lon,
            accuracy_m=8.0,
            position_source="gps",
            observer="Đội thử",
            source="fieldpack",
            photos=(photo,) if i % 10 == 0 else (),
        )
        for i, (lat, lon) in enumerate(points)
    ]
    data = observations_zip(observations, plan_name="Bench")
    batch, seconds = timed(
        lambda: read_observations(
            data, filename="bench.zip", inside_vietnam=inside, commune_of=commune_of
        )
    )
    print(
        f"read an export of {N} observations ({N // 10} photos, {len(data) / 1e6:.1f} MB): "
        f"{seconds:.2f} s, {len(batch.refused)} refused"
    )
    store = Store(Path(tempfile.mkdtemp()) / "atlas.sqlite3")
    store.principal = Principal(name="bench", role=Role.BORDER_GUARD)
    done, seconds = timed(lambda: store.add_observations(batch, source_file="bench.zip"))
    print(f"store {len(done.added)} observations: {seconds:.2f} s")
    again, seconds = timed(lambda: store.add_observations(batch, source_file="bench.zip"))
    print(
        f"import the same file again: {len(again.added)} added, {len(again.already)} already, "
        f"{seconds:.2f} s"
    )
    listed, seconds = timed(store.list_observations)
    print(f"list_observations ({len(listed)}): {seconds * 1000:.0f} ms")
    overlay, seconds = timed(lambda: observations_overlay(listed, lang="vi"))
    per = len(overlay.data) / max(1, len(listed))
    print(
        f"observations overlay: {len(overlay.data) / 1e3:.0f} KB inline for {len(listed)} "
        f"({per:.0f} B each; every tenth with a thumbnail), built in {seconds * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
