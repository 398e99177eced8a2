//! `parallax review export` through the real binary: each format carries the documents, every
//! marked item with its text in each version, verdicts, notes and counts; a session file that
//! cannot be read is refused in one line naming it, exit 2.

use std::fs;

use assert_cmd::Command;

/// A version-1 session written by hand (its hashes and offsets are made up: export needs
/// neither). Loading it also guards the file format against accidental changes.
const FIXTURE: &str = "tests/fixtures/review/session-v1.json";

fn parallax() -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary built");
    cmd.env("PARALLAX_CONFIG", "").env("NO_COLOR", "1");
    cmd
}

fn export(args: &[&str]) -> String {
    let out = parallax()
        .args(["review", "export", FIXTURE])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 export")
}

#[test]
fn markdown_is_the_default_and_has_everything() {
    let md = export(&[]);
    assert_eq!(md, export(&["--format", "md"]));
    for expected in [
        "**\\[0\\] Emergency release from Orsa dam floods valley towns, minister orders inquiry** — `/home/checker/story/1-wire.txt`",
        "**\\[2\\] URGENT WATER RELEASE FROM ORSA DAM",
        "- 4 items marked: 3 with a verdict, 2 with a note",
        "- verified: 1",
        "- disputed: 1",
        "- needs source: 0",
        "- wording changed: 1",
        "- orphaned (text no longer in its document): 1",
        "### 1. Claim — disputed",
        "> said 1,240 homes were flooded",
        "> said 1,200 homes had been flooded across the three towns",
        "> declared that 1,240 dwellings were inundated",
        "> prudent on paper and negligent in practice",
        "**Note:** Wire and round-trip say 1,240",
        "\\<script\\>",
        "*Orphaned: this text is no longer in \\[0\\] Emergency release",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    // Items in reading order, the orphan last.
    let pos = |s: &str| md.find(s).unwrap();
    assert!(pos("### 1. Claim — disputed") < pos("### 2. Quote — wording changed"));
    assert!(pos("### 3. Difference — verified") < pos("### 4. Claim — no verdict"));
    assert!(!md.contains("<script>"));
}

#[test]
fn json_carries_items_versions_and_counts() {
    let json: serde_json::Value = serde_json::from_str(&export(&["--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["documents"].as_array().unwrap().len(), 3);
    assert_eq!(
        json["documents"][1]["path"],
        "/home/checker/story/2-rewrite.txt"
    );
    let summary = &json["summary"];
    assert_eq!(summary["marked"], 4);
    assert_eq!(summary["orphaned"], 1);
    assert_eq!(
        summary["verdicts"][0],
        serde_json::json!({"verdict": "verified", "count": 1})
    );
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let claim = &items[0];
    assert_eq!(claim["kind"], "claim");
    assert_eq!(claim["verdict"], "disputed");
    assert_eq!(claim["start"], 405);
    let versions: Vec<&str> = claim["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        versions,
        [
            "said 1,240 homes were flooded",
            "said 1,200 homes had been flooded across the three towns",
            "declared that 1,240 dwellings were inundated"
        ]
    );
    assert_eq!(items[3]["orphaned"], true);
    assert_eq!(items[3]["verdict"], serde_json::Value::Null);
}

#[test]
fn html_is_self_contained_and_escaped() {
    let html = export(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script>"), "user text must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ask the desk"));
    assert!(
        !html.contains("src=") && !html.contains("<link"),
        "nothing fetched"
    );
    // Each version with the words the other lacks marked, the verdict as a badge.
    assert!(html.contains(
        "<blockquote><mark>prudent</mark> on paper and <mark>negligent</mark> in practice</blockquote>"
    ));
    assert!(
        html.contains("<span class=\"badge v1\">disputed</span>"),
        "{html}"
    );
    assert!(html.contains("[0] Emergency release"));
    assert!(html.contains("<li>wording changed: 1</li>"));
    assert!(html.contains("class=\"item orphaned\""));
}

#[test]
fn configured_verdicts_order_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(
        &config,
        "[review]\nverdicts = [\"disputed\", \"verified\", \"spin\"]\n",
    )
    .unwrap();
    let md = String::from_utf8(
        parallax()
            .args([
                "review",
                "export",
                FIXTURE,
                "--config",
                config.to_str().unwrap(),
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let summary: Vec<&str> = md.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        summary,
        [
            "- 4 items marked: 3 with a verdict, 2 with a note",
            "- disputed: 1",
            "- verified: 1",
            "- spin: 0",
            "- wording changed: 1",
            "- orphaned (text no longer in its document): 1",
        ]
    );
}

fn refused(path: &std::path::Path, reason: &str) {
    let assert = parallax()
        .args(["review", "export"])
        .arg(path)
        .assert()
        .code(2)
        .stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with(&format!("parallax: {}: ", path.display())),
        "{err}"
    );
    assert!(err.contains(reason), "expected {reason:?} in {err}");
}

#[test]
fn unusable_session_files_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    refused(&d.join("missing.json"), "no such session file");
    let fixture = fs::read_to_string(FIXTURE).unwrap();

    let corrupt = d.join("corrupt.json");
    fs::write(&corrupt, "not json at all").unwrap();
    refused(&corrupt, "not a valid session file");

    let truncated = d.join("truncated.json");
    fs::write(&truncated, &fixture[..fixture.len() / 2]).unwrap();
    refused(&truncated, "truncated");

    let newer = d.join("newer.json");
    fs::write(&newer, fixture.replace("\"version\": 1", "\"version\": 2")).unwrap();
    refused(&newer, "newer parallax");

    let dangling = d.join("dangling.json");
    fs::write(&dangling, fixture.replace("\"doc\": 2,", "\"doc\": 7,")).unwrap();
    refused(&dangling, "refers to document 7");

    refused(d, "cannot be read");
}
