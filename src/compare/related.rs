//! Content stems related in meaning (synonyms, derivations) for one comparison, from the
//! WordNet relations of [`crate::lexicon::related`]: "sacked" and "fired" share no stem, yet a
//! reader pairs the sentences they stand in.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::lexicon;

/// The stems related to the stem `of`, as stem texts: the table is keyed and listed in
/// [`super::terms::stem`]'s stems (its script folds in the dictionary forms a stem stands for,
/// "fir" for "fire"), so this is one lookup.
pub(crate) fn related_stems(of: &str) -> impl Iterator<Item = &'static str> {
    lexicon::related(of)
}

/// A stem's bit in a 64-bit mask of a set of stems: a mask tells cheaply that two sets
/// cannot meet.
pub(crate) fn stem_bit(stem: u32) -> u64 {
    1u64 << (stem % 64)
}

/// The stems related to one stem: their ids sorted, and the mask of their [`stem_bit`]s.
pub(crate) struct RelatedList {
    pub mask: u64,
    pub ids: Vec<u32>,
}

/// Per stem id of one vocabulary, the stems related to it, each list made the first time it
/// is asked for: a light edit scores few sentences and asks for few stems.
pub(crate) struct Related<'v> {
    /// Each stem's text, by id.
    texts: Vec<&'v str>,
    lists: Vec<OnceLock<RelatedList>>,
}

/// What a stem outside the vocabulary is related to: nothing.
static NONE: RelatedList = RelatedList {
    mask: 0,
    ids: Vec::new(),
};

impl<'v> Related<'v> {
    /// Ready to relate the stems `names` (stem text to id) of `count` stems.
    pub(crate) fn new(names: &'v FxHashMap<Cow<'v, str>, u32>, count: usize) -> Related<'v> {
        let mut texts = vec![""; count];
        for (name, &id) in names {
            if let Some(slot) = texts.get_mut(id as usize) {
                *slot = name.as_ref();
            }
        }
        Related {
            texts,
            lists: (0..count).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The stems related to `stem`; `names` maps stem texts to ids.
    pub(crate) fn of(&self, stem: u32, names: &FxHashMap<Cow<str>, u32>) -> &RelatedList {
        let (Some(cell), Some(text)) =
            (self.lists.get(stem as usize), self.texts.get(stem as usize))
        else {
            return &NONE;
        };
        cell.get_or_init(|| {
            let mut ids: Vec<u32> = related_stems(text)
                .filter_map(|s| names.get(s).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            RelatedList {
                mask: ids.iter().fold(0, |mask, &r| mask | stem_bit(r)),
                ids,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::related_stems;
    use crate::compare::terms::stem;

    #[test]
    fn synonyms_and_derivations_meet_through_their_stems() {
        let related = |x: &str, y: &str| related_stems(&stem(x)).any(|r| r == stem(y));
        assert!(related("fired", "sacked"));
        assert!(related("decoration", "decorated"));
        assert!(related("sacked", "fired"));
        assert!(related("favour", "prefer"));
        assert!(related("destroyed", "destruction"));
        assert!(!related("fired", "preferred"));
    }
}
