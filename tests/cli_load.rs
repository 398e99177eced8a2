//! The loader through the real binary: every refusal is one line naming the input, exit code 2;
//! each format and encoding loads.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn parallax() -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    // A user config on the test machine must not change what we test.
    cmd.env("PARALLAX_CONFIG", "").env("NO_COLOR", "1");
    cmd
}

/// Runs `inspect --format json` and returns the parsed output.
fn inspect(args: &[&str], stdin: Option<Vec<u8>>) -> serde_json::Value {
    let mut cmd = parallax();
    cmd.arg("inspect").args(["--format", "json"]).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("inspect prints JSON")
}

fn refused(args: &[&str], reason: &str) {
    let assert = parallax().args(args).assert().code(2).stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("parallax: "), "{err}");
    assert!(err.contains(reason), "expected {reason:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn refusals_name_the_file_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let missing = d.join("missing.txt");
    refused(
        &["inspect", missing.to_str().unwrap()],
        &format!("{}: no such file", missing.display()),
    );
    refused(
        &["inspect", d.to_str().unwrap()],
        &format!("{}: is a directory", d.display()),
    );

    let binary = d.join("photo.jpg");
    fs::write(&binary, b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00").unwrap();
    refused(
        &["inspect", binary.to_str().unwrap()],
        "photo.jpg: looks like binary data",
    );

    let big = d.join("big.txt");
    fs::write(&big, "word ".repeat(400)).unwrap();
    refused(
        &["inspect", "--max-file-size", "1KiB", big.to_str().unwrap()],
        "big.txt: too large (2000 bytes; the limit is 1024 bytes",
    );

    // The first bad file of several is the one reported.
    let good = d.join("good.txt");
    fs::write(&good, "Fine.").unwrap();
    refused(
        &["compare", good.to_str().unwrap(), missing.to_str().unwrap()],
        "missing.txt: no such file",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, "secret").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // root reads anything; the refusal can only be observed as an ordinary user.
    if fs::read(&locked).is_err() {
        refused(
            &["inspect", locked.to_str().unwrap()],
            "locked.txt: cannot be read",
        );
    }
    // A file whose read fails with an I/O error, which root sees too.
    if cfg!(target_os = "linux") {
        refused(
            &["inspect", "/proc/self/mem"],
            "/proc/self/mem: cannot be read",
        );
    }
}

#[test]
fn size_limit_comes_from_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    fs::write(&cfg, "[input]\nmax_file_size = \"10B\"\n").unwrap();
    let doc = dir.path().join("a.txt");
    fs::write(&doc, "More than ten bytes.").unwrap();
    refused(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "inspect",
            doc.to_str().unwrap(),
        ],
        "the limit is 10 bytes",
    );
    fs::write(&cfg, "[input]\nmax_file_size = \"ten\"\n").unwrap();
    refused(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "inspect",
            doc.to_str().unwrap(),
        ],
        "config.toml: line 2",
    );
}

#[test]
fn formats_and_encodings_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let html = write(
        "story.html",
        b"<html><head><title>Flood inquiry</title><script>alert(1)</script></head><body>\
          <nav>Menu</nav><article><p>The inquiry opened on Monday with a long first paragraph.</p>\
          <p>It will report in spring.</p></article></body></html>",
    );
    let sniffed = write(
        "story.page",
        b"<!DOCTYPE html><html><body><p>Sniffed.</p></body></html>",
    );
    let md = write("notes.md", b"# Heading\n\nBody.\n");
    let crlf = write("crlf.txt", b"\xEF\xBB\xBFOne.\r\nTwo.\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Wide text.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let wide = write("wide.txt", &utf16);
    let latin1 = write("latin1.txt", b"Caf\xE9 opened.");
    let empty = write("empty.txt", b"");

    let v = inspect(&[&html, &sniffed, &md, &crlf, &wide, &latin1, &empty], None);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["format"], "html");
    assert_eq!(docs[0]["title"], "Flood inquiry");
    let texts: Vec<&str> = docs[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec![
            "Flood inquiry",
            "The inquiry opened on Monday with a long first paragraph.",
            "It will report in spring."
        ]
    );
    assert_eq!(docs[1]["format"], "html");
    assert_eq!(docs[2]["format"], "markdown");
    assert_eq!(docs[2]["title"], "Heading");
    assert_eq!(docs[3]["sentences"][1]["text"], "Two.");
    assert_eq!(
        docs[3]["sentences"][1]["start"], 5,
        "BOM dropped, CRLF became LF"
    );
    assert_eq!(docs[4]["sentences"][0]["text"], "Wide text.");
    assert!(
        docs[5]["warnings"][0]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert_eq!(docs[6]["warnings"][0], "the document is empty");
    assert_eq!(docs[6]["sentences"].as_array().unwrap().len(), 0);
}

#[test]
fn stdin_loads_once_and_only_once() {
    let v = inspect(&["-"], Some(b"From a pipe. Second sentence.".to_vec()));
    assert_eq!(v["documents"][0]["path"], "-");
    assert_eq!(
        v["documents"][0]["sentences"][1]["text"],
        "Second sentence."
    );
    refused(
        &["inspect", "-", "-"],
        "standard input (-) can be given only once",
    );
}

#[test]
fn bundled_samples_load_as_three_versions() {
    use parallax::document::{Corpus, LoadOptions, load};
    let corpus = Corpus::load(&load::sample_sources(), &LoadOptions::default()).unwrap();
    assert_eq!(corpus.documents.len(), 3);
    for doc in &corpus.documents {
        let words = doc.word_count();
        assert!(
            (400..=800).contains(&words),
            "{} has {words} words",
            doc.origin
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert!(doc.sentences.len() > 25);
    }
    assert_eq!(corpus.documents[0].origin.to_string(), "1-wire.txt");
}

#[test]
fn help_and_version() {
    parallax()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("compare").and(predicate::str::contains("extract")));
    parallax()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("parallax "));
    parallax().arg("--bogus").assert().code(2);
}
