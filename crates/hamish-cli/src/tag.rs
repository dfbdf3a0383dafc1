//! `hamish tag`: tags a token-per-line file and prints `token<TAB>TAG`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args as ClapArgs;
use hamish_core::tagger::{self, Corpus};

use crate::input::{decode_utf8, display_name, read_bytes};

/// Arguments of `hamish tag`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Input file (`-` or absent: standard input): one token per line, an
    /// optional tag column (ignored), blank line between sentences.
    pub file: Option<PathBuf>,
    /// Input/output format (only `conll`).
    #[arg(long, default_value = "conll")]
    pub format: String,
    /// Model file (default: the bundled model for --lang).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Language of the bundled model to use: ar or en.
    #[arg(long, default_value = "ar")]
    pub lang: String,
    /// Sentences per document for files without -DOCSTART- lines.
    #[arg(long, default_value_t = tagger::DOC_BLOCK)]
    pub doc_sentences: usize,
    /// Tag with the model alone (no lexicon-only spans, reader decisions or
    /// clitic trimming), as `hamish eval --model-only` scores it.
    #[arg(long)]
    pub model_only: bool,
}

/// Runs `hamish tag`.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.format != "conll" {
        return Err(format!("unknown --format {:?} (expected conll)", args.format).into());
    }
    let name = display_name(args.file.as_deref());
    let text = decode_utf8(read_bytes(args.file.as_deref())?, &name)?;
    let corpus = Corpus::parse(&text, false).map_err(|e| format!("{name}:\n{e}"))?;
    let lang = crate::eval::parse_lang(&args.lang)?;
    let analyzer = crate::eval::analyzer_for(lang, args.model.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for doc in corpus.documents(args.doc_sentences) {
        let pred = if args.model_only {
            let model = analyzer.model(lang).map_err(|e| e.to_string())?;
            tagger::tag_document(model, hamish_core::lexicon::Lexicon::bundled(), &doc)
        } else {
            analyzer.tag_corpus_document(&doc, lang)
        };
        for (s, p) in doc.sentences.iter().zip(&pred) {
            for (t, tag) in s.tokens.iter().zip(p) {
                writeln!(out, "{t}\t{}", tag.name())?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
