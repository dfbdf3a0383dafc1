//! `hamish train`: trains a tagger model on token-per-line corpora.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args as ClapArgs;
use hamish_core::lexicon::Lexicon;
use hamish_core::tagger::{self, Corpus, TrainConfig, Trainer};
use hamish_core::{EntityType, Lang};

use crate::input::{decode_utf8, display_name, read_bytes, InputError};

/// Arguments of `hamish train`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Language of the data: ar or en.
    #[arg(long, default_value = "ar")]
    pub lang: String,
    /// Training files: `token TAG` per line, blank line between sentences.
    #[arg(long, required = true, num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed for the shuffling (training is deterministic given the seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Passes over the data.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    pub epochs: usize,
    /// Features kept after pruning (bounds the model size).
    /// Default 100000 for Arabic, 140000 for English.
    #[arg(long)]
    pub max_features: Option<usize>,
    /// Skip the calibration (halves training time; confidences are then
    /// uncalibrated marginals).
    #[arg(long)]
    pub no_calibrate: bool,
    /// Sentences per document for corpora without -DOCSTART- lines.
    #[arg(long, default_value_t = tagger::DOC_BLOCK)]
    pub doc_sentences: usize,
    /// Drop features seen fewer times than this in the training data.
    #[arg(long, default_value_t = TrainConfig::default().min_count)]
    pub min_count: u32,
    /// Train a second, stacked stage that sees the first stage's tags of
    /// the token, its neighbours and the other mentions of the same word in
    /// the document (about +0.9 F1 on the ANERcorp dev split, ~35% slower,
    /// larger model).
    #[arg(long)]
    pub stacked: bool,
    /// How the weights are learned: `crf` (linear-chain CRF, softmax-margin
    /// SGD; the default) or `perceptron` (averaged structured perceptron).
    #[arg(long, default_value = "crf")]
    pub trainer: String,
    /// Cost of a wrong tag in training (0: none): softmax-margin cost for the
    /// CRF (default 1.5 for Arabic, 3 for English), margin of the
    /// cost-augmented perceptron (default 20 for Arabic, 5 for English).
    #[arg(long)]
    pub cost: Option<f32>,
    /// L2 regularisation of the CRF (CRFsuite's c2; default 1 for Arabic,
    /// 3 for English).
    #[arg(long)]
    pub l2: Option<f32>,
    /// Cost multiplier for missing a name (recall-oriented training).
    #[arg(long, default_value_t = TrainConfig::default().recall_bias)]
    pub recall_bias: f32,
    /// Drop broken lines (a token without a tag) with a warning instead of
    /// failing.
    #[arg(long)]
    pub skip_broken: bool,
    /// Read every O as "no name" even in a file that tags fewer name types
    /// than the others. By default such a file's O tokens may be names of
    /// the types it does not tag (partial labels), so a corpus without
    /// MISC does not teach the model that MISC names are not names.
    #[arg(long)]
    pub complete_labels: bool,
}

/// Partial labels: a file that tags some name types but not all those
/// tagged in the training data does not annotate the missing ones; its
/// documents say so (`Document::unannotated`), and training lets their O
/// tokens be names of those types.
fn mark_partial(corpora: &mut [(String, Corpus, Vec<tagger::Document>)]) {
    let types: Vec<Vec<EntityType>> = corpora.iter().map(|c| c.1.annotated_types()).collect();
    let mut all: Vec<EntityType> = types.iter().flatten().copied().collect();
    all.sort();
    all.dedup();
    for ((name, _, docs), own) in corpora.iter_mut().zip(&types) {
        if own.is_empty() {
            continue;
        }
        let missing: Vec<EntityType> = all.iter().copied().filter(|k| !own.contains(k)).collect();
        if missing.is_empty() {
            continue;
        }
        let codes: Vec<&str> = missing.iter().map(|k| k.code()).collect();
        eprintln!(
            "hamish: {name} tags no {}: its O tokens may be such names (partial labels; \
             --complete-labels to read them as O)",
            codes.join("/")
        );
        for d in docs.iter_mut() {
            d.unannotated = missing.clone();
        }
    }
}

/// Reads corpus files into documents, printing tolerated problems.
pub fn read_corpora(
    paths: &[PathBuf],
    skip_broken: bool,
    doc_sentences: usize,
) -> Result<Vec<(String, Corpus, Vec<tagger::Document>)>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        let name = display_name(Some(p));
        let text = decode_utf8(read_bytes(Some(p))?, &name)?;
        let parsed = if skip_broken {
            Ok(Corpus::parse_skipping_broken(&text))
        } else {
            Corpus::parse(&text, true)
        };
        let corpus = parsed.map_err(|e| {
            let lines: Vec<String> = e
                .to_string()
                .lines()
                .map(|l| format!("{name}: {l}"))
                .collect();
            InputError::new(format!(
                "broken lines in training data (fix them or pass --skip-broken):\n{}",
                lines.join("\n")
            ))
        })?;
        if !corpus.warnings.is_empty() {
            eprintln!(
                "hamish: {name}: {} malformed line(s) tolerated:",
                corpus.warnings.len()
            );
            for w in corpus.warnings.iter().take(10) {
                eprintln!("  {name}:{}: {}", w.line, w.message);
            }
            if corpus.warnings.len() > 10 {
                eprintln!("  … and {} more", corpus.warnings.len() - 10);
            }
        }
        let docs = corpus.documents(doc_sentences);
        out.push((name, corpus, docs));
    }
    Ok(out)
}

/// Runs `hamish train`.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let lang: Lang = args.lang.parse()?;
    if lang == Lang::Auto {
        return Err("--lang must be ar or en".into());
    }
    let mut corpora = read_corpora(&args.data, args.skip_broken, args.doc_sentences)?;
    if !args.complete_labels {
        mark_partial(&mut corpora);
    }
    let docs: Vec<tagger::Document> = corpora.into_iter().flat_map(|c| c.2).collect();
    if docs.is_empty() {
        return Err("the training data has no sentences".into());
    }
    let trainer = match args.trainer.as_str() {
        "crf" => Trainer::Crf,
        "perceptron" => Trainer::Perceptron,
        other => return Err(format!("--trainer must be crf or perceptron, not {other:?}").into()),
    };
    let defaults = TrainConfig::for_trainer(lang, trainer);
    let l2 = args.l2.unwrap_or(defaults.l2);
    if !(l2.is_finite() && l2 >= 0.0) {
        return Err(format!("--l2 must be a number >= 0, not {l2}").into());
    }
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        max_features: args.max_features.unwrap_or(defaults.max_features),
        calibrate: !args.no_calibrate,
        min_count: args.min_count,
        stacked: args.stacked,
        cost: args.cost.unwrap_or(defaults.cost),
        recall_bias: args.recall_bias,
        l2,
        ..defaults
    };
    let (model, report) = tagger::train(&docs, &cfg, Lexicon::bundled(), &mut |l| {
        eprintln!("hamish: {l}")
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    eprintln!(
        "hamish: wrote {} ({} bytes, {} of {} features, {} name forms, temperature {:.3}, bias {:.2})",
        args.out.display(),
        bytes.len(),
        report.features_kept,
        report.features_seen,
        report.names,
        report.temperature,
        report.calib_bias
    );
    Ok(ExitCode::SUCCESS)
}
