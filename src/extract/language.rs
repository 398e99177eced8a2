//! Is a document English? Extraction's rules and word lists are English only, so a text in
//! another language gets a warning and no annotations instead of nonsense.

use crate::document::{Document, TokenKind, Vocab};
use crate::lexicon;

/// Below this many words a text is too short to judge and is taken as English.
const MIN_WORDS: usize = 30;

/// English news prose has a third or more of its words in the stopword list; other languages
/// share a few short words with it ("a", "in", "die") and stay well under this.
const MIN_STOPWORD_SHARE: f32 = 0.14;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    words: usize,
    share: f32,
}

impl Verdict {
    pub fn is_english(self) -> bool {
        self.words < MIN_WORDS || self.share >= MIN_STOPWORD_SHARE
    }

    pub fn warning(self) -> Option<String> {
        (!self.is_english()).then(|| {
            format!(
                "extraction is English-only and this text does not read as English \
                 ({:.0}% common English words); no quotes, entities or claims were extracted",
                self.share * 100.0
            )
        })
    }
}

pub fn judge(doc: &Document, vocab: &Vocab) -> Verdict {
    let stop = lexicon::stopwords();
    let mut words = 0usize;
    let mut hits = 0usize;
    for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        words += 1;
        if stop.contains(vocab.term(t.term)) {
            hits += 1;
        }
    }
    Verdict {
        words,
        share: if words == 0 {
            0.0
        } else {
            hits as f32 / words as f32
        },
    }
}
