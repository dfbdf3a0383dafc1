//! End-to-end tests of `hamish train`, `hamish eval` and `hamish tag`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hamish(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// Asserts that the command succeeded, showing its standard error if not.
fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `micro` line of a score table printed by `hamish eval`.
fn micro_line(stdout: &[u8]) -> String {
    let table = String::from_utf8_lossy(stdout);
    let line = table.lines().find(|l| l.starts_with("micro"));
    line.expect(&table).to_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hamish-ner-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

const CORPUS: &str = "\
قال O\nبوتين B-PERS\nفي O\nموسكو B-LOC\n. O\n\n\
زار O\nماكرون B-PERS\nبرلين B-LOC\nأمس O\n. O\n\n\
أعلن O\nحلف B-ORG\nشمال I-ORG\nالأطلسي I-ORG\nقرارا O\n. O\n\n";

#[test]
fn train_eval_tag_round_trip() {
    let d = temp_dir("roundtrip");
    let data = d.join("train.conll");
    std::fs::write(&data, CORPUS.repeat(10)).unwrap();
    // Three quick epochs, no calibration.
    let train = |out: &Path| {
        hamish(&[
            "train",
            "--lang",
            "ar",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--epochs",
            "3",
            "--no-calibrate",
        ])
    };
    let model = d.join("m.hmnr");
    let out = train(&model);
    assert_ok(&out);
    let bytes = std::fs::read(&model).unwrap();
    // Deterministic: the same command writes the same bytes.
    let model2 = d.join("m2.hmnr");
    let out = train(&model2);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&model2).unwrap(), bytes);

    let out = hamish(&[
        "eval",
        "--gold",
        data.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    let micro = micro_line(&out.stdout);
    let f1: f64 = micro.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!(f1 > 90.0, "{table}");
    assert!(table.contains("PER") && table.contains("ORG") && table.contains("LOC"));

    // Tags in the input are ignored; sentence breaks are preserved.
    let out = hamish(&[
        "tag",
        "--format",
        "conll",
        "--model",
        model.to_str().unwrap(),
        data.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let corpus10 = CORPUS.repeat(10);
    let want: Vec<&str> = corpus10
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(lines.len(), want.len());
    for (l, w) in lines.iter().zip(&want) {
        if w.is_empty() {
            assert!(l.is_empty());
        } else {
            let (tok, tag) = l.split_once('\t').expect(l);
            assert_eq!(tok, *w);
            assert!(
                tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
                "{l}"
            );
        }
    }
    assert!(text.contains("بوتين\tB-PER"));

    // The predictions score with --pred as well.
    let pred = d.join("pred.conll");
    std::fs::write(&pred, &text).unwrap();
    let out = hamish(&[
        "eval",
        "--gold",
        data.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("micro"));

    // `tag --model-only` scored with --pred is `eval --model-only`.
    let micro_of = |out: Output| {
        assert_ok(&out);
        micro_line(&out.stdout)
    };
    let m = model.to_str().unwrap();
    let g = data.to_str().unwrap();
    let tagged = hamish(&["tag", "--model-only", "--model", m, g]);
    assert!(tagged.status.success());
    std::fs::write(&pred, &tagged.stdout).unwrap();
    let p = pred.to_str().unwrap();
    assert_eq!(
        micro_of(hamish(&["eval", "--gold", g, "--pred", p])),
        micro_of(hamish(&["eval", "--gold", g, "--model", m, "--model-only"]))
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn broken_training_lines_are_reported_with_line_numbers() {
    let d = temp_dir("broken");
    let data = d.join("bad.conll");
    std::fs::write(&data, "قال O\nبوتين\nفي O\n\nموسكو B-LOC\nx B-MIS1`\n").unwrap();
    let model = d.join("m.hmnr");
    let args = [
        "train",
        "--data",
        data.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
        "--no-calibrate",
    ];
    let out = hamish(&args);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.conll: line 2: expected `token TAG`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!model.exists());
    let mut args = args.to_vec();
    args.push("--skip-broken");
    let out = hamish(&args);
    assert_ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(":2: broken line skipped"), "{err}");
    assert!(
        err.contains(":6: malformed tag \"B-MIS1`\" read as B-MISC"),
        "{err}"
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn bad_models_and_inputs_are_clear_errors() {
    let d = temp_dir("badmodel");
    let model = d.join("trunc.hmnr");
    std::fs::write(&model, b"HAMISHNR\x01\x00").unwrap();
    let input = d.join("in.conll");
    std::fs::write(&input, "بوتين\nفي\nموسكو\n").unwrap();
    let out = hamish(&[
        "tag",
        "--model",
        model.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("truncated"), "{err}");
    assert!(!err.contains("panicked"));
    for args in [
        vec!["eval", "--gold", "/nonexistent/gold.conll"],
        vec!["tag", "--format", "json", input.to_str().unwrap()],
        vec![
            "train",
            "--lang",
            "fr",
            "--data",
            input.to_str().unwrap(),
            "--out",
            "/tmp/x",
        ],
    ] {
        let out = hamish(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("hamish: error:") || err.contains("error"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // The bundled model tags a file without tags.
    let out = hamish(&["tag", input.to_str().unwrap()]);
    assert_ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(text.contains("موسكو\tB-LOC"), "{text}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn a_file_that_tags_fewer_types_trains_with_partial_labels() {
    let d = temp_dir("partial");
    let full = d.join("full.conll");
    std::fs::write(
        &full,
        format!("{}استخدم O\nكورالوكس B-MISC\nالجديد O\n. O\n\n", CORPUS).repeat(4),
    )
    .unwrap();
    let people = d.join("people.conll");
    std::fs::write(
        &people,
        "قال O\nبوتين B-PERS\nإن O\nكورالوكس O\nممتاز O\n. O\n\n".repeat(8),
    )
    .unwrap();
    let train = |out: &Path, extra: &[&str]| {
        let mut args = vec![
            "train",
            "--lang",
            "ar",
            "--epochs",
            "2",
            "--no-calibrate",
            "--data",
            full.to_str().unwrap(),
            people.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        hamish(&args)
    };
    let partial = d.join("partial.hmnr");
    let out = train(&partial, &[]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("people.conll tags no ORG/LOC/MISC") && !err.contains("full.conll tags no"),
        "{err}"
    );
    let complete = d.join("complete.hmnr");
    let out = train(&complete, &["--complete-labels"]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("tags no"));
    assert_ne!(
        std::fs::read(&partial).unwrap(),
        std::fs::read(&complete).unwrap(),
        "partial labels change what is learned"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn eval_replays_corrections_four_ways() {
    let d = temp_dir("replay");
    let gold = d.join("gold.conll");
    // The first sentence has an organisation the bundled model cannot know;
    // the second says a name the model knows is none.
    let missed = "قالت O\nكوريماتا B-ORG\nإن O\nالاتفاق O\nقريب O\n. O\n\n";
    let invented = "قال O\nبوتين O\nفي O\nموسكو B-LOC\n. O\n\n";
    std::fs::write(&gold, format!("{missed}{invented}{}", CORPUS.repeat(4))).unwrap();
    let g = gold.to_str().unwrap();
    // (extra arguments, how many of the 3 replayed sentences are corrections,
    // what they are called).
    for (extra, n, says) in [
        (&[][..], 3, "as corrections ("),
        // The third: «بوتين», rejected in the second, must be added back.
        (&["--replay-fixes"][..], 3, "of what the analyser got wrong"),
        (
            &["--replay-fixes", "--only-additions"][..],
            1,
            "of the names the analyser missed or got wrong",
        ),
        (
            &["--replay-fixes", "--only-rejections"][..],
            1,
            "of the names the analyser invented",
        ),
    ] {
        let mut args = vec!["eval", "--gold", g, "--replay", "3"];
        args.extend_from_slice(extra);
        let out = hamish(&args);
        assert_ok(&out);
        let text = String::from_utf8(out.stdout).unwrap();
        let replayed = text
            .lines()
            .find(|l| l.starts_with("replayed 3 sentences"))
            .expect(&text);
        assert!(
            replayed.contains(&format!(" {n} of them as corrections")) && replayed.contains(says),
            "{replayed}"
        );
        assert!(text.contains("micro-F1 on the "), "{text}");
    }
    // Additions or rejections alone are kinds of fixes replay, and exclusive.
    let out = hamish(&["eval", "--gold", g, "--replay", "3", "--only-additions"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--replay-fixes"));
    let out = hamish(&[
        "eval",
        "--gold",
        g,
        "--replay",
        "3",
        "--replay-fixes",
        "--only-additions",
        "--only-rejections",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    std::fs::remove_dir_all(&d).ok();
}
