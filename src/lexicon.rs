//! Word lists shipped in `assets/lexicon/`, embedded in the binary so it needs no files at run
//! time. Document segmentation and extraction both read them.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Non-empty, non-comment lines of an embedded list.
fn entries(raw: &'static str) -> impl Iterator<Item = &'static str> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(
    cell: &'static OnceLock<HashSet<&'static str>>,
    raw: &'static str,
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| entries(raw).collect())
}

/// How a known abbreviation's period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// Titles, months, "No.": always followed by more of the same sentence.
    Inner,
    /// "U.S.", "Inc.", "a.m.": may also close a sentence.
    MayEnd,
}

/// Look up a word (without its final period) in the abbreviation list.
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
    static CELL: OnceLock<HashMap<&'static str, Abbreviation>> = OnceLock::new();
    let map = CELL.get_or_init(|| {
        entries(include_str!("../assets/lexicon/abbreviations.txt"))
            .map(|e| match e.strip_suffix(" +") {
                Some(word) => (word.trim(), Abbreviation::MayEnd),
                None => (e, Abbreviation::Inner),
            })
            .collect()
    });
    map.get(word).copied()
}

/// Lowercase words that start a new sentence when capitalised after an ambiguous abbreviation.
pub fn sentence_starters() -> &'static HashSet<&'static str> {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(
        &CELL,
        include_str!("../assets/lexicon/sentence_starters.txt"),
    )
}

/// Patterns for whole lines of page furniture; `*` at either end matches anything.
pub fn boilerplate_patterns() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| entries(include_str!("../assets/lexicon/boilerplate.txt")).collect())
}

/// Function words that carry no topic; alignment skips them when weighing similarity.
pub fn stopwords() -> &'static HashSet<&'static str> {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(&CELL, include_str!("../assets/lexicon/stopwords.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_without_comments() {
        assert_eq!(abbreviation("Mr"), Some(Abbreviation::Inner));
        assert_eq!(abbreviation("U.S"), Some(Abbreviation::MayEnd));
        assert_eq!(abbreviation("Inc"), Some(Abbreviation::MayEnd));
        assert_eq!(abbreviation("the"), None);
        assert!(sentence_starters().contains("the"));
        assert!(boilerplate_patterns().contains(&"google news"));
        assert!(stopwords().contains("the"));
        assert!(!stopwords().contains("#"));
    }
}
