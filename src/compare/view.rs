//! The aligned view: the one seam between the engine and everything that shows a comparison.
//! Seen from a reference document, each sentence of each document gets its relation (identical,
//! reworded, moved, partial, only here, boilerplate) and the byte spans of its words that its
//! counterpart does not share; each row of the N-way [`Rows`] gets its support and which of its
//! cells say the same words. The reader, the text, JSON and HTML reports render it; none derives
//! kinds or runs a diff of its own.

use super::{Comparison, LinkKind, OpKind, PerDoc, Rows, SentRange};
use crate::document::{Corpus, DocId, Span};

/// How a sentence relates to the reference document and the other versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// Page furniture: never aligned.
    Boilerplate,
    /// The same words in every version.
    Identical,
    /// Reworded: in the reference, against some version; elsewhere, against the reference.
    Reworded,
    /// Found out of order in the reference (or, in the reference, in some version).
    Moved,
    /// In some versions but not all (word for word where it is).
    Partial,
    /// In no other version.
    OnlyHere,
}

impl Relation {
    pub fn name(self) -> &'static str {
        match self {
            Relation::Boilerplate => "boilerplate",
            Relation::Identical => "identical",
            Relation::Reworded => "reworded",
            Relation::Moved => "moved",
            Relation::Partial => "partial",
            Relation::OnlyHere => "only_here",
        }
    }

    /// Whether `]c` stops here and the sentence counts as a difference.
    pub fn is_difference(self) -> bool {
        matches!(
            self,
            Relation::Reworded | Relation::Moved | Relation::Partial | Relation::OnlyHere
        )
    }
}

/// What one sentence is, seen from the reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SentenceView {
    pub relation: Relation,
    /// The document whose wording `changed` is measured against: the reference when the sentence
    /// has a counterpart there, else the first version that carries it; `None` for the
    /// reference itself (measured against all) and for sentences in no link.
    pub against: Option<DocId>,
    /// Similarity of the link to `against` (for the reference, the lowest of its links).
    pub similarity: Option<f32>,
}

/// The comparison seen from one reference document.
#[derive(Debug, Clone)]
pub struct AlignedView {
    reference: DocId,
    sentences: PerDoc<Vec<SentenceView>>,
    /// Per document, sorted and merged byte spans of changed words.
    changed: PerDoc<Vec<Span>>,
    /// Per document, sorted and merged byte spans of words moved inside their sentence pair.
    moved: PerDoc<Vec<Span>>,
    /// `rows × docs`: cells with the same group number say the same words (identical links);
    /// `NONE` where the document has no sentence in the row.
    same: Vec<u32>,
    docs: usize,
}

const NONE: u32 = u32::MAX;

impl AlignedView {
    /// The view of `cmp` from `reference`. Cost: one pass over the links and word ops.
    pub fn build(corpus: &Corpus, cmp: &Comparison, reference: DocId) -> AlignedView {
        let docs = corpus.documents.len();
        let mut sentences = Vec::with_capacity(docs);
        let mut changed = Vec::with_capacity(docs);
        let mut moved = Vec::with_capacity(docs);
        for d in &corpus.documents {
            let mut views = Vec::with_capacity(d.sentences.len());
            let mut spans = Spans::default();
            for (s, sentence) in d.sentences.iter().enumerate() {
                let view = if sentence.boilerplate {
                    SentenceView {
                        relation: Relation::Boilerplate,
                        against: None,
                        similarity: None,
                    }
                } else {
                    sentence_view(cmp, docs, d.id, s, reference, &mut spans)
                };
                views.push(view);
            }
            changed.push(merge(spans.changed));
            moved.push(merge(spans.moved));
            sentences.push(views);
        }
        let mut view = AlignedView {
            reference,
            sentences: PerDoc::from_vec(sentences),
            changed: PerDoc::from_vec(changed),
            moved: PerDoc::from_vec(moved),
            same: Vec::new(),
            docs,
        };
        view.same = same_groups(cmp, docs);
        view
    }

    pub fn reference(&self) -> DocId {
        self.reference
    }

    pub fn sentence(&self, doc: DocId, sentence: usize) -> Option<&SentenceView> {
        self.sentences.get(doc)?.get(sentence)
    }

    pub fn relation(&self, doc: DocId, sentence: usize) -> Option<Relation> {
        self.sentence(doc, sentence).map(|v| v.relation)
    }

    /// The changed-word spans of `doc` that lie inside `within`.
    pub fn changed(&self, doc: DocId, within: Span) -> &[Span] {
        inside(self.changed.get(doc), within)
    }

    /// The spans of `doc` inside `within` whose words moved within their sentence pair: the
    /// other version has them too, in another place (not counted as changed).
    pub fn moved(&self, doc: DocId, within: Span) -> &[Span] {
        inside(self.moved.get(doc), within)
    }

    /// Whether the documents in `docs` all have sentences in `row` and say the same words there.
    pub fn same_in(&self, row: usize, docs: &[DocId]) -> bool {
        let group = |d: &DocId| {
            self.same
                .get(row * self.docs + d.index())
                .copied()
                .unwrap_or(NONE)
        };
        let Some(first) = docs.first().map(group) else {
            return false;
        };
        first != NONE && docs.iter().all(|d| group(d) == first)
    }
}

/// The sorted spans of one document that lie inside `within`.
fn inside(all: Option<&Vec<Span>>, within: Span) -> &[Span] {
    let Some(all) = all else {
        return &[];
    };
    let from = all.partition_point(|c| c.end <= within.start);
    let to = all.partition_point(|c| c.start < within.end);
    all.get(from..to.max(from)).unwrap_or(&[])
}

/// One document's word spans as its sentences' links mark them.
#[derive(Default)]
struct Spans {
    changed: Vec<Span>,
    moved: Vec<Span>,
}

fn sentence_view(
    cmp: &Comparison,
    docs: usize,
    doc: DocId,
    s: usize,
    reference: DocId,
    spans: &mut Spans,
) -> SentenceView {
    let links: Vec<&super::Counterpart> = cmp.counterparts(doc, s).collect();
    let only = SentenceView {
        relation: Relation::OnlyHere,
        against: None,
        similarity: None,
    };
    if links.is_empty() {
        return only;
    }
    let carriers = 1 + links
        .iter()
        .map(|c| c.doc)
        .fold(Vec::new(), |mut v: Vec<DocId>, d| {
            if !v.contains(&d) {
                v.push(d);
            }
            v
        })
        .len();
    let everywhere = carriers >= docs;
    let mut add_changed = |c: &super::Counterpart| {
        let Some(link) = cmp
            .alignments()
            .get(c.alignment)
            .and_then(|al| Some((al.a == doc, al.links.get(c.link)?)))
        else {
            return;
        };
        let (own_is_a, link) = link;
        for op in link.ops.iter().filter(|op| op.kind != OpKind::Equal) {
            let span = if own_is_a { op.a } else { op.b };
            if span.is_empty() {
                continue;
            }
            match op.kind {
                OpKind::Move => spans.moved.push(span),
                _ => spans.changed.push(span),
            }
        }
    };
    if doc == reference {
        // Changed words and similarity from the counterparts on the same row (in order); a
        // sentence that only moved is measured against where it went.
        let in_order: Vec<&&super::Counterpart> =
            links.iter().filter(|c| c.kind.in_order()).collect();
        let measured: Vec<&&super::Counterpart> = if in_order.is_empty() {
            links.iter().collect()
        } else {
            in_order
        };
        measured.iter().for_each(|c| add_changed(c));
        let relation = if links.iter().any(|c| c.kind == LinkKind::Moved) {
            Relation::Moved
        } else if measured
            .iter()
            .any(|c| matches!(c.kind, LinkKind::Paraphrase | LinkKind::Restated))
        {
            // A restatement counts only for a sentence that has no partner in order.
            Relation::Reworded
        } else if !everywhere {
            Relation::Partial
        } else {
            Relation::Identical
        };
        let similarity = measured.iter().map(|c| c.similarity).reduce(f32::min);
        return SentenceView {
            relation,
            against: None,
            similarity,
        };
    }
    // Against the reference when it carries the sentence; else against the first version that
    // does (in order, preferred to moved), so a row the reference lacks still shows what changed.
    let basis = links
        .iter()
        .find(|c| c.doc == reference)
        .or_else(|| links.iter().find(|c| c.kind.in_order()))
        .or_else(|| links.first());
    let Some(basis) = basis else { return only };
    add_changed(basis);
    let relation = match (basis.doc == reference, basis.kind) {
        (true, LinkKind::Moved) => Relation::Moved,
        (true, LinkKind::Paraphrase | LinkKind::Restated) => Relation::Reworded,
        (true, LinkKind::Identical) if everywhere => Relation::Identical,
        _ => Relation::Partial,
    };
    SentenceView {
        relation,
        against: Some(basis.doc),
        similarity: Some(basis.similarity),
    }
}

/// Per row and document, a group number shared by cells whose sentences are identically linked.
fn same_groups(cmp: &Comparison, docs: usize) -> Vec<u32> {
    let rows = cmp.rows();
    let mut out = vec![NONE; rows.len() * docs];
    for row in 0..rows.len() {
        let cells: Vec<(DocId, SentRange)> = rows.cells(row).collect();
        let mut groups: Vec<u32> = Vec::with_capacity(cells.len());
        for (k, &cell) in cells.iter().enumerate() {
            // The first earlier cell it is identical to lends its group; else a group of its own.
            let group = cells
                .iter()
                .zip(&groups)
                .find(|&(&other, _)| identical(cmp, cell, other))
                .map_or(k as u32, |(_, &g)| g);
            groups.push(group);
            if let Some(slot) = out.get_mut(row * docs + cell.0.index()) {
                *slot = group;
            }
        }
    }
    out
}

/// Whether the two cells are the same sentences word for word: every sentence of each is linked
/// as identical into the other.
fn identical(cmp: &Comparison, x: (DocId, SentRange), y: (DocId, SentRange)) -> bool {
    let into = |(doc, range): (DocId, SentRange), (other, other_range): (DocId, SentRange)| {
        range.range().all(|s| {
            cmp.counterparts(doc, s).any(|c| {
                c.doc == other
                    && c.kind == LinkKind::Identical
                    && c.sentences.start >= other_range.start
                    && c.sentences.end <= other_range.end
            })
        })
    };
    into(x, y) && into(y, x)
}

/// Sort and merge overlapping spans.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

impl Rows {
    /// The documents in `row`, in corpus order, with their sentences.
    pub fn cells(&self, row: usize) -> impl Iterator<Item = (DocId, SentRange)> + '_ {
        (0..self.docs()).filter_map(move |d| {
            let id = DocId(d as u32);
            Some((id, self.cell(row, id)?))
        })
    }
}
