//! The model: feature weights per tag, tag transitions, the name list and
//! the calibration; Viterbi decoding, forward–backward span confidences,
//! and the compact binary format.
//!
//! ## File format (little-endian)
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `HAMISHNR` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 4 | feature-template version ([`super::features::FEATURE_SET`]) |
//! | 1 | language (0 Arabic, 1 English) |
//! | 1 | bits per weight (8) |
//! | 2 | number of tags (9) |
//! | 4 | calibration temperature (f32) |
//! | 4 | calibration bias (f32) |
//! | 1 | number of stages (1 or 2); then for each stage: |
//! | 4 | · weight scale (f32): weight = quantised × scale |
//! | 4·10·9 | · transition scores (f32): rows for the previous tag O … I-MISC, then the start row |
//! | 4 | · number of features *n* |
//! | 4·n | · feature keys, strictly increasing |
//! | 9·n | · quantised weights (i8), 9 per feature |
//! | 4 | number of name-list entries *m* |
//! | 5·m | name list: 32-bit form hash (increasing), type mask |
//! | 4 | checksum of everything before (see `checksum`) |
//!
//! Loading validates every length, the ordering and the checksum, so a
//! truncated, corrupted or other-version file is a [`ModelError`], never a
//! panic or a silently wrong model.

use std::collections::BTreeMap;
use std::fmt;

use super::features::{Features, FEATURE_SET};
use super::labels::{Tag, NUM_TAGS};
use super::names::NameList;
use crate::analysis::Lang;

/// Version of the binary format.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"HAMISHNR";
/// Rows of the transition matrix: one per previous tag, plus the start.
pub const TRANS_ROWS: usize = NUM_TAGS + 1;
const START: usize = NUM_TAGS;

/// Why a model could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a Hamish tagger model (wrong magic bytes).
    NotAModel,
    /// The file ends early (truncated download or write).
    Truncated {
        /// Bytes needed to read the next part.
        needed: usize,
        /// Bytes available.
        have: usize,
    },
    /// Written by another version of Hamish.
    Version {
        /// What the file says.
        found: u32,
        /// What this build reads.
        expected: u32,
        /// Which version: `format`, `feature-template` or `learned-state format`.
        what: &'static str,
    },
    /// The content is inconsistent (bad checksum, unsorted keys …).
    Corrupt(String),
    /// No model was given (e.g. not downloaded yet, or the download failed).
    Unavailable(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => f.write_str("not a Hamish tagger model (bad magic bytes)"),
            ModelError::Truncated { needed, have } => write!(
                f,
                "model file is truncated: needs at least {needed} bytes, has {have}"
            ),
            ModelError::Version {
                found,
                expected,
                what,
            } => write!(
                f,
                "model was written with {what} version {found}, this build reads version \
                 {expected}; retrain it with this version of hamish"
            ),
            ModelError::Corrupt(m) => write!(f, "model file is corrupt: {m}"),
            ModelError::Unavailable(why) => write!(f, "no model: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Weights per tag for one feature.
pub type Row = [f32; NUM_TAGS];

/// Keys per bucket.
const BUCKET: usize = 4;

/// A bucket: four keys and their rows in one 64-byte cache line. Rows hold
/// the file's bytes (two's-complement `i8` weights), copied as they are.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    keys: [u32; BUCKET],
    rows: [[u8; NUM_TAGS]; BUCKET],
}

/// A hash table from feature key to quantised weight row, in buckets of
/// four keys with their rows (one cache line): a lookup, hit or miss,
/// usually reads one line. Buckets fill from the front; a full bucket
/// overflows into the next.
///
/// The table is the only copy of the weights: loading a model builds it
/// straight from the file's bytes.
#[derive(Debug, Clone, Default)]
pub(crate) struct WeightTable {
    /// The quantisation step: weight = q × scale.
    pub scale: f32,
    len: usize,
    buckets: Vec<Bucket>,
}

impl WeightTable {
    /// A table of `keys` (non-zero, distinct) with their rows `q`
    /// (`NUM_TAGS` per key).
    pub fn new(keys: &[u32], q: &[i8], scale: f32) -> Self {
        debug_assert_eq!(keys.len() * NUM_TAGS, q.len());
        let mut t = WeightTable::with_len(keys.len(), scale);
        for (r, &k) in keys.iter().enumerate() {
            let mut row = [0u8; NUM_TAGS];
            for (d, &s) in row.iter_mut().zip(&q[r * NUM_TAGS..(r + 1) * NUM_TAGS]) {
                *d = s as u8;
            }
            t.place(k, &row);
        }
        t
    }

    /// An empty table sized for `len` keys.
    fn with_len(len: usize, scale: f32) -> Self {
        // Load factor at most 3/4.
        let nb = (len / 3 + 1).max(1);
        WeightTable {
            scale,
            len,
            buckets: vec![Bucket::default(); nb],
        }
    }

    /// Puts key `k` (non-zero, not yet present) with its row (`NUM_TAGS`
    /// weight bytes).
    fn place(&mut self, k: u32, row: &[u8]) {
        let nb = self.buckets.len();
        let mut b = bucket_of(k, nb);
        loop {
            let bk = &mut self.buckets[b];
            for j in 0..BUCKET {
                if bk.keys[j] == 0 {
                    bk.keys[j] = k;
                    bk.rows[j].copy_from_slice(row);
                    return;
                }
            }
            b = if b + 1 == nb { 0 } else { b + 1 };
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every key with its row, in key order (the file's order).
    pub fn sorted(&self) -> Vec<(u32, [u8; NUM_TAGS])> {
        let mut v: Vec<(u32, [u8; NUM_TAGS])> = self
            .buckets
            .iter()
            .flat_map(|b| b.keys.iter().zip(&b.rows))
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &r)| (k, r))
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        v
    }

    /// Every weight of every row, in no particular order.
    pub fn weights(&self) -> impl Iterator<Item = i8> + '_ {
        self.buckets
            .iter()
            .flat_map(|b| b.keys.iter().zip(&b.rows))
            .filter(|(&k, _)| k != 0)
            .flat_map(|(_, r)| r.iter().map(|&x| x as i8))
    }

    #[inline]
    pub fn get(&self, k: u32) -> Option<&[u8; NUM_TAGS]> {
        let nb = self.buckets.len();
        if self.len == 0 {
            return None;
        }
        let mut b = bucket_of(k, nb);
        loop {
            let bk = &self.buckets[b];
            for j in 0..BUCKET {
                if bk.keys[j] == k {
                    return Some(&bk.rows[j]);
                }
            }
            if bk.keys[BUCKET - 1] == 0 {
                return None;
            }
            b = if b + 1 == nb { 0 } else { b + 1 };
        }
    }
}

/// The home bucket of key `k` among `nb` (multiply-shift range reduction of
/// the key itself: keys are already mixed hashes, see
/// [`key`](super::hash::key)). The mapping keeps key order, so loading the
/// file's ascending keys fills the buckets front to back.
#[inline]
fn bucket_of(k: u32, nb: usize) -> usize {
    ((u64::from(k) * nb as u64) >> 32) as usize
}

/// What the reader taught the model: weight changes on top of the shipped
/// weights. Serialisable (serde), so the widget can persist it and load it
/// back with [`Model::set_learned`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Learned {
    /// Format version of this state ([`LEARNED_VERSION`]).
    pub version: u32,
    /// The feature-template version the keys belong to.
    pub feature_set: u32,
    /// Number of corrections learned from.
    pub corrections: u32,
    /// Weight changes per feature key, sorted by key.
    pub weights: Vec<(u32, Vec<f32>)>,
    /// Transition changes, `TRANS_ROWS × NUM_TAGS`, row-major: written by
    /// earlier versions, which let corrections move the transitions. Now
    /// always empty; a saved state that has them is checked and the
    /// changes are dropped on restore (see [`Model::set_learned`]).
    pub transitions: Vec<f32>,
    /// The model's [typical weight](Model::typical_weight) when this state
    /// was saved: restoring into a retrained model (same feature templates,
    /// other weight scale) rescales the changes by the ratio.
    #[serde(default)]
    pub unit: f32,
}

/// What online learning changed in a model, to take it back: the previous
/// value of every learned row it touched (`None`: the row did not exist)
/// and the previous correction count (see [`Model::unlearn`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelUndo {
    rows: BTreeMap<u32, Option<Row>>,
    corrections: Option<u32>,
}

impl ModelUndo {
    /// Whether there is nothing to take back.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.corrections.is_none()
    }
}

/// Format version of [`Learned`] (2: with [`Learned::unit`]).
pub const LEARNED_VERSION: u32 = 2;

/// One decoding stage: emission weights and transitions.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub trans: [[f32; NUM_TAGS]; TRANS_ROWS],
    pub table: WeightTable,
}

impl Stage {
    fn emissions(&self, feats: &Features, out: &mut [f32]) {
        let scale = self.table.scale;
        for i in 0..feats.len() {
            let mut acc = [0i32; NUM_TAGS];
            for &k in feats.of(i) {
                if let Some(w) = self.table.get(k) {
                    for (a, &x) in acc.iter_mut().zip(w) {
                        *a += i32::from(x as i8);
                    }
                }
            }
            let row = &mut out[i * NUM_TAGS..(i + 1) * NUM_TAGS];
            for (r, a) in row.iter_mut().zip(acc) {
                *r += a as f32 * scale;
            }
        }
    }
}

/// A trained tagger model: one stage, or two (the second sees the first
/// stage's tags of the token, its neighbours and the other mentions of the
/// same word in the document — see [`super::features::stack`]).
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) lang: Lang,
    pub(crate) stages: Vec<Stage>,
    pub(crate) names: NameList,
    /// Calibration: span probability = sigmoid(logit(marginal at
    /// temperature) + bias).
    pub(crate) temperature: f32,
    pub(crate) calib_bias: f32,
    pub(crate) bits: u8,
    /// Online changes (learning from the reader): emission weights only,
    /// the transitions never learn (see [`Model::learn_sentence`]).
    pub(crate) overlay: BTreeMap<u32, Row>,
    pub(crate) corrections: u32,
}

/// A decoded name span over tokens, with its calibrated confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The tag of the first token (`B-` of the type).
    pub tag: Tag,
    /// Calibrated probability that this exact span and type are right.
    pub confidence: f32,
}

impl Model {
    /// The language the model was trained for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Number of features with weights (all stages).
    pub fn num_features(&self) -> usize {
        self.stages.iter().map(|s| s.table.len()).sum()
    }

    /// Number of decoding stages (1 or 2).
    pub fn num_stages(&self) -> usize {
        self.stages.len()
    }

    fn last(&self) -> &Stage {
        self.stages.last().expect("a model has at least one stage")
    }

    /// The final-stage features of a document from its first-stage
    /// features: for a two-stage model, decodes the first stage and adds
    /// the stacked features; otherwise returns `feats` unchanged.
    pub fn final_features(
        &self,
        norm: &crate::normalize::Normalized,
        tokens: &[crate::token::Token],
        sentences: &[std::ops::Range<usize>],
        feats: Features,
    ) -> Features {
        if self.stages.len() < 2 {
            return feats;
        }
        let first = &self.stages[0];
        let mut em = vec![0f32; feats.len() * NUM_TAGS];
        first.emissions(&feats, &mut em);
        let mut tags = vec![Tag::O; feats.len()];
        for r in sentences {
            if r.is_empty() {
                continue;
            }
            let t = viterbi(&first.trans, &em[r.start * NUM_TAGS..r.end * NUM_TAGS]);
            tags[r.clone()].copy_from_slice(&t);
        }
        super::features::stack(norm, tokens, sentences, &feats, &tags)
    }

    /// The model's name list.
    pub fn names(&self) -> &NameList {
        &self.names
    }

    /// Final-stage emission scores (with what was learned online),
    /// `NUM_TAGS` per token, from [final features](Model::final_features).
    pub fn emissions(&self, feats: &Features) -> Vec<f32> {
        let n = feats.len();
        let mut out = vec![0f32; n * NUM_TAGS];
        self.last().emissions(feats, &mut out);
        if !self.overlay.is_empty() {
            for i in 0..n {
                let row = &mut out[i * NUM_TAGS..(i + 1) * NUM_TAGS];
                for &k in feats.of(i) {
                    if let Some(w) = self.overlay.get(&k) {
                        for (r, x) in row.iter_mut().zip(w) {
                            *r += *x;
                        }
                    }
                }
            }
        }
        out
    }

    /// The best tag sequence for one sentence, given its emission scores
    /// (`NUM_TAGS` per token). Respects BIO: `I-X` only after `B-X`/`I-X`.
    pub fn viterbi(&self, em: &[f32]) -> Vec<Tag> {
        let trans = self.full_trans();
        viterbi(&trans, em)
    }

    /// The transitions the decoder uses: the last stage's (online learning
    /// does not change them).
    pub(crate) fn full_trans(&self) -> [[f32; NUM_TAGS]; TRANS_ROWS] {
        self.last().trans
    }

    /// Decodes one sentence into name spans with calibrated confidences.
    pub fn spans(&self, em: &[f32]) -> (Vec<Tag>, Vec<TokenSpan>) {
        let trans = self.full_trans();
        let tags = viterbi(&trans, em);
        let spans = spans_of(&tags);
        if spans.is_empty() {
            return (tags, Vec::new());
        }
        let fb = ForwardBackward::new(&trans, em, self.temperature);
        let out = spans
            .into_iter()
            .map(|(s, e, tag)| {
                let p = fb.span_prob(&trans, em, self.temperature, s, e, tag);
                TokenSpan {
                    start: s,
                    end: e,
                    tag,
                    confidence: calibrate(p, self.calib_bias),
                }
            })
            .collect();
        (tags, out)
    }

    /// Serialises the model (without the learned overlay, see
    /// [`Model::learned`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_SET.to_le_bytes());
        out.push(match self.lang {
            Lang::En => 1,
            _ => 0,
        });
        out.push(self.bits);
        out.extend_from_slice(&(NUM_TAGS as u16).to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&self.calib_bias.to_le_bytes());
        out.push(self.stages.len() as u8);
        for st in &self.stages {
            out.extend_from_slice(&st.table.scale.to_le_bytes());
            for row in &st.trans {
                for x in row {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
            let rows = st.table.sorted();
            out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
            for (k, _) in &rows {
                out.extend_from_slice(&k.to_le_bytes());
            }
            for (_, r) in &rows {
                out.extend_from_slice(r);
            }
        }
        let names = self.names.entries();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for &(h, m) in names {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(m);
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b: bytes, at: 0 };
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        r.at = MAGIC.len();
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FORMAT_VERSION,
                what: "format",
            });
        }
        let fs = r.u32()?;
        if fs != FEATURE_SET {
            return Err(ModelError::Version {
                found: fs,
                expected: FEATURE_SET,
                what: "feature-template",
            });
        }
        if bytes.len() < 4 {
            return Err(ModelError::Truncated {
                needed: 4,
                have: bytes.len(),
            });
        }
        let lang = match r.u8()? {
            0 => Lang::Ar,
            1 => Lang::En,
            x => return Err(ModelError::Corrupt(format!("unknown language code {x}"))),
        };
        let bits = r.u8()?;
        if bits != 8 {
            return Err(ModelError::Corrupt(format!(
                "unsupported weight width {bits}"
            )));
        }
        let tags = r.u16()? as usize;
        if tags != NUM_TAGS {
            return Err(ModelError::Corrupt(format!(
                "{tags} tags, this build has {NUM_TAGS}"
            )));
        }
        let temperature = r.f32()?;
        let calib_bias = r.f32()?;
        let n_stages = r.u8()?;
        if !(1..=2).contains(&n_stages) {
            return Err(ModelError::Corrupt(format!("{n_stages} stages")));
        }
        let mut raw_stages = Vec::new();
        for _ in 0..n_stages {
            let scale = r.f32()?;
            let mut trans = [[0f32; NUM_TAGS]; TRANS_ROWS];
            for row in trans.iter_mut() {
                for x in row.iter_mut() {
                    *x = r.f32()?;
                }
            }
            let n = r.u32()? as usize;
            let kb = r.slice(n.saturating_mul(4))?;
            let qb = r.slice(n.saturating_mul(NUM_TAGS))?;
            raw_stages.push((scale, trans, kb, qb));
        }
        let m = r.u32()? as usize;
        let nb = r.slice(m.saturating_mul(5))?;
        let names: Vec<(u32, u8)> = nb
            .chunks_exact(5)
            .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), c[4]))
            .collect();
        let body_end = r.at;
        let sum = r.u32()?;
        if r.at != bytes.len() {
            return Err(ModelError::Corrupt(format!(
                "{} unexpected bytes after the end",
                bytes.len() - r.at
            )));
        }
        if checksum(&bytes[..body_end]) != sum {
            return Err(ModelError::Corrupt("checksum mismatch".into()));
        }
        let mut stages = Vec::with_capacity(raw_stages.len());
        for (scale, trans, kb, qb) in raw_stages {
            if !scale.is_finite() || !trans.iter().flatten().all(|x| x.is_finite()) {
                return Err(ModelError::Corrupt("non-finite parameters".into()));
            }
            // Straight from the file's bytes into the table.
            let mut table = WeightTable::with_len(kb.len() / 4, scale);
            let mut prev = 0u32;
            for (kc, qc) in kb.chunks_exact(4).zip(qb.chunks_exact(NUM_TAGS)) {
                let k = u32::from_le_bytes([kc[0], kc[1], kc[2], kc[3]]);
                if k <= prev {
                    return Err(ModelError::Corrupt(
                        "feature keys not strictly increasing".into(),
                    ));
                }
                prev = k;
                table.place(k, qc);
            }
            stages.push(Stage { trans, table });
        }
        if !temperature.is_finite() || !calib_bias.is_finite() || temperature <= 0.0 {
            return Err(ModelError::Corrupt("non-finite calibration".into()));
        }
        let names = NameList::from_sorted(names)
            .ok_or_else(|| ModelError::Corrupt("name list not sorted".into()))?;
        Ok(Model {
            lang,
            stages,
            names,
            temperature,
            calib_bias,
            bits,
            overlay: BTreeMap::new(),
            corrections: 0,
        })
    }

    /// The learned (online) state, for persisting.
    pub fn learned(&self) -> Learned {
        Learned {
            version: LEARNED_VERSION,
            unit: self.typical_weight(),
            feature_set: FEATURE_SET,
            corrections: self.corrections,
            weights: self.overlay.iter().map(|(&k, r)| (k, r.to_vec())).collect(),
            transitions: Vec::new(),
        }
    }

    /// Restores a learned state saved with [`Model::learned`], replacing
    /// the current one.
    pub fn set_learned(&mut self, l: &Learned) -> Result<(), ModelError> {
        if l.version != LEARNED_VERSION {
            return Err(ModelError::Version {
                found: l.version,
                expected: LEARNED_VERSION,
                what: "learned-state format",
            });
        }
        if !(l.unit.is_finite() && l.unit > 0.0) {
            return Err(ModelError::Corrupt(format!(
                "learned state unit {}",
                l.unit
            )));
        }
        let k = self.typical_weight() / l.unit;
        if l.feature_set != FEATURE_SET {
            return Err(ModelError::Version {
                found: l.feature_set,
                expected: FEATURE_SET,
                what: "feature-template",
            });
        }
        let mut overlay = BTreeMap::new();
        for (key, w) in &l.weights {
            let row: Row = w.as_slice().try_into().map_err(|_| {
                ModelError::Corrupt(format!("learned row for key {key} has {} weights", w.len()))
            })?;
            if row.iter().any(|x| !x.is_finite()) {
                return Err(ModelError::Corrupt("non-finite learned weight".into()));
            }
            overlay.insert(*key, row.map(|x| x * k));
        }
        // Transition changes saved by an earlier version are checked, then
        // dropped: learned from one-sided corrections they made the model
        // see names everywhere. The reader's annotations and decisions are
        // stored apart from this state and are not affected.
        if !l.transitions.is_empty()
            && (l.transitions.len() != TRANS_ROWS * NUM_TAGS
                || l.transitions.iter().any(|x| !x.is_finite()))
        {
            return Err(ModelError::Corrupt("bad learned transitions".into()));
        }
        self.overlay = overlay;
        self.corrections = l.corrections;
        Ok(())
    }

    /// Forgets everything learned online.
    pub fn reset_learned(&mut self) {
        self.overlay.clear();
        self.corrections = 0;
    }

    /// Online update towards the reader's tags for one sentence: gradient
    /// steps on the sentence's conditional log-likelihood — the CRF's own
    /// objective — with each feature's step scaled by its learning rate
    /// ([`Features::learnable`]: mostly the corrected words' identity, a
    /// little their context, never the generic features).
    ///
    /// `gold` is the whole sentence's tags; `said[i]` tells whether token
    /// `i`'s tag is the reader's (a partial correction leaves the other
    /// tokens as the model tagged them, and learning leaves them alone).
    ///
    /// What a correction teaches is about words, and only a little about
    /// contexts: the context features of a token the reader put in a name
    /// learn at [`CONTEXT_TOWARDS_NAME`] of the context rate, and the tag
    /// transitions (how often any name follows any word, estimated from the
    /// whole training corpus) do not learn at all. A reader mostly adds the
    /// names the model missed and says nothing about the rest of the
    /// sentence; taught from such one-sided examples, the transitions and
    /// contexts drifted towards names everywhere: 200 replayed sentences in
    /// which the reader only added what was missed lowered micro-F1 on each
    /// fold's other sentences by 12.6 points (precision fell to about 53).
    /// Each step moves a feature towards the reader's tag in proportion to
    /// how unsure the model still is (gold indicator minus forward–backward
    /// marginal), so tokens the model already agrees on hardly move, and a
    /// noisy or unusual correction does not overshoot. Steps repeat, at
    /// most `rounds` times, until the reader's tokens decode as the reader
    /// said, each with a marginal of at least [`LEARN_CONFIDENCE`]. `step`
    /// is the size of one step for an identity feature at full uncertainty
    /// (the analyser passes the [typical weight](Model::typical_weight)).
    /// `feats` are the sentence's final features. Returns the number of
    /// steps taken.
    ///
    /// (Measured with `bench/ner/cv.sh`, 200 replayed corrections per fold,
    /// micro-F1 on each fold's other sentences, 77.11 before any
    /// correction: after whole gold sentences 76.98, after a reader's
    /// fixes 76.61; with transitions and full-rate contexts, 76.83 and
    /// 75.99, and 64.49 when the reader only adds names; with the
    /// passive-aggressive rule before that, 74.23.)
    pub fn learn_sentence(
        &mut self,
        feats: &Features,
        gold: &[Tag],
        said: &[bool],
        step: f32,
        rounds: usize,
    ) -> usize {
        self.learn_sentence_undoable(feats, gold, said, step, rounds, &mut ModelUndo::default())
    }

    /// [`Model::learn_sentence`], recording in `undo` what it changes (for
    /// [`Model::unlearn`]).
    pub fn learn_sentence_undoable(
        &mut self,
        feats: &Features,
        gold: &[Tag],
        said: &[bool],
        step: f32,
        rounds: usize,
        undo: &mut ModelUndo,
    ) -> usize {
        let n = feats.len();
        if n == 0 || gold.len() != n || said.len() != n || !said.contains(&true) {
            return 0;
        }
        // Identity features learn at rate IDENTITY_RATE: scale so that they
        // move by `step` at full uncertainty.
        let lr = step / crate::tagger::features::IDENTITY_RATE as f32;
        let mut updates = 0;
        for _ in 0..rounds {
            let em = self.emissions(feats);
            let trans = self.full_trans();
            let fb = ForwardBackward::new(&trans, &em, 1.0);
            let pred = viterbi(&trans, &em);
            let sure = (0..n)
                .filter(|&i| said[i])
                .all(|i| pred[i] == gold[i] && fb.marginal(i, gold[i].index()) >= LEARN_CONFIDENCE);
            if sure {
                break;
            }
            updates += 1;
            for i in (0..n).filter(|&i| said[i]) {
                let g = gold[i].index();
                let mut grad = [0f32; NUM_TAGS];
                for (t, x) in grad.iter_mut().enumerate() {
                    *x = (f64::from(u8::from(t == g)) - fb.marginal(i, t)) as f32;
                }
                if !grad.iter().any(|x| x.abs() > LEARN_EPSILON) {
                    continue;
                }
                let names = gold[i] != Tag::O;
                for (&k, &l) in feats.of(i).iter().zip(feats.learnable_of(i)) {
                    let r = rate(l, names);
                    if r == 0.0 {
                        continue;
                    }
                    undo.rows
                        .entry(k)
                        .or_insert_with(|| self.overlay.get(&k).copied());
                    let row = self.overlay.entry(k).or_insert([0.0; NUM_TAGS]);
                    for (w, x) in row.iter_mut().zip(&grad) {
                        *w += lr * r * x;
                    }
                }
            }
        }
        if updates > 0 {
            undo.corrections.get_or_insert(self.corrections);
            self.corrections += 1;
        }
        updates
    }

    /// Takes back what the learning recorded in `undo` did: every row it
    /// touched and the correction count are as they were before it.
    pub fn unlearn(&mut self, undo: &ModelUndo) {
        for (k, row) in &undo.rows {
            match row {
                Some(r) => {
                    self.overlay.insert(*k, *r);
                }
                None => {
                    self.overlay.remove(k);
                }
            }
        }
        if let Some(c) = undo.corrections {
            self.corrections = c;
        }
    }

    /// A typical feature weight magnitude: the step size for online updates.
    pub fn typical_weight(&self) -> f32 {
        let table = &self.last().table;
        let mut v: Vec<f32> = table
            .weights()
            .filter(|&x| x != 0)
            .map(|x| (x as f32).abs() * table.scale)
            .collect();
        if v.is_empty() {
            return 1.0;
        }
        let mid = v.len() * 9 / 10;
        let (_, m, _) = v.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
        *m
    }
}

/// Online learning stops once every token of the corrected sentence has
/// at least this marginal probability of the reader's tag (and the
/// sentence decodes as the reader said).
pub const LEARN_CONFIDENCE: f64 = 0.9;

/// The online learning rate of a context feature of a token the reader put
/// in a name, relative to the context rate (see [`Model::learn_sentence`]).
/// Ten folds (`bench/ner/cv.sh`, model update alone, no transition
/// learning), F1 on each fold's other sentences after whole sentences / a
/// reader's fixes / additions only: 1.0 gives 77.04 / 76.09 / 75.69, 0.3
/// gives 77.12 / 76.15 / 75.92, 0 gives 76.89 / 76.12 / 76.00.
pub const CONTEXT_TOWARDS_NAME: f32 = 0.3;

/// Gradient components smaller than this are not applied (keeps the
/// learned overlay to the tokens the correction is about).
const LEARN_EPSILON: f32 = 0.01;

/// The online learning rate of a feature with learnability `l` on a token
/// the reader says is (`names`) or is not inside a name: identity features
/// learn fast only towards a name (a missed name is then found wherever the
/// word recurs); a false alarm is corrected through the context, gently.
fn rate(l: u8, names: bool) -> f32 {
    match l {
        0 => 0.0,
        1 if names => CONTEXT_TOWARDS_NAME,
        1 => 1.0,
        crate::tagger::features::FUNCTION_IDENTITY => f32::from(u8::from(!names)),
        x if names => x as f32,
        _ => 1.0,
    }
}

/// Maps a marginal probability through the calibration bias (in logit
/// space).
fn calibrate(p: f64, bias: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    let logit = libm::log(p / (1.0 - p)) + bias as f64;
    (1.0 / (1.0 + libm::exp(-logit))) as f32
}

/// Viterbi over emissions with BIO constraints.
pub(crate) fn viterbi(trans: &[[f32; NUM_TAGS]; TRANS_ROWS], em: &[f32]) -> Vec<Tag> {
    let n = em.len() / NUM_TAGS;
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    // Forbidden transitions cost −∞.
    let mut tr = *trans;
    for (p, row) in tr.iter_mut().enumerate() {
        let prev = if p == START { None } else { Some(Tag(p as u8)) };
        for (t, x) in row.iter_mut().enumerate() {
            if !Tag(t as u8).may_follow(prev) {
                *x = NEG;
            }
        }
    }
    let mut score = [NEG; NUM_TAGS];
    let mut back = vec![0u8; n * NUM_TAGS];
    for t in 0..NUM_TAGS {
        score[t] = tr[START][t] + em[t];
    }
    for i in 1..n {
        let mut next = [NEG; NUM_TAGS];
        let e = &em[i * NUM_TAGS..(i + 1) * NUM_TAGS];
        let b = &mut back[i * NUM_TAGS..(i + 1) * NUM_TAGS];
        for t in 0..NUM_TAGS {
            let mut best = score[0] + tr[0][t];
            let mut arg = 0u8;
            for p in 1..NUM_TAGS {
                let s = score[p] + tr[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[t] = best + e[t];
            b[t] = arg;
        }
        score = next;
    }
    let mut best = 0;
    for t in 1..NUM_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    let mut tags = vec![Tag::O; n];
    let mut cur = best;
    for i in (0..n).rev() {
        tags[i] = Tag(cur as u8);
        cur = back[i * NUM_TAGS + cur] as usize;
    }
    tags
}

/// The name spans of a BIO sequence: (first token, end, B-tag).
pub fn spans_of(tags: &[Tag]) -> Vec<(usize, usize, Tag)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, Tag)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = t.is_inside() && cur.is_some_and(|(_, b)| b.kind() == t.kind());
        if continues {
            continue;
        }
        if let Some((s, b)) = cur.take() {
            out.push((s, i, b));
        }
        if t != Tag::O {
            // An I- without its B- (only in gold data) starts a span too.
            let b = Tag::begin(t.kind().expect("non-O tag has a type")).unwrap_or(t);
            cur = Some((i, b));
        }
    }
    if let Some((s, b)) = cur {
        out.push((s, tags.len(), b));
    }
    out
}

/// Forward–backward with per-position scaling (f64, `exp` from `libm` so
/// the numbers are the same on every platform), for span marginals.
pub(crate) struct ForwardBackward {
    /// Emission potentials exp((score − max) / T), `NUM_TAGS` per token.
    psi: Vec<f64>,
    /// Transition potentials exp((score − max) / T), 0 where BIO forbids.
    tr: [[f64; NUM_TAGS]; TRANS_ROWS],
    /// Scaled forward variables (each position sums to 1).
    alpha: Vec<f64>,
    /// Scaled backward variables.
    beta: Vec<f64>,
    /// Scaling factors.
    c: Vec<f64>,
}

impl ForwardBackward {
    pub fn new(trans: &[[f32; NUM_TAGS]; TRANS_ROWS], em: &[f32], temp: f32) -> Self {
        let n = em.len() / NUM_TAGS;
        let t_ = temp as f64;
        let tmax = trans
            .iter()
            .flatten()
            .fold(f32::NEG_INFINITY, |a, &b| a.max(b)) as f64;
        let mut tr = [[0f64; NUM_TAGS]; TRANS_ROWS];
        for (p, row) in tr.iter_mut().enumerate() {
            for (t, x) in row.iter_mut().enumerate() {
                let ok = if p == START {
                    Tag(t as u8).may_follow(None)
                } else {
                    Tag(t as u8).may_follow(Some(Tag(p as u8)))
                };
                if ok {
                    *x = libm::exp((trans[p][t] as f64 - tmax) / t_);
                }
            }
        }
        let mut psi = vec![0f64; n * NUM_TAGS];
        for i in 0..n {
            let row = &em[i * NUM_TAGS..(i + 1) * NUM_TAGS];
            let m = row.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)) as f64;
            for t in 0..NUM_TAGS {
                psi[i * NUM_TAGS + t] = libm::exp((row[t] as f64 - m) / t_);
            }
        }
        let mut alpha = vec![0f64; n * NUM_TAGS];
        let mut beta = vec![1f64; n * NUM_TAGS];
        let mut c = vec![1f64; n];
        for i in 0..n {
            let mut sum = 0.0;
            for t in 0..NUM_TAGS {
                let inc = if i == 0 {
                    tr[START][t]
                } else {
                    (0..NUM_TAGS)
                        .map(|p| alpha[(i - 1) * NUM_TAGS + p] * tr[p][t])
                        .sum()
                };
                let v = inc * psi[i * NUM_TAGS + t];
                alpha[i * NUM_TAGS + t] = v;
                sum += v;
            }
            let sum = if sum > 0.0 { sum } else { f64::MIN_POSITIVE };
            c[i] = sum;
            for t in 0..NUM_TAGS {
                alpha[i * NUM_TAGS + t] /= sum;
            }
        }
        for i in (0..n.saturating_sub(1)).rev() {
            for p in 0..NUM_TAGS {
                let v: f64 = (0..NUM_TAGS)
                    .map(|t| tr[p][t] * psi[(i + 1) * NUM_TAGS + t] * beta[(i + 1) * NUM_TAGS + t])
                    .sum();
                beta[i * NUM_TAGS + p] = v / c[i + 1];
            }
        }
        ForwardBackward {
            psi,
            tr,
            alpha,
            beta,
            c,
        }
    }

    /// Marginal probability that token `i` has tag index `t`.
    pub fn marginal(&self, i: usize, t: usize) -> f64 {
        self.alpha[i * NUM_TAGS + t] * self.beta[i * NUM_TAGS + t]
    }

    /// Probability that tokens `s..e` are exactly one name with B-tag `b`.
    pub fn span_prob(
        &self,
        _trans: &[[f32; NUM_TAGS]; TRANS_ROWS],
        em: &[f32],
        _temp: f32,
        s: usize,
        e: usize,
        b: Tag,
    ) -> f64 {
        let n = em.len() / NUM_TAGS;
        let bi = b.index();
        let ii = bi + 1;
        let mut p = self.alpha[s * NUM_TAGS + bi];
        let mut prev = bi;
        for k in s + 1..e {
            p *= self.tr[prev][ii] * self.psi[k * NUM_TAGS + ii] / self.c[k];
            prev = ii;
        }
        if e < n {
            let mut sum = 0.0;
            for t in 0..NUM_TAGS {
                if t != ii {
                    sum +=
                        self.tr[prev][t] * self.psi[e * NUM_TAGS + t] * self.beta[e * NUM_TAGS + t];
                }
            }
            p *= sum / self.c[e];
        }
        p.clamp(0.0, 1.0)
    }
}

/// The file checksum: FNV-1a over 32-bit little-endian words in four
/// interleaved lanes (fast to verify), folded with FNV-1a.
pub(crate) fn checksum(b: &[u8]) -> u32 {
    const PRIME: u32 = 0x0100_0193;
    let mut lanes: [u32; 4] = [0x811c_9dc5, 0x050c_5d1f, 0x1e91_8fa3, 0x7b4e_2c61];
    let mut chunks = b.chunks_exact(16);
    for c in &mut chunks {
        for (l, w) in lanes.iter_mut().zip(c.chunks_exact(4)) {
            *l = (*l ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]])).wrapping_mul(PRIME);
        }
    }
    let mut h: u32 = 0x811c_9dc5;
    for &x in chunks.remainder().iter().chain(
        lanes
            .iter()
            .flat_map(|l| l.to_le_bytes())
            .collect::<Vec<u8>>()
            .iter(),
    ) {
        h ^= x as u32;
        h = h.wrapping_mul(PRIME);
    }
    h ^ b.len() as u32
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn need(&self, n: usize) -> Result<(), ModelError> {
        if self.b.len().saturating_sub(self.at) < n {
            Err(ModelError::Truncated {
                needed: self.at.saturating_add(n),
                have: self.b.len(),
            })
        } else {
            Ok(())
        }
    }
    fn slice(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        self.need(n)?;
        let b: &'a [u8] = self.b;
        let s = &b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        self.need(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(&self.b[self.at..self.at + N]);
        self.at += N;
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take()?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take()?))
    }
}
