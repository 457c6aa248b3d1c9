#!/usr/bin/env bash
# Re-creates narrascope/web/static/vendor/ from the npm registry at the pinned versions: the web UI
# serves these files itself and never loads anything from a CDN.
set -euo pipefail
HTMX=2.0.11
CHARTJS=4.6.1
SWAGGER=5.35.0
out="$(cd "$(dirname "$0")/.." && pwd)/narrascope/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "htmx.org@$HTMX" "chart.js@$CHARTJS" "swagger-ui-dist@$SWAGGER" >/dev/null
for tarball in *.tgz; do mkdir "${tarball%.tgz}"; tar xzf "$tarball" -C "${tarball%.tgz}"; done
mkdir -p "$out"
cp "htmx.org-$HTMX/package/dist/htmx.min.js" "$out/"
cp "htmx.org-$HTMX/package/LICENSE" "$out/htmx.LICENSE"
cp "chart.js-$CHARTJS/package/dist/chart.umd.min.js" "$out/"
cp "chart.js-$CHARTJS/package/LICENSE.md" "$out/chart.js.LICENSE"
cp "swagger-ui-dist-$SWAGGER/package/swagger-ui-bundle.js" "swagger-ui-dist-$SWAGGER/package/swagger-ui.css" "$out/"
cp "swagger-ui-dist-$SWAGGER/package/LICENSE" "$out/swagger-ui.LICENSE"
ls -l "$out"
