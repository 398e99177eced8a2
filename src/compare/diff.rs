//! Word-level differences inside one link: `similar` on the interned term ids (so case and
//! quote style do not count as changes), with a deadline, returned as byte spans in both
//! documents and cut so that every op lies inside one sentence on each side.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, DiffTag, capture_diff_slices_deadline};

use super::moves;
use super::{OpKind, SentRange, WordOp};
use crate::document::{Document, Span, TermId, Token, TokenKind};

/// Token-count product above which a word diff runs against the clock.
const DEADLINE_FROM: usize = 4096;

/// One side of a link: its tokens and where its sentences start among them.
struct Run<'a> {
    tokens: &'a [Token],
    /// Token offsets (relative to `tokens`) where the second, third… sentence begins.
    cuts: Vec<usize>,
}

impl<'a> Run<'a> {
    fn new(doc: &'a Document, range: SentRange) -> Run<'a> {
        let sentences = doc.sentences.get(range.range()).unwrap_or(&[]);
        let first = sentences.first().map_or(0, |s| s.tokens.start as usize);
        let last = sentences.last().map_or(0, |s| s.tokens.end as usize);
        let cuts = sentences
            .iter()
            .skip(1)
            .map(|s| (s.tokens.start as usize).saturating_sub(first))
            .collect();
        Run {
            tokens: doc.tokens.get(first..last).unwrap_or(&[]),
            cuts,
        }
    }

    /// The tokens inside a byte span (a quote or claim), with no sentence cuts.
    fn within(doc: &'a Document, span: Span) -> Run<'a> {
        let first = doc.tokens.partition_point(|t| t.span.start < span.start);
        let last = doc
            .tokens
            .partition_point(|t| t.span.end <= span.end)
            .max(first);
        Run {
            tokens: doc.tokens.get(first..last).unwrap_or(&[]),
            cuts: Vec::new(),
        }
    }

    fn terms(&self) -> Vec<TermId> {
        self.tokens.iter().map(|t| t.term).collect()
    }

    /// Words (not punctuation) among the tokens of `r`.
    fn words(&self, r: &Range<usize>) -> u32 {
        self.tokens
            .get(r.clone())
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count() as u32
    }

    fn same_terms(&self, other: &Run) -> bool {
        self.tokens.len() == other.tokens.len()
            && self
                .tokens
                .iter()
                .zip(other.tokens)
                .all(|(s, t)| s.term == t.term)
    }

    /// The byte span of a token range; an empty range becomes an empty span where it sits.
    fn span(&self, r: &Range<usize>) -> Span {
        if let (Some(first), Some(last)) = (
            self.tokens.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) && r.start < r.end
        {
            return Span {
                start: first.span.start,
                end: last.span.end,
            };
        }
        let at = match self.tokens.get(r.start) {
            Some(t) => t.span.start,
            None => self.tokens.last().map_or(0, |t| t.span.end),
        };
        Span { start: at, end: at }
    }

    /// `r` cut at sentence starts.
    fn pieces(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = r.start;
        for &cut in self.cuts.iter().filter(|&&c| c > r.start && c < r.end) {
            out.push(from..cut);
            from = cut;
        }
        out.push(from..r.end);
        out
    }
}

/// The word ops of a link and the number of words it shares verbatim.
pub(crate) fn word_ops(
    a: &Document,
    ra: SentRange,
    b: &Document,
    rb: SentRange,
    deadline: Duration,
) -> (Vec<WordOp>, u32) {
    ops_between(&Run::new(a, ra), &Run::new(b, rb), deadline)
}

/// The words each side of two passages (a quote or claim and its counterpart) does not share
/// with the other, by the same word diff as a link's: byte spans in `a` and in `b`. Changes of
/// punctuation alone are left out: they are no difference of wording.
pub fn changed_words(
    a: &Document,
    sa: Span,
    b: &Document,
    sb: Span,
    deadline: Duration,
) -> (Vec<Span>, Vec<Span>) {
    let (ops, _) = ops_between(&Run::within(a, sa), &Run::within(b, sb), deadline);
    let side = |doc: &Document, pick: fn(&WordOp) -> Span| -> Vec<Span> {
        ops.iter()
            .filter(|op| op.kind != OpKind::Equal)
            .map(pick)
            .filter(|s| doc.slice(*s).chars().any(char::is_alphanumeric))
            .collect()
    };
    (side(a, |op| op.a), side(b, |op| op.b))
}

fn ops_between(x: &Run, y: &Run, deadline: Duration) -> (Vec<WordOp>, u32) {
    // Most links of a light edit are identical: they need no term lists and no diff.
    let ops = if x.same_terms(y) {
        vec![DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: x.tokens.len(),
        }]
    } else {
        let (old, new) = (x.terms(), y.terms());
        // Reading the clock is a large share of the cost of diffing two short sentences, and
        // they cannot be pathological; only long runs get a deadline.
        let deadline = (old.len() * new.len() > DEADLINE_FROM).then(|| Instant::now() + deadline);
        capture_diff_slices_deadline(Algorithm::Myers, &old, &new, deadline)
    };
    let moved = if ops.len() > 1 {
        moves::find(x.tokens, y.tokens, &ops, |old, r| {
            if old { x.pieces(r) } else { y.pieces(r) }
        })
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(ops.len() + moved.len());
    let mut shared = moved.iter().map(|m| x.words(&m.a)).sum::<u32>();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            shared += x.words(&old);
            // Cut wherever either side starts a sentence; both sides advance together.
            let mut cuts: Vec<usize> = x
                .cuts
                .iter()
                .filter(|&&c| c > old.start && c < old.end)
                .map(|&c| c - old.start)
                .collect();
            cuts.extend(
                y.cuts
                    .iter()
                    .filter(|&&c| c > new.start && c < new.end)
                    .map(|&c| c - new.start),
            );
            cuts.sort_unstable();
            cuts.dedup();
            let mut from = 0;
            for to in cuts.into_iter().chain([old.len()]) {
                out.push(WordOp {
                    kind: OpKind::Equal,
                    a: x.span(&(old.start + from..old.start + to)),
                    b: y.span(&(new.start + from..new.start + to)),
                });
                from = to;
            }
            continue;
        }
        // The changed pieces of each side, moved runs taken out: a deleted piece pairs with
        // the inserted piece of the same rank as a replacement; a moved run is a move op where
        // it sits in `a`, carrying where its copy sits in `b`.
        let mut added = y
            .pieces(new.clone())
            .into_iter()
            .flat_map(|p| without(p, moved.iter().map(|m| &m.b)))
            .filter_map(|p| match p {
                Part::Left(r) => Some(r),
                Part::Moved(_) => None,
            })
            .filter(|r| !r.is_empty());
        for part in x
            .pieces(old.clone())
            .into_iter()
            .flat_map(|p| without(p, moved.iter().map(|m| &m.a)))
        {
            match part {
                Part::Moved(k) => {
                    if let Some(m) = moved.get(k) {
                        out.push(WordOp {
                            kind: OpKind::Move,
                            a: x.span(&m.a),
                            b: y.span(&m.b),
                        });
                    }
                }
                Part::Left(ka) if ka.is_empty() => {}
                Part::Left(ka) => {
                    let (kind, kb) = match added.next() {
                        Some(kb) => (OpKind::Replace, kb),
                        None => (OpKind::Delete, new.end..new.end),
                    };
                    out.push(WordOp {
                        kind,
                        a: x.span(&ka),
                        b: y.span(&kb),
                    });
                }
            }
        }
        for kb in added {
            out.push(WordOp {
                kind: OpKind::Insert,
                a: x.span(&(old.end..old.end)),
                b: y.span(&kb),
            });
        }
    }
    (out, shared)
}

/// A piece of a changed stretch: words left changed, or the moved run of that index.
enum Part {
    Left(Range<usize>),
    Moved(usize),
}

/// `piece` in order, with the moved runs (`runs`, by index) that lie in it taken out.
fn without<'m>(piece: Range<usize>, runs: impl Iterator<Item = &'m Range<usize>>) -> Vec<Part> {
    let mut inside: Vec<(usize, &Range<usize>)> = runs
        .enumerate()
        .filter(|(_, r)| r.start >= piece.start && r.end <= piece.end && !r.is_empty())
        .collect();
    if inside.is_empty() {
        return vec![Part::Left(piece)];
    }
    inside.sort_by_key(|(_, r)| r.start);
    let mut out = Vec::new();
    let mut at = piece.start;
    for (k, r) in inside {
        if r.start > at {
            out.push(Part::Left(at..r.start));
        }
        out.push(Part::Moved(k));
        at = r.end;
    }
    if at < piece.end {
        out.push(Part::Left(at..piece.end));
    }
    out
}
