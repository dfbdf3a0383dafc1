//! End-to-end tests of the `hamish` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hamish(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    {
        let mut input = child.stdin.take().unwrap();
        // A closed pipe is fine: some tests fail before reading stdin.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn annotate_json_uses_code_points() {
    // The emoji is one code point (two UTF-16 units, four bytes).
    let out = hamish(
        &["annotate", "--date", "2025-05-17"],
        "😀 بوتين في موسكو في فبراير 2022".as_bytes(),
    );
    let v = json(&out);
    let anns = v["annotations"].as_array().unwrap();
    let putin = &anns[0];
    assert_eq!(putin["text"], "بوتين");
    assert_eq!(putin["type"], "PER");
    assert_eq!(putin["start"], 2);
    assert_eq!(putin["end"], 7);
    assert_eq!(putin["source"], "lexicon");
    assert!(putin["value"].is_null());
    let date = anns.iter().find(|a| a["type"] == "DATE").unwrap();
    assert_eq!(date["value"], "2022-02");
    assert_eq!(date["text"], "فبراير 2022");
    for a in anns {
        for key in [
            "start",
            "end",
            "text",
            "type",
            "value",
            "confidence",
            "source",
        ] {
            assert!(a.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn annotate_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("hamish-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.txt");
    std::fs::write(&path, "زار ماكرون واشنطن").unwrap();
    let out = hamish(
        &["annotate", path.to_str().unwrap(), "--format", "text"],
        b"",
    );
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s, "4\t10\tPER\tماكرون\n11\t17\tLOC\tواشنطن\n");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn batch_jsonl() {
    let input = concat!(
        r#"{"id":"a","text":"أمس في كييف","reference_date":"2025-05-17"}"#,
        "\n\n",
        r#"{"id":7,"text":"Nothing here","lang":"en"}"#,
        "\n"
    );
    let out = hamish(&["annotate", "--input", "jsonl"], input.as_bytes());
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["annotations"][0]["value"], "2025-05-16");
    assert_eq!(lines[0]["annotations"][1]["text"], "كييف");
    assert_eq!(lines[1]["id"], 7);
}

#[test]
fn batch_reports_bad_lines_and_keeps_going() {
    let input = concat!(
        "not json\n",
        r#"{"id":"b","text":"x","reference_date":"2025-13-01"}"#,
        "\n",
        r#"{"id":"c","text":"موسكو"}"#,
        "\n"
    );
    let out = hamish(&["annotate", "--input", "jsonl"], input.as_bytes());
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 1: invalid JSON"), "{err}");
    assert!(err.contains("line 2: reference_date"), "{err}");
    let ok = String::from_utf8(out.stdout).unwrap();
    assert_eq!(ok.lines().count(), 1);
    assert!(ok.contains("\"c\""));
}

#[test]
fn clear_errors_never_panics() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&["annotate"], b"\xff\xfeabc", "not valid UTF-8"),
        (&["annotate", "--date", "2025-02-30"], b"", "has no day 30"),
        (&["annotate", "--date", "yesterday"], b"", "YYYY-MM-DD"),
        (&["annotate", "--lang", "fr"], b"", "unknown language"),
        (&["annotate", "--frobnicate"], b"", "unexpected argument"),
        (&["annotate", "/nonexistent/file.txt"], b"", "cannot read"),
        (&["frobnicate"], b"", "unrecognized subcommand"),
    ];
    for (args, input, msg) in cases {
        let out = hamish(args, input);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(msg), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn bad_input_is_handled() {
    let big = "بوتين في موسكو. ".repeat(5 * 1024 * 1024 / 28);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        ("whitespace", b" \n\t\n ".to_vec()),
        ("emoji", "👩‍👩‍👧 بوتين 🇷🇺".as_bytes().to_vec()),
        ("combining", "e\u{301} بُوتِينُ".as_bytes().to_vec()),
        (
            "bidi",
            "\u{202B}بوتين\u{202C} \u{200F}موسكو".as_bytes().to_vec(),
        ),
        (
            "markup",
            "<script>alert(1)</script> بوتين".as_bytes().to_vec(),
        ),
        ("nul", b"\0\0 \0".to_vec()),
        ("5MB", big.into_bytes()),
    ];
    for (name, input) in cases {
        let out = hamish(&["annotate", "--date", "2025-05-17"], &input);
        let v = json(&out);
        let text = String::from_utf8(input).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for a in v["annotations"].as_array().unwrap() {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= chars.len(), "{name}");
            let t: String = chars[s..e].iter().collect();
            assert_eq!(a["text"].as_str().unwrap(), t, "{name}");
        }
        if name == "bidi" {
            let texts: Vec<&str> = v["annotations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["text"].as_str().unwrap())
                .collect();
            assert_eq!(texts, ["بوتين", "موسكو"]);
        }
    }
}
