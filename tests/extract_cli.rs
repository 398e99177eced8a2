//! `parallax extract` through the real binary: the JSON contract of DESIGN.md §5 and the text
//! listing.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("parallax")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn json_follows_the_contract_and_offsets_point_into_the_text() {
    let path = "assets/samples/1-wire.txt";
    let out = run(&[
        "extract",
        path,
        "assets/samples/2-rewrite.txt",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let text = std::fs::read_to_string(path).expect("sample");
    let doc = &json["documents"][0];
    assert_eq!(doc["id"], 0);
    assert_eq!(doc["path"], path);
    let slice = |item: &Value| {
        let (s, e) = (
            item["start"].as_u64().unwrap() as usize,
            item["end"].as_u64().unwrap() as usize,
        );
        text[s..e].to_string()
    };
    let quotes = doc["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), 9);
    for q in quotes {
        assert_eq!(slice(q), q["text"].as_str().unwrap());
        assert!(q["scare"].is_boolean());
        assert!(q["speaker"].is_string() || q["speaker"].is_null());
    }
    // `text` is inside the marks.
    assert_eq!(
        quotes[0]["text"],
        "We opened the gates because the alternative was losing the dam,"
    );
    assert_eq!(quotes[0]["speaker"], "Ilse Marand");
    let entities = doc["entities"].as_array().expect("entities");
    let nwa = entities
        .iter()
        .find(|e| e["name"] == "National Water Authority")
        .expect("NWA");
    assert_eq!(nwa["class"], "organization");
    let names: Vec<String> = nwa["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert_eq!(slice(m), m["text"].as_str().unwrap());
            m["text"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(names.contains(&"NWA".to_string()), "{names:?}");
    for e in entities {
        assert!(
            ["person", "organization", "place", "other"].contains(&e["class"].as_str().unwrap())
        );
    }
    let claims = doc["claims"].as_array().expect("claims");
    let homes = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("1,240 homes"))
        .expect("the homes claim");
    assert_eq!(slice(homes), homes["text"].as_str().unwrap());
    assert_eq!(homes["source"], "Piet Ocksen");
    // The rewrite's 1,200 homes is the same claim with a changed figure.
    assert_eq!(homes["counterparts"][0]["doc"], 1);
    assert_eq!(homes["counterparts"][0]["wording"], "figure_changed");
}

#[test]
fn text_listing_groups_by_kind() {
    let out = run(&["extract", "assets/samples/1-wire.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let entities = text.find("\nEntities\n").expect("entities section");
    let quotes = text.find("\nQuotes\n").expect("quotes section");
    let claims = text.find("\nClaims\n").expect("claims section");
    assert!(entities < quotes && quotes < claims);
    assert!(text.contains("National Water Authority"));
    assert!(text.contains("“controlled discharge” — National Water Authority [scare]"));
}

#[test]
fn non_english_input_is_reported_not_annotated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("de.txt");
    std::fs::write(
        &path,
        "Die Regierung hat am Dienstag eine unabhängige Untersuchung angekündigt, nachdem das \
         Hochwasser drei Städte im Tal überflutet hatte. Die Ministerin sagte, man habe die \
         Schleusen öffnen müssen, weil sonst der Damm gebrochen wäre, und versprach Hilfe für alle.",
    )
    .expect("write");
    let out = run(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let doc = &json["documents"][0];
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap()
            .contains("English-only")
    );
    assert_eq!(doc["entities"].as_array().unwrap().len(), 0);
}
