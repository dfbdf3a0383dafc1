//! `hamish` — the command-line interface to the Hamish analysis core.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod annotate;
mod input;

/// Hamish: find and normalise people, organisations, places and dates in
/// Arabic and English text.
#[derive(Parser)]
#[command(name = "hamish", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate a text (or a JSON Lines batch) and print the annotations.
    Annotate(annotate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(args) => annotate::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hamish: error: {e}");
            ExitCode::FAILURE
        }
    }
}
