// Border Atlas web map runtime: hatching, compact layers, the legend, popups that fit the map,
// fitting the view to communes, cursor readout, distance tool.
//
// Loaded by URL after Leaflet (ui.webmap.OfflineMap.default_js, ui.assets.ATLAS_JS); the map's
// element scripts only call BorderAtlas.init / geoLayer / communes / legend / legendEntry /
// fitOnAdd with data written by Python, inline or as the URL of a file the browser fetches once
// and keeps (static overlays, commune shapes and texts: ui.webmap.sources). Geometries arrive as
// Google-encoded polylines (ui.webmap.encoding.encode_polyline). When the communes are drawn,
// the map's container gets data-ba-drawn=<count> (tests and benchmarks wait for it).
//
// What must outlive the swap of the commune group on a Streamlit rerun (the legend's open or
// closed state, the last fitted set of communes, an open commune popup) is kept on the map
// object (map._ba), never on the group.
window.BorderAtlas = window.BorderAtlas || (function () {
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function hatch(color) {
    var id = 'ba-hatch-' + String(color).replace(/[^0-9a-zA-Z]/g, '');
    if (!document.getElementById(id)) {
      var defs = document.getElementById('ba-defs');
      if (!defs) {
        var svg = el('svg', {width: 0, height: 0, 'aria-hidden': 'true'});
        svg.style.position = 'absolute';
        defs = el('defs', {id: 'ba-defs'});
        svg.appendChild(defs);
        document.body.appendChild(svg);
      }
      var p = el('pattern', {id: id, patternUnits: 'userSpaceOnUse', width: 8, height: 8,
                             patternTransform: 'rotate(45)'});
      p.appendChild(el('rect', {width: 8, height: 8, fill: '#ffffff', 'fill-opacity': 0.6}));
      p.appendChild(el('rect', {width: 4, height: 8, fill: color}));
      defs.appendChild(p);
    }
    return 'url(#' + id + ')';
  }
  function pathStyle(s) {
    if (!s.hatch) return s;
    var o = {};
    for (var k in s) if (k !== 'hatch') o[k] = s[k];
    o.fillColor = hatch(s.hatch);
    return o;
  }
  function decode(text, factor) {
    var points = [], index = 0, lat = 0, lng = 0, length = text.length;
    while (index < length) {
      var b, shift = 0, result = 0;
      do { b = text.charCodeAt(index++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lat += (result & 1) ? ~(result >> 1) : (result >> 1);
      shift = 0; result = 0;
      do { b = text.charCodeAt(index++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lng += (result & 1) ? ~(result >> 1) : (result >> 1);
      points.push([lat / factor, lng / factor]);
    }
    return points;
  }
  function build(g, s, opts) {
    var f = opts.factor, o = pathStyle(s);
    o.pane = opts.pane || 'overlayPane';
    function ring(r) { return decode(r, f); }
    function poly(p) { return p.map(ring); }
    if (g.k === 'P') return L.polygon(poly(g.c), o);
    if (g.k === 'MP') return L.polygon(g.c.map(poly), o);
    if (g.k === 'L') return L.polyline(ring(g.c), o);
    if (g.k === 'ML') return L.polyline(g.c.map(ring), o);
    var layers = g.c.map(function (ll) {
      if (s.icon) {
        return L.marker(ll, {pane: o.pane, keyboard: false, icon: L.divIcon({
          className: 'ba-icon', html: s.icon, iconSize: [s.size, s.size],
          iconAnchor: [s.size / 2, s.size / 2]})});
      }
      return L.circleMarker(ll, o);
    });
    return layers.length === 1 ? layers[0] : L.featureGroup(layers);
  }
  function state(map) {
    if (!map._ba) {
      map._ba = {open: null, communes: null, entries: [], fitKey: null, reopen: null, drawn: 0,
                 words: {title: 'Legend', toggle: '', layers: ''}, legend: null};
    }
    return map._ba;
  }
  // Files the map fetches by URL (ui.assets.cache_file: a content digest in the name, so the
  // browser keeps them): fetched once per page, shared by every rerun's layers.
  var loads = {};
  function load(url) {
    if (!loads[url]) {
      loads[url] = fetch(url, {credentials: 'same-origin'}).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.json();
      });
      loads[url].catch(function () { delete loads[url]; });
    }
    return loads[url];
  }
  function when(source) {
    return typeof source === 'string' ? load(source) : Promise.resolve(source);
  }
  // Shapes decoded once per shapes file (a rerun restyles, it does not decode again).
  var decoded = {};
  function shapesOf(source, list) {
    var key = typeof source === 'string' ? source : null;
    if (key && decoded[key]) return decoded[key];
    var out = list.map(function (p) { return {c: p.c, g: p.g}; });
    if (key) decoded[key] = out;
    return out;
  }
  function bindTexts(layer, t, p, opts) {
    if (t) layer.bindTooltip(t, {sticky: !!opts.sticky, className: 'ba-tip'});
    // Sized and panned by placePopup when it opens (the map's size is known only then).
    if (p) layer.bindPopup(p, {maxWidth: 280, className: 'ba-pop', autoPan: false});
  }
  function reopenOn(group) {
    // A rerun swaps the commune group: reopen the popup that was open on the old one.
    var map = group._map;
    if (!map) return;
    var st = state(map), again = st.reopen;
    if (!again || Date.now() - again.at > 2000) return;
    st.reopen = null;
    group.eachLayer(function (layer) {
      if (layer.feature && layer.feature.properties.code === again.code) {
        layer.openPopup(again.latlng);
      }
    });
  }
  function whenDrawn(group) {
    var map = group._map;
    if (map) map.getContainer().setAttribute('data-ba-drawn', String(++state(map).drawn));
  }
  // features: the list itself, or the URL of a file holding it (static overlays).
  function geoLayer(features, styles, opts) {
    var group = L.featureGroup();
    when(features).then(function (list) {
      list.forEach(function (p) {
        var layer = build(p.g, styles[p.s], opts);
        layer.feature = {type: 'Feature', properties: {code: p.c}};
        bindTexts(layer, p.t, p.p, opts);
        group.addLayer(layer);
      });
    });
    return group;
  }
  // The communes: shapes (code, geometry) and texts (code -> [tooltip, popup]) each inline or
  // by URL; what a rerun changes travels inline: the styles and each shape's style index.
  function communes(shapes, texts, styles, index, opts) {
    var group = L.featureGroup(), ready = false;
    if (opts.canvas) opts.renderer = L.canvas({padding: 0.5});
    group.on('add', function () { if (ready) { reopenOn(group); whenDrawn(group); } });
    Promise.all([when(shapes), when(texts)]).then(function (got) {
      var byCode = got[1] || {};
      shapesOf(shapes, got[0]).forEach(function (p, i) {
        var o = {factor: opts.factor, pane: opts.pane};
        var layer = build(p.g, styles[index[i]], o);
        if (opts.renderer) layer.options.renderer = opts.renderer;
        layer.feature = {type: 'Feature', properties: {code: p.c}};
        var t = byCode[p.c] || [];
        bindTexts(layer, t[0], t[1], opts);
        group.addLayer(layer);
      });
      ready = true;
      reopenOn(group);
      whenDrawn(group);
    });
    return group;
  }

  // Permanent names (the Lao provinces): not clickable, GADM's attribution while shown.
  function labels(group, list, opts) {
    list.forEach(function (l) {
      L.marker([l[0], l[1]], {
        icon: L.divIcon({html: l[2], className: opts.className, iconSize: [150, 16],
                         iconAnchor: [75, 8]}),
        interactive: false, keyboard: false, attribution: opts.attribution
      }).addTo(group);
    });
  }

  // ---- The legend: one collapsible control per map. ----
  function legendControl(map) {
    var st = state(map);
    if (st.legend) return st.legend;
    var control = L.control({position: 'bottomright'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'ba-legend');
      var head = L.DomUtil.create('button', 'ba-legend-head', div);
      head.type = 'button';
      head.innerHTML = '<span class="ba-legend-title"></span>' +
        '<svg class="ba-caret" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">' +
        '<path d="M2 4 L6 8 L10 4" fill="none" stroke="#333" stroke-width="1.8"/></svg>';
      L.DomUtil.create('div', 'ba-legend-body', div);
      L.DomEvent.on(head, 'click', function (e) {
        L.DomEvent.preventDefault(e);
        st.open = !st.open;
        renderLegend(map);
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    map.on('resize', function () { renderLegend(map); });
    st.legend = control;
    return control;
  }
  function renderLegend(map) {
    var st = state(map);
    var shown = {}, entries = st.entries.filter(function (e) {
      if (!map.hasLayer(e.layer) || shown[e.key]) return false;
      shown[e.key] = true;
      return true;
    }).sort(function (a, b) { return a.order - b.order; });
    if (!st.communes && !entries.length && !st.legend) return;
    var div = legendControl(map).getContainer();
    div.style.display = st.communes || entries.length ? '' : 'none';
    if (st.open === null) st.open = map.getSize().x >= 600;  // a phone starts collapsed
    var head = div.querySelector('.ba-legend-head');
    head.querySelector('.ba-legend-title').textContent =
      st.communes ? st.communes.title : st.words.title;
    head.setAttribute('aria-expanded', st.open ? 'true' : 'false');
    if (st.words.toggle) head.title = st.words.toggle;
    L.DomUtil[st.open ? 'addClass' : 'removeClass'](div, 'ba-open');
    var body = div.querySelector('.ba-legend-body');
    var parts = st.communes ? [st.communes.html] : [];
    if (entries.length) {
      var layers = entries.map(function (e) {
        return '<div class="ba-entry" data-key="' + e.key + '">' + e.body + '</div>';
      }).join('');
      var title = st.communes && st.words.layers ?
        '<div class="ba-legend-sub">' + st.words.layers + '</div>' : '';
      parts.push('<div class="ba-legend-layers">' + title + layers + '</div>');
    }
    body.innerHTML = parts.join('');
    if (st.open) fitLegend(map, div, head, body);
  }
  function fitLegend(map, div, head, body) {
    // The open legend grows upwards from its corner: stop it below the top-right controls.
    var size = map.getSize(), top = 0, below = 0;
    controlBoxes(map).forEach(function (b) {
      if (b.corner === 'topright') top = Math.max(top, b.y1);
    });
    var origin = map.getContainer().getBoundingClientRect();
    below = Math.max(0, origin.bottom - div.getBoundingClientRect().bottom);
    body.style.maxHeight = Math.max(60, size.y - below - top - 10 - head.offsetHeight) + 'px';
  }
  // The commune part of the legend, set while the commune group is on the map.
  var Legend = L.Layer.extend({
    initialize: function (html, colors, opts) {
      this._part = {html: html, title: (opts && opts.title) || ''};
      this._colors = colors;
    },
    onAdd: function (map) {
      this._colors.forEach(hatch);
      state(map).communes = this._part;
      renderLegend(map);
      return this;
    },
    onRemove: function (map) {
      var st = state(map);
      if (st.communes === this._part) st.communes = null;
      renderLegend(map);
      return this;
    }
  });
  function legend(html, colors, opts) { return new Legend(html, colors, opts); }
  // An overlay's entry: shown while the overlay is on (the layer control adds and removes it).
  function legendEntry(layer, entry) {
    function attach(map) {
      var st = state(map);
      var known = st.entries.some(function (e) {
        return e.layer === layer && e.key === entry.key;
      });
      if (!known) {
        st.entries.push({layer: layer, key: entry.key, order: entry.order, body: entry.body});
      }
      renderLegend(map);
    }
    layer.on('add', function () { attach(layer._map); });
    layer.on('remove', function () { if (layer._map) renderLegend(layer._map); });
    if (layer._map) attach(layer._map);
  }

  // ---- Controls as obstacles: what the data and popups should keep clear of. ----
  function controlBoxes(map) {
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    for (var name in map._controlCorners) {
      var corner = map._controlCorners[name];
      for (var i = 0; i < corner.children.length; i++) {
        var r = corner.children[i].getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({corner: name, legend: L.DomUtil.hasClass(corner.children[i], 'ba-legend'),
                    x0: r.left - origin.left, y0: r.top - origin.top,
                    x1: r.right - origin.left, y1: r.bottom - origin.top});
      }
    }
    return boxes;
  }
  function reach(map, b) {
    // How far a control reaches into the map from its side (w) and from its edge (h).
    var size = map.getSize(), left = b.corner.indexOf('left') >= 0;
    var top = b.corner.indexOf('top') >= 0;
    return {side: left ? 'left' : 'right', edge: top ? 'top' : 'bottom',
            w: left ? b.x1 : size.x - b.x0, h: top ? b.y1 : size.y - b.y0};
  }

  // ---- Fitting the view: the data in the part of the map no control covers. ----
  var MARGIN = 10;
  function fitPadding(map, bounds) {
    // Each control is kept clear either by a strip along its side of the map or by a strip
    // along its edge: try every choice, keep the one that shows the data largest.
    var size = map.getSize();
    var boxes = controlBoxes(map).map(function (b) { return reach(map, b); }).slice(0, 10);
    var best = null;
    for (var mask = 0; mask < (1 << boxes.length); mask++) {
      var pad = {left: MARGIN, top: MARGIN, right: MARGIN, bottom: MARGIN};
      boxes.forEach(function (r, i) {
        if (mask & (1 << i)) pad[r.side] = Math.max(pad[r.side], r.w + MARGIN);
        else pad[r.edge] = Math.max(pad[r.edge], r.h + MARGIN);
      });
      var freeX = size.x - pad.left - pad.right, freeY = size.y - pad.top - pad.bottom;
      if (freeX < 60 || freeY < 60) continue;
      var zoom = map.getBoundsZoom(bounds, false,
                                   L.point(pad.left + pad.right, pad.top + pad.bottom));
      var score = zoom * 1e7 + freeX * freeY;
      if (!best || score > best.score) best = {score: score, pad: pad};
    }
    var p = best ? best.pad : {left: MARGIN, top: MARGIN, right: MARGIN, bottom: MARGIN};
    return {paddingTopLeft: L.point(p.left, p.top),
            paddingBottomRight: L.point(p.right, p.bottom)};
  }
  function fit(map, bounds, key) {
    var st = state(map);
    if (key !== undefined && key === st.fitKey) return false;
    if (key !== undefined) st.fitKey = key;
    // On the next frame: a fitBounds of the base map queued its zoom animation for then, and
    // that animation would otherwise end on its own target after this fit and undo it.
    L.Util.requestAnimFrame(function () { fitNow(map, L.latLngBounds(bounds)); });
    return true;
  }
  function fitNow(map, bounds) {
    var size = map.getSize();
    if (size.x < 1 || size.y < 1) {
      map.once('resize', function () { fitNow(map, bounds); });
      return;
    }
    if (map._animatingZoom) map._onZoomTransitionEnd();  // end it now (Leaflet 1.9)
    map.stop();
    var opts = fitPadding(map, bounds);
    opts.animate = false;
    opts.maxZoom = 14;
    map.fitBounds(bounds, opts);
  }
  function fitOnAdd(group, bounds, key) {
    group.on('add', function () { fit(group._map, bounds, key); });
    if (group._map) fit(group._map, bounds, key);
  }

  // ---- Popups: sized from the map, panned clear of the map's edges and controls. ----
  function popupBox(map, popup) {
    var origin = map.getContainer().getBoundingClientRect();
    var r = popup.getElement().getBoundingClientRect();
    return {x0: r.left - origin.left, y0: r.top - origin.top,
            x1: r.right - origin.left, y1: r.bottom - origin.top};
  }
  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }
  function placePopup(map, popup) {
    var size = map.getSize(), m = 8;
    // The popup adds ~30 px of padding around its content (webmap.css) and a ~20 px tip.
    popup.options.maxWidth = Math.max(140, Math.min(280, size.x - 2 * m - 30));
    popup.options.minWidth = Math.min(180, popup.options.maxWidth);
    popup.options.maxHeight = Math.max(90, size.y - 2 * m - 60);
    popup.update();
    var box = popupBox(map, popup), dx = 0, dy = 0;
    function shifted() {
      return {x0: box.x0 - dx, y0: box.y0 - dy, x1: box.x1 - dx, y1: box.y1 - dy};
    }
    function inside(b) {
      return b.x0 >= m - 0.5 && b.y0 >= m - 0.5 && b.x1 <= size.x - m + 0.5 &&
        b.y1 <= size.y - m + 0.5;
    }
    if (box.x1 > size.x - m) dx = box.x1 - (size.x - m);
    if (box.x0 - dx < m) dx = box.x0 - m;
    if (box.y1 > size.y - m) dy = box.y1 - (size.y - m);
    if (box.y0 - dy < m) dy = box.y0 - m;
    var st = state(map);
    controlBoxes(map).sort(function (a, b) { return b.legend - a.legend; }).forEach(function (ob) {
      var b = shifted();
      if (!overlaps(b, ob)) return;
      var moves = [[0, b.y1 - (ob.y0 - 4)], [0, -(ob.y1 + 4 - b.y0)],
                   [b.x1 - (ob.x0 - 4), 0], [-(ob.x1 + 4 - b.x0), 0]];
      var pick = null;
      moves.forEach(function (mv) {
        var c = {x0: b.x0 - mv[0], y0: b.y0 - mv[1], x1: b.x1 - mv[0], y1: b.y1 - mv[1]};
        var cost = Math.abs(mv[0]) + Math.abs(mv[1]);
        if (inside(c) && (!pick || cost < pick.cost)) pick = {mv: mv, cost: cost};
      });
      if (pick) { dx += pick.mv[0]; dy += pick.mv[1]; }
      else if (ob.legend && st.open) { st.open = false; renderLegend(map); }
    });
    if (dx || dy) map.panBy([dx, dy], {animate: false});
  }
  // The "details" button of a commune popup: scroll the page to its details panel.
  function showDetails() {
    try {
      var doc = window.parent && window.parent !== window ? window.parent.document : document;
      var target = doc.querySelector('.st-key-ba_details');
      if (target) target.scrollIntoView({behavior: 'smooth', block: 'start'});
      return !!target;
    } catch (e) {
      return false;  // another origin: nothing to do
    }
  }
  function onPopupOpen(e) {
    var map = this, popup = e.popup;
    if (!popup.options.className || popup.options.className.indexOf('ba-pop') < 0) return;
    placePopup(map, popup);
    var button = popup.getElement().querySelector('[data-ba-action="details"]');
    if (button && !button._ba) {
      button._ba = true;
      L.DomEvent.on(button, 'click', function (ev) {
        L.DomEvent.stop(ev);
        showDetails();
      });
    }
  }
  function onPopupClose(e) {
    var source = e.popup._source, map = this;
    // Closed because its commune group was removed (a rerun swaps it): reopen on the new one.
    if (source && source.feature && !map.hasLayer(source)) {
      state(map).reopen = {code: source.feature.properties.code, latlng: e.popup.getLatLng(),
                           at: Date.now()};
    }
  }

  function fmt(v) { return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009'); }
  function readout(map, zones, hint, proj4Url) {
    var loading = false;
    function ensureProj4() {
      // Loaded on first use so it never delays the first drawing of the map.
      if (window.proj4 || loading || !proj4Url) return;
      loading = true;
      var script = document.createElement('script');
      script.src = proj4Url;
      script.onload = function () {
        zones.forEach(function (z) { proj4.defs('EPSG:' + z.epsg, z.def); });
      };
      document.head.appendChild(script);
    }
    var control = L.control({position: 'bottomleft'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'ba-readout');
      div.textContent = hint;
      return div;
    };
    control.addTo(map);
    function zoneFor(ll) {
      var best = null, bestDistance = Infinity;
      zones.forEach(function (z) {
        var b = z.bbox, dx = 0, dy = 0;
        if (ll.lng < b[0]) dx = b[0] - ll.lng; else if (ll.lng > b[2]) dx = ll.lng - b[2];
        if (ll.lat < b[1]) dy = b[1] - ll.lat; else if (ll.lat > b[3]) dy = ll.lat - b[3];
        var d = dx * dx + dy * dy;
        if (d < bestDistance) { best = z; bestDistance = d; }
      });
      return best;
    }
    function show(e) {
      ensureProj4();
      var ll = e.latlng;
      var lines = ['WGS 84: ' + ll.lat.toFixed(5) + '°N, ' + ll.lng.toFixed(5) + '°E'];
      var z = zoneFor(ll);
      if (z && window.proj4 && proj4.defs('EPSG:' + z.epsg)) {
        var xy = proj4('EPSG:4326', 'EPSG:' + z.epsg, [ll.lng, ll.lat]);
        lines.push(z.label + ': X = ' + fmt(xy[1]) + ' m, Y = ' + fmt(xy[0]) + ' m');
      }
      control.getContainer().textContent = lines.join('\n');
    }
    map.on('mousemove click', show);
  }
  function measure(map, title) {
    var on = false, points = [], line = null, label = null;
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var bar = L.DomUtil.create('div', 'leaflet-bar ba-measure');
      var a = L.DomUtil.create('a', '', bar);
      a.href = '#'; a.title = title; a.setAttribute('role', 'button');
      a.setAttribute('aria-label', title);
      a.innerHTML = '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">' +
        '<path d="M2 12 L12 2 L16 6 L6 16 Z" fill="none" stroke="#333" stroke-width="1.6"/>' +
        '<path d="M5 9 l2 2 M7.5 6.5 l2 2 M10 4 l2 2" stroke="#333" stroke-width="1.4"/></svg>';
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, 'click', function (e) {
        L.DomEvent.preventDefault(e);
        on = !on;
        L.DomUtil[on ? 'addClass' : 'removeClass'](bar, 'ba-on');
        map.getContainer().style.cursor = on ? 'crosshair' : '';
        if (on) { map.doubleClickZoom.disable(); map.closePopup(); }
        else {
          map.doubleClickZoom.enable(); points = [];
          if (line) { map.removeLayer(line); line = null; }
        }
      });
      return bar;
    };
    control.addTo(map);
    map.on('popupopen', function () { if (on) map.closePopup(); });
    map.on('click', function (e) {
      if (!on) return;
      points.push(e.latlng);
      if (!line) line = L.polyline(points, {color: '#111', weight: 2, dashArray: '6 4',
                                            interactive: false}).addTo(map);
      line.setLatLngs(points);
      var total = 0;
      for (var i = 1; i < points.length; i++) total += map.distance(points[i - 1], points[i]);
      line.unbindTooltip();
      line.bindTooltip((total / 1000).toFixed(2) + ' km',
                       {permanent: true, direction: 'right', className: 'ba-tip'});
      line.openTooltip(e.latlng);
    });
  }
  function init(map, opts) {
    for (var name in opts.panes) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = opts.panes[name];
    }
    if (opts.legend) state(map).words = opts.legend;
    map.on('popupopen', onPopupOpen, map);
    map.on('popupclose', onPopupClose, map);
    readout(map, opts.zones, opts.hint, opts.proj4);
    measure(map, opts.measure);
  }
  return {hatch: hatch, decode: decode, load: load, geoLayer: geoLayer, communes: communes, labels: labels,
          legend: legend,
          legendEntry: legendEntry, fit: fit, fitOnAdd: fitOnAdd, fitPadding: fitPadding,
          placePopup: placePopup, showDetails: showDetails, controlBoxes: controlBoxes,
          init: init};
})();
