#!/usr/bin/env bash
# Trunk post-build hook: writes the content-hashed names of the wasm-bindgen
# glue and the wasm binary into the stable loader dist/hamish.js.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
glue=$(cd "$dir" && ls hamish-web-*.js | grep -v '_bg' | head -n1)
wasm=$(cd "$dir" && ls hamish-web-*_bg.wasm | head -n1)
[ -n "$glue" ] && [ -n "$wasm" ] || { echo "post-build: hashed assets not found in $dir" >&2; exit 1; }
sed -i "s/__HAMISH_GLUE__/$glue/; s/__HAMISH_WASM__/$wasm/" "$dir/hamish.js"
