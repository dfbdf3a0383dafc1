//! `hamish` — the command-line interface to the Hamish analysis core.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod annotate;
mod eval;
mod input;
mod tag;
mod train;

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
    /// Train a name-tagger model on token-per-line corpora.
    Train(train::Args),
    /// Score a tagger (or given predictions) against a gold corpus.
    Eval(eval::Args),
    /// Tag a token-per-line file (CoNLL) with the name tagger.
    Tag(tag::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(args) => annotate::run(args).map_err(Into::into),
        Command::Train(args) => train::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Tag(args) => tag::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hamish: error: {e}");
            ExitCode::FAILURE
        }
    }
}
