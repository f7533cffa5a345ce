/* eventcoder dashboard: what the map pages share (colours, offline basemap, small helpers). No CDN. */
(function () {
  "use strict";
  var TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4"
  };
  var OTHER = "#7f7f7f";

  function typeColour(type) { return TYPE_COLOURS[type] || OTHER; }

  function markerRadius(fatalities) {
    var f = Math.max(0, Number(fatalities) || 0);
    return Math.min(26, 5 + 3 * Math.sqrt(f));
  }

  function newMap(element, options) {
    var map = L.map(element, Object.assign({ zoomSnap: 0.25, worldCopyJump: false, minZoom: 2, maxZoom: 14,
                                             attributionControl: true }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (world-atlas) · Leaflet");
    return map;
  }

  var basemapData = null;
  function addBasemap(map) {
    var url = document.body.dataset.static.replace(/\/?$/, "/") + "vendor/world-atlas/countries-50m.json";
    var ready = basemapData ? Promise.resolve(basemapData) : fetch(url).then(function (r) { return r.json(); })
      .then(function (topo) { basemapData = topojson.feature(topo, topo.objects.countries); return basemapData; });
    return ready.then(function (countries) {
      var layer = L.geoJSON(countries, {
        style: { color: "#8a8f98", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
        interactive: false
      });
      layer.addTo(map);
      layer.bringToBack();
      addCountryLabels(map, countries);
      return layer;
    });
  }

  function labelPoint(geometry) {
    /* the centre of the bounding box of a country's largest ring: good enough for a label */
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null, bestArea = -1;
    polygons.forEach(function (polygon) {
      var ring = polygon[0], minX = 180, minY = 90, maxX = -180, maxY = -90;
      ring.forEach(function (p) {
        minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
      });
      var area = (maxX - minX) * (maxY - minY);
      if (area > bestArea) { bestArea = area; best = [(minY + maxY) / 2, (minX + maxX) / 2]; }
    });
    return best;
  }

  function addCountryLabels(map, countries) {
    var labels = L.layerGroup();
    countries.features.forEach(function (f) {
      if (!f.geometry || !f.properties || !f.properties.name) return;
      var at = labelPoint(f.geometry);
      if (!at) return;
      L.marker(at, { interactive: false, keyboard: false,
                     icon: L.divIcon({ className: "country-label", html: escapeHtml(f.properties.name),
                                       iconSize: [120, 16], iconAnchor: [60, 8] }) }).addTo(labels);
    });
    function toggle() {
      var show = map.getZoom() >= 4;
      if (show && !map.hasLayer(labels)) labels.addTo(map);
      if (!show && map.hasLayer(labels)) map.removeLayer(labels);
    }
    map.on("zoomend", toggle);
    toggle();
  }

  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function legend(map) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "legend");
      var html = "<strong>Event type</strong>";
      Object.keys(TYPE_COLOURS).forEach(function (t) {
        html += '<div><i style="background:' + TYPE_COLOURS[t] + '"></i>' + escapeHtml(t) + "</div>";
      });
      html += "<div class='legend-note'>size: fatalities</div>";
      div.innerHTML = html;
      return div;
    };
    control.addTo(map);
  }

  window.eventcoderCommon = { typeColour: typeColour, markerRadius: markerRadius, newMap: newMap,
                              addBasemap: addBasemap, escapeHtml: escapeHtml, legend: legend,
                              TYPE_COLOURS: TYPE_COLOURS };
})();
