//! libFuzzer target: `hamish_core::formats::import(Format::Brat, …)` never
//! panics, and whatever it accepts satisfies the span invariants.
#![no_main]

use hamish_core::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hamish_fuzz::harness::check_import(Format::Brat, data);
});
