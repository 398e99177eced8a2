//! What the tests share: a corpus of plain texts of our own, named doc0.txt, doc1.txt…

use std::path::PathBuf;

use parallax::document::load::from_bytes;
use parallax::document::{Corpus, Format, Origin};

pub fn corpus(texts: &[&str]) -> Corpus {
    let mut corpus = Corpus::default();
    for (i, t) in texts.iter().enumerate() {
        let origin = Origin::File(PathBuf::from(format!("doc{i}.txt")));
        let loaded = from_bytes(origin, t.as_bytes(), Some(Format::Text)).expect("text loads");
        corpus.push(loaded);
    }
    corpus
}
