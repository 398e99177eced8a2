//! Page furniture detection: paragraphs repeated verbatim within a document (a headline printed
//! three times) and short lines matching the shipped furniture list ("Share this", "3 min read").

use std::collections::HashMap;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::vocab::{fold_ascii, fold_char};
use crate::lexicon;

/// Longest line still checked against the furniture patterns; real prose is longer.
const MAX_PATTERN_LINE: usize = 80;

/// One flag per paragraph text: true where that paragraph is boilerplate.
///
/// Keys are hashed one at a time in a reused buffer rather than kept for every paragraph; only
/// paragraphs sharing a hash with another have theirs built again, to compare in full.
pub fn flags<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Vec<bool> {
    let texts: Vec<&str> = paragraphs.collect();
    let mut buf = Vec::new();
    let mut furniture = Vec::with_capacity(texts.len());
    let mut hashes = Vec::with_capacity(texts.len());
    let mut hash_counts: FxHashMap<u64, usize> = FxHashMap::default();
    for text in &texts {
        key_into(text, &mut buf);
        furniture.push(
            buf.len() <= MAX_PATTERN_LINE && std::str::from_utf8(&buf).is_ok_and(is_furniture),
        );
        // An empty key never counts as a repetition.
        let hash = (!buf.is_empty()).then(|| {
            let mut hasher = FxHasher::default();
            hasher.write(&buf);
            hasher.finish()
        });
        if let Some(h) = hash {
            *hash_counts.entry(h).or_default() += 1;
        }
        hashes.push(hash);
    }
    // A shared hash may be a collision: the keys themselves decide.
    let shared: Vec<(usize, Vec<u8>)> = hashes
        .iter()
        .enumerate()
        .filter(|(_, h)| h.is_some_and(|h| hash_counts.get(&h) > Some(&1)))
        .map(|(i, _)| {
            let mut key = Vec::new();
            key_into(texts[i], &mut key);
            (i, key)
        })
        .collect();
    let mut key_counts: HashMap<&[u8], usize> = HashMap::new();
    for (_, k) in &shared {
        *key_counts.entry(k).or_default() += 1;
    }
    for (i, k) in &shared {
        if key_counts.get(k.as_slice()) > Some(&1) {
            furniture[*i] = true;
        }
    }
    furniture
}

/// A paragraph's identity for repetition, as UTF-8 written over `out`: its normal form with
/// whitespace runs collapsed to one space and trimmed, so case, spacing and quote style do not
/// matter. ASCII bytes are folded directly; only other characters are decoded.
fn key_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if is_ascii_space(b) {
            i += 1;
            space = !out.is_empty();
            continue;
        }
        if b.is_ascii() {
            // A whole run of ASCII without whitespace, copied then folded in place.
            let run = bytes[i..]
                .iter()
                .take_while(|&&b| b.is_ascii() && !is_ascii_space(b))
                .count();
            if space {
                out.push(b' ');
                space = false;
            }
            let from = out.len();
            out.extend_from_slice(&bytes[i..i + run]);
            out[from..].iter_mut().for_each(|b| *b = fold_ascii(*b));
            i += run;
            continue;
        }
        // `i` is at the first byte of a character: only whole characters are stepped over.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        fold_char(c, |c| {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(b' ');
                    space = false;
                }
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        });
    }
}

/// ASCII whitespace, as `char::is_whitespace` sees it.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
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

    /// The keys as first written: the whole paragraph normalised, then its words joined.
    fn reference_flags(paras: &[String]) -> Vec<bool> {
        let keys: Vec<String> = paras
            .iter()
            .map(|p| {
                let folded = crate::document::vocab::normalize(p);
                folded.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for k in keys.iter().filter(|k| !k.is_empty()) {
            *counts.entry(k.as_str()).or_default() += 1;
        }
        keys.iter()
            .map(|k| counts.get(k.as_str()).is_some_and(|&n| n > 1) || is_furniture(k))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn flags_match_building_every_key(
            paras in proptest::collection::vec(
                "(Share this|DAM|dam|Daİ|“x”|\"x\"|[ \t\u{a0}\u{2003}]|[a-c]|—|-|`|’){0,6}",
                0..24,
            )
        ) {
            let got = flags(paras.iter().map(String::as_str));
            proptest::prop_assert_eq!(got, reference_flags(&paras));
        }
    }
}
