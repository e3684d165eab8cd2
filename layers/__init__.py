"""Map layers of Border Atlas: one module per layer, each with its schema and its builder.

:func:`layers.registry.build_atlas` builds them all once, in dependency order, and records
which ones could not be built (and why) instead of failing the whole app.
"""
