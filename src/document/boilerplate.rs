//! Page furniture detection: paragraphs repeated within a document (a headline printed three
//! times) and short lines matching the shipped furniture list ("Share this", "3 min read").

use rustc_hash::FxHashMap;

use super::Token;
use super::vocab::{fold_ascii, fold_char};
use crate::lexicon;

/// Longest line still checked against the furniture patterns; real prose is longer.
const MAX_PATTERN_LINE: usize = 80;

/// What [`flags`] needs to know of a paragraph's tokens, gathered one token at a time by the
/// caller while it has them at hand.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Running hash of the terms.
    hash: u64,
    /// Bytes of text the tokens cover.
    bytes: usize,
}

impl Summary {
    pub fn add(&mut self, token: &Token) {
        self.hash = token.term.mix_into(self.hash);
        self.bytes += token.span.len();
    }
}

/// One flag per paragraph, given its text, its tokens and their [`Summary`]: true where it is
/// boilerplate.
///
/// A paragraph is repeated when another has the same terms in the same order — the same words
/// and punctuation whatever the case, spacing, quote style or Markdown markup; one without
/// tokens never counts. Only paragraphs sharing a hash are compared in full.
pub fn flags<'a>(paragraphs: impl Iterator<Item = (&'a str, &'a [Token], Summary)>) -> Vec<bool> {
    let mut buf = Vec::new();
    let mut furniture = Vec::new();
    let mut terms: Vec<&[Token]> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    let mut counts: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(paragraphs.size_hint().0, Default::default());
    for (text, tokens, Summary { hash, bytes }) in paragraphs {
        // Every token is in the key, folded to no less than a third of its bytes ("’" to
        // "'"): most paragraphs are too long to be furniture without building the key.
        furniture.push(
            bytes <= 3 * MAX_PATTERN_LINE
                && key_into(text, &mut buf, MAX_PATTERN_LINE)
                && std::str::from_utf8(&buf).is_ok_and(is_furniture),
        );
        if !tokens.is_empty() {
            *counts.entry(hash).or_default() += 1;
        }
        terms.push(tokens);
        hashes.push(hash);
    }
    // A shared hash may be a collision: the terms themselves decide.
    let mut groups: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, (h, tokens)) in hashes.iter().zip(&terms).enumerate() {
        if !tokens.is_empty() && counts.get(h) > Some(&1) {
            groups.entry(*h).or_default().push(i);
        }
    }
    let same = |x: &[Token], y: &[Token]| {
        x.len() == y.len() && x.iter().zip(y).all(|(s, t)| s.term == t.term)
    };
    for members in groups.values() {
        for &i in members {
            if members.iter().any(|&j| j != i && same(terms[i], terms[j])) {
                furniture[i] = true;
            }
        }
    }
    furniture
}

/// A paragraph's form for the furniture patterns, as UTF-8 written over `out`: its normal form
/// with whitespace runs collapsed to one space and trimmed, so case, spacing and quote style do
/// not matter. ASCII bytes are folded directly; only other characters are decoded. Stops, returning
/// false, once the key is longer than `limit` bytes.
fn key_into(text: &str, out: &mut Vec<u8>, limit: usize) -> bool {
    out.clear();
    let mut space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if out.len() > limit {
            return false;
        }
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
    out.len() <= limit
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

/// Words of date lines and timestamps besides numbers: "UPDATED: 2:45 pm.", "Wednesday,
/// April 17, 2013", "Posted 10:02 GMT".
const STAMP_WORDS: [&str; 52] = [
    "updated",
    "update",
    "published",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "ist",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
];

/// A date line or timestamp: dates, times and the words around them, nothing else. Never a
/// title, never a claim.
pub fn is_date_line(line: &str) -> bool {
    let mut any_number = false;
    let only_stamp = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            // "2013", "17th", "3pm".
            let digits = w.starts_with(|c: char| c.is_ascii_digit())
                && w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .chars()
                    .all(|c| c.is_ascii_digit());
            any_number |= digits;
            let lower = w.to_lowercase();
            digits
                || STAMP_WORDS.contains(&lower.as_str())
                || matches!(lower.as_str(), "nov" | "dec" | "sept")
        });
    only_stamp && any_number
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
    use crate::document::load::from_bytes;
    use crate::document::{Corpus, Document, Format, Origin};

    fn document_as(paras: &[&str], format: Format) -> Document {
        let text = paras.join("\n\n");
        let mut corpus = Corpus::default();
        corpus.push(from_bytes(Origin::Stdin, text.as_bytes(), Some(format)).unwrap());
        corpus.documents.pop().unwrap()
    }

    fn document(paras: &[&str]) -> Document {
        document_as(paras, Format::Text)
    }

    fn boilerplate(doc: &Document) -> Vec<bool> {
        doc.paragraphs.iter().map(|p| p.boilerplate).collect()
    }

    #[test]
    fn repeated_and_furniture_lines_are_flagged() {
        let doc = document(&[
            "Connect with us",
            "Dam floods valley",
            "The story begins here.",
            "DAM  floods valley",
            "Google News",
            "4 mins read",
            "Share this article with a friend who cares about the valley and its rivers.",
            "The  dam  held.",
            "the dam held .",
            "* * *",
            "* * *",
        ]);
        assert_eq!(
            boilerplate(&doc),
            [
                true, true, false, true, true, true, false, true, true, true, true
            ]
        );
        // In Markdown, markup is no word: emphasis does not tell two lines apart, and a rule
        // of asterisks has no words to repeat.
        let md = [
            "**Dam** floods ‘valley’",
            "Dam floods 'valley'",
            "* * *",
            "* * *",
        ];
        assert_eq!(
            boilerplate(&document_as(&md, Format::Markdown)),
            [true, true, false, false]
        );
        assert_eq!(boilerplate(&document(&md)), [false, false, true, true]);
    }

    /// The furniture key as first written: the whole text normalised, then its words joined.
    fn reference_key(text: &str) -> String {
        let folded = crate::document::vocab::normalize(text);
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn keys_match_normalising_then_joining(
            text in "(Share this|DAM|dam|Daİ|“x”|\"x\"|[ \t\u{a0}\u{2003}]|[a-c]|—|-|`|’){0,8}"
        ) {
            let mut buf = Vec::new();
            let fits = key_into(&text, &mut buf, MAX_PATTERN_LINE);
            let expected = reference_key(&text);
            proptest::prop_assert_eq!(fits, expected.len() <= MAX_PATTERN_LINE);
            if fits {
                proptest::prop_assert_eq!(String::from_utf8(buf).unwrap(), expected);
            }
        }

        #[test]
        fn flags_match_comparing_every_pair(
            paras in proptest::collection::vec(
                "(Share this|DAM|dam|Daİ|“x”|\"x\"|[ \t\u{a0}\u{2003}]|[a-c]|—|-|`|’){0,6}",
                0..24,
            )
        ) {
            let paras: Vec<&str> = paras.iter().map(String::as_str).collect();
            let doc = document(&paras);
            let terms: Vec<Vec<_>> = doc
                .paragraphs
                .iter()
                .map(|p| {
                    doc.tokens
                        .iter()
                        .filter(|t| p.span.contains(t.span))
                        .map(|t| t.term)
                        .collect()
                })
                .collect();
            let expected: Vec<bool> = doc
                .paragraphs
                .iter()
                .zip(&terms)
                .map(|(p, own)| {
                    let repeated = !own.is_empty() && terms.iter().filter(|t| *t == own).count() > 1;
                    let key = reference_key(doc.slice(p.span));
                    repeated || key.len() <= MAX_PATTERN_LINE && is_furniture(&key)
                })
                .collect();
            proptest::prop_assert_eq!(boilerplate(&doc), expected);
        }
    }
}
