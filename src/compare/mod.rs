//! The comparison engine: every pair of documents aligned sentence by sentence, the word diff
//! inside each link, per-pair statistics, and the N-way [`Rows`] that the reader and the
//! reports render from. Built once from a [`Corpus`], immutable afterwards, no terminal needed.

mod align;
mod chain;
mod diff;
mod evidence;
mod moves;
mod related;
mod rows;
mod stats;
mod terms;
mod view;

use std::ops::Range;
use std::sync::OnceLock;
use std::time::Duration;

use rustc_hash::FxHashSet;

pub use diff::changed_words;
pub use evidence::{Evidence, RelatedMemo, evidence, evidence_with};
pub use rows::Rows;
pub use stats::{PairStats, SideStats};
pub use view::{AlignedView, Relation, SentenceView};

pub use crate::document::PerDoc;
use crate::document::{Corpus, DocId, Span};

/// A half-open run of sentence indices in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentRange {
    pub start: u32,
    pub end: u32,
}

impl SentRange {
    pub fn one(sentence: u32) -> Self {
        SentRange {
            start: sentence,
            end: sentence + 1,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn contains(self, sentence: usize) -> bool {
        self.range().contains(&sentence)
    }
}

/// How the two sides of a link relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// The same words in the same place (case and quote style aside).
    Identical,
    /// Reworded, in the same place relative to the other links.
    Paraphrase,
    /// Found out of order: the sentence moved (its wording may have changed too).
    Moved,
    /// A second pairing of a sentence that says again what another link pairs: a headline or
    /// standfirst and the lead or body sentence that tells the same fact in full, or one of the
    /// sentences a summary sentence stands for.
    Restated,
}

impl LinkKind {
    /// Whether the link pairs sentences in the story's order (its sides can stand level).
    pub fn in_order(self) -> bool {
        matches!(self, LinkKind::Identical | LinkKind::Paraphrase)
    }

    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Identical => "identical",
            LinkKind::Paraphrase => "paraphrase",
            LinkKind::Moved => "moved",
            LinkKind::Restated => "restated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpKind {
    Equal,
    Delete,
    Insert,
    Replace,
    /// The same words in another place of the link: `a` is where they sit in the first
    /// document, `b` where their copy sits in the second (out of `b`'s order).
    Move,
}

impl OpKind {
    pub fn name(self) -> &'static str {
        match self {
            OpKind::Equal => "equal",
            OpKind::Delete => "delete",
            OpKind::Insert => "insert",
            OpKind::Replace => "replace",
            OpKind::Move => "move",
        }
    }
}

/// One step of a link's word diff. `a` and `b` are byte spans in each document; the side with
/// nothing (the `b` of a delete, the `a` of an insert) is an empty span where the words would
/// be. Each span lies inside one sentence of its side. Ops follow `a`'s order; a move's `b` is
/// where the words went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordOp {
    pub kind: OpKind,
    pub a: Span,
    pub b: Span,
}

/// A run of sentences in one document matched with a run in the other (1:1, 1:2 or 2:1).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: SentRange,
    pub b: SentRange,
    pub kind: LinkKind,
    /// Weighted share of content words in common, 0–1.
    pub similarity: f32,
    pub ops: Vec<WordOp>,
    /// Words (not punctuation) that the word diff found on both sides: equal, or moved.
    pub shared_words: u32,
}

/// The links between two documents, `a` before `b` in the corpus, sorted by `a`'s sentences.
/// Sentences of either document in no link are unique to it.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub a: DocId,
    pub b: DocId,
    pub links: Vec<Link>,
    pub stats: PairStats,
}

/// Tuning of the alignment. The defaults are what the tests and the quality figures use.
#[derive(Debug, Clone)]
pub struct Options {
    /// Least similarity for an in-order link.
    pub link_threshold: f32,
    /// Least similarity for a link found out of order.
    pub moved_threshold: f32,
    /// Candidate counterparts scored per sentence.
    pub candidates: usize,
    /// Time allowed for one word diff before it settles for a coarser answer.
    pub diff_deadline: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            link_threshold: 0.3,
            moved_threshold: 0.45,
            candidates: 4,
            diff_deadline: Duration::from_millis(50),
        }
    }
}

/// Where one sentence went in another document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counterpart {
    pub doc: DocId,
    pub sentences: SentRange,
    pub kind: LinkKind,
    pub similarity: f32,
    /// Index into [`Comparison::alignments`] and that alignment's `links`.
    pub alignment: usize,
    pub link: usize,
}

/// Every pair of a corpus aligned, plus the N-way rows. Immutable once built; the rows and the
/// counterpart index are derived from the alignments on first use, so a caller that needs only
/// the statistics (`compare --stats`) never pays for them.
#[derive(Debug, Clone)]
pub struct Comparison {
    alignments: Vec<Alignment>,
    /// Number of sentences of each document.
    sentences: Vec<u32>,
    rows: OnceLock<Rows>,
    /// Per document, `(sentence, counterpart)` sorted by sentence.
    counterparts: OnceLock<PerDoc<Vec<(u32, Counterpart)>>>,
}

impl Comparison {
    /// Compare every pair of documents with the default [`Options`].
    pub fn build(corpus: &Corpus) -> Comparison {
        Comparison::with_options(corpus, &Options::default())
    }

    pub fn with_options(corpus: &Corpus, options: &Options) -> Comparison {
        let stems = terms::Stems::build(&corpus.vocab);
        let relations = stems.relations();
        let tokens: usize = corpus.documents.iter().map(|d| d.tokens.len()).sum();
        let prepared: Vec<terms::Prepared> = crate::parallel::map_owned(
            corpus.documents.iter().collect(),
            tokens >= PARALLEL_TOKENS,
            |doc| terms::Prepared::build(doc, &stems),
        );
        // A sentence with an exact copy in every other document is matched by its hash and
        // rarely scored; the others will be, so their scoring data is made now, on all cores,
        // rather than on first use inside the alignment of a pair.
        let hashes: Vec<FxHashSet<u64>> = prepared
            .iter()
            .map(|p| p.sentences.iter().map(|s| s.hash).collect())
            .collect();
        let order: Vec<usize> = (0..prepared.len()).collect();
        crate::parallel::map(&order, tokens >= PARALLEL_TOKENS, |&d| {
            prepared[d].prepare_scoring(|hash| {
                hashes
                    .iter()
                    .enumerate()
                    .all(|(e, other)| e == d || other.contains(&hash))
            });
        });
        let docs = &corpus.documents;
        let pairs: Vec<(usize, usize)> = (0..docs.len())
            .flat_map(|i| (i + 1..docs.len()).map(move |j| (i, j)))
            .collect();
        let alignments = crate::parallel::map(&pairs, tokens >= PARALLEL_TOKENS, |&(i, j)| {
            let (a, b) = (&docs[i], &docs[j]);
            let raw = align::align(a, b, &prepared[i], &prepared[j], &relations, options);
            let links: Vec<Link> = crate::parallel::map(&raw, raw.len() >= PARALLEL_LINKS, |l| {
                let (ops, shared_words) = diff::word_ops(a, l.a, b, l.b, options.diff_deadline);
                Link {
                    a: l.a,
                    b: l.b,
                    kind: l.kind,
                    similarity: l.similarity,
                    ops,
                    shared_words,
                }
            });
            let stats = stats::pair(a, b, &links);
            Alignment {
                a: a.id,
                b: b.id,
                links,
                stats,
            }
        });
        Comparison {
            alignments,
            sentences: docs.iter().map(|d| d.sentences.len() as u32).collect(),
            rows: OnceLock::new(),
            counterparts: OnceLock::new(),
        }
    }

    /// Every pair `(a, b)` with `a < b`, in corpus order: (0,1), (0,2) … (1,2) …
    pub fn alignments(&self) -> &[Alignment] {
        &self.alignments
    }

    /// The alignment of two documents, whichever order they are given in.
    pub fn alignment(&self, x: DocId, y: DocId) -> Option<&Alignment> {
        let (a, b) = if x < y { (x, y) } else { (y, x) };
        self.alignments.iter().find(|al| al.a == a && al.b == b)
    }

    pub fn rows(&self) -> &Rows {
        self.rows
            .get_or_init(|| Rows::build(&self.sentences, &self.alignments))
    }

    /// Every link of `sentence` in `doc` to the other documents.
    pub fn counterparts(&self, doc: DocId, sentence: usize) -> impl Iterator<Item = &Counterpart> {
        let index = self
            .counterparts
            .get_or_init(|| index_counterparts(self.sentences.len(), &self.alignments));
        let list = index.get(doc).map_or(&[][..], Vec::as_slice);
        let from = list.partition_point(|(s, _)| (*s as usize) < sentence);
        list[from..]
            .iter()
            .take_while(move |(s, _)| *s as usize == sentence)
            .map(|(_, c)| c)
    }
}

fn index_counterparts(docs: usize, alignments: &[Alignment]) -> PerDoc<Vec<(u32, Counterpart)>> {
    let mut out: Vec<Vec<(u32, Counterpart)>> = vec![Vec::new(); docs];
    for (ai, al) in alignments.iter().enumerate() {
        for (li, link) in al.links.iter().enumerate() {
            let sides = [(al.a, link.a, al.b, link.b), (al.b, link.b, al.a, link.a)];
            for (own, own_range, other, other_range) in sides {
                let Some(list) = out.get_mut(own.index()) else {
                    continue;
                };
                for s in own_range.start..own_range.end {
                    list.push((
                        s,
                        Counterpart {
                            doc: other,
                            sentences: other_range,
                            kind: link.kind,
                            similarity: link.similarity,
                            alignment: ai,
                            link: li,
                        },
                    ));
                }
            }
        }
    }
    for list in &mut out {
        // A restatement comes after the sentence's own partner in each document, so "the
        // counterpart" of a sentence is the one in order or moved.
        list.sort_by_key(|(s, c)| (*s, c.doc, c.kind == LinkKind::Restated));
    }
    PerDoc::from_vec(out)
}

/// Below this many tokens in the corpus, preparing and aligning run on one thread: starting
/// threads (and waiting for a busy machine to schedule them) costs more than the work.
const PARALLEL_TOKENS: usize = 50_000;
/// Below this many links in a pair, their word diffs run on one thread, for the same reason.
const PARALLEL_LINKS: usize = 1_000;
