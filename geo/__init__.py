"""Spatial and coordinate machinery of Border Atlas: settings, CRS, names, measures, routing, stores."""
