"""Field visits: the plan, the order of its stops, travel on the roads, the day schedule, the
warnings and the exports. Imports ``i18n``, ``geo`` and ``layers``, never ``userdata`` or ``ui``.

Modules, each using only those listed before it:

* :mod:`planner.plan`: the plan, its stops and travel factors (plain data, JSON).
* :mod:`planner.ordering`: the visiting order on a cost matrix (Held–Karp, 2-opt, Or-opt).
* :mod:`planner.network`: the national roads as a graph; snapping and shortest paths.
* :mod:`planner.travel`: leg estimates, the distance matrix, a plan's legs and best order.
* :mod:`planner.schedule`: the day plan (arrivals, departures, overnights).
* :mod:`planner.plan_warnings`: risk communes, border area, rainy season, approximate places.
* :mod:`planner.exports`: GPX, KML, CSV and GeoPackage.
* :mod:`planner.itinerary`: the printable HTML itinerary and its SVG sketch.
* :mod:`planner.fieldpack`: the offline Leaflet map and the field-pack zip.
"""
