//! Writes the bundled lexicon's compiled image, `data/lexicon.bin`, from
//! its sources `data/*.tsv` (see `Lexicon::to_image`).
//!
//! Run after changing any lexicon source file:
//!
//! ```text
//! cargo run -p hamish-core --example lexicon_image
//! ```
//!
//! The test `lexicon::tests::bundled_image_is_up_to_date` fails until the
//! image matches the sources.

use hamish_core::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let image = Lexicon::build_bundled()?.to_image();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon.bin");
    std::fs::write(path, &image)?;
    println!("wrote {path} ({} bytes)", image.len());
    Ok(())
}
