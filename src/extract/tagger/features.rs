//! The tagger's features, the same strings `scripts/ner/features.py` trains on, each hashed
//! with 64-bit FNV-1a into a row of the weight table. Change one side, change the other: the
//! parity test (`tests/tagger_parity.rs`) holds them together.

use rustc_hash::FxHashMap;

const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

/// The hash of the concatenation of `parts`, masked to a row index.
pub fn row(parts: &[&str], mask: u64) -> usize {
    let mut h = FNV_OFFSET;
    for p in parts {
        for &b in p.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    (h & mask) as usize
}

/// Capitals `X`, lowercase `x`, ASCII digits `d`, other characters kept; runs collapsed.
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = None;
    for c in word.chars() {
        let k = if c.is_ascii_digit() {
            'd'
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else {
            c
        };
        if last != Some(k) {
            out.push(k);
            last = Some(k);
        }
    }
    out
}

fn has_lower(w: &str) -> bool {
    w.chars().any(char::is_lowercase)
}

fn has_upper(w: &str) -> bool {
    w.chars().any(char::is_uppercase)
}

/// A sentence in capitals: two or more words with letters, none with a lowercase one.
pub fn shouting(words: &[&str]) -> bool {
    let mut alpha = 0;
    for w in words.iter().filter(|w| w.chars().any(char::is_alphabetic)) {
        if has_lower(w) {
            return false;
        }
        alpha += 1;
    }
    alpha >= 2
}

/// Per lowercased word, how the document writes it: bit 1 capitalised after a sentence's
/// first word (sentences in capitals aside), bit 2 in lowercase.
pub fn doc_case(sentences: &[Vec<&str>]) -> FxHashMap<String, u8> {
    let mut seen: FxHashMap<String, u8> = FxHashMap::default();
    for words in sentences.iter().filter(|w| !shouting(w)) {
        for (i, w) in words.iter().enumerate() {
            let bit = if has_lower(w) && !has_upper(w) {
                2
            } else if i > 0 && w.chars().next().is_some_and(char::is_uppercase) {
                1
            } else {
                continue;
            };
            let low = w.to_lowercase();
            match seen.get_mut(&low) {
                Some(v) => *v |= bit,
                None => {
                    seen.insert(low, bit);
                }
            }
        }
    }
    seen
}

/// The first `n` characters.
fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The last `n` characters.
fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    s.char_indices().nth(count - n).map_or(s, |(i, _)| &s[i..])
}

/// What the static features of one sentence need, computed once.
pub struct Sentence<'a> {
    pub words: &'a [&'a str],
    lows: Vec<String>,
    shapes: Vec<String>,
    caps: bool,
}

impl<'a> Sentence<'a> {
    pub fn new(words: &'a [&'a str]) -> Self {
        Sentence {
            words,
            lows: words.iter().map(|w| w.to_lowercase()).collect(),
            shapes: words.iter().map(|w| shape(w)).collect(),
            caps: shouting(words),
        }
    }

    pub fn low(&self, i: usize) -> &str {
        self.lows.get(i).map_or("", String::as_str)
    }

    /// The rows of the features of word `i` alone (its form, shape, affixes, gazetteer flags):
    /// the same wherever the word stands, so their sum can be kept per word.
    pub fn word_rows(
        &self,
        i: usize,
        gazetteer: &impl Fn(&str) -> &'static str,
        mask: u64,
        out: &mut Vec<usize>,
    ) {
        let lw = self.low(i);
        let w = self.words.get(i).copied().unwrap_or("");
        let s0 = self.shapes.get(i).map_or("", String::as_str);
        let features: [&[&str]; 11] = [
            &["b"],
            &["w=", lw],
            &["W=", w],
            &["s=", s0],
            &["p1=", head(lw, 1)],
            &["p2=", head(lw, 2)],
            &["p3=", head(lw, 3)],
            &["x2=", tail(lw, 2)],
            &["x3=", tail(lw, 3)],
            &["x4=", tail(lw, 4)],
            &["g=", gazetteer(w)],
        ];
        out.extend(features.iter().map(|parts| row(parts, mask)));
    }

    /// The rows of word `i`'s features that read its neighbours, its place and the document,
    /// but not predicted tags.
    pub fn context_rows(
        &self,
        i: usize,
        gazetteer: &impl Fn(&str) -> &'static str,
        seen: &FxHashMap<String, u8>,
        mask: u64,
        out: &mut Vec<usize>,
    ) {
        let low = |j: Option<usize>, pad: &'static str| -> &str {
            j.and_then(|j| self.lows.get(j)).map_or(pad, String::as_str)
        };
        let shp = |j: Option<usize>, pad: &'static str| -> &str {
            j.and_then(|j| self.shapes.get(j))
                .map_or(pad, String::as_str)
        };
        let word = |j: Option<usize>| j.and_then(|j| self.words.get(j)).copied().unwrap_or("");
        let (prev, next) = (i.checked_sub(1), Some(i + 1));
        let (prev2, next2) = (i.checked_sub(2), Some(i + 2));
        let lw = self.low(i);
        let s0 = shp(Some(i), "");
        let dc = match seen.get(lw).copied().unwrap_or(0) {
            1 => "1",
            2 => "2",
            3 => "3",
            _ => "0",
        };
        let features: [&[&str]; 13] = [
            &["w-1=", low(prev, "<s>")],
            &["w+1=", low(next, "</s>")],
            &["w-2=", low(prev2, "<s>")],
            &["w+2=", low(next2, "</s>")],
            &["s-1=", shp(prev, "<s>")],
            &["s+1=", shp(next, "</s>")],
            &["s-1s=", shp(prev, "<s>"), "|", s0],
            &["ss+1=", s0, "|", shp(next, "</s>")],
            &["w-1w=", low(prev, "<s>"), "|", lw],
            &["ww+1=", lw, "|", low(next, "</s>")],
            &["dc=", dc, "|", s0],
            &["g-1=", gazetteer(word(prev))],
            &["g+1=", gazetteer(word(next))],
        ];
        out.extend(features.iter().map(|parts| row(parts, mask)));
        if i == 0 {
            out.push(row(&["first|", s0], mask));
        }
        if self.caps {
            out.push(row(&["caps|", lw], mask));
            out.push(row(&["caps"], mask));
        }
    }

    /// The rows of the features that read the two previous predicted tags.
    pub fn tag_rows(&self, i: usize, t1: &str, t2: &str, mask: u64, out: &mut Vec<usize>) {
        out.push(row(&["t1=", t1], mask));
        out.push(row(&["t2t1=", t2, "|", t1], mask));
        out.push(row(&["t1w=", t1, "|", self.low(i)], mask));
    }
}
