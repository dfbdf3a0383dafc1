#!/usr/bin/env bash
# Installs whatever is missing (Chromium, chromedriver, Node.js, the wasm
# target, trunk, wasm-bindgen-cli, the e2e driver) and runs every test:
#   1. formatting and lints;
#   2. native unit, property, snapshot and CLI tests (cargo test);
#   3. wasm-bindgen-test component and determinism tests in headless Chromium;
#   4. the release build (trunk build --release);
#   5. end-to-end tests driving the built site in headless Chromium.
# Needs no ../shared data.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
ensure_e2e_deps
cd "$ROOT"

log "1/5 rustfmt and clippy"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p hamish-web --target wasm32-unknown-unknown --quiet -- -D warnings

log "2/5 native tests"
cargo test --workspace --quiet

log "3/5 wasm tests in headless Chromium"
scripts/wasm-test.sh

log "4/5 release build"
build_dist

log "5/5 end-to-end tests in headless Chromium"
(cd e2e && HAMISH_DIST="$ROOT/dist" npm test)

log "all tests passed"
