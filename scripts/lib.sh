# Shared set-up steps for scripts/serve.sh and scripts/test.sh.
# Every step checks first and installs only what is missing or of the wrong
# version, so repeat runs are fast. Works on a fresh Debian machine that has
# only rustup/cargo (plus apt-get for Chromium and Node.js).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION_REQ="0.21"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1;34m[hamish]\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen version pinned in Cargo.lock (wasm-bindgen-cli must match).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "trunk ${TRUNK_VERSION_REQ}\."; then
    log "installing trunk ~${TRUNK_VERSION_REQ} (a few minutes, once)"
    cargo install --locked trunk --version "~${TRUNK_VERSION_REQ}"
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " ${want}\b" ||
     ! command -v wasm-bindgen-test-runner >/dev/null; then
    log "installing wasm-bindgen-cli ${want} (a few minutes, once)"
    # --locked first; the registry mirror may lack a locked transitive
    # version, in which case cargo resolves the newest compatible ones.
    cargo install wasm-bindgen-cli --version "=${want}" --locked --force ||
      cargo install wasm-bindgen-cli --version "=${want}" --force
  fi
}

apt_install() {
  local SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "installing Debian packages: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
}

ensure_e2e_deps() {
  ensure_node
  if [ ! -d "$ROOT/e2e/node_modules/playwright-core" ] ||
     ! cmp -s "$ROOT/e2e/package-lock.json" "$ROOT/e2e/node_modules/.package-lock.json.copy" 2>/dev/null; then
    log "installing the end-to-end test driver (playwright-core, no browser download)"
    (cd "$ROOT/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/e2e/package-lock.json" "$ROOT/e2e/node_modules/.package-lock.json.copy"
  fi
}

# Builds the release site into dist/.
# Trunk runs cargo offline (Trunk.toml), so dependencies are fetched first.
build_dist() {
  log "building the release site (trunk build --release)"
  (cd "$ROOT" && cargo fetch --locked --quiet && trunk build --release)
}
