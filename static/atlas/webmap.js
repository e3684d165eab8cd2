// Border Atlas web map runtime: hatching, compact layers, legends, cursor readout, distance tool.
//
// Loaded by URL after Leaflet (ui.webmap.OfflineMap.default_js, ui.assets.ATLAS_JS); the map's
// element scripts only call BorderAtlas.init / geoLayer / legend with data written by Python.
// Geometries arrive as Google-encoded polylines (ui.webmap.encoding.encode_polyline).
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
  function geoLayer(features, styles, opts) {
    var group = L.featureGroup();
    features.forEach(function (p) {
      var layer = build(p.g, styles[p.s], opts);
      layer.feature = {type: 'Feature', properties: {code: p.c}};
      if (p.t) layer.bindTooltip(p.t, {sticky: !!opts.sticky, className: 'ba-tip'});
      if (p.p) layer.bindPopup(p.p, {maxWidth: 380, className: 'ba-pop'});
      group.addLayer(layer);
    });
    return group;
  }
  var Legend = L.Layer.extend({
    initialize: function (html, colors, position) {
      this._html = html; this._colors = colors; this._position = position;
    },
    onAdd: function (map) {
      this._colors.forEach(hatch);
      var self = this;
      this._control = L.control({position: this._position});
      this._control.onAdd = function () {
        var div = L.DomUtil.create('div', 'ba-legend');
        div.innerHTML = self._html;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      };
      this._control.addTo(map);
      return this;
    },
    onRemove: function (map) {
      if (this._control) map.removeControl(this._control);
      this._control = null;
      return this;
    }
  });
  function legend(html, colors, position) { return new Legend(html, colors, position); }
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
    readout(map, opts.zones, opts.hint, opts.proj4);
    measure(map, opts.measure);
  }
  return {hatch: hatch, decode: decode, geoLayer: geoLayer, legend: legend, init: init};
})();
