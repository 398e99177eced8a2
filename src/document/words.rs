//! Word-boundary pieces of a paragraph (Unicode UAX #29, as `unicode-segmentation` finds them),
//! with a fast path: runs between whitespace holding only ASCII and curly quotes (the one kind
//! of non-ASCII character in almost every news sentence) are cut by a byte-level copy of the
//! rules, and only runs holding other characters go through the Unicode tables.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The word-boundary pieces of `text` that do not start with whitespace, with their byte
/// offsets: exactly those of `text.split_word_bound_indices()`, whose whitespace pieces carry
/// no token.
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces {
        text,
        pos: 0,
        ascii_end: 0,
        unicode: None,
    }
}

pub struct Pieces<'a> {
    text: &'a str,
    /// Where the next piece starts looking.
    pos: usize,
    /// End of the simple run being cut by [`piece_end`]; `pos < ascii_end` while in one.
    ascii_end: usize,
    /// A run with other characters, segmented by `unicode-segmentation`, and its offset.
    unicode: Option<(usize, UWordBoundIndices<'a>)>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((base, inner)) = self.unicode.as_mut() {
                match inner.next() {
                    Some((i, piece)) if !piece.starts_with(char::is_whitespace) => {
                        return Some((*base + i, piece));
                    }
                    Some(_) => continue,
                    None => self.unicode = None,
                }
            }
            let bytes = self.text.as_bytes();
            if self.pos < self.ascii_end {
                let start = self.pos;
                self.pos = piece_end(bytes, start, self.ascii_end);
                return self.text.get(start..self.pos).map(|p| (start, p));
            }
            // A break always falls before ASCII whitespace, and no rule looks across it, so each
            // run between whitespace segments on its own.
            let start = self.pos + count_while(&bytes[self.pos..], is_ascii_space);
            if start >= bytes.len() {
                self.pos = start;
                return None;
            }
            let end = next_space(bytes, start);
            self.pos = end;
            if is_simple(&bytes[start..end]) {
                self.pos = start;
                self.ascii_end = end;
            } else {
                // From the whitespace byte before the run, if any: a combining mark right after
                // a space belongs to the space's piece, but not after a line break.
                let from = start.saturating_sub(1);
                let run = self.text.get(from..end).unwrap_or("");
                self.unicode = Some((from, run.split_word_bound_indices()));
            }
        }
    }
}

/// ASCII whitespace as UAX #29 and `char::is_whitespace` see it: spaces, tabs, line breaks.
pub(super) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// Index of the first ASCII whitespace byte at or after `from`, or the length: eight bytes at
/// a time, as runs between spaces are short and scanned for every word.
pub(super) fn next_space(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::MAX / 0xFF;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // The top bit of each byte below 0x21 (the lowest such byte is flagged exactly);
        // whitespace is among them, other control bytes are told apart one by one.
        let low = word.wrapping_sub(ONES * 0x21) & !word & (ONES * 0x80);
        if low != 0 {
            let first = i + (low.trailing_zeros() / 8) as usize;
            if let Some(k) = (first..i + 8).find(|&k| is_ascii_space(bytes[k])) {
                return k;
            }
        }
        i += 8;
    }
    i + count_while(&bytes[i..], |b| !is_ascii_space(b))
}

fn count_while(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| pred(b)).count()
}

/// Word-break classes of the non-whitespace ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `_`
    ExtendNumLet,
    /// `:`, joins letters only.
    MidLetter,
    /// `.` and `'`, join letters or digits.
    MidNumLet,
    /// `,` and `;`, join digits only.
    MidNum,
    Other,
}

/// The class of every byte, looked up rather than matched: this runs once per byte of text.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Numeric,
            b'_' => Class::ExtendNumLet,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

#[inline]
fn class(b: u8) -> Class {
    CLASSES[b as usize]
}

/// A curly quote at `i`: `‘` and `’` are middle marks like the apostrophe (WB MidNumLet), `“`
/// and `”` stand alone (WB Other). All four are three bytes, `E2 80 xx`.
fn curly(bytes: &[u8], i: usize) -> Option<Class> {
    match bytes.get(i..i + 3)? {
        [0xE2, 0x80, 0x98 | 0x99] => Some(Class::MidNumLet),
        [0xE2, 0x80, 0x9C | 0x9D] => Some(Class::Other),
        _ => None,
    }
}

/// Whether a whitespace-free run segments the same whatever whitespace comes before it: true
/// unless it may start with a mark that joins the whitespace (starting with ASCII or a curly
/// quote rules that out).
pub(super) fn starts_context_free(run: &[u8]) -> bool {
    run.first().is_some_and(u8::is_ascii) || curly(run, 0).is_some()
}

/// Whether a whitespace-free run holds only ASCII and curly quotes: the fast path's rules then
/// cover every character in it (no extending or joining marks can follow).
fn is_simple(run: &[u8]) -> bool {
    if run.is_ascii() {
        return true;
    }
    let mut i = 0;
    while let Some(&b) = run.get(i) {
        if b.is_ascii() {
            i += 1;
        } else if curly(run, i).is_some() {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// The class and byte length of the character at `i` of a simple run.
fn char_at(bytes: &[u8], i: usize) -> (Class, usize) {
    match bytes[i] {
        b if b.is_ascii() => (class(b), 1),
        _ => (curly(bytes, i).unwrap_or(Class::Other), 3),
    }
}

/// End of the piece starting at `start` in the whitespace-free simple run `bytes[..end]`.
/// Letters, digits and `_` join (WB5, WB8–WB10, WB13a/b); a middle mark joins two letters
/// (WB6/7) or two digits (WB11/12) on either side of it; anything else stands alone (WB999).
fn piece_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let word = |c: Class| matches!(c, Class::Letter | Class::Numeric | Class::ExtendNumLet);
    let (first, len) = char_at(bytes, start);
    if !word(first) {
        return start + len;
    }
    let mut i = start + len;
    loop {
        // Word characters are ASCII: a plain byte loop crosses them.
        while i < end && word(class(bytes[i])) {
            i += 1;
        }
        if i >= end {
            return end;
        }
        let prev = class(bytes[i - 1]);
        let (c, len) = char_at(bytes, i);
        let Some((after, after_len)) = (i + len < end).then(|| char_at(bytes, i + len)) else {
            return i;
        };
        let joins = match (prev, c) {
            (Class::Letter, Class::MidLetter | Class::MidNumLet) => after == Class::Letter,
            (Class::Numeric, Class::MidNum | Class::MidNumLet) => after == Class::Numeric,
            _ => false,
        };
        if !joins {
            return i;
        }
        i += len + after_len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        pieces(text).map(|(_, p)| p).collect()
    }

    #[test]
    fn ascii_rules() {
        assert_eq!(
            cut("It's 3.5% of 1,240 homes: e.g. a:b x_1 1'000 a.1 1;a"),
            [
                "It's", "3.5", "%", "of", "1,240", "homes", ":", "e.g", ".", "a:b", "x_1", "1'000",
                "a", ".", "1", "1", ";", "a"
            ]
        );
    }

    #[test]
    fn unicode_runs_between_ascii() {
        assert_eq!(
            cut("“We’re” done. Café\u{301} \u{301}x\n\u{301}y"),
            [
                "“",
                "We’re",
                "”",
                "done",
                ".",
                "Café\u{301}",
                "x",
                "\u{301}",
                "y"
            ]
        );
    }
}
