"""The field pack's offline map (``planner.fieldpack``): its buttons, legend and position.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {}
