"""Field visits: the plan, the order of its stops, travel on the roads, the day schedule, the
warnings and the exports. Imports ``geo`` and ``layers``, never ``userdata`` or ``ui``."""
