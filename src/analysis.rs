//! The whole analysis of a corpus, built once and read by the reader and the reports: the
//! comparison of every pair of documents, and the extraction, whose cross-document matching of
//! quotes and claims starts from the sentences the comparison linked.

use crate::compare::Comparison;
use crate::document::{Corpus, DocId};
use crate::extract::{self, Extraction, SentenceLinks};

#[derive(Debug, Clone)]
pub struct Analysis {
    pub comparison: Comparison,
    pub extraction: Extraction,
}

impl Analysis {
    pub fn build(corpus: &Corpus) -> Analysis {
        let comparison = Comparison::build(corpus);
        let extraction = extract::extract_with_links(corpus, &comparison);
        Analysis {
            comparison,
            extraction,
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
}
