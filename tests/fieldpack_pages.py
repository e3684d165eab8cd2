"""A real plan's field pack on disk, and a phone that reaches nothing outside (not a test module).

Used by the field pack's browser tests and the end-to-end observations test: the plan is made
of the atlas's places and routed on the bundle's road network as the planner page does; the
pack is made as the page's download makes it (communes coloured by risk, border, roads).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from geo.catalogue import Catalogue
from layers.commune_view import commune_view
from layers.places import places
from layers.registry import Atlas
from planner.fieldpack import field_pack
from planner.network import RoadNetwork
from planner.plan import Plan, Stop
from planner.plan_warnings import PlanWarning
from planner.schedule import schedule
from planner.travel import Leg, plan_legs

PHONE = {"width": 390, "height": 844}
LOCAL = ("file:", "data:", "about:", "blob:")
"""What a page opened from the pack may load: its own file and what it makes itself."""


def real_plan(
    atlas: Atlas, catalogue: Catalogue, keys: Sequence[str], *, name: str, start: datetime
) -> tuple[Plan, list[Leg]]:
    """A plan of the places ``keys`` (the first is the base; order kept) and its legs."""
    found = places(atlas)
    base, *stops = (Stop.from_place(found[key]) for key in keys)
    plan = Plan(name=name, base=base, stops=stops, start=start, order_fixed=True)
    return plan, plan_legs(plan, network=RoadNetwork.from_catalogue(catalogue))


def pack_map(
    plan: Plan,
    legs: list[Leg],
    *,
    atlas: Atlas,
    leaflet_dir: Path,
    folder: Path,
    warnings: Sequence[PlanWarning] = (),
) -> Path:
    """The plan's field pack, its ``map.html`` extracted into ``folder``; the file's path."""
    data = field_pack(
        plan,
        legs,
        schedule(plan, legs),
        list(warnings),
        leaflet_dir=leaflet_dir,
        communes=commune_view(atlas, edition="2025"),
        border=atlas.get("border"),
        roads=atlas.get("roads"),
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extract("map.html", folder)
    return folder / "map.html"


def phone(browser, **options):  # type: ignore[no-untyped-def]
    """A 390×844 touch context whose requests other than :data:`LOCAL` are aborted: the
    context, its page, the aborted URLs, and the page's errors (and dialogs) as text."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN", **options
    )
    aborted: list[str] = []

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    return context, page, aborted, errors
