//! `hamish eval`: exact-span precision / recall / F1 (CoNLL-2003 style).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args as ClapArgs;
use hamish_core::lexicon::Lexicon;
use hamish_core::tagger::{self, Corpus, Model, Scores};
use hamish_core::{Analyzer, Lang};

use crate::input::{decode_utf8, display_name, read_bytes};

/// Arguments of `hamish eval`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Gold file: `token TAG` per line, blank line between sentences.
    #[arg(long)]
    pub gold: PathBuf,
    /// Model file (default: the bundled model for --lang).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Score these predictions (`token TAG` per line, aligned with the gold
    /// file) instead of running a model.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Language of the bundled model to use: ar or en.
    #[arg(long, default_value = "ar")]
    pub lang: String,
    /// Sentences per document for files without -DOCSTART- lines.
    #[arg(long, default_value_t = tagger::DOC_BLOCK)]
    pub doc_sentences: usize,
    /// Score the model alone (no lexicon-only spans, reader decisions or
    /// clitic trimming) instead of the analyser's full policy.
    #[arg(long)]
    pub model_only: bool,
}

pub(crate) fn load_model(path: &std::path::Path) -> Result<Model, Box<dyn std::error::Error>> {
    let bytes = read_bytes(Some(path))?;
    Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// The language option of eval/tag: ar or en.
pub(crate) fn parse_lang(s: &str) -> Result<Lang, Box<dyn std::error::Error>> {
    match s.parse::<Lang>()? {
        Lang::Auto => Err("--lang must be ar or en".into()),
        l => Ok(l),
    }
}

/// The analyser with `model` (if given) for `lang` and the bundled model
/// for the other language. A bundled model that fails to load is an error
/// here (the CLI evaluates models; it does not silently fall back).
pub(crate) fn analyzer_for(
    lang: Lang,
    model: Option<&std::path::Path>,
) -> Result<Analyzer, Box<dyn std::error::Error>> {
    let mut a = Analyzer::new();
    if let Some(p) = model {
        let m = load_model(p)?;
        a = match lang {
            Lang::En => Analyzer::with_models(a.model(Lang::Ar).cloned().map_err(Clone::clone), Ok(m)),
            _ => Analyzer::with_models(Ok(m), a.model(Lang::En).cloned().map_err(Clone::clone)),
        };
    }
    if let Err(e) = a.model(lang) {
        return Err(format!("the bundled {} model: {e}", lang.code()).into());
    }
    Ok(a)
}

/// Runs `hamish eval`.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let gname = display_name(Some(&args.gold));
    let gold = Corpus::parse(&decode_utf8(read_bytes(Some(&args.gold))?, &gname)?, true)
        .map_err(|e| format!("{gname}:\n{e}"))?;
    let mut scores = Scores::default();
    if let Some(pred) = &args.pred {
        let pname = display_name(Some(pred));
        let p = Corpus::parse(&decode_utf8(read_bytes(Some(pred))?, &pname)?, true)
            .map_err(|e| format!("{pname}:\n{e}"))?;
        if p.sentences.len() != gold.sentences.len() {
            return Err(format!(
                "{pname} has {} sentences, {gname} has {}",
                p.sentences.len(),
                gold.sentences.len()
            )
            .into());
        }
        for (g, q) in gold.sentences.iter().zip(&p.sentences) {
            if g.tokens.len() != q.tokens.len() {
                return Err(format!(
                    "sentence at {gname}:{} has {} tokens, at {pname}:{} {}",
                    g.line,
                    g.tokens.len(),
                    q.line,
                    q.tokens.len()
                )
                .into());
            }
            scores.add(&g.tags, &q.tags);
        }
    } else {
        let lang = parse_lang(&args.lang)?;
        let analyzer = analyzer_for(lang, args.model.as_deref())?;
        let model = analyzer.model(lang).map_err(|e| e.to_string())?;
        for doc in gold.documents(args.doc_sentences) {
            let pred = if args.model_only {
                tagger::tag_document(model, Lexicon::bundled(), &doc)
            } else {
                analyzer.tag_corpus_document(&doc, lang)
            };
            for (s, p) in doc.sentences.iter().zip(&pred) {
                scores.add(&s.tags, p);
            }
        }
    }
    print!("{}", scores.table());
    Ok(ExitCode::SUCCESS)
}
