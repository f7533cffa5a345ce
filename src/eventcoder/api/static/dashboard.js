/* eventcoder dashboard: filters -> /events (GeoJSON) + /aggregates -> map, weekly chart and table.
   The filters live in the page's query string, so a view can be bookmarked and shared. */
(function () {
  "use strict";
  var C = window.eventcoderCommon;
  var FILTERS = ["date_from", "date_to", "country", "event_type", "actor", "status", "q"];
  /* API filters without a form field: kept from the page's URL (a shared link), cleared by "Clear" */
  var EXTRA = ["admin1", "admin2", "bbox", "near", "sub_event_type", "inter", "interaction", "fatalities_min",
               "fatalities_max", "source", "updated_since", "report_id"];
  var LIMIT = 1000;
  var form = document.getElementById("filters");
  var statusLine = document.getElementById("status-line");
  var errorLine = document.getElementById("error-line");
  var mapDiv = document.getElementById("map");
  var table = document.getElementById("events-table");
  var state = { features: [], sortKey: "event_date", sortDir: -1, request: 0, loaded: null, extra: [] };

  /* ---------- map ---------- */
  function clusterIcon(cluster) {
    /* a cluster takes the colour of its commonest event type; its size grows with its event count */
    var counts = {}, best = null, n = cluster.getChildCount();
    cluster.getAllChildMarkers().forEach(function (m) {
      counts[m.eventType] = (counts[m.eventType] || 0) + 1;
      if (best === null || counts[m.eventType] > counts[best]) best = m.eventType;
    });
    var size = Math.round(Math.min(54, 24 + 6 * Math.log2(n)));
    return L.divIcon({ className: "cluster", iconSize: [size, size],
                       html: '<div style="background:' + C.typeColour(best) + ';width:' + size + "px;height:" +
                             size + "px;line-height:" + size + 'px">' + n + "</div>" });
  }

  var map = C.newMap(mapDiv).fitBounds([[4, -18], [24, 24]]);
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 35,
                                        spiderfyOnMaxZoom: true, chunkedLoading: false,
                                        iconCreateFunction: clusterIcon });
  clusters.addTo(map);
  C.legend(map);
  var basemap = C.addBasemap(map).catch(function (err) { console.error("basemap", err); });

  function popupHtml(p) {
    var e = C.escapeHtml;
    var place = [p.location, p.admin1, p.country].filter(Boolean).join(", ");
    return '<div class="popup"><strong>' + e(p.event_date) + " · " + e(p.sub_event_type || p.event_type) +
      "</strong><br>" + e(p.actor1) + (p.actor2 ? " vs " + e(p.actor2) : "") +
      "<br>" + e(place) + "<br>Fatalities: <b>" + e(p.fatalities) + "</b> · " + e(p.status) +
      (p.claimed_by ? "<br>Claimed by " + e(p.claimed_by) : "") +
      '<br><a class="popup-link" href="/ui/events/' + encodeURIComponent(p.event_id_cnty) + '">' +
      e(p.event_id_cnty) + " details →</a></div>";
  }

  function drawMarkers(features) {
    var markers = features.map(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], { radius: C.markerRadius(p.fatalities), color: "#333", weight: 1,
                                                  fillColor: C.typeColour(p.event_type), fillOpacity: 0.8 });
      marker.bindPopup(popupHtml(p));
      marker.eventId = p.event_id_cnty;
      marker.eventType = p.event_type;
      return marker;
    });
    /* move first, without animation, then cluster at the final zoom: what is drawn is settled at once */
    if (markers.length) {
      map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.25),
                    { maxZoom: 8, animate: false });
    }
    clusters.clearLayers();
    clusters.addLayers(markers);
    mapDiv.dataset.markers = String(markers.length);
  }

  /* ---------- table ---------- */
  function compare(a, b, key, numeric) {
    var x = a.properties[key], y = b.properties[key];
    if (numeric) return (Number(x) || 0) - (Number(y) || 0);
    return String(x || "").localeCompare(String(y || ""));
  }

  function drawTable() {
    var head = table.querySelector("th[data-key='" + state.sortKey + "']");
    var numeric = head && head.dataset.type === "number";
    var rows = state.features.slice().sort(function (a, b) {
      return state.sortDir * compare(a, b, state.sortKey, numeric) ||
             String(b.properties.event_id_cnty).localeCompare(String(a.properties.event_id_cnty));
    });
    var e = C.escapeHtml;
    table.tBodies[0].innerHTML = rows.map(function (f) {
      var p = f.properties;
      return '<tr data-id="' + e(p.event_id_cnty) + '"><td><a href="/ui/events/' +
        encodeURIComponent(p.event_id_cnty) + '">' + e(p.event_date) + "</a></td><td>" + e(p.event_type) +
        "</td><td>" + e(p.sub_event_type) + "</td><td>" + e(p.actor1) + "</td><td>" + e(p.actor2) +
        "</td><td>" + e(p.location) + "</td><td>" + e(p.country) + '</td><td class="num">' + e(p.fatalities) +
        '</td><td><span class="badge status-' + e(p.status) + '">' + e(p.status) + "</span></td></tr>";
    }).join("");
    table.querySelectorAll("th").forEach(function (th) {
      th.classList.toggle("sorted-asc", th.dataset.key === state.sortKey && state.sortDir > 0);
      th.classList.toggle("sorted-desc", th.dataset.key === state.sortKey && state.sortDir < 0);
      th.setAttribute("aria-sort", th.dataset.key !== state.sortKey ? "none"
                      : state.sortDir > 0 ? "ascending" : "descending");
    });
  }

  table.querySelectorAll("th").forEach(function (th) {
    th.tabIndex = 0;
    function sort() {
      if (state.sortKey === th.dataset.key) state.sortDir = -state.sortDir;
      else { state.sortKey = th.dataset.key; state.sortDir = th.dataset.type === "number" ? -1 : 1; }
      drawTable();
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sort(); });
  });

  /* ---------- weekly chart (plain SVG) ---------- */
  function mondayOf(iso) {
    var d = new Date(iso + "T00:00:00Z"); var day = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - day); return d;
  }

  function drawChart(rows) {
    var holder = document.getElementById("chart");
    var W = Math.max(320, holder.clientWidth || 640), H = 180, m = { l: 36, r: 40, t: 10, b: 28 };
    var byWeek = {};
    rows.forEach(function (r) { byWeek[r.period] = r; });
    var keys = Object.keys(byWeek).sort();
    if (!keys.length) { holder.innerHTML = '<p class="empty">No events.</p>'; return; }
    var weeks = [], d = mondayOf(keys[0]), end = mondayOf(keys[keys.length - 1]);
    while (d <= end && weeks.length < 2000) { weeks.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 7); }
    var series = weeks.map(function (w) { var r = byWeek[w] || {}; return { week: w, events: r.events || 0, fatalities: r.fatalities || 0 }; });
    var maxE = Math.max(1, Math.max.apply(null, series.map(function (s) { return s.events; })));
    var maxF = Math.max(1, Math.max.apply(null, series.map(function (s) { return s.fatalities; })));
    var iw = W - m.l - m.r, ih = H - m.t - m.b, bw = iw / series.length;
    var x = function (i) { return m.l + i * bw; };
    var yE = function (v) { return m.t + ih - (v / maxE) * ih; };
    var yF = function (v) { return m.t + ih - (v / maxF) * ih; };
    var svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + W + '" height="' + H + '" role="img" ' +
               'aria-label="Events (bars) and fatalities (line) per week">'];
    svg.push('<line class="axis" x1="' + m.l + '" y1="' + (m.t + ih) + '" x2="' + (W - m.r) + '" y2="' + (m.t + ih) + '"/>');
    svg.push('<text class="tick" x="' + (m.l - 4) + '" y="' + (m.t + 8) + '" text-anchor="end">' + maxE + "</text>");
    svg.push('<text class="tick fat" x="' + (W - m.r + 4) + '" y="' + (m.t + 8) + '">' + maxF + "</text>");
    series.forEach(function (s, i) {
      if (s.events) {
        svg.push('<rect class="bar" x="' + (x(i) + bw * 0.1).toFixed(1) + '" y="' + yE(s.events).toFixed(1) +
                 '" width="' + Math.max(1, bw * 0.8).toFixed(1) + '" height="' + (m.t + ih - yE(s.events)).toFixed(1) +
                 '"><title>week of ' + s.week + ": " + s.events + " events, " + s.fatalities + " fatalities</title></rect>");
      }
    });
    var points = series.map(function (s, i) { return (x(i) + bw / 2).toFixed(1) + "," + yF(s.fatalities).toFixed(1); });
    svg.push('<polyline class="fat-line" points="' + points.join(" ") + '"/>');
    var step = Math.max(1, Math.ceil(series.length / 8));
    series.forEach(function (s, i) {
      if (i % step === 0) svg.push('<text class="tick" x="' + (x(i) + bw / 2).toFixed(1) + '" y="' + (H - 8) +
                                   '" text-anchor="middle">' + s.week + "</text>");
    });
    svg.push('<text class="tick" x="' + m.l + '" y="' + (H - 0) + '"></text></svg>');
    holder.innerHTML = svg.join("") + '<p class="chart-legend"><span class="key-bar"></span> events ' +
      '<span class="key-line"></span> fatalities</p>';
  }

  /* ---------- filters ---------- */
  function currentParams() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var el = form.elements[name];
      if (el && el.value.trim()) params.set(name, el.value.trim());
    });
    state.extra.forEach(function (pair) { params.append(pair[0], pair[1]); });
    return params;
  }

  function fillForm() {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) { if (form.elements[name]) form.elements[name].value = params.get(name) || ""; });
    state.extra = [];
    params.forEach(function (value, name) { if (EXTRA.indexOf(name) >= 0 && value) state.extra.push([name, value]); });
    var note = document.getElementById("extra-filters");
    note.hidden = !state.extra.length;
    note.textContent = state.extra.length ? "Also: " + state.extra.map(function (p) { return p.join("="); }).join(", ") : "";
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : "HTTP " + r.status);
        return body;
      });
    });
  }

  function refresh() {
    var params = currentParams();
    var query = params.toString();
    state.loaded = query;
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    ["acled-csv", "geojson", "jsonl"].forEach(function (f) {
      var p = new URLSearchParams(params); p.set("format", f);
      document.getElementById("x-" + f).href = "/export?" + p.toString();
    });
    var ticket = ++state.request;
    document.body.dataset.state = "loading";
    statusLine.textContent = "Loading…";
    var evParams = new URLSearchParams(params); evParams.set("format", "geojson"); evParams.set("limit", String(LIMIT));
    var agParams = new URLSearchParams(params); agParams.set("period", "week");
    Promise.all([getJson("/events?" + evParams.toString()), getJson("/aggregates?" + agParams.toString()), basemap])
      .then(function (results) {
        if (ticket !== state.request) return;
        var collection = results[0];
        state.features = collection.features;
        errorLine.hidden = true;
        drawMarkers(state.features);
        drawTable();
        drawChart(results[1].rows);
        var total = collection.total, shown = state.features.length;
        statusLine.textContent = total + " event" + (total === 1 ? "" : "s") +
          (collection.count < total ? " (showing the latest " + collection.count + ")" : "") +
          (shown < collection.count ? ", " + (collection.count - shown) + " without coordinates" : "");
        document.getElementById("table-note").textContent = "(" + shown + ")";
        document.body.dataset.state = "ready";
      })
      .catch(function (err) {
        if (ticket !== state.request) return;
        errorLine.textContent = err.message; errorLine.hidden = false;
        statusLine.textContent = "";
        document.body.dataset.state = "error";
      });
  }

  var timer = null;
  function debounced() { clearTimeout(timer); timer = setTimeout(maybeRefresh, 300); }
  function maybeRefresh() {
    clearTimeout(timer);
    if (currentParams().toString() !== state.loaded) refresh();
  }
  form.addEventListener("input", function (ev) {
    if (ev.target.tagName === "SELECT" || ev.target.type === "date") maybeRefresh(); else debounced();
  });
  form.addEventListener("change", maybeRefresh);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); maybeRefresh(); });
  form.addEventListener("reset", function () {
    state.extra = [];
    document.getElementById("extra-filters").hidden = true;
    setTimeout(refresh, 0);
  });

  getJson("/aggregates?period=month&by=country").then(function (body) {
    var names = {};
    body.rows.forEach(function (r) { if (r.key) names[r.key] = true; });
    document.getElementById("countries").innerHTML = Object.keys(names).sort().map(function (n) {
      return '<option value="' + C.escapeHtml(n) + '">';
    }).join("");
  }).catch(function () { /* the list is a convenience */ });

  fillForm();
  refresh();
  window.eventcoderDashboard = {
    markerCount: function () { return clusters.getLayers().length; },
    refresh: refresh
  };
})();
