//! `parallax compare` through the real binary: the JSON contract field by field, the HTML page,
//! the plain text report when piped, and bad input.

use assert_cmd::Command;
use serde_json::Value;

const A: &str = "tests/fixtures/compare/harbour-a.txt";
const B: &str = "tests/fixtures/compare/harbour-b.txt";

fn parallax() -> Command {
    let mut cmd = Command::cargo_bin("parallax").unwrap();
    cmd.env_remove("NO_COLOR")
        .env("PARALLAX_CONFIG", "tests/fixtures/compare/config.toml");
    cmd
}

fn run(args: &[&str]) -> String {
    let out = parallax().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn one_document_is_a_usage_error() {
    parallax()
        .args(["compare", A])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "compare needs at least two documents",
        ));
}

#[test]
fn json_follows_the_contract() {
    let json: Value = serde_json::from_str(&run(&["compare", "--format", "json", A, B])).unwrap();
    let texts = [
        std::fs::read_to_string(A).unwrap(),
        std::fs::read_to_string(B).unwrap(),
    ];
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc["id"], i);
        assert_eq!(doc["path"], [A, B][i]);
        assert!(doc["title"].as_str().unwrap().contains("crane"));
        for (k, s) in doc["sentences"].as_array().unwrap().iter().enumerate() {
            assert_eq!(s["id"], k);
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(s["text"], texts[i][start..end], "sentence {k} of doc {i}");
        }
    }
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!((pair["a"].as_u64(), pair["b"].as_u64()), (Some(0), Some(1)));
    assert_eq!(pair["stats"]["a"]["moved"], 2);
    assert_eq!(pair["stats"]["a"]["unique"], 0);
    let links = pair["links"].as_array().unwrap();
    assert_eq!(links.len(), 7);
    let kinds: Vec<&str> = links.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "paraphrase",
            "restated",
            "paraphrase",
            "paraphrase",
            "moved",
            "paraphrase",
            "moved"
        ]
    );
    assert_eq!(links[3]["a"], serde_json::json!([2]));
    assert_eq!(links[3]["b"], serde_json::json!([3, 4]));
    for link in links {
        let sim = link["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&sim));
        for op in link["ops"].as_array().unwrap() {
            assert!(["equal", "delete", "insert", "replace"].contains(&op["op"].as_str().unwrap()));
            for (side, text) in [("a", &texts[0]), ("b", &texts[1])] {
                let span = op[side].as_array().unwrap();
                let (s, e) = (
                    span[0].as_u64().unwrap() as usize,
                    span[1].as_u64().unwrap() as usize,
                );
                assert_eq!(op[format!("{side}_text")], text[s..e]);
            }
        }
    }
    let changed: Vec<(&str, &str)> = links[5]["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["op"] == "replace")
        .map(|op| {
            (
                op["a_text"].as_str().unwrap(),
                op["b_text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(changed, [("inspect", "examine")]);
}

#[test]
fn html_is_one_self_contained_page_with_every_sentence() {
    let tricky = "tests/fixtures/compare/tricky.html";
    let page = run(&["compare", "--format", "html", A, B, tricky]);
    // At most one small inline script (keys between differences), nothing fetched.
    assert!(page.matches("<script").count() <= 1 && !page.contains("src="));
    let script = page
        .split("<script>")
        .nth(1)
        .map_or("", |s| s.split("</script>").next().unwrap());
    assert!(script.len() < 1024, "a small script");
    // Links only inside the page: a moved sentence to its other copy.
    for (i, _) in page.match_indices("href=\"") {
        assert!(page[i + 6..].starts_with('#'), "an outside link");
    }
    assert!(page.contains("5 &lt; 7") && !page.contains("5 < 7"));
    let dom = dom_query::Document::from(page.as_str());
    assert_eq!(dom.select("table.rows").length(), 1);
    let shown = dom.select("table.rows").text().to_string();
    let json: Value =
        serde_json::from_str(&run(&["compare", "--format", "json", A, B, tricky])).unwrap();
    for doc in json["documents"].as_array().unwrap() {
        for s in doc["sentences"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            assert!(shown.contains(text), "missing from the page: {text}");
        }
    }
    assert!(dom.select("tr.m").length() >= 2);
    assert!(dom.select("table.stats").text().contains("Identical"));
    // Every moved link lands on a sentence of the page.
    for link in dom.select("tr.m a").iter() {
        let target = link.attr("href").unwrap().to_string();
        let id = target.trim_start_matches('#');
        assert_eq!(
            dom.select(&format!("[id=\"{id}\"]")).length(),
            1,
            "{target}"
        );
    }
    // Phone width and print: a viewport, stacked rows, marks that survive without colour.
    assert!(page.contains("name=\"viewport\""));
    assert!(page.contains("@media (max-width:700px)") && page.contains("@media print"));
    assert!(page.contains("prefers-color-scheme:dark"));
    assert!(dom.select("dl.legend").length() == 1);
    // The overview: from each reference, a strip per document, a mark per row, each linking to
    // its row.
    assert_eq!(dom.select(".overview").length(), 3);
    // Three versions: the body's class names the default reference, which the page names too,
    // with a selector between all three and every mark naming the references it is changed for.
    let body = dom.select("body").attr("class").unwrap().to_string();
    let reference = body.trim_start_matches('v');
    assert_eq!(dom.select("#ref option").length(), 3);
    assert_eq!(
        dom.select("#ref option[selected]")
            .attr("value")
            .unwrap()
            .to_string(),
        reference
    );
    assert!(
        dom.select(&format!(".refs strong.w{reference}"))
            .text()
            .starts_with(&format!("[{reference}]"))
    );
    assert!(dom.select("table.rows s, table.rows u").iter().all(|m| {
        m.attr("class")
            // Its own class for the reference, or the one for every reference.
            .is_some_and(|c| {
                c.split(' ')
                    .any(|c| c == format!("m{reference}") || c == "ma")
            })
    }));
    let strips = dom.select(&format!(".overview.w{reference} .strip"));
    assert_eq!(strips.length(), 3);
    let rows = dom.select("table.rows tbody tr").length();
    assert_eq!(
        dom.select(&format!(".overview.w{reference} .strip a"))
            .length(),
        3 * rows
    );
    // Titles head the columns, paths only in the tooltip.
    let heads = dom.select("table.rows th").text().to_string();
    assert!(!heads.contains("tests/fixtures"), "{heads}");
}

#[test]
fn text_report_is_plain_when_piped() {
    let out = run(&["compare", A, B]);
    assert!(!out.contains('\x1b'));
    assert!(out.contains("[-inspect-]") && out.contains("{+examine+}"));
    assert!(out.contains("↷ moved"));
    let stats = run(&["compare", "--stats", A, B]);
    assert!(stats.contains("[0] ↔ [1]") && stats.contains("2 moved"));
    assert!(!stats.contains("{+"));
}

#[test]
fn stats_json_has_no_links() {
    let json: Value =
        serde_json::from_str(&run(&["compare", "--stats", "--format", "json", A, B])).unwrap();
    assert!(json["pairs"][0]["links"].is_null());
    assert!(
        json["pairs"][0]["stats"]["a"]["shared_share"]
            .as_f64()
            .unwrap()
            > 0.3
    );
}

#[test]
fn odd_inputs_all_compare() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    std::fs::write(path("empty.txt"), "").unwrap();
    std::fs::write(path("word.txt"), "Flood").unwrap();
    // One enormous line with no sentence break: segmentation cuts it into bounded chunks.
    let line: String = (0..60_000).map(|i| format!("word{} ", i % 5_000)).collect();
    std::fs::write(path("line.txt"), &line).unwrap();
    let mut files = vec![
        path("empty.txt"),
        path("word.txt"),
        path("line.txt"),
        path("line.txt"),
    ];
    let json: Value = serde_json::from_str(&run(&[
        &["compare", "--format", "json"][..],
        &files.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat()))
    .unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6);
    let same = pairs.iter().find(|p| p["a"] == 2 && p["b"] == 3).unwrap();
    assert_eq!(same["stats"]["a"]["unique"], 0);
    assert!(
        same["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["kind"] == "identical")
    );

    files = (0..20)
        .map(|i| {
            if i % 2 == 0 {
                A.to_string()
            } else {
                B.to_string()
            }
        })
        .collect();
    let args: Vec<&str> = ["compare", "--stats"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = run(&args);
    assert!(out.contains("[18] ↔ [19]"));
}

#[test]
fn rows_carry_the_relation_the_reader_and_text_report_show() {
    const C: &str = "tests/fixtures/compare/unrelated.txt";
    let json: Value =
        serde_json::from_str(&run(&["compare", "--format", "json", A, A, C])).unwrap();
    let known = [
        "identical",
        "reworded",
        "moved",
        "partial",
        "only_here",
        "boilerplate",
    ];
    let rows = json["rows"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for row in rows {
        let cells = row["cells"].as_array().unwrap();
        let relations = row["relations"].as_array().unwrap();
        assert_eq!(cells.len(), relations.len());
        for (cell, relation) in cells.iter().zip(relations) {
            assert_eq!(cell.is_null(), relation.is_null(), "{row}");
            if let Some(r) = relation.as_str() {
                assert!(known.contains(&r), "{r}");
                seen.insert(r.to_string());
            }
        }
    }
    // Two copies of one story share every sentence; the unrelated story lacks them: partial in
    // both copies, never "identical" (which means in every version).
    assert!(seen.contains("partial"), "{seen:?}");
    assert!(
        !seen.contains("identical"),
        "no sentence is in all three: {seen:?}"
    );
}

#[test]
fn explain_says_why_each_sentence_was_linked() {
    let text = run(&["compare", "--explain", A, B]);
    let why: Vec<&str> = text.lines().filter(|l| l.contains("why [")).collect();
    assert!(!why.is_empty(), "{text}");
    assert!(why.iter().all(|l| l.contains("score ")), "{why:?}");
    assert!(
        why.iter()
            .any(|l| l.contains("shared crane") || l.contains(", crane"))
    );
    assert!(
        !run(&["compare", A, B]).contains("why ["),
        "only when asked"
    );
}

#[test]
fn plain_markers_stand_apart_from_dashes_and_continuation_lines_are_indented() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "The vote was 12 -- 3 in favour of the harbour plan on\nMonday night.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "The vote was 12 to 3 in favour of the harbour plan on\nMonday night.\n",
    )
    .unwrap();
    let text = run(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(text.contains("[- -- -]"), "{text}");
    assert!(
        text.lines().all(|l| !l.starts_with("Monday")),
        "no source line at column 0: {text}"
    );
}

#[test]
fn a_clause_moved_inside_a_sentence_is_marked_moved_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "After a long night of talks, the two unions signed the new wage deal.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "The two unions signed the new wage deal after a long night of talks.\n",
    )
    .unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let text = run(&["compare", a, b]);
    // Moved words marked alike in both versions, and not as deleted or added: only the comma
    // that closed the clause is a change.
    assert_eq!(text.matches("{~").count(), 2, "{text}");
    let marked = |open: &str, close: &str| -> String {
        text.split(open)
            .skip(1)
            .filter_map(|rest| rest.split(close).next())
            .collect()
    };
    let changed = marked("[-", "-]") + &marked("{+", "+}");
    assert!(!changed.chars().any(char::is_alphanumeric), "{text}");
    let json: Value = serde_json::from_str(&run(&["compare", "--format", "json", a, b])).unwrap();
    let ops = json["pairs"][0]["links"][0]["ops"].as_array().unwrap();
    let moves: Vec<&Value> = ops.iter().filter(|op| op["op"] == "move").collect();
    assert_eq!(moves.len(), 1, "{ops:?}");
    let (x, y) = (
        moves[0]["a_text"].as_str().unwrap(),
        moves[0]["b_text"].as_str().unwrap(),
    );
    assert_eq!(x.to_lowercase(), y.to_lowercase());
    let stats = &json["pairs"][0]["stats"]["a"];
    assert_eq!(stats["shared_words"], stats["words"]);
}
