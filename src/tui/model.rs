//! What the reader shows about each sentence, in the terms the screen needs: its relation to a
//! reference document, its counterparts, the words that changed, and the aligned rows. Built
//! from the comparison once the worker finishes; until then every sentence is pending.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::compare::{LinkKind, OpKind, WordOp};
use crate::document::{Corpus, DocId, Span};
use crate::extract::Extraction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Identical,
    Paraphrase,
    Moved,
}

/// A sentence's mark in the gutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The comparison is still running.
    Pending,
    Boilerplate,
    Identical,
    Paraphrase,
    Moved,
    /// Shared word for word with some other versions but absent from others.
    Partial,
    /// In no other document (or, in another pane, not in the focused document).
    Unique,
}

/// A link between sentence ranges of two documents, as the screen uses it.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    pub a: Range<u32>,
    pub b: Range<u32>,
    pub relation: Relation,
    /// Byte spans of the words on each side that the other side does not share.
    pub changed_a: Vec<Span>,
    pub changed_b: Vec<Span>,
}

#[derive(Debug, Clone, Default)]
struct Pair {
    links: Vec<LinkInfo>,
    of_a: Vec<Option<u32>>,
    of_b: Vec<Option<u32>>,
}

/// One aligned band: per document, the sentences it holds there.
pub type Row = Vec<Option<Range<u32>>>;

#[derive(Debug, Clone)]
pub struct ReaderModel {
    pub corpus: Arc<Corpus>,
    pairs: BTreeMap<(usize, usize), Pair>,
    rows: Vec<Row>,
    /// Per row: every document carries it and all the sentences are identical.
    row_identical: Vec<bool>,
    /// Per document, per sentence: its row.
    row_of: Vec<Vec<u32>>,
    /// `share[a][b]`: the part of `a`'s words found verbatim in `b`.
    share: Vec<Vec<f32>>,
    analysed: bool,
    /// Quotes, claims and entities (empty until the analysis lands).
    pub extraction: Arc<Extraction>,
}

impl ReaderModel {
    /// The model before any comparison: text only.
    pub fn unanalysed(corpus: Arc<Corpus>) -> ReaderModel {
        let n = corpus.documents.len();
        ReaderModel {
            corpus,
            pairs: BTreeMap::new(),
            rows: Vec::new(),
            row_identical: Vec::new(),
            row_of: vec![Vec::new(); n],
            share: vec![vec![0.0; n]; n],
            analysed: false,
            extraction: Arc::default(),
        }
    }

    /// The model of a finished analysis.
    pub fn from_analysis(corpus: Arc<Corpus>, analysis: Analysis) -> ReaderModel {
        let mut model = ReaderModel::unanalysed(corpus);
        let comparison = &analysis.comparison;
        let spans = |ops: &[WordOp], side: fn(&WordOp) -> Span| -> Vec<Span> {
            ops.iter()
                .filter(|op| op.kind != OpKind::Equal)
                .map(side)
                .filter(|s| !s.is_empty())
                .collect()
        };
        for al in comparison.alignments() {
            let links = al
                .links
                .iter()
                .map(|l| LinkInfo {
                    a: l.a.start..l.a.end,
                    b: l.b.start..l.b.end,
                    relation: match l.kind {
                        LinkKind::Identical => Relation::Identical,
                        LinkKind::Paraphrase => Relation::Paraphrase,
                        LinkKind::Moved => Relation::Moved,
                    },
                    changed_a: spans(&l.ops, |op| op.a),
                    changed_b: spans(&l.ops, |op| op.b),
                })
                .collect();
            let share = (
                al.stats.a.shared_share() as f32,
                al.stats.b.shared_share() as f32,
            );
            model.add_pair(al.a.index(), al.b.index(), links, share);
        }
        let rows = comparison.rows();
        let n = model.doc_count();
        let rows = (0..rows.len())
            .map(|r| {
                (0..n)
                    .map(|d| rows.cell(r, DocId(d as u32)).map(|s| s.start..s.end))
                    .collect()
            })
            .collect();
        model.set_rows(rows);
        model.extraction = Arc::new(analysis.extraction);
        model
    }

    pub fn analysed(&self) -> bool {
        self.analysed
    }

    pub fn doc_count(&self) -> usize {
        self.corpus.documents.len()
    }

    pub fn sentence_count(&self, doc: usize) -> usize {
        self.corpus
            .documents
            .get(doc)
            .map_or(0, |d| d.sentences.len())
    }

    /// Record the links between documents `a` and `b` (a < b) and the share each has in the other.
    pub fn add_pair(&mut self, a: usize, b: usize, links: Vec<LinkInfo>, share: (f32, f32)) {
        let mut pair = Pair {
            of_a: vec![None; self.sentence_count(a)],
            of_b: vec![None; self.sentence_count(b)],
            links,
        };
        for (i, link) in pair.links.iter().enumerate() {
            for s in link.a.clone() {
                if let Some(slot) = pair.of_a.get_mut(s as usize) {
                    *slot = Some(i as u32);
                }
            }
            for s in link.b.clone() {
                if let Some(slot) = pair.of_b.get_mut(s as usize) {
                    *slot = Some(i as u32);
                }
            }
        }
        self.pairs.insert((a, b), pair);
        if let Some(row) = self.share.get_mut(a) {
            row[b] = share.0;
        }
        if let Some(row) = self.share.get_mut(b) {
            row[a] = share.1;
        }
    }

    /// Install the aligned rows; marks become final.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        let n = self.doc_count();
        self.row_of = (0..n).map(|d| vec![0; self.sentence_count(d)]).collect();
        for (r, row) in rows.iter().enumerate() {
            for (d, range) in row.iter().enumerate() {
                for s in range.clone().into_iter().flatten() {
                    if let Some(slot) = self.row_of.get_mut(d).and_then(|v| v.get_mut(s as usize)) {
                        *slot = r as u32;
                    }
                }
            }
        }
        self.row_identical = rows
            .iter()
            .map(|row| {
                row.iter().all(Option::is_some)
                    && row.first().cloned().flatten().is_some_and(|r0| {
                        (1..n).all(|d| {
                            r0.clone()
                                .all(|s| self.relation(0, s, d) == Some(Relation::Identical))
                        })
                    })
            })
            .collect();
        self.rows = rows;
        self.analysed = true;
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn row_identical(&self, row: usize) -> bool {
        self.row_identical.get(row).copied().unwrap_or(false)
    }

    pub fn row_of(&self, doc: usize, sentence: u32) -> Option<usize> {
        self.row_of
            .get(doc)?
            .get(sentence as usize)
            .map(|&r| r as usize)
    }

    pub fn share(&self, doc: usize, other: usize) -> f32 {
        self.share
            .get(doc)
            .and_then(|r| r.get(other))
            .copied()
            .unwrap_or(0.0)
    }

    /// The link holding `sentence` of `doc` in its pair with `other`, and whether `doc` is side a.
    fn link(&self, doc: usize, sentence: u32, other: usize) -> Option<(&LinkInfo, bool)> {
        let (key, is_a) = if doc < other {
            ((doc, other), true)
        } else {
            ((other, doc), false)
        };
        let pair = self.pairs.get(&key)?;
        let of = if is_a { &pair.of_a } else { &pair.of_b };
        let i = (*of.get(sentence as usize)?)?;
        pair.links.get(i as usize).map(|l| (l, is_a))
    }

    pub fn relation(&self, doc: usize, sentence: u32, other: usize) -> Option<Relation> {
        self.link(doc, sentence, other).map(|(l, _)| l.relation)
    }

    /// The sentences of `other` that say what `sentence` of `doc` says.
    pub fn counterpart(&self, doc: usize, sentence: u32, other: usize) -> Option<Range<u32>> {
        self.link(doc, sentence, other)
            .map(|(l, is_a)| if is_a { l.b.clone() } else { l.a.clone() })
    }

    /// Words of `sentence` that its counterpart in `other` does not share.
    pub fn changed(&self, doc: usize, sentence: u32, other: usize) -> &[Span] {
        match self.link(doc, sentence, other) {
            Some((l, true)) => &l.changed_a,
            Some((l, false)) => &l.changed_b,
            None => &[],
        }
    }

    /// The gutter mark of a sentence seen from `reference` (the focused document). In the
    /// reference itself the mark sums up its relation to every other document.
    pub fn mark(&self, doc: usize, sentence: u32, reference: usize) -> Mark {
        let boiler = self
            .corpus
            .documents
            .get(doc)
            .and_then(|d| d.sentences.get(sentence as usize))
            .is_some_and(|s| s.boilerplate);
        if boiler {
            return Mark::Boilerplate;
        }
        // Unanalysed, or one document alone: there is nothing to mark a sentence against.
        if !self.analysed || self.doc_count() < 2 {
            return Mark::Pending;
        }
        let of = |r: Option<Relation>| match r {
            None => Mark::Unique,
            Some(Relation::Identical) => Mark::Identical,
            Some(Relation::Paraphrase) => Mark::Paraphrase,
            Some(Relation::Moved) => Mark::Moved,
        };
        if doc != reference {
            return of(self.relation(doc, sentence, reference));
        }
        let relations: Vec<Relation> = (0..self.doc_count())
            .filter(|&o| o != doc)
            .filter_map(|o| self.relation(doc, sentence, o))
            .collect();
        if relations.is_empty() {
            Mark::Unique
        } else if relations.contains(&Relation::Moved) {
            Mark::Moved
        } else if relations.contains(&Relation::Paraphrase) {
            Mark::Paraphrase
        } else if relations.len() + 1 < self.doc_count() {
            Mark::Partial
        } else {
            Mark::Identical
        }
    }

    /// Whether a sentence counts as a difference for `]c` seen from `reference`.
    pub fn is_difference(&self, doc: usize, sentence: u32, reference: usize) -> bool {
        matches!(
            self.mark(doc, sentence, reference),
            Mark::Paraphrase | Mark::Moved | Mark::Partial | Mark::Unique
        )
    }
}
