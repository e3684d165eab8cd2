// Border Atlas offline basemap: relief picture, rivers, national roads and place labels.
//
// Loaded by URL after Leaflet (ui.webmap.basemap.OfflineBasemap.default_js, ui.assets.BASEMAP_JS)
// and inlined into the field pack's map.html. Everything it draws comes from the app itself:
// the relief is one Web Mercator picture (L.imageOverlay), the vector part one JSON file
// (layers.basemap.vector_basemap) fetched by URL or given inline.
//
//   BorderAtlasBasemap.add(map, {
//     relief: {url, bounds: [[s, w], [n, e]], attribution} | null,
//     vector: {url} | {data},
//     attribution: '...',            // rivers, roads, places
//     mode: 'on' | 'standby',        // standby: drawn only when the map's tiles fail
//     words: {tiles_failed, offline_now}
//   });
//
// Labels: [name, lat, lon, kind, minZoom] in drawing priority. After every zoom or move a
// greedy test places them in that order and hides any that would overlap one already placed.
window.BorderAtlasBasemap = window.BorderAtlasBasemap || (function () {
  var PANES = {'ba-bm-relief': 150, 'ba-bm-lines': 350, 'ba-bm-labels': 415};
  var RIVER_WEIGHT = {1: 0.8, 2: 1.2, 3: 1.8};
  var PAD = 3;  // pixels kept free around a label

  function panes(map) {
    for (var name in PANES) {
      if (!map.getPane(name)) {
        var pane = map.createPane(name);
        pane.style.zIndex = PANES[name];
        pane.style.pointerEvents = 'none';
      }
    }
  }

  var Labels = L.Layer.extend({
    initialize: function (labels) {
      this._labels = labels.map(function (l) {
        return {name: l[0], latlng: L.latLng(l[1], l[2]), kind: l[3], minZoom: l[4], el: null,
                w: 0, h: 0};
      });
    },
    onAdd: function (map) {
      this._box = L.DomUtil.create('div', 'ba-bm-labels', map.getPane('ba-bm-labels'));
      map.on('zoomend moveend resize viewreset', this._update, this);
      map.on('zoomstart', this._hideAll, this);
      this._update();
    },
    onRemove: function (map) {
      map.off('zoomend moveend resize viewreset', this._update, this);
      map.off('zoomstart', this._hideAll, this);
      L.DomUtil.remove(this._box);
      this._labels.forEach(function (l) { l.el = null; });
    },
    _hideAll: function () { this._box.style.visibility = 'hidden'; },
    _element: function (label) {
      if (!label.el) {
        var el = L.DomUtil.create('div', 'ba-bm-label ba-bm-' + label.kind, this._box);
        el.textContent = label.name;
        el.title = label.name;
        label.el = el;
      }
      if (!label.w) {  // measured once shown (0 while the map is not laid out yet)
        label.w = label.el.offsetWidth;
        label.h = label.el.offsetHeight;
      }
      return label.el;
    },
    _update: function () {
      var map = this._map;
      if (!map) return;
      var zoom = map.getZoom(), size = map.getSize(), placed = [], self = this;
      this._labels.forEach(function (label) {
        var at = map.latLngToContainerPoint(label.latlng);
        var shown = zoom >= label.minZoom && at.x > -50 && at.y > -20 &&
          at.x < size.x + 50 && at.y < size.y + 20;
        if (!shown) { if (label.el) label.el.classList.add('ba-bm-hidden'); return; }
        var el = self._element(label);
        var box = [at.x - label.w / 2 - PAD, at.y - label.h / 2 - PAD,
                   at.x + label.w / 2 + PAD, at.y + label.h / 2 + PAD];
        var free = placed.every(function (b) {
          return box[2] <= b[0] || box[0] >= b[2] || box[3] <= b[1] || box[1] >= b[3];
        });
        if (!free) { el.classList.add('ba-bm-hidden'); return; }
        placed.push(box);
        var p = map.latLngToLayerPoint(label.latlng);
        L.DomUtil.setPosition(el, L.point(Math.round(p.x - label.w / 2),
                                          Math.round(p.y - label.h / 2)));
        el.classList.remove('ba-bm-hidden');
      });
      this._box.style.visibility = '';
    }
  });

  function lines(data) {
    var group = L.layerGroup();
    (data.rivers || []).forEach(function (r) {
      group.addLayer(L.polyline(r[1], {pane: 'ba-bm-lines', interactive: false,
        color: '#6f9fc8', weight: RIVER_WEIGHT[r[0]] || 1, opacity: 0.9}));
    });
    (data.roads || []).forEach(function (r) {
      group.addLayer(L.polyline(r[1], {pane: 'ba-bm-lines', interactive: false,
        color: '#ffffff', weight: 4.5, opacity: 0.85}));
      group.addLayer(L.polyline(r[1], {pane: 'ba-bm-lines', interactive: false,
        color: '#c9772e', weight: 2.2, opacity: 0.95}));
    });
    return group;
  }

  function notice(map, text) {
    var box = map.getContainer().querySelector('.ba-bm-notice');
    if (!box) {
      box = L.DomUtil.create('div', 'ba-bm-notice', map.getContainer());
      box.setAttribute('role', 'status');
      var words = L.DomUtil.create('span', '', box);
      var close = L.DomUtil.create('button', 'ba-bm-close', box);
      close.type = 'button';
      close.textContent = '×';
      close.setAttribute('aria-label', '×');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.on(close, 'click', function () { box.remove(); });
    }
    box.firstChild.textContent = text;
  }

  function add(map, opts) {
    panes(map);
    var group = L.layerGroup(), on = false, vectorLoaded = false, labels = null;
    var vectorAttribution = L.layerGroup();
    vectorAttribution.getAttribution = function () { return opts.attribution || ''; };
    if (opts.relief) {
      group.addLayer(L.imageOverlay(opts.relief.url, opts.relief.bounds, {
        pane: 'ba-bm-relief', interactive: false, className: 'ba-bm-relief',
        attribution: opts.relief.attribution || ''}));
    }
    group.addLayer(vectorAttribution);

    function draw(data) {
      group.addLayer(lines(data));
      labels = new Labels(data.labels || []);
      group.addLayer(labels);
    }
    function loadVector() {
      if (vectorLoaded || !opts.vector) return;
      vectorLoaded = true;
      if (opts.vector.data) { draw(opts.vector.data); return; }
      fetch(opts.vector.url).then(function (r) { return r.json(); }).then(draw)
        .catch(function () { vectorLoaded = false; });
    }
    function switchOn() {
      if (on) return;
      on = true;
      group.addTo(map);
      map.getContainer().classList.add('ba-bm-on');
      map.getContainer().setAttribute('data-basemap', 'offline');
      loadVector();
    }
    var controller = {group: group, on: switchOn, isOn: function () { return on; }};

    if (opts.mode !== 'standby') { switchOn(); return controller; }

    // Standby: the user chose tiles. Fall back at once when the browser is offline or the
    // first tile fails (no waiting for a time-out).
    var tiles = [];
    function fallBack(text) {
      tiles.forEach(function (t) { t.off('tileerror', onError); map.removeLayer(t); });
      switchOn();
      notice(map, text);
    }
    function onError() { fallBack((opts.words || {}).tiles_failed || ''); }
    function watch(layer) {
      if (layer instanceof L.TileLayer && tiles.indexOf(layer) < 0) {
        tiles.push(layer);
        layer.on('tileerror', onError);
      }
    }
    map.eachLayer(watch);
    map.on('layeradd', function (e) { if (!on) watch(e.layer); });
    window.addEventListener('offline', function () {
      if (!on) fallBack((opts.words || {}).offline_now || '');
    });
    if (navigator.onLine === false) fallBack((opts.words || {}).offline_now || '');
    return controller;
  }

  return {add: add, Labels: Labels};
})();
