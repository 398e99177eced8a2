//! Runs of two sentences against one: the 2:1 and 1:2 items, weighed against what each half
//! matches on its own, so a half that moved elsewhere is not swallowed by a neighbour's link.

use rustc_hash::FxHashMap;

use super::search::{verbatim_ceiling, with_verbatim};
use super::{Pair, Side, Space, union};
use crate::compare::chain::Item;

/// A 2:1 or 1:2 link must beat its better half's own link to the same sentence by this much:
/// a second half that adds only a shared name or a common word is a false friend. A partner
/// elsewhere is "clearly better" than a pair by the same margin.
const MERGE_GAIN: f32 = 0.03;

/// The similarities of the candidate 1:1 pairs, and each sentence's best partner among them.
pub(super) struct Singles {
    pairs: FxHashMap<(u32, u32), f32>,
    /// Per position: the best similarity and the other side's position that has it.
    best_a: Vec<(f32, u32)>,
    best_b: Vec<(f32, u32)>,
}

impl Singles {
    pub(super) fn new(seeds: &[(u32, u32, f32)], a_len: usize, b_len: usize) -> Singles {
        let none = (0f32, u32::MAX);
        let (mut best_a, mut best_b) = (vec![none; a_len], vec![none; b_len]);
        for &(x, y, sim) in seeds {
            if let Some(b) = best_a.get_mut(x as usize)
                && sim > b.0
            {
                *b = (sim, y);
            }
            if let Some(b) = best_b.get_mut(y as usize)
                && sim > b.0
            {
                *b = (sim, x);
            }
        }
        Singles {
            pairs: seeds.iter().map(|&(x, y, s)| ((x, y), s)).collect(),
            best_a,
            best_b,
        }
    }

    /// The similarity of positions `x` and `y`, zero if they are no candidates.
    fn get(&self, x: u32, y: u32) -> f32 {
        self.pairs.get(&(x, y)).copied().unwrap_or(0.0)
    }

    /// The best partner `(similarity, position)` of position `at` on `side`.
    fn best(&self, side: Side, at: u32) -> (f32, u32) {
        let best = match side {
            Side::A => &self.best_a,
            Side::B => &self.best_b,
        };
        best.get(at as usize).copied().unwrap_or((0.0, u32::MAX))
    }

    /// Whether the pair `x`, `y` of similarity `sim` should give way: one of them and some
    /// other sentence are each other's best partners, clearly better than `sim` and strong
    /// enough (`strong`) to be linked even out of order. Linking the weaker pair in order would
    /// take the sentence from the partner it moved to.
    pub(super) fn displaced(&self, x: u32, y: u32, sim: f32, strong: f32) -> bool {
        let beaten = |best: f32| best >= strong && best >= sim + MERGE_GAIN;
        let (best_x, to) = self.best(Side::A, x);
        let (best_y, from) = self.best(Side::B, y);
        to != y && beaten(best_x) && self.best(Side::B, to).1 == x
            || from != x && beaten(best_y) && self.best(Side::A, from).1 == y
    }
}

impl Pair<'_> {
    /// The 2:1 (or 1:2) item that merges positions `first, first + 1` on `side` against the
    /// other side's sentence in `at`, if both halves share content with it and together they
    /// match clearly better than either alone, and better than either half matches anything
    /// else: a half with a stronger partner elsewhere (a moved sentence) is left to it.
    pub(super) fn merged(
        &self,
        side: Side,
        first: u32,
        at: (u32, u32),
        space: &Space,
        single: &Singles,
    ) -> Option<Item> {
        let (ids, fixed, other) = match side {
            Side::A => (
                space.a_live,
                space.fixed_a,
                space.b_live.get(at.1 as usize)?,
            ),
            Side::B => (
                space.b_live,
                space.fixed_b,
                space.a_live.get(at.0 as usize)?,
            ),
        };
        let (p, q) = (*ids.get(first as usize)?, *ids.get(first as usize + 1)?);
        if q != p + 1 {
            return None; // something (boilerplate) sits between them
        }
        if fixed.get(first as usize) != Some(&false)
            || fixed.get(first as usize + 1) != Some(&false)
        {
            return None; // an exact repeat is already spoken for
        }
        let (prep, other_prep) = match side {
            Side::A => (self.pa, self.pb),
            Side::B => (self.pb, self.pa),
        };
        let part = |k: u32| match side {
            Side::A => single.get(k, at.1),
            Side::B => single.get(at.0, k),
        };
        let own = part(first).max(part(first + 1));
        let elsewhere = single
            .best(side, first)
            .0
            .max(single.best(side, first + 1).0);
        let passes = |sim: f32| {
            sim >= self.options.link_threshold && sim >= own + MERGE_GAIN && sim > elsewhere
        };
        let target = other_prep.stems(*other);
        // Each half must share a word with the target as written: words related in meaning
        // alone do not make a merge, and most tries end here before looking them up.
        if self.exact_overlap(prep.stems(p), target).1 == 0
            || self.exact_overlap(prep.stems(q), target).1 == 0
        {
            return None;
        }
        let (sp, sq) = (
            self.overlap(prep.stems(p), target).0,
            self.overlap(prep.stems(q), target).0,
        );
        if sp <= 0.0 || sq <= 0.0 {
            return None;
        }
        // Most tries fail; bounds from the halves (the union shares at most what they share
        // and weighs at least as much as the heavier) spare building the unions for them.
        let heavier = self.weight(prep.stems(p)).max(self.weight(prep.stems(q)));
        let bound = (2.0 * (sp + sq) / (heavier + self.weight(target)).max(f32::EPSILON)).min(1.0);
        if !passes(verbatim_ceiling(bound)) {
            return None;
        }
        let union_stems = union(prep.stems(p), prep.stems(q));
        let (shared, _) = self.overlap(&union_stems, target);
        let dice =
            2.0 * shared / (self.weight(&union_stems) + self.weight(target)).max(f32::EPSILON);
        if !passes(verbatim_ceiling(dice)) {
            return None;
        }
        let sim = with_verbatim(
            dice,
            &union(prep.grams(p), prep.grams(q)),
            other_prep.grams(*other),
        );
        if !passes(sim) {
            return None;
        }
        let (a, b) = match side {
            Side::A => ((first, first + 2), (at.1, at.1 + 1)),
            Side::B => ((at.0, at.0 + 1), (first, first + 2)),
        };
        Some(Item { a, b, weight: sim })
    }
}
