//! The N-way view: one row per band of corresponding sentences, holding for each document an
//! optional run of sentences, plus the row's support (the documents that carry it). The panes,
//! the text report and the JSON all render from it; every document reads top to bottom in it.

use super::{Alignment, DocId, LinkKind, SentRange};
use crate::document::Corpus;

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

/// A union-find over every sentence of every document.
struct Sets(Vec<u32>);

impl Sets {
    fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.0.get(x as usize) {
            if p == x {
                break;
            }
            let grand = self.0.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x as usize) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    fn join(&mut self, x: u32, y: u32) {
        let (rx, ry) = (self.find(x), self.find(y));
        if let Some(slot) = self.0.get_mut(rx.max(ry) as usize) {
            *slot = rx.min(ry);
        }
    }
}

impl Rows {
    /// Sentences joined by in-order links (directly or through other documents) share a row;
    /// moved links only add support, since putting them level would break a document's order.
    pub(crate) fn build(corpus: &Corpus, alignments: &[Alignment]) -> Rows {
        let lens: Vec<usize> = corpus.documents.iter().map(|d| d.sentences.len()).collect();
        let base: Vec<u32> = lens
            .iter()
            .scan(0u32, |acc, &n| {
                let at = *acc;
                *acc += n as u32;
                Some(at)
            })
            .collect();
        let total = lens.iter().sum::<usize>() as u32;
        let node = |d: DocId, s: u32| base.get(d.index()).map_or(0, |b| b + s);

        let mut sets = Sets((0..total).collect());
        for al in alignments {
            for link in al.links.iter().filter(|l| l.kind != LinkKind::Moved) {
                let first = node(al.a, link.a.start);
                let others = (link.a.start..link.a.end)
                    .map(|s| node(al.a, s))
                    .chain((link.b.start..link.b.end).map(|s| node(al.b, s)));
                for n in others {
                    sets.join(first, n);
                }
            }
        }
        let owner: Vec<u32> = (0..total).map(|n| sets.find(n)).collect();
        let members = Members::new(&owner, &base);

        let docs = lens.len();
        let words = docs.div_ceil(64).max(1);
        let mut rows = Rows {
            docs,
            cells: Vec::new(),
            support: Vec::new(),
            words,
            row_of: lens.iter().map(|&n| vec![0; n]).collect(),
        };
        Emitter {
            lens,
            base,
            owner,
            members,
            front: vec![0; docs],
            fresh: total,
        }
        .run(&mut rows);
        rows.add_moved_support(alignments);
        rows
    }

    pub fn len(&self) -> usize {
        self.cells.len() / self.docs.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
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

    fn add_moved_support(&mut self, alignments: &[Alignment]) {
        for al in alignments {
            for link in al.links.iter().filter(|l| l.kind == LinkKind::Moved) {
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

/// The sentences of each multi-sentence set, sorted by document and sentence.
struct Members {
    nodes: Vec<(u32, u32, u32)>,
}

impl Members {
    fn new(owner: &[u32], base: &[u32]) -> Members {
        let mut size = vec![0u32; owner.len()];
        for &root in owner {
            if let Some(n) = size.get_mut(root as usize) {
                *n += 1;
            }
        }
        let mut nodes: Vec<(u32, u32, u32)> = Vec::new();
        for (d, &b) in base.iter().enumerate() {
            let end = base.get(d + 1).copied().unwrap_or(owner.len() as u32);
            for n in b..end {
                let root = owner.get(n as usize).copied().unwrap_or(n);
                if size.get(root as usize).is_some_and(|&k| k > 1) {
                    nodes.push((root, d as u32, n - b));
                }
            }
        }
        nodes.sort_unstable();
        Members { nodes }
    }

    fn of(&self, set: u32) -> &[(u32, u32, u32)] {
        let from = self.nodes.partition_point(|m| m.0 < set);
        let to = self.nodes.partition_point(|m| m.0 <= set);
        self.nodes.get(from..to).unwrap_or(&[])
    }
}

/// Walks all documents top to bottom at once, emitting a set as a row when it is at the front
/// of every document it spans.
struct Emitter {
    lens: Vec<usize>,
    base: Vec<u32>,
    owner: Vec<u32>,
    members: Members,
    front: Vec<usize>,
    fresh: u32,
}

impl Emitter {
    fn node(&self, d: usize, s: usize) -> usize {
        self.base.get(d).map_or(0, |&b| b as usize + s)
    }

    fn owner_at_front(&self, d: usize) -> Option<u32> {
        let s = *self.front.get(d)?;
        if s >= *self.lens.get(d)? {
            return None;
        }
        self.owner.get(self.node(d, s)).copied()
    }

    /// The still-attached members of a set; a set of one is the front sentence itself.
    fn live(&self, set: u32) -> Vec<(usize, usize)> {
        self.members
            .of(set)
            .iter()
            .filter(|&&(_, d, s)| self.owner.get(self.node(d as usize, s as usize)) == Some(&set))
            .map(|&(_, d, s)| (d as usize, s as usize))
            .collect()
    }

    fn ready(&self, members: &[(usize, usize)]) -> bool {
        let mut last_doc = usize::MAX;
        members.iter().all(|&(d, s)| {
            let first = d != last_doc;
            last_doc = d;
            !first || self.front.get(d) == Some(&s)
        })
    }

    fn run(mut self, rows: &mut Rows) {
        let docs = self.lens.len();
        let mut cells = vec![None; docs];
        loop {
            let fronts: Vec<(usize, u32)> = (0..docs)
                .filter_map(|d| Some((d, self.owner_at_front(d)?)))
                .collect();
            let Some(&(first_doc, _)) = fronts.first() else {
                break;
            };
            let mut chosen = None;
            for &(d, set) in &fronts {
                let mut members = self.live(set);
                if members.is_empty() {
                    members.push((d, self.front.get(d).copied().unwrap_or(0)));
                }
                if self.ready(&members) {
                    chosen = Some(members);
                    break;
                }
            }
            // Crossing links between different pairs: no set can go first. Let the front
            // sentence of the first document stand alone and go on.
            let members = match chosen {
                Some(m) => m,
                None => {
                    let s = self.front.get(first_doc).copied().unwrap_or(0);
                    let n = self.node(first_doc, s);
                    if let Some(o) = self.owner.get_mut(n) {
                        *o = self.fresh;
                    }
                    self.fresh += 1;
                    vec![(first_doc, s)]
                }
            };
            cells.iter_mut().for_each(|c| *c = None);
            self.emit(&members, &mut cells);
            rows.push(&cells);
        }
    }

    /// Take each document's leading run of the set; later, detached members stand alone.
    fn emit(&mut self, members: &[(usize, usize)], cells: &mut [Option<SentRange>]) {
        let mut i = 0;
        while let Some(&(d, first)) = members.get(i) {
            let mut end = first + 1;
            i += 1;
            while let Some(&(d2, s)) = members.get(i) {
                if d2 != d {
                    break;
                }
                if s == end {
                    end += 1;
                } else {
                    let n = self.node(d, s);
                    if let Some(o) = self.owner.get_mut(n) {
                        *o = self.fresh;
                        self.fresh += 1;
                    }
                }
                i += 1;
            }
            if let Some(cell) = cells.get_mut(d) {
                *cell = Some(SentRange {
                    start: first as u32,
                    end: end as u32,
                });
            }
            if let Some(f) = self.front.get_mut(d) {
                *f = end;
            }
        }
    }
}
