/* The field pack's offline map (planner/fieldpack.py inlines this into map.html).

   It reads the trip from the JSON block #fp-data and draws, with Leaflet and no network:
   communes coloured by landslide risk, national roads, the derived border line, the legs,
   numbered stop markers (the names are in the key and the popups, never on the map) and
   overnight points. "My position" watches the phone's GPS and shows the distance and the
   compass direction to the next stop: the first stop in the plan's order not yet reached
   (a fix within DATA.arrival_km of it marks it reached), or the stop the user picked with
   "Go here next". What was reached and picked is remembered on the phone (localStorage).
   Every text from the data is set with textContent, never as HTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("fp-data").textContent);
  var W = DATA.words;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var EARTH_KM = 6371.0088;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function formatNumber(value, decimals) {
    var parts = Math.abs(value).toFixed(decimals).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, DATA.number.group);
    var sign = value < 0 && Number(parts.join(".")) !== 0 ? "-" : "";
    return sign + whole + (parts.length > 1 ? DATA.number.decimal + parts[1] : "");
  }

  function formatKm(km) {
    return formatNumber(km, km < 1 ? 2 : (km < 100 ? 1 : 0));
  }

  function rad(degrees) { return degrees * Math.PI / 180; }

  function distanceKm(lat1, lon1, lat2, lon2) {
    var dLat = rad(lat2 - lat1);
    var dLon = rad(lon2 - lon1);
    var a = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function bearing(lat1, lon1, lat2, lon2) {
    var dLon = rad(lon2 - lon1);
    var y = Math.sin(dLon) * Math.cos(rad(lat2));
    var x = Math.cos(rad(lat1)) * Math.sin(rad(lat2)) -
      Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(dLon);
    return (Math.atan2(y, x) * 180 / Math.PI + 360) % 360;
  }

  function compass(degrees) {
    return W.compass[Math.round(degrees / 45) % 8];
  }

  /* ---- the map and what it draws ---- */

  document.getElementById("fp-title").textContent = DATA.name;
  document.getElementById("fp-summary").textContent = DATA.summary;

  var map = L.map("map", { zoomControl: true, attributionControl: true, tapTolerance: 20 });
  map.attributionControl.setPrefix("Leaflet");
  if (DATA.tile_url) {
    L.tileLayer(DATA.tile_url, {
      maxZoom: 18,
      attribution: el("span", null, DATA.tile_attribution).innerHTML
    }).addTo(map);
  }
  /* The app's offline basemap of the pack's area (relief, rivers, roads, places), inlined. */
  if (DATA.basemap && window.BorderAtlasBasemap) {
    window.BorderAtlasBasemap.add(map, DATA.basemap);
  }

  /* Long texts (sources, how a leg was estimated) are folded away behind a summary. */
  function folded(summary, lines, className) {
    var details = el("details", className);
    details.appendChild(el("summary", null, summary));
    lines.forEach(function (line) { details.appendChild(el("div", null, line)); });
    return details;
  }

  function popup(title, lines, smallLines, warnLines) {
    var box = el("div", "fp-popup");
    box.appendChild(el("strong", null, title));
    (lines || []).forEach(function (line) { box.appendChild(el("div", null, line)); });
    (warnLines || []).forEach(function (line) { box.appendChild(el("div", "fp-warn", "⚠ " + line)); });
    var small = (smallLines || []).filter(Boolean);
    if (small.length) { box.appendChild(folded(W.sources, small, "fp-small")); }
    return box;
  }

  var POPUP = {
    maxWidth: 300,
    autoPanPaddingTopLeft: L.point(60, 60),
    autoPanPaddingBottomRight: L.point(12, 12)
  };

  DATA.communes.forEach(function (commune) {
    L.polygon(commune.rings, { className: "fp-commune risk-" + commune.risk, weight: 1 })
      .bindPopup(popup(commune.label), POPUP)
      .addTo(map);
  });
  DATA.roads.forEach(function (road) {
    var about = road.road_class ? [road.road_class] : [];
    L.polyline(road.lines, { className: "fp-road", weight: 3 })
      .bindPopup(popup(road.name || W.roads, about.concat([W.roads])), POPUP)
      .addTo(map);
  });
  DATA.border.forEach(function (part) {
    L.polyline(part.lines, { className: "fp-border", weight: 3 })
      .bindPopup(popup(W.border), POPUP)
      .addTo(map);
  });

  var bounds = [];
  DATA.legs.forEach(function (leg) {
    L.polyline(leg.coords, {
      className: "fp-leg " + (leg.road ? "fp-leg-road" : "fp-leg-straight"),
      weight: leg.road ? 5 : 3
    }).bindPopup(popup(leg.label, [leg.about]), POPUP).addTo(map);
    leg.coords.forEach(function (c) { bounds.push(c); });
  });

  /* ---- which stop is next ---- */

  var storageKey = "fieldpack:" + DATA.storage_key;
  var state = { reached: {}, picked: null };
  try {
    var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
    if (saved && typeof saved === "object") {
      (saved.reached || []).forEach(function (i) {
        if (DATA.stops[i]) { state.reached[i] = true; }
      });
      if (DATA.stops[saved.picked]) { state.picked = saved.picked; }
    }
  } catch (ignored) { /* no storage on this phone: start afresh */ }

  function save() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({
        reached: Object.keys(state.reached).map(Number),
        picked: state.picked
      }));
    } catch (ignored) { /* the next stop is then only kept until the page closes */ }
  }

  function nextStop() {
    if (state.picked !== null && !state.reached[state.picked]) { return state.picked; }
    for (var k = 0; k < DATA.order.length; k += 1) {
      if (!state.reached[DATA.order[k]]) { return DATA.order[k]; }
    }
    return null;
  }

  /* ---- markers and the key ---- */

  var markers = [];
  DATA.stops.forEach(function (stop, i) {
    var icon = L.divIcon({
      className: "fp-stop" + (i === 0 ? " fp-base" : ""),
      html: el("span", null, stop.n),
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -14]
    });
    var box = popup(stop.n + ". " + stop.name, [stop.about].concat(stop.times), [stop.source],
      stop.warnings);
    var pick = el("button", "fp-button fp-primary", W.set_next);
    pick.type = "button";
    pick.addEventListener("click", function () { pickNext(i); map.closePopup(); });
    box.appendChild(pick);
    var marker = L.marker([stop.lat, stop.lon], {
      icon: icon, title: stop.n + ". " + stop.name, riseOnHover: true
    }).bindPopup(box, POPUP).addTo(map);
    markers.push(marker);
    bounds.push([stop.lat, stop.lon]);
  });
  var nightMarkers = DATA.nights.map(function (night) {
    var icon = L.divIcon({
      className: "fp-night", html: el("span", null, "☾"), iconSize: [30, 30], iconAnchor: [15, 15]
    });
    var marker = L.marker([night.lat, night.lon], { icon: icon, title: night.name })
      .bindPopup(popup(night.name, [night.text]), POPUP)
      .addTo(map);
    bounds.push([night.lat, night.lon]);
    return { marker: marker, lat: night.lat, lon: night.lon, index: -1 };
  });

  /* Markers closer than SPACING pixels are moved apart, each with a thin leader line to a
     dot at its true place, so no marker hides another at any zoom. */
  var SPACING = 34;
  var ready = false;
  var leaders = L.layerGroup().addTo(map);
  var placed = markers.map(function (marker, i) {
    return { marker: marker, lat: DATA.stops[i].lat, lon: DATA.stops[i].lon, index: i };
  }).concat(nightMarkers);

  function declutter() {
    leaders.clearLayers();
    var next = nextStop();
    var queue = placed.slice().sort(function (a, b) {
      return (b.index === next) - (a.index === next);
    });
    var taken = [];
    queue.forEach(function (item) {
      var home = map.latLngToLayerPoint([item.lat, item.lon]);
      var spot = home;
      function clashes(point) {
        return taken.some(function (other) { return other.distanceTo(point) < SPACING; });
      }
      for (var k = 0; k < 24 && clashes(spot); k += 1) {
        var angle = -Math.PI / 2 + k * Math.PI / 4;
        var reach = SPACING * (1 + Math.floor(k / 8));
        spot = home.add(L.point(Math.cos(angle) * reach, Math.sin(angle) * reach));
      }
      taken.push(spot);
      if (spot === home) {
        item.marker.setLatLng([item.lat, item.lon]);
        return;
      }
      var moved = map.layerPointToLatLng(spot);
      item.marker.setLatLng(moved);
      L.polyline([[item.lat, item.lon], moved], { className: "fp-leader", interactive: false })
        .addTo(leaders);
      L.circleMarker([item.lat, item.lon], { radius: 3, className: "fp-true-spot", interactive: false })
        .addTo(leaders);
    });
  }
  map.on("zoomend", declutter);

  var keyBox = document.getElementById("fp-key");
  var keyToggle = document.getElementById("fp-key-toggle");
  var keyItems = [];

  function sample(className, text) {
    return el("span", className + " fp-sample", text);
  }

  function buildKey() {
    var list = el("ol");
    DATA.stops.forEach(function (stop, i) {
      var item = el("li");
      var button = el("button", "fp-key-item");
      button.type = "button";
      button.appendChild(sample("fp-stop" + (i === 0 ? " fp-base" : ""), stop.n));
      var text = el("span", "fp-key-text");
      var name = el("span", "fp-key-name", stop.name);
      var badge = el("span", "fp-key-badge", W.next_badge);
      badge.hidden = true;
      name.appendChild(badge);
      text.appendChild(name);
      text.appendChild(el("span", "fp-key-sub", stop.about));
      stop.times.forEach(function (line) { text.appendChild(el("span", "fp-key-sub", line)); });
      stop.warnings.forEach(function (line) {
        text.appendChild(el("span", "fp-key-warn", "⚠ " + line));
      });
      button.appendChild(text);
      button.addEventListener("click", function () { focusStop(i); });
      item.appendChild(button);
      list.appendChild(item);
      keyItems.push({ button: button, badge: badge });
    });
    DATA.nights.forEach(function (night) {
      var item = el("li");
      var box = el("div", "fp-key-item");
      box.appendChild(sample("fp-night", "☾"));
      var text = el("span", "fp-key-text");
      text.appendChild(el("span", "fp-key-name", night.name));
      text.appendChild(el("span", "fp-key-sub", night.text));
      box.appendChild(text);
      item.appendChild(box);
      list.appendChild(item);
    });
    keyBox.appendChild(list);
    DATA.general_warnings.forEach(function (line) {
      keyBox.appendChild(el("p", "fp-note fp-warn", "⚠ " + line));
    });
    keyBox.appendChild(el("p", "fp-note", W.next_rule));
  }

  function setKeyOpen(open) {
    keyBox.hidden = !open;
    keyToggle.setAttribute("aria-expanded", String(open));
    keyToggle.textContent = (open ? "▾ " : "▴ ") + W.stops_button + " (" + DATA.stops.length + ")";
    map.invalidateSize();
  }

  function focusStop(i) {
    setKeyOpen(false);
    var stop = DATA.stops[i];
    map.setView([stop.lat, stop.lon], Math.max(map.getZoom(), 12));
    markers[i].openPopup();
  }

  function refresh() {
    var next = nextStop();
    if (ready) { declutter(); }
    markers.forEach(function (marker, i) {
      var node = marker.getElement();
      if (node) {
        node.classList.toggle("fp-next", i === next);
        node.classList.toggle("fp-reached", !!state.reached[i] && i !== next);
      }
      marker.setZIndexOffset(i === next ? 1000 : 0);
      keyItems[i].button.classList.toggle("fp-is-next", i === next);
      keyItems[i].button.classList.toggle("fp-is-reached", !!state.reached[i] && i !== next);
      keyItems[i].badge.hidden = i !== next;
    });
  }

  function pickNext(i) {
    state.picked = i;
    delete state.reached[i];
    save();
    refresh();
    if (lastFix) { showFix(lastFix); }
  }

  buildKey();
  keyToggle.addEventListener("click", function () { setKeyOpen(keyBox.hidden); });
  setKeyOpen(false);

  /* ---- the legend ---- */

  function svgSample(shape, className) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    var node = document.createElementNS(SVG_NS, shape === "area" ? "rect" : "path");
    if (shape === "area") {
      node.setAttribute("x", "2"); node.setAttribute("y", "1");
      node.setAttribute("width", "30"); node.setAttribute("height", "14");
    } else {
      node.setAttribute("d", "M2 8 H32");
    }
    node.setAttribute("class", className);
    svg.appendChild(node);
    return svg;
  }

  function legendRow(body, symbol, text) {
    var row = el("div", "fp-legend-row");
    row.appendChild(symbol);
    row.appendChild(el("span", null, text));
    body.appendChild(row);
  }

  var Legend = L.Control.extend({
    options: { position: "topright" },
    onAdd: function () {
      var box = el("div", "fp-legend");
      var button = el("button", "fp-legend-toggle", W.legend_button);
      button.type = "button";
      var body = el("div", "fp-legend-body");
      legendRow(body, sample("fp-stop fp-base", "★"), W.base_symbol);
      legendRow(body, sample("fp-stop", "1"), W.stop_symbol);
      if (DATA.nights.length) { legendRow(body, sample("fp-night", "☾"), W.overnight_symbol); }
      if (DATA.legs.some(function (leg) { return leg.road; })) {
        legendRow(body, svgSample("line", "fp-leg fp-leg-road"), W.leg_road);
      }
      if (DATA.legs.some(function (leg) { return !leg.road; })) {
        legendRow(body, svgSample("line", "fp-leg fp-leg-straight"), W.leg_straight);
      }
      if (DATA.roads.length) { legendRow(body, svgSample("line", "fp-road"), W.roads); }
      if (DATA.border.length) { legendRow(body, svgSample("line", "fp-border"), W.border); }
      if (W.risks.length) {
        body.appendChild(el("div", "fp-legend-title", W.risk_title));
        W.risks.forEach(function (risk) {
          legendRow(body, svgSample("area", "fp-commune risk-" + risk[0]), risk[1]);
        });
      }
      if (DATA.basemap) {
        body.appendChild(el("div", "fp-legend-small", DATA.basemap.words.pack_note));
      } else if (!DATA.tile_url) {
        body.appendChild(el("div", "fp-legend-small", W.no_basemap));
      }
      if (DATA.sources.length) { body.appendChild(folded(W.sources, DATA.sources, "fp-legend-small")); }
      function fit() {
        body.style.maxHeight = Math.max(120, map.getSize().y - 70) + "px";
      }
      map.on("resize", fit);
      function show(open) {
        fit();
        body.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        button.textContent = (open ? "▾ " : "▸ ") + W.legend_button;
      }
      button.addEventListener("click", function () { show(body.hidden); });
      show(window.innerWidth >= 700);
      box.appendChild(button);
      box.appendChild(body);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Legend().addTo(map);

  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.setView([18.5, 105.5], 7);
  }
  ready = true;
  refresh();

  /* What fieldpack_observe.js (the recording form) uses of this map. */
  window.BorderAtlasPack = {
    map: map, data: DATA, el: el, fill: fill, formatNumber: formatNumber,
    distanceKm: distanceKm, popupOptions: POPUP
  };

  /* ---- my position ---- */

  var locate = document.getElementById("fp-locate");
  var status = document.getElementById("fp-status");
  locate.textContent = "◎ " + W.my_position;
  var watchId = null;
  var lastFix = null;
  var recentre = false;
  var me = null;
  var accuracy = null;
  var heading = null;

  function showStatus(main, small, isError) {
    status.hidden = false;
    status.className = isError ? "fp-error" : "";
    status.textContent = "";
    status.appendChild(el("span", null, main));
    if (small) { status.appendChild(el("span", "fp-small", small)); }
    map.invalidateSize();
  }

  function advance(fix) {
    var changed = false;
    var next = nextStop();
    while (next !== null) {
      var stop = DATA.stops[next];
      if (distanceKm(fix.lat, fix.lon, stop.lat, stop.lon) > DATA.arrival_km) { break; }
      state.reached[next] = true;
      if (state.picked === next) { state.picked = null; }
      changed = true;
      next = nextStop();
    }
    if (changed) { save(); refresh(); }
  }

  function showFix(fix) {
    var here = [fix.lat, fix.lon];
    if (!me) {
      accuracy = L.circle(here, { radius: fix.accuracy, className: "fp-accuracy", interactive: false })
        .addTo(map);
      heading = L.polyline([here, here], { className: "fp-heading", interactive: false }).addTo(map);
      me = L.circleMarker(here, { radius: 9, className: "fp-me" })
        .bindPopup(popup(W.you_are_here), POPUP)
        .addTo(map);
    }
    me.setLatLng(here);
    accuracy.setLatLng(here).setRadius(fix.accuracy);
    var next = nextStop();
    var main = W.all_reached;
    var view = L.latLngBounds([here, here]);
    if (next !== null) {
      var stop = DATA.stops[next];
      main = fill(W.to_next, {
        number: stop.n,
        name: stop.name,
        km: formatKm(distanceKm(fix.lat, fix.lon, stop.lat, stop.lon)),
        direction: compass(bearing(fix.lat, fix.lon, stop.lat, stop.lon))
      });
      heading.setLatLngs([here, [stop.lat, stop.lon]]);
      view.extend([stop.lat, stop.lon]);
    } else {
      heading.setLatLngs([here, here]);
    }
    showStatus(main, fill(W.accuracy, { metres: formatNumber(fix.accuracy, 0) }), false);
    if (recentre) {
      recentre = false;
      map.fitBounds(view.pad(0.1), { padding: [40, 40], maxZoom: 15 });
    }
  }

  function onPosition(position) {
    locate.removeAttribute("aria-busy");
    lastFix = {
      lat: position.coords.latitude,
      lon: position.coords.longitude,
      accuracy: position.coords.accuracy || 0
    };
    advance(lastFix);
    showFix(lastFix);
  }

  function onError(error) {
    locate.removeAttribute("aria-busy");
    if (error && error.code === 1) {
      if (watchId !== null) { navigator.geolocation.clearWatch(watchId); }
      watchId = null;
      showStatus(W.denied, "", true);
    } else if (!lastFix) {
      showStatus(W.no_fix, "", true);
    }
  }

  locate.addEventListener("click", function () {
    if (!("geolocation" in navigator)) {
      showStatus(W.unsupported, "", true);
      return;
    }
    recentre = true;
    if (watchId !== null) { navigator.geolocation.clearWatch(watchId); }
    if (lastFix) { showFix(lastFix); } else { showStatus(W.locating, "", false); }
    locate.setAttribute("aria-busy", "true");
    watchId = navigator.geolocation.watchPosition(onPosition, onError, {
      enableHighAccuracy: true, maximumAge: 10000, timeout: 60000
    });
  });
})();
