//! Runs the analyser on JSON Lines (`{"id","text"}` per line, stdin) and
//! prints the temporal annotations (`{"id","spans":[{"start","end","type",
//! "value"}]}`, offsets in code points). A stand-in for `hamish annotate
//! --input jsonl` used by `bench/temporal/run.sh` when the CLI lacks it.
//!
//! `cargo run --release -p hamish-core --example temporal_jsonl -- 2025-05-17 < in.jsonl`

use std::io::{self, BufRead, Write};

use hamish_core::offsets::OffsetMap;
use hamish_core::{analyze, CivilDate, Options};

fn main() {
    let reference: Option<CivilDate> = std::env::args().nth(1).map(|s| match s.parse() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("temporal_jsonl: bad reference date: {e}");
            std::process::exit(2);
        }
    });
    let options = Options {
        reference_date: reference,
        ..Options::default()
    };
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.expect("stdin is readable");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("temporal_jsonl: line {}: {e}", n + 1);
                std::process::exit(2);
            }
        };
        let text = v["text"].as_str().unwrap_or_default();
        let map = OffsetMap::new(text);
        let spans: Vec<serde_json::Value> = analyze(text, &options)
            .annotations
            .iter()
            .filter(|a| a.kind.is_temporal())
            .map(|a| {
                serde_json::json!({
                    "start": map.byte_to_char(a.start),
                    "end": map.byte_to_char(a.end),
                    "type": a.kind.code(),
                    "value": a.value,
                    "text": &text[a.range()],
                })
            })
            .collect();
        let rec = serde_json::json!({"id": v["id"], "spans": spans});
        writeln!(out, "{rec}").expect("stdout is writable");
    }
}
