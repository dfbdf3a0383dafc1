#!/usr/bin/env bash
# Installs whatever is missing (wasm target, trunk, wasm-bindgen-cli) and
# serves the demo on http://127.0.0.1:8080.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
cd "$ROOT"
cargo fetch --locked --quiet
log "serving the demo on http://127.0.0.1:8080"
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
