//! Why two runs of sentences are linked: the content words they share, the pairs of words
//! related in meaning (synonyms, derivations), the names and figures in both, and the score.
//! Made on demand for one link (the JSON report, `--explain`, the reader's info on a
//! sentence), from the documents' tokens, so alignment itself pays nothing for it.

use rustc_hash::FxHashMap;

use super::related::related_stems;
use super::terms::stem;
use super::{Link, SentRange};
use crate::document::{Document, Token, TokenKind};
use crate::lexicon;

/// The evidence of one link. Words are given lowercased as they stand in the first document
/// (`a`) of the pair, except the second of each related pair, from `b`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// Content words (stopwords and punctuation aside) both sides have, up to inflection
    /// ("reported" / "reports"), in the order of side `a`. Names and figures are among them.
    pub shared: Vec<String>,
    /// Pairs `(word of a, word of b)` related in meaning and not shared as such.
    pub related: Vec<(String, String)>,
    /// Capitalised words (names of people, places, bodies) on both sides, as written in `a`.
    pub names: Vec<String>,
    /// Numbers on both sides, as written in `a`.
    pub figures: Vec<String>,
    /// The link's similarity, 0–1.
    pub score: f32,
}

/// A content word of a run: its text, its lowercase stem, and whether it is a name or figure.
struct Word<'d> {
    text: &'d str,
    stem: String,
    name: bool,
    figure: bool,
}

fn words(doc: &Document, range: SentRange) -> Vec<Word<'_>> {
    let stopwords = lexicon::stopwords();
    let mut out: Vec<Word> = Vec::new();
    for sentence in doc.sentences.get(range.range()).unwrap_or(&[]) {
        let tokens: &[Token] = doc.sentence_tokens(sentence);
        for (k, t) in tokens.iter().enumerate() {
            if t.kind == TokenKind::Punct {
                continue;
            }
            let text = doc.slice(t.span);
            let lower = text.to_lowercase();
            if stopwords.contains(lower.as_str()) {
                continue;
            }
            // The first word of a sentence is capitalised whatever it is.
            let name = k > 0 && text.chars().next().is_some_and(char::is_uppercase);
            let stem = stem(&lower).into_owned();
            if out.iter().any(|w| w.stem == stem) {
                continue;
            }
            out.push(Word {
                text,
                stem,
                name,
                figure: t.kind == TokenKind::Number,
            });
        }
    }
    out
}

/// The stems related to each stem met so far, kept across the links of one pair of
/// documents: the same words recur from link to link.
#[derive(Default)]
pub struct RelatedMemo(FxHashMap<String, Vec<&'static str>>);

impl RelatedMemo {
    fn of(&mut self, stem: &str) -> &[&'static str] {
        if !self.0.contains_key(stem) {
            self.0
                .insert(stem.to_string(), related_stems(stem).collect());
        }
        self.0.get(stem).map_or(&[], Vec::as_slice)
    }
}

/// The evidence of `link`, a link between documents `a` and `b`.
pub fn evidence(a: &Document, b: &Document, link: &Link) -> Evidence {
    evidence_with(a, b, link, &mut RelatedMemo::default())
}

/// [`evidence`], looking relations up through `memo`: for all the links of one pair.
pub fn evidence_with(a: &Document, b: &Document, link: &Link, memo: &mut RelatedMemo) -> Evidence {
    let (wa, wb) = (words(a, link.a), words(b, link.b));
    let mut ev = Evidence {
        score: link.similarity,
        ..Evidence::default()
    };
    // Only a word of `b` that `a` lacks can be the partner of a related pair.
    let b_only: Vec<&Word> = wb
        .iter()
        .filter(|v| !wa.iter().any(|x| x.stem == v.stem))
        .collect();
    for w in &wa {
        match wb.iter().find(|v| v.stem == w.stem) {
            Some(v) => {
                ev.shared.push(w.text.to_lowercase());
                if w.figure && v.figure {
                    ev.figures.push(w.text.to_string());
                } else if w.name && v.name {
                    ev.names.push(w.text.to_string());
                }
            }
            None if !b_only.is_empty() => {
                let related = memo.of(&w.stem);
                let partner = b_only.iter().find(|v| related.iter().any(|r| *r == v.stem));
                if let Some(v) = partner {
                    ev.related
                        .push((w.text.to_lowercase(), v.text.to_lowercase()));
                }
            }
            None => {}
        }
    }
    ev
}
