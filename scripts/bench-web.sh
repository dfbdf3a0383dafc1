#!/usr/bin/env bash
# Measures the release build: build time, bundle size (raw and gzip), time to
# first highlight, correction latency on the seed article and on 100× it.
# Needs what scripts/test.sh installs; does not need ../shared.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
ensure_e2e_deps
cd "$ROOT"
cargo fetch --locked --quiet
start=$(date +%s.%N)
trunk build --release >/dev/null 2>&1
end=$(date +%s.%N)
printf 'trunk build --release (incremental after cargo fetch): %.1f s\n' "$(echo "$end - $start" | bc)"
total_raw=0; total_gz=0
for f in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %8d bytes raw %8d bytes gzip\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-48s %8d bytes raw %8d bytes gzip\n' "total (wasm + js + css)" "$total_raw" "$total_gz"
embed_raw=0; embed_gz=0
for f in dist/hamish.js dist/hamish-web-*.js dist/hamish-web-*_bg.wasm; do
  embed_raw=$((embed_raw + $(stat -c %s "$f"))); embed_gz=$((embed_gz + $(gzip -9 -c "$f" | wc -c)))
done
printf '%-48s %8d bytes raw %8d bytes gzip\n' "one embedded widget (loader + glue + wasm; CSS and models are inside the wasm)" "$embed_raw" "$embed_gz"
(cd e2e && node bench/web.mjs "$ROOT/dist")
