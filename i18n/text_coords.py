"""Typed and imported coordinates (:mod:`geo.crs`, :mod:`ui.import_coords`): reading them, and
whether they lie where they claim to.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {}
