#!/usr/bin/env bash
# WebAssembly size cost of the Hijri conversion (ICU4X icu_calendar, Umm
# al-Qura) and of the whole core, measured with throwaway cdylibs outside the
# repository (release, opt-level s, LTO, panic=abort — the widget's profile).
#
#   bash bench/temporal/wasm-size.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/hamish-wasm-size}
ICU=$(grep -E '^icu_calendar' "$ROOT/crates/hamish-core/Cargo.toml")
mkdir -p "$WORK/src"
cat > "$WORK/Cargo.toml" <<TOML
[package]
name = "wasm-size"
version = "0.0.0"
edition = "2021"
[workspace]
[lib]
crate-type = ["cdylib"]
[features]
icu = ["dep:icu_calendar"]
core = ["dep:hamish-core"]
[dependencies]
${ICU%\}*}, optional = true }
hamish-core = { path = "$ROOT/crates/hamish-core", optional = true }
[profile.release]
opt-level = "s"
lto = true
codegen-units = 1
panic = "abort"
TOML
cat > "$WORK/src/lib.rs" <<'RS'
#[no_mangle]
pub extern "C" fn probe(y: i32, m: u8, d: u8) -> i32 {
    #[cfg(feature = "icu")]
    {
        use icu_calendar::cal::{Hijri, Iso};
        if let Ok(h) = icu_calendar::Date::try_new_hijri_with_calendar(y, m, d, Hijri::new_umm_al_qura()) {
            let g = h.to_calendar(Iso);
            return g.year().extended_year() * 10000 + i32::from(g.month().ordinal) * 100 + i32::from(g.day_of_month().0);
        }
        -1
    }
    #[cfg(feature = "core")]
    {
        let text = format!("{y} {m} {d} أمس الجمعة في 18 ذو القعدة 1446 هـ");
        let o = hamish_core::Options { reference_date: "2025-05-17".parse().ok(), ..Default::default() };
        let a = hamish_core::analyze(&text, &o);
        return a.annotations.len() as i32
            + hamish_core::temporal::describe_value("2025-05-16", hamish_core::Lang::Ar).map_or(0, |s| s.len() as i32);
    }
    #[cfg(not(any(feature = "icu", feature = "core")))]
    {
        y + i32::from(m) + i32::from(d)
    }
}
RS
export CARGO_TARGET_DIR="$WORK/target"
for f in base icu core; do
  if [ "$f" = base ]; then feat=(); else feat=(--features "$f"); fi
  (cd "$WORK" && cargo build -q --release --target wasm32-unknown-unknown "${feat[@]}")
  w="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/wasm_size.wasm"
  printf '%-5s %9d bytes  %8d gzip -9\n' "$f" "$(wc -c < "$w")" "$(gzip -9c "$w" | wc -c)"
done
echo "icu = the Hijri conversion alone (its cost in the core); core = hamish-core's analyze + describe_value"
