/* eventcoder event page: a small map of the event, and field highlighting from the evidence legend. */
(function () {
  "use strict";
  var C = window.eventcoderCommon;
  var article = document.getElementById("event");
  var lat = parseFloat(article.dataset.lat), lon = parseFloat(article.dataset.lon);
  var mapDiv = document.getElementById("event-map");
  if (isFinite(lat) && isFinite(lon)) {
    var map = C.newMap(mapDiv, { zoomControl: true }).setView([lat, lon], 6);
    C.addBasemap(map).then(function () {
      L.circleMarker([lat, lon], { radius: C.markerRadius(article.dataset.fatalities),
        color: "#222", weight: 1, fillColor: C.typeColour(article.dataset.type), fillOpacity: 0.85 }).addTo(map);
      document.body.dataset.state = "ready";
    }).catch(function () { document.body.dataset.state = "ready"; });
  } else {
    mapDiv.textContent = "No coordinates.";
    document.body.dataset.state = "ready";
  }
  /* hovering a field in a legend outlines its evidence in that report */
  document.querySelectorAll(".legend .ev").forEach(function (chip) {
    var report = chip.closest(".report");
    chip.addEventListener("mouseenter", function () {
      report.querySelectorAll("mark").forEach(function (m) {
        if ((" " + m.dataset.fields + " ").indexOf(" " + chip.dataset.field + " ") >= 0) m.classList.add("focus");
      });
    });
    chip.addEventListener("mouseleave", function () {
      report.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    });
  });
})();
