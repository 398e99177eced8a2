//! The compare page's markup through the real binary: words moved inside a sentence marked as
//! moved, sentence numbers that each table's counters carry on, and a page that stays lean
//! (bytes per input byte) on a generated story whose paragraphs are shuffled and reworded.

use std::fmt::Write as _;

use assert_cmd::Command;

fn page(files: &[&str]) -> String {
    let out = Command::cargo_bin("parallax")
        .unwrap()
        .env("PARALLAX_CONFIG", "tests/fixtures/compare/config.toml")
        .args(["compare", "--format", "html"])
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_clause_moved_inside_its_sentence_is_marked_moved_not_changed() {
    let html = page(&[
        "tests/fixtures/compare/clause-a.txt",
        "tests/fixtures/compare/clause-b.txt",
    ]);
    let dom = dom_query::Document::from(html.as_str());
    let row = dom.select("table.rows tbody tr.p");
    assert_eq!(row.length(), 1, "one reworded row");
    let moved: Vec<String> = row
        .select("td i")
        .iter()
        .map(|i| i.text().to_lowercase())
        .collect();
    assert_eq!(
        moved,
        [
            "according to the harbour office",
            "according to the harbour office"
        ]
    );
    // Only the comma is a change; the clause's words are not struck or underlined.
    let changed: Vec<String> = row
        .select("td s, td u")
        .iter()
        .map(|m| m.text().to_string())
        .collect();
    assert_eq!(changed, [",", ","]);
    // A legend entry, and a mark that survives print without colour.
    assert!(dom.select("dl.legend dt i").text().contains("dotted"));
    assert!(html.contains("i::before{content:'{~'}i::after{content:'~}'}"));
}

/// A story of `paragraphs` paragraphs of invented sentences, and a second version with the
/// paragraphs shuffled, one word in three sentences of ten replaced, and some sentences dropped
/// or added: every row of the page is moved, reworded or only in one version.
fn generated(paragraphs: usize) -> (String, String) {
    const WHO: [&str; 8] = [
        "The harbour office",
        "A spokeswoman for the ferry line",
        "Residents of Ostrand",
        "The regional council",
        "Two dock workers",
        "The port director",
        "Engineers from Velmar",
        "A volunteer crew",
    ];
    const DID: [&str; 8] = [
        "inspected",
        "reopened",
        "cleared",
        "measured",
        "repaired",
        "photographed",
        "closed",
        "surveyed",
    ];
    const WHAT: [&str; 8] = [
        "the northern slipway",
        "the old grain quay",
        "a flooded car park",
        "the container crane",
        "the coastal road",
        "the pilot station",
        "the fish market",
        "the lighthouse stairs",
    ];
    let mut seed = 0x2545_f491_u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let mut paras: Vec<Vec<String>> = Vec::new();
    for p in 0..paragraphs {
        let sentences = (0..5)
            .map(|s| {
                format!(
                    "{} {} {} on day {} of the storm, {} hours after the warning number {}.",
                    WHO[next(8)],
                    DID[next(8)],
                    WHAT[next(8)],
                    p + 1,
                    next(40) + 2,
                    p * 5 + s
                )
            })
            .collect();
        paras.push(sentences);
    }
    let original = paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut order: Vec<usize> = (0..paragraphs).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, next(i + 1));
    }
    let mut edited = String::new();
    for &p in &order {
        for sentence in &paras[p] {
            match next(10) {
                0 => continue,
                1..=3 => {
                    let swapped =
                        sentence.replacen(" on day ", &format!(" {} on day ", DID[next(8)]), 1);
                    let _ = write!(edited, "{swapped} ");
                }
                4 => {
                    let _ = write!(edited, "{sentence} {} said nothing more. ", WHO[next(8)]);
                }
                _ => {
                    let _ = write!(edited, "{sentence} ");
                }
            }
        }
        edited.push_str("\n\n");
    }
    (original, edited)
}

#[test]
fn the_page_of_a_shuffled_rewrite_stays_lean_and_numbers_every_sentence() {
    let (original, edited) = generated(400);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, &original).unwrap();
    std::fs::write(&b, &edited).unwrap();
    let html = page(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    let input = original.len() + edited.len();
    // The page's fixed part (style, legend, overview) is a few tens of kilobytes; the rows
    // cost about half the input again (twice the input before the markup was made lean).
    let rows = html.len().saturating_sub(64 * 1024);
    assert!(
        rows * 100 < input * 160,
        "{} bytes of HTML for {input} bytes of text",
        html.len()
    );
    // Two marks of one kind are never split by white space alone (print would show "-] [-").
    for split in ["</s> <s>", "</u> <u>", "</i> <i>"] {
        assert!(!html.contains(split), "{split}");
    }
    // Each table of rows starts its columns' counters at the last sentence shown before it.
    let dom = dom_query::Document::from(html.as_str());
    let tables = dom.select("table.rows");
    assert!(tables.length() > 2, "several tables of rows");
    let mut seen = [0u32; 2];
    for table in tables.iter() {
        let style = table.attr("style").unwrap().to_string();
        let want = format!(
            "counter-reset:c0 {} c1 {}",
            i64::from(seen[0]) - 1,
            i64::from(seen[1]) - 1
        );
        assert_eq!(style, want);
        for row in table.select("tbody tr").iter() {
            for (d, cell) in row.select("td").iter().enumerate() {
                if cell.text().is_empty() {
                    continue;
                }
                // A merged cell names its own sentences; others count one.
                let merged = cell.select("b").first().text().to_string();
                seen[d] += match merged.split_once('–') {
                    Some((from, to)) => {
                        let to: u32 = to.trim_end_matches(" merged").parse().unwrap();
                        let from: u32 = from.trim_start_matches('s').parse().unwrap();
                        assert_eq!(from, seen[d], "{merged}");
                        to - from + 1
                    }
                    None => 1,
                };
            }
        }
    }
    let sentences = |text: &str| text.matches(['.']).count() as u32;
    assert_eq!(seen, [sentences(&original), sentences(&edited)]);
}
