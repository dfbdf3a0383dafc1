//! Reads `{"id","text"}` JSON Lines on stdin, prints `{"id","spans":[{start,
//! end (code points), value}]}` found by the `duckling` crate (Arabic, Time
//! and Duration dimensions), reference date argv[1] (YYYY-MM-DD), and the
//! processing time (excluding I/O) on stderr.

use std::io::{self, BufRead, Write};
use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use duckling::{parse, Context, DimensionKind, DimensionValue, Grain, Lang, Locale, Options, TimePoint, TimeValue};

fn grain_value(p: &TimePoint) -> String {
    let (dt, grain) = match p {
        TimePoint::Naive { value, grain } => (*value, *grain),
        TimePoint::Instant { value, grain } => (value.naive_local(), *grain),
    };
    match grain {
        Grain::Year => dt.format("%Y").to_string(),
        Grain::Quarter | Grain::Month => dt.format("%Y-%m").to_string(),
        Grain::Week => dt.format("%G-W%V").to_string(),
        Grain::Day => dt.format("%Y-%m-%d").to_string(),
        _ => dt.format("%Y-%m-%dT%H:%M").to_string(),
    }
}

fn main() {
    let day: NaiveDate = std::env::args().nth(1).expect("reference date").parse().expect("YYYY-MM-DD");
    let now = FixedOffset::east_opt(3 * 3600)
        .unwrap()
        .from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
        .unwrap();
    let locale = Locale::new(Lang::AR, None);
    let context = Context::new(now, locale.clone());
    let options = Options::default();
    let mut out = io::BufWriter::new(io::stdout());
    let mut busy = 0.0f64;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = v["text"].as_str().unwrap_or_default();
        let t0 = Instant::now();
        let ents = parse(text, &locale, &[DimensionKind::Time, DimensionKind::Duration], &context, &options);
        busy += t0.elapsed().as_secs_f64();
        let spans: Vec<serde_json::Value> = ents
            .iter()
            .filter(|e| e.latent != Some(true))
            .map(|e| {
                let value = match &e.value {
                    DimensionValue::Time(TimeValue::Single { value, .. }) => Some(grain_value(value)),
                    _ => None,
                };
                serde_json::json!({
                    "start": text[..e.start].chars().count(),
                    "end": text[..e.end].chars().count(),
                    "value": value,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": v["id"], "spans": spans})).unwrap();
    }
    eprintln!("busy_seconds {busy:.6}");
}
