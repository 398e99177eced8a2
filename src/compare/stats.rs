//! Per-pair statistics: how much of each document's wording the other shares verbatim, and how
//! its sentences divide into identical, paraphrased, moved and unique.

use super::{Link, LinkKind};
use crate::document::{Document, TokenKind};

/// One document's side of a pair. Boilerplate sentences count only in `boilerplate`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideStats {
    /// Sentences other than boilerplate.
    pub sentences: u32,
    pub identical: u32,
    pub paraphrase: u32,
    pub moved: u32,
    /// Sentences in no link.
    pub unique: u32,
    pub boilerplate: u32,
    /// Words (not punctuation) outside boilerplate.
    pub words: u32,
    /// Of those, the words the other document has verbatim in a linked sentence.
    pub shared_words: u32,
}

impl SideStats {
    /// Share of the words shared verbatim, 0–1 (0 for a document without words).
    pub fn shared_share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            f64::from(self.shared_words) / f64::from(self.words)
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairStats {
    pub a: SideStats,
    pub b: SideStats,
    pub links: u32,
    /// Mean similarity over the links (0 without links).
    pub mean_similarity: f32,
}

pub(crate) fn pair(a: &Document, b: &Document, links: &[Link]) -> PairStats {
    let mut sa = side(a);
    let mut sb = side(b);
    // Per side, the sentences a link other than a restatement covers: a restated sentence
    // counts once, as reworded, only if nothing else links it, and its words are counted by
    // its other link.
    let mut covered = [
        vec![false; a.sentences.len()],
        vec![false; b.sentences.len()],
    ];
    for link in links.iter().filter(|l| l.kind != LinkKind::Restated) {
        let sides = [(&mut sa, link.a), (&mut sb, link.b)];
        for ((stats, range), covered) in sides.into_iter().zip(covered.iter_mut()) {
            let n = range.len() as u32;
            match link.kind {
                LinkKind::Identical => stats.identical += n,
                LinkKind::Paraphrase => stats.paraphrase += n,
                LinkKind::Moved | LinkKind::Restated => stats.moved += n,
            }
            stats.unique = stats.unique.saturating_sub(n);
            stats.shared_words += link.shared_words;
            for s in range.range() {
                if let Some(c) = covered.get_mut(s) {
                    *c = true;
                }
            }
        }
    }
    for link in links.iter().filter(|l| l.kind == LinkKind::Restated) {
        let sides = [(&mut sa, link.a), (&mut sb, link.b)];
        for ((stats, range), covered) in sides.into_iter().zip(covered.iter_mut()) {
            for s in range.range() {
                if let Some(c) = covered.get_mut(s)
                    && !*c
                {
                    *c = true;
                    stats.paraphrase += 1;
                    stats.unique = stats.unique.saturating_sub(1);
                }
            }
        }
    }
    let total: f32 = links.iter().map(|l| l.similarity).sum();
    PairStats {
        a: sa,
        b: sb,
        links: links.len() as u32,
        mean_similarity: if links.is_empty() {
            0.0
        } else {
            total / links.len() as f32
        },
    }
}

/// Counts before any link: every non-boilerplate sentence starts out unique.
fn side(doc: &Document) -> SideStats {
    let mut s = SideStats::default();
    for sentence in &doc.sentences {
        if sentence.boilerplate {
            s.boilerplate += 1;
            continue;
        }
        s.sentences += 1;
        s.words += doc
            .sentence_tokens(sentence)
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count() as u32;
    }
    s.unique = s.sentences;
    s
}
