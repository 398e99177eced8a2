//! What the reader reads: the corpus at once, and the analysis when the worker lands it — the
//! comparison with its aligned view from each document, and the extraction. Nothing here derives
//! kinds or diffs: marks and changed words are the engine's [`AlignedView`], seen from the
//! focused document.

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::compare::{
    AlignedView, Comparison, Counterpart, Evidence, PerDoc, Relation, Rows, SentRange, evidence,
};
use crate::document::{Corpus, DocId, Span};
use crate::extract::Extraction;

/// A sentence's mark in the gutter: its relation, or `None` while the comparison runs (and
/// always with one document: there is nothing to mark it against).
pub type Mark = Option<Relation>;

/// The comparison and one aligned view per reference document.
#[derive(Debug)]
struct Compared {
    comparison: Comparison,
    views: PerDoc<AlignedView>,
}

#[derive(Debug, Clone)]
pub struct ReaderModel {
    pub corpus: Arc<Corpus>,
    compared: Option<Arc<Compared>>,
    /// Quotes, claims and entities (empty until the analysis lands).
    pub extraction: Arc<Extraction>,
}

impl ReaderModel {
    /// The model before any comparison: text only.
    pub fn unanalysed(corpus: Arc<Corpus>) -> ReaderModel {
        ReaderModel {
            corpus,
            compared: None,
            extraction: Arc::default(),
        }
    }

    /// The model of a finished analysis. Builds every document's view (on the worker thread),
    /// so that moving the focus costs nothing.
    pub fn from_analysis(corpus: Arc<Corpus>, analysis: Analysis) -> ReaderModel {
        let comparison = analysis.comparison;
        let views = PerDoc::from_fn(corpus.documents.len(), |d| {
            AlignedView::build(&corpus, &comparison, d)
        });
        // Force the lazily built parts now rather than on the first frame.
        comparison.rows();
        ReaderModel {
            compared: Some(Arc::new(Compared { comparison, views })),
            extraction: Arc::new(analysis.extraction),
            corpus,
        }
    }

    pub fn analysed(&self) -> bool {
        self.compared.is_some()
    }

    pub fn doc_count(&self) -> usize {
        self.corpus.documents.len()
    }

    pub fn sentence_count(&self, doc: DocId) -> usize {
        self.corpus.get(doc).map_or(0, |d| d.sentences.len())
    }

    fn comparison(&self) -> Option<&Comparison> {
        self.compared.as_deref().map(|c| &c.comparison)
    }

    fn view(&self, reference: DocId) -> Option<&AlignedView> {
        self.compared.as_deref()?.views.get(reference)
    }

    /// The aligned rows (none before the analysis).
    pub fn rows(&self) -> Option<&Rows> {
        self.comparison().map(Comparison::rows)
    }

    pub fn row_count(&self) -> usize {
        self.rows().map_or(0, Rows::len)
    }

    /// The sentences `doc` has in `row`.
    pub fn cell(&self, row: usize, doc: DocId) -> Option<SentRange> {
        self.rows()?.cell(row, doc)
    }

    pub fn row_of(&self, doc: DocId, sentence: u32) -> Option<usize> {
        self.rows()?.row_of(doc, sentence as usize)
    }

    /// Whether the documents `docs` all say the same words in `row` (for folding).
    pub fn same_in(&self, row: usize, docs: &[DocId]) -> bool {
        docs.first()
            .and_then(|&d| self.view(d))
            .is_some_and(|v| v.same_in(row, docs))
    }

    /// The part of `doc`'s words found verbatim in `other`.
    pub fn share(&self, doc: DocId, other: DocId) -> f32 {
        let Some(al) = self.comparison().and_then(|c| c.alignment(doc, other)) else {
            return 0.0;
        };
        let side = if al.a == doc {
            &al.stats.a
        } else {
            &al.stats.b
        };
        side.shared_share() as f32
    }

    /// The sentences of `other` that say what `sentence` of `doc` says.
    pub fn counterpart(&self, doc: DocId, sentence: u32, other: DocId) -> Option<SentRange> {
        self.comparison()?
            .counterparts(doc, sentence as usize)
            .find(|c| c.doc == other)
            .map(|c| c.sentences)
    }

    /// Why `sentence` of `doc` is linked to its counterpart in `other`: the link's kind and its
    /// evidence (shared and related words, names, figures, score), computed when asked.
    pub fn evidence(
        &self,
        doc: DocId,
        sentence: u32,
        other: DocId,
    ) -> Option<(Counterpart, Evidence)> {
        let cmp = self.comparison()?;
        let c = *cmp
            .counterparts(doc, sentence as usize)
            .find(|c| c.doc == other)?;
        let al = cmp.alignments().get(c.alignment)?;
        let link = al.links.get(c.link)?;
        let (a, b) = (self.corpus.get(al.a)?, self.corpus.get(al.b)?);
        Some((c, evidence(a, b, link)))
    }

    /// The gutter mark of a sentence seen from `reference` (the focused document).
    pub fn mark(&self, doc: DocId, sentence: u32, reference: DocId) -> Mark {
        let boilerplate = self
            .corpus
            .get(doc)
            .and_then(|d| d.sentences.get(sentence as usize))
            .is_some_and(|s| s.boilerplate);
        if boilerplate {
            return Some(Relation::Boilerplate);
        }
        if self.doc_count() < 2 {
            return None;
        }
        self.view(reference)?.relation(doc, sentence as usize)
    }

    /// Changed words of `doc` inside `within`, seen from `reference`.
    pub fn changed(&self, doc: DocId, within: Span, reference: DocId) -> &[Span] {
        self.view(reference).map_or(&[], |v| v.changed(doc, within))
    }

    /// Words of `doc` inside `within` that moved within their sentence pair, seen from
    /// `reference`.
    pub fn moved(&self, doc: DocId, within: Span, reference: DocId) -> &[Span] {
        self.view(reference).map_or(&[], |v| v.moved(doc, within))
    }

    /// Whether a sentence counts as a difference for `]c` seen from `reference`.
    pub fn is_difference(&self, doc: DocId, sentence: u32, reference: DocId) -> bool {
        self.mark(doc, sentence, reference)
            .is_some_and(Relation::is_difference)
    }
}
