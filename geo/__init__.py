"""Spatial and coordinate machinery: settings, catalogue, CRS, names, routing, stores."""
