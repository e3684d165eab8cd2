"""Layers users import (:mod:`userdata.layer_reader`, :mod:`userdata.apply`,
:mod:`ui.import_layer`): formats, coordinate systems, geometry kinds.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {}
