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
//! | 1 | bits per weight (8 or 16) |
//! | 2 | number of tags (9) |
//! | 4 | weight scale (f32): weight = quantised × scale |
//! | 4 | calibration temperature (f32) |
//! | 4 | calibration bias (f32) |
//! | 4·10·9 | transition scores (f32): rows for the previous tag O … I-MISC, then the start row |
//! | 4 | number of features *n* |
//! | 4·n | feature keys, strictly increasing |
//! | n·9·bits/8 | quantised weights, 9 per feature |
//! | 4 | number of name-list entries *m* |
//! | 5·m | name list: 32-bit form hash (increasing), type mask |
//! | 4 | FNV-1a (32-bit) checksum of everything before |
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
        /// Which version: `format` or `features`.
        what: &'static str,
    },
    /// The content is inconsistent (bad checksum, unsorted keys …).
    Corrupt(String),
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
        }
    }
}

impl std::error::Error for ModelError {}

/// Weights per tag for one feature.
pub type Row = [f32; NUM_TAGS];

/// An open-addressing table from feature key to weight row.
#[derive(Debug, Clone, Default)]
pub(crate) struct WeightTable {
    /// Sorted keys (the row order).
    pub keys: Vec<u32>,
    /// Rows, `NUM_TAGS` weights per key.
    pub weights: Vec<f32>,
    slot_keys: Vec<u32>,
    slot_rows: Vec<u32>,
    mask: usize,
}

impl WeightTable {
    pub fn new(keys: Vec<u32>, weights: Vec<f32>) -> Self {
        debug_assert_eq!(keys.len() * NUM_TAGS, weights.len());
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slot_keys = vec![0u32; cap];
        let mut slot_rows = vec![0u32; cap];
        let mask = cap - 1;
        for (r, &k) in keys.iter().enumerate() {
            let mut s = slot(k) & mask;
            while slot_keys[s] != 0 {
                s = (s + 1) & mask;
            }
            slot_keys[s] = k;
            slot_rows[s] = r as u32;
        }
        WeightTable {
            keys,
            weights,
            slot_keys,
            slot_rows,
            mask,
        }
    }

    #[inline]
    pub fn get(&self, k: u32) -> Option<&[f32]> {
        if self.keys.is_empty() {
            return None;
        }
        let mut s = slot(k) & self.mask;
        loop {
            let sk = self.slot_keys[s];
            if sk == k {
                let r = self.slot_rows[s] as usize * NUM_TAGS;
                return Some(&self.weights[r..r + NUM_TAGS]);
            }
            if sk == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }
}

#[inline]
fn slot(k: u32) -> usize {
    (k.wrapping_mul(0x9e37_79b9) >> 7) as usize
}

/// What the reader taught the model: weight changes on top of the shipped
/// weights. Serialisable (serde), so the widget can persist it and load it
/// back with [`Model::set_learned`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Learned {
    /// Format version of this state ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The feature-template version the keys belong to.
    pub feature_set: u32,
    /// Number of corrections learned from.
    pub corrections: u32,
    /// Weight changes per feature key, sorted by key.
    pub weights: Vec<(u32, Vec<f32>)>,
    /// Transition changes, `TRANS_ROWS × NUM_TAGS`, row-major (empty when none).
    pub transitions: Vec<f32>,
}

/// A trained tagger model.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) lang: Lang,
    pub(crate) trans: [[f32; NUM_TAGS]; TRANS_ROWS],
    pub(crate) table: WeightTable,
    pub(crate) names: NameList,
    /// Calibration: span probability = sigmoid(logit(marginal at
    /// temperature) + bias).
    pub(crate) temperature: f32,
    pub(crate) calib_bias: f32,
    pub(crate) bits: u8,
    pub(crate) scale: f32,
    /// Online changes (learning from the reader).
    pub(crate) overlay: BTreeMap<u32, Row>,
    pub(crate) overlay_trans: [[f32; NUM_TAGS]; TRANS_ROWS],
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

    /// Number of features with weights.
    pub fn num_features(&self) -> usize {
        self.table.keys.len()
    }

    /// The model's name list.
    pub fn names(&self) -> &NameList {
        &self.names
    }

    /// Emission scores, `NUM_TAGS` per token.
    pub fn emissions(&self, feats: &Features) -> Vec<f32> {
        let n = feats.len();
        let mut out = vec![0f32; n * NUM_TAGS];
        let use_overlay = !self.overlay.is_empty();
        for i in 0..n {
            let row = &mut out[i * NUM_TAGS..(i + 1) * NUM_TAGS];
            for &k in feats.of(i) {
                if let Some(w) = self.table.get(k) {
                    for (r, x) in row.iter_mut().zip(w) {
                        *r += *x;
                    }
                }
                if use_overlay {
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

    fn trans_at(&self, prev: usize, t: usize) -> f32 {
        self.trans[prev][t] + self.overlay_trans[prev][t]
    }

    /// The best tag sequence for one sentence, given its emission scores
    /// (`NUM_TAGS` per token). Respects BIO: `I-X` only after `B-X`/`I-X`.
    pub fn viterbi(&self, em: &[f32]) -> Vec<Tag> {
        let trans = self.full_trans();
        viterbi(&trans, em)
    }

    pub(crate) fn full_trans(&self) -> [[f32; NUM_TAGS]; TRANS_ROWS] {
        let mut t = self.trans;
        for (p, row) in t.iter_mut().enumerate() {
            for (c, x) in row.iter_mut().enumerate() {
                *x = self.trans_at(p, c);
            }
        }
        t
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
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&self.calib_bias.to_le_bytes());
        for row in &self.trans {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.table.keys.len() as u32).to_le_bytes());
        for k in &self.table.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for &w in &self.table.weights {
            let q = (w / self.scale).round();
            if self.bits == 8 {
                out.push(q.clamp(-127.0, 127.0) as i8 as u8);
            } else {
                out.extend_from_slice(&(q.clamp(-32767.0, 32767.0) as i16).to_le_bytes());
            }
        }
        let names = self.names.entries();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for &(h, m) in names {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(m);
        }
        let sum = fnv32(&out);
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
        if bits != 8 && bits != 16 {
            return Err(ModelError::Corrupt(format!("unsupported weight width {bits}")));
        }
        let tags = r.u16()? as usize;
        if tags != NUM_TAGS {
            return Err(ModelError::Corrupt(format!(
                "{tags} tags, this build has {NUM_TAGS}"
            )));
        }
        let scale = r.f32()?;
        let temperature = r.f32()?;
        let calib_bias = r.f32()?;
        let mut trans = [[0f32; NUM_TAGS]; TRANS_ROWS];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let n = r.u32()? as usize;
        let wbytes = bits as usize / 8;
        r.need(n.saturating_mul(4 + NUM_TAGS * wbytes))?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u32()?);
        }
        let mut weights = Vec::with_capacity(n * NUM_TAGS);
        for _ in 0..n * NUM_TAGS {
            let q = if bits == 8 {
                r.u8()? as i8 as f32
            } else {
                r.u16()? as i16 as f32
            };
            weights.push(q * scale);
        }
        let m = r.u32()? as usize;
        r.need(m.saturating_mul(5))?;
        let mut names = Vec::with_capacity(m);
        for _ in 0..m {
            let h = r.u32()?;
            let mask = r.u8()?;
            names.push((h, mask));
        }
        let body_end = r.at;
        let sum = r.u32()?;
        if r.at != bytes.len() {
            return Err(ModelError::Corrupt(format!(
                "{} unexpected bytes after the end",
                bytes.len() - r.at
            )));
        }
        if fnv32(&bytes[..body_end]) != sum {
            return Err(ModelError::Corrupt("checksum mismatch".into()));
        }
        if keys.iter().any(|&k| k == 0) || keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(ModelError::Corrupt("feature keys not strictly increasing".into()));
        }
        let all_finite = [scale, temperature, calib_bias].iter().all(|x| x.is_finite())
            && trans.iter().flatten().all(|x| x.is_finite());
        if !all_finite || temperature <= 0.0 {
            return Err(ModelError::Corrupt("non-finite parameters".into()));
        }
        let names = NameList::from_sorted(names)
            .ok_or_else(|| ModelError::Corrupt("name list not sorted".into()))?;
        Ok(Model {
            lang,
            trans,
            table: WeightTable::new(keys, weights),
            names,
            temperature,
            calib_bias,
            bits,
            scale,
            overlay: BTreeMap::new(),
            overlay_trans: [[0.0; NUM_TAGS]; TRANS_ROWS],
            corrections: 0,
        })
    }

    /// The learned (online) state, for persisting.
    pub fn learned(&self) -> Learned {
        let changed = self.overlay_trans.iter().flatten().any(|&x| x != 0.0);
        Learned {
            version: FORMAT_VERSION,
            feature_set: FEATURE_SET,
            corrections: self.corrections,
            weights: self
                .overlay
                .iter()
                .map(|(&k, r)| (k, r.to_vec()))
                .collect(),
            transitions: if changed {
                self.overlay_trans.iter().flatten().copied().collect()
            } else {
                Vec::new()
            },
        }
    }

    /// Restores a learned state saved with [`Model::learned`], replacing
    /// the current one.
    pub fn set_learned(&mut self, l: &Learned) -> Result<(), ModelError> {
        if l.version != FORMAT_VERSION {
            return Err(ModelError::Version {
                found: l.version,
                expected: FORMAT_VERSION,
                what: "format",
            });
        }
        if l.feature_set != FEATURE_SET {
            return Err(ModelError::Version {
                found: l.feature_set,
                expected: FEATURE_SET,
                what: "feature-template",
            });
        }
        let mut overlay = BTreeMap::new();
        for (k, w) in &l.weights {
            let row: Row = w.as_slice().try_into().map_err(|_| {
                ModelError::Corrupt(format!("learned row for key {k} has {} weights", w.len()))
            })?;
            if row.iter().any(|x| !x.is_finite()) {
                return Err(ModelError::Corrupt("non-finite learned weight".into()));
            }
            overlay.insert(*k, row);
        }
        let mut trans = [[0f32; NUM_TAGS]; TRANS_ROWS];
        if !l.transitions.is_empty() {
            if l.transitions.len() != TRANS_ROWS * NUM_TAGS
                || l.transitions.iter().any(|x| !x.is_finite())
            {
                return Err(ModelError::Corrupt("bad learned transitions".into()));
            }
            for (i, x) in l.transitions.iter().enumerate() {
                trans[i / NUM_TAGS][i % NUM_TAGS] = *x;
            }
        }
        self.overlay = overlay;
        self.overlay_trans = trans;
        self.corrections = l.corrections;
        Ok(())
    }

    /// Forgets everything learned online.
    pub fn reset_learned(&mut self) {
        self.overlay.clear();
        self.overlay_trans = [[0.0; NUM_TAGS]; TRANS_ROWS];
        self.corrections = 0;
    }

    /// One online update towards `gold` for a sentence (perceptron rule,
    /// repeated until the sentence decodes to `gold`, at most `rounds`
    /// times). `feats` are the sentence's features. Returns the number of
    /// updates made.
    pub fn learn_sentence(&mut self, feats: &Features, gold: &[Tag], step: f32, rounds: usize) -> usize {
        let n = feats.len();
        if n == 0 || gold.len() != n {
            return 0;
        }
        let mut updates = 0;
        for _ in 0..rounds {
            let em = self.emissions(feats);
            let pred = self.viterbi(&em);
            if pred == gold {
                break;
            }
            updates += 1;
            for i in 0..n {
                let (g, p) = (gold[i].index(), pred[i].index());
                let gp = if i == 0 { START } else { gold[i - 1].index() };
                let pp = if i == 0 { START } else { pred[i - 1].index() };
                if g != p || gp != pp {
                    self.overlay_trans[gp][g] += step;
                    self.overlay_trans[pp][p] -= step;
                }
                if g == p {
                    continue;
                }
                for &k in feats.of(i) {
                    let row = self.overlay.entry(k).or_insert([0.0; NUM_TAGS]);
                    row[g] += step;
                    row[p] -= step;
                }
            }
        }
        if updates > 0 {
            self.corrections += 1;
        }
        updates
    }

    /// A typical feature weight magnitude: the step size for online updates.
    pub fn typical_weight(&self) -> f32 {
        let mut v: Vec<f32> = self
            .table
            .weights
            .iter()
            .map(|x| x.abs())
            .filter(|&x| x > 0.0)
            .collect();
        if v.is_empty() {
            return 1.0;
        }
        let mid = v.len() * 9 / 10;
        let (_, m, _) = v.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
        *m
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
    let mut score = [NEG; NUM_TAGS];
    let mut back = vec![0u8; n * NUM_TAGS];
    for t in 0..NUM_TAGS {
        if Tag(t as u8).may_follow(None) {
            score[t] = trans[START][t] + em[t];
        }
    }
    for i in 1..n {
        let mut next = [NEG; NUM_TAGS];
        for t in 0..NUM_TAGS {
            let tag = Tag(t as u8);
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..NUM_TAGS {
                if score[p] == NEG || !tag.may_follow(Some(Tag(p as u8))) {
                    continue;
                }
                let s = score[p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > NEG {
                next[t] = best + em[i * NUM_TAGS + t];
            }
            back[i * NUM_TAGS + t] = arg;
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

/// Forward–backward in log space (f64, `libm`), for span marginals.
pub(crate) struct ForwardBackward {
    alpha: Vec<f64>,
    beta: Vec<f64>,
    log_z: f64,
}

fn lse(xs: &[f64]) -> f64 {
    let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + libm::log(xs.iter().map(|&x| libm::exp(x - m)).sum::<f64>())
}

impl ForwardBackward {
    pub fn new(trans: &[[f32; NUM_TAGS]; TRANS_ROWS], em: &[f32], temp: f32) -> Self {
        let n = em.len() / NUM_TAGS;
        let t_ = temp as f64;
        let e = |i: usize, t: usize| em[i * NUM_TAGS + t] as f64 / t_;
        let tr = |p: usize, t: usize| -> f64 {
            let ok = if p == START {
                Tag(t as u8).may_follow(None)
            } else {
                Tag(t as u8).may_follow(Some(Tag(p as u8)))
            };
            if ok {
                trans[p][t] as f64 / t_
            } else {
                f64::NEG_INFINITY
            }
        };
        let mut alpha = vec![f64::NEG_INFINITY; n * NUM_TAGS];
        let mut beta = vec![0f64; n * NUM_TAGS];
        let mut buf = [0f64; NUM_TAGS];
        for t in 0..NUM_TAGS {
            alpha[t] = tr(START, t) + e(0, t);
        }
        for i in 1..n {
            for t in 0..NUM_TAGS {
                for p in 0..NUM_TAGS {
                    buf[p] = alpha[(i - 1) * NUM_TAGS + p] + tr(p, t);
                }
                alpha[i * NUM_TAGS + t] = lse(&buf) + e(i, t);
            }
        }
        for i in (0..n.saturating_sub(1)).rev() {
            for p in 0..NUM_TAGS {
                for t in 0..NUM_TAGS {
                    buf[t] = tr(p, t) + e(i + 1, t) + beta[(i + 1) * NUM_TAGS + t];
                }
                beta[i * NUM_TAGS + p] = lse(&buf);
            }
        }
        let log_z = lse(&alpha[(n - 1) * NUM_TAGS..n * NUM_TAGS]);
        ForwardBackward { alpha, beta, log_z }
    }

    /// Probability that tokens `s..e` are exactly one name with B-tag `b`.
    pub fn span_prob(
        &self,
        trans: &[[f32; NUM_TAGS]; TRANS_ROWS],
        em: &[f32],
        temp: f32,
        s: usize,
        e: usize,
        b: Tag,
    ) -> f64 {
        let n = em.len() / NUM_TAGS;
        let t_ = temp as f64;
        let bi = b.index();
        let ii = bi + 1;
        let mut lp = self.alpha[s * NUM_TAGS + bi];
        let mut prev = bi;
        for k in s + 1..e {
            lp += trans[prev][ii] as f64 / t_ + em[k * NUM_TAGS + ii] as f64 / t_;
            prev = ii;
        }
        if e < n {
            let mut buf = [f64::NEG_INFINITY; NUM_TAGS];
            for t in 0..NUM_TAGS {
                if t == ii {
                    continue;
                }
                if !Tag(t as u8).may_follow(Some(Tag(prev as u8))) {
                    continue;
                }
                buf[t] = trans[prev][t] as f64 / t_
                    + em[e * NUM_TAGS + t] as f64 / t_
                    + self.beta[e * NUM_TAGS + t];
            }
            lp += lse(&buf);
        }
        libm::exp(lp - self.log_z).clamp(0.0, 1.0)
    }
}

/// 32-bit FNV-1a, the file checksum.
pub(crate) fn fnv32(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &x in b {
        h ^= x as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
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
