//! Content stems related in meaning (synonyms, derivations) for one comparison, from the
//! WordNet relations of [`crate::lexicon::related`]: "sacked" and "fired" share no stem, yet a
//! reader pairs the sentences they stand in.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::terms::stem;
use crate::lexicon;

/// The dictionary forms a stem may have come from: [`stem`] strips "-e", "-ation", "-ing",
/// "-s", so "fir" (from "fired") is looked up as "fire" too.
fn lemmas(stem: &str) -> impl Iterator<Item = Cow<'_, str>> {
    [
        Cow::Borrowed(stem),
        Cow::Owned(format!("{stem}e")),
        Cow::Owned(format!("{stem}ate")),
        Cow::Owned(format!("{stem}ation")),
    ]
    .into_iter()
}

/// The stems related to the stem `of`, as stem texts.
fn related_stems(of: &str) -> impl Iterator<Item = Cow<'static, str>> + '_ {
    lemmas(of)
        .flat_map(|lemma| lexicon::related(&lemma).collect::<Vec<_>>())
        .map(stem)
        .filter(move |s| s != of)
}

/// Whether two stems (as [`stem`] makes them) are related in meaning.
pub(crate) fn stems_related(x: &str, y: &str) -> bool {
    related_stems(x).any(|s| s == y)
}

/// Per stem id of one vocabulary, the sorted ids of the stems related to it, each list made
/// the first time it is asked for: a light edit scores few sentences and asks for few stems.
pub(crate) struct Related<'v> {
    /// Each stem's text, by id.
    texts: Vec<&'v str>,
    lists: Vec<OnceLock<Box<[u32]>>>,
}

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

    /// The stems related to `stem`, sorted; `names` maps stem texts to ids.
    pub(crate) fn of(&self, stem: u32, names: &FxHashMap<Cow<str>, u32>) -> &[u32] {
        let (Some(cell), Some(text)) =
            (self.lists.get(stem as usize), self.texts.get(stem as usize))
        else {
            return &[];
        };
        cell.get_or_init(|| {
            let mut list: Vec<u32> = related_stems(text)
                .filter_map(|s| names.get(s.as_ref()).copied())
                .collect();
            list.sort_unstable();
            list.dedup();
            list.into_boxed_slice()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::stems_related;
    use crate::compare::terms::stem;

    #[test]
    fn synonyms_and_derivations_meet_through_their_stems() {
        let related = |x: &str, y: &str| stems_related(&stem(x), &stem(y));
        assert!(related("fired", "sacked"));
        assert!(related("sacked", "fired"));
        assert!(related("favour", "prefer"));
        assert!(related("destroyed", "destruction"));
        assert!(!related("fired", "preferred"));
    }
}
