/*
 * Sharing Village Kiosk - map page.
 *
 * folium creates the Leaflet map and calls KioskMap.start(map, config). Everything else
 * lives here: markers built from one JSON array (no per-marker HTML from Python), the
 * legend, filter chips, big zoom buttons and the vector basemap.
 *
 * Listing names are untrusted: they only ever reach the DOM through textContent,
 * DOM properties or setAttribute, never through innerHTML.
 *
 * Python calls in through KioskMap.invoke(name, args) only (an allow-list, see API);
 * the page calls out through the single bridge object's slots.
 */
(function () {
  "use strict";

  var LABELS = {
    ko: {
      parking: "주차", bike: "자전거", space: "공간", item: "물품", other: "기타",
      here: "현재 위치", legend: "범례", filters: "종류 선택",
      zoomIn: "지도 확대", zoomOut: "지도 축소", recenter: "현재 위치로 돌아가기",
      outOfService: "이용 중지", freeNow: "숫자 = 지금 이용 가능",
      unknown: "정보 없음", free: "이용 가능", of: "/", asOf: "기준",
      loadFailed: "지도 자료를 불러오지 못했습니다",
      all: "전체", showAll: "전체 보기", here_short: "현재 위치",
      clusterTitle: "이곳에 있는 것", close: "닫기", places: "곳",
      building: "동"
    },
    en: {
      parking: "Parking", bike: "Bikes", space: "Spaces", item: "Items", other: "Other",
      here: "You are here", legend: "Legend", filters: "Show kinds",
      zoomIn: "Zoom in", zoomOut: "Zoom out", recenter: "Back to where you are",
      outOfService: "Out of service", freeNow: "Number = free now",
      unknown: "No data", free: "free", of: "of", asOf: "as of",
      loadFailed: "Could not load map data",
      all: "All", showAll: "Show all", here_short: "You are here",
      clusterTitle: "What is here", close: "Close", places: "places",
      building: ""
    }
  };

  // Column order of listings.json rows (kiosk/map/listing.py ROW_FIELDS).
  var ID = 0, KIND = 1, NAME_KO = 2, NAME_EN = 3, LAT = 4, LON = 5,
      FREE = 6, TOTAL = 7, AS_OF = 8, STATUS = 9;

  var S = {
    map: null,
    cfg: null,
    lang: "ko",
    kinds: [],
    cluster: null,
    rows: new Map(),
    markers: new Map(),
    byKind: {},
    filter: new Set(),
    bridge: null,
    ready: false,
    zooming: false,
    version: -1,
    selected: null,
    chips: {},
    i18n: [],
    here: null,
    hereText: null,
    visible: [],
    visibleTimer: null,
    addWaiters: [],
    adding: 0,
    showing: null,
    dongLabels: [],
    info: null,
    vector: null,
    vectorFlavor: null,
    vectorTiles: 0,
    list: null,
    lastView: null
  };

  // ---- small helpers -----------------------------------------------------------------

  function t(key) {
    var table = LABELS[S.lang] || LABELS.ko;
    return table[key] !== undefined ? table[key] : key;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* Registers a node whose text (or attribute) follows the language. */
  function i18n(node, key, attr) {
    S.i18n.push({ node: node, key: key, attr: attr || null });
    applyI18n(S.i18n[S.i18n.length - 1]);
    return node;
  }

  function applyI18n(entry) {
    if (entry.attr) { entry.node.setAttribute(entry.attr, t(entry.key)); }
    else { entry.node.textContent = t(entry.key); }
  }

  function iconUrl(name) { return S.cfg.iconBase + name + ".svg"; }

  function iconImg(name, className) {
    var img = el("img", className);
    img.src = iconUrl(name);
    img.alt = "";
    img.draggable = false;
    return img;
  }

  function nameOf(row) {
    var ko = row[NAME_KO] || "", en = row[NAME_EN] || "";
    return S.lang === "en" ? (en || ko) : (ko || en);
  }

  function validKind(kind) { return S.kinds.indexOf(kind) >= 0 ? kind : "other"; }

  function titleOf(row) {
    var parts = [nameOf(row), t(row[KIND])];
    if (row[STATUS] === "out_of_service") { parts.push(t("outOfService")); }
    else if (row[FREE] !== null && row[FREE] !== undefined) {
      parts.push(row[TOTAL] !== null && row[TOTAL] !== undefined
        ? row[FREE] + " " + t("of") + " " + row[TOTAL] + " " + t("free")
        : row[FREE] + " " + t("free"));
    }
    return parts.join(" · ");
  }

  // ---- bridge ------------------------------------------------------------------------

  function send(slot, args) {
    var bridge = S.bridge;
    if (!bridge || typeof bridge[slot] !== "function") { return; }
    bridge[slot].apply(bridge, args || []);
  }

  function report(level, message) { send("log", [level, String(message).slice(0, 500)]); }

  function connectBridge() {
    return new Promise(function (resolve) {
      var transport = window.qt && window.qt.webChannelTransport;
      if (!S.cfg.bridge || typeof window.QWebChannel !== "function" || !transport) {
        resolve(null);
        return;
      }
      new window.QWebChannel(transport, function (channel) {
        resolve(channel.objects.kioskBridge || null);
      });
    });
  }

  function loadJson(url, globalName) {
    if (globalName && window[globalName]) { return Promise.resolve(window[globalName]); }
    if (!url) { return Promise.resolve(null); }
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // ---- markers -----------------------------------------------------------------------

  function fillBadge(badge, row) {
    var free = row[FREE];
    badge.classList.remove("is-zero", "is-none");
    if (row[STATUS] === "out_of_service") {
      badge.textContent = "✕";
      badge.classList.add("is-none");
    } else if (free === null || free === undefined) {
      badge.textContent = "";
      badge.classList.add("is-none");
    } else {
      badge.textContent = free > 999 ? "999+" : String(free);
      if (free === 0) { badge.classList.add("is-zero"); }
    }
  }

  var KioskIcon = L.Icon.extend({
    options: { row: null, iconSize: [40, 40], iconAnchor: [20, 20] },
    createIcon: function (oldIcon) {
      var row = this.options.row;
      var div = (oldIcon && oldIcon.tagName === "DIV") ? oldIcon : document.createElement("div");
      while (div.firstChild) { div.removeChild(div.firstChild); }
      this._setIconStyles(div, "icon");
      div.classList.add("kiosk-marker", "kind-" + row[KIND]);
      if (row[STATUS] === "out_of_service") { div.classList.add("is-oos"); }
      if (S.selected === row[ID]) { div.classList.add("is-selected"); }
      div.appendChild(iconImg(row[KIND], "kiosk-marker-img"));
      // Out of service: the kind's shape, greyed, under a black bar of its own - never
      // the grey hexagon that means "other".
      div.appendChild(iconImg("out_of_service", "kiosk-oos-img"));
      var badge = el("span", "kiosk-badge");
      fillBadge(badge, row);
      div.appendChild(badge);
      div.kioskBadge = badge;  // count updates touch it without a DOM query
      return div;
    },
    createShadow: function () { return null; }
  });

  function makeMarker(row) {
    var px = S.cfg.markerPx;
    var marker = L.marker([row[LAT], row[LON]], {
      icon: new KioskIcon({ row: row, iconSize: [px, px], iconAnchor: [px / 2, px / 2] }),
      title: titleOf(row),
      keyboard: true
    });
    marker.kioskId = row[ID];
    marker.on("click", onMarkerClick);
    return marker;
  }

  function refreshMarker(marker) {
    var icon = marker._icon;
    if (!icon) { return; }  // not on screen: createIcon reads the row when it appears
    var row = S.rows.get(marker.kioskId);
    icon.classList.toggle("is-oos", row[STATUS] === "out_of_service");
    var badge = icon.kioskBadge || icon.querySelector(".kiosk-badge");
    if (badge) { fillBadge(badge, row); }
    if (icon.title !== marker.options.title) { icon.title = marker.options.title; }
  }

  function onMarkerClick(event) {
    var id = event.target.kioskId;
    if (voiceFirstTap("marker:" + id, { control: "marker", id: id })) {
      select(id);
      return;
    }
    tapListing(id);
  }

  /* MarkerCluster makes icons for three screens each way around the view (nine times
     the glass); with 10,000 listings that is thousands of elements to build, lay out and
     restyle on every count update. Here the icons cover the view and a quarter screen
     around it; what comes into view is added when a pan or zoom ends, as MarkerCluster
     does on phones. Clustering itself is unchanged. */
  var SHOWN_MARGIN = 0.25;
  var CHUNK_PAUSE_MS = 4;  // between slices of a large add (MarkerCluster's default: 50)

  var KioskClusterGroup = L.MarkerClusterGroup.extend({
    _getExpandedVisibleBounds: function () {
      return this._checkBoundsMaxLat(this._map.getBounds().pad(SHOWN_MARGIN));
    }
  });

  function distanceM(lat, lon) {
    return S.map.distance(S.cfg.center, [lat, lon]);
  }

  function distanceText(metres) {
    if (metres < 1000) { return Math.max(10, Math.round(metres / 10) * 10) + " m"; }
    return (metres / 1000).toFixed(1) + " km";
  }

  function freeText(row) {
    if (row[STATUS] === "out_of_service") { return t("outOfService"); }
    if (row[FREE] === null || row[FREE] === undefined) { return t("unknown"); }
    return row[TOTAL] !== null && row[TOTAL] !== undefined
      ? row[FREE] + " " + t("of") + " " + row[TOTAL] + " " + t("free")
      : row[FREE] + " " + t("free");
  }

  /* A cluster tap lists what is in it, nearest to the kiosk first, instead of zooming
     into a view the resident did not ask for. A row works like the marker itself. */
  function onClusterClick(event) {
    var ids = event.layer.getAllChildMarkers().map(function (m) { return m.kioskId; });
    openList(ids);
  }

  function openList(ids) {
    var rows = ids.map(function (id) { return S.rows.get(id); }).filter(Boolean);
    rows.sort(function (a, b) { return distanceM(a[LAT], a[LON]) - distanceM(b[LAT], b[LON]); });
    closeList();
    var panel = stopEvents(el("div", "kiosk-list"));
    panel.setAttribute("role", "dialog");
    var head = el("div", "kiosk-list-head");
    var title = el("span", "kiosk-list-title", t("clusterTitle") + " · " + rows.length + " " + t("places"));
    head.appendChild(title);
    var close = el("button", "kiosk-list-close", "✕");
    close.type = "button";
    close.setAttribute("aria-label", t("close"));
    close.title = t("close");
    close.addEventListener("click", closeList);
    head.appendChild(close);
    panel.appendChild(head);
    var list = el("ul", "kiosk-list-items");
    rows.forEach(function (row) {
      var li = el("li");
      var button = el("button", "kiosk-list-item kind-" + row[KIND] +
        (row[STATUS] === "out_of_service" ? " is-oos" : ""));
      button.type = "button";
      button.dataset.id = row[ID];
      var icon = el("span", "kiosk-list-icon");
      icon.appendChild(iconImg(row[KIND], "kiosk-list-img"));
      if (row[STATUS] === "out_of_service") { icon.appendChild(iconImg("out_of_service", "kiosk-oos-img")); }
      button.appendChild(icon);
      var text = el("span", "kiosk-list-text");
      text.appendChild(el("span", "kiosk-list-name", nameOf(row)));
      text.appendChild(el("span", "kiosk-list-meta", t(row[KIND]) + " · " + freeText(row)));
      button.appendChild(text);
      button.appendChild(el("span", "kiosk-list-distance", distanceText(distanceM(row[LAT], row[LON]))));
      button.addEventListener("click", function () { tapListing(row[ID]); });
      li.appendChild(button);
      list.appendChild(li);
    });
    panel.appendChild(list);
    S.map.getContainer().appendChild(panel);
    S.list = { panel: panel, ids: rows.map(function (row) { return row[ID]; }) };
    return S.list.ids.slice();
  }

  function closeList() {
    if (S.list) {
      S.list.panel.parentNode.removeChild(S.list.panel);
      S.list = null;
    }
    return true;
  }

  function tapListing(id) {
    select(id);
    if (S.bridge) { send("markerTapped", [id]); }
    else { showInfo(S.rows.get(id)); }
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = S.cfg.markerPx + 8;
    var box = el("div", "kiosk-cluster-inner");
    box.appendChild(el("span", null, count > 9999 ? "9999+" : count));
    return L.divIcon({ html: box, className: "kiosk-cluster", iconSize: [size, size] });
  }

  function whenAdded() {
    return new Promise(function (resolve) { S.addWaiters.push(resolve); });
  }

  function onChunkProgress(processed, total) {
    if (processed >= total) {
      var waiters = S.addWaiters;
      S.addWaiters = [];
      waiters.forEach(function (resolve) { resolve(); });
    }
  }

  function addMarkers(markers) {
    if (!markers.length) { return Promise.resolve(); }
    var done = whenAdded();
    S.adding += 1;
    S.cluster.addLayers(markers, true);
    return done.then(function () { S.adding -= 1; });
  }

  /* MarkerCluster's zoomToShowLayer finishes on a later animation frame and reads the
     marker's cluster then: markers leave the group only once it is done (or after 2 s). */
  function afterShowing(action) {
    if (!S.showing) { return Promise.resolve().then(action); }
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 2000); });
    return Promise.race([S.showing, timeout]).then(action);
  }

  function setListings(doc) {
    return afterShowing(function () { return replaceListings(doc); });
  }

  function replaceListings(doc) {
    S.cluster.clearLayers();
    S.rows = new Map();
    S.markers = new Map();
    S.byKind = {};
    S.kinds.forEach(function (kind) { S.byKind[kind] = []; });
    var shown = [];
    var rows = (doc && doc.rows) || [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      row[KIND] = validKind(row[KIND]);
      if (S.rows.has(row[ID])) { continue; }
      var marker = makeMarker(row);
      S.rows.set(row[ID], row);
      S.markers.set(row[ID], marker);
      S.byKind[row[KIND]].push(marker);
      if (S.filter.has(row[KIND])) { shown.push(marker); }
    }
    S.version = doc && typeof doc.version === "number" ? doc.version : S.version;
    if (S.selected !== null && !S.rows.has(S.selected)) { S.selected = null; }
    updateChipCounts();
    fitMaxBounds();
    return addMarkers(shown).then(scheduleVisible);
  }

  function fitMaxBounds() {
    var center = L.latLng(S.cfg.center);
    var bounds = center.toBounds(S.cfg.radiusKm * 2000);
    S.rows.forEach(function (row) { bounds.extend([row[LAT], row[LON]]); });
    S.map.setMaxBounds(bounds.pad(0.2));
  }

  // ---- API callable from Python (allow-list) ----------------------------------------

  function setFilter(kinds) {
    var wanted = new Set((kinds || []).filter(function (k) { return S.kinds.indexOf(k) >= 0; }));
    var add = [], remove = [];
    S.kinds.forEach(function (kind) {
      var was = S.filter.has(kind), now = wanted.has(kind);
      if (was && !now) { remove = remove.concat(S.byKind[kind] || []); }
      if (!was && now) { add = add.concat(S.byKind[kind] || []); }
    });
    S.filter = wanted;
    updateChips();
    return afterShowing(function () {
      if (remove.length) { S.cluster.removeLayers(remove); }
      scheduleVisible();
      return addMarkers(add);
    }).then(function () { return shownCount(); });
  }

  /* counts: {id: [free, total]}, or the same as JSON text. Only markers on the map
     touch the DOM; the others read their row when they next appear. */
  function updateCounts(counts) {
    if (typeof counts === "string") { counts = JSON.parse(counts); }
    var changed = 0;
    var ids = Object.keys(counts || {});
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i], row = S.rows.get(id), pair = counts[id];
      if (!row || !Array.isArray(pair)) { continue; }
      row[FREE] = pair[0] === null || pair[0] === undefined ? null : Number(pair[0]);
      row[TOTAL] = pair[1] === null || pair[1] === undefined ? null : Number(pair[1]);
      var marker = S.markers.get(id);
      marker.options.title = titleOf(row);
      refreshMarker(marker);
      changed++;
    }
    if (changed && !S.bridge && S.info && S.info.row) { showInfo(S.info.row); }
    return changed;
  }

  function setLanguage(lang) {
    if (!LABELS[lang]) { return S.lang; }
    S.lang = lang;
    document.documentElement.lang = lang;
    S.i18n.forEach(applyI18n);
    S.markers.forEach(function (marker, id) {
      var title = titleOf(S.rows.get(id));
      marker.options.title = title;
      if (marker._icon) { marker._icon.title = title; }
    });
    if (S.here) { S.here.title = t("here") + ": " + hereName(); }
    relabelStreets();
    (S.buildingLabels || []).forEach(function (marker) {
      var span = marker.getElement() && marker.getElement().firstChild;
      if (span && span.kioskNames) { span.textContent = span.kioskNames[S.lang] || span.kioskNames.ko; }
    });
    if (S.list) { openList(S.list.ids); }
    if (S.hereName) { S.hereName.textContent = hereName(); }
    if (!S.bridge && S.info && S.info.row) { showInfo(S.info.row); }
    return S.lang;
  }

  /* Leaflet drops view changes made during a zoom animation; run them after it. */
  function whenIdle(action) {
    if (S.zooming) { S.map.once("zoomend", function () { whenIdle(action); }); }
    else { action(); }
  }

  function recenter() {
    closeList();
    whenIdle(function () { S.map.setView(S.cfg.center, S.cfg.zoom); });
    return true;
  }

  function zoomBy(delta) {
    whenIdle(function () { S.map.setZoom(S.map.getZoom() + delta); });
    return S.map.getZoom();
  }

  function zoomIn() { return zoomBy(1); }

  function zoomOut() { return zoomBy(-1); }

  function select(id) {
    var old = S.selected !== null ? S.markers.get(S.selected) : null;
    if (old && old._icon) { old._icon.classList.remove("is-selected"); }
    var marker = S.markers.get(id);
    S.selected = marker ? id : null;
    if (marker && marker._icon) { marker._icon.classList.add("is-selected"); }
    return Boolean(marker);
  }

  function showListing(id) {
    var marker = S.markers.get(id);
    if (!marker || !S.filter.has(S.rows.get(id)[KIND])) { return false; }
    select(id);
    var showing = new Promise(function (resolve) {
      whenIdle(function () {
        if (!S.cluster.hasLayer(marker)) { resolve(); return; }
        S.cluster.zoomToShowLayer(marker, function () { select(id); resolve(); });
      });
    });
    S.showing = showing;
    showing.then(function () { if (S.showing === showing) { S.showing = null; } });
    return true;
  }

  function setListingsVersion(version) {
    var url = S.cfg.listingsUrl + "?v=" + encodeURIComponent(String(version));
    return loadJson(url, null).then(setListings).then(function () { return S.rows.size; });
  }

  /* Markers on the map by kind: every marker of a kind in the filter is in the cluster
     group once its adding is done, so the kind lists answer without walking 10,000
     markers; while markers are still being added, the group itself is counted. */
  function shownByKind() {
    var byKind = {};
    S.kinds.forEach(function (kind) { byKind[kind] = 0; });
    if (S.adding > 0) {
      S.cluster.getLayers().forEach(function (marker) {
        byKind[S.rows.get(marker.kioskId)[KIND]] += 1;
      });
    } else {
      S.kinds.forEach(function (kind) {
        if (S.filter.has(kind)) { byKind[kind] = (S.byKind[kind] || []).length; }
      });
    }
    return byKind;
  }

  function shownCount() {
    var byKind = shownByKind();
    return S.kinds.reduce(function (sum, kind) { return sum + byKind[kind]; }, 0);
  }

  function stats() {
    var byKind = shownByKind();
    return {
      markers: S.markers.size,
      shown: S.kinds.reduce(function (sum, kind) { return sum + byKind[kind]; }, 0),
      shownByKind: byKind,
      filter: S.kinds.filter(function (k) { return S.filter.has(k); }),
      language: S.lang,
      version: S.version,
      zoom: S.map.getZoom(),
      selected: S.selected,
      ready: S.ready
    };
  }

  // ---- voice mode: the first tap names a control, the second one works it ------------

  var VOICE_CONTROLS = ".kiosk-chip:not(.kiosk-chip-all), .kiosk-button, .kiosk-legend-toggle";

  /* True if this tap only announces (voice mode, not the control armed last). The page
   * names the control by key; Python chooses the words and speaks them. */
  function voiceFirstTap(key, what) {
    if (!S.voice) { return false; }
    if (S.armed === key) { S.armed = null; return false; }
    S.armed = key;
    send("announce", [JSON.stringify(what)]);
    return true;
  }

  function controlOf(node) {
    if (node.classList.contains("kiosk-chip")) { return { control: "chip", id: node.dataset.kind }; }
    if (node.classList.contains("kiosk-legend-toggle")) {
      return { control: S.legendOpen ? "legendClose" : "legendOpen" };
    }
    if (node.classList.contains("kiosk-zoom-in")) { return { control: "zoomIn" }; }
    if (node.classList.contains("kiosk-zoom-out")) { return { control: "zoomOut" }; }
    return { control: "recenter" };
  }

  function onVoiceClick(event) {
    var node = event.target && event.target.closest ? event.target.closest(VOICE_CONTROLS) : null;
    if (!node) { return; }
    var what = controlOf(node);
    var key = what.control + ":" + (what.id || "");
    document.querySelectorAll(".is-armed").forEach(function (n) { n.classList.remove("is-armed"); });
    if (voiceFirstTap(key, what)) {
      node.classList.add("is-armed");
      event.stopPropagation();
      event.preventDefault();
    }
  }

  // ---- display: text size, control size and theme follow the kiosk's settings -------

  var DISPLAY_VARS = { textPx: "--kiosk-text", buttonPx: "--kiosk-button", gapPx: "--kiosk-gap" };

  function setDisplay(display) {
    var root = document.documentElement;
    Object.keys(DISPLAY_VARS).forEach(function (key) {
      var value = Number(display && display[key]);
      if (isFinite(value) && value > 0) { root.style.setProperty(DISPLAY_VARS[key], Math.round(value) + "px"); }
    });
    root.classList.toggle("kiosk-contrast", Boolean(display && display.highContrast));
    root.classList.toggle("kiosk-compact", Boolean(display && display.compact));
    S.voice = Boolean(display && display.voice);
    if (!S.voice) { S.armed = null; }
    if (S.map) { S.map.invalidateSize({ pan: false }); }
    if (!S.legendTouched) { setLegendOpen(legendFits()); }
    declutterLabels();
    return true;
  }

  /* The colour a node is painted on: the first ancestor with an opaque enough background. */
  function backdropOf(node) {
    for (var n = node; n && n.nodeType === 1; n = n.parentElement) {
      var bg = getComputedStyle(n).backgroundColor;
      var m = /rgba?\(([^)]+)\)/.exec(bg);
      if (m) {
        var parts = m[1].split(",").map(Number);
        if (parts.length < 4 || parts[3] >= 0.9) { return bg; }
      }
    }
    return getComputedStyle(S.map.getContainer()).backgroundColor;
  }

  /* True if part of the box is cut off: outside the window, or outside an ancestor
   * that hides its overflow (the legend's box, the map container). */
  function clippedBy(node, r) {
    var slack = 1;
    if (r.left < -slack || r.top < -slack || r.right > window.innerWidth + slack ||
        r.bottom > window.innerHeight + slack) { return true; }
    for (var n = node.parentElement; n && n !== document.body; n = n.parentElement) {
      var style = getComputedStyle(n);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") {
        var a = n.getBoundingClientRect();
        if (r.left < a.left - slack || r.top < a.top - slack || r.right > a.right + slack ||
            r.bottom > a.bottom + slack) { return true; }
      }
    }
    return false;
  }

  function measure(node, role) {
    var r = node.getBoundingClientRect();
    var style = getComputedStyle(node);
    var text = "";
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) { text += c.nodeValue; }
    }
    return {
      role: role,
      name: node.getAttribute("aria-label") || node.textContent.trim().slice(0, 40),
      text: text.trim(),
      x: r.left, y: r.top, width: r.width, height: r.height,
      fontPx: parseFloat(style.fontSize),
      fontWeight: parseInt(style.fontWeight, 10) || 400,
      color: style.color,
      background: backdropOf(node),
      outside: node.parentElement ? backdropOf(node.parentElement) : "",
      borderColor: style.borderTopColor,
      borderPx: parseFloat(style.borderTopWidth) || 0,
      clipped: clippedBy(node, r),
      visible: style.visibility !== "hidden" && style.display !== "none" && r.width > 0
    };
  }

  /* What the accessibility audit checks on the page: every control and every text the
   * page shows, with its box, font and colours as painted, and the viewport. */
  function controls() {
    var items = [];
    document.querySelectorAll(".kiosk-chip, .kiosk-button, .kiosk-legend-toggle").forEach(function (node) {
      items.push(measure(node, "control"));
    });
    document.querySelectorAll(
      ".kiosk-chip-label, .kiosk-chip-count, .kiosk-legend-title, " +
      ".kiosk-legend.is-open .kiosk-legend-item > span:not(.kiosk-badge)"
    ).forEach(function (node) { items.push(measure(node, "text")); });
    // The "you are here" label moves with the map: judged for size and contrast only.
    document.querySelectorAll(".kiosk-here-caption, .kiosk-here-name").forEach(function (node) {
      items.push(measure(node, "mapText"));
    });
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      highContrast: document.documentElement.classList.contains("kiosk-contrast"),
      items: items
    };
  }

  var API = {
    setDisplay: setDisplay,
    controls: controls,
    setListingsVersion: setListingsVersion,
    closeList: closeList,
    updateCounts: updateCounts,
    setFilter: setFilter,
    setLanguage: setLanguage,
    recenter: recenter,
    zoomIn: zoomIn,
    zoomOut: zoomOut,
    select: select,
    showListing: showListing,
    stats: stats
  };

  function invoke(name, args) {
    if (!Object.prototype.hasOwnProperty.call(API, name)) {
      throw new Error("not a page function: " + name);
    }
    return API[name].apply(null, Array.isArray(args) ? args : []);
  }

  // ---- visible list (for the list beside the map) -----------------------------------

  function scheduleVisible() {
    if (S.visibleTimer !== null) { clearTimeout(S.visibleTimer); }
    S.visibleTimer = setTimeout(computeVisible, 150);
  }

  function computeVisible() {
    S.visibleTimer = null;
    var bounds = S.map.getBounds();
    var here = S.cfg.center, kx = Math.cos(here[0] * Math.PI / 180);
    var found = [];
    S.rows.forEach(function (row) {
      if (!S.filter.has(row[KIND]) || !bounds.contains([row[LAT], row[LON]])) { return; }
      var dy = row[LAT] - here[0], dx = (row[LON] - here[1]) * kx;
      found.push([dy * dy + dx * dx, row[ID]]);
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    S.visible = found.slice(0, S.cfg.visibleLimit).map(function (pair) { return pair[1]; });
    send("visibleChanged", [JSON.stringify({ ids: S.visible, total: found.length })]);
  }

  // ---- controls ----------------------------------------------------------------------

  function stopEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    return node;
  }

  function showingAll() { return S.kinds.every(function (k) { return S.filter.has(k); }); }

  /* A chip means "show only this"; tapping the chip already shown alone, or "All",
     shows everything again. */
  function chooseKind(kind) {
    var next;
    if (kind === "all" || (S.filter.size === 1 && S.filter.has(kind))) { next = S.kinds.slice(); }
    else { next = [kind]; }
    closeList();
    setFilter(next);
    send("filterChanged", [JSON.stringify(next)]);
  }

  function updateChips() {
    var all = showingAll();
    S.kinds.forEach(function (kind) {
      var chip = S.chips[kind];
      if (!chip) { return; }
      var on = !all && S.filter.has(kind);
      chip.button.setAttribute("aria-pressed", on ? "true" : "false");
      chip.button.classList.toggle("is-on", on);
      chip.button.classList.toggle("is-off", !all && !on);
    });
    if (S.chips.all) {
      S.chips.all.button.setAttribute("aria-pressed", all ? "true" : "false");
      S.chips.all.button.classList.toggle("is-on", all);
    }
  }

  function updateChipCounts() {
    S.kinds.forEach(function (kind) {
      if (S.chips[kind]) { S.chips[kind].count.textContent = String((S.byKind[kind] || []).length); }
    });
    if (S.chips.all) { S.chips.all.count.textContent = String(S.rows.size); }
  }

  var ChipsControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function () {
      var box = stopEvents(el("div", "kiosk-chips"));
      box.setAttribute("role", "group");
      i18n(box, "filters", "aria-label");
      var allChip = el("button", "kiosk-chip kiosk-chip-all");
      allChip.type = "button";
      allChip.dataset.kind = "all";
      allChip.appendChild(i18n(el("span", "kiosk-chip-label"), "showAll"));
      i18n(allChip, "showAll", "aria-label");
      var allCount = el("span", "kiosk-chip-count", "0");
      allChip.appendChild(allCount);
      allChip.addEventListener("click", function () { chooseKind("all"); });
      S.chips.all = { button: allChip, count: allCount };
      box.appendChild(allChip);
      S.kinds.forEach(function (kind) {
        var button = el("button", "kiosk-chip kind-" + kind);
        button.type = "button";
        button.dataset.kind = kind;
        button.appendChild(iconImg(kind, "kiosk-chip-icon"));
        button.appendChild(i18n(el("span", "kiosk-chip-label"), kind));
        i18n(button, kind, "aria-label");
        var count = el("span", "kiosk-chip-count", "0");
        button.appendChild(count);
        button.addEventListener("click", function () { chooseKind(kind); });
        S.chips[kind] = { button: button, count: count };
        box.appendChild(button);
      });
      updateChips();
      return box;
    }
  });

  var LegendControl = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () {
      var box = stopEvents(el("div", "kiosk-legend"));
      // The title is a button: at large text the legend folds away so the map shows.
      var toggle = el("button", "kiosk-legend-toggle");
      toggle.type = "button";
      toggle.appendChild(i18n(el("span", "kiosk-legend-title"), "legend"));
      toggle.addEventListener("click", function () {
        S.legendTouched = true;
        setLegendOpen(!S.legendOpen);
      });
      box.appendChild(toggle);
      S.legend = { box: box, toggle: toggle };
      var list = el("ul", "kiosk-legend-list");
      function item(iconName, key, extraClass) {
        var li = el("li", "kiosk-legend-item" + (extraClass ? " " + extraClass : ""));
        li.appendChild(iconImg(iconName, "kiosk-legend-icon"));
        li.appendChild(i18n(el("span"), key));
        list.appendChild(li);
      }
      // The kind chips pair every icon with its name; at large text they show the icon
      // and count only, and the legend (folded) names the kinds instead.
      S.kinds.forEach(function (kind) { item(kind, kind, "is-kind"); });
      var oos = el("li", "kiosk-legend-item is-oos");
      var oosIcon = el("span", "kiosk-legend-icon kiosk-legend-oos");
      oosIcon.appendChild(iconImg("out_of_service", "kiosk-legend-oos-img"));
      oos.appendChild(oosIcon);
      oos.appendChild(i18n(el("span"), "outOfService"));
      list.appendChild(oos);
      var badge = el("li", "kiosk-legend-item");
      badge.appendChild(el("span", "kiosk-badge kiosk-legend-badge", "3"));
      badge.appendChild(i18n(el("span"), "freeNow"));
      list.appendChild(badge);
      box.appendChild(list);
      setLegendOpen(legendFits());
      return box;
    }
  });

  function setLegendOpen(open) {
    S.legendOpen = Boolean(open);
    if (!S.legend) { return; }
    S.legend.box.classList.toggle("is-open", S.legendOpen);
    S.legend.toggle.setAttribute("aria-expanded", S.legendOpen ? "true" : "false");
  }

  /* Open by default only where the whole legend fits beside the chips and buttons. */
  function legendFits() {
    var textPx = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--kiosk-text")) || 19;
    return window.innerHeight >= 16 * textPx;
  }

  var ButtonsControl = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      var box = stopEvents(el("div", "kiosk-buttons"));
      function button(className, text, key, action) {
        var b = el("button", "kiosk-button " + className);
        b.type = "button";
        if (text) { b.appendChild(el("span", "kiosk-button-text", text)); }
        i18n(b, key, "aria-label");
        i18n(b, key, "title");
        b.addEventListener("click", action);
        box.appendChild(b);
        return b;
      }
      button("kiosk-zoom-in", "+", "zoomIn", zoomIn);
      button("kiosk-zoom-out", "−", "zoomOut", zoomOut);
      button("kiosk-recenter", null, "recenter", recenter).appendChild(iconImg("recenter", "kiosk-button-icon"));
      return box;
    }
  });

  var AttributionControl = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      var parts = ["Leaflet"].concat(S.cfg.attributions || []);
      if (S.cfg.tiles) { parts = parts.concat(S.cfg.tiles.attributions || []); }
      if (S.cfg.vector) { parts = parts.concat(["Protomaps"], S.cfg.vector.attributions || []); }
      return stopEvents(el("div", "kiosk-attribution", parts.join(" | ")));
    }
  });

  /* The kiosk's own place in the page's language (the English name may be missing). */
  function hereName() {
    return (S.lang === "en" && S.cfg.centerLabelEn) ? S.cfg.centerLabelEn : S.cfg.centerLabel;
  }

  /* "You are here": a pin whose tip is the kiosk, with a one-line label beside it. It
     lives in a pane just below the markers, so it never covers a resource; the pin and
     its ring stay large enough to show around a marker drawn on top of it. */
  function addHereMarker() {
    var px = Math.round(S.cfg.markerPx * 0.9);
    var tall = Math.round(px * 1.3);
    S.map.createPane("kioskHere").style.zIndex = 590;
    var ring = L.circleMarker(S.cfg.center, {
      pane: "kioskHere", radius: Math.round(px * 0.9), color: "#b3211a", weight: 4,
      fillColor: "#ffffff", fillOpacity: 0.35, interactive: false, className: "kiosk-here-ring"
    }).addTo(S.map);
    S.hereRing = ring;
    var box = el("div", "kiosk-here-inner");
    box.appendChild(iconImg("here", "kiosk-here-img"));
    var label = el("div", "kiosk-here-label");
    label.appendChild(i18n(el("span", "kiosk-here-caption"), "here"));
    S.hereName = el("span", "kiosk-here-name", hereName());
    label.appendChild(S.hereName);
    box.appendChild(label);
    var marker = L.marker(S.cfg.center, {
      pane: "kioskHere",
      icon: L.divIcon({ html: box, className: "kiosk-here", iconSize: [px, tall], iconAnchor: [px / 2, tall] }),
      interactive: false,
      keyboard: false
    }).addTo(S.map);
    S.hereMarker = marker;
    S.here = box;
    S.here.title = t("here") + ": " + hereName();
    return marker;
  }

  // "08:59 기준" / "as of 08:59" for a figure of today in Seoul, with the date for any
  // other day. Seoul has no daylight saving, so Seoul time is UTC + 9 h whatever the
  // viewing browser's own time zone; "today" is the viewer's clock (Date.now).
  var SEOUL_MS = 9 * 3600 * 1000;

  function asOfText(iso) {
    var when = new Date(String(iso)).getTime();
    if (isNaN(when)) { return ""; }
    var seoul = new Date(when + SEOUL_MS).toISOString();
    var today = new Date(Date.now() + SEOUL_MS).toISOString().slice(0, 10);
    var text = seoul.slice(11, 16);
    if (seoul.slice(0, 10) !== today) { text = seoul.slice(0, 10) + " " + text; }
    return S.lang === "en" ? t("asOf") + " " + text : text + " " + t("asOf");
  }

  // Info panel: only for the exported page, where no Python shows details.
  function showInfo(row) {
    if (!row) { return; }
    if (!S.info) {
      var panel = stopEvents(el("div", "kiosk-info"));
      panel.setAttribute("role", "status");
      var name = el("div", "kiosk-info-name");
      var meta = el("div", "kiosk-info-meta");
      panel.appendChild(name);
      panel.appendChild(meta);
      S.map.getContainer().appendChild(panel);
      S.info = { panel: panel, name: name, meta: meta, row: null };
    }
    S.info.row = row;
    S.info.name.textContent = nameOf(row);
    var parts = [t(row[KIND])];
    if (row[STATUS] === "out_of_service") { parts.push(t("outOfService")); }
    else if (row[FREE] === null || row[FREE] === undefined) { parts.push(t("unknown")); }
    else {
      parts.push(row[TOTAL] !== null && row[TOTAL] !== undefined
        ? row[FREE] + " " + t("of") + " " + row[TOTAL] + " " + t("free")
        : row[FREE] + " " + t("free"));
    }
    if (row[AS_OF]) { parts.push(asOfText(row[AS_OF])); }
    S.info.meta.textContent = parts.join(" · ");
  }

  // ---- vector street map (protomaps-leaflet on canvas, read from a local pack) -------

  /* The pmtiles reader asks for byte ranges; the kiosk answers them at
     vpack/<offset>-<length> on its own scheme (no HTTP, no Range header). An exported
     page has no server: the pack is in a script as base64. */
  function packSource(v) {
    var bytes = null;
    return {
      getKey: function () { return v.key; },
      getBytes: function (offset, length, signal) {
        if (v.global_name) {
          if (!bytes) {
            var text = atob(window[v.global_name] || "");
            bytes = new Uint8Array(text.length);
            for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
          }
          return Promise.resolve({ data: bytes.slice(offset, offset + length).buffer });
        }
        return fetch(v.url + offset + "-" + length, { signal: signal }).then(function (r) {
          if (!r.ok) { throw new Error("street map pack: " + r.status); }
          return r.arrayBuffer();
        }).then(function (data) { return { data: data }; });
      }
    };
  }

  /* Protomaps' light flavour made bolder: white streets with dark casings, darker
     buildings, black labels with white halos, so the plan reads at arm's length. */
  var STREET_COLOURS = {
    background: "#efebe3", earth: "#efebe3", buildings: "#bdb3a3", water: "#7db9e8",
    park_a: "#c9e2bd", park_b: "#a9d497", wood_a: "#c9e2bd", wood_b: "#a9d497",
    pedestrian: "#e6e0d2", school: "#eadfcf", hospital: "#ecd9d7",
    other: "#ffffff", minor_service: "#ffffff", minor_a: "#ffffff", minor_b: "#ffffff",
    link: "#ffffff", major: "#ffffff", highway: "#ffdf8c",
    minor_casing: "#7d7466", minor_service_casing: "#7d7466", link_casing: "#5f574a",
    major_casing_early: "#5f574a", major_casing_late: "#5f574a",
    highway_casing_early: "#4d4538", highway_casing_late: "#4d4538",
    railway: "#4f5b63", boundaries: "#6f6f6f",
    roads_label_minor: "#262626", roads_label_minor_halo: "#ffffff",
    roads_label_major: "#111111", roads_label_major_halo: "#ffffff",
    city_label: "#111111", city_label_halo: "#ffffff",
    subplace_label: "#262626", subplace_label_halo: "#ffffff",
    address_label: "#262626", address_label_halo: "#ffffff"
  };

  function streetFlavor() {
    return L.extend({}, window.basemaps.namedFlavor("light"), STREET_COLOURS);
  }

  function addVectorLayer(map, v) {
    var P = window.protomapsL;
    if (!P || !window.pmtiles || !window.basemaps) {
      report("warning", "street map libraries did not load; showing the plan without streets");
      return;
    }
    S.vectorFlavor = streetFlavor();
    S.vector = P.leafletLayer({
      url: new window.pmtiles.PMTiles(packSource(v)),
      paintRules: P.paintRules(S.vectorFlavor),
      labelRules: P.labelRules(S.vectorFlavor, S.lang),
      backgroundColor: S.vectorFlavor.background,
      maxDataZoom: v.max_zoom,
      attribution: ""
    });
    S.vector.on("tileload", function () { S.vectorTiles += 1; });
    S.vector.addTo(map);
    map.getContainer().classList.add("kiosk-streets");
  }

  function relabelStreets() {
    if (!S.vector) { return; }
    S.vector.labelRules = window.protomapsL.labelRules(S.vectorFlavor, S.lang);
    S.vector.clearLayout();
    S.vector.rerenderTiles();
  }

  /* For tests and the benchmark: the street tiles on the page and how many of them
     are drawn (more than the background colour on their canvas). */
  function vectorInfo() {
    if (!S.vector) { return { layer: false, tiles: 0, drawn: 0, loaded: 0, labelProps: [] }; }
    var canvases = S.vector.getContainer().querySelectorAll("canvas");
    var drawn = 0;
    canvases.forEach(function (canvas) {
      if (!canvas.width) { return; }
      var data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      var colours = new Set();
      for (var i = 0; i < data.length && colours.size < 4; i += 4 * 97) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      if (colours.size >= 3) { drawn += 1; }
    });
    var rule = S.vector.labelRules.filter(function (r) { return r.dataLayer === "roads"; })[0];
    return {
      layer: true, tiles: canvases.length, drawn: drawn, loaded: S.vectorTiles,
      labelProps: rule && rule.symbolizer.text ? rule.symbolizer.text.labelProps : []
    };
  }

  // ---- the view the resident left --------------------------------------------------

  function sizeOk() { var size = S.map.getSize(); return size.x > 80 && size.y > 80; }

  /* While the map is hidden (the booking screens) its page may be resized to nothing;
     when it shows again it returns to the last view the resident saw. */
  function rememberView() {
    if (sizeOk() && !S.squeezed) { S.lastView = { center: S.map.getCenter(), zoom: S.map.getZoom() }; }
  }

  /* Leaflet reports a new size after the move it makes for it: a squeeze is noted when
     the map goes small, and the view is put back when it is big again. */
  function onResize() {
    if (!sizeOk()) { S.squeezed = true; return; }
    if (S.squeezed) { S.squeezed = false; setTimeout(restoreView, 0); }
  }

  function restoreView() {
    var view = S.lastView;
    if (!sizeOk() || !view) { return; }
    // Leaflet may have started a pan to keep the squeezed map inside its bounds; it must
    // end (without starting another) before the view is put back.
    var bounds = S.map.options.maxBounds || null;
    S.map.setMaxBounds(null);
    S.map.stop();
    S.map.setView(view.center, view.zoom, { animate: false });
    if (bounds) { S.map.setMaxBounds(bounds); }
  }

  // ---- basemap -----------------------------------------------------------------------

  var BASE_STYLES = {
    dong: { color: "#8c8069", weight: 1.5, dashArray: "6 4", fillColor: "#fbf8ef", fillOpacity: 1 },
    village: { color: "#4f7f35", weight: 3, fillColor: "#e2efd6", fillOpacity: 0.85 },
    building: { color: "#5d5446", weight: 1.5, fillColor: "#cfc6b8", fillOpacity: 1 },
    path: { color: "#6b5f4f", weight: 3, dashArray: "2 6", lineCap: "round", fill: false }
  };

  function baseStyle(feature) {
    var layer = (feature.properties && feature.properties.layer) || "village";
    var style = L.extend({}, BASE_STYLES[layer] || BASE_STYLES.village);
    if (S.cfg.tiles || S.vector) {
      style.fillOpacity = 0;
      if (layer !== "dong" && layer !== "path") { style.fillOpacity = 0.25; }
    }
    return style;
  }

  function drawBasemap(fc) {
    if (!fc || !Array.isArray(fc.features) || !fc.features.length) { return; }
    S.map.createPane("kioskBase").style.zIndex = 250;
    S.map.createPane("kioskBaseLabels").style.zIndex = 350;
    L.geoJSON(fc, { pane: "kioskBase", interactive: false, style: baseStyle }).addTo(S.map);
    var labelled = fc.features.filter(function (feature) {
      var p = feature.properties || {};
      return p.layer === "dong" && p.name && Array.isArray(p.label);
    });
    // Bigger dongs first: when labels collide, the larger area keeps its name.
    labelled.sort(function (a, b) { return (b.properties.area || 0) - (a.properties.area || 0); });
    S.dongLabels = labelled.map(function (feature) {
      var p = feature.properties;
      return L.marker(p.label, {
        pane: "kioskBaseLabels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "kiosk-dong-label", html: el("span", null, p.name), iconSize: null })
      }).addTo(S.map);
    });
    var buildings = fc.features.filter(function (feature) {
      var p = feature.properties || {};
      return p.layer === "building" && p.name && Array.isArray(p.label);
    });
    S.buildingLabels = buildings.map(function (feature) {
      var p = feature.properties;
      var text = S.lang === "en" && p.name_en ? p.name_en : p.name;
      var span = el("span", null, text);
      span.kioskNames = { ko: p.name, en: p.name_en || p.name };
      return L.marker(p.label, {
        pane: "kioskBaseLabels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "kiosk-building-label", html: span, iconSize: null })
      }).addTo(S.map);
    });
    S.map.on("zoomend", declutterLabels);
    declutterLabels();
    if (fc.attribution && fc.attribution.length) {
      var node = document.querySelector(".kiosk-attribution");
      if (node) { node.textContent += " | " + fc.attribution.join(" | "); }
    }
  }

  /* Hide a dong name that would overlap one already shown (greedy, largest first). */
  function declutterLabels() {
    var placed = [];
    var minBuildingZoom = 16;
    (S.buildingLabels || []).forEach(function (marker) {
      var node = marker.getElement();
      if (!node) { return; }
      var show = S.map.getZoom() >= minBuildingZoom;
      node.style.visibility = show ? "visible" : "hidden";
      if (show && node.firstChild) { placed.push(node.firstChild.getBoundingClientRect()); }
    });
    (S.dongLabels || []).forEach(function (marker) {
      var node = marker.getElement();
      if (!node || !node.firstChild) { return; }
      node.style.visibility = "visible";
      var r = node.firstChild.getBoundingClientRect();
      var clash = placed.some(function (o) {
        return r.left < o.right + 6 && r.right + 6 > o.left && r.top < o.bottom && r.bottom > o.top;
      });
      if (clash) { node.style.visibility = "hidden"; } else { placed.push(r); }
    });
  }

  // ---- guards ------------------------------------------------------------------------

  function installGuards() {
    // Page zoom belongs to Leaflet; the browser must not scale the kiosk page.
    window.addEventListener("wheel", function (e) { if (e.ctrlKey) { e.preventDefault(); } }, { passive: false });
    window.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && ["+", "-", "=", "0"].indexOf(e.key) >= 0) { e.preventDefault(); }
    });
    ["gesturestart", "gesturechange", "contextmenu", "dragstart"].forEach(function (type) {
      document.addEventListener(type, function (e) { e.preventDefault(); });
    });
    window.addEventListener("error", function (e) { report("error", e.message || "script error"); });
    window.addEventListener("unhandledrejection", function (e) {
      report("error", (e.reason && e.reason.message) || String(e.reason));
    });
  }

  // ---- start -------------------------------------------------------------------------

  function start(map, cfg) {
    S.map = map;
    S.cfg = cfg;
    S.lang = LABELS[cfg.language] ? cfg.language : "ko";
    S.kinds = cfg.kinds.slice();
    S.filter = new Set(S.kinds);
    S.kinds.forEach(function (kind) { S.byKind[kind] = []; });
    var root = document.documentElement;
    root.lang = S.lang;
    root.style.setProperty("--kiosk-button", cfg.buttonPx + "px");
    root.style.setProperty("--kiosk-marker", cfg.markerPx + "px");
    root.style.setProperty("--kiosk-badge", (cfg.badgePx || 20) + "px");
    if (cfg.display) { setDisplay(cfg.display); }
    installGuards();
    document.addEventListener("click", onVoiceClick, true);

    if (cfg.tiles) {
      L.tileLayer(cfg.tiles.url, {
        minZoom: map.getMinZoom(),
        maxZoom: map.getMaxZoom(),
        maxNativeZoom: cfg.tiles.max_native_zoom,
        bounds: cfg.tiles.bounds
      }).addTo(map);
    } else if (!cfg.vector) {
      map.getContainer().classList.add("kiosk-no-tiles");
    }
    if (cfg.vector) { addVectorLayer(map, cfg.vector); }

    S.cluster = new KioskClusterGroup({
      chunkedLoading: true,
      chunkDelay: CHUNK_PAUSE_MS,
      chunkProgress: onChunkProgress,
      showCoverageOnHover: false,
      zoomToBoundsOnClick: false,
      spiderfyOnMaxZoom: false,
      maxClusterRadius: Math.max(50, cfg.markerPx * 1.4),
      iconCreateFunction: clusterIcon
    }).addTo(map);
    S.cluster.on("clusterclick", onClusterClick);

    new AttributionControl().addTo(map);
    new ButtonsControl().addTo(map);
    new ChipsControl().addTo(map);
    new LegendControl().addTo(map);
    addHereMarker();
    map.on("moveend", scheduleVisible);
    map.on("moveend", rememberView);
    map.on("resize", function () {
      onResize();
      if (!S.legendTouched) { setLegendOpen(legendFits()); }
    });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { S.map.invalidateSize({ pan: false }); }
    });
    map.on("zoomstart", function () { S.zooming = true; });
    map.on("zoomend", function () { S.zooming = false; });

    var basemap = loadJson(cfg.basemapUrl, "KIOSK_BASEMAP").then(drawBasemap);
    // A failed listings load is an error, but the page still says ready: Python's queued
    // calls must not wait forever, and a later set_listings can repair it.
    var listings = loadJson(cfg.listingsUrl, "KIOSK_LISTINGS").then(setListings)
      .catch(function (error) {
        console.error(t("loadFailed") + ": " + (error && error.message ? error.message : error));
      });
    var bridge = connectBridge().then(function (b) { S.bridge = b; });

    Promise.all([listings, bridge]).then(function () {
      S.ready = true;
      document.documentElement.dataset.kioskReady = "true";
      send("ready", []);
      scheduleVisible();
    });
    basemap.catch(function (error) {
      report("warning", "basemap: " + (error && error.message ? error.message : error));
    });
  }

  window.KioskMap = {
    start: start,
    invoke: invoke,
    // Inspection hooks for tests and the exported page; not callable through invoke().
    markerFor: function (id) { return S.markers.get(id) || null; },
    rowFor: function (id) { var row = S.rows.get(id); return row ? row.slice() : null; },
    visibleIds: function () { return S.visible.slice(); },
    vectorInfo: vectorInfo,
    clusterElementOf: function (id) {
      var marker = S.markers.get(id);
      var parent = marker ? S.cluster.getVisibleParent(marker) : null;
      return parent && parent !== marker ? parent.getElement() : null;
    },
    listIds: function () { return S.list ? S.list.ids.slice() : null; },
    view: function () { var c = S.map.getCenter(); return { lat: c.lat, lon: c.lng, zoom: S.map.getZoom() }; },
    computeVisibleNow: computeVisible
  };
})();
