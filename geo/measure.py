"""Measures on the Earth's surface that need no projection.

Examples
--------
>>> round(haversine_km(20.0, 105.0, 21.0, 105.0), 1)
111.2
"""

from __future__ import annotations

from typing import Any

import numpy as np

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG)."""


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in km between WGS 84 points, for scalars or numpy arrays.

    Parameters
    ----------
    lat1, lon1, lat2, lon2
        Degrees; arrays broadcast against each other.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array of the broadcast shape.

    Examples
    --------
    >>> haversine_km(20.0, 105.0, 20.0, 105.0)
    0.0
    >>> haversine_km(np.array([20.0, 21.0]), 105.0, 20.0, 105.0).round(1).tolist()
    [0.0, 111.2]
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    out = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(out) if np.ndim(out) == 0 else out
