#!/usr/bin/env bash
# Copy the browser files the map needs from node_modules/ (installed by `npm ci` from the
# pinned package-lock.json) into static/vendor/, which Streamlit serves at /app/static/vendor/.
# static/vendor/ is generated: git ignores it. Run from anywhere; paths are relative to the repo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modules="$root/node_modules"
vendor="$root/static/vendor"

if [ ! -d "$modules/leaflet/dist" ] || [ ! -f "$modules/proj4/dist/proj4.js" ] \
    || [ ! -f "$modules/fflate/umd/index.js" ]; then
    echo "install_assets.sh: node_modules/leaflet, proj4 or fflate is missing;" \
        "run 'npm ci --no-audit --no-fund' in $root first" >&2
    exit 1
fi

rm -rf "$vendor"
mkdir -p "$vendor/leaflet/images" "$vendor/proj4" "$vendor/fflate"

cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$vendor/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$vendor/leaflet/images/"
cp "$modules/leaflet/LICENSE" "$vendor/leaflet/LICENSE"
cp "$modules/proj4/dist/proj4.js" "$vendor/proj4/"
cp "$modules/proj4/LICENSE.md" "$vendor/proj4/LICENSE.md"
# fflate writes the field pack's observations zip in the browser (inlined into map.html).
cp "$modules/fflate/umd/index.js" "$vendor/fflate/fflate.js"
cp "$modules/fflate/LICENSE" "$vendor/fflate/LICENSE"

echo "install_assets.sh: copied Leaflet $(node -p "require('$modules/leaflet/package.json').version")" \
    "proj4 $(node -p "require('$modules/proj4/package.json').version")" \
    "and fflate $(node -p "require('$modules/fflate/package.json').version") to $vendor"
