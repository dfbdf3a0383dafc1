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
    /// Also print a reliability table of the confidences (10 buckets) and
    /// the expected calibration error.
    #[arg(long)]
    pub calibration: bool,
    /// Replay the first N sentences of the gold file as the reader's
    /// (correct, complete) corrections, then score again: before/after.
    #[arg(long, value_name = "N")]
    pub replay: Option<usize>,
    /// With --replay: replay only what a reader of the widget would fix in
    /// each sentence — add or retype or resize each gold name the analyser
    /// did not find exactly, reject each name it found that overlaps no
    /// gold name — as partial corrections, the way the widget sends them.
    #[arg(long, requires = "replay")]
    pub replay_fixes: bool,
    /// With --replay-fixes: replay only the names to add, retype or resize,
    /// never the rejections (the reader who only adds what the model
    /// missed: the most common correction, and the most one-sided lesson).
    #[arg(long, requires = "replay_fixes")]
    pub only_additions: bool,
    /// With --replay-fixes: replay only the rejections of names the
    /// analyser invented (the reader who only removes false alarms).
    #[arg(long, requires = "replay_fixes", conflicts_with = "only_additions")]
    pub only_rejections: bool,
    /// Measure speed: model load time and end-to-end tagging throughput on
    /// the gold file's text (repeated to run at least a second).
    #[arg(long)]
    pub speed: bool,
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
            Lang::En => {
                Analyzer::with_models(a.model(Lang::Ar).cloned().map_err(Clone::clone), Ok(m))
            }
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
        let mut analyzer = analyzer_for(lang, args.model.as_deref())?;
        let docs = gold.documents(args.doc_sentences);
        scores = score(&analyzer, &docs, lang, args.model_only)?;
        if args.calibration {
            print!("{}", calibration_table(&analyzer, &docs, lang));
        }
        if args.speed {
            speed(&analyzer, &docs, lang, args.model.as_deref())?;
        }
        if let Some(n) = args.replay {
            print!("before replay:\n{}", scores.table());
            let n = n.min(gold.sentences.len());
            let held_out: Vec<tagger::Document> = Corpus {
                sentences: gold.sentences[n..].to_vec(),
                ..Corpus::default()
            }
            .documents(args.doc_sentences);
            let before_held = score(&analyzer, &held_out, lang, false)?.micro().f1();
            let mut updates = 0;
            let mut corrected = 0;
            for s in &gold.sentences[..n] {
                let (text, mut spans) = correction_of(s);
                if args.replay_fixes {
                    let doc = tagger::Document {
                        sentences: vec![s.clone()],
                        unannotated: Vec::new(),
                    };
                    let shown = analyzer.tag_corpus_document(&doc, lang).remove(0);
                    let shown = correction_of(&tagger::Sentence {
                        tags: shown,
                        ..s.clone()
                    })
                    .1;
                    let rejections: Vec<tagger::ReaderSpan> = shown
                        .iter()
                        .filter(|p| !spans.iter().any(|g| g.start < p.end && p.start < g.end))
                        .map(|p| tagger::ReaderSpan {
                            kind: None,
                            ..p.clone()
                        })
                        .collect();
                    spans.retain(|g| !shown.contains(g));
                    if args.only_rejections {
                        spans.clear();
                    }
                    if !args.only_additions {
                        spans.extend(rejections);
                    }
                    if spans.is_empty() {
                        continue;
                    }
                }
                let r = analyzer.learn(
                    &text,
                    &hamish_core::Options {
                        lang,
                        reference_date: None,
                    },
                    &tagger::Correction {
                        spans,
                        complete: !args.replay_fixes,
                    },
                )?;
                updates += r.updates;
                corrected += 1;
            }
            let after = score(&analyzer, &docs, lang, false)?;
            let after_held = score(&analyzer, &held_out, lang, false)?.micro().f1();
            let reader = analyzer.reader_lexicon().clone();
            analyzer.set_reader_lexicon(tagger::ReaderLexicon::new());
            let model_only = score(&analyzer, &docs, lang, false)?.micro().f1();
            let model_only_held = score(&analyzer, &held_out, lang, false)?.micro().f1();
            println!(
                "replayed {n} sentences, {corrected} of them as corrections{} ({updates} learning \
                 steps on the model, {} reader decisions)",
                match (args.replay_fixes, args.only_additions, args.only_rejections) {
                    (true, true, _) => " of the names the analyser missed or got wrong",
                    (true, _, true) => " of the names the analyser invented",
                    (true, false, false) => " of what the analyser got wrong",
                    _ => "",
                },
                reader.len()
            );
            println!(
                "micro-F1 on all {} sentences: before {:.2}, after {:.2} (model update only, \
                 reader lexicon cleared: {:.2})",
                gold.sentences.len(),
                100.0 * scores.micro().f1(),
                100.0 * after.micro().f1(),
                100.0 * model_only
            );
            println!(
                "micro-F1 on the {} sentences not replayed: before {:.2}, after {:.2} (model \
                 update only: {:.2})",
                gold.sentences.len() - n,
                100.0 * before_held,
                100.0 * after_held,
                100.0 * model_only_held
            );
            println!("after replay:");
            scores = after;
        }
    }
    print!("{}", scores.table());
    Ok(ExitCode::SUCCESS)
}

/// Scores `docs` with the analyser (or the model alone).
fn score(
    analyzer: &Analyzer,
    docs: &[tagger::Document],
    lang: Lang,
    model_only: bool,
) -> Result<Scores, Box<dyn std::error::Error>> {
    let mut scores = Scores::default();
    for doc in docs {
        let pred = if model_only {
            let model = analyzer.model(lang).map_err(|e| e.to_string())?;
            tagger::tag_document(model, Lexicon::bundled(), doc)
        } else {
            analyzer.tag_corpus_document(doc, lang)
        };
        for (s, p) in doc.sentences.iter().zip(&pred) {
            scores.add(&s.tags, p);
        }
    }
    Ok(scores)
}

/// A gold sentence as the text a reader sees and the reader's spans.
fn correction_of(s: &tagger::Sentence) -> (String, Vec<tagger::ReaderSpan>) {
    let mut text = String::new();
    let mut spans_b = Vec::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        spans_b.push(text.len()..text.len() + t.len());
        text.push_str(t);
    }
    let spans = tagger::model::spans_of(&s.tags)
        .into_iter()
        .map(|(a, b, tag)| tagger::ReaderSpan {
            start: spans_b[a].start,
            end: spans_b[b - 1].end,
            kind: tag.kind(),
        })
        .collect();
    (text, spans)
}

/// Reliability buckets and ECE of the analyser's name confidences: each
/// name annotation is right when a gold name covers exactly its corpus
/// tokens with its type.
fn calibration_table(analyzer: &Analyzer, docs: &[tagger::Document], lang: Lang) -> String {
    let mut buckets = [(0usize, 0usize, 0f64); 10];
    for doc in docs {
        for (ann, ok) in analyzer.name_outcomes(doc, lang) {
            let b = ((ann.confidence * 10.0) as usize).min(9);
            buckets[b].0 += 1;
            buckets[b].1 += ok as usize;
            buckets[b].2 += f64::from(ann.confidence);
        }
    }
    let total: usize = buckets.iter().map(|b| b.0).sum();
    let mut out = String::from("confidence   spans  mean conf  accuracy\n");
    let mut ece = 0.0;
    for (i, (n, ok, sum)) in buckets.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let conf = sum / *n as f64;
        let acc = *ok as f64 / *n as f64;
        ece += (*n as f64 / total.max(1) as f64) * (conf - acc).abs();
        out += &format!(
            "{:.1}–{:.1}  {:>7}  {:>9.3}  {:>8.3}\n",
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0,
            n,
            conf,
            acc
        );
    }
    out += &format!(
        "expected calibration error (ECE): {:.3} over {total} name annotations\n",
        ece
    );
    out
}

/// Model load time and throughput.
fn speed(
    analyzer: &Analyzer,
    docs: &[tagger::Document],
    lang: Lang,
    model: Option<&std::path::Path>,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::time::Instant;
    let bytes = match model {
        Some(p) => read_bytes(Some(p))?,
        None => match lang {
            Lang::En => hamish_core::analyzer::BUNDLED_EN_MODEL.to_vec(),
            _ => hamish_core::analyzer::BUNDLED_AR_MODEL.to_vec(),
        },
    };
    // The machine may be shared: report the best of several runs.
    let mut load_ms = f64::INFINITY;
    for _ in 0..30 {
        let t = Instant::now();
        std::hint::black_box(Model::from_bytes(std::hint::black_box(&bytes))?);
        load_ms = load_ms.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "model: {} bytes, loads in {load_ms:.2} ms (best of 30)",
        bytes.len()
    );
    let texts: Vec<String> = docs
        .iter()
        .map(|d| tagger::prepare(d, Lexicon::bundled()).text)
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let opts = hamish_core::Options {
        lang,
        reference_date: None,
    };
    for (what, full) in [
        ("tagger (normalise + tokenise + features + decode)", false),
        ("full analysis (+ temporal rules, lexicon, policy)", true),
    ] {
        let mut best = 0f64;
        let cpu0 = thread_cpu_ns();
        let mut total = 0usize;
        for _ in 0..25 {
            let t = Instant::now();
            for text in &texts {
                if full {
                    std::hint::black_box(analyzer.analyze(text, &opts));
                } else {
                    std::hint::black_box(analyzer.find_names(text, lang)?);
                }
            }
            total += words;
            best = best.max(words as f64 / t.elapsed().as_secs_f64());
        }
        let cpu = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) if b > a => {
                format!(
                    ", {:.0} tokens per CPU-second",
                    total as f64 / ((b - a) as f64 / 1e9)
                )
            }
            _ => String::new(),
        };
        println!(
            "{what}: {best:.0} tokens/s wall-clock (best of 25 passes over {words} tokens, one \
             thread){cpu}"
        );
    }
    Ok(())
}

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`),
/// so a busy shared machine does not distort the throughput.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
