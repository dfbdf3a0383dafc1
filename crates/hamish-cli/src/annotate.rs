//! `hamish annotate`: print the annotations of a text or of a JSONL batch.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use hamish_core::json::{self, AnnotationRecord};
use hamish_core::offsets::OffsetMap;
use hamish_core::{Analysis, Analyzer, CivilDate, Lang, Options};
use serde::{Deserialize, Serialize};

use crate::input::{decode_utf8, display_name, read_bytes, InputError};

/// Output format.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// `{"annotations":[…]}`, offsets in code points, end exclusive.
    Json,
    /// One line per annotation, for reading.
    Text,
}

/// Input format.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputKind {
    /// The whole input is one text.
    Text,
    /// One JSON object per line: `{"id","text","lang"?,"reference_date"?}`.
    Jsonl,
}

/// Arguments of `hamish annotate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
    /// Language of the text: ar, en or auto (detected per paragraph).
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    lang: Lang,
    /// Reference date for relative expressions (YYYY-MM-DD); default today.
    #[arg(long, value_parser = parse_date)]
    date: Option<CivilDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Input format.
    #[arg(long, value_enum, default_value = "text")]
    input: InputKind,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: hamish_core::analysis::ParseNameError| e.to_string())
}

fn parse_date(s: &str) -> Result<CivilDate, String> {
    s.parse()
        .map_err(|e: hamish_core::date::DateError| e.to_string())
}

/// Today's date (UTC) from the system clock.
pub fn today() -> CivilDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    CivilDate::from_days(secs.div_euclid(86_400))
        .unwrap_or_else(|| CivilDate::new(1970, 1, 1).expect("1970-01-01 exists"))
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode, InputError> {
    let name = display_name(args.file.as_deref());
    let text = decode_utf8(read_bytes(args.file.as_deref())?, &name)?;
    let options = Options {
        lang: args.lang,
        reference_date: Some(args.date.unwrap_or_else(today)),
    };
    let analyzer = Analyzer::bundled();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| InputError::new(format!("cannot write output: {e}"));
    match args.input {
        InputKind::Text => {
            let analysis = analyzer.analyze(&text, &options);
            for w in &analysis.warnings {
                eprintln!("hamish: warning: {w}");
            }
            match args.format {
                Format::Json => writeln!(out, "{}", json::to_json_string(&text, &analysis)),
                Format::Text => write_text(&mut out, &text, &analysis),
            }
            .map_err(io)?;
            out.flush().map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        InputKind::Jsonl => {
            if args.format != Format::Json {
                return Err(InputError::new(
                    "--input jsonl writes JSON Lines; --format text is not available with it",
                ));
            }
            let mut failures = 0usize;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match annotate_line(analyzer, line, &options) {
                    Ok(s) => writeln!(out, "{s}").map_err(io)?,
                    Err(e) => {
                        failures += 1;
                        eprintln!("hamish: {name}: line {}: {e}", i + 1);
                    }
                }
            }
            out.flush().map_err(io)?;
            if failures > 0 {
                eprintln!("hamish: {failures} line(s) of {name} could not be annotated");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchIn {
    id: serde_json::Value,
    text: String,
    lang: Option<String>,
    reference_date: Option<String>,
}

#[derive(Serialize)]
struct BatchOut<'a> {
    id: &'a serde_json::Value,
    annotations: Vec<AnnotationRecord>,
}

fn annotate_line(analyzer: &Analyzer, line: &str, defaults: &Options) -> Result<String, String> {
    let item: BatchIn = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    if !(item.id.is_string() || item.id.is_number()) {
        return Err("\"id\" must be a string or a number".into());
    }
    let mut options = defaults.clone();
    if let Some(l) = &item.lang {
        options.lang = parse_lang(l)?;
    }
    if let Some(d) = &item.reference_date {
        options.reference_date = Some(parse_date(d).map_err(|e| format!("reference_date: {e}"))?);
    }
    let analysis = analyzer.analyze(&item.text, &options);
    let doc = json::document(&item.text, &analysis);
    serde_json::to_string(&BatchOut {
        id: &item.id,
        annotations: doc.annotations,
    })
    .map_err(|e| e.to_string())
}

fn write_text(out: &mut impl Write, text: &str, analysis: &Analysis) -> std::io::Result<()> {
    let map = OffsetMap::new(text);
    for a in &analysis.annotations {
        let r = json::record(text, &map, a);
        write!(
            out,
            "{}\t{}\t{}\t{}",
            r.start,
            r.end,
            r.kind,
            r.text.replace('\n', " ")
        )?;
        if let Some(v) = &r.value {
            write!(out, "\t{v}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
