//! libFuzzer target: records derived from the input survive export →
//! import in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hamish_fuzz::harness::check_roundtrip(data);
});
