//! libFuzzer target: `hamish_core::lexicon::Lexicon::from_image` never
//! panics on arbitrary bytes, and whatever it accepts works and re-encodes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hamish_fuzz::harness::check_lexicon_image(data);
});
