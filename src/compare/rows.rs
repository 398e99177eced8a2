//! The N-way view: one row per band of corresponding sentences, holding for each document an
//! optional run of sentences, plus the row's support (the documents that carry it). The panes,
//! the text report and the JSON all render from it; every document reads top to bottom in it.

use rustc_hash::FxHashMap;

use super::chain::{self, Item};
use super::{Alignment, DocId, SentRange};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    docs: usize,
    /// `rows × docs` cells, row-major.
    cells: Vec<Option<SentRange>>,
    /// `rows × words` bitsets of supporting documents.
    support: Vec<u64>,
    words: usize,
    /// Per document, the row of each sentence.
    row_of: Vec<Vec<u32>>,
}

/// A half-open run of rows or sentences.
type Run = (u32, u32);

impl Rows {
    /// Documents are merged in one at a time: each new document's sentences go level with the
    /// rows their in-order links point to (the heaviest non-crossing choice, weights summed over
    /// the documents already placed), and its other sentences get rows of their own. Moved links
    /// only add support, since putting them level would break a document's order.
    /// `sentences` holds the number of sentences of each document.
    pub(crate) fn build(sentences: &[u32], alignments: &[Alignment]) -> Rows {
        let docs = sentences.len();
        let mut bands: Vec<Vec<Option<SentRange>>> = Vec::new();
        for (d, &count) in sentences.iter().enumerate() {
            let row_of = index(&bands, d);
            let mut weights: FxHashMap<(Run, Run), f32> = FxHashMap::default();
            for al in alignments
                .iter()
                .filter(|al| al.b.index() == d && al.a.index() < d)
            {
                let Some(rows) = row_of.get(al.a.index()) else {
                    continue;
                };
                for link in al.links.iter().filter(|l| l.kind.in_order()) {
                    let first = rows.get(link.a.start as usize);
                    let last = link.a.end.checked_sub(1).and_then(|e| rows.get(e as usize));
                    if let (Some(&r0), Some(&r1)) = (first, last) {
                        *weights
                            .entry(((r0, r1 + 1), (link.b.start, link.b.end)))
                            .or_default() += link.similarity;
                    }
                }
            }
            let items: Vec<Item> = weights
                .into_iter()
                .map(|(((r0, r1), (s0, s1)), weight)| Item {
                    a: (r0, r1),
                    b: (s0, s1),
                    weight,
                })
                .collect();
            let chosen: Vec<&Item> = chain::heaviest(&items, count)
                .into_iter()
                .filter_map(|i| items.get(i))
                .collect();
            bands = merge(bands, d, docs, count, &chosen);
        }
        let words = docs.div_ceil(64).max(1);
        let mut rows = Rows {
            docs,
            cells: Vec::with_capacity(bands.len() * docs),
            support: Vec::with_capacity(bands.len() * words),
            words,
            row_of: sentences.iter().map(|&n| vec![0; n as usize]).collect(),
        };
        for band in &bands {
            rows.push(band);
        }
        rows.add_moved_support(alignments);
        rows
    }

    pub fn len(&self) -> usize {
        self.cells.len() / self.docs.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The number of documents.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// The sentences `doc` has in `row`, if any.
    pub fn cell(&self, row: usize, doc: DocId) -> Option<SentRange> {
        if doc.index() >= self.docs {
            return None;
        }
        self.cells
            .get(row * self.docs + doc.index())
            .copied()
            .flatten()
    }

    /// The documents that carry `row`: those with sentences in it, and those that have a moved
    /// counterpart of one of them elsewhere.
    pub fn support(&self, row: usize) -> impl Iterator<Item = DocId> + '_ {
        let bits = self
            .support
            .get(row * self.words..(row + 1) * self.words)
            .unwrap_or(&[]);
        (0..self.docs)
            .filter(move |&d| bits.get(d / 64).is_some_and(|w| w >> (d % 64) & 1 == 1))
            .map(|d| DocId(d as u32))
    }

    /// The row holding a sentence, for aligned scrolling and jumps.
    pub fn row_of(&self, doc: DocId, sentence: usize) -> Option<usize> {
        self.row_of
            .get(doc.index())?
            .get(sentence)
            .map(|&r| r as usize)
    }

    fn push(&mut self, cells: &[Option<SentRange>]) {
        let row = self.len() as u32;
        let mut bits = vec![0u64; self.words];
        for (d, cell) in cells.iter().enumerate() {
            let Some(r) = cell else { continue };
            if let Some(w) = bits.get_mut(d / 64) {
                *w |= 1 << (d % 64);
            }
            if let Some(list) = self.row_of.get_mut(d) {
                for s in r.range() {
                    if let Some(slot) = list.get_mut(s) {
                        *slot = row;
                    }
                }
            }
        }
        self.cells.extend_from_slice(cells);
        self.support.extend(bits);
    }

    /// Links that are not level in the rows (moved, restated) add their support.
    fn add_moved_support(&mut self, alignments: &[Alignment]) {
        for al in alignments {
            for link in al.links.iter().filter(|l| !l.kind.in_order()) {
                for (own, range, other) in [(al.a, link.a, al.b), (al.b, link.b, al.a)] {
                    for s in range.range() {
                        let Some(row) = self.row_of(own, s) else {
                            continue;
                        };
                        let d = other.index();
                        if let Some(w) = self.support.get_mut(row * self.words + d / 64) {
                            *w |= 1 << (d % 64);
                        }
                    }
                }
            }
        }
    }
}

/// Per document placed so far, the row of each of its sentences.
fn index(bands: &[Vec<Option<SentRange>>], placed: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); placed];
    for (r, band) in bands.iter().enumerate() {
        for (d, cell) in band.iter().enumerate().take(placed) {
            if let (Some(cell), Some(list)) = (cell, out.get_mut(d)) {
                list.extend(cell.range().map(|_| r as u32));
            }
        }
    }
    out
}

/// Add document `d` to the bands: each chosen item puts a run of its sentences level with a
/// run of rows (merged into one); its other sentences get rows after the rows before them.
fn merge(
    bands: Vec<Vec<Option<SentRange>>>,
    d: usize,
    docs: usize,
    sentences: u32,
    chosen: &[&Item],
) -> Vec<Vec<Option<SentRange>>> {
    let mut out: Vec<Vec<Option<SentRange>>> = Vec::with_capacity(bands.len() + sentences as usize);
    let alone = |s: u32| {
        let mut band = vec![None; docs];
        if let Some(cell) = band.get_mut(d) {
            *cell = Some(SentRange::one(s));
        }
        band
    };
    let mut old = bands.into_iter().enumerate().peekable();
    let mut next = 0u32;
    for item in chosen {
        while let Some((_, band)) = old.next_if(|(r, _)| (*r as u32) < item.a.0) {
            out.push(band);
        }
        out.extend((next..item.b.0).map(alone));
        let mut joined: Vec<Option<SentRange>> = vec![None; docs];
        while let Some((_, band)) = old.next_if(|(r, _)| (*r as u32) < item.a.1) {
            for (slot, cell) in joined.iter_mut().zip(band) {
                *slot = match (*slot, cell) {
                    (Some(x), Some(y)) => Some(SentRange {
                        start: x.start.min(y.start),
                        end: x.end.max(y.end),
                    }),
                    (x, y) => x.or(y),
                };
            }
        }
        if let Some(cell) = joined.get_mut(d) {
            *cell = Some(SentRange {
                start: item.b.0,
                end: item.b.1,
            });
        }
        out.push(joined);
        next = item.b.1;
    }
    out.extend(old.map(|(_, band)| band));
    out.extend((next..sentences).map(alone));
    out
}
