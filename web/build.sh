#!/usr/bin/env bash
# Vendor the dashboard's front-end libraries into src/eventcoder/api/static/vendor/ (no CDN at run time).
# Reproducible: versions are pinned in web/package.json and web/package-lock.json. The vendored files are
# committed, so a fresh clone needs no npm; run this only to upgrade them:  cd web && npm ci && bash build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nm="$here/node_modules"
out="$here/../src/eventcoder/api/static/vendor"
[ -d "$nm/leaflet" ] || (cd "$here" && npm ci --no-audit --no-fund)
rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/leaflet.markercluster" "$out/topojson-client" "$out/world-atlas" \
         "$out/swagger-ui"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$nm/leaflet/LICENSE" "$out/leaflet/LICENSE"

cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/leaflet.markercluster/"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/leaflet.markercluster/LICENSE"

cp "$nm/topojson-client/dist/topojson-client.min.js" "$out/topojson-client/"
cp "$nm/topojson-client/LICENSE" "$out/topojson-client/LICENSE"

# Natural Earth country outlines (1:50m), TopoJSON; the dashboard converts them with topojson-client.
cp "$nm/world-atlas/countries-50m.json" "$out/world-atlas/"
cp "$nm/world-atlas/LICENSE" "$out/world-atlas/LICENSE"
printf '%s\n' "Country outlines: Natural Earth (public domain), https://www.naturalearthdata.com/," \
  "packaged as TopoJSON by world-atlas (ISC licence, see LICENSE)." > "$out/world-atlas/NOTICE"

# Swagger UI for /docs, so the API's docs work offline too
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" "$out/swagger-ui/"
cp "$nm/swagger-ui-dist/LICENSE" "$out/swagger-ui/LICENSE"
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$out/swagger-ui/"
[ -f "$nm/swagger-ui-dist/NOTICE" ] && cp "$nm/swagger-ui-dist/NOTICE" "$out/swagger-ui/NOTICE"

{
  echo "Vendored by web/build.sh from npm; do not edit by hand."
  for pkg in leaflet leaflet.markercluster swagger-ui-dist topojson-client world-atlas; do
    node -e "const p=require('$nm/$pkg/package.json');console.log(p.name+' '+p.version+' ('+(p.license||'see LICENSE')+')')"
  done
} > "$out/VERSIONS.txt"
echo "vendored into $out:"
cat "$out/VERSIONS.txt"
