//! Hostile input through the whole text pipeline: normalisation, tokens,
//! lexicon matching and analysis. No panic, sensible output.

use crate::lexicon::Lexicon;
use crate::normalize::{NormOptions, Normalized};
use crate::offsets::{from_utf16_lossy, OffsetMap};
use crate::token::{tokenize, TokenKind};
use crate::{analyze, Options};

/// Runs the pipeline and checks the invariants every output must keep.
fn run(text: &str) -> (Normalized, usize, usize) {
    let lex = Lexicon::bundled();
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, lex);
    for t in &toks {
        assert!(t.span.start <= t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        let n = t.name_norm();
        assert!(t.norm.start <= n.start && n.end <= t.norm.end);
    }
    let matches = lex.find(&norm, &toks);
    for m in &matches {
        let o = norm.to_original(m.norm.clone());
        assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
    }
    let analysis = analyze(text, &Options::default());
    for a in &analysis.annotations {
        assert!(a.start < a.end && a.end <= text.len());
        assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
    }
    (norm, toks.len(), matches.len())
}

#[test]
fn all_diacritics() {
    let text = "\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}".repeat(1000);
    let (norm, tokens, matches) = run(&text);
    assert_eq!(norm.as_str(), "");
    assert_eq!((tokens, matches), (0, 0));
}

#[test]
fn all_tatweel() {
    let text = "ـ".repeat(100_000);
    let (norm, tokens, _) = run(&text);
    assert_eq!(norm.as_str(), "");
    assert_eq!(tokens, 0);
}

#[test]
fn marks_before_any_letter_then_a_name() {
    let text = "\u{064E}\u{0651}ـموسكو";
    let (norm, tokens, matches) = run(text);
    assert_eq!(norm.as_str(), "موسكو");
    assert_eq!((tokens, matches), (1, 1));
}

#[test]
fn one_megabyte_without_a_space() {
    // Arabic letters with a name inside: one token, no match inside it.
    let word = "موسكو".repeat(100_000);
    assert!(word.len() >= 1_000_000);
    let (_, tokens, matches) = run(&word);
    assert_eq!((tokens, matches), (1, 0));
    // Latin letters.
    let (_, tokens, _) = run(&"x".repeat(1_000_000));
    assert_eq!(tokens, 1);
    // Punctuation only: many punctuation tokens, still linear.
    let (_, tokens, matches) = run(&"،".repeat(300_000));
    assert_eq!((tokens, matches), (300_000, 0));
}

#[test]
fn nul_bytes() {
    let text = "\0\0بوتين\0في\0موسكو\0";
    let lex = Lexicon::bundled();
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, lex);
    // NUL separates words and is not a token.
    let words: Vec<&str> = toks.iter().map(|t| &text[t.span.clone()]).collect();
    assert_eq!(words, ["بوتين", "في", "موسكو"]);
    let (_, _, matches) = run(text);
    assert!(matches >= 2);
    run("\0");
    run(&"\0".repeat(10_000));
}

#[test]
fn unpaired_surrogates_from_javascript() {
    // "قال بوتين" + lone high surrogate + " في موسكو" + lone low surrogate.
    let mut js: Vec<u16> = "قال بوتين".encode_utf16().collect();
    js.push(0xD83D);
    js.extend(" في موسكو".encode_utf16());
    js.push(0xDC00);
    let t = from_utf16_lossy(&js);
    assert_eq!(t.replaced.len(), 2);
    let analysis = analyze(&t.text, &Options::default());
    let found: Vec<(&str, usize, usize)> = analysis
        .annotations
        .iter()
        .map(|a| {
            (
                &t.text[a.range()],
                t.map.byte_to_utf16(a.start).unwrap(),
                t.map.byte_to_utf16(a.end).unwrap(),
            )
        })
        .collect();
    // The UTF-16 spans index the JavaScript string directly.
    for &(s, u0, u1) in &found {
        assert_eq!(String::from_utf16(&js[u0..u1]).unwrap(), s);
    }
    assert!(found.iter().any(|f| f.0 == "بوتين"));
    assert!(found.iter().any(|f| f.0 == "موسكو"));
    // A text of surrogates only.
    let t = from_utf16_lossy(&[0xDC00; 1000]);
    let (_, tokens, matches) = run(&t.text);
    assert_eq!((tokens, matches), (1000, 0));
}

#[test]
fn invisible_and_control_characters_only() {
    let text = "\u{200F}\u{202B}\u{2066}\u{FEFF}\u{200D}\u{AD}".repeat(1000);
    let (norm, tokens, _) = run(&text);
    assert_eq!(norm.as_str(), "");
    assert_eq!(tokens, 0);
    let (_, tokens, _) = run("\u{1}\u{2}\u{7}\u{1B}[0m");
    assert_eq!(tokens, 2); // "[" and "0m": control characters are not tokens
}

#[test]
fn punctuation_and_digits_only() {
    let lex = Lexicon::bundled();
    let text = "٢٠٢٥/٠٥/١٧ — ١٠٠٪ …";
    let norm = Normalized::new(text, NormOptions::default());
    let toks = tokenize(&norm, lex);
    assert!(toks.iter().any(|t| t.kind == TokenKind::Number));
    run(text);
    let m = OffsetMap::new(text);
    assert_eq!(m.len_chars(), text.chars().count());
}
