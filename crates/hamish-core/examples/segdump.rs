//! Prints how the bundled lexicon segments words: one word per line on
//! stdin; prints `word  proclitic  article  stem  enclitic`.
use std::io::BufRead;

use hamish_core::lexicon::Lexicon;
use hamish_core::normalize::{NormOptions, Normalized};
use hamish_core::token::tokenize;

fn main() {
    let lex = Lexicon::bundled();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8");
        for w in line.split_whitespace() {
            let norm = Normalized::new(w, NormOptions::default());
            for t in tokenize(&norm, lex) {
                let s = t.norm.start + t.proclitic_len as usize;
                let a = &norm.as_str()[s..s + t.article_len as usize];
                let e = &norm.as_str()[t.norm.end - t.enclitic_len as usize..t.norm.end];
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    w,
                    t.proclitic(&norm),
                    a,
                    t.stem(&norm),
                    e
                );
            }
        }
    }
}
