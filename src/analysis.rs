//! The whole analysis of a corpus, built once and read by the reader and the reports: the
//! comparison of every pair of documents, and the extraction, whose cross-document matching of
//! quotes and claims starts from the sentences the comparison linked.

use crate::compare::{Comparison, Options, changed_words};
use crate::document::{Corpus, DocId, Span};
use crate::extract::{self, Extraction, SentenceLinks};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub comparison: Comparison,
    pub extraction: Extraction,
}

impl Analysis {
    pub fn build(corpus: &Corpus) -> Analysis {
        let comparison = Comparison::build(corpus);
        let mut extraction = extract::extract_with_links(corpus, &comparison);
        drift_words(corpus, &mut extraction);
        Analysis {
            comparison,
            extraction,
        }
    }
}

/// Each quote's and claim's counterparts get the words the two wordings do not share, from the
/// same word diff as the comparison's links: the evidence the drift view and reports show.
fn drift_words(corpus: &Corpus, extraction: &mut Extraction) {
    let spans: Vec<(Vec<Span>, Vec<Span>)> = extraction
        .documents
        .iter()
        .map(|d| {
            (
                d.quotes.iter().map(|q| q.span).collect(),
                d.claims.iter().map(|c| c.span).collect(),
            )
        })
        .collect();
    let deadline = Options::default().diff_deadline;
    for (found, doc) in extraction.documents.iter_mut().zip(&corpus.documents) {
        let quotes = found
            .quotes
            .iter_mut()
            .map(|q| (q.span, &mut q.counterparts));
        let claims = found
            .claims
            .iter_mut()
            .map(|c| (c.span, &mut c.counterparts));
        for (is_quote, (span, counterparts)) in
            quotes.map(|x| (true, x)).chain(claims.map(|x| (false, x)))
        {
            for c in counterparts.iter_mut() {
                let theirs = spans
                    .get(c.doc.index())
                    .and_then(|(q, cl)| if is_quote { q } else { cl }.get(c.index).copied());
                if let (Some(other), Some(theirs)) = (corpus.get(c.doc), theirs) {
                    c.changed_words = changed_words(doc, span, other, theirs, deadline);
                }
            }
        }
    }
}

impl SentenceLinks for Comparison {
    fn linked(&self, doc: DocId, sentence: usize, other: DocId) -> Vec<usize> {
        self.counterparts(doc, sentence)
            .filter(|c| c.doc == other)
            .flat_map(|c| c.sentences.range())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LoadOptions, load};

    #[test]
    fn quotes_find_their_counterparts_through_the_links() {
        let corpus = Corpus::load(&load::sample_sources(), &LoadOptions::default()).unwrap();
        let a = Analysis::build(&corpus);
        let wire = &a.extraction.documents[0];
        let reyl = wire
            .quotes
            .iter()
            .find(|q| corpus.documents[0].slice(q.span).contains("forty minutes"))
            .expect("the wire quotes Dr. Reyl");
        let docs: Vec<u32> = reyl.counterparts.iter().map(|c| c.doc.0).collect();
        assert!(docs.contains(&1) && docs.contains(&2), "{docs:?}");
    }

    #[test]
    fn drift_evidence_is_the_words_each_wording_lacks() {
        let corpus = Corpus::load(&load::sample_sources(), &LoadOptions::default()).unwrap();
        let a = Analysis::build(&corpus);
        let wire = &corpus.documents[0];
        let quote = a.extraction.documents[0]
            .quotes
            .iter()
            .find(|q| wire.slice(q.span).contains("careless in practice"))
            .expect("the wire quotes Dr. Reyl's verdict");
        let reworded = quote
            .counterparts
            .iter()
            .find(|c| c.wording == crate::extract::Wording::Reworded)
            .expect("another version rewords it");
        let (ours, theirs) = &reworded.changed_words;
        let ours: Vec<&str> = ours.iter().map(|s| wire.slice(*s)).collect();
        assert!(ours.contains(&"careless"), "{ours:?}");
        let other = &corpus.documents[reworded.doc.index()];
        assert!(
            theirs
                .iter()
                .all(|s| !other.slice(*s).contains("in practice"))
        );
        assert!(!theirs.is_empty());
        for q in a.extraction.documents.iter().flat_map(|d| &d.quotes) {
            for c in q
                .counterparts
                .iter()
                .filter(|c| c.wording == crate::extract::Wording::Same)
            {
                assert_eq!(c.changed_words, (Vec::new(), Vec::new()));
            }
        }
    }
}
