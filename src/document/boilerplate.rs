//! Page furniture detection: paragraphs repeated verbatim within a document (a headline printed
//! three times) and short lines matching the shipped furniture list ("Share this", "3 min read").

use std::collections::HashMap;

use crate::lexicon;

/// Longest line still checked against the furniture patterns; real prose is longer.
const MAX_PATTERN_LINE: usize = 80;

/// One flag per paragraph text: true where that paragraph is boilerplate.
pub fn flags<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Vec<bool> {
    let keys: Vec<String> = paragraphs.map(key).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().filter(|k| !k.is_empty()) {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    keys.iter()
        .map(|k| counts.get(k.as_str()).is_some_and(|&n| n > 1) || is_furniture(k))
        .collect()
}

/// A paragraph's identity for repetition: case, spacing and quote style do not matter.
fn key(text: &str) -> String {
    let folded = super::vocab::normalize(text);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a normalised line is page furniture by the shipped list.
pub fn is_furniture(line: &str) -> bool {
    if line.len() > MAX_PATTERN_LINE || line.is_empty() {
        return false;
    }
    lexicon::boilerplate_patterns()
        .iter()
        .any(|pattern| matches_pattern(pattern, line))
}

fn matches_pattern(pattern: &str, line: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(rest), _) => line.ends_with(rest.trim_end_matches('*')),
        (None, Some(head)) => line.starts_with(head),
        (None, None) => line == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_furniture_lines_are_flagged() {
        let paras = [
            "Connect with us",
            "Dam floods valley",
            "The story begins here.",
            "DAM  floods valley",
            "Google News",
            "4 mins read",
            "Share this article with a friend who cares about the valley and its rivers.",
        ];
        assert_eq!(
            flags(paras.into_iter()),
            vec![true, true, false, true, true, true, false]
        );
    }
}
