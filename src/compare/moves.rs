//! Runs of words that moved inside a link: after the word diff, the deleted and the inserted
//! stretches are searched for the same words in the same order ("according to a report" at the
//! head of one version and at the tail of the other), so that a clause moved within a sentence
//! reads as moved rather than as all deleted on one side and all added on the other.

use std::ops::Range;

use similar::{DiffOp, DiffTag};

use crate::document::{Token, TokenKind};

/// Fewest words (punctuation aside) a moved run holds: two words in common are too often a
/// coincidence ("of the"), three already make a phrase.
const MIN_WORDS: usize = 3;
/// Largest product of deleted and inserted token counts searched for moves: past it the link is
/// a rewrite rather than a reordering, and the search would cost more than the diff.
const MAX_CELLS: usize = 1 << 16;

/// One moved run: token ranges, relative to each side's run, holding the same terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Moved {
    pub a: Range<usize>,
    pub b: Range<usize>,
}

/// The moved runs between the deleted tokens of `x` and the inserted tokens of `y`, as the diff
/// `ops` leaves them, in `x`'s order. `cut` splits a side's changed stretch at its sentence
/// starts: a moved run never crosses one.
pub(super) fn find(
    x: &[Token],
    y: &[Token],
    ops: &[DiffOp],
    cut: impl Fn(bool, Range<usize>) -> Vec<Range<usize>>,
) -> Vec<Moved> {
    // Most changed stretches of an edit are a word or two: no run long enough on one side
    // means no move, found before anything is allocated.
    let long = |old: bool| {
        ops.iter().any(|op| {
            let (tag, a, b) = op.as_tag_tuple();
            tag != DiffTag::Equal && if old { a.len() } else { b.len() } >= MIN_WORDS
        })
    };
    if !long(true) || !long(false) {
        return Vec::new();
    }
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        gone.extend(cut(true, old).into_iter().filter(|r| r.len() >= MIN_WORDS));
        came.extend(cut(false, new).into_iter().filter(|r| r.len() >= MIN_WORDS));
    }
    let total = |rs: &[Range<usize>]| rs.iter().map(Range::len).sum::<usize>();
    if gone.is_empty() || came.is_empty() || total(&gone) * total(&came) > MAX_CELLS {
        return Vec::new();
    }
    let mut found = Vec::new();
    // The longest common run first, then again in what is left of its two stretches.
    while let Some((g, c, m)) = longest(x, y, &gone, &came) {
        let (Some(from), Some(to)) = (gone.get(g).cloned(), came.get(c).cloned()) else {
            break;
        };
        gone.swap_remove(g);
        came.swap_remove(c);
        gone.extend(
            [from.start..m.a.start, m.a.end..from.end]
                .into_iter()
                .filter(|r| r.len() >= MIN_WORDS),
        );
        came.extend(
            [to.start..m.b.start, m.b.end..to.end]
                .into_iter()
                .filter(|r| r.len() >= MIN_WORDS),
        );
        found.push(m);
    }
    found.sort_by_key(|m| m.a.start);
    found
}

/// The longest run of equal terms between any stretch of `gone` and any of `came`, with its
/// punctuation at either end left out, if it holds enough words.
fn longest(
    x: &[Token],
    y: &[Token],
    gone: &[Range<usize>],
    came: &[Range<usize>],
) -> Option<(usize, usize, Moved)> {
    let mut best: Option<(usize, usize, Moved)> = None;
    let mut best_words = MIN_WORDS - 1;
    let mut row: Vec<u32> = Vec::new();
    for (g, ra) in gone.iter().enumerate() {
        let Some(ta) = x.get(ra.clone()) else {
            continue;
        };
        for (c, rb) in came.iter().enumerate() {
            let Some(tb) = y.get(rb.clone()) else {
                continue;
            };
            // `row[j]`: length of the common run ending at the current token of `ta` and at
            // `tb[j - 1]`, one row of the usual table kept at a time.
            row.clear();
            row.resize(tb.len() + 1, 0);
            for (i, s) in ta.iter().enumerate() {
                for j in (1..=tb.len()).rev() {
                    let same = tb.get(j - 1).is_some_and(|t| t.term == s.term);
                    let len = if same {
                        row.get(j - 1).map_or(1, |l| l + 1)
                    } else {
                        0
                    };
                    if let Some(cell) = row.get_mut(j) {
                        *cell = len;
                    }
                    if (len as usize) < MIN_WORDS {
                        continue;
                    }
                    let (a_end, b_end) = (ra.start + i + 1, rb.start + j);
                    let m = trimmed(
                        x,
                        a_end - len as usize..a_end,
                        rb.start + j - len as usize..b_end,
                    );
                    let words = words(x, &m.a);
                    if words > best_words {
                        best_words = words;
                        best = Some((g, c, m));
                    }
                }
            }
        }
    }
    best
}

/// A run with its leading and trailing punctuation dropped on both sides alike.
fn trimmed(x: &[Token], mut a: Range<usize>, mut b: Range<usize>) -> Moved {
    let punct = |i: usize| x.get(i).is_some_and(|t| t.kind == TokenKind::Punct);
    while a.start < a.end && punct(a.start) {
        a.start += 1;
        b.start += 1;
    }
    while a.start < a.end && punct(a.end - 1) {
        a.end -= 1;
        b.end -= 1;
    }
    Moved { a, b }
}

fn words(x: &[Token], r: &Range<usize>) -> usize {
    x.get(r.clone())
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .count()
}
