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

/// Only sentences of this many words or more are judged: a table of names and scores (sports
/// results, a list of winners) has few common words in any language.
const MIN_SENTENCE_WORDS: usize = 8;

pub fn judge(doc: &Document, vocab: &Vocab) -> Verdict {
    let stop = lexicon::stopwords();
    let mut words = 0usize;
    let mut hits = 0usize;
    for s in &doc.sentences {
        let tokens = doc
            .tokens
            .get(s.tokens.start as usize..s.tokens.end as usize)
            .unwrap_or(&[]);
        let mut n = 0usize;
        let mut h = 0usize;
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            n += 1;
            if stop.contains(vocab.term(t.term)) {
                h += 1;
            }
        }
        if n >= MIN_SENTENCE_WORDS {
            words += n;
            hits += h;
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
