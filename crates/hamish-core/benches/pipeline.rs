//! Throughput of the text foundations and the cost of loading the lexicons.
//!
//! Run: `cargo bench -p hamish-core --bench pipeline`
//!
//! * `pipeline/normalize+tokenize+lexicon` — normalisation, tokenisation
//!   with clitic segmentation and lexicon matching on 100 copies of the seed
//!   article (www/kremlin-talks.ar.txt), one thread; criterion prints the
//!   throughput in MiB/s (and MB/s = MiB/s × 1.048576);
//! * `pipeline/normalize`, `pipeline/tokenize`, `pipeline/lexicon-find` —
//!   the three stages alone;
//! * `lexicon/load` — loading the bundled lexicon from its compiled image
//!   (what the first analysis pays, once);
//! * `lexicon/build-from-sources` — compiling it from the `.tsv` files
//!   instead (what the image saves).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hamish_core::lexicon::Lexicon;
use hamish_core::normalize::{NormOptions, Normalized};
use hamish_core::token::tokenize;

const SEED: &str = include_str!("../../../www/kremlin-talks.ar.txt");

fn pipeline(c: &mut Criterion) {
    let text = SEED.repeat(100);
    let lex = Lexicon::bundled();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("normalize+tokenize+lexicon", |b| {
        b.iter(|| {
            let norm = Normalized::new(black_box(&text), NormOptions::default());
            let toks = tokenize(&norm, lex);
            black_box(lex.find(&norm, &toks).len())
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| Normalized::new(black_box(&text), NormOptions::default()))
    });
    let norm = Normalized::new(&text, NormOptions::default());
    g.bench_function("tokenize", |b| b.iter(|| tokenize(black_box(&norm), lex)));
    let toks = tokenize(&norm, lex);
    g.bench_function("lexicon-find", |b| {
        b.iter(|| lex.find(black_box(&norm), black_box(&toks)))
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| Lexicon::load_bundled().expect("bundled lexicon is valid"))
    });
    g.bench_function("build-from-sources", |b| {
        b.iter(|| Lexicon::build_bundled().expect("bundled lexicon is valid"))
    });
    g.finish();
}

criterion_group!(benches, pipeline, load);
criterion_main!(benches);
