#!/usr/bin/env bash
# Regenerates crates/hamish-core/data/{places,person-names,common-words}.tsv, then the
# compiled image data/lexicon.bin that the library loads (also after editing curated.tsv:
# `cargo run -p hamish-core --example lexicon_image`).
# Needs: python3, npm and pip reaching the package registries.
# The virtualenv lives outside the repository (default ../venvs/lexgen next to it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${LEXGEN_VENV:-$(cd "$ROOT/.." && pwd)/venvs/lexgen}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q "msgpack==1.1.0"
"$VENV/bin/python" "$HERE/gen_lexicon.py" "$@"
cd "$ROOT" && cargo run -q --release -p hamish-core --example lexicon_image
