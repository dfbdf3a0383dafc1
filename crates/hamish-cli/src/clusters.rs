//! `hamish clusters`: learns word classes (a tagger feature) from the text
//! of token-per-line corpora; tags, if any, are ignored.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args as ClapArgs;
use hamish_core::lexicon::Lexicon;
use hamish_core::tagger::{self, clusters};

use crate::train::read_corpora;

/// Arguments of `hamish clusters`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Text files: one token per line (a tag column is ignored), blank line
    /// between sentences.
    #[arg(long, required = true, num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// Where to write the class file (`class<TAB>word word …`).
    #[arg(long)]
    pub out: PathBuf,
    /// Number of classes.
    #[arg(long, default_value_t = clusters::ClusterConfig::default().classes)]
    pub classes: usize,
    /// Words seen fewer times than this are left out.
    #[arg(long, default_value_t = clusters::ClusterConfig::default().min_count)]
    pub min_count: u32,
    /// Passes of the exchange algorithm.
    #[arg(long, default_value_t = clusters::ClusterConfig::default().passes)]
    pub passes: usize,
    /// A line for the file's header (repeatable): where the text came from,
    /// its license, the command that made the file.
    #[arg(long)]
    pub header: Vec<String>,
}

/// Runs `hamish clusters`.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let corpora = read_corpora(&args.data, true, tagger::DOC_BLOCK)?;
    let lex = Lexicon::bundled();
    let docs: Vec<tagger::Prepared> = corpora
        .iter()
        .flat_map(|c| c.2.iter())
        .map(|d| tagger::prepare(d, lex))
        .collect();
    if docs.is_empty() {
        return Err("the data has no sentences".into());
    }
    let cfg = clusters::ClusterConfig {
        classes: args.classes,
        min_count: args.min_count,
        passes: args.passes,
    };
    let learned = clusters::learn(&docs, &cfg);
    let tsv = clusters::to_tsv(&learned, &args.header);
    std::fs::write(&args.out, &tsv)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    let words: usize = learned.classes.values().map(Vec::len).sum();
    eprintln!(
        "hamish: wrote {} ({} bytes, {} words in {} classes from {} tokens; moves per pass {:?})",
        args.out.display(),
        tsv.len(),
        words,
        learned.classes.len(),
        learned.tokens,
        learned.moves
    );
    Ok(ExitCode::SUCCESS)
}
