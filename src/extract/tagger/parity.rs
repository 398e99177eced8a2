//! The Rust tagger gives the tags the Python one gives (`scripts/ner/parity.py`) on invented
//! sentences: the features, hashing and decoding agree.

use super::{tag, tag_name};

fn documents(text: &str) -> Vec<Vec<Vec<&str>>> {
    let mut docs = vec![Vec::new()];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if line.trim().is_empty() {
            docs.push(Vec::new());
        } else if let Some(d) = docs.last_mut() {
            d.push(line.split(' ').collect());
        }
    }
    docs.retain(|d| !d.is_empty());
    docs
}

#[test]
fn rust_tags_equal_python_tags() {
    let words = documents(include_str!(
        "../../../tests/fixtures/tagger/parity_words.txt"
    ));
    let expected = documents(include_str!(
        "../../../tests/fixtures/tagger/parity_tags.txt"
    ));
    assert_eq!(words.len(), expected.len());
    for (doc, want) in words.iter().zip(&expected) {
        let got: Vec<Vec<&str>> = tag(doc)
            .iter()
            .map(|s| s.iter().map(|&t| tag_name(t)).collect())
            .collect();
        assert_eq!(&got, want);
    }
}
