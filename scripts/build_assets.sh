#!/usr/bin/env bash
# Build the front-end assets into app/static/dist/ (git-ignored).
#
#   bash scripts/build_assets.sh          # build what is out of date
#   bash scripts/build_assets.sh --force  # rebuild everything
#
# Everything comes from the npm registry through package-lock.json (npm ci):
# no CDN, no binary downloads, no install scripts. Idempotent; when nothing
# changed it only checks timestamps and exits.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FORCE=0
if [[ "${1:-}" == "--force" ]]; then
  FORCE=1
fi

NM="node_modules"
STAMP="$NM/.camden-npm-ci.stamp"
SRC="app/static/src/scss"
DIST="app/static/dist"
GOVUK="$NM/govuk-frontend/dist/govuk"
HTMX="$NM/htmx.org/dist"

log() { printf 'build_assets: %s\n' "$*"; }

command -v node >/dev/null || { echo "build_assets: node is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "build_assets: npm is not installed" >&2; exit 1; }

# 1. Dependencies: npm ci only when node_modules is missing or older than the lock file.
if [[ $FORCE == 1 || ! -d $NM || ! -f $STAMP || package-lock.json -nt $STAMP ]]; then
  log "npm ci"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$STAMP"
fi

mkdir -p "$DIST"

# is_stale OUTPUT INPUT... : true if OUTPUT is missing or older than any INPUT
# (an INPUT may be a directory: every file under it counts).
is_stale() {
  local out=$1
  shift
  [[ $FORCE == 1 || ! -f $out ]] && return 0
  [[ -n "$(find "$@" -newer "$out" -type f -print -quit)" ]]
}

# 2. CSS: GOV.UK Frontend + our components, compiled from Sass.
if is_stale "$DIST/app.css" "$SRC" "$STAMP" "$ROOT/scripts/build_assets.sh"; then
  log "sass -> $DIST/app.css"
  "$NM/.bin/sass" \
    --pkg-importer=node \
    --load-path="$NM" \
    --style=compressed \
    --no-source-map \
    --quiet-deps \
    "$SRC/app.scss" "$DIST/app.css.tmp"
  mv "$DIST/app.css.tmp" "$DIST/app.css"
fi

# 3. Right-to-left CSS for Arabic, generated from the compiled CSS.
if is_stale "$DIST/app.rtl.css" "$DIST/app.css" "$STAMP" app/static/src/rtlcss.json; then
  log "rtlcss -> $DIST/app.rtl.css"
  "$NM/.bin/rtlcss" --config app/static/src/rtlcss.json - <"$DIST/app.css" >"$DIST/app.rtl.css.tmp"
  mv "$DIST/app.rtl.css.tmp" "$DIST/app.rtl.css"
fi

# 4. JavaScript, copied as published (GOV.UK Frontend's is an ES module).
copy_if_changed() {
  local from=$1 to=$2
  if [[ $FORCE == 1 ]] || ! cmp -s "$from" "$to"; then
    log "copy $from -> $to"
    cp "$from" "$to.tmp"
    mv "$to.tmp" "$to"
  fi
}
copy_if_changed "$HTMX/htmx.min.js" "$DIST/htmx.min.js"
copy_if_changed "$GOVUK/govuk-frontend.min.js" "$DIST/govuk-frontend.min.js"
copy_if_changed "$GOVUK/govuk-frontend.min.js.map" "$DIST/govuk-frontend.min.js.map"

# No GOV.UK images (crown, crest, favicons) and no fonts (GDS Transport) are
# shipped; axe-core stays in node_modules for the tests.

# 5. Sanity checks on the output.
fail() { echo "build_assets: $*" >&2; exit 1; }
for f in app.css app.rtl.css htmx.min.js govuk-frontend.min.js; do
  [[ -s $DIST/$f ]] || fail "$DIST/$f is missing or empty"
done
if grep -qi 'GDS Transport\|@font-face\|govuk-crest\|/assets/' "$DIST/app.css"; then
  fail "app.css references GOV.UK fonts or images"
fi

log "done: $(cd "$DIST" && ls | tr '\n' ' ')"
