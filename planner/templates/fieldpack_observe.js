/* Recording field observations in the field pack's map.html, offline (planner/fieldpack.py
   inlines this after fieldpack_map.js, which hands over window.BorderAtlasPack).

   "Record" opens a short form: kind, marker condition (kind "marker" only), note, up to
   DATA.observe.max_photos photos (made smaller here, before they are kept), the plan stop
   (the nearest one proposed), the observer (remembered), the time and the position: the
   phone's GPS with its accuracy, or, when there is no fix, a tap on the map, recorded as
   position_source "map". No fix and no tap: nothing can be saved.
   Records live in IndexedDB (database "border-atlas-fieldpack", store "observations", keyed
   by uuid, tagged with the pack's DATA.storage_key); when IndexedDB is not there they live in
   this page only and the page says so. "Export" writes the zip of format 1 (DATA.observe.member
   and photos/<uuid>-<n>.jpg) with fflate and marks the records exported.
   Every text is set with textContent, never as HTML. */
(function () {
  "use strict";

  var PACK = window.BorderAtlasPack;
  if (!PACK) { return; }
  var map = PACK.map;
  var DATA = PACK.data;
  var W = DATA.words;
  var O = DATA.observe;
  var el = PACK.el;
  var fill = PACK.fill;
  var DB_NAME = "border-atlas-fieldpack";
  var STORE = "observations";
  var OBSERVER_KEY = "border-atlas-fieldpack:observer";
  var PERSIST_KEY = "border-atlas-fieldpack:persist-asked";
  var QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45, 0.4];
  var SYMBOLS = {
    landslide: "▲", road_blocked: "✕", crossing_impassable: "≈", marker: "◆",
    site_visited: "✓", other: "•"
  };
  var KIND_WORDS = {};
  W.obs_kinds.forEach(function (pair) { KIND_WORDS[pair[0]] = pair[1]; });
  var CONDITION_WORDS = {};
  W.marker_conditions.forEach(function (pair) { CONDITION_WORDS[pair[0]] = pair[1]; });

  var records = {};       /* uuid -> record of this pack (the page's copy of the store) */
  var db = null;          /* IndexedDB, or null: records then live in this page only */
  var dbProblem = "";     /* why there is no IndexedDB ("" when there is one) */
  var persisted = false;
  var layer = L.layerGroup().addTo(map);

  /* ---- small helpers ---- */

  function button(text, className, onClick) {
    var node = el("button", "fp-button" + (className ? " " + className : ""), text);
    node.type = "button";
    if (onClick) { node.addEventListener("click", onClick); }
    return node;
  }

  function pad(n, width) { return String(n).padStart(width || 2, "0"); }

  /* "2026-11-30T08:15:00.000+07:00": local time with its UTC offset. */
  function isoLocal(date) {
    var offset = -date.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    var abs = Math.abs(offset);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) +
      "." + pad(date.getMilliseconds(), 3) + sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }

  function inputTime(date) {  /* the value of an <input type="datetime-local"> */
    return isoLocal(date).slice(0, 16);
  }

  function shownTime(iso) {
    var date = new Date(iso);
    return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear() +
      " " + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID().toLowerCase();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return pad(b.toString(16)); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function coordinate(value) { return PACK.formatNumber(value, 5); }

  function positionText(record) {
    if (record.position_source === "gps") {
      return fill(W.obs_position_gps, {
        source: W.obs_position.gps, lat: coordinate(record.lat), lon: coordinate(record.lon),
        metres: PACK.formatNumber(record.accuracy_m || 0, 0)
      });
    }
    return fill(W.obs_position_tapped, {
      source: W.obs_position.map, lat: coordinate(record.lat), lon: coordinate(record.lon)
    });
  }

  function kindLine(record) {
    var text = KIND_WORDS[record.kind] || record.kind;
    if (record.kind === "marker" && record.marker_condition) {
      text += ": " + (CONDITION_WORDS[record.marker_condition] || record.marker_condition);
    }
    return text;
  }

  function own() {
    return Object.keys(records).map(function (key) { return records[key]; })
      .sort(function (a, b) { return a.observed_at < b.observed_at ? 1 : -1; });
  }

  function unexported() {
    return own().filter(function (record) { return !record.exported_at; });
  }

  /* ---- storage: IndexedDB, or this page only ---- */

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var req;
      try { req = window.indexedDB.open(DB_NAME, 1); } catch (error) { reject(error); return; }
      req.onupgradeneeded = function () {
        if (!req.result.objectStoreNames.contains(STORE)) {
          req.result.createObjectStore(STORE, { keyPath: "uuid" });
        }
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error || new Error("IndexedDB")); };
      req.onblocked = function () { reject(new Error("IndexedDB blocked")); };
    });
  }

  function storeOf(mode) { return db.transaction(STORE, mode).objectStore(STORE); }

  function dbWrite(action, value) {
    if (!db) { return Promise.resolve(false); }
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(STORE, "readwrite");
      var store = tx.objectStore(STORE);
      if (action === "delete") { store.delete(value); } else { store.put(value); }
      tx.oncomplete = function () { resolve(true); };
      tx.onerror = function () { reject(tx.error); };
      tx.onabort = function () { reject(tx.error || new Error("aborted")); };
    });
  }

  function keep(record) {
    records[record.uuid] = record;
    return dbWrite("put", record).catch(function (error) {
      showProblem(fill(W.obs_db_error, { why: String(error && error.name || error) }));
    });
  }

  function forget(id) {
    delete records[id];
    return dbWrite("delete", id).catch(function (error) {
      showProblem(fill(W.obs_db_error, { why: String(error && error.name || error) }));
    });
  }

  function askPersistence() {
    if (!navigator.storage || !navigator.storage.persist) { return; }
    try {
      if (window.localStorage.getItem(PERSIST_KEY)) { return; }
      window.localStorage.setItem(PERSIST_KEY, "1");
    } catch (ignored) { /* asked again next time */ }
    navigator.storage.persist().then(function (granted) {
      persisted = !!granted;
      renderBanner();
    }).catch(function () { /* nothing granted */ });
  }

  function checkPersisted() {
    if (!navigator.storage || !navigator.storage.persisted) { return Promise.resolve(false); }
    return navigator.storage.persisted().catch(function () { return false; });
  }

  /* ---- photos: made smaller before they are kept ---- */

  function decode(file) {
    if (window.createImageBitmap) {
      return window.createImageBitmap(file, { imageOrientation: "from-image" })
        .catch(function () { return window.createImageBitmap(file); });
    }
    return new Promise(function (resolve, reject) {
      var image = new Image();
      var url = URL.createObjectURL(file);
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      image.src = url;
    });
  }

  function toBlob(canvas, quality) {
    return new Promise(function (resolve, reject) {
      canvas.toBlob(function (blob) {
        if (blob) { resolve(blob); } else { reject(new Error("encode")); }
      }, "image/jpeg", quality);
    });
  }

  function bytesOf(blob) {
    if (blob.arrayBuffer) { return blob.arrayBuffer(); }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(blob);
    });
  }

  /* Longest side <= photo_max_px; JPEG quality stepped down until <= photo_target_bytes, then
     smaller sides; never more than photo_max_bytes. */
  async function shrink(file) {
    var image = await decode(file);
    var width = image.width;
    var height = image.height;
    var scale = Math.min(1, O.photo_max_px / Math.max(width, height));
    var canvas = document.createElement("canvas");
    for (var attempt = 0; attempt < 10; attempt += 1) {
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      for (var q = 0; q < QUALITIES.length; q += 1) {
        var blob = await toBlob(canvas, QUALITIES[q]);
        if (blob.size <= O.photo_target_bytes) {
          if (image.close) { image.close(); }
          return {
            bytes: await bytesOf(blob), width: canvas.width, height: canvas.height,
            size: blob.size
          };
        }
      }
      scale *= 0.75;
    }
    if (image.close) { image.close(); }
    throw new Error("too large");
  }

  /* ---- the map: one marker per record ---- */

  function drawRecords() {
    layer.clearLayers();
    own().forEach(function (record) {
      var icon = L.divIcon({
        className: "fp-obs-pin fp-obs-k-" + record.kind,
        html: el("span", null, SYMBOLS[record.kind] || "•"),
        iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12]
      });
      var box = el("div", "fp-popup fp-obs-popup");
      box.appendChild(el("strong", null, kindLine(record)));
      box.appendChild(el("div", null, fill(W.obs_popup_by, {
        time: shownTime(record.observed_at), observer: record.observer
      })));
      box.appendChild(el("div", null, positionText(record)));
      if (record.stop_name) { box.appendChild(el("div", null, record.stop_name)); }
      if (record.note) { box.appendChild(el("div", "fp-obs-note", record.note)); }
      if (record.photos.length) {
        box.appendChild(el("div", null, fill(W.obs_photo_count, { n: record.photos.length })));
      }
      L.marker([record.lat, record.lon], {
        icon: icon, title: kindLine(record), zIndexOffset: 500
      }).bindPopup(box, PACK.popupOptions).addTo(layer);
    });
  }

  /* ---- the banner: what has not been exported, how to keep it ---- */

  var banner = document.getElementById("fp-obs-banner");
  var openButton = document.getElementById("fp-obs-open");
  openButton.textContent = "✎ " + W.obs_record;

  function showProblem(text) {
    dbProblem = dbProblem || text;
    renderBanner();
  }

  function renderBanner() {
    var waiting = unexported().length;
    banner.textContent = "";
    banner.hidden = !waiting && !dbProblem;
    if (banner.hidden) { map.invalidateSize(); return; }
    var text = el("div", "fp-obs-banner-text");
    if (dbProblem) { text.appendChild(el("span", "fp-obs-problem", dbProblem)); }
    if (waiting) {
      text.appendChild(el("span", null, fill(W.obs_unexported, { n: waiting })));
      if (!dbProblem) {
        text.appendChild(el("span", "fp-small", persisted ? W.obs_keep_persisted :
          W.obs_keep_evictable));
      }
    }
    banner.appendChild(text);
    var row = el("div", "fp-obs-row");
    row.appendChild(button(fill(W.obs_list_button, { n: own().length }), "", function () {
      openSheet("list");
    }));
    if (waiting) { row.appendChild(button(W.obs_export, "fp-primary fp-obs-export", exportAll)); }
    banner.appendChild(row);
    map.invalidateSize();
  }

  /* ---- the sheet: the form and the list ---- */

  var sheet = document.getElementById("fp-obs");
  var tapBox = document.getElementById("fp-obs-tap");
  var form = null;   /* the state of the open form */
  var flash = "";    /* a line the list shows once (saved, exported) */

  function closeSheet() {
    sheet.hidden = true;
    openButton.setAttribute("aria-expanded", "false");
    form = null;
    endTap();
  }

  function openSheet(view, record) {
    endTap();
    sheet.hidden = false;
    openButton.setAttribute("aria-expanded", "true");
    if (view === "list") { form = null; renderList(); } else { startForm(record || null); }
    sheet.scrollTop = 0;
  }

  function header(title) {
    var head = el("div", "fp-obs-head");
    var h = el("h2", null, title);
    h.id = "fp-obs-title";
    head.appendChild(h);
    head.appendChild(button("✕", "fp-obs-x", closeSheet)).setAttribute("aria-label", W.obs_close);
    return head;
  }

  function renderList() {
    sheet.textContent = "";
    sheet.appendChild(header(W.obs_title_list));
    if (flash) { sheet.appendChild(el("p", "fp-obs-flash", flash)); flash = ""; }
    var list = el("ul", "fp-obs-list");
    list.id = "fp-obs-list";
    var items = own();
    if (!items.length) { sheet.appendChild(el("p", "fp-note", W.obs_list_empty)); }
    items.forEach(function (record) {
      var item = el("li", "fp-obs-item");
      item.dataset.uuid = record.uuid;
      var title = el("div", "fp-obs-item-title");
      title.appendChild(el("span", "fp-obs-symbol fp-obs-k-" + record.kind, SYMBOLS[record.kind]));
      title.appendChild(el("strong", null, kindLine(record)));
      item.appendChild(title);
      item.appendChild(el("div", "fp-key-sub", fill(W.obs_popup_by, {
        time: shownTime(record.observed_at), observer: record.observer
      })));
      if (record.note) { item.appendChild(el("div", "fp-obs-note", record.note)); }
      item.appendChild(el("div", "fp-key-sub", fill(W.obs_photo_count, { n: record.photos.length })));
      item.appendChild(el("div", "fp-obs-status" + (record.exported_at ? " fp-obs-done" : ""),
        record.exported_at ? fill(W.obs_status_exported, { time: shownTime(record.exported_at) }) :
          W.obs_status_new));
      if (!record.exported_at) {
        var actions = el("div", "fp-obs-row");
        actions.appendChild(button(W.obs_edit, "fp-obs-edit", function () {
          openSheet("form", record);
        }));
        actions.appendChild(button(W.obs_delete, "fp-obs-delete", function () {
          actions.textContent = "";
          actions.appendChild(el("span", "fp-obs-confirm", W.obs_delete_confirm));
          actions.appendChild(button(W.obs_delete_yes, "fp-obs-delete-yes", function () {
            forget(record.uuid).then(function () { changed(); renderList(); });
          }));
          actions.appendChild(button(W.obs_cancel, "", renderList));
        }));
        item.appendChild(actions);
      }
      list.appendChild(item);
    });
    sheet.appendChild(list);
    var row = el("div", "fp-obs-row fp-obs-foot");
    var another = button(W.obs_new, "", function () { openSheet("form"); });
    another.id = "fp-obs-new";
    row.appendChild(another);
    var exporter = button(W.obs_export, "fp-primary fp-obs-export", exportAll);
    exporter.id = "fp-obs-export";
    row.appendChild(exporter);
    sheet.appendChild(row);
  }

  function field(label, control, hint) {
    var box = el("div", "fp-obs-field");
    var caption = el("label", "fp-obs-label", label);
    if (control.id) { caption.htmlFor = control.id; }
    box.appendChild(caption);
    box.appendChild(control);
    if (hint) { box.appendChild(el("div", "fp-obs-hint", hint)); }
    return box;
  }

  function radios(name, pairs, checked) {
    var group = el("div", "fp-obs-choices");
    group.setAttribute("role", "radiogroup");
    pairs.forEach(function (pair) {
      var label = el("label", "fp-obs-choice");
      var input = el("input");
      input.type = "radio";
      input.name = name;
      input.value = pair[0];
      input.id = name + "-" + pair[0];
      input.checked = pair[0] === checked;
      label.appendChild(input);
      label.appendChild(el("span", null, pair[1]));
      group.appendChild(label);
    });
    return group;
  }

  function nearestStop(lat, lon) {
    var best = null;
    DATA.stops.forEach(function (stop) {
      var km = PACK.distanceKm(lat, lon, stop.lat, stop.lon);
      if (!best || km < best.km) { best = { stop: stop, km: km }; }
    });
    return best && best.stop;
  }

  function startForm(record) {
    var editing = !!record;
    form = {
      uuid: editing ? record.uuid : uuid4(),
      created: editing ? record : null,
      position: editing ? {
        lat: record.lat, lon: record.lon, accuracy_m: record.accuracy_m,
        position_source: record.position_source
      } : null,
      photos: editing ? record.photos.slice() : [],
      working: 0,
      stopTouched: editing,
      why: ""
    };
    sheet.textContent = "";
    sheet.appendChild(header(editing ? W.obs_title_edit : W.obs_title_new));
    var body = el("div", "fp-obs-form");

    var kind = radios("fp-obs-kind", W.obs_kinds, editing ? record.kind : null);
    body.appendChild(field(W.obs_kind, kind));
    var condition = radios("fp-obs-condition", W.marker_conditions,
      editing ? record.marker_condition : null);
    var conditionField = field(W.obs_condition, condition);
    conditionField.id = "fp-obs-condition";
    body.appendChild(conditionField);
    function showCondition() {
      var picked = sheet.querySelector("input[name=fp-obs-kind]:checked");
      conditionField.hidden = !picked || picked.value !== "marker";
    }
    kind.addEventListener("change", showCondition);
    showCondition();

    var note = el("textarea");
    note.id = "fp-obs-note";
    note.rows = 3;
    note.maxLength = O.max_note_chars;
    note.value = editing ? record.note : "";
    body.appendChild(field(W.obs_note, note, fill(W.obs_note_hint, { n: O.max_note_chars })));

    var photos = el("input");
    photos.id = "fp-obs-photos";
    photos.type = "file";
    photos.accept = "image/*";
    photos.setAttribute("capture", "environment");
    photos.multiple = true;
    photos.className = "fp-obs-file";
    var picker = el("label", "fp-button fp-obs-pick", W.obs_photos_pick);
    picker.htmlFor = photos.id;
    var photoList = el("div", "fp-obs-photos");
    var photoNote = el("div", "fp-obs-hint");
    var photoBox = el("div", "fp-obs-field");
    photoBox.appendChild(el("div", "fp-obs-label", fill(W.obs_photos, { n: O.max_photos })));
    photoBox.appendChild(photos);
    photoBox.appendChild(picker);
    photoBox.appendChild(el("div", "fp-obs-hint", fill(W.obs_photos_hint, {
      px: O.photo_max_px, kb: Math.round(O.photo_target_bytes / 1000)
    })));
    photoBox.appendChild(photoList);
    photoBox.appendChild(photoNote);
    body.appendChild(photoBox);

    function drawPhotos() {
      photoList.textContent = "";
      form.photos.forEach(function (photo, i) {
        var item = el("div", "fp-obs-photo");
        var img = el("img");
        var url = URL.createObjectURL(new Blob([photo.bytes], { type: "image/jpeg" }));
        img.onload = function () { URL.revokeObjectURL(url); };
        img.src = url;
        img.alt = fill(W.obs_photo_count, { n: i + 1 });
        item.appendChild(img);
        item.appendChild(button("✕", "fp-obs-photo-remove", function () {
          form.photos.splice(i, 1);
          drawPhotos();
        })).setAttribute("aria-label", fill(W.obs_photo_remove, { n: i + 1 }));
        photoList.appendChild(item);
      });
      photos.disabled = form.photos.length + form.working >= O.max_photos;
      picker.classList.toggle("fp-obs-off", photos.disabled);
    }

    photos.addEventListener("change", function () {
      var files = Array.prototype.slice.call(photos.files || []);
      photos.value = "";
      var room = O.max_photos - form.photos.length - form.working;
      var lines = [];
      if (files.length > room) { lines.push(fill(W.obs_photos_too_many, { n: O.max_photos })); }
      files = files.slice(0, Math.max(0, room));
      var state = form;
      state.working += files.length;
      photoNote.textContent = files.length ? W.obs_photos_working : lines.join(" ");
      drawPhotos();
      files.reduce(function (chain, file) {
        return chain.then(function () {
          return shrink(file).then(function (photo) {
            state.photos.push(photo);
          }).catch(function () {
            lines.push(fill(W.obs_photo_failed, { name: file.name }));
          }).then(function () {
            state.working -= 1;
            if (form === state) {
              photoNote.textContent = state.working ? W.obs_photos_working : lines.join(" ");
              drawPhotos();
            }
          });
        });
      }, Promise.resolve());
    });
    drawPhotos();

    var stop = el("select");
    stop.id = "fp-obs-stop";
    var none = el("option", null, W.obs_stop_none);
    none.value = "";
    stop.appendChild(none);
    DATA.stops.forEach(function (item) {
      var option = el("option", null, item.n + ". " + item.name);
      option.value = item.id;
      stop.appendChild(option);
    });
    stop.value = editing && record.stop_id ? record.stop_id : "";
    stop.addEventListener("change", function () { form.stopTouched = true; });
    body.appendChild(field(W.obs_stop, stop));

    var observer = el("input");
    observer.id = "fp-obs-observer";
    observer.type = "text";
    observer.autocomplete = "name";
    observer.maxLength = 120;
    try { observer.value = editing ? record.observer : (localStorage.getItem(OBSERVER_KEY) || ""); }
    catch (ignored) { observer.value = ""; }
    body.appendChild(field(W.obs_observer, observer));

    var time = el("input");
    time.id = "fp-obs-time";
    time.type = "datetime-local";
    time.value = inputTime(editing ? new Date(record.observed_at) : new Date());
    body.appendChild(field(W.obs_time, time));

    var where = el("div", "fp-obs-position");
    where.id = "fp-obs-position";
    var whereButtons = el("div", "fp-obs-row");
    var positionBox = el("div", "fp-obs-field");
    positionBox.appendChild(el("div", "fp-obs-label", W.obs_position));
    positionBox.appendChild(where);
    positionBox.appendChild(whereButtons);
    body.appendChild(positionBox);

    function drawPosition() {
      whereButtons.textContent = "";
      where.className = "fp-obs-position";
      if (form.position) {
        where.textContent = positionText(form.position);
        if (form.position.position_source === "map") { where.className += " fp-obs-tapped"; }
      } else if (form.why) {
        where.textContent = fill(W.obs_position_none, { why: form.why });
        where.className += " fp-obs-missing";
      } else {
        where.textContent = W.obs_position_wait;
      }
      if (editing) { return; }
      if (!form.position || form.position.position_source === "map") {
        if (form.why) {
          var tap = button(W.obs_tap_button, "fp-primary", startTap);
          tap.id = "fp-obs-tap-button";
          whereButtons.appendChild(tap);
        }
        var again = button(W.obs_gps_again, "", askGps);
        again.id = "fp-obs-gps";
        whereButtons.appendChild(again);
      }
    }

    function gotPosition(position) {
      if (!form || form.uuid !== state.uuid) { return; }
      form.position = {
        lat: position.latitude, lon: position.longitude,
        accuracy_m: position.accuracy, position_source: position.source
      };
      if (!form.stopTouched) {
        var near = nearestStop(position.latitude, position.longitude);
        if (near) { stop.value = near.id; }
      }
      message.textContent = "";
      drawPosition();
    }
    form.gotPosition = gotPosition;

    function askGps() {
      form.why = "";
      drawPosition();
      if (!("geolocation" in navigator)) {
        form.why = W.obs_why_unsupported;
        drawPosition();
        return;
      }
      navigator.geolocation.getCurrentPosition(function (fix) {
        gotPosition({
          latitude: fix.coords.latitude, longitude: fix.coords.longitude,
          accuracy: Math.round((fix.coords.accuracy || 0) * 10) / 10, source: "gps"
        });
      }, function (error) {
        if (!form || form.uuid !== state.uuid || form.position) { return; }
        form.why = error && error.code === 1 ? W.obs_why_denied :
          (error && error.code === 3 ? W.obs_why_timeout : W.obs_why_unavailable);
        drawPosition();
      }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 15000 });
    }

    var message = el("div", "fp-obs-message");
    message.id = "fp-obs-message";
    message.setAttribute("role", "alert");
    body.appendChild(message);

    var row = el("div", "fp-obs-row fp-obs-foot");
    row.appendChild(button(W.obs_cancel, "fp-obs-cancel", function () {
      if (own().length) { openSheet("list"); } else { closeSheet(); }
    }));
    var save = button(W.obs_save, "fp-primary", function () {
      var picked = sheet.querySelector("input[name=fp-obs-kind]:checked");
      var cond = sheet.querySelector("input[name=fp-obs-condition]:checked");
      var name = observer.value.trim();
      var problem = "";
      if (!picked) { problem = W.obs_need_kind; }
      else if (picked.value === "marker" && !cond) { problem = W.obs_need_condition; }
      else if (!form.position) { problem = W.obs_need_position; }
      else if (!name) { problem = W.obs_need_observer; }
      else if (form.working) { problem = W.obs_need_photos; }
      if (problem) {
        message.textContent = problem;
        return;
      }
      try { localStorage.setItem(OBSERVER_KEY, name); } catch (ignored) { /* not remembered */ }
      var chosen = DATA.stops.filter(function (item) { return item.id === stop.value; })[0];
      var when = time.value ? new Date(time.value) : new Date();
      if (isNaN(when.getTime())) { when = new Date(); }
      var record = {
        uuid: form.uuid,
        pack: DATA.storage_key,
        kind: picked.value,
        marker_condition: picked.value === "marker" ? cond.value : null,
        note: note.value.slice(0, O.max_note_chars),
        observed_at: isoLocal(when),
        lat: form.position.lat,
        lon: form.position.lon,
        accuracy_m: form.position.position_source === "gps" ? form.position.accuracy_m : null,
        position_source: form.position.position_source,
        stop_id: chosen ? chosen.id : null,
        stop_name: chosen ? chosen.name : null,
        observer: name,
        plan: O.plan,
        photos: form.photos.slice(0, O.max_photos),
        updated_at: isoLocal(new Date()),
        exported_at: null  /* saved (or edited) = not exported */
      };
      keep(record).then(function () {
        askPersistence();
        flash = W.obs_saved;
        changed();
        openSheet("list");
      });
    });
    save.id = "fp-obs-save";
    row.appendChild(save);
    body.appendChild(row);
    sheet.appendChild(body);

    var state = form;
    drawPosition();
    if (!editing) { askGps(); }
  }

  /* ---- tapping the map when there is no fix ---- */

  function startTap() {
    if (!form) { return; }
    sheet.hidden = true;
    tapBox.textContent = "";
    tapBox.appendChild(el("span", null, W.obs_tap_prompt));
    tapBox.appendChild(button(W.obs_cancel, "", function () { endTap(); }));
    tapBox.hidden = false;
    map.closePopup();
    map.getContainer().classList.add("fp-obs-tapping");
    /* Caught before Leaflet sees it: a tap on a commune or a stop places the record there
       instead of opening its popup. Panning still works (a drag is not a tap). */
    map.getContainer().addEventListener("click", onMapTap, true);
  }

  function endTap() {
    map.getContainer().removeEventListener("click", onMapTap, true);
    map.getContainer().classList.remove("fp-obs-tapping");
    tapBox.hidden = true;
    if (form) { sheet.hidden = false; }
  }

  function onMapTap(event) {
    if (event.target.closest && event.target.closest(".leaflet-control")) { return; }
    if (map.dragging && map.dragging.moved()) { return; }
    event.stopPropagation();
    event.preventDefault();
    if (!form) { endTap(); return; }
    var state = form;
    var latlng = map.mouseEventToLatLng(event);
    endTap();
    state.gotPosition({
      latitude: Math.round(latlng.lat * 1e6) / 1e6,
      longitude: Math.round(latlng.lng * 1e6) / 1e6,
      accuracy: null, source: "map"
    });
  }

  /* ---- export: the zip of format 1 ---- */

  function slug(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "").slice(0, 40) || "plan";
  }

  function exportFile(items, now) {
    var files = {};
    var features = items.map(function (record) {
      var names = record.photos.map(function (photo, i) {
        var name = "photos/" + record.uuid + "-" + (i + 1) + ".jpg";
        files[name] = [new Uint8Array(photo.bytes), { level: 0 }];
        return name;
      });
      return {
        type: "Feature",
        id: record.uuid,
        geometry: { type: "Point", coordinates: [record.lon, record.lat] },
        properties: {
          uuid: record.uuid, kind: record.kind, marker_condition: record.marker_condition,
          note: record.note, observed_at: record.observed_at,
          position_source: record.position_source, accuracy_m: record.accuracy_m,
          stop_id: record.stop_id, stop_name: record.stop_name, observer: record.observer,
          plan: record.plan, photos: names, updated_at: record.updated_at
        }
      };
    });
    var collection = {
      type: "FeatureCollection",
      border_atlas: {
        format: O.format, version: O.version, plan: O.plan,
        plan_start: O.plan_start, exported_at: isoLocal(now)
      },
      features: features
    };
    files[O.member] = [window.fflate.strToU8(JSON.stringify(collection, null, 1)),
      { level: 6 }];
    return window.fflate.zipSync(files);
  }

  function exportAll() {
    var items = own();
    var report = function (text) {
      flash = text;
      if (!sheet.hidden && !form) { renderList(); } else { openSheet("list"); }
    };
    if (!items.length) { report(W.obs_export_none); return; }
    var now = new Date();
    var name = "ghi-nhan-" + slug(O.plan) + "-" + now.getFullYear() + pad(now.getMonth() + 1) +
      pad(now.getDate()) + "-" + pad(now.getHours()) + pad(now.getMinutes()) + ".zip";
    var zipped;
    try {
      zipped = exportFile(items, now);
    } catch (error) {
      report(fill(W.obs_export_failed, { why: String(error && error.message || error) }));
      return;
    }
    var url = URL.createObjectURL(new Blob([zipped], { type: "application/zip" }));
    var link = el("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 60000);
    var stamp = isoLocal(now);
    Promise.all(items.filter(function (record) { return !record.exported_at; })
      .map(function (record) {
        var done = Object.assign({}, record, { exported_at: stamp });
        return keep(done);
      })).then(function () {
      changed();
      report(fill(W.obs_exported, { n: items.length, file: name }));
    });
  }

  function changed() {
    drawRecords();
    renderBanner();
  }

  /* ---- start ---- */

  openButton.addEventListener("click", function () {
    if (!sheet.hidden) { closeSheet(); return; }
    openSheet("form");
  });

  function ready() {
    changed();
    document.documentElement.setAttribute("data-fp-obs", db ? "ready" : "memory");
  }

  checkPersisted().then(function (value) { persisted = !!value; });
  openDb().then(function (opened) {
    db = opened;
    return request(storeOf("readonly").getAll()).then(function (all) {
      all.forEach(function (record) {
        if (record && record.pack === DATA.storage_key) { records[record.uuid] = record; }
      });
    });
  }).catch(function () {
    db = null;
    dbProblem = W.obs_no_db;
  }).then(function () {
    return checkPersisted().then(function (value) { persisted = !!value; });
  }).then(ready);
})();
