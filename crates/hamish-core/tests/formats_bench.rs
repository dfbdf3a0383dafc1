//! Benchmark (not a test): export and import times of every format on the
//! seed article and on 100× it, with the text unchanged and with a word
//! inserted at the start (every annotation re-anchored by quote search).
//!
//! Run it with
//!
//! ```sh
//! cargo test --release -p hamish-core --test formats_bench -- --ignored --nocapture
//! ```

mod formats_common;

use std::time::Instant;

use formats_common::*;
use hamish_core::formats::{export, import, Format, Record};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[runs / 2]
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn formats_bench() {
    let one = seed_records();
    println!(
        "| text | annotations | format | export ms | import ms (same text) | import ms (edited, all re-anchored) | file KB |"
    );
    println!("|---|---|---|---|---|---|---|");
    for copies in [1usize, 100] {
        let text = SEED.repeat(copies);
        let mut records: Vec<Record> = Vec::new();
        for k in 0..copies {
            records.extend(one.iter().map(|r| {
                let mut r = r.clone();
                r.start += k * SEED.len();
                r.end += k * SEED.len();
                r
            }));
        }
        let edited = format!("تحديث: {text}");
        let runs = if copies == 1 { 21 } else { 5 };
        for f in Format::ALL {
            let file = export(f, &text, &records).unwrap();
            let e = median_ms(runs, || {
                export(f, &text, &records).unwrap();
            });
            let same = median_ms(runs, || {
                assert_eq!(import(f, &file, &text).unwrap().placed.len(), records.len());
            });
            let moved = if f == Format::Conll {
                "n/a (no offsets)".to_owned()
            } else {
                format!(
                    "{:.1}",
                    median_ms(runs, || {
                        let r = import(f, &file, &edited).unwrap();
                        assert_eq!(r.relocated.len(), records.len());
                    })
                )
            };
            println!(
                "| seed ×{copies} ({} KB) | {} | {} | {e:.1} | {same:.1} | {moved} | {} |",
                text.len() / 1024,
                records.len(),
                f.code(),
                file.len() / 1024
            );
        }
    }
}
