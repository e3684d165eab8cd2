"""Indicator tables users import (:mod:`userdata.tables`, :mod:`ui.import_table`): reading,
separators, ranges, names, duplicates.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {}
