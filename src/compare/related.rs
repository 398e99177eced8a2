//! Content stems related in meaning (synonyms, derivations) for one comparison, from the
//! WordNet relations of [`crate::lexicon::related`]: "sacked" and "fired" share no stem, yet a
//! reader pairs the sentences they stand in.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::terms::stem;
use crate::lexicon;

/// The lexicon's relations between stems rather than words, made once per process on first
/// use: a vocabulary meets them through its stems ("fired" and "fire" both stem to one form).
fn stem_relations() -> &'static FxHashMap<String, Vec<String>> {
    static CELL: OnceLock<FxHashMap<String, Vec<String>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (word, others) in lexicon::related_pairs() {
            let from = stem(word).into_owned();
            for other in others {
                let to = stem(other).into_owned();
                if to != from {
                    map.entry(from.clone()).or_default().push(to.clone());
                    map.entry(to).or_default().push(from.clone());
                }
            }
        }
        for list in map.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        map
    })
}

/// Per stem id of one vocabulary, the sorted ids of the stems related to it.
pub(crate) struct Related {
    starts: Vec<u32>,
    list: Vec<u32>,
}

impl Related {
    /// The relations among the stems `names` (stem text to id) of `count` stems.
    pub(crate) fn build(names: &FxHashMap<Cow<str>, u32>, count: usize) -> Related {
        let relations = stem_relations();
        let mut per: Vec<Vec<u32>> = vec![Vec::new(); count];
        for (name, &id) in names {
            let Some(others) = relations.get(name.as_ref()) else {
                continue;
            };
            let Some(slot) = per.get_mut(id as usize) else {
                continue;
            };
            slot.extend(others.iter().filter_map(|o| names.get(o.as_str()).copied()));
            slot.sort_unstable();
            slot.dedup();
        }
        let mut starts = Vec::with_capacity(count + 1);
        let mut list = Vec::new();
        starts.push(0);
        for slot in per {
            list.extend(slot);
            starts.push(list.len() as u32);
        }
        Related { starts, list }
    }

    /// The stems related to `stem`, sorted.
    pub(crate) fn of(&self, stem: u32) -> &[u32] {
        let from = self.starts.get(stem as usize).copied().unwrap_or(0) as usize;
        let to = self.starts.get(stem as usize + 1).copied().unwrap_or(0) as usize;
        self.list.get(from..to).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::stem_relations;
    use crate::compare::terms::stem;

    #[test]
    fn synonyms_and_derivations_meet_through_their_stems() {
        let related = |x: &str, y: &str| {
            stem_relations()
                .get(stem(x).as_ref())
                .is_some_and(|l| l.iter().any(|s| s == stem(y).as_ref()))
        };
        assert!(related("fired", "sacked"));
        assert!(related("favour", "prefer"));
        assert!(related("destroyed", "destruction"));
        assert!(!related("fired", "preferred"));
    }
}
