//! What alignment sees of a sentence: its distinct content stems (stopwords and punctuation
//! dropped, light suffix stripping), hashes of its runs of consecutive words (to spot passages
//! kept verbatim) and a hash of its full term sequence for exact matches.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::related::{Related, RelatedList};
use crate::document::{Document, TermId, Token, TokenKind, Vocab};
use crate::lexicon;

/// Marks a term that carries no content (stopword or punctuation).
const NO_STEM: u32 = u32::MAX;
/// Words per run hashed for verbatim matching. Four is past most names ("Environment Minister
/// Ilse Marand" is one run, "Gen. Piet Ocksen" none), so shared runs come mostly from passages
/// copied word for word, such as quotes.
pub(crate) const GRAM: usize = 4;

/// The stem of every term in the vocabulary, computed once per comparison.
pub(crate) struct Stems<'v> {
    of_term: Vec<u32>,
    count: usize,
    /// Each stem's text to its id: related stems are found through it.
    names: FxHashMap<Cow<'v, str>, u32>,
}

impl<'v> Stems<'v> {
    pub(crate) fn build(vocab: &'v Vocab) -> Stems<'v> {
        let stopwords = lexicon::stopwords();
        let mut ids: FxHashMap<Cow<str>, u32> =
            FxHashMap::with_capacity_and_hasher(vocab.len(), Default::default());
        let of_term = (0..vocab.len())
            .map(|i| {
                let term = vocab.term(TermId(i as u32));
                if !term.chars().any(char::is_alphanumeric) || stopwords.contains(term) {
                    return NO_STEM;
                }
                let next = ids.len() as u32;
                *ids.entry(stem(term)).or_insert(next)
            })
            .collect();
        Stems {
            of_term,
            count: ids.len(),
            names: ids,
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// Ready to find the stems related in meaning to a stem (synonyms, derivations).
    pub(crate) fn relations(&self) -> Relations<'_> {
        Relations {
            names: &self.names,
            related: Related::new(&self.names, self.count),
        }
    }

    fn of(&self, term: TermId) -> Option<u32> {
        self.of_term
            .get(term.0 as usize)
            .copied()
            .filter(|&s| s != NO_STEM)
    }
}

/// Strip common English inflections so "influence", "influencing" and "influenced" meet, and
/// fold British "-ise" into "-ize". Deliberately light: it must never merge unrelated words.
pub(crate) fn stem(word: &str) -> Cow<'_, str> {
    let mut w = word.trim_end_matches("'s").trim_end_matches('\'');
    if !w.is_ascii() || w.len() <= 3 || w.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(w);
    }
    for suffix in [
        "ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s", "e",
    ] {
        if let Some(rest) = w.strip_suffix(suffix)
            && rest.len() >= 3
            && !(suffix == "s" && rest.ends_with('s'))
        {
            w = rest;
            if suffix == "ies" {
                return Cow::Owned(format!("{w}y"));
            }
            break;
        }
    }
    match w.strip_suffix("is") {
        Some(rest) if rest.len() >= 4 => Cow::Owned(format!("{rest}iz")),
        _ => Cow::Borrowed(w),
    }
}

/// A sentence as alignment sees it.
pub(crate) struct SentTerms {
    /// Hash of the full normalised term sequence, punctuation included.
    pub hash: u64,
    /// Number of distinct content stems.
    pub content: u32,
    pub boilerplate: bool,
}

/// One document prepared for alignment. A light edit's sentences are mostly matched by their
/// full hash and never scored, so what only scoring needs — each sentence's sorted stems and
/// word-run hashes — is made on first use.
/// The stems related in meaning to each stem of a [`Stems`], found on demand.
pub(crate) struct Relations<'s> {
    names: &'s FxHashMap<Cow<'s, str>, u32>,
    related: Related<'s>,
}

impl Relations<'_> {
    /// The stems related to `stem` (synonyms, derivations).
    pub(crate) fn of(&self, stem: u32) -> &RelatedList {
        self.related.of(stem, self.names)
    }
}

pub(crate) struct Prepared<'d> {
    doc: &'d Document,
    stem_of: &'d Stems<'d>,
    pub sentences: Vec<SentTerms>,
    /// Per sentence, its distinct content stems, sorted.
    stems: Vec<OnceLock<Box<[u32]>>>,
    /// Per sentence, the hashes of its runs of [`GRAM`] words, sorted and distinct.
    grams: Vec<OnceLock<Box<[u32]>>>,
    /// Per stem id: in how many non-boilerplate sentences of this document it occurs.
    pub df: Vec<u32>,
    /// Number of non-boilerplate sentences.
    pub live: usize,
}

impl<'d> Prepared<'d> {
    pub(crate) fn build(doc: &'d Document, stems: &'d Stems<'d>) -> Prepared<'d> {
        let mut df = vec![0u32; stems.count()];
        // Per stem, the last sentence (plus one) that counted it: distinct stems are counted
        // without sorting.
        let mut seen_in = vec![0u32; stems.count()];
        let mut live = 0;
        let sentences = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let tokens = doc.sentence_tokens(s);
                let mark = i as u32 + 1;
                let mut content = 0;
                let mut hash = HASH_SEED;
                for t in tokens {
                    hash = t.term.mix_into(hash);
                    let Some(stem) = stems.of(t.term) else {
                        continue;
                    };
                    if let Some(seen) = seen_in.get_mut(stem as usize)
                        && *seen != mark
                    {
                        *seen = mark;
                        content += 1;
                        if !s.boilerplate {
                            df[stem as usize] += 1;
                        }
                    }
                }
                live += usize::from(!s.boilerplate);
                SentTerms {
                    hash,
                    content,
                    boilerplate: s.boilerplate,
                }
            })
            .collect();
        let cells = || (0..doc.sentences.len()).map(|_| OnceLock::new()).collect();
        Prepared {
            doc,
            stem_of: stems,
            sentences,
            stems: cells(),
            grams: cells(),
            df,
            live,
        }
    }

    /// Make the scoring data of every live sentence whose hash is not `copied`.
    pub(crate) fn prepare_scoring(&self, copied: impl Fn(u64) -> bool) {
        for (i, s) in self.sentences.iter().enumerate() {
            if !s.boilerplate && !copied(s.hash) {
                self.stems(i as u32);
                self.grams(i as u32);
            }
        }
    }

    /// The sorted distinct content stems of sentence `i`.
    pub(crate) fn stems(&self, i: u32) -> &[u32] {
        self.on_first_use(&self.stems, i, |tokens| {
            tokens
                .iter()
                .filter_map(|t| self.stem_of.of(t.term))
                .collect()
        })
    }

    /// The sorted distinct hashes of sentence `i`'s runs of [`GRAM`] words.
    pub(crate) fn grams(&self, i: u32) -> &[u32] {
        self.on_first_use(&self.grams, i, |tokens| {
            let mut grams = Vec::with_capacity(tokens.len());
            // The last GRAM words, the newest at `n % GRAM`.
            let mut ring = [TermId(0); GRAM];
            let words = tokens.iter().filter(|t| t.kind != TokenKind::Punct);
            for (n, t) in words.enumerate() {
                ring[n % GRAM] = t.term;
                // Only the high half of each hash is kept: a rare collision costs a slightly
                // higher score for one pair, and the list takes half the memory.
                if n + 1 >= GRAM {
                    let oldest_first = (1..=GRAM).map(|k| ring[(n + k) % GRAM]);
                    grams.push((hash_terms(oldest_first) >> 32) as u32);
                }
            }
            grams
        })
    }

    /// Sentence `i`'s entry of `cells`, made from its tokens by `make`, sorted and distinct,
    /// the first time it is asked for.
    fn on_first_use<'s>(
        &'s self,
        cells: &'s [OnceLock<Box<[u32]>>],
        i: u32,
        make: impl FnOnce(&[Token]) -> Vec<u32>,
    ) -> &'s [u32] {
        let (Some(cell), Some(sentence)) =
            (cells.get(i as usize), self.doc.sentences.get(i as usize))
        else {
            return &[];
        };
        cell.get_or_init(|| {
            let mut list = make(self.doc.sentence_tokens(sentence));
            list.sort_unstable();
            list.dedup();
            list.into_boxed_slice()
        })
    }
}

/// A hash of a term sequence ([`TermId::mix_into`]); collisions are checked by the caller.
fn hash_terms(terms: impl Iterator<Item = TermId>) -> u64 {
    terms.fold(HASH_SEED, |hash, term| term.mix_into(hash))
}

const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_meet_and_short_words_stay() {
        assert_eq!(stem("influence"), stem("influencing"));
        assert_eq!(stem("influenced"), stem("influences"));
        assert_eq!(stem("authorised"), stem("authorized"));
        assert_eq!(stem("elections"), stem("election"));
        assert_eq!(stem("votes"), stem("vote"));
        assert_eq!(stem("allies"), "ally");
        assert_eq!(stem("trump's"), "trump");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("glass"), "glass");
        assert_ne!(stem("state"), stem("station"));
        assert_eq!(stem("2020"), "2020");
    }
}
