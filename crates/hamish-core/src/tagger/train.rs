//! Training: a linear-chain CRF (softmax-margin SGD, the default) or an
//! averaged structured perceptron over Viterbi decoding, deterministic
//! given the seed.
//!
//! 1. Documents are tokenised and normalised like any text the analyser
//!    sees; the corpus tags are projected onto the tokens.
//! 2. The name list feature is computed with a *jackknife*: the features of
//!    documents in fold *k* see a name list built from the other folds, so
//!    the model learns how far to trust the list on names it has not seen;
//!    the list shipped in the model is built from all the data.
//! 3. Both trainers visit the sentences in a seeded shuffled order each
//!    epoch, and both are cost-augmented: in training every wrong tag gets
//!    a bonus of `cost`, a missed name `cost × recall_bias` (the
//!    recall-oriented learning of Mohit et al. 2012). The CRF
//!    ([`Trainer::Crf`]) follows the gradient of that softmax-margin
//!    log-likelihood (forward–backward marginals) with L2 regularisation.
//!    With partial labels (a document whose corpus does not annotate some
//!    types, [`Document::unannotated`]) its `O` tokens may be names of those
//!    types: the CRF then maximises the probability of all the paths the
//!    labels accept (constrained forward–backward), so a corpus without
//!    MISC does not teach that MISC names are not names (the perceptron
//!    reads them as `O`);
//!    the perceptron ([`Trainer::Perceptron`]) updates on the
//!    cost-augmented Viterbi path and averages its weights over all steps
//!    (lazy-update trick).
//! 4. Optionally (`--stacked`) a second, stacked stage is trained on the
//!    features plus the first stage's tags; its training features use
//!    first-stage tags from 5-fold jackknifed models, so it learns how far
//!    to trust them (document-level consistency: the same word tagged
//!    elsewhere in the document).
//! 5. Features are pruned to the strongest `max_features` (by largest
//!    absolute averaged weight) and quantised.
//! 6. Calibration: a model trained on the first 90% of the documents is
//!    decoded on the last 10%; the temperature of the forward–backward
//!    marginals and a logit bias are fitted there by grid search (lowest
//!    log-loss of "this span is exactly right"). Then the analyser runs
//!    with that model over the same documents, and a shift of the bias is
//!    fitted to its name annotations (the evidence policy makes spans more
//!    accurate than the model's marginals say). The model is retrained
//!    on everything and given that calibration.

use std::collections::BTreeMap;

use super::conll::Document;
use super::features::Features;
use super::hash::{fnv, SplitMix64};
use super::labels::{Tag, NUM_TAGS};
use super::model::{spans_of, viterbi, ForwardBackward, Model, Stage, WeightTable, TRANS_ROWS};
use super::names::NameList;
use super::{prepare, Prepared};
use crate::analysis::Lang;
use crate::lexicon::Lexicon;

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// The language of the data.
    pub lang: Lang,
    /// Passes over the data.
    pub epochs: usize,
    /// Seed for the shuffling.
    pub seed: u64,
    /// Features kept after pruning.
    pub max_features: usize,
    /// Bits per stored weight (8).
    pub bits: u8,
    /// Folds for the name-list jackknife.
    pub folds: usize,
    /// Fit the calibration on a held-out 10% (doubles training time).
    pub calibrate: bool,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Train a second, stacked stage (document-level consistency).
    pub stacked: bool,
    /// How the weights are learned.
    pub trainer: Trainer,
    /// Cost of a wrong tag in cost-augmented training (0: none): a margin
    /// in perceptron-update units for the perceptron, in log-odds for the
    /// CRF (softmax-margin).
    pub cost: f32,
    /// Cost multiplier for missing a name (tagging O where gold has one).
    pub recall_bias: f32,
    /// L2 regularisation of the CRF (the `c2` of CRFsuite: the objective is
    /// the log-likelihood minus `l2 · ‖w‖²`).
    pub l2: f32,
}

/// How the weights are learned from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trainer {
    /// Linear-chain CRF: stochastic gradient ascent on the softmax-margin
    /// log-likelihood (Gimpel & Smith 2010), with L2 regularisation and a
    /// decaying step. The default: over ten folds of ANERcorp it scores
    /// 0.6 micro-F1 above the perceptron (see `bench/ner/cv.sh`).
    Crf,
    /// Averaged structured perceptron with cost-augmented decoding.
    Perceptron,
}

impl TrainConfig {
    /// The defaults for `lang` with the default trainer ([`Trainer::Crf`]).
    pub fn for_lang(lang: Lang) -> Self {
        TrainConfig::for_trainer(lang, Trainer::Crf)
    }

    /// The defaults for `lang` and `trainer`. Arabic keeps
    /// [`ARABIC_MAX_FEATURES`]. The Arabic CRF's cost is [`CRF_COST`] (over
    /// ten folds of ANERcorp, 0 to 2 score within 0.15 of each other; 1.5 is
    /// also the best on AQMAR). The English CRF is trained with
    /// [`ENGLISH_CRF_COST`] and [`ENGLISH_CRF_L2`] (over ten folds of
    /// wikigold, +0.8 micro-F1 over 1.5 and 1 with two seeds). The Arabic
    /// perceptron trains with a wider
    /// margin ([`ARABIC_PERCEPTRON_COST`], +1.4 micro-F1 over 5 on the
    /// ANERcorp development split), the English one with 5.
    pub fn for_trainer(lang: Lang, trainer: Trainer) -> Self {
        let d = TrainConfig::default();
        let cost = match (trainer, lang) {
            (Trainer::Crf, Lang::En) => ENGLISH_CRF_COST,
            (Trainer::Crf, _) => CRF_COST,
            (Trainer::Perceptron, Lang::Ar) => ARABIC_PERCEPTRON_COST,
            (Trainer::Perceptron, _) => 5.0,
        };
        let max_features = if lang == Lang::Ar {
            ARABIC_MAX_FEATURES
        } else {
            d.max_features
        };
        let l2 = if trainer == Trainer::Crf && lang == Lang::En {
            ENGLISH_CRF_L2
        } else {
            d.l2
        };
        TrainConfig {
            lang,
            trainer,
            cost,
            l2,
            max_features,
            ..d
        }
    }
}

/// The softmax-margin cost CRF models are trained with by default.
pub const CRF_COST: f32 = 1.5;

/// The softmax-margin cost English CRF models are trained with.
pub const ENGLISH_CRF_COST: f32 = 3.0;

/// The L2 regularisation English CRF models are trained with.
pub const ENGLISH_CRF_L2: f32 = 3.0;

/// The cost-augmented margin Arabic perceptron models are trained with.
pub const ARABIC_PERCEPTRON_COST: f32 = 20.0;

/// Features an Arabic model keeps by default.
pub const ARABIC_MAX_FEATURES: usize = 100_000;

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            lang: Lang::Ar,
            epochs: 12,
            seed: 1,
            max_features: 140_000,
            bits: 8,
            folds: 5,
            calibrate: true,
            min_count: 1,
            stacked: false,
            trainer: Trainer::Crf,
            cost: CRF_COST,
            recall_bias: 2.0,
            l2: 1.0,
        }
    }
}

/// What training did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainReport {
    /// Tokens (after tokenisation) trained on.
    pub tokens: usize,
    /// Sentences trained on.
    pub sentences: usize,
    /// Distinct features seen.
    pub features_seen: usize,
    /// Features kept in the model.
    pub features_kept: usize,
    /// Forms in the name list.
    pub names: usize,
    /// Calibration temperature and bias (1, 0 without calibration).
    pub temperature: f32,
    /// Calibration logit bias.
    pub calib_bias: f32,
    /// Spans the calibration was fitted on.
    pub calib_spans: usize,
    /// Training mistakes (sentences decoded wrongly) per epoch.
    pub mistakes: Vec<usize>,
}

type IdMap = super::hash::HashMap<u32, u32>;

/// Name-list counts of one prepared document.
fn count_names(p: &Prepared, gold: &[Tag], into: &mut BTreeMap<u64, ([u32; 4], u32)>) {
    let text = p.norm.as_str();
    for (i, t) in p.tokens.iter().enumerate() {
        if t.kind != crate::token::TokenKind::Word {
            continue;
        }
        let mut forms = [
            fnv(&text[t.name_norm()]),
            fnv(&text[t.stem_norm()]),
            fnv(&text[t.norm.clone()]),
        ];
        forms.sort_unstable();
        let mut last = None;
        for f in forms {
            if last == Some(f) {
                continue;
            }
            last = Some(f);
            let e = into.entry(f).or_default();
            e.1 += 1;
            if let Some(k) = gold[i].kind() {
                let ti = super::labels::TYPES
                    .iter()
                    .position(|&x| x == k)
                    .unwrap_or(0);
                e.0[ti] += 1;
            }
        }
    }
}

fn sub_counts(
    total: &BTreeMap<u64, ([u32; 4], u32)>,
    part: &BTreeMap<u64, ([u32; 4], u32)>,
) -> BTreeMap<u64, ([u32; 4], u32)> {
    let mut out = total.clone();
    for (k, (pt, n)) in part {
        if let Some(e) = out.get_mut(k) {
            for (a, b) in e.0.iter_mut().zip(pt) {
                *a -= b;
            }
            e.1 -= n;
        }
    }
    out
}

/// A document ready for the perceptron: features (as dense ids), gold
/// tags and sentence ranges.
struct Example {
    ids: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<Tag>,
    /// Partial labels: per token, the tags training accepts (bit `t` for
    /// tag `t`); empty when the document is fully annotated.
    allowed: Vec<u16>,
    sentences: Vec<std::ops::Range<usize>>,
}

/// Trains a model on `docs`. `log` receives progress lines.
pub fn train(
    docs: &[Document],
    cfg: &TrainConfig,
    lexicon: &Lexicon,
    log: &mut dyn FnMut(&str),
) -> (Model, TrainReport) {
    let mut report = TrainReport {
        temperature: 1.0,
        ..TrainReport::default()
    };
    let (mut t, mut b) = (1.0f32, 0.0f32);
    if cfg.calibrate && docs.len() >= 10 {
        let cut = docs.len() - docs.len() / 10;
        log(&format!(
            "calibration: training on {} documents, fitting on the last {}",
            cut,
            docs.len() - cut
        ));
        let (mut m, _) = fit(&docs[..cut], cfg, lexicon, &mut |_| {});
        let (tt, bb, n) = fit_calibration(&m, &docs[cut..], lexicon);
        m.temperature = tt;
        m.calib_bias = bb;
        let (shift, names) = fit_policy_shift(m, &docs[cut..], cfg.lang);
        t = tt;
        b = bb + shift;
        report.calib_spans = n;
        log(&format!(
            "calibration: temperature {t:.3}, bias {bb:.2} from {n} predicted spans, \
             {shift:+.2} for the analyser's policy from {names} names"
        ));
    }
    let (mut model, r) = fit(docs, cfg, lexicon, log);
    model.temperature = t;
    model.calib_bias = b;
    report.temperature = t;
    report.calib_bias = b;
    report.tokens = r.tokens;
    report.sentences = r.sentences;
    report.features_seen = r.features_seen;
    report.features_kept = r.features_kept;
    report.names = r.names;
    report.mistakes = r.mistakes;
    (model, report)
}

fn fit(
    docs: &[Document],
    cfg: &TrainConfig,
    lexicon: &Lexicon,
    log: &mut dyn FnMut(&str),
) -> (Model, TrainReport) {
    let mut report = TrainReport::default();
    let folds = cfg.folds.max(2);
    let prepared: Vec<(Prepared, Vec<Tag>)> = docs
        .iter()
        .map(|d| {
            let p = prepare(d, lexicon);
            let g = p.gold_tags(d);
            (p, g)
        })
        .collect();
    // Name-list jackknife.
    let mut fold_counts: Vec<BTreeMap<u64, ([u32; 4], u32)>> = vec![BTreeMap::new(); folds];
    let mut total = BTreeMap::new();
    for (di, (p, g)) in prepared.iter().enumerate() {
        count_names(p, g, &mut fold_counts[di % folds]);
        count_names(p, g, &mut total);
    }
    let fold_names: Vec<NameList> = fold_counts
        .iter()
        .map(|fc| NameList::from_counts(&sub_counts(&total, fc)))
        .collect();
    let all_names = NameList::from_counts(&total);
    report.names = all_names.len();

    // Features → dense ids.
    let mut ids: IdMap = IdMap::default();
    let mut keys: Vec<u32> = Vec::new();
    let mut examples = Vec::with_capacity(prepared.len());
    let mut stage1_feats: Vec<Features> = Vec::with_capacity(prepared.len());
    for (di, (p, g)) in prepared.iter().enumerate() {
        let f: Features = p.features(lexicon, &fold_names[di % folds]);
        stage1_feats.push(f.clone());
        let mut dense = Vec::with_capacity(f.keys.len());
        for &k in &f.keys {
            let id = *ids.entry(k).or_insert_with(|| {
                keys.push(k);
                (keys.len() - 1) as u32
            });
            dense.push(id);
        }
        report.tokens += p.tokens.len();
        report.sentences += p.sentences.len();
        examples.push(Example {
            ids: dense,
            offs: f.offs,
            allowed: allowed_tags(g, &docs[di].unannotated),
            gold: g.clone(),
            sentences: p.sentences.clone(),
        });
    }
    // Features seen fewer than `min_count` times are dropped (noise).
    if cfg.min_count > 1 {
        let mut count = vec![0u32; keys.len()];
        for ex in &examples {
            for &id in &ex.ids {
                count[id as usize] += 1;
            }
        }
        let mut remap = vec![u32::MAX; keys.len()];
        let mut kept = Vec::new();
        for (i, &c) in count.iter().enumerate() {
            if c >= cfg.min_count {
                remap[i] = kept.len() as u32;
                kept.push(keys[i]);
            }
        }
        for ex in &mut examples {
            let mut ids = Vec::with_capacity(ex.ids.len());
            let mut offs = Vec::with_capacity(ex.offs.len());
            offs.push(0u32);
            for t in 0..ex.offs.len() - 1 {
                for &id in &ex.ids[ex.offs[t] as usize..ex.offs[t + 1] as usize] {
                    let r = remap[id as usize];
                    if r != u32::MAX {
                        ids.push(r);
                    }
                }
                offs.push(ids.len() as u32);
            }
            ex.ids = ids;
            ex.offs = offs;
        }
        keys = kept;
    }
    let nf = keys.len();
    report.features_seen = nf;
    log(&format!(
        "training on {} tokens, {} sentences, {} distinct features, {} name forms",
        report.tokens, report.sentences, nf, report.names
    ));

    let nf1 = keys.len();
    let all: Vec<usize> = (0..examples.len()).collect();
    let (w1, t1) = learn(&examples, &all, nf1, cfg, &mut report.mistakes, log);
    let mut stages = vec![finish_stage(
        &w1,
        t1,
        &keys,
        cfg.max_features / if cfg.stacked { 2 } else { 1 },
        cfg.bits,
    )];
    if cfg.stacked {
        // Jackknifed first-stage tags for the second stage's features.
        let mut jack: Vec<Vec<Tag>> = vec![Vec::new(); examples.len()];
        for k in 0..folds {
            let train_idx: Vec<usize> = (0..examples.len()).filter(|d| d % folds != k).collect();
            let (wk, tk) = learn(
                &examples,
                &train_idx,
                nf1,
                cfg,
                &mut Vec::new(),
                &mut |_| {},
            );
            for d in (0..examples.len()).filter(|d| d % folds == k) {
                jack[d] = predict(&examples[d], &wk, &tk);
            }
        }
        log("stage 2: jackknifed first-stage tags ready");
        let mut ids2: IdMap = IdMap::default();
        let mut keys2: Vec<u32> = Vec::new();
        let mut ex2 = Vec::with_capacity(examples.len());
        for (d, (p, g)) in prepared.iter().enumerate() {
            let f = super::features::stack(
                &p.norm,
                &p.tokens,
                &p.sentences,
                &stage1_feats[d],
                &jack[d],
            );
            let dense = f
                .keys
                .iter()
                .map(|&k| {
                    *ids2.entry(k).or_insert_with(|| {
                        keys2.push(k);
                        (keys2.len() - 1) as u32
                    })
                })
                .collect();
            ex2.push(Example {
                ids: dense,
                offs: f.offs,
                allowed: examples[d].allowed.clone(),
                gold: g.clone(),
                sentences: p.sentences.clone(),
            });
        }
        let (w2, t2) = learn(&ex2, &all, keys2.len(), cfg, &mut Vec::new(), log);
        report.features_seen += keys2.len();
        stages.push(finish_stage(
            &w2,
            t2,
            &keys2,
            cfg.max_features / 2,
            cfg.bits,
        ));
    }
    report.features_kept = stages.iter().map(|s| s.table.len()).sum();
    let model = Model {
        lang: cfg.lang,
        stages,
        names: all_names,
        temperature: 1.0,
        calib_bias: 0.0,
        bits: cfg.bits,
        overlay: BTreeMap::new(),
        corrections: 0,
    };
    (model, report)
}

type Trans = [[f32; NUM_TAGS]; TRANS_ROWS];

fn emissions_dense(ex: &Example, r: std::ops::Range<usize>, w: &[f32], em: &mut Vec<f32>) {
    em.clear();
    em.resize(r.len() * NUM_TAGS, 0.0);
    for (k, i) in r.enumerate() {
        let row = &mut em[k * NUM_TAGS..(k + 1) * NUM_TAGS];
        for &id in &ex.ids[ex.offs[i] as usize..ex.offs[i + 1] as usize] {
            let base = id as usize * NUM_TAGS;
            for (x, y) in row.iter_mut().zip(&w[base..base + NUM_TAGS]) {
                *x += *y;
            }
        }
    }
}

/// Tags of one example under dense weights.
fn predict(ex: &Example, w: &[f32], trans: &Trans) -> Vec<Tag> {
    let mut out = vec![Tag::O; ex.gold.len()];
    let mut em = Vec::new();
    for r in &ex.sentences {
        if r.is_empty() {
            continue;
        }
        emissions_dense(ex, r.clone(), w, &mut em);
        out[r.clone()].copy_from_slice(&viterbi(trans, &em));
    }
    out
}

/// Cost augmentation (both trainers): adds `cfg.cost` to the score of every
/// wrong tag of a sentence's emissions `em`, `cfg.cost × recall_bias` for
/// tagging O where `gold` has a name.
/// The tags training accepts for each token of a document whose corpus
/// does not annotate `unannotated`: its gold tag, and for an `O` token also
/// `B-`/`I-` of those types. Empty when `unannotated` is.
fn allowed_tags(gold: &[Tag], unannotated: &[crate::analysis::EntityType]) -> Vec<u16> {
    if unannotated.is_empty() {
        return Vec::new();
    }
    let mut extra = 0u16;
    for &k in unannotated {
        if let (Some(b), Some(i)) = (Tag::begin(k), Tag::inside(k)) {
            extra |= 1 << b.index() | 1 << i.index();
        }
    }
    gold.iter()
        .map(|g| {
            if *g == Tag::O {
                1 | extra
            } else {
                1 << g.index()
            }
        })
        .collect()
}

/// Adds the training cost to the wrong tags' scores: every tag but the gold
/// one (and, with partial labels, but the accepted ones) gets `cost`, `O`
/// where a name is gold `cost × recall_bias`.
fn add_cost(em: &mut [f32], gold: &[Tag], allowed: &[u16], cfg: &TrainConfig) {
    if cfg.cost <= 0.0 {
        return;
    }
    for (k, (row, g)) in em.chunks_exact_mut(NUM_TAGS).zip(gold).enumerate() {
        let ok = allowed.get(k).copied().unwrap_or(1 << g.index());
        for (t, x) in row.iter_mut().enumerate() {
            if ok >> t & 1 == 0 {
                *x += if *g != Tag::O && t == 0 {
                    cfg.cost * cfg.recall_bias
                } else {
                    cfg.cost
                };
            }
        }
    }
}

/// Learns weights over the examples `which` with the configured trainer;
/// returns the weights (dense, `nf × NUM_TAGS`) and transitions.
fn learn(
    examples: &[Example],
    which: &[usize],
    nf: usize,
    cfg: &TrainConfig,
    mistakes_out: &mut Vec<usize>,
    log: &mut dyn FnMut(&str),
) -> (Vec<f32>, Trans) {
    match cfg.trainer {
        Trainer::Crf => crf_sgd(examples, which, nf, cfg, log),
        Trainer::Perceptron => perceptron(examples, which, nf, cfg, mistakes_out, log),
    }
}

/// Averaged structured perceptron over the examples `which`; returns the
/// averaged weights (dense, `nf × NUM_TAGS`) and transitions.
fn perceptron(
    examples: &[Example],
    which: &[usize],
    nf: usize,
    cfg: &TrainConfig,
    mistakes_out: &mut Vec<usize>,
    log: &mut dyn FnMut(&str),
) -> (Vec<f32>, Trans) {
    let mut w = vec![0f32; nf * NUM_TAGS];
    let mut u = vec![0f32; nf * NUM_TAGS];
    let mut tw = [[0f32; NUM_TAGS]; TRANS_ROWS];
    let mut tu = [[0f32; NUM_TAGS]; TRANS_ROWS];
    let mut order: Vec<(u32, u32)> = which
        .iter()
        .flat_map(|&d| (0..examples[d].sentences.len()).map(move |s| (d as u32, s as u32)))
        .collect();
    let mut rng = SplitMix64::new(cfg.seed);
    let mut c: f32 = 1.0;
    let mut em: Vec<f32> = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &(d, s) in &order {
            let ex = &examples[d as usize];
            let r = ex.sentences[s as usize].clone();
            if r.is_empty() {
                continue;
            }
            emissions_dense(ex, r.clone(), &w, &mut em);
            let gold = &ex.gold[r.clone()];
            // Cost-augmented decoding (recall-oriented, after Mohit et al.
            // 2012): wrong tags score a bonus, missing a name costs more
            // than inventing one.
            add_cost(&mut em, gold, &[], cfg);
            let pred = viterbi(&tw, &em);
            if pred != gold {
                mistakes += 1;
                for (k, i) in r.clone().enumerate() {
                    let (g, p) = (gold[k].index(), pred[k].index());
                    let gp = if k == 0 {
                        NUM_TAGS
                    } else {
                        gold[k - 1].index()
                    };
                    let pp = if k == 0 {
                        NUM_TAGS
                    } else {
                        pred[k - 1].index()
                    };
                    if g != p || gp != pp {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                    if g == p {
                        continue;
                    }
                    for &id in &ex.ids[ex.offs[i] as usize..ex.offs[i + 1] as usize] {
                        let base = id as usize * NUM_TAGS;
                        w[base + g] += 1.0;
                        u[base + g] += c;
                        w[base + p] -= 1.0;
                        u[base + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        mistakes_out.push(mistakes);
        log(&format!(
            "epoch {}/{}: {} of {} sentences decoded wrongly",
            epoch + 1,
            cfg.epochs,
            mistakes,
            order.len()
        ));
    }
    for (x, y) in w.iter_mut().zip(&u) {
        *x -= *y / c;
    }
    for (row, urow) in tw.iter_mut().zip(&tu) {
        for (x, y) in row.iter_mut().zip(urow) {
            *x -= *y / c;
        }
    }
    (w, tw)
}

/// Initial step of the CRF's stochastic gradient ascent; the step at
/// instance `t` of `n` per epoch is `CRF_ETA / (1 + t / n)`.
const CRF_ETA: f32 = 0.1;

fn log_sum_exp(xs: &[f32]) -> f32 {
    let m = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + xs.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Linear-chain CRF trained by stochastic gradient ascent on the
/// softmax-margin log-likelihood with L2 regularisation (applied lazily
/// through a global scale), over the examples `which`, visited in a seeded
/// shuffled order each epoch. Wrong tags get `cfg.cost` added to their
/// scores in training (`× recall_bias` for a missed name), so the model
/// learns a margin that grows with the cost of the mistake. Returns the
/// weights (dense, `nf × NUM_TAGS`) and transitions.
fn crf_sgd(
    examples: &[Example],
    which: &[usize],
    nf: usize,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> (Vec<f32>, Trans) {
    const T: usize = NUM_TAGS;
    let (c2, eta0, epochs) = (cfg.l2, CRF_ETA, cfg.epochs);
    let mut w = vec![0f32; nf * T];
    let mut tw = [[0f32; T]; TRANS_ROWS];
    // Which transitions BIO allows (the last row is the sentence start).
    let mut allowed = [[false; T]; TRANS_ROWS];
    for (p, row) in allowed.iter_mut().enumerate() {
        let prev = (p < T).then_some(Tag(p as u8));
        for (t, ok) in row.iter_mut().enumerate() {
            *ok = Tag(t as u8).may_follow(prev);
        }
    }
    let mut order: Vec<(u32, u32)> = which
        .iter()
        .flat_map(|&d| (0..examples[d].sentences.len()).map(move |s| (d as u32, s as u32)))
        .collect();
    let n_inst = order.len().max(1) as f32;
    let mut rng = SplitMix64::new(cfg.seed);
    let mut scale: f32 = 1.0;
    let mut step: f32 = 0.0;
    let mut em: Vec<f32> = Vec::new();
    let (mut alpha, mut beta): (Vec<f32>, Vec<f32>) = (Vec::new(), Vec::new());
    let (mut alpha_c, mut beta_c, mut em_c): (Vec<f32>, Vec<f32>, Vec<f32>) =
        (Vec::new(), Vec::new(), Vec::new());
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let mut ll = 0f64;
        for &(d, s) in &order {
            let ex = &examples[d as usize];
            let r = ex.sentences[s as usize].clone();
            if r.is_empty() {
                continue;
            }
            let eta = eta0 / (1.0 + step / n_inst);
            step += 1.0;
            emissions_dense(ex, r.clone(), &w, &mut em);
            for x in em.iter_mut() {
                *x *= scale;
            }
            let gold = &ex.gold[r.clone()];
            // Partial labels: the tags each token accepts (empty: only gold).
            let acc = ex.allowed.get(r.clone()).unwrap_or(&[]);
            add_cost(&mut em, gold, acc, cfg);
            let n = r.len();
            let mut trm = [[f32::NEG_INFINITY; T]; TRANS_ROWS];
            for (p, row) in trm.iter_mut().enumerate() {
                for (t, x) in row.iter_mut().enumerate() {
                    if allowed[p][t] {
                        *x = tw[p][t] * scale;
                    }
                }
            }
            let tr = |p: usize, t: usize| -> f32 { trm[p][t] };
            let log_z = forward_backward(&em, &trm, n, &mut alpha, &mut beta);
            // Partial labels: the target is the distribution over the
            // accepted paths (constrained forward–backward) instead of the
            // one gold path.
            let partial = acc.iter().any(|m| m.count_ones() > 1);
            let log_zc = if partial {
                em_c.clear();
                em_c.extend(em.iter().enumerate().map(|(j, &x)| {
                    if acc[j / T] >> (j % T) & 1 == 1 {
                        x
                    } else {
                        f32::NEG_INFINITY
                    }
                }));
                forward_backward(&em_c, &trm, n, &mut alpha_c, &mut beta_c)
            } else {
                // Gold score.
                let mut gs = 0f32;
                for k in 0..n {
                    let g = gold[k].index();
                    let p = if k == 0 {
                        TRANS_ROWS - 1
                    } else {
                        gold[k - 1].index()
                    };
                    gs += em[k * T + g] + tr(p, g);
                }
                gs
            };
            if !(log_zc.is_finite() && log_z.is_finite()) {
                // No path the labels accept (cannot happen with repaired BIO
                // gold) or an overflow: skip rather than poison the weights.
                continue;
            }
            ll += (log_zc - log_z) as f64;
            // Regularise (lazily, through the scale), then the gradient.
            scale *= 1.0 - eta * 2.0 * c2 / n_inst;
            if scale < 1e-9 {
                for x in w.iter_mut() {
                    *x *= scale;
                }
                for row in tw.iter_mut() {
                    for x in row.iter_mut() {
                        *x *= scale;
                    }
                }
                scale = 1.0;
            }
            let g_step = eta / scale;
            for (k, i) in r.clone().enumerate() {
                let g = gold[k].index();
                // The token's marginals; the gradient is the target (gold,
                // or the accepted paths' marginals) minus them.
                let mut marg = [0f32; T];
                for (t, m) in marg.iter_mut().enumerate() {
                    *m = (alpha[k * T + t] + beta[k * T + t] - log_z).exp();
                }
                let mut target = [0f32; T];
                if partial {
                    for (t, m) in target.iter_mut().enumerate() {
                        *m = (alpha_c[k * T + t] + beta_c[k * T + t] - log_zc).exp();
                    }
                } else {
                    target[g] = 1.0;
                }
                let delta: [f32; T] = std::array::from_fn(|t| target[t] - marg[t]);
                for &id in &ex.ids[ex.offs[i] as usize..ex.offs[i + 1] as usize] {
                    let base = id as usize * T;
                    for t in 0..T {
                        w[base + t] += g_step * delta[t];
                    }
                }
                // Transitions into k.
                if k == 0 {
                    if partial {
                        for t in 0..T {
                            tw[TRANS_ROWS - 1][t] += g_step * delta[t];
                        }
                    } else {
                        tw[TRANS_ROWS - 1][g] += g_step;
                        for (t, m) in marg.iter().enumerate() {
                            tw[TRANS_ROWS - 1][t] -= g_step * m;
                        }
                    }
                    continue;
                }
                if !partial {
                    tw[gold[k - 1].index()][g] += g_step;
                }
                for p in 0..T {
                    for t in 0..T {
                        let x = tr(p, t);
                        if x == f32::NEG_INFINITY {
                            continue;
                        }
                        let m = (alpha[(k - 1) * T + p] + x + em[k * T + t] + beta[k * T + t]
                            - log_z)
                            .exp();
                        let mut d = -m;
                        if partial {
                            d += (alpha_c[(k - 1) * T + p]
                                + x
                                + em_c[k * T + t]
                                + beta_c[k * T + t]
                                - log_zc)
                                .exp();
                        }
                        tw[p][t] += g_step * d;
                    }
                }
            }
        }
        log(&format!(
            "crf epoch {}/{}: log-likelihood {:.1}",
            epoch + 1,
            epochs,
            ll
        ));
    }
    for x in w.iter_mut() {
        *x *= scale;
    }
    for row in tw.iter_mut() {
        for x in row.iter_mut() {
            *x *= scale;
        }
    }
    (w, tw)
}

/// Forward–backward in log space over one sentence of `n` tokens: fills
/// `alpha` and `beta` (`n × NUM_TAGS`) and returns log Z. Tags whose
/// emission is −∞ are excluded (partial labels).
fn forward_backward(
    em: &[f32],
    trm: &Trans,
    n: usize,
    alpha: &mut Vec<f32>,
    beta: &mut Vec<f32>,
) -> f32 {
    const T: usize = NUM_TAGS;
    let mut tmp = [0f32; T];
    alpha.clear();
    alpha.resize(n * T, f32::NEG_INFINITY);
    beta.clear();
    beta.resize(n * T, 0.0);
    for t in 0..T {
        alpha[t] = trm[TRANS_ROWS - 1][t] + em[t];
    }
    for k in 1..n {
        for t in 0..T {
            for p in 0..T {
                tmp[p] = alpha[(k - 1) * T + p] + trm[p][t];
            }
            alpha[k * T + t] = log_sum_exp(&tmp) + em[k * T + t];
        }
    }
    for k in (0..n - 1).rev() {
        for p in 0..T {
            for t in 0..T {
                tmp[t] = trm[p][t] + em[(k + 1) * T + t] + beta[(k + 1) * T + t];
            }
            beta[k * T + p] = log_sum_exp(&tmp);
        }
    }
    log_sum_exp(&alpha[(n - 1) * T..n * T])
}

/// Prunes to the strongest `max_features` features (largest absolute
/// averaged weight) and quantises to `bits`.
fn finish_stage(w: &[f32], trans: Trans, keys: &[u32], max_features: usize, bits: u8) -> Stage {
    let nf = keys.len();
    let mut strength: Vec<(f32, u32, u32)> = (0..nf)
        .map(|i| {
            let m = w[i * NUM_TAGS..(i + 1) * NUM_TAGS]
                .iter()
                .fold(0f32, |a, b| a.max(b.abs()));
            (m, keys[i], i as u32)
        })
        .filter(|x| x.0 > 0.0)
        .collect();
    strength.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    strength.truncate(max_features);
    strength.sort_by_key(|x| x.1);
    let max_abs = strength.iter().fold(0f32, |a, x| a.max(x.0)).max(1e-6);
    let _ = bits;
    let scale = max_abs / 127.0;
    let mut out_keys = Vec::with_capacity(strength.len());
    let mut out_q = Vec::with_capacity(strength.len() * NUM_TAGS);
    for &(_, k, i) in &strength {
        out_keys.push(k);
        for &x in &w[i as usize * NUM_TAGS..(i as usize + 1) * NUM_TAGS] {
            out_q.push((x / scale).round().clamp(-127.0, 127.0) as i8);
        }
    }
    Stage {
        trans,
        table: WeightTable::new(&out_keys, &out_q, scale),
    }
}

/// Span probabilities and correctness of every predicted span in `docs`
/// at temperature `temp` (uncalibrated).
pub(crate) fn span_outcomes(
    model: &Model,
    docs: &[Document],
    lexicon: &Lexicon,
    temps: &[f32],
) -> Vec<(Vec<f64>, bool)> {
    let trans = model.full_trans();
    let mut out = Vec::new();
    for d in docs {
        let p = prepare(d, lexicon);
        let gold = p.gold_tags(d);
        let f = p.features(lexicon, &model.names);
        let f = model.final_features(&p.norm, &p.tokens, &p.sentences, f);
        let em_all = model.emissions(&f);
        for r in &p.sentences {
            if r.is_empty() {
                continue;
            }
            let em = &em_all[r.start * NUM_TAGS..r.end * NUM_TAGS];
            let tags = viterbi(&trans, em);
            let g = spans_of(&gold[r.clone()]);
            let fbs: Vec<ForwardBackward> = temps
                .iter()
                .map(|&t| ForwardBackward::new(&trans, em, t))
                .collect();
            for (s, e, b) in spans_of(&tags) {
                let ps = temps
                    .iter()
                    .zip(&fbs)
                    .map(|(&t, fb)| fb.span_prob(&trans, em, t, s, e, b))
                    .collect();
                out.push((ps, g.contains(&(s, e, b))));
            }
        }
    }
    out
}

/// Candidate temperatures for calibration.
pub(crate) fn temperature_grid() -> Vec<f32> {
    (0..25)
        .map(|i| libm::powf(2.0, -3.0 + i as f32 * 0.375))
        .collect()
}

fn fit_calibration(model: &Model, docs: &[Document], lexicon: &Lexicon) -> (f32, f32, usize) {
    let temps = temperature_grid();
    let outcomes = span_outcomes(model, docs, lexicon, &temps);
    if outcomes.len() < 20 {
        return (1.0, 0.0, outcomes.len());
    }
    let mut best = (f64::INFINITY, 1.0f32, 0.0f32);
    for (ti, &t) in temps.iter().enumerate() {
        for bi in -30..=30 {
            let b = bi as f32 * 0.1;
            let mut nll = 0.0;
            for (ps, ok) in &outcomes {
                let p = calibrated(ps[ti], b).clamp(1e-6, 1.0 - 1e-6);
                nll -= if *ok {
                    libm::log(p)
                } else {
                    libm::log(1.0 - p)
                };
            }
            if nll < best.0 {
                best = (nll, t, b);
            }
        }
    }
    (best.1, best.2, outcomes.len())
}

/// The shift of the calibration bias that fits the confidences of the
/// analyser's name annotations (the model's spans after the evidence
/// policy: lexicon, surnames, completed names …) on `docs`, with the
/// number of annotations it was fitted on. The policy makes spans more
/// accurate than the model's marginals say; without the shift every
/// confidence bucket was under-confident by 4–8 points on the ANERcorp dev
/// split. Annotations with one of the policy's constant confidences
/// (lexicon-only, spread) are left out: the bias does not move them.
fn fit_policy_shift(model: Model, docs: &[Document], lang: crate::analysis::Lang) -> (f32, usize) {
    use crate::analysis::Lang;
    use crate::analyzer::{is_policy_constant, Analyzer};
    let analyzer = match lang {
        Lang::En => Analyzer::with_models(Err(super::ModelError::NotAModel), Ok(model)),
        _ => Analyzer::with_models(Ok(model), Err(super::ModelError::NotAModel)),
    };
    let outcomes: Vec<(f64, bool)> = docs
        .iter()
        .flat_map(|d| analyzer.name_outcomes(d, lang))
        .filter(|(a, _)| !is_policy_constant(a.confidence))
        .map(|(a, ok)| (f64::from(a.confidence), ok))
        .collect();
    if outcomes.len() < 20 {
        return (0.0, outcomes.len());
    }
    let mut best = (f64::INFINITY, 0.0f32);
    for si in -30..=30 {
        let shift = si as f32 * 0.1;
        let mut nll = 0.0;
        for &(p, ok) in &outcomes {
            let q = calibrated(p, shift).clamp(1e-6, 1.0 - 1e-6);
            nll -= if ok { libm::log(q) } else { libm::log(1.0 - q) };
        }
        if nll < best.0 {
            best = (nll, shift);
        }
    }
    (best.1, outcomes.len())
}

/// The calibration map (same as the model's).
pub(crate) fn calibrated(p: f64, bias: f32) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    let logit = libm::log(p / (1.0 - p)) + bias as f64;
    1.0 / (1.0 + libm::exp(-logit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lang;
    use crate::analyzer::{Analyzer, BUNDLED_AR_MODEL};
    use crate::tagger::conll::Sentence;

    /// Ten one-sentence documents with a few names each.
    fn documents() -> Vec<Document> {
        let text = "قال الرئيس فلاديمير بوتين في موسكو إن روسيا مستعدة للحوار مع أوكرانيا .";
        (0..10)
            .map(|i| {
                let tokens: Vec<String> = text.split(' ').map(str::to_owned).collect();
                Document {
                    sentences: vec![Sentence {
                        tags: vec![Tag::O; tokens.len()],
                        tokens,
                        line: i + 1,
                    }],
                    unannotated: Vec::new(),
                }
            })
            .collect()
    }

    #[test]
    fn the_policy_shift_follows_how_often_the_analyser_is_right() {
        let model = || Model::from_bytes(BUNDLED_AR_MODEL).expect("bundled model");
        // Gold = what the analyser says: every name right, so the
        // confidences go up as far as the grid allows.
        let analyzer = Analyzer::with_models(Ok(model()), Err(super::super::ModelError::NotAModel));
        let mut right = documents();
        for d in &mut right {
            let tags = analyzer.tag_corpus_document(d, Lang::Ar);
            for (s, t) in d.sentences.iter_mut().zip(tags) {
                s.tags = t;
            }
        }
        let (shift, names) = fit_policy_shift(model(), &right, Lang::Ar);
        assert!(names >= 20, "{names} names");
        assert_eq!(shift, 3.0);
        // No gold names: every name wrong, so they go down.
        let (shift, _) = fit_policy_shift(model(), &documents(), Lang::Ar);
        assert_eq!(shift, -3.0);
    }
}
