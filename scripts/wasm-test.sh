#!/usr/bin/env bash
# Runs the wasm-bindgen-test suites (tests/*.rs of the root package) in
# headless Debian Chromium through chromedriver, with a fresh profile.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Extra WebDriver capabilities for wasm-bindgen-test-runner.
cat > "$work/webdriver.json" <<JSON
{ "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": [
  "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--user-data-dir=$work/profile" ] } }
JSON
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$work/webdriver.json"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=180
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test -p hamish-web --target wasm32-unknown-unknown --tests "$@"
